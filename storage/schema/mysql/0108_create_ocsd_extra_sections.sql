-- ocsd_extra_sections: inventory sections OCS has no table for, kept as the
-- agent sent them. utf8mb4 because agents' raw XML may hold characters
-- outside the Basic Multilingual Plane, which utf8mb3 cannot store.
CREATE TABLE IF NOT EXISTS `ocsd_extra_sections` (
  `HARDWARE_ID` int(11) NOT NULL,
  `SECTION` varchar(100) NOT NULL,
  `CONTENT` longtext DEFAULT NULL,
  `HASH` varchar(16) DEFAULT NULL,
  PRIMARY KEY (`HARDWARE_ID`,`SECTION`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
