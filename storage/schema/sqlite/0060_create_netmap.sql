-- netmap: hosts found on the network by IpDiscover, keyed by MAC.
-- SQLite's CURRENT_TIMESTAMP is UTC and SQLite has no ON UPDATE clause:
-- writers set these timestamps themselves.
CREATE TABLE IF NOT EXISTS "netmap" (
  "IP" TEXT NOT NULL,
  "MAC" TEXT NOT NULL,
  "MASK" TEXT NOT NULL,
  "NETID" TEXT NOT NULL,
  "DATE" TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "NAME" TEXT,
  "TAG" TEXT,
  "HARDWARE_ID" INTEGER,
  PRIMARY KEY ("MAC")
);
CREATE INDEX IF NOT EXISTS "netmap_IP" ON "netmap" ("IP");
CREATE INDEX IF NOT EXISTS "netmap_NETID" ON "netmap" ("NETID");
