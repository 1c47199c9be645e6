-- software_link: distinct software triples with their install count, kept
-- for the console's software pages.
CREATE TABLE IF NOT EXISTS "software_link" (
  "ID" INTEGER PRIMARY KEY AUTOINCREMENT,
  "NAME_ID" INTEGER NOT NULL,
  "PUBLISHER_ID" INTEGER NOT NULL,
  "VERSION_ID" INTEGER NOT NULL,
  "CATEGORY_ID" INTEGER,
  "IDENTIFIER" TEXT NOT NULL,
  "COUNT" INTEGER
);
CREATE INDEX IF NOT EXISTS "software_link_NAME_ID" ON "software_link" ("NAME_ID");
CREATE INDEX IF NOT EXISTS "software_link_PUBLISHER_ID" ON "software_link" ("PUBLISHER_ID");
CREATE INDEX IF NOT EXISTS "software_link_VERSION_ID" ON "software_link" ("VERSION_ID");
