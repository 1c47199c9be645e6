package soap

import (
	"context"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"ocsd/internal/testsupport"
	"ocsd/storage"
)

// forEachDB runs fn on a fresh, migrated SQLite database and on a fresh
// MariaDB database (skipped outside CI when no server answers).
func forEachDB(t *testing.T, fn func(t *testing.T, db *storage.DB)) {
	t.Helper()
	for _, name := range []string{"sqlite", "mariadb"} {
		t.Run(name, func(t *testing.T) {
			var dsn string
			if name == "sqlite" {
				dsn = testsupport.SQLiteDSN(t)
			} else {
				dsn = testsupport.MySQLDSN(t, storage.DropDatabase)
			}
			fn(t, openMigrated(t, dsn))
		})
	}
}

func openMigrated(t testing.TB, dsn string) *storage.DB {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	db, err := storage.Open(ctx, dsn, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	return db
}

// dbServer is a test server on a real database.
func dbServer(t *testing.T, db *storage.DB, opt Options) *testServer {
	t.Helper()
	opt.User, opt.Password = "ocssoap", "secret"
	h, err := New(opt, db, zerolog.New(zerolog.NewTestWriter(t)).Level(zerolog.WarnLevel))
	if err != nil {
		t.Fatal(err)
	}
	return &testServer{h: h, db: db}
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
