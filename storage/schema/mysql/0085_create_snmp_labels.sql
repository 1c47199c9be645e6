-- snmp_labels: column names SNMP types can fill.
CREATE TABLE IF NOT EXISTS `snmp_labels` (
  `ID` int(11) NOT NULL AUTO_INCREMENT,
  `LABEL_NAME` varchar(255) NOT NULL,
  PRIMARY KEY (`ID`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
