-- registry_regvalue_cache: distinct registry values, for search forms
-- (TEXT without a unique key since GUI_VERSION 7044).
CREATE TABLE IF NOT EXISTS `registry_regvalue_cache` (
  `ID` int(11) NOT NULL AUTO_INCREMENT,
  `REGVALUE` text DEFAULT NULL,
  PRIMARY KEY (`ID`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
