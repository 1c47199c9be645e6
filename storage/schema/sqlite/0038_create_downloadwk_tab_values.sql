-- downloadwk_tab_values: the tabs of the package request form.
CREATE TABLE IF NOT EXISTS "downloadwk_tab_values" (
  "FIELD" TEXT,
  "VALUE" TEXT,
  "LBL" TEXT,
  "ID" INTEGER PRIMARY KEY AUTOINCREMENT,
  "DEFAULT_FIELD" INTEGER
);
