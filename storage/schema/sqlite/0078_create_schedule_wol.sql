-- schedule_WOL: planned Wake-on-LAN sends (the mixed-case name is OCS's).
CREATE TABLE IF NOT EXISTS "schedule_WOL" (
  "ID" INTEGER PRIMARY KEY AUTOINCREMENT,
  "MACHINE_ID" TEXT NOT NULL,
  "WOL_DATE" TEXT NOT NULL
);
