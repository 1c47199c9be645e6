-- blacklist_macaddresses: MAC addresses never used to detect duplicates.
CREATE TABLE IF NOT EXISTS "blacklist_macaddresses" (
  "ID" INTEGER PRIMARY KEY AUTOINCREMENT,
  "MACADDRESS" TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX IF NOT EXISTS "blacklist_macaddresses_MACADDRESS" ON "blacklist_macaddresses" ("MACADDRESS");
