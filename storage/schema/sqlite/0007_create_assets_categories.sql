-- assets_categories: console-defined asset categories and the query behind each.
CREATE TABLE IF NOT EXISTS "assets_categories" (
  "ID" INTEGER PRIMARY KEY AUTOINCREMENT,
  "CATEGORY_NAME" TEXT NOT NULL,
  "CATEGORY_DESC" TEXT NOT NULL,
  "SQL_QUERY" TEXT NOT NULL,
  "SQL_ARGS" TEXT NOT NULL
);
