package storage

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
	"time"

	"ocsd/settings"
)

// settingsTTL is how long a read of the config table serves requests. OCS
// re-reads the table on every request; a short cache keeps that behaviour
// visible to admins (a change applies within seconds) without a query per
// agent contact.
const settingsTTL = 3 * time.Second

type settingsCache struct {
	mu    sync.Mutex
	snap  settings.Snapshot
	until time.Time
}

// Settings returns the config table as a typed snapshot.
func (db *DB) Settings(ctx context.Context) (settings.Snapshot, error) {
	c := &db.settings
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.snap != nil && db.now().Before(c.until) {
		return c.snap, nil
	}
	rows, err := db.sql.QueryContext(ctx, "SELECT NAME, IVALUE, TVALUE FROM config")
	if err != nil {
		return nil, fmt.Errorf("storage: read config: %w", err)
	}
	defer rows.Close()
	snap := settings.Snapshot{}
	for rows.Next() {
		var name string
		var iv sql.NullInt64
		var tv sql.NullString
		if err := rows.Scan(&name, &iv, &tv); err != nil {
			return nil, fmt.Errorf("storage: scan config: %w", err)
		}
		var v settings.Value
		if iv.Valid {
			n := iv.Int64
			v.IValue = &n
		}
		if tv.Valid {
			s := tv.String
			v.TValue = &s
		}
		snap[name] = v
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("storage: read config: %w", err)
	}
	c.snap, c.until = snap, db.now().Add(settingsTTL)
	return snap, nil
}

// InvalidateSettings drops the cached config so the next read sees a change
// this process just made.
func (db *DB) InvalidateSettings() {
	db.settings.mu.Lock()
	db.settings.snap = nil
	db.settings.mu.Unlock()
}
