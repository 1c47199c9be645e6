-- save_query: saved console searches and who may see them.
CREATE TABLE IF NOT EXISTS `save_query` (
  `ID` int(11) NOT NULL AUTO_INCREMENT,
  `QUERY_NAME` varchar(255) NOT NULL,
  `DESCRIPTION` text DEFAULT NULL,
  `PARAMETERS` text NOT NULL,
  `WHO_CAN_SEE` varchar(255) DEFAULT 'ALL',
  `USER_ID` varchar(255) DEFAULT NULL,
  `GROUP_ID` varchar(255) DEFAULT NULL,
  PRIMARY KEY (`ID`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
