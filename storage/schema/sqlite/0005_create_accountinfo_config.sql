-- accountinfo_config: the definitions of the administrative fields
-- (computers and SNMP devices), as the console edits them.
CREATE TABLE IF NOT EXISTS "accountinfo_config" (
  "ID" INTEGER PRIMARY KEY AUTOINCREMENT,
  "NAME_ACCOUNTINFO" TEXT,
  "TYPE" INTEGER,
  "NAME" TEXT,
  "ID_TAB" INTEGER,
  "COMMENT" TEXT,
  "SHOW_ORDER" INTEGER NOT NULL,
  "ACCOUNT_TYPE" TEXT,
  "DEFAULT_VALUE" TEXT
);
