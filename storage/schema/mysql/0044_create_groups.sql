-- groups: computer groups; a group is a hardware row whose DEVICEID is
-- _SYSTEMGROUP_ (or _DOWNLOADGROUP_), with its query here.
CREATE TABLE IF NOT EXISTS `groups` (
  `HARDWARE_ID` int(11) NOT NULL DEFAULT 0,
  `REQUEST` longtext DEFAULT NULL,
  `CREATE_TIME` int(11) DEFAULT 0,
  `REVALIDATE_FROM` int(11) DEFAULT 0,
  `XMLDEF` longtext DEFAULT NULL,
  PRIMARY KEY (`HARDWARE_ID`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
