-- archive: devices an administrator archived (hidden from the console).
CREATE TABLE IF NOT EXISTS "archive" (
  "ID" INTEGER PRIMARY KEY AUTOINCREMENT,
  "HARDWARE_ID" INTEGER NOT NULL,
  CONSTRAINT "archive_ibfk_1" FOREIGN KEY ("HARDWARE_ID") REFERENCES "hardware" ("ID")
);
CREATE UNIQUE INDEX IF NOT EXISTS "archive_HARDWARE_ID" ON "archive" ("HARDWARE_ID");
