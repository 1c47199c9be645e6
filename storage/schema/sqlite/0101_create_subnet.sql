-- subnet: named subnets of the IpDiscover pages (PK is the row key, ID a
-- free-form label).
CREATE TABLE IF NOT EXISTS "subnet" (
  "PK" INTEGER PRIMARY KEY AUTOINCREMENT,
  "NETID" TEXT NOT NULL,
  "NAME" TEXT,
  "ID" TEXT,
  "MASK" TEXT,
  "TAG" TEXT
);
CREATE INDEX IF NOT EXISTS "subnet_ID" ON "subnet" ("ID");
