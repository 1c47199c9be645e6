-- notification: e-mail report templates of the console.
CREATE TABLE IF NOT EXISTS "notification" (
  "ID" INTEGER PRIMARY KEY AUTOINCREMENT,
  "TYPE" TEXT NOT NULL,
  "FILE" TEXT,
  "SUBJECT" TEXT,
  "ALTBODY" TEXT
);
