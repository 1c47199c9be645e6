-- blacklist_subnet: subnets IpDiscover must not elect agents in.
CREATE TABLE IF NOT EXISTS "blacklist_subnet" (
  "ID" INTEGER PRIMARY KEY AUTOINCREMENT,
  "SUBNET" TEXT NOT NULL DEFAULT '',
  "MASK" TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX IF NOT EXISTS "blacklist_subnet_SUBNET" ON "blacklist_subnet" ("SUBNET", "MASK");
