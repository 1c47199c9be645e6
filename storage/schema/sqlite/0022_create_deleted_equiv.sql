-- deleted_equiv: trace of merged and deleted devices (DELETED replaced by
-- EQUIVALENT), read by GLPI when TRACE_DELETED is on.
-- SQLite's CURRENT_TIMESTAMP is UTC and SQLite has no ON UPDATE clause:
-- writers set these timestamps themselves.
CREATE TABLE IF NOT EXISTS "deleted_equiv" (
  "ID" INTEGER PRIMARY KEY AUTOINCREMENT,
  "DATE" TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "DELETED" TEXT NOT NULL,
  "EQUIVALENT" TEXT
);
CREATE INDEX IF NOT EXISTS "deleted_equiv_DELETED" ON "deleted_equiv" ("DELETED");
