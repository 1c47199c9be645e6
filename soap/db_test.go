package soap

import (
	"testing"

	"github.com/rs/zerolog"

	"ocsd/internal/testdb"
	"ocsd/storage"
)

// openMigrated opens dsn, migrated, for the length of the test.
func openMigrated(t testing.TB, dsn string) *storage.DB {
	t.Helper()
	return testdb.Open(t, dsn, storage.Options{})
}

// dbServer is a test server on a real database.
func dbServer(t testing.TB, db *storage.DB, opt Options) *testServer {
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
