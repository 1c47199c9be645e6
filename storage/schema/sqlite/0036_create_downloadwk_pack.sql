-- downloadwk_pack: package requests; the console adds fields_N columns.
CREATE TABLE IF NOT EXISTS "downloadwk_pack" (
  "ID" INTEGER PRIMARY KEY AUTOINCREMENT,
  "LOGIN_USER" TEXT,
  "GROUP_USER" TEXT,
  "Q_DATE" INTEGER,
  "fields_1" TEXT,
  "fields_2" TEXT,
  "fields_3" TEXT,
  "fields_4" TEXT,
  "fields_5" TEXT,
  "fields_6" TEXT,
  "fields_7" TEXT,
  "fields_8" TEXT,
  "fields_9" TEXT,
  "fields_10" TEXT
);
