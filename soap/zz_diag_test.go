package soap

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"ocsd/soap/store"
	"ocsd/storage"
)

func TestZZDiag(t *testing.T) {
	if os.Getenv("DIAG") == "" {
		t.Skip()
	}
	ctx := context.Background()
	db, err := storage.Open(ctx, "mysql://root@127.0.0.1:3306/ocsd_diag", storage.Options{})
	must(t, err)
	if os.Getenv("DIAG") == "load" {
		_, err = db.Migrate(ctx)
		must(t, err)
		populateFleet(t, db, 10000)
	}
	for _, off := range []int{0, 5000, 9900} {
		t0 := time.Now()
		c, err := db.Computers(ctx, store.ComputerQuery{Checksum: 131071, Offset: off, Limit: 100})
		must(t, err)
		t.Logf("computers off %d: %d in %s", off, len(c), time.Since(t0))
		ids := make([]int64, len(c))
		for i := range c {
			ids[i] = c[i].ID
		}
		s := newService(db, Options{PageSize: 100, Now: time.Now}, zlog())
		for _, sec := range s.sections {
			t0 = time.Now()
			var rows []store.Row
			if sec.Software {
				rows, err = db.SoftwareRows(ctx, sec.Fields, ids)
			} else {
				rows, err = db.SectionRows(ctx, store.RowQuery{Table: sec.Table, Key: sec.Key, Columns: sec.Fields, IDs: ids})
			}
			must(t, err)
			t.Logf("  %s: %d rows %s", sec.Tag, len(rows), time.Since(t0))
		}
	}
}

func zlog() zerolog.Logger { return zerolog.Nop() }
