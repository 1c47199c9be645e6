-- snmp_default: devices of the built-in 'Default' SNMP type.
CREATE TABLE IF NOT EXISTS `snmp_default` (
  `ID` int(6) NOT NULL AUTO_INCREMENT,
  `DefaultName` varchar(255) DEFAULT NULL,
  `DefaultDescription` varchar(255) DEFAULT NULL,
  `DefaultLocation` varchar(255) DEFAULT NULL,
  `DefaultUptime` varchar(255) DEFAULT NULL,
  `DefaultAddressIP` varchar(255) DEFAULT NULL,
  `DefaultGateway` varchar(255) DEFAULT NULL,
  PRIMARY KEY (`ID`),
  UNIQUE KEY `DefaultName` (`DefaultName`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
