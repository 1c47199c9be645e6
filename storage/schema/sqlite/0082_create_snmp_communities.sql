-- snmp_communities: SNMP credentials (v1/v2c communities, v3 users).
CREATE TABLE IF NOT EXISTS "snmp_communities" (
  "ID" INTEGER PRIMARY KEY AUTOINCREMENT,
  "VERSION" TEXT,
  "NAME" TEXT,
  "USERNAME" TEXT,
  "AUTHPASSWD" TEXT,
  "AUTHPROTO" TEXT,
  "PRIVPROTO" TEXT,
  "PRIVPASSWD" TEXT,
  "LEVEL" TEXT
);
