package storage

import "context"

// configRow is one seeded row of the config table; nil stands for NULL.
type configRow struct {
	name    string
	ivalue  any
	tvalue  any
	comment any
}

// configRows are the config rows of a fresh OCS GUI_VERSION 7069 install:
// the base install's rows, without DOWNLOAD_REDISTRIB (dropped by 7051), with
// the rows updates 7042, 7043, 7059, 7060 and 7064 add, PASSWORD_VERSION 2
// (7062) and GUI_VERSION 7069. TRACE_DELETED is 1, not 0 (docs/compat.md D1).
// Values follow OCS exactly, empty strings and NULLs included, as the console
// reads them as they are; the comments are ocsd's.
func configRows() []configRow {
	return []configRow{
		{"AUTO_DUPLICATE_LVL", 7, "", "Duplicate detection criteria (bitmap)"},
		{"CONEX_LDAP_FILTER1", nil, "", nil},
		{"CONEX_LDAP_FILTER1_ROLE", nil, "", nil},
		{"CONEX_LDAP_FILTER2", nil, "", nil},
		{"CONEX_LDAP_FILTER2_ROLE", nil, "", nil},
		{"CONEX_LDAP_NB_FILTERS", 0, "2", ""},
		{"DEFAULT_CATEGORY", nil, nil, nil},
		{"DEPLOY", 1, "", "Legacy automatic agent deployment"},
		{"DOWNLOAD", 0, "", "Package deployment"},
		{"DOWNLOAD_CYCLE_LATENCY", 60, "", "Seconds between two download cycles"},
		{"DOWNLOAD_FRAG_LATENCY", 10, "", "Seconds between two fragment downloads"},
		{"DOWNLOAD_GROUPS_TRACE_EVENTS", 1, "", "Track packages assigned through groups per computer"},
		{"DOWNLOAD_PACK_DIR", 0, "/var/lib/ocsinventory-reports", "Directory of deployment packages"},
		{"DOWNLOAD_PERIOD_LATENCY", 1, "", "Seconds between two download periods"},
		{"DOWNLOAD_PERIOD_LENGTH", 10, "", "Cycles per download period"},
		{"DOWNLOAD_SERVER_DOCROOT", 0, `d:\tele_ocs`, "Package directory of redistribution servers"},
		{"DOWNLOAD_SERVER_URI", 0, "$IP$/local", "Package URL of redistribution servers"},
		{"DOWNLOAD_TIMEOUT", 30, "", "Days a package stays valid"},
		{"ENABLE_GROUPS", 1, "", "Computer groups"},
		{"FREQUENCY", 0, "", "Days between inventories (0: every contact, -1: never)"},
		{"GENERATE_OCS_FILES", 0, "", "Write a copy of each inventory for a higher-level server"},
		{"GROUPS_CACHE_OFFSET", 43200, "", "Random spread (seconds) of group cache recomputations"},
		{"GROUPS_CACHE_REVALIDATE", 43200, "", "Seconds a computed group membership stays valid"},
		{"GUI_REPORT_AGIN_MACH", 30, "", "Console dashboard: days since last contact"},
		{"GUI_REPORT_DD_MAX", 4000, "", "Console dashboard: disk threshold"},
		{"GUI_REPORT_DD_MINI", 500, "", "Console dashboard: disk threshold"},
		{"GUI_REPORT_NOT_VIEW", 3, "", "Console dashboard: days not seen"},
		{"GUI_REPORT_PROC_MAX", 3000, "", "Console dashboard: processor threshold"},
		{"GUI_REPORT_PROC_MINI", 1000, "", "Console dashboard: processor threshold"},
		{"GUI_REPORT_RAM_MAX", 512, "", "Console dashboard: memory threshold"},
		{"GUI_REPORT_RAM_MINI", 128, "", "Console dashboard: memory threshold"},
		{"GUI_VERSION", 0, "7069", "Schema version of the database"},
		{"INTERFACE_LAST_CONTACT", 15, "", "Console: custom last-contact period"},
		{"INVENTORY_CACHE_ENABLED", 1, "", "Keep the search caches of the console"},
		{"INVENTORY_CACHE_REVALIDATE", 7, "", "Days between inventory cache cleanups"},
		{"INVENTORY_DIFF", 1, "", "Write only the sections that changed"},
		{"INVENTORY_FILTER_ENABLED", 0, "", "Inventory filters"},
		{"INVENTORY_FILTER_FLOOD_IP", 0, "", "Accept one new computer per IP address per period"},
		{"INVENTORY_FILTER_FLOOD_IP_CACHE_TIME", 300, "", "Period of the flood filter (seconds)"},
		{"INVENTORY_FILTER_ON", 0, "", "Inventory filter stack"},
		{"INVENTORY_ON_STARTUP", 1, "1", "Agents inventory when their service starts"},
		{"INVENTORY_TRANSACTION", 1, "", "One database transaction per inventory"},
		{"INVENTORY_WRITE_DIFF", 0, "", "Row-level diff writes"},
		{"IPDISCOVER", 2, "", "IpDiscover agents per network"},
		{"IPDISCOVER_BETTER_THRESHOLD", 1, "", "Days of advantage needed to replace an IpDiscover agent"},
		{"IPDISCOVER_IPD_DIR", 0, "/var/lib/ocsinventory-reports", "Directory of IpDiscover files"},
		{"IPDISCOVER_LATENCY", 100, "", "Milliseconds between two ARP requests"},
		{"IPDISCOVER_MAX_ALIVE", 7, "", "Days before a silent IpDiscover agent is replaced"},
		{"IPDISCOVER_NO_POSTPONE", 0, "", "Elect IpDiscover agents without waiting"},
		{"IPDISCOVER_PURGE_OLD", 0, "", "Purge old IpDiscover data"},
		{"IPDISCOVER_PURGE_VALIDITY_TIME", 30, "", "Days IpDiscover data stays valid"},
		{"IPDISCOVER_USE_GROUPS", 1, "", "Honour group IpDiscover settings"},
		{"LOCK_REUSE_TIME", 600, "", "Seconds after which a computer lock may be taken over"},
		{"LOGLEVEL", 0, "", "Server log level"},
		{"LOG_DIR", 0, "/var/lib/ocsinventory-reports", "Directory of console logs"},
		{"LOG_SCRIPT", 0, "/var/lib/ocsinventory-reports", "Directory of script logs"},
		{"OCS_FILES_FORMAT", 0, "OCS", "Inventory copies: compressed (OCS) or XML"},
		{"OCS_FILES_OVERWRITE", 0, "", "Overwrite inventory copies"},
		{"OCS_FILES_PATH", 0, "/tmp", "Directory of inventory copies"},
		{"OCS_SERVER_ADDRESS", 0, "127.0.0.1", "Server address for the web service plugin"},
		{"PASSWORD_VERSION", 2, "PASSWORD_BCRYPT", "Operator password hashing version"},
		{"PROLOG_FILTER_ON", 0, "", "Prolog filter stack"},
		{"PROLOG_FREQ", 24, "", "Hours between agent contacts"},
		{"REGISTRY", 0, "", "Registry queries"},
		{"SECURITY_AUTHENTICATION_BLOCK_IP", 0, "", "Block an address after failed logins"},
		{"SECURITY_AUTHENTICATION_NB_ATTEMPT", 1, "", "Failed logins before blocking"},
		{"SECURITY_AUTHENTICATION_TIME_BLOCK", 1, "", "Blocking time"},
		{"SECURITY_PASSWORD_ENABLED", 0, "", "Password policy"},
		{"SECURITY_PASSWORD_FORCE_NB", 0, "", "Passwords need a digit"},
		{"SECURITY_PASSWORD_FORCE_SPE_CHAR", 0, "", "Passwords need a special character"},
		{"SECURITY_PASSWORD_FORCE_UPPER", 0, "", "Passwords need an upper-case letter"},
		{"SECURITY_PASSWORD_MIN_CHAR", 1, "", "Minimum password length"},
		{"SESSION_VALIDITY_TIME", 600, "", "Seconds a prolog session stays valid for its inventory"},
		{"SNMP_INVENTORY_DIFF", 1, nil, "Write only the SNMP data that changed"},
		{"TAB_ACCOUNTAG_1", 1, "TAG", "Default tab of computer administrative data"},
		{"TAB_ACCOUNTSNMP_1", 1, "TAG", "Default tab of SNMP administrative data"},
		{"TRACE_DELETED", 1, "", "Trace merged and deleted computers (GLPI needs 1)"},
		{"UPDATE", 0, "", "Legacy agent self-update"},
		{"VULN_CVE_DELAY_TIME", 2, "", "Delay between two CVE scans"},
		{"WARN_UPDATE", 1, "1", "Tell administrators about new versions"},
		{"WOL_PORT", 0, "7,9", "Wake-on-LAN ports"},
	}
}

