-- notification_config: mail server settings of the console's reports.
CREATE TABLE IF NOT EXISTS "notification_config" (
  "ID" INTEGER PRIMARY KEY AUTOINCREMENT,
  "NAME" TEXT NOT NULL,
  "TVALUE" TEXT
);
