package storage

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"ocsd/internal/testsupport"
)

// loadReferenceDump creates the tables of a reference dump in db, as
// mysqldump's own script would (foreign key checks off).
func loadReferenceDump(t *testing.T, db *DB, file string) {
	t.Helper()
	ctx := testCtx(t)
	text, err := os.ReadFile(referencePath(t, file))
	if err != nil {
		testsupport.Unavailable(t, "reference dump: %v", err)
	}
	conn, err := db.SQL().Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "SET FOREIGN_KEY_CHECKS = 0"); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, stmt := range splitStatements(string(text)) {
		if strings.HasPrefix(stmt, "CREATE TABLE") {
			if _, err := conn.ExecContext(ctx, stmt); err != nil {
				t.Fatalf("load %s: %v\n%s", file, err, stmt)
			}
			n++
		}
	}
	if n < 90 {
		t.Fatalf("load %s: only %d tables", file, n)
	}
}

func execAll(t *testing.T, db *sql.DB, stmts ...string) {
	t.Helper()
	for _, s := range stmts {
		if _, err := db.ExecContext(context.Background(), s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

// ocs7039Rows are rows an OCS 7039 installation in use would hold,
// including values an administrator changed and data later updates move.
func ocs7039Rows() []string {
	return []string{
		`INSERT INTO config (NAME, IVALUE, TVALUE, COMMENTS) VALUES
			('GUI_VERSION', 0, '7039', 'v'), ('PROLOG_FREQ', 12, '', 'edited by the admin'),
			('DOWNLOAD_REDISTRIB', 0, '', 'gone in 7051'), ('PASSWORD_VERSION', 1, 'PASSWORD_BCRYPT', 'p')`,
		`INSERT INTO hardware (ID, DEVICEID, NAME) VALUES (42, 'pc-42-2024-01-01-00-00-00', 'pc-42')`,
		`INSERT INTO memories (HARDWARE_ID, CAPTION, CAPACITY) VALUES (42, 'DIMM0', '2048'), (42, 'DIMM1', '')`,
		`INSERT INTO software_name (ID, NAME, CATEGORY) VALUES (7, 'Firefox', 3)`,
		`INSERT INTO snmp_types (ID, TYPE_NAME, CONDITION_OID, CONDITION_VALUE, TABLE_TYPE_NAME)
			VALUES (5, 'Printer', '1.3.6.1.2.1.25.3.2.1.2.1', 'printer', 'snmp_printer')`,
		`INSERT INTO unixusers (HARDWARE_ID, NAME_USERS) VALUES (42, 'root')`,
		`INSERT INTO operators (ID, PASSWD, ACCESSLVL, NEW_ACCESSLVL, PASSWORD_VERSION) VALUES ('admin', 'hash', 1, 'sadmin', 1)`,
		// A field defined in the console: a column OCS never declared.
		"ALTER TABLE accountinfo ADD COLUMN `fields_3` varchar(255) DEFAULT NULL",
	}
}

func TestAdopt7039(t *testing.T) {
	want := referenceSchema(t, reference7069)
	db := openTest(t, testsupport.MySQLDSN(t, DropDatabase))
	ctx := testCtx(t)
	loadReferenceDump(t, db, reference7039)
	execAll(t, db.SQL(), ocs7039Rows()...)

	if _, err := db.Migrate(ctx); !errors.Is(err, ErrNeedsAdopt) {
		t.Fatalf("migrate on an OCS 7039 database: %v, want ErrNeedsAdopt", err)
	}

	before := snapshot(t, db)
	plan, err := db.Adopt(ctx, true)
	if err != nil {
		t.Fatalf("dry run: %v", err)
	}
	if plan.From != "7039" || len(plan.Steps) == 0 {
		t.Fatalf("dry run plan: %+v", plan)
	}
	if after := snapshot(t, db); !reflect.DeepEqual(before, after) {
		t.Fatal("the dry run changed the database")
	}

	done, err := db.Adopt(ctx, false)
	if err != nil {
		t.Fatalf("adopt: %v", err)
	}
	if !slices.Equal(done.Steps, plan.Steps) {
		t.Errorf("adoption ran other steps than planned:\nplan %q\nran  %q", plan.Steps, done.Steps)
	}
	t.Logf("adoption plan:\n  %s", strings.Join(done.Steps, "\n  "))

	live, err := readLiveSchema(ctx, db.SQL())
	if err != nil {
		t.Fatal(err)
	}
	if _, _, ok := live.tables["accountinfo"].column("fields_3"); !ok {
		t.Error("the console's accountinfo.fields_3 was dropped")
	}
	live.tables["accountinfo"].columns = slices.DeleteFunc(live.tables["accountinfo"].columns,
		func(c dbColumn) bool { return c.name == "fields_3" })
	compareMySQLSchema(t, want, live)
	checkAdoptedData(t, db)

	res, err := db.Migrate(ctx)
	if err != nil || res.Created || len(res.Applied) != 0 || res.AdminPassword != "" {
		t.Errorf("migrate after adoption: %+v, %v; want nothing to do", res, err)
	}
	if _, err := db.Adopt(ctx, true); err == nil {
		t.Error("adopting an adopted database succeeded")
	}
}

// snapshot captures the schema and config of db, to prove a dry run
// changes nothing.
func snapshot(t *testing.T, db *DB) map[string][]string {
	t.Helper()
	ctx := testCtx(t)
	live, err := readLiveSchema(ctx, db.SQL())
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for name, tb := range live.tables {
		out[name] = append(columnsOf(tb), tb.engine)
	}
	cfg, err := queryStrings(ctx, db.SQL(), "SELECT CONCAT(NAME, '=', COALESCE(IVALUE, ''), '/', COALESCE(TVALUE, '')) FROM config ORDER BY NAME")
	if err != nil {
		t.Fatal(err)
	}
	out["config rows"] = cfg
	return out
}

// checkAdoptedData verifies that adoption kept the data and applied OCS's
// data changes.
func checkAdoptedData(t *testing.T, db *DB) {
	t.Helper()
	ctx := testCtx(t)
	all, err := loadMigrations(MySQL)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, query, want string
	}{
		{"device kept", "SELECT NAME FROM hardware WHERE ID = 42", "pc-42"},
		{"capacity converted", "SELECT CAPACITY FROM memories WHERE CAPTION = 'DIMM0'", "2048"},
		{"blank capacity is NULL", "SELECT COALESCE(CAPACITY, 'null') FROM memories WHERE CAPTION = 'DIMM1'", "null"},
		{"admin's value kept", "SELECT IVALUE FROM config WHERE NAME = 'PROLOG_FREQ'", "12"},
		{"GUI_VERSION", "SELECT TVALUE FROM config WHERE NAME = 'GUI_VERSION'", "7069"},
		{"missing row added", "SELECT IVALUE FROM config WHERE NAME = 'TRACE_DELETED'", "1"},
		{"7042 row added", "SELECT COUNT(*) FROM config WHERE NAME LIKE 'SECURITY\\_%'", "8"},
		{"7051 row removed", "SELECT COUNT(*) FROM config WHERE NAME = 'DOWNLOAD_REDISTRIB'", "0"},
		{"7062 password version", "SELECT IVALUE FROM config WHERE NAME = 'PASSWORD_VERSION'", "2"},
		{"software name kept", "SELECT NAME FROM software_name WHERE ID = 7", "Firefox"},
		{"snmp condition moved", "SELECT CONDITION_VALUE FROM snmp_types_conditions WHERE TYPE_ID = 5", "printer"},
		{"snmp default type", "SELECT COUNT(*) FROM snmp_configs c JOIN snmp_types t ON t.ID = c.TYPE_ID WHERE t.TYPE_NAME = 'Default'", "6"},
		{"operator kept", "SELECT PASSWD FROM operators WHERE ID = 'admin'", "hash"},
		{"migrations recorded", "SELECT COUNT(*) FROM ocsd_migrations", strconv.Itoa(len(all))},
	}
	for _, tc := range tests {
		var got sql.NullString
		if err := db.SQL().QueryRowContext(ctx, tc.query).Scan(&got); err != nil || got.String != tc.want {
			t.Errorf("%s: %q (%v), want %q", tc.name, got.String, err, tc.want)
		}
	}
}

// TestAdopt7069 adopts a database OCS itself brought to 7069: only ocsd's
// changes remain (InnoDB, D1 default for a missing row, ocsd's tables).
func TestAdopt7069(t *testing.T) {
	want := referenceSchema(t, reference7069)
	db := openTest(t, testsupport.MySQLDSN(t, DropDatabase))
	ctx := testCtx(t)
	loadReferenceDump(t, db, reference7069)
	execAll(t, db.SQL(), `INSERT INTO config (NAME, IVALUE, TVALUE) VALUES ('GUI_VERSION', 0, '7069'), ('TRACE_DELETED', 0, '')`)
	plan, err := db.Adopt(ctx, false)
	if err != nil {
		t.Fatalf("adopt: %v", err)
	}
	for _, s := range plan.Steps {
		if strings.HasPrefix(s, "set GUI_VERSION") || strings.Contains(s, "OCS 70") {
			t.Errorf("unexpected step for a 7069 database: %s", s)
		}
	}
	live, err := readLiveSchema(ctx, db.SQL())
	if err != nil {
		t.Fatal(err)
	}
	compareMySQLSchema(t, want, live)
	var trace int
	if err := db.SQL().QueryRowContext(ctx, "SELECT IVALUE FROM config WHERE NAME = 'TRACE_DELETED'").Scan(&trace); err != nil || trace != 0 {
		t.Errorf("TRACE_DELETED = %d (%v): the administrator's 0 must stay", trace, err)
	}
}

func TestAdoptRefusals(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) {
		db := openTest(t, testsupport.SQLiteDSN(t))
		if _, err := db.Adopt(testCtx(t), true); err == nil || !strings.Contains(err.Error(), "MySQL") {
			t.Errorf("adopt on SQLite: %v, want a MySQL-only error", err)
		}
	})
	tests := []struct {
		name, version string
	}{
		{"too old", "7038"},
		{"too new", "7070"},
		{"garbage", "dev"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			db := openTest(t, testsupport.MySQLDSN(t, DropDatabase))
			execAll(t, db.SQL(),
				"CREATE TABLE config (NAME varchar(50) NOT NULL PRIMARY KEY, IVALUE int, TVALUE varchar(255), COMMENTS text)",
				"INSERT INTO config (NAME, TVALUE) VALUES ('GUI_VERSION', '"+tc.version+"')")
			plan, err := db.Adopt(testCtx(t), true)
			if err == nil || !strings.Contains(err.Error(), "7039 to 7069") || plan.From != tc.version {
				t.Errorf("adopt at %s: %+v, %v; want a version error", tc.version, plan, err)
			}
		})
	}
}
