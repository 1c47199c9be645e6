package main

import (
	"bytes"
	"context"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"ocsd/internal/testsupport"
	"ocsd/storage"
)

func runMigrateOut(t *testing.T, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	var out, errs bytes.Buffer
	if err := runMigrate(ctx, append(args, "--log-level", "warn"), &out, &errs); err != nil {
		t.Fatalf("migrate %v: %v\n%s%s", args, err, out.String(), errs.String())
	}
	return out.String()
}

func TestMigrateCommandSQLite(t *testing.T) {
	dsn := testsupport.SQLiteDSN(t)
	path := strings.TrimPrefix(dsn, "sqlite:")
	steps := []struct {
		name string
		args []string
		want string
	}{
		{"dry run on a missing file", []string{"--dry-run"}, "Would create"},
		{"create", nil, "Created the OCS GUI_VERSION 7069 schema"},
		{"again", nil, "is up to date"},
		{"dry run when up to date", []string{"--dry-run"}, "is up to date"},
	}
	for i, st := range steps {
		out := runMigrateOut(t, append([]string{"--db", dsn}, st.args...)...)
		if !strings.Contains(out, st.want) {
			t.Errorf("%s: output %q, want %q", st.name, out, st.want)
		}
		if _, err := os.Stat(path); i == 0 && err == nil {
			t.Errorf("%s: the dry run created %s", st.name, path)
		}
		if st.name == "create" && !regexp.MustCompile(`admin / \S{16,}`).MatchString(out) {
			t.Errorf("create: no admin password in %q", out)
		}
	}
}

func TestMigrateCommandAdoptsOCSDatabase(t *testing.T) {
	dsn := testsupport.MySQLDSN(t, storage.DropDatabase)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	db, err := storage.Open(ctx, dsn, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		"CREATE TABLE config (NAME varchar(50) NOT NULL PRIMARY KEY, IVALUE int, TVALUE varchar(255), COMMENTS text)",
		"INSERT INTO config (NAME, IVALUE, TVALUE) VALUES ('GUI_VERSION', 0, '7039'), ('PROLOG_FREQ', 12, '')",
	} {
		if _, err := db.SQL().ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	if out := runMigrateOut(t, "--db", dsn, "--dry-run"); !strings.Contains(out, "Would adopt the OCS database") ||
		!strings.Contains(out, "create table hardware") {
		t.Errorf("dry run output: %s", out)
	}
	if out := runMigrateOut(t, "--db", dsn); !strings.Contains(out, "Adopted the OCS database") || strings.Contains(out, "admin /") {
		t.Errorf("adopt output: %s", out)
	}
	if out := runMigrateOut(t, "--db", dsn); !strings.Contains(out, "is up to date") {
		t.Errorf("after adoption: %s", out)
	}
}
