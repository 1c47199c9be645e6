-- software_publisher: distinct software publishers (id 1 is 'Unavailable').
CREATE TABLE IF NOT EXISTS `software_publisher` (
  `ID` int(11) NOT NULL AUTO_INCREMENT,
  `PUBLISHER` varchar(255) NOT NULL,
  PRIMARY KEY (`ID`),
  UNIQUE KEY `PUBLISHER` (`PUBLISHER`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
