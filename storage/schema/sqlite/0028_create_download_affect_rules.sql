-- download_affect_rules: rules choosing a redistribution server per computer.
CREATE TABLE IF NOT EXISTS "download_affect_rules" (
  "ID" INTEGER PRIMARY KEY AUTOINCREMENT,
  "RULE" INTEGER NOT NULL,
  "PRIORITY" INTEGER NOT NULL,
  "CFIELD" TEXT NOT NULL,
  "OP" TEXT NOT NULL,
  "COMPTO" TEXT NOT NULL,
  "SERV_VALUE" TEXT,
  "RULE_NAME" TEXT NOT NULL
);
