-- engine_mutex: named locks of the communication server.
CREATE TABLE IF NOT EXISTS "engine_mutex" (
  "NAME" TEXT NOT NULL DEFAULT '',
  "PID" INTEGER,
  "TAG" TEXT NOT NULL DEFAULT '',
  PRIMARY KEY ("NAME", "TAG")
);
CREATE INDEX IF NOT EXISTS "engine_mutex_PID" ON "engine_mutex" ("PID");
