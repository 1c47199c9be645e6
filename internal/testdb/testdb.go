// Package testdb gives tests freshly migrated databases of both dialects and
// agent requests to feed handlers, on top of internal/testsupport.
package testdb

import (
	"context"
	"testing"
	"time"

	"ocsd/handlers"
	"ocsd/internal/testsupport"
	"ocsd/inventory"
	"ocsd/storage"
)

// ForEachDialect runs fn on a freshly migrated SQLite database and on a
// MariaDB one (skipped when unreachable, mandatory under CI=true).
func ForEachDialect(t *testing.T, fn func(t *testing.T, db *storage.DB)) {
	t.Helper()
	ForEachDialectWith(t, storage.Options{}, fn)
}

// ForEachDialectWith is ForEachDialect with options for storage.Open (a
// fixed clock, say).
func ForEachDialectWith(t *testing.T, opt storage.Options, fn func(t *testing.T, db *storage.DB)) {
	t.Helper()
	dsns := []struct {
		name string
		dsn  func(t *testing.T) string
	}{
		{"sqlite", func(t *testing.T) string { return testsupport.SQLiteDSN(t) }},
		{"mysql", func(t *testing.T) string { return testsupport.MySQLDSN(t, storage.DropDatabase) }},
	}
	for _, d := range dsns {
		t.Run(d.name, func(t *testing.T) { fn(t, Open(t, d.dsn(t), opt)) })
	}
}

// Open opens dsn, migrates it, and closes it when t ends.
func Open(t testing.TB, dsn string, opt storage.Options) *storage.DB {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	db, err := storage.Open(ctx, dsn, opt)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	return db
}

// Exec runs a fixture statement.
func Exec(t *testing.T, db *storage.DB, q string, args ...any) {
	t.Helper()
	if _, err := db.SQL().ExecContext(context.Background(), q, args...); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

// SetConfig writes a config row's IVALUE and drops the settings cache.
func SetConfig(t *testing.T, db *storage.DB, name string, ivalue int64) {
	t.Helper()
	Exec(t, db, "DELETE FROM config WHERE NAME = ?", name)
	Exec(t, db, "INSERT INTO config (NAME, IVALUE, TVALUE, COMMENTS) VALUES (?, ?, NULL, '')", name, ivalue)
	db.InvalidateSettings()
}

// Request parses an agent document into the request a handler receives,
// from the OCS Unix agent.
func Request(t *testing.T, xml string) *handlers.Request {
	t.Helper()
	r, err := inventory.ParseRequest([]byte(xml), inventory.DefaultXMLLimits())
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	ua := "OCS-NG_unified_unix_agent_v2.10.0"
	return &handlers.Request{Request: r, Document: []byte(xml), UserAgent: ua, RawUserAgent: ua}
}
