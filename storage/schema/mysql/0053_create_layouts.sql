-- layouts: saved column layouts of the console's tables.
CREATE TABLE IF NOT EXISTS `layouts` (
  `ID` bigint(20) NOT NULL AUTO_INCREMENT,
  `LAYOUT_NAME` varchar(255) NOT NULL,
  `CREATOR` varchar(255) NOT NULL,
  `TABLE_NAME` varchar(255) NOT NULL,
  `DESCRIPTION` varchar(255) DEFAULT NULL,
  `VISIBLE_COL` text NOT NULL,
  `VISIBILITY_SCOPE` varchar(255) DEFAULT 'USER',
  `GROUP_ID` varchar(255) DEFAULT NULL,
  PRIMARY KEY (`ID`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
