-- accountinfo: administrative fields of a computer, TAG first. The console
-- adds fields_N columns to it when administrators define new fields.
CREATE TABLE IF NOT EXISTS `accountinfo` (
  `HARDWARE_ID` int(11) NOT NULL,
  `TAG` varchar(255) DEFAULT 'NA',
  PRIMARY KEY (`HARDWARE_ID`),
  KEY `TAG` (`TAG`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
