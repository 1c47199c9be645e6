-- prolog_conntrack: recent prologs per device id, for session checks.
CREATE TABLE IF NOT EXISTS "prolog_conntrack" (
  "ID" INTEGER PRIMARY KEY AUTOINCREMENT,
  "DEVICEID" TEXT,
  "TIMESTAMP" INTEGER,
  "PID" INTEGER
);
CREATE INDEX IF NOT EXISTS "prolog_conntrack_DEVICEID" ON "prolog_conntrack" ("DEVICEID");
