package main

// The GLPI contract. GLPI's ocsinventoryng plugin reads and writes ocsd's
// database directly (soap-interface.md §9, docs/glpi.md). These tests play
// the plugin: they connect as the MySQL user docs/glpi.md tells
// administrators to create, with the plugin's session settings, and issue
// the plugin's statements against a MariaDB filled by real agents and
// synthetic inventories.

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"ocsd/internal/testsupport"
	"ocsd/storage"
)

// The plugin's statements, restated. The plugin pastes values into the
// statement text (mysqli, no bound parameters), so these are fmt templates
// and the tests send plain text too. Each comment names the plugin code path.
const (
	// OcsDbClient::getConfig: the server check reads GUI_VERSION and
	// TRACE_DELETED; the menu reads IPDISCOVER; custom-field labels
	// ACCOUNT_VALUE_<NAME>_<n> come through sqlAccountValue.
	sqlConfig = "SELECT IVALUE, TVALUE FROM config WHERE NAME = '%s'"
	// OcsDbClient::OcsTableExists, asked before reading any section table.
	sqlTableExists = `SELECT table_name AS TABLE_NAME FROM information_schema.tables
		WHERE table_schema = '%s' AND table_type = 'BASE TABLE' AND table_name = '%s'`
	// OcsDbClient::getAccountInfoColumns.
	sqlAccountColumns = "SHOW COLUMNS FROM accountinfo"

	// OcsDbClient::getComputers: the import and sync lists. The first %s
	// takes the filter fragments below, the second the page.
	sqlComputers = `SELECT DISTINCT hardware.ID, hardware.LASTDATE, hardware.NAME FROM hardware
		INNER JOIN accountinfo ON accountinfo.HARDWARE_ID = hardware.ID
		WHERE hardware.DEVICEID NOT LIKE '\_%%' AND hardware.ARCHIVE IS NULL %s
		ORDER BY LASTDATE %s`
	// OcsDbClient::getComputers and countComputers: the total shown beside the list.
	sqlComputersCount = `SELECT count(DISTINCT hardware.ID) AS total FROM hardware
		INNER JOIN accountinfo ON accountinfo.HARDWARE_ID = hardware.ID
		WHERE hardware.DEVICEID NOT LIKE '\_%%' AND hardware.ARCHIVE IS NULL %s`
	// OcsDbClient::getComputers with an id: one machine, before an import or link.
	sqlComputerByID = `SELECT DISTINCT hardware.ID, hardware.LASTDATE, hardware.NAME FROM hardware
		INNER JOIN accountinfo ON accountinfo.HARDWARE_ID = hardware.ID
		WHERE hardware.ID = %d AND hardware.ARCHIVE IS NULL`
	// Filter fragments of OcsDbClient::getComputers (FILTER option).
	filterChecksum  = " AND (('%d' & hardware.CHECKSUM) > 1)"
	filterTags      = " AND accountinfo.TAG IN (%v)"
	filterNotTags   = " AND accountinfo.TAG NOT IN (%v)"
	filterIDs       = " AND hardware.ID IN (%v)"
	filterDeviceIDs = " AND hardware.DEVICEID IN (%v)"
	filterSince     = " AND (hardware.LASTDATE > '%s')"
	page            = "LIMIT %d OFFSET %d"

	// OcsDbClient::getComputersToUpdate: the cron's "computers to update";
	// %s takes OcsServer::getTagLimit (tagLimit).
	sqlToUpdate = `SELECT hardware.ID FROM hardware
		INNER JOIN accountinfo ON (hardware.ID = accountinfo.HARDWARE_ID)
		WHERE ((hardware.CHECKSUM & %d) > 1 OR hardware.LASTDATE > '%s') AND hardware.ARCHIVE IS NULL
		AND UNIX_TIMESTAMP(LASTDATE) < (UNIX_TIMESTAMP(NOW()) - 180) %s
		ORDER BY hardware.LASTDATE ASC LIMIT %d`
	tagLimit = "AND accountinfo.TAG = '%s'"

	// OcsDbClient::getComputerSections / getComputerRule: META, then HARDWARE.
	sqlMeta = `SELECT hardware.*, accountinfo.TAG FROM hardware
		INNER JOIN accountinfo ON (hardware.ID = accountinfo.HARDWARE_ID)
		WHERE hardware.ID IN (%v) AND hardware.ARCHIVE IS NULL`
	sqlHardware = "SELECT * FROM hardware WHERE ID IN (%v)"
	// OcsDbClient::getComputerSections: every other section table.
	sqlSection = "SELECT * FROM %s WHERE HARDWARE_ID IN (%v)"
	// OcsDbClient::getComputerSections, "softwares" above GUI_VERSION 7034.
	sqlSoftware = `SELECT software_name.NAME, software_version.VERSION, software_publisher.PUBLISHER,
		software.COMMENTS, software.FOLDER, software.FILENAME, software.FILESIZE, software.SOURCE,
		software.HARDWARE_ID, software.GUID, software.LANGUAGE, software.INSTALLDATE, software.BITSWIDTH
		FROM software
		LEFT JOIN software_name ON (software.NAME_ID = software_name.ID)
		LEFT JOIN software_version ON (software.VERSION_ID = software_version.ID)
		LEFT JOIN software_publisher ON (software.PUBLISHER_ID = software_publisher.ID)
		WHERE software.HARDWARE_ID IN (%v) ORDER BY software.ID DESC`
	// The same with "use the software dictionary" (WANTED_DICO_SOFT).
	sqlSoftwareDico = `SELECT IFNULL(dico_soft.FORMATTED, software_name.NAME) AS NAME,
		software_version.VERSION, software_publisher.PUBLISHER, software.COMMENTS, software.HARDWARE_ID
		FROM software
		LEFT JOIN software_name ON (software.NAME_ID = software_name.ID)
		LEFT JOIN software_version ON (software.VERSION_ID = software_version.ID)
		LEFT JOIN software_publisher ON (software.PUBLISHER_ID = software_publisher.ID)
		INNER JOIN dico_soft ON (software_name.NAME = dico_soft.EXTRACTED)
		WHERE software.HARDWARE_ID IN (%v) ORDER BY software.ID DESC`
	// OcsDbClient::getComputerSections, "registry".
	sqlRegistry = `SELECT registry.NAME AS name, registry.REGVALUE AS regvalue, registry.HARDWARE_ID AS HARDWARE_ID,
		regconfig.REGTREE AS regtree, regconfig.REGKEY AS regkey
		FROM registry LEFT JOIN regconfig ON (registry.NAME = regconfig.NAME)
		WHERE HARDWARE_ID IN (%v)`
	// OcsDbClient::getComputerSections, "accountinfo", with the label lookups.
	sqlAccountinfo  = "SELECT * FROM accountinfo WHERE HARDWARE_ID IN (%v)"
	sqlAccountField = "SELECT ID, NAME FROM accountinfo_config WHERE ID = %s"
	sqlAccountValue = "SELECT TVALUE, NAME FROM config WHERE NAME = '%s'"

	// OcsDbClient::getChecksum / setChecksum (OcsProcess::updateComputer,
	// importComputer, linkComputer, manageDeleted).
	sqlGetChecksum = "SELECT CHECKSUM FROM hardware WHERE ID = %d"
	sqlSetChecksum = "UPDATE hardware SET CHECKSUM = %d WHERE ID = %d"
	// OcsDbClient::updateBios / updateTag: fixes of not-imported computers.
	sqlUpdateBios = "UPDATE bios SET SSN = '%s' WHERE HARDWARE_ID = %d"
	sqlUpdateTag  = "UPDATE accountinfo SET TAG = '%s' WHERE HARDWARE_ID = %d"

	// OcsDbClient::getDeletedComputers / removeDeletedComputers (OcsProcess::manageDeleted).
	sqlDeletedCount      = "SELECT COUNT(*) FROM deleted_equiv"
	sqlDeletedList       = "SELECT DATE, DELETED, EQUIVALENT FROM deleted_equiv ORDER BY DATE, EQUIVALENT LIMIT 300"
	sqlDeletedRemovePair = "DELETE FROM deleted_equiv WHERE DELETED = '%s' AND EQUIVALENT = '%s'"
	sqlDeletedRemoveGone = "DELETE FROM deleted_equiv WHERE DELETED IN (%v) AND (EQUIVALENT = '' OR EQUIVALENT IS NULL)"

	// OcsDbClient::getOldAgents / deleteOldAgents: the "clean old agents" cron.
	sqlOldAgents = `SELECT id FROM hardware
		WHERE unix_timestamp(LASTCOME) <= UNIX_TIMESTAMP(NOW() - INTERVAL %d DAY)
		AND deviceid <> '_SYSTEMGROUP_' AND deviceid <> '_DOWNLOADGROUP_'`
	sqlOldAgent          = "SELECT deviceid, name, IPADDR, OSNAME FROM hardware WHERE id = %d"
	sqlOldAgentRows      = "DELETE FROM `%s` WHERE HARDWARE_ID = %d"
	sqlOldAgentDownloads = "DELETE FROM download_enable WHERE SERVER_ID = %d"
	sqlOldAgentHardware  = "DELETE FROM hardware WHERE id = %d"
	sqlOldAgentTrace     = "INSERT INTO deleted_equiv (DELETED, EQUIVALENT) VALUES ('%s', 'NULL')"

	// IpdiscoverOcslink and Notimportedcomputer::deleteComputerInOCS.
	sqlDeclareDevice = "INSERT INTO network_devices (DESCRIPTION, TYPE, MACADDR, USER) VALUES ('%s', '%s', '%s', '%s')"
	sqlForgetDevice  = "DELETE FROM network_devices WHERE MACADDR = '%s'"
	sqlForgetNetmap  = "DELETE FROM netmap WHERE MAC = '%s'"
	sqlAddSubnet     = "INSERT INTO subnet (NETID, NAME, ID, MASK) VALUES ('%s', '%s', '%s', '%s')"
	sqlRenameSubnet  = "UPDATE subnet SET NAME = '%s', ID = '%s', MASK = '%s' WHERE NETID = '%s'"
	sqlNetmapOf      = "DELETE FROM netmap WHERE MAC IN (SELECT MACADDR FROM networks WHERE networks.HARDWARE_ID = '%d')"
)

