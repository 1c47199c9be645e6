-- ocsd's own ledger: one row per migration applied to this database.
-- It is created first so every later step can be recorded.
CREATE TABLE IF NOT EXISTS "ocsd_migrations" (
  "VERSION" INTEGER NOT NULL,
  "NAME" TEXT,
  "APPLIED" TEXT,
  PRIMARY KEY ("VERSION")
);
