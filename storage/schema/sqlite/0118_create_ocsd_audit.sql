-- ocsd_audit: the audit trail of administrative changes made through ocsd
-- (SOAP ocsd_* operations and `ocsd dictionary`): when, who (the SOAP
-- Basic-auth user or the command line's user), through which interface,
-- what action on which object, and the object before and after.
CREATE TABLE IF NOT EXISTS "ocsd_audit" (
  "ID" INTEGER PRIMARY KEY AUTOINCREMENT,
  "DATE" TEXT NOT NULL,
  "ACTOR" TEXT NOT NULL,
  "VIA" TEXT NOT NULL,
  "ACTION" TEXT NOT NULL,
  "TARGET" TEXT NOT NULL,
  "BEFORE_VALUE" TEXT,
  "AFTER_VALUE" TEXT
);
CREATE INDEX IF NOT EXISTS "ocsd_audit_DATE" ON "ocsd_audit" ("DATE");
