-- schedule_WOL: planned Wake-on-LAN sends (the mixed-case name is OCS's).
CREATE TABLE IF NOT EXISTS `schedule_WOL` (
  `ID` int(11) NOT NULL AUTO_INCREMENT,
  `MACHINE_ID` varchar(255) NOT NULL,
  `WOL_DATE` datetime NOT NULL,
  PRIMARY KEY (`ID`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
