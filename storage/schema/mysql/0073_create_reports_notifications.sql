-- reports_notifications: scheduled e-mail reports on groups.
CREATE TABLE IF NOT EXISTS `reports_notifications` (
  `ID` bigint(20) NOT NULL AUTO_INCREMENT,
  `GROUP_ID` int(11) NOT NULL,
  `RECURRENCE` varchar(255) NOT NULL,
  `END_DATE` datetime DEFAULT NULL,
  `DATE_CREATED` datetime DEFAULT NULL,
  `WEEKDAY` varchar(255) DEFAULT NULL,
  `LAST_EXEC` datetime DEFAULT NULL,
  `MAIL` varchar(255) NOT NULL,
  `STATUS` varchar(255) NOT NULL,
  PRIMARY KEY (`ID`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
