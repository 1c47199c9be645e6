-- software_category_exp: the name patterns that put software in a category.
CREATE TABLE IF NOT EXISTS "software_category_exp" (
  "CATEGORY_ID" INTEGER NOT NULL,
  "SOFTWARE_EXP" TEXT NOT NULL,
  "SIGN_VERSION" TEXT,
  "VERSION" TEXT,
  "PUBLISHER" TEXT,
  "ID" INTEGER PRIMARY KEY AUTOINCREMENT
);
CREATE INDEX IF NOT EXISTS "software_category_exp_CATEGORY_ID" ON "software_category_exp" ("CATEGORY_ID");
