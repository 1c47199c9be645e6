package storage

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"ocsd/inventory"
)

// contactQuery reads, in one round trip, the newest machine with a DEVICEID
// (K=0) and the devices rows of that machine (K=1) and of its groups (K=2,
// static exclusions left out).
const contactQuery = `
SELECT 0, h.ID, h.NAME, h.IPADDR, h.LASTDATE, h.LASTCOME, h.QUALITY, h.FIDELITY
  FROM hardware h WHERE h.ID = (SELECT MAX(ID) FROM hardware WHERE DEVICEID = ?)
UNION ALL
SELECT 1, d.HARDWARE_ID, d.NAME, d.TVALUE, NULL, NULL, NULL, d.IVALUE
  FROM devices d WHERE d.HARDWARE_ID = (SELECT MAX(ID) FROM hardware WHERE DEVICEID = ?)
UNION ALL
SELECT 2, d.HARDWARE_ID, d.NAME, d.TVALUE, NULL, NULL, NULL, d.IVALUE
  FROM devices d JOIN groups_cache g ON g.GROUP_ID = d.HARDWARE_ID
 WHERE g.HARDWARE_ID = (SELECT MAX(ID) FROM hardware WHERE DEVICEID = ?) AND g.STATIC <> 2`

// Contact reads what a PROLOG needs of a machine: its hardware row and the
// devices rows of the machine and of the groups it belongs to. An unknown
// DEVICEID gives ID 0.
func (db *DB) Contact(ctx context.Context, deviceID string) (inventory.Contact, error) {
	rows, err := db.sql.QueryContext(ctx, contactQuery, deviceID, deviceID, deviceID)
	if err != nil {
		return inventory.Contact{}, fmt.Errorf("storage: read contact: %w", err)
	}
	defer rows.Close()
	var c inventory.Contact
	for rows.Next() {
		var kind, id int64
		var name, text, lastDate, lastCome, quality, number dbText
		if err := rows.Scan(&kind, &id, &name, &text, &lastDate, &lastCome, &quality, &number); err != nil {
			return c, fmt.Errorf("storage: read contact: %w", err)
		}
		if kind == 0 {
			c.ID, c.Name, c.IPAddr = id, name.String, text.String
			loc := db.Now().Location()
			c.LastDate, c.LastCome = parseDBTimeIn(lastDate.String, loc), parseDBTimeIn(lastCome.String, loc)
			c.Quality, _ = strconv.ParseFloat(quality.String, 64)
			c.Fidelity, _ = strconv.ParseInt(number.String, 10, 64)
			continue
		}
		p := inventory.DeviceParam{Name: name.String, Group: kind == 2}
		if number.Valid {
			n, _ := strconv.ParseInt(number.String, 10, 64)
			p.IValue = &n
		}
		if text.Valid {
			t := text.String
			p.TValue = &t
		}
		c.Params = append(c.Params, p)
	}
	if err := rows.Err(); err != nil {
		return c, fmt.Errorf("storage: read contact: %w", err)
	}
	if c.ID == 0 {
		c.Params = nil
	}
	return c, nil
}

// TouchContact records a PROLOG of a known machine: one more contact
// (FIDELITY), its new QUALITY, LASTCOME and User-Agent. The write is
// coalesced with the others of the next few milliseconds into one
// transaction (see toucher); the PROLOG reply never depends on it.
func (db *DB) TouchContact(ctx context.Context, id int64, quality float64, userAgent string) error {
	db.touches.add(db, touch{id: id, quality: fmt.Sprintf("%.4f", quality), at: db.nowText(),
		ua: inventory.TruncateText(userAgent, 50)})
	return nil
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

// parseDBTime reads a DATETIME in the process's local zone (see parseDBTimeIn).
func parseDBTime(s string) time.Time { return parseDBTimeIn(s, time.Local) }

// parseDBTimeIn reads a DATETIME as stored ("YYYY-MM-DD HH:MM:SS" in loc,
// the database's zone); NULL, zero or unparseable dates give the zero time.
func parseDBTimeIn(s string, loc *time.Location) time.Time {
	if len(s) < 19 || s[0] == '0' {
		return time.Time{}
	}
	t, err := time.ParseInLocation("2006-01-02 15:04:05", s[:19], loc)
	if err != nil {
		return time.Time{}
	}
	return t
}
