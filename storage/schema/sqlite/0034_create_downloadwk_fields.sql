-- downloadwk_fields: form fields of the package request workflow.
CREATE TABLE IF NOT EXISTS "downloadwk_fields" (
  "TAB" TEXT,
  "FIELD" TEXT,
  "TYPE" INTEGER,
  "LBL" TEXT,
  "MUST_COMPLETED" INTEGER,
  "ID" INTEGER PRIMARY KEY AUTOINCREMENT,
  "VALUE" TEXT,
  "DEFAULT_FIELD" INTEGER,
  "RESTRICTED" INTEGER,
  "LINK_STATUS" INTEGER
);
