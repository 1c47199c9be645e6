-- cve_search_history: when each publisher was last scanned for CVEs.
CREATE TABLE IF NOT EXISTS "cve_search_history" (
  "ID" INTEGER PRIMARY KEY AUTOINCREMENT,
  "FLAG_DATE" TEXT NOT NULL,
  "CVE_NB" INTEGER DEFAULT 0,
  "PUBLISHER_ID" INTEGER NOT NULL
);
