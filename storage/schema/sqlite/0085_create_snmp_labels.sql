-- snmp_labels: column names SNMP types can fill.
CREATE TABLE IF NOT EXISTS "snmp_labels" (
  "ID" INTEGER PRIMARY KEY AUTOINCREMENT,
  "LABEL_NAME" TEXT NOT NULL
);
