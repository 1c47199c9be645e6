-- locks: devices being written by an inventory right now.
-- SQLite's CURRENT_TIMESTAMP is UTC and SQLite has no ON UPDATE clause:
-- writers set these timestamps themselves.
CREATE TABLE IF NOT EXISTS "locks" (
  "HARDWARE_ID" INTEGER NOT NULL,
  "ID" INTEGER,
  "SINCE" TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY ("HARDWARE_ID")
);
CREATE INDEX IF NOT EXISTS "locks_SINCE" ON "locks" ("SINCE");
