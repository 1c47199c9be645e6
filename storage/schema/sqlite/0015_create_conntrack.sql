-- conntrack: per-IP connection tracking of the inventory flood filter.
-- SQLite's CURRENT_TIMESTAMP is UTC and SQLite has no ON UPDATE clause:
-- writers set these timestamps themselves.
CREATE TABLE IF NOT EXISTS "conntrack" (
  "IP" TEXT NOT NULL DEFAULT '',
  "TIMESTAMP" TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY ("IP")
);
