package storage

import (
	"context"
	"sync"
	"time"
)

// zoneRefresh is how often the database's UTC offset is read again, so a
// daylight-saving change is followed without a restart.
const zoneRefresh = 10 * time.Minute

// dbZone is the time zone the database's NOW() uses. OCS writes LASTDATE and
// LASTCOME with NOW(), and GLPI compares them with NOW() (its 180-second
// guard, "inventoried since"): ocsd writes its own clock's time in that same
// zone, whatever zone ocsd itself runs in.
type dbZone struct {
	mu    sync.Mutex
	loc   *time.Location
	until time.Time
}

// Now returns the current time in the database's time zone. Pass it as the
// clock of everything that writes or compares DATETIME columns.
func (db *DB) Now() time.Time {
	now := db.now()
	return now.In(db.location(now))
}

func (db *DB) location(now time.Time) *time.Location {
	if db.dialect != MySQL {
		return time.Local
	}
	z := &db.zone
	z.mu.Lock()
	defer z.mu.Unlock()
	if z.loc != nil && now.Before(z.until) {
		return z.loc
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	var offset int
	err := db.sql.QueryRowContext(ctx, "SELECT TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(), NOW())").Scan(&offset)
	if err != nil {
		if z.loc == nil {
			return time.Local
		}
		return z.loc
	}
	offset = (offset + 30) / 60 * 60 // the two clocks are read a few µs apart
	z.loc, z.until = time.FixedZone("db", offset), now.Add(zoneRefresh)
	return z.loc
}
