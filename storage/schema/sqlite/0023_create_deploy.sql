-- deploy: files of the legacy agent auto-deployment feature.
CREATE TABLE IF NOT EXISTS "deploy" (
  "NAME" TEXT NOT NULL,
  "CONTENT" BLOB NOT NULL,
  PRIMARY KEY ("NAME")
);
