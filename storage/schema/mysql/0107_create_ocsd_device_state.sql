-- ocsd_device_state: per device, the fingerprints of the sections of its
-- last inventory, so an unchanged section is skipped without reading its rows.
CREATE TABLE IF NOT EXISTS `ocsd_device_state` (
  `HARDWARE_ID` int(11) NOT NULL,
  `SECTIONS` text DEFAULT NULL,
  `UPDATED` datetime DEFAULT NULL,
  PRIMARY KEY (`HARDWARE_ID`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
