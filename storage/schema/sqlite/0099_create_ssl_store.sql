-- ssl_store: certificates uploaded for package deployment.
CREATE TABLE IF NOT EXISTS "ssl_store" (
  "ID" INTEGER PRIMARY KEY AUTOINCREMENT,
  "FILE" BLOB,
  "AUTHOR" TEXT,
  "FILE_NAME" TEXT,
  "FILE_TYPE" TEXT,
  "DESCRIPTION" TEXT
);
