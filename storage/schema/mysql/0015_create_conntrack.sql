-- conntrack: per-IP connection tracking of the inventory flood filter.
-- InnoDB instead of OCS's MEMORY engine: Galera replicates InnoDB only
-- (docs/compat.md D4).
CREATE TABLE IF NOT EXISTS `conntrack` (
  `IP` varchar(255) NOT NULL DEFAULT '',
  `TIMESTAMP` timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp(),
  PRIMARY KEY (`IP`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
