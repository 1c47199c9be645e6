-- network_devices: IpDiscover hosts an administrator identified by hand.
CREATE TABLE IF NOT EXISTS "network_devices" (
  "ID" INTEGER PRIMARY KEY AUTOINCREMENT,
  "DESCRIPTION" TEXT,
  "TYPE" TEXT,
  "MACADDR" TEXT,
  "USER" TEXT
);
CREATE INDEX IF NOT EXISTS "network_devices_MACADDR" ON "network_devices" ("MACADDR");
