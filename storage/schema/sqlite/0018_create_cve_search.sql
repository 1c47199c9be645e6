-- cve_search: CVE matches found by the console's CVE scan, per software triple.
CREATE TABLE IF NOT EXISTS "cve_search" (
  "ID" INTEGER PRIMARY KEY AUTOINCREMENT,
  "PUBLISHER_ID" INTEGER NOT NULL,
  "NAME_ID" INTEGER NOT NULL,
  "VERSION_ID" INTEGER NOT NULL,
  "CVSS" REAL NOT NULL,
  "CVE" TEXT,
  "LINK" TEXT
);
