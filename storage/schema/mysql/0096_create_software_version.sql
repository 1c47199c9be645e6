-- software_version: distinct software versions (id 1 is 'Unavailable').
CREATE TABLE IF NOT EXISTS `software_version` (
  `ID` int(11) NOT NULL AUTO_INCREMENT,
  `VERSION` varchar(255) NOT NULL,
  PRIMARY KEY (`ID`),
  UNIQUE KEY `VERSION` (`VERSION`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
