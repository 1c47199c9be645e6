-- files: agent binaries served by the legacy deployment feature.
CREATE TABLE IF NOT EXISTS "files" (
  "NAME" TEXT NOT NULL,
  "VERSION" TEXT NOT NULL,
  "OS" TEXT NOT NULL,
  "CONTENT" BLOB NOT NULL,
  PRIMARY KEY ("NAME", "OS", "VERSION")
);
