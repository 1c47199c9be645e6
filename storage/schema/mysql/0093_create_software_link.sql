-- software_link: distinct software triples with their install count, kept
-- for the console's software pages.
CREATE TABLE IF NOT EXISTS `software_link` (
  `ID` bigint(20) NOT NULL AUTO_INCREMENT,
  `NAME_ID` int(11) NOT NULL,
  `PUBLISHER_ID` int(11) NOT NULL,
  `VERSION_ID` int(11) NOT NULL,
  `CATEGORY_ID` int(11) DEFAULT NULL,
  `IDENTIFIER` varchar(255) CHARACTER SET utf8mb3 COLLATE utf8mb3_bin NOT NULL,
  `COUNT` int(11) DEFAULT NULL,
  PRIMARY KEY (`ID`),
  KEY `NAME_ID` (`NAME_ID`),
  KEY `PUBLISHER_ID` (`PUBLISHER_ID`),
  KEY `VERSION_ID` (`VERSION_ID`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
