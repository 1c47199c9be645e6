-- auth_attempt: console login attempts, for the brute-force lockout. Its text
-- columns are binary-collated, as OCS created them.
CREATE TABLE IF NOT EXISTS "auth_attempt" (
  "ID" INTEGER PRIMARY KEY AUTOINCREMENT,
  "DATETIMEATTEMPT" TEXT NOT NULL,
  "LOGIN" TEXT,
  "IP" TEXT,
  "SUCCESS" INTEGER
);
