-- devices: per-device options (package assignments, IpDiscover role,
-- frequency overrides…), one row per option and device.
CREATE TABLE IF NOT EXISTS "devices" (
  "ID" INTEGER PRIMARY KEY AUTOINCREMENT,
  "HARDWARE_ID" INTEGER NOT NULL,
  "NAME" TEXT NOT NULL,
  "IVALUE" INTEGER,
  "TVALUE" TEXT,
  "COMMENTS" TEXT
);
CREATE INDEX IF NOT EXISTS "devices_HARDWARE_ID" ON "devices" ("HARDWARE_ID");
CREATE INDEX IF NOT EXISTS "devices_TVALUE" ON "devices" ("TVALUE");
CREATE INDEX IF NOT EXISTS "devices_IVALUE" ON "devices" ("IVALUE");
CREATE INDEX IF NOT EXISTS "devices_NAME" ON "devices" ("NAME");
