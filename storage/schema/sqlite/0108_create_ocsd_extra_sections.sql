-- ocsd_extra_sections: inventory sections OCS has no table for, kept as the
-- agent sent them.
CREATE TABLE IF NOT EXISTS "ocsd_extra_sections" (
  "HARDWARE_ID" INTEGER NOT NULL,
  "SECTION" TEXT NOT NULL,
  "CONTENT" TEXT,
  "HASH" TEXT,
  PRIMARY KEY ("HARDWARE_ID", "SECTION")
);
