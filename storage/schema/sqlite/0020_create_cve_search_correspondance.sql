-- cve_search_correspondance: name rewrites applied before CVE lookups.
CREATE TABLE IF NOT EXISTS "cve_search_correspondance" (
  "ID" INTEGER PRIMARY KEY AUTOINCREMENT,
  "NAME_REG" TEXT NOT NULL,
  "PUBLISH_RESULT" TEXT,
  "NAME_RESULT" TEXT
);
