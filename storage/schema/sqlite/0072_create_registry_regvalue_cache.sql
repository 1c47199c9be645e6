-- registry_regvalue_cache: distinct registry values, for search forms
-- (TEXT without a unique key since GUI_VERSION 7044).
CREATE TABLE IF NOT EXISTS "registry_regvalue_cache" (
  "ID" INTEGER PRIMARY KEY AUTOINCREMENT,
  "REGVALUE" TEXT
);
