-- registry_name_cache: distinct registry query names, for search forms.
CREATE TABLE IF NOT EXISTS "registry_name_cache" (
  "ID" INTEGER PRIMARY KEY AUTOINCREMENT,
  "NAME" TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS "registry_name_cache_NAME" ON "registry_name_cache" ("NAME");
