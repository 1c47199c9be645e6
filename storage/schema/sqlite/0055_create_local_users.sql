-- local_users: LOCAL_USERS section rows (Unix accounts). Text compares
-- byte for byte, as in OCS (SQLite's default BINARY collation).
-- MySQL keys it on (ID, HARDWARE_ID) with an auto-increment ID; SQLite
-- only auto-increments an INTEGER PRIMARY KEY, and ID alone is already
-- unique, so ID is the key here.
CREATE TABLE IF NOT EXISTS "local_users" (
  "ID" INTEGER PRIMARY KEY AUTOINCREMENT,
  "HARDWARE_ID" INTEGER NOT NULL,
  "ID_USER" TEXT,
  "GID" TEXT,
  "NAME" TEXT,
  "HOME" TEXT,
  "SHELL" TEXT,
  "LOGIN" TEXT,
  "MEMBER" TEXT
);
