-- snmp_accountinfo: administrative fields of SNMP devices (GUI_VERSION 7067
-- layout); the console adds fields_N columns.
CREATE TABLE IF NOT EXISTS "snmp_accountinfo" (
  "ID" INTEGER PRIMARY KEY AUTOINCREMENT,
  "SNMP_TYPE" TEXT NOT NULL,
  "SNMP_RECONCILIATION_FIELD" TEXT NOT NULL,
  "SNMP_RECONCILIATION_VALUE" TEXT NOT NULL,
  "TAG" TEXT DEFAULT 'NA'
);
CREATE INDEX IF NOT EXISTS "snmp_accountinfo_TAG" ON "snmp_accountinfo" ("TAG");
