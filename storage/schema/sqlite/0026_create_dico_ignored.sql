-- dico_ignored: software names the dictionary hides.
-- OCS_CI compares like MySQL's utf8mb3_general_ci (storage/collate.go).
CREATE TABLE IF NOT EXISTS "dico_ignored" (
  "EXTRACTED" TEXT NOT NULL COLLATE OCS_CI,
  PRIMARY KEY ("EXTRACTED")
);
