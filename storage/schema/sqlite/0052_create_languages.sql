-- languages: console translations uploaded by administrators.
CREATE TABLE IF NOT EXISTS "languages" (
  "NAME" TEXT NOT NULL,
  "IMG" BLOB,
  "JSON_VALUE" TEXT,
  PRIMARY KEY ("NAME")
);
