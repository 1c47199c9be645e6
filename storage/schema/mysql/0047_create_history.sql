-- history: console audit log of administrator actions.
CREATE TABLE IF NOT EXISTS `history` (
  `ID` bigint(20) NOT NULL AUTO_INCREMENT,
  `USER` varchar(255) NOT NULL,
  `DATETIME_ACTION` datetime NOT NULL,
  `ACTION` varchar(255) NOT NULL,
  `TARGET` varchar(255) NOT NULL,
  PRIMARY KEY (`ID`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
