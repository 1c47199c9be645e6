-- cve_search: CVE matches found by the console's CVE scan, per software triple.
CREATE TABLE IF NOT EXISTS `cve_search` (
  `ID` int(11) NOT NULL AUTO_INCREMENT,
  `PUBLISHER_ID` int(11) NOT NULL,
  `NAME_ID` int(11) NOT NULL,
  `VERSION_ID` int(11) NOT NULL,
  `CVSS` double(4,2) NOT NULL,
  `CVE` varchar(255) DEFAULT NULL,
  `LINK` varchar(255) DEFAULT NULL,
  PRIMARY KEY (`ID`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
