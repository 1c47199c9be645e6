package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"ocsd/inventory"
)

// Contact reads what a PROLOG needs of a machine: its hardware row and the
// devices rows of the machine and of the groups it belongs to (static
// exclusions left out). An unknown DEVICEID gives ID 0.
func (db *DB) Contact(ctx context.Context, deviceID string) (inventory.Contact, error) {
	var c inventory.Contact
	var name, ip, lastDate, lastCome dbText
	var quality sql.NullFloat64
	var fidelity sql.NullInt64
	err := db.sql.QueryRowContext(ctx,
		`SELECT ID, NAME, IPADDR, LASTDATE, LASTCOME, QUALITY, FIDELITY FROM hardware
		 WHERE DEVICEID = ? ORDER BY ID DESC LIMIT 1`, deviceID).
		Scan(&c.ID, &name, &ip, &lastDate, &lastCome, &quality, &fidelity)
	if errors.Is(err, sql.ErrNoRows) {
		return inventory.Contact{}, nil
	}
	if err != nil {
		return c, fmt.Errorf("storage: read contact: %w", err)
	}
	c.Name, c.IPAddr = name.String, ip.String
	c.LastDate, c.LastCome = parseDBTime(lastDate.String), parseDBTime(lastCome.String)
	c.Quality, c.Fidelity = quality.Float64, fidelity.Int64
	c.Params, err = db.deviceParams(ctx, c.ID)
	return c, err
}

func (db *DB) deviceParams(ctx context.Context, id int64) ([]inventory.DeviceParam, error) {
	rows, err := db.sql.QueryContext(ctx,
		`SELECT HARDWARE_ID, NAME, IVALUE, TVALUE FROM devices WHERE HARDWARE_ID = ?
		 UNION ALL
		 SELECT d.HARDWARE_ID, d.NAME, d.IVALUE, d.TVALUE FROM devices d
		 JOIN groups_cache g ON g.GROUP_ID = d.HARDWARE_ID
		 WHERE g.HARDWARE_ID = ? AND g.STATIC <> 2`, id, id)
	if err != nil {
		return nil, fmt.Errorf("storage: read devices: %w", err)
	}
	defer rows.Close()
	var out []inventory.DeviceParam
	for rows.Next() {
		var owner int64
		var p inventory.DeviceParam
		var iv sql.NullInt64
		var tv sql.NullString
		if err := rows.Scan(&owner, &p.Name, &iv, &tv); err != nil {
			return nil, fmt.Errorf("storage: scan devices: %w", err)
		}
		if iv.Valid {
			n := iv.Int64
			p.IValue = &n
		}
		if tv.Valid {
			s := tv.String
			p.TValue = &s
		}
		p.Group = owner != id
		out = append(out, p)
	}
	return out, rows.Err()
}

// TouchContact records a PROLOG of a known machine: one more contact
// (FIDELITY), its new QUALITY, LASTCOME and User-Agent.
func (db *DB) TouchContact(ctx context.Context, id int64, quality float64, userAgent string) error {
	return db.retry(ctx, func() error {
		_, err := db.sql.ExecContext(ctx,
			"UPDATE hardware SET FIDELITY = FIDELITY + 1, QUALITY = ?, LASTCOME = ?, USERAGENT = ? WHERE ID = ?",
			fmt.Sprintf("%.4f", quality), db.nowText(), inventory.TruncateText(userAgent, 50), id)
		if err != nil {
			return fmt.Errorf("storage: touch contact: %w", err)
		}
		return nil
	})
}

// OpenSession records that a PROLOG was answered SEND (prolog_conntrack),
// for INVENTORY_SESSION_ONLY.
func (db *DB) OpenSession(ctx context.Context, deviceID string) error {
	_, err := db.sql.ExecContext(ctx, "INSERT INTO prolog_conntrack (DEVICEID, TIMESTAMP, PID) VALUES (?, ?, ?)",
		deviceID, db.now().Unix(), 0)
	if err != nil {
		return fmt.Errorf("storage: open session: %w", err)
	}
	return nil
}

// SessionValid reports whether a PROLOG session younger than validity exists
// for deviceID (validity 0: any age).
func (db *DB) SessionValid(ctx context.Context, deviceID string, validity time.Duration) (bool, error) {
	q := "SELECT COUNT(*) FROM prolog_conntrack WHERE DEVICEID = ?"
	args := []any{deviceID}
	if validity > 0 {
		q += " AND TIMESTAMP >= ?"
		args = append(args, db.now().Add(-validity).Unix())
	}
	var n int
	if err := db.sql.QueryRowContext(ctx, q, args...).Scan(&n); err != nil {
		return false, fmt.Errorf("storage: read session: %w", err)
	}
	return n > 0, nil
}

// CloseSession deletes a machine's PROLOG sessions once its inventory is in.
func (db *DB) CloseSession(ctx context.Context, deviceID string) error {
	if _, err := db.sql.ExecContext(ctx, "DELETE FROM prolog_conntrack WHERE DEVICEID = ?", deviceID); err != nil {
		return fmt.Errorf("storage: close session: %w", err)
	}
	return nil
}

// parseDBTime reads a DATETIME as stored ("YYYY-MM-DD HH:MM:SS", local
// time); NULL, zero or unparseable dates give the zero time.
func parseDBTime(s string) time.Time {
	if len(s) < 19 || s[0] == '0' {
		return time.Time{}
	}
	t, err := time.ParseInLocation("2006-01-02 15:04:05", s[:19], time.Local)
	if err != nil {
		return time.Time{}
	}
	return t
}
