-- snmp_default: devices of the built-in 'Default' SNMP type.
CREATE TABLE IF NOT EXISTS "snmp_default" (
  "ID" INTEGER PRIMARY KEY AUTOINCREMENT,
  "DefaultName" TEXT,
  "DefaultDescription" TEXT,
  "DefaultLocation" TEXT,
  "DefaultUptime" TEXT,
  "DefaultAddressIP" TEXT,
  "DefaultGateway" TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS "snmp_default_DefaultName" ON "snmp_default" ("DefaultName");
