-- snmp_mibs: MIB files known to the console.
CREATE TABLE IF NOT EXISTS "snmp_mibs" (
  "ID" INTEGER PRIMARY KEY AUTOINCREMENT,
  "VENDOR" TEXT,
  "URL" TEXT,
  "CHECKSUM" TEXT,
  "VERSION" TEXT,
  "PARSER" TEXT
);
