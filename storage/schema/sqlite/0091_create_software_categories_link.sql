-- software_categories_link: which category each software triple falls in.
CREATE TABLE IF NOT EXISTS "software_categories_link" (
  "ID" INTEGER PRIMARY KEY AUTOINCREMENT,
  "NAME_ID" INTEGER NOT NULL,
  "PUBLISHER_ID" INTEGER NOT NULL,
  "VERSION_ID" INTEGER NOT NULL,
  "CATEGORY_ID" INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS "software_categories_link_NAME_ID" ON "software_categories_link" ("NAME_ID");
CREATE INDEX IF NOT EXISTS "software_categories_link_PUBLISHER_ID" ON "software_categories_link" ("PUBLISHER_ID");
CREATE INDEX IF NOT EXISTS "software_categories_link_VERSION_ID" ON "software_categories_link" ("VERSION_ID");
CREATE INDEX IF NOT EXISTS "software_categories_link_CATEGORY_ID" ON "software_categories_link" ("CATEGORY_ID");
