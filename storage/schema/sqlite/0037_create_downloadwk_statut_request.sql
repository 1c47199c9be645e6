-- downloadwk_statut_request: the states a package request moves through.
CREATE TABLE IF NOT EXISTS "downloadwk_statut_request" (
  "ID" INTEGER PRIMARY KEY AUTOINCREMENT,
  "NAME" TEXT,
  "LBL" TEXT,
  "ACTIF" INTEGER
);
