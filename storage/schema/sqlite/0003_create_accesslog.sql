-- accesslog: last logged-in user and process list per device (ACCESSLOG section).
CREATE TABLE IF NOT EXISTS "accesslog" (
  "ID" INTEGER PRIMARY KEY AUTOINCREMENT,
  "HARDWARE_ID" INTEGER NOT NULL,
  "USERID" TEXT,
  "LOGDATE" TEXT,
  "PROCESSES" TEXT
);
CREATE INDEX IF NOT EXISTS "accesslog_HARDWARE_ID" ON "accesslog" ("HARDWARE_ID");
CREATE INDEX IF NOT EXISTS "accesslog_USERID" ON "accesslog" ("USERID");
