-- dico_soft: the software dictionary, raw name to display name.
-- OCS_CI compares like MySQL's utf8mb3_general_ci (storage/collate.go).
CREATE TABLE IF NOT EXISTS "dico_soft" (
  "EXTRACTED" TEXT NOT NULL COLLATE OCS_CI,
  "FORMATTED" TEXT NOT NULL,
  PRIMARY KEY ("EXTRACTED")
);
