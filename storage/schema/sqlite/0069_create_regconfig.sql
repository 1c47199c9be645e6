-- regconfig: the registry keys agents are asked to read (REGISTRY query).
CREATE TABLE IF NOT EXISTS "regconfig" (
  "ID" INTEGER PRIMARY KEY AUTOINCREMENT,
  "NAME" TEXT,
  "REGTREE" INTEGER,
  "REGKEY" TEXT,
  "REGVALUE" TEXT
);
CREATE INDEX IF NOT EXISTS "regconfig_NAME" ON "regconfig" ("NAME");
