-- download_history: packages each device reports as installed.
CREATE TABLE IF NOT EXISTS "download_history" (
  "HARDWARE_ID" INTEGER NOT NULL,
  "PKG_ID" INTEGER NOT NULL DEFAULT 0,
  "PKG_NAME" TEXT,
  PRIMARY KEY ("HARDWARE_ID", "PKG_ID")
);
