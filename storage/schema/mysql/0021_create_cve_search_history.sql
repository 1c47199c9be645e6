-- cve_search_history: when each publisher was last scanned for CVEs.
CREATE TABLE IF NOT EXISTS `cve_search_history` (
  `ID` int(11) NOT NULL AUTO_INCREMENT,
  `FLAG_DATE` datetime NOT NULL,
  `CVE_NB` int(11) DEFAULT 0,
  `PUBLISHER_ID` int(11) NOT NULL,
  PRIMARY KEY (`ID`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
