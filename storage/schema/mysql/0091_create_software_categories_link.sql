-- software_categories_link: which category each software triple falls in.
CREATE TABLE IF NOT EXISTS `software_categories_link` (
  `ID` bigint(20) NOT NULL AUTO_INCREMENT,
  `NAME_ID` int(11) NOT NULL,
  `PUBLISHER_ID` int(11) NOT NULL,
  `VERSION_ID` int(11) NOT NULL,
  `CATEGORY_ID` int(11) NOT NULL,
  PRIMARY KEY (`ID`),
  KEY `NAME_ID` (`NAME_ID`),
  KEY `PUBLISHER_ID` (`PUBLISHER_ID`),
  KEY `VERSION_ID` (`VERSION_ID`),
  KEY `CATEGORY_ID` (`CATEGORY_ID`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
