-- saas: SaaS usage found per device (DNS cache entries matched by saas_exp).
CREATE TABLE IF NOT EXISTS `saas` (
  `ID` int(11) NOT NULL AUTO_INCREMENT,
  `SAAS_EXP_ID` int(11) NOT NULL,
  `HARDWARE_ID` int(11) NOT NULL,
  `ENTRY` varchar(255) NOT NULL,
  `DATA` varchar(255) NOT NULL,
  `TTL` int(11) NOT NULL,
  PRIMARY KEY (`ID`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
