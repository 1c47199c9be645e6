-- devicetype: the types an administrator can give to IpDiscover-found devices.
CREATE TABLE IF NOT EXISTS "devicetype" (
  "ID" INTEGER PRIMARY KEY AUTOINCREMENT,
  "NAME" TEXT
);
