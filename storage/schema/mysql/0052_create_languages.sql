-- languages: console translations uploaded by administrators.
CREATE TABLE IF NOT EXISTS `languages` (
  `NAME` varchar(60) NOT NULL,
  `IMG` blob DEFAULT NULL,
  `JSON_VALUE` longtext DEFAULT NULL,
  PRIMARY KEY (`NAME`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
