-- cve_search_computer: CVE matches per computer, denormalised for reports.
-- Text compares byte for byte, as in OCS (SQLite's default BINARY collation).
CREATE TABLE IF NOT EXISTS "cve_search_computer" (
  "ID" INTEGER PRIMARY KEY AUTOINCREMENT,
  "HARDWARE_ID" INTEGER NOT NULL,
  "HARDWARE_NAME" TEXT NOT NULL,
  "PUBLISHER" TEXT NOT NULL,
  "VERSION" TEXT NOT NULL,
  "SOFTWARE_NAME" TEXT NOT NULL,
  "CVSS" TEXT NOT NULL,
  "CVE" TEXT NOT NULL,
  "LINK" TEXT NOT NULL
);
