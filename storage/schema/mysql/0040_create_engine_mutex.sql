-- engine_mutex: named locks of the communication server.
-- InnoDB instead of OCS's MEMORY engine: Galera replicates InnoDB only
-- (docs/compat.md D4).
CREATE TABLE IF NOT EXISTS `engine_mutex` (
  `NAME` varchar(255) NOT NULL DEFAULT '',
  `PID` int(11) DEFAULT NULL,
  `TAG` varchar(255) NOT NULL DEFAULT '',
  PRIMARY KEY (`NAME`,`TAG`),
  KEY `PID` (`PID`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
