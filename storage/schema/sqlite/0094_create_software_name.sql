-- software_name: distinct software names; unique under the table's
-- case- and accent-insensitive collation.
-- OCS_CI compares like MySQL's utf8mb3_general_ci (storage/collate.go).
CREATE TABLE IF NOT EXISTS "software_name" (
  "ID" INTEGER PRIMARY KEY AUTOINCREMENT,
  "NAME" TEXT NOT NULL COLLATE OCS_CI
);
CREATE UNIQUE INDEX IF NOT EXISTS "software_name_NAME" ON "software_name" ("NAME");
