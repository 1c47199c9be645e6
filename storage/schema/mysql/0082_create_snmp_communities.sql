-- snmp_communities: SNMP credentials (v1/v2c communities, v3 users).
CREATE TABLE IF NOT EXISTS `snmp_communities` (
  `ID` int(11) NOT NULL AUTO_INCREMENT,
  `VERSION` varchar(5) DEFAULT NULL,
  `NAME` varchar(255) DEFAULT NULL,
  `USERNAME` varchar(255) DEFAULT NULL,
  `AUTHPASSWD` varchar(255) DEFAULT NULL,
  `AUTHPROTO` varchar(255) DEFAULT NULL,
  `PRIVPROTO` varchar(255) DEFAULT NULL,
  `PRIVPASSWD` varchar(255) DEFAULT NULL,
  `LEVEL` varchar(255) DEFAULT NULL,
  PRIMARY KEY (`ID`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