func seedConfig(ctx context.Context, s *seeder) error {
	rows := configRows()
	values := make([][]any, len(rows))
	for i, r := range rows {
		values[i] = []any{r.name, r.ivalue, r.tvalue, r.comment}
	}
	return s.insert(ctx, "config", []string{"NAME", "IVALUE", "TVALUE", "COMMENTS"}, values)
}

// seedBlacklists writes the well-known junk serial numbers and MAC addresses
// that must never make two devices look like duplicates. Ids are OCS's.
func seedBlacklists(ctx context.Context, s *seeder) error {
	macs := [][]any{
		{1, "00:00:00:00:00:00"}, {2, "FF:FF:FF:FF:FF:FF"}, {3, "44:45:53:54:00:00"},
		{4, "44:45:53:54:00:01"}, {5, "00:01:02:7D:9B:1C"}, {6, "00:08:A1:46:06:35"},
		{7, "00:08:A1:66:E2:1A"}, {8, "00:09:DD:10:37:68"}, {9, "00:0F:EA:9A:E2:F0"},
		{10, "00:10:5A:72:71:F3"}, {11, "00:11:11:85:08:8B"}, {12, "10:11:11:11:11:11"},
		{13, "44:45:53:54:61:6F"}, {14, ""},
	}
	if err := s.insert(ctx, "blacklist_macaddresses", []string{"ID", "MACADDRESS"}, macs); err != nil {
		return err
	}
	serials := [][]any{
		{1, "N/A"}, {2, "(null string)"}, {3, "INVALID"}, {4, "SYS-1234567890"},
		{5, "SYS-9876543210"}, {6, "SN-12345"}, {7, "SN-1234567890"}, {8, "1111111111"},
		{9, "1111111"}, {10, "1"}, {11, "0123456789"}, {12, "12345"},
		{13, "123456"}, {14, "1234567"}, {15, "12345678"}, {16, "123456789"},
		{17, "1234567890"}, {18, "123456789000"}, {19, "12345678901234567"}, {20, "0000000000"},
		{21, "000000000"}, {22, "00000000"}, {23, "0000000"}, {24, "000000"},
		{25, "NNNNNNN"}, {26, "xxxxxxxxxxx"}, {27, "EVAL"}, {28, "IATPASS"},
		{29, "none"}, {30, "To Be Filled By O.E.M."}, {31, "Tulip Computers"}, {32, "Serial Number xxxxxx"},
		{33, "SN-123456fvgv3i0b8o5n6n7k"}, {34, ""},
	}
	return s.insert(ctx, "blacklist_serials", []string{"ID", "SERIAL"}, serials)
}
