-- ocsd_audit: the audit trail of administrative changes made through ocsd
-- (SOAP ocsd_* operations and `ocsd dictionary`): when, who (the SOAP
-- Basic-auth user or the command line's user), through which interface,
-- what action on which object, and the object before and after.
CREATE TABLE IF NOT EXISTS `ocsd_audit` (
  `ID` bigint(20) NOT NULL AUTO_INCREMENT,
  `DATE` datetime NOT NULL,
  `ACTOR` varchar(255) NOT NULL,
  `VIA` varchar(16) NOT NULL,
  `ACTION` varchar(64) NOT NULL,
  `TARGET` varchar(512) NOT NULL,
  `BEFORE_VALUE` text DEFAULT NULL,
  `AFTER_VALUE` text DEFAULT NULL,
  PRIMARY KEY (`ID`),
  KEY `DATE` (`DATE`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