// glpiCleanTables is deleteOldAgents' table list, in the plugin's order; a
// table missing from the schema is skipped (OcsTableExists).
var glpiCleanTables = []string{"accesslog", "accountinfo", "archive", "batteries", "bios", "controllers", "cpus",
	"devices", "download_history", "download_servers", "drives", "groups", "groups_cache", "inputs",
	"itmgmt_comments", "javainfo", "journallog", "locks", "memories", "modems", "monitors", "networks", "ports",
	"printers", "registry", "saas", "securitycenter", "sim", "uptime", "officepack", "winupdatestate", "slots",
	"softwares", "sounds", "storages", "usbdevices", "videos", "virtualmachines"}

// glpiSectionBits is the plugin's section map (OcsClient::getOcsMap): the
// CHECKSUM bit for which it reads each table.
var glpiSectionBits = []struct {
	table string
	bit   uint64
}{
	{"hardware", 1}, {"bios", 2}, {"memories", 4}, {"slots", 8}, {"registry", 16}, {"controllers", 32},
	{"monitors", 64}, {"ports", 128}, {"storages", 256}, {"drives", 512}, {"inputs", 1024}, {"modems", 2048},
	{"networks", 4096}, {"printers", 8192}, {"sounds", 16384}, {"videos", 32768}, {"softwares", 65536},
	{"virtualmachines", 131072}, {"cpus", 262144}, {"sim", 524288},
}

