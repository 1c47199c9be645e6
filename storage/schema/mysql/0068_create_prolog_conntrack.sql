-- prolog_conntrack: recent prologs per device id, for session checks.
-- InnoDB instead of OCS's MEMORY engine: Galera replicates InnoDB only
-- (docs/compat.md D4).
CREATE TABLE IF NOT EXISTS `prolog_conntrack` (
  `ID` int(11) NOT NULL AUTO_INCREMENT,
  `DEVICEID` varchar(255) DEFAULT NULL,
  `TIMESTAMP` int(11) DEFAULT NULL,
  `PID` int(11) DEFAULT NULL,
  PRIMARY KEY (`ID`),
  KEY `DEVICEID` (`DEVICEID`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
