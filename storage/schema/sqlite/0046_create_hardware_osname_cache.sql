-- hardware_osname_cache: distinct OS names, for the console's search forms.
CREATE TABLE IF NOT EXISTS "hardware_osname_cache" (
  "ID" INTEGER PRIMARY KEY AUTOINCREMENT,
  "OSNAME" TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS "hardware_osname_cache_OSNAME" ON "hardware_osname_cache" ("OSNAME");
