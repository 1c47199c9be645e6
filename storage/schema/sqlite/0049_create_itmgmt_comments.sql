-- itmgmt_comments: administrators' notes on a device.
CREATE TABLE IF NOT EXISTS "itmgmt_comments" (
  "ID" INTEGER PRIMARY KEY AUTOINCREMENT,
  "HARDWARE_ID" INTEGER NOT NULL,
  "COMMENTS" TEXT,
  "USER_INSERT" TEXT,
  "DATE_INSERT" TEXT,
  "ACTION" TEXT,
  "VISIBLE" INTEGER
);
CREATE INDEX IF NOT EXISTS "itmgmt_comments_HARDWARE_ID" ON "itmgmt_comments" ("HARDWARE_ID");
