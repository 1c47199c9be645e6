-- downloadwk_conf_values: choice lists of the package request workflow.
CREATE TABLE IF NOT EXISTS "downloadwk_conf_values" (
  "FIELD" INTEGER,
  "VALUE" TEXT,
  "ID" INTEGER PRIMARY KEY AUTOINCREMENT,
  "DEFAULT_FIELD" INTEGER
);
