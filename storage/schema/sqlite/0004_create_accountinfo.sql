-- accountinfo: administrative fields of a computer, TAG first. The console
-- adds fields_N columns to it when administrators define new fields.
CREATE TABLE IF NOT EXISTS "accountinfo" (
  "HARDWARE_ID" INTEGER NOT NULL,
  "TAG" TEXT DEFAULT 'NA',
  PRIMARY KEY ("HARDWARE_ID")
);
CREATE INDEX IF NOT EXISTS "accountinfo_TAG" ON "accountinfo" ("TAG");
