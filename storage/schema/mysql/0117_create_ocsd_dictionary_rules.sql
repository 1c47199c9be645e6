-- ocsd_dictionary_rules: ocsd's software dictionary rules, applied to the
-- names dico_soft has no exact entry for (dictionary/rule.go): KIND is
-- IEXACT, PREFIX or REGEXP (RE2); lower PRIORITY first, then ID. PATTERN
-- compares in binary, so patterns differing only in case are two rules.
CREATE TABLE IF NOT EXISTS `ocsd_dictionary_rules` (
  `ID` int(11) NOT NULL AUTO_INCREMENT,
  `KIND` varchar(16) NOT NULL,
  `PATTERN` varchar(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  `FORMATTED` varchar(255) NOT NULL,
  `PRIORITY` int(11) NOT NULL DEFAULT 100,
  `CREATED` datetime DEFAULT NULL,
  PRIMARY KEY (`ID`),
  UNIQUE KEY `KIND_PATTERN` (`KIND`,`PATTERN`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
