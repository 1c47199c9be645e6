-- download_servers: computers acting as package redistribution servers.
CREATE TABLE IF NOT EXISTS "download_servers" (
  "HARDWARE_ID" INTEGER NOT NULL,
  "URL" TEXT NOT NULL,
  "ADD_PORT" INTEGER NOT NULL,
  "ADD_REP" TEXT NOT NULL,
  "GROUP_ID" INTEGER NOT NULL,
  PRIMARY KEY ("HARDWARE_ID")
);
