-- groups_cache: group membership (STATIC 0 computed, 1 forced in, 2 forced out).
CREATE TABLE IF NOT EXISTS `groups_cache` (
  `HARDWARE_ID` int(11) NOT NULL DEFAULT 0,
  `GROUP_ID` int(11) NOT NULL DEFAULT 0,
  `STATIC` int(11) DEFAULT 0,
  PRIMARY KEY (`HARDWARE_ID`,`GROUP_ID`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
