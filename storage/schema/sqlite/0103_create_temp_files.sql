-- temp_files: files attached in the console (package requests, fields).
CREATE TABLE IF NOT EXISTS "temp_files" (
  "ID" INTEGER PRIMARY KEY AUTOINCREMENT,
  "TABLE_NAME" TEXT,
  "FIELDS_NAME" TEXT,
  "file" BLOB,
  "COMMENT" TEXT,
  "AUTHOR" TEXT,
  "FILE_NAME" TEXT,
  "FILE_TYPE" TEXT,
  "FILE_SIZE" INTEGER,
  "ID_DDE" INTEGER
);
