-- locks: devices being written by an inventory right now.
-- InnoDB instead of OCS's MEMORY engine: Galera replicates InnoDB only
-- (docs/compat.md D4).
CREATE TABLE IF NOT EXISTS `locks` (
  `HARDWARE_ID` int(11) NOT NULL,
  `ID` int(11) DEFAULT NULL,
  `SINCE` timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp(),
  PRIMARY KEY (`HARDWARE_ID`),
  KEY `SINCE` (`SINCE`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
