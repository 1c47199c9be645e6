-- local_groups: LOCAL_GROUPS section rows (Unix groups). Text compares
-- byte for byte, as in OCS (SQLite's default BINARY collation).
-- MySQL keys it on (ID, HARDWARE_ID) with an auto-increment ID; SQLite
-- only auto-increments an INTEGER PRIMARY KEY, and ID alone is already
-- unique, so ID is the key here.
CREATE TABLE IF NOT EXISTS "local_groups" (
  "ID" INTEGER PRIMARY KEY AUTOINCREMENT,
  "HARDWARE_ID" INTEGER NOT NULL,
  "ID_GROUP" TEXT,
  "NAME" TEXT,
  "MEMBER" TEXT
);
