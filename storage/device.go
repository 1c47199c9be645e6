package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"ocsd/inventory"
)

// LookupDevice finds the newest machine with this DEVICEID and the section
// fingerprints of its last inventory. An unknown DEVICEID gives ID 0.
func (db *DB) LookupDevice(ctx context.Context, deviceID string) (inventory.DeviceRef, error) {
	rows, err := db.sql.QueryContext(ctx,
		`SELECT h.ID, s.SECTIONS, a.* FROM hardware h
		 LEFT JOIN ocsd_device_state s ON s.HARDWARE_ID = h.ID
		 LEFT JOIN accountinfo a ON a.HARDWARE_ID = h.ID
		 WHERE h.DEVICEID = ? ORDER BY h.ID DESC LIMIT 1`, deviceID)
	if err != nil {
		return inventory.DeviceRef{}, fmt.Errorf("storage: lookup device: %w", err)
	}
	defer rows.Close()
	if !rows.Next() {
		return inventory.DeviceRef{}, rows.Err()
	}
	cols, err := rows.Columns()
	if err != nil {
		return inventory.DeviceRef{}, fmt.Errorf("storage: lookup device: %w", err)
	}
	var ref inventory.DeviceRef
	var sections dbText
	vals := make([]dbText, len(cols)-2)
	ptrs := []any{&ref.ID, &sections}
	for i := range vals {
		ptrs = append(ptrs, &vals[i])
	}
	if err := rows.Scan(ptrs...); err != nil {
		return ref, fmt.Errorf("storage: lookup device: %w", err)
	}
	ref.Hashes = parseHashes(sections.String)
	for i, c := range cols[2:] {
		if strings.EqualFold(c, "HARDWARE_ID") {
			ref.AccountFound = vals[i].Valid
			continue
		}
		ref.Account = append(ref.Account, inventory.AccountEntry{Name: c, Value: vals[i].String})
	}
	if !ref.AccountFound {
		ref.Account = nil
	}
	return ref, rows.Err()
}

// parseHashes reads ocsd_device_state.SECTIONS ("TAG=hex,TAG=hex"); keys
// never contain '=' or ',' (section tags, "+TAG" for extra sections,
// inventory.IdentityKey).
func parseHashes(s string) map[string]uint64 {
	out := map[string]uint64{}
	for _, part := range strings.Split(s, ",") {
		k, v, ok := strings.Cut(part, "=")
		if !ok {
			continue
		}
		if n, err := strconv.ParseUint(v, 16, 64); err == nil {
			out[k] = n
		}
	}
	return out
}

// formatHashes is the inverse of parseHashes, with keys sorted so equal maps
// give equal text.
func formatHashes(m map[string]uint64) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var b strings.Builder
	for i, k := range keys {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(k)
		b.WriteByte('=')
		b.WriteString(strconv.FormatUint(m[k], 16))
	}
	return b.String()
}

// Account reads the accountinfo row of a device as KEYNAME/KEYVALUE pairs,
// in column order, HARDWARE_ID left out and NULL read as "".
func (db *DB) Account(ctx context.Context, id int64) ([]inventory.AccountEntry, error) {
	acc, _, err := readAccount(ctx, db.sql, id)
	return acc, err
}

func readAccount(ctx context.Context, q queryer, id int64) ([]inventory.AccountEntry, bool, error) {
	rows, err := q.QueryContext(ctx, "SELECT * FROM accountinfo WHERE HARDWARE_ID = ?", id)
	if err != nil {
		return nil, false, fmt.Errorf("storage: read accountinfo: %w", err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, false, fmt.Errorf("storage: accountinfo columns: %w", err)
	}
	if !rows.Next() {
		return nil, false, rows.Err()
	}
	vals := make([]dbText, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	if err := rows.Scan(ptrs...); err != nil {
		return nil, false, fmt.Errorf("storage: scan accountinfo: %w", err)
	}
	out := make([]inventory.AccountEntry, 0, len(cols))
	for i, c := range cols {
		if strings.EqualFold(c, "HARDWARE_ID") {
			continue
		}
		out = append(out, inventory.AccountEntry{Name: c, Value: vals[i].String})
	}
	return out, true, rows.Err()
}

// ExistingDeviceIDs returns which of these DEVICEIDs have a machine with an
// accountinfo row, i.e. a complete stored inventory (bench and tests use it
// to prove acknowledged inventories were kept).
func (db *DB) ExistingDeviceIDs(ctx context.Context, ids []string) (map[string]bool, error) {
	out := make(map[string]bool, len(ids))
	for start := 0; start < len(ids); start += 1000 {
		end := min(start+1000, len(ids))
		args := make([]any, 0, end-start)
		for _, id := range ids[start:end] {
			args = append(args, id)
		}
		rows, err := db.sql.QueryContext(ctx, "SELECT h.DEVICEID FROM hardware h JOIN accountinfo a ON a.HARDWARE_ID = h.ID WHERE h.DEVICEID IN "+placeholders(len(args)), args...)
		if err != nil {
			return nil, fmt.Errorf("storage: existing devices: %w", err)
		}
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return nil, fmt.Errorf("storage: existing devices: %w", err)
			}
			out[id] = true
		}
		rows.Close()
	}
	return out, nil
}

// ForgetFingerprint drops one stored fingerprint of a device, so its next
// inventory redoes what the fingerprint lets it skip.
func (db *DB) ForgetFingerprint(ctx context.Context, id int64, key string) error {
	return db.InTx(ctx, func(tx *Tx) error {
		q := "SELECT SECTIONS FROM ocsd_device_state WHERE HARDWARE_ID = ?"
		if tx.dialect == MySQL {
			q += " FOR UPDATE"
		}
		var sections dbText
		err := tx.QueryRowContext(ctx, q, id).Scan(&sections)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("storage: forget fingerprint: %w", err)
		}
		m := parseHashes(sections.String)
		if _, ok := m[key]; !ok {
			return nil
		}
		delete(m, key)
		_, err = tx.ExecContext(ctx, "UPDATE ocsd_device_state SET SECTIONS = ? WHERE HARDWARE_ID = ?", formatHashes(m), id)
		if err != nil {
			return fmt.Errorf("storage: forget fingerprint: %w", err)
		}
		return nil
	})
}
