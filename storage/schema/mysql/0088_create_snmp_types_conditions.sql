-- snmp_types_conditions: the OID tests that recognise an SNMP type.
-- Binary-collated text columns, as OCS created them.
CREATE TABLE IF NOT EXISTS `snmp_types_conditions` (
  `ID` int(11) NOT NULL AUTO_INCREMENT,
  `TYPE_ID` int(11) NOT NULL,
  `CONDITION_OID` varchar(255) CHARACTER SET utf8mb3 COLLATE utf8mb3_bin NOT NULL,
  `CONDITION_VALUE` varchar(255) CHARACTER SET utf8mb3 COLLATE utf8mb3_bin DEFAULT NULL,
  PRIMARY KEY (`ID`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
