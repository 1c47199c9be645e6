-- softwares_name_cache: distinct software names, for search forms.
CREATE TABLE IF NOT EXISTS "softwares_name_cache" (
  "ID" INTEGER PRIMARY KEY AUTOINCREMENT,
  "NAME" TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS "softwares_name_cache_NAME" ON "softwares_name_cache" ("NAME");
