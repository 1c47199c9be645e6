package storage

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"ocsd/internal/testsupport"
)

// dialectDSNs returns a fresh empty database of each dialect, MariaDB only
// when reachable (mandatory under CI).
func dialectDSNs() map[string]func(t *testing.T) string {
	return map[string]func(t *testing.T) string{
		"sqlite": func(t *testing.T) string { return testsupport.SQLiteDSN(t) },
		"mysql":  func(t *testing.T) string { return testsupport.MySQLDSN(t, DropDatabase) },
	}
}

func openTest(t *testing.T, dsn string) *DB {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	db, err := Open(ctx, dsn, Options{})
	if err != nil {
		t.Fatalf("open %s: %v", Redact(dsn), err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func testCtx(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	t.Cleanup(cancel)
	return ctx
}

func TestMigrationFilesMatchAcrossDialects(t *testing.T) {
	my, err := schemaFiles(MySQL)
	if err != nil {
		t.Fatal(err)
	}
	lite, err := schemaFiles(SQLite)
	if err != nil {
		t.Fatal(err)
	}
	labels := func(ms []migration) []string {
		var out []string
		for _, m := range ms {
			out = append(out, m.label())
		}
		return out
	}
	if a, b := labels(my), labels(lite); !reflect.DeepEqual(a, b) {
		t.Fatalf("mysql and sqlite schema files differ:\nmysql  %v\nsqlite %v", a, b)
	}
	for _, d := range []Dialect{MySQL, SQLite} {
		all, err := loadMigrations(d)
		if err != nil {
			t.Fatalf("%s: %v", d, err)
		}
		if last := all[len(all)-1]; last.version < baselineVersion {
			t.Errorf("%s: last migration %s is before the baseline %d", d, last.label(), baselineVersion)
		}
	}
}

func TestSplitStatements(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"one", "CREATE TABLE a (x int);\n", []string{"CREATE TABLE a (x int)"}},
		{"comments dropped", "-- a; b\nCREATE TABLE a (x int); -- tail\n", []string{"CREATE TABLE a (x int)"}},
		{"semicolon in quotes", "INSERT INTO a VALUES ('x;y', \"z;\", `q;`);\nSELECT 1", []string{
			"INSERT INTO a VALUES ('x;y', \"z;\", `q;`)", "SELECT 1"}},
		{"doubled quote", "SELECT 'it''s; fine';", []string{"SELECT 'it''s; fine'"}},
		{"dashes in quotes", "SELECT '--x';", []string{"SELECT '--x'"}},
		{"empty", "-- nothing\n;\n", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := splitStatements(tc.in); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestMigrateFreshAndIdempotent(t *testing.T) {
	for name, dsn := range dialectDSNs() {
		t.Run(name, func(t *testing.T) {
			db := openTest(t, dsn(t))
			ctx := testCtx(t)
			res, err := db.Migrate(ctx)
			if err != nil {
				t.Fatalf("migrate: %v", err)
			}
			all, _ := loadMigrations(db.Dialect())
			if !res.Created || len(res.Applied) != len(all) {
				t.Fatalf("first run: created=%v applied=%d, want true and %d", res.Created, len(res.Applied), len(all))
			}
			checkSeeds(t, db, res.AdminPassword)
			again, err := db.Migrate(ctx)
			if err != nil {
				t.Fatalf("second migrate: %v", err)
			}
			if again.Created || len(again.Applied) != 0 || again.AdminPassword != "" {
				t.Errorf("second run did something: %+v", again)
			}
			if p, err := db.PendingMigrations(ctx); err != nil || len(p) != 0 {
				t.Errorf("pending after migrate: %v, %v", p, err)
			}
		})
	}
}

// checkSeeds verifies the rows a fresh install must hold.
func checkSeeds(t *testing.T, db *DB, password string) {
	t.Helper()
	ctx := testCtx(t)
	if v, err := db.GUIVersion(ctx); err != nil || v != "7069" {
		t.Errorf("GUI_VERSION = %q, %v; want 7069", v, err)
	}
	var trace int
	if err := db.SQL().QueryRowContext(ctx, "SELECT IVALUE FROM config WHERE NAME = 'TRACE_DELETED'").Scan(&trace); err != nil || trace != 1 {
		t.Errorf("TRACE_DELETED = %d, %v; want 1", trace, err)
	}
	counts := map[string]int{
		"config": len(configRows()), "blacklist_serials": 34, "blacklist_macaddresses": 14,
		"accountinfo_config": 2, "notification": 3, "downloadwk_fields": 10, "downloadwk_statut_request": 9,
		"downloadwk_tab_values": 5, "snmp_types": 1, "snmp_types_conditions": 1, "snmp_labels": 6,
		"snmp_configs": 6, "software_publisher": 1, "software_version": 1, "operators": 1,
	}
	for table, want := range counts {
		var n int
		if err := db.SQL().QueryRowContext(ctx, "SELECT COUNT(*) FROM "+table).Scan(&n); err != nil || n != want {
			t.Errorf("%s has %d rows (%v), want %d", table, n, err, want)
		}
	}
	var hash string
	var version int
	err := db.SQL().QueryRowContext(ctx, "SELECT PASSWD, PASSWORD_VERSION FROM operators WHERE ID = 'admin'").Scan(&hash, &version)
	if err != nil {
		t.Fatalf("admin operator: %v", err)
	}
	if len(password) < 16 || !strings.HasPrefix(hash, "$2y$") || version != 1 {
		t.Errorf("admin: password %d chars, hash %.7s…, version %d", len(password), hash, version)
	}
	if err := bcrypt.CompareHashAndPassword([]byte(hash), []byte(password)); err != nil {
		t.Errorf("admin hash does not verify the returned password: %v", err)
	}
}

func TestMigrateRefusesOCSDatabase(t *testing.T) {
	db := openTest(t, testsupport.SQLiteDSN(t))
	ctx := testCtx(t)
	for _, q := range []string{
		"CREATE TABLE config (NAME TEXT PRIMARY KEY, IVALUE INTEGER, TVALUE TEXT, COMMENTS TEXT)",
		"INSERT INTO config (NAME, TVALUE) VALUES ('GUI_VERSION', '7039')",
	} {
		if _, err := db.SQL().ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	_, err := db.Migrate(ctx)
	if !errors.Is(err, ErrNeedsAdopt) || !strings.Contains(err.Error(), "ocsd migrate --db DSN [--dry-run]") {
		t.Fatalf("migrate on an OCS database: %v, want ErrNeedsAdopt naming the command", err)
	}
	if _, err := db.PendingMigrations(ctx); !errors.Is(err, ErrNeedsAdopt) {
		t.Errorf("pending on an OCS database: %v, want ErrNeedsAdopt", err)
	}
}
