-- software_publisher: distinct software publishers (id 1 is 'Unavailable').
-- OCS_CI compares like MySQL's utf8mb3_general_ci (storage/collate.go).
CREATE TABLE IF NOT EXISTS "software_publisher" (
  "ID" INTEGER PRIMARY KEY AUTOINCREMENT,
  "PUBLISHER" TEXT NOT NULL COLLATE OCS_CI
);
CREATE UNIQUE INDEX IF NOT EXISTS "software_publisher_PUBLISHER" ON "software_publisher" ("PUBLISHER");
