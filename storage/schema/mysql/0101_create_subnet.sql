-- subnet: named subnets of the IpDiscover pages (PK is the row key, ID a
-- free-form label).
CREATE TABLE IF NOT EXISTS `subnet` (
  `PK` int(11) NOT NULL AUTO_INCREMENT,
  `NETID` varchar(15) NOT NULL,
  `NAME` varchar(255) DEFAULT NULL,
  `ID` varchar(255) DEFAULT NULL,
  `MASK` varchar(255) DEFAULT NULL,
  `TAG` varchar(255) DEFAULT NULL,
  PRIMARY KEY (`PK`),
  KEY `ID` (`ID`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
