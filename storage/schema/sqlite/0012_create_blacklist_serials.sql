-- blacklist_serials: serial numbers never used to detect duplicates.
CREATE TABLE IF NOT EXISTS "blacklist_serials" (
  "ID" INTEGER PRIMARY KEY AUTOINCREMENT,
  "SERIAL" TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX IF NOT EXISTS "blacklist_serials_SERIAL" ON "blacklist_serials" ("SERIAL");
