-- groups_cache: group membership (STATIC 0 computed, 1 forced in, 2 forced out).
CREATE TABLE IF NOT EXISTS "groups_cache" (
  "HARDWARE_ID" INTEGER NOT NULL DEFAULT 0,
  "GROUP_ID" INTEGER NOT NULL DEFAULT 0,
  "STATIC" INTEGER DEFAULT 0,
  PRIMARY KEY ("HARDWARE_ID", "GROUP_ID")
);
