-- snmp_types_conditions: the OID tests that recognise an SNMP type.
-- Text compares byte for byte, as in OCS (SQLite's default BINARY collation).
CREATE TABLE IF NOT EXISTS "snmp_types_conditions" (
  "ID" INTEGER PRIMARY KEY AUTOINCREMENT,
  "TYPE_ID" INTEGER NOT NULL,
  "CONDITION_OID" TEXT NOT NULL,
  "CONDITION_VALUE" TEXT
);
