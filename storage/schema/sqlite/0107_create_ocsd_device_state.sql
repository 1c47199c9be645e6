-- ocsd_device_state: per device, the fingerprints of the sections of its
-- last inventory, so an unchanged section is skipped without reading its rows.
CREATE TABLE IF NOT EXISTS "ocsd_device_state" (
  "HARDWARE_ID" INTEGER NOT NULL,
  "SECTIONS" TEXT,
  "UPDATED" TEXT,
  PRIMARY KEY ("HARDWARE_ID")
);
