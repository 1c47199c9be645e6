-- download_enable: activations of a package (where its info and fragments live).
CREATE TABLE IF NOT EXISTS "download_enable" (
  "ID" INTEGER PRIMARY KEY AUTOINCREMENT,
  "FILEID" TEXT NOT NULL,
  "INFO_LOC" TEXT NOT NULL,
  "PACK_LOC" TEXT NOT NULL,
  "CERT_PATH" TEXT,
  "CERT_FILE" TEXT,
  "SERVER_ID" INTEGER,
  "GROUP_ID" INTEGER
);
CREATE INDEX IF NOT EXISTS "download_enable_FILEID" ON "download_enable" ("FILEID");
