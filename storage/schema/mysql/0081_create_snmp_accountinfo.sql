-- snmp_accountinfo: administrative fields of SNMP devices (GUI_VERSION 7067
-- layout); the console adds fields_N columns.
CREATE TABLE IF NOT EXISTS `snmp_accountinfo` (
  `ID` int(11) NOT NULL AUTO_INCREMENT,
  `SNMP_TYPE` varchar(255) NOT NULL,
  `SNMP_RECONCILIATION_FIELD` varchar(255) NOT NULL,
  `SNMP_RECONCILIATION_VALUE` varchar(255) NOT NULL,
  `TAG` varchar(255) DEFAULT 'NA',
  PRIMARY KEY (`ID`),
  KEY `TAG` (`TAG`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
