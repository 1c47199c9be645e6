-- extensions: console plugins installed. Lower-case, binary-collated columns,
-- as OCS declares them.
-- SQLite's CURRENT_TIMESTAMP is UTC and SQLite has no ON UPDATE clause:
-- writers set these timestamps themselves.
CREATE TABLE IF NOT EXISTS "extensions" (
  "id" TEXT NOT NULL,
  "name" TEXT NOT NULL,
  "description" TEXT,
  "version" REAL NOT NULL,
  "licence" TEXT,
  "author" TEXT,
  "contributor" TEXT,
  "install_date" TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY ("id")
);
