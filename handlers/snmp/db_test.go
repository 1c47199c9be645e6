package snmp

import (
	"context"
	"testing"
	"time"

	"ocsd/handlers"
	"ocsd/internal/testsupport"
	"ocsd/inventory"
	"ocsd/storage"
)

var _ Store = (*storage.DB)(nil)

// forEachDialect runs fn on a freshly migrated SQLite database and on a
// MariaDB one (skipped when unreachable, mandatory under CI=true).
func forEachDialect(t *testing.T, fn func(t *testing.T, db *storage.DB)) {
	t.Helper()
	dsns := []struct {
		name string
		dsn  func(t *testing.T) string
	}{
		{"sqlite", func(t *testing.T) string { return testsupport.SQLiteDSN(t) }},
		{"mysql", func(t *testing.T) string { return testsupport.MySQLDSN(t, storage.DropDatabase) }},
	}
	for _, d := range dsns {
		t.Run(d.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			db, err := storage.Open(ctx, d.dsn(t), storage.Options{})
			if err != nil {
				t.Fatalf("open: %v", err)
			}
			t.Cleanup(func() { db.Close() })
			if _, err := db.Migrate(ctx); err != nil {
				t.Fatalf("migrate: %v", err)
			}
			fn(t, db)
		})
	}
}

func mustExec(t *testing.T, db *storage.DB, q string, args ...any) {
	t.Helper()
	if _, err := db.SQL().ExecContext(context.Background(), q, args...); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

// setConfig writes a config row's IVALUE and drops the settings cache.
func setConfig(t *testing.T, db *storage.DB, name string, ivalue int64) {
	t.Helper()
	mustExec(t, db, "DELETE FROM config WHERE NAME = ?", name)
	mustExec(t, db, "INSERT INTO config (NAME, IVALUE, TVALUE, COMMENTS) VALUES (?, ?, NULL, '')", name, ivalue)
	db.InvalidateSettings()
}

func parse(t *testing.T, xml string) *handlers.Request {
	t.Helper()
	r, err := inventory.ParseRequest([]byte(xml), inventory.DefaultXMLLimits())
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	return &handlers.Request{Request: r, Document: []byte(xml), UserAgent: "OCS-NG_unified_unix_agent_v2.10.0"}
}
