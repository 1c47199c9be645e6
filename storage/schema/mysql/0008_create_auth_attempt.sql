-- auth_attempt: console login attempts, for the brute-force lockout. Its text
-- columns are binary-collated, as OCS created them.
CREATE TABLE IF NOT EXISTS `auth_attempt` (
  `ID` int(11) NOT NULL AUTO_INCREMENT,
  `DATETIMEATTEMPT` datetime NOT NULL,
  `LOGIN` varchar(255) CHARACTER SET utf8mb3 COLLATE utf8mb3_bin DEFAULT NULL,
  `IP` varchar(255) CHARACTER SET utf8mb3 COLLATE utf8mb3_bin DEFAULT NULL,
  `SUCCESS` int(1) DEFAULT NULL,
  PRIMARY KEY (`ID`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
