-- config: server and console options, one row per key (IVALUE or TVALUE).
CREATE TABLE IF NOT EXISTS "config" (
  "NAME" TEXT NOT NULL,
  "IVALUE" INTEGER,
  "TVALUE" TEXT,
  "COMMENTS" TEXT,
  PRIMARY KEY ("NAME")
);
