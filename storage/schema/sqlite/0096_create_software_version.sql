-- software_version: distinct software versions (id 1 is 'Unavailable').
-- OCS_CI compares like MySQL's utf8mb3_general_ci (storage/collate.go).
CREATE TABLE IF NOT EXISTS "software_version" (
  "ID" INTEGER PRIMARY KEY AUTOINCREMENT,
  "VERSION" TEXT NOT NULL COLLATE OCS_CI
);
CREATE UNIQUE INDEX IF NOT EXISTS "software_version_VERSION" ON "software_version" ("VERSION");