// Checksum constants of the plugin.
const (
	// glpiCfgAll is the server's checksum setting with every import option
	// on (OcsServer::pre_updateInDB: bits 0–18).
	glpiCfgAll = 524287
	// glpiMaxChecksum is OcsProcess::MAX_CHECKSUM: a stored value above it is
	// first reset to it.
	glpiMaxChecksum = 524287
	// glpiChecksumAll is OcsClient::CHECKSUM_ALL, written on import and link.
	glpiChecksumAll = 1048575
)

// glpiClient is the plugin's side of the contract: one session on ocsd's
// database as the user docs/glpi.md creates.
type glpiClient struct {
	conn   *sql.Conn
	schema string
}

// glpiRow is one fetched row by column name, as the plugin's fetchAssoc sees it.
type glpiRow map[string]sql.NullString

// newGLPIClient creates a MySQL user holding exactly the grants listed in
// docs/glpi.md and connects as it with the session settings of the plugin's
// DBocs::connect.
func newGLPIClient(t *testing.T, s *testServer, dsn string) *glpiClient {
	t.Helper()
	ctx := context.Background()
	schema := dsn[strings.LastIndex(dsn, "/")+1:]
	user, pass := "glpi_"+randomHex(t, 6), randomHex(t, 12)
	s.exec(t, fmt.Sprintf("CREATE USER '%s'@'%%' IDENTIFIED BY '%s'", user, pass))
	t.Cleanup(func() { _, _ = s.DB.SQL().Exec(fmt.Sprintf("DROP USER IF EXISTS '%s'@'%%'", user)) })
	for _, g := range docGrants(t) {
		g = strings.ReplaceAll(g, "ocsweb.", "`"+schema+"`.")
		s.exec(t, strings.ReplaceAll(g, "'glpi'@'glpi.example.org'", "'"+user+"'@'%'"))
	}
	base := testsupport.MySQLServer(t)
	db, err := storage.Open(ctx, "mysql://"+user+":"+pass+base[strings.LastIndex(base, "@"):]+"/"+schema, storage.Options{MaxConns: 2})
	if err != nil {
		t.Fatalf("connect as the GLPI user: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	conn, err := db.SQL().Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	// DBocs::connect: the server's default sql_mode without ONLY_FULL_GROUP_BY.
	if _, err := conn.ExecContext(ctx, "SET SESSION sql_mode = (SELECT REPLACE(@@GLOBAL.sql_mode, 'ONLY_FULL_GROUP_BY', ''))"); err != nil {
		t.Fatal(err)
	}
	return &glpiClient{conn: conn, schema: schema}
}

// docGrants returns the GRANT statements of docs/glpi.md.
func docGrants(t *testing.T) []string {
	t.Helper()
	doc, err := os.ReadFile(filepath.Join(testsupport.RepoRoot(), "docs", "glpi.md"))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, line := range strings.Split(string(doc), "\n") {
		if line = strings.TrimSpace(line); strings.HasPrefix(line, "GRANT ") {
			out = append(out, strings.TrimSuffix(line, ";"))
		}
	}
	if len(out) < 10 {
		t.Fatalf("docs/glpi.md lists %d GRANT statements", len(out))
	}
	return out
}

func randomHex(t *testing.T, n int) string {
	t.Helper()
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(b)
}

// query runs a plugin read and returns its rows.
func (g *glpiClient) query(t *testing.T, format string, args ...any) []glpiRow {
	t.Helper()
	q := fmt.Sprintf(format, args...)
	rows, err := g.conn.QueryContext(context.Background(), q)
	if err != nil {
		t.Fatalf("GLPI statement fails on ocsd's database: %v\n%s", err, q)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out []glpiRow
	for rows.Next() {
		vals := make([]sql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		r := glpiRow{}
		for i, c := range cols {
			r[c] = vals[i]
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("%v\n%s", err, q)
	}
	return out
}

// one runs a read that must return exactly one row.
func (g *glpiClient) one(t *testing.T, format string, args ...any) glpiRow {
	t.Helper()
	rows := g.query(t, format, args...)
	if len(rows) != 1 {
		t.Fatalf("%d rows, want 1: %s", len(rows), fmt.Sprintf(format, args...))
	}
	return rows[0]
}

// ids runs a read and returns its first column ("ID", "id") as integers.
func (g *glpiClient) ids(t *testing.T, format string, args ...any) []int64 {
	t.Helper()
	var out []int64
	for _, r := range g.query(t, format, args...) {
		v, ok := r["ID"]
		if !ok {
			v = r["id"]
		}
		n, err := strconv.ParseInt(v.String, 10, 64)
		if err != nil {
			t.Fatalf("id %q: %v", v.String, err)
		}
		out = append(out, n)
	}
	return out
}

// tryExec runs a plugin write and returns the rows it affected.
func (g *glpiClient) tryExec(format string, args ...any) (int64, error) {
	res, err := g.conn.ExecContext(context.Background(), fmt.Sprintf(format, args...))
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// exec runs a plugin write that must succeed.
func (g *glpiClient) exec(t *testing.T, format string, args ...any) int64 {
	t.Helper()
	n, err := g.tryExec(format, args...)
	if err != nil {
		t.Fatalf("GLPI write fails on ocsd's database: %v\n%s", err, fmt.Sprintf(format, args...))
	}
	return n
}

// checksum reads hardware.CHECKSUM as the plugin does and parses it as the
// BIGINT UNSIGNED it is: a negative or non-integer text would be a wrap.
func (g *glpiClient) checksum(t *testing.T, id int64) uint64 {
	t.Helper()
	return parseChecksum(t, g.one(t, sqlGetChecksum, id)["CHECKSUM"].String)
}

func parseChecksum(t *testing.T, s string) uint64 {
	t.Helper()
	n, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		t.Fatalf("CHECKSUM %q is not an unsigned 64-bit integer: %v", s, err)
	}
	return n
}

// readSection reads one table of the plugin's map for a machine.
func (g *glpiClient) readSection(t *testing.T, table string, id int64) []glpiRow {
	t.Helper()
	switch table {
	case "hardware":
		return g.query(t, sqlHardware, id)
	case "softwares":
		return g.query(t, sqlSoftware, id)
	case "registry":
		return g.query(t, sqlRegistry, id)
	}
	return g.query(t, sqlSection, table, id)
}

// sync plays OcsProcess::updateComputer for a machine GLPI last
// synchronised at lastSync. It returns the tables it read, or nil when the
// machine's LASTDATE is not newer, in which case GLPI writes CHECKSUM 0.
func (g *glpiClient) sync(t *testing.T, id int64, cfg uint64, lastSync string) []string {
	t.Helper()
	meta := g.one(t, sqlMeta, id)
	if meta["LASTDATE"].String <= lastSync {
		g.exec(t, sqlSetChecksum, 0, id)
		return nil
	}
	cs := parseChecksum(t, meta["CHECKSUM"].String)
	if cs > glpiMaxChecksum {
		cs = glpiMaxChecksum
		g.exec(t, sqlSetChecksum, cs, id)
	}
	mixed := cs & cfg
	var read []string
	for _, sb := range glpiSectionBits {
		if mixed&sb.bit != 0 {
			g.readSection(t, sb.table, id)
			read = append(read, sb.table)
		}
	}
	old := g.checksum(t, id)
	if old&mixed != mixed {
		t.Fatalf("CHECKSUM %d lost bits of %d between GLPI's reads: old − mixed is not the bits left", old, mixed)
	}
	if old-mixed > 0 {
		g.exec(t, sqlSetChecksum, old-mixed, id)
	}
	return read
}

// idList formats ids as the plugin pastes them into IN (…).
func idList(ids ...int64) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(s, ",")
}

// quoted formats strings as the plugin pastes them into IN (…).
func quoted(vals ...string) string {
	return "'" + strings.Join(vals, "','") + "'"
}

func atoi(t *testing.T, s string) int64 {
	t.Helper()
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		t.Fatalf("%q: %v", s, err)
	}
	return n
}
