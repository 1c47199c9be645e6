package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"time"

	"ocsd/inventory"
)

// contactQuery reads, in one round trip, the machines with a DEVICEID
// (newest first) with the devices rows of each and of the groups it belongs
// to (static exclusions left out). A machine's own rows repeat once per
// group; Contact keeps each devices row once.
const contactQuery = `
SELECT h.ID, h.NAME, h.IPADDR, h.LASTDATE, h.LASTCOME, h.QUALITY, h.FIDELITY,
       d.ID, d.HARDWARE_ID, d.NAME, d.IVALUE, d.TVALUE
  FROM hardware h
  LEFT JOIN groups_cache g ON g.HARDWARE_ID = h.ID AND g.STATIC <> 2
  LEFT JOIN devices d ON d.HARDWARE_ID = h.ID OR d.HARDWARE_ID = g.GROUP_ID
 WHERE h.DEVICEID = ?
 ORDER BY h.ID DESC`

// Contact reads what a PROLOG needs of a machine: its hardware row and the
// devices rows of the machine and of the groups it belongs to. An unknown
// DEVICEID gives ID 0.
func (db *DB) Contact(ctx context.Context, deviceID string) (inventory.Contact, error) {
	rows, err := db.sql.QueryContext(ctx, contactQuery, deviceID)
	if err != nil {
		return inventory.Contact{}, fmt.Errorf("storage: read contact: %w", err)
	}
	defer rows.Close()
	var c inventory.Contact
	seen := map[int64]bool{}
	for rows.Next() {
		var id int64
		var name, ip, lastDate, lastCome, quality, fidelity dbText
		var pid, owner sql.NullInt64
		var pname, piv, ptv dbText
		if err := rows.Scan(&id, &name, &ip, &lastDate, &lastCome, &quality, &fidelity, &pid, &owner, &pname, &piv, &ptv); err != nil {
			return c, fmt.Errorf("storage: read contact: %w", err)
		}
		if c.ID == 0 {
			loc := db.Now().Location()
			c.ID, c.Name, c.IPAddr = id, name.String, ip.String
			c.LastDate, c.LastCome = parseDBTimeIn(lastDate.String, loc), parseDBTimeIn(lastCome.String, loc)
			c.Quality, _ = strconv.ParseFloat(quality.String, 64)
			c.Fidelity, _ = strconv.ParseInt(fidelity.String, 10, 64)
		}
		if id != c.ID || !pid.Valid || seen[pid.Int64] {
			continue // an older machine of the same DEVICEID, no row, or a repeat
		}
		seen[pid.Int64] = true
		c.Params = append(c.Params, deviceParam(owner.Int64 != id, pname, piv, ptv))
	}
	if err := rows.Err(); err != nil {
		return c, fmt.Errorf("storage: read contact: %w", err)
	}
	return c, nil
}

func deviceParam(group bool, name, iv, tv dbText) inventory.DeviceParam {
	p := inventory.DeviceParam{Name: name.String, Group: group}
	if iv.Valid {
		n, _ := strconv.ParseInt(iv.String, 10, 64)
		p.IValue = &n
	}
	if tv.Valid {
		t := tv.String
		p.TValue = &t
	}
	return p
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
