-- software_categories: software categories defined in the console.
CREATE TABLE IF NOT EXISTS "software_categories" (
  "ID" INTEGER PRIMARY KEY AUTOINCREMENT,
  "CATEGORY_NAME" TEXT NOT NULL,
  "OS" TEXT
);
