-- engine_persistent: values the server keeps between requests (e.g. the
-- last run of periodic jobs).
CREATE TABLE IF NOT EXISTS "engine_persistent" (
  "ID" INTEGER PRIMARY KEY AUTOINCREMENT,
  "NAME" TEXT NOT NULL DEFAULT '',
  "IVALUE" INTEGER,
  "TVALUE" TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS "engine_persistent_NAME" ON "engine_persistent" ("NAME");
