-- ocsd's own ledger: one row per migration applied to this database.
-- It is created first so every later step can be recorded. ocsd's own
-- tables are utf8mb4: they never need to join OCS text columns.
CREATE TABLE IF NOT EXISTS `ocsd_migrations` (
  `VERSION` int(11) NOT NULL,
  `NAME` varchar(255) DEFAULT NULL,
  `APPLIED` datetime DEFAULT NULL,
  PRIMARY KEY (`VERSION`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
