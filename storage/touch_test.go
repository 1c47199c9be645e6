package storage

import (
	"context"
	"testing"

	"ocsd/internal/testsupport"
)

// TestTouchBatch: contacts of several machines, one twice, land in one
// statement with the right counts and the last values.
func TestTouchBatch(t *testing.T) {
	for name, dsn := range map[string]string{
		"sqlite":  testsupport.SQLiteDSN(t),
		"mariadb": testsupport.MySQLDSN(t, DropDatabase),
	} {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			db, err := Open(ctx, dsn, Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if _, err := db.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			for _, id := range []int64{1, 2} {
				if _, err := db.sql.Exec("INSERT INTO hardware (ID, DEVICEID, FIDELITY) VALUES (?, ?, 1)", id, "m"); err != nil {
					t.Fatal(err)
				}
			}
			db.writeTouches([]touch{
				{id: 2, quality: "1.5000", at: "2024-01-02 03:04:05", ua: "a"},
				{id: 1, quality: "0.2500", at: "2024-01-02 03:04:06", ua: "b"},
				{id: 2, quality: "2.5000", at: "2024-01-02 03:04:07", ua: "c"},
			})
			for id, want := range map[int64]struct {
				fid  int
				ua   string
				come string
			}{1: {2, "b", "2024-01-02 03:04:06"}, 2: {3, "c", "2024-01-02 03:04:07"}} {
				var fid int
				var ua string
				var come dbText
				if err := db.sql.QueryRow("SELECT FIDELITY, USERAGENT, LASTCOME FROM hardware WHERE ID = ?", id).Scan(&fid, &ua, &come); err != nil {
					t.Fatal(err)
				}
				if fid != want.fid || ua != want.ua || come.String != want.come {
					t.Errorf("machine %d: FIDELITY %d UA %q LASTCOME %q, want %+v", id, fid, ua, come.String, want)
				}
			}
		})
	}
}
