-- downloadwk_history: audit trail of package requests.
CREATE TABLE IF NOT EXISTS "downloadwk_history" (
  "ID" INTEGER PRIMARY KEY AUTOINCREMENT,
  "ID_DDE" INTEGER,
  "AUTHOR" TEXT,
  "DATE" TEXT,
  "ACTION" TEXT
);
