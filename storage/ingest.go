package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"ocsd/inventory"
)

// newDeviceChecksum is hardware.CHECKSUM's column default in the OCS schema:
// a new device starts with it and ORs the agent's bits into it.
const newDeviceChecksum = 262143

// ExecutePlan writes one inventory in a single transaction: the hardware
// row, account info, every changed section, software, extra sections,
// download history and the section fingerprints. A conflict with a
// concurrent writer retries the whole transaction.
func (db *DB) ExecutePlan(ctx context.Context, p *inventory.WritePlan) (inventory.WriteResult, error) {
	if onlyHardware(p) {
		if res, ok, err := db.touchHardware(ctx, p); err != nil || ok {
			return res, err
		}
	}
	var res inventory.WriteResult
	err := db.InTx(ctx, func(tx *Tx) error {
		var err error
		res, err = tx.executePlan(ctx, p)
		return err
	})
	return res, err
}

func (tx *Tx) executePlan(ctx context.Context, p *inventory.WritePlan) (inventory.WriteResult, error) {
	res := inventory.WriteResult{}
	id, stored, err := tx.lockDevice(ctx, p.KnownID)
	if err != nil {
		return res, err
	}
	if id == 0 {
		if id, err = tx.insertHardware(ctx, p); err != nil {
			return res, err
		}
		res.Created = true
		stored = map[string]uint64{}
	} else if err := tx.updateHardware(ctx, id, p); err != nil {
		return res, err
	}
	res.ID = id
	res.Written = append(res.Written, "hardware")
	for i := range p.Sections {
		if err := tx.applySection(ctx, id, &p.Sections[i], stored, res.Created, &res); err != nil {
			return res, err
		}
	}
	if p.Software != nil {
		if err := tx.applySection(ctx, id, p.Software, stored, res.Created, &res); err != nil {
			return res, err
		}
	}
	if err := tx.writeExtras(ctx, id, p.Extra); err != nil {
		return res, err
	}
	if err := tx.writeAccount(ctx, id, p, &res); err != nil {
		return res, err
	}
	if p.DownloadHistory != nil {
		if err := tx.syncDownloadHistory(ctx, id, p.DownloadHistory); err != nil {
			return res, err
		}
	}
	return res, tx.saveHashes(ctx, id, stored, p.Hashes)
}

// onlyHardware tells whether a plan writes nothing but the hardware row —
// the common case of a re-inventory where nothing changed.
func onlyHardware(p *inventory.WritePlan) bool {
	return p.KnownID != 0 && p.AccountKnown && !p.AcceptAccount && len(p.Sections) == 0 && p.Software == nil &&
		len(p.Extra) == 0 && len(p.Hashes) == 0 && p.DownloadHistory == nil
}

// touchHardware writes such a plan as one autocommit UPDATE: a single row
// changes, so there is nothing to make atomic. ok is false when the machine
// vanished meanwhile (merged or deleted), so the caller takes the full path.
func (db *DB) touchHardware(ctx context.Context, p *inventory.WritePlan) (inventory.WriteResult, bool, error) {
	q, args := hardwareUpdate(p, p.KnownID)
	var n int64
	err := db.retry(ctx, func() error {
		r, err := db.sql.ExecContext(ctx, q, args...)
		if err != nil {
			return fmt.Errorf("storage: update hardware: %w", err)
		}
		n, err = r.RowsAffected()
		return err
	})
	if err != nil || n == 0 {
		return inventory.WriteResult{}, false, err
	}
	return inventory.WriteResult{ID: p.KnownID, Written: []string{"hardware"}}, true, nil
}

// lockDevice takes the device's hardware row for the rest of the
// transaction (MySQL row lock; SQLite's write lock is already held) and
// reads the stored fingerprints. It returns 0 when the device is gone — a
// concurrent merge or delete — so the inventory recreates it.
func (tx *Tx) lockDevice(ctx context.Context, id int64) (int64, map[string]uint64, error) {
	if id == 0 {
		return 0, nil, nil
	}
	q := `SELECT h.ID, s.SECTIONS FROM hardware h LEFT JOIN ocsd_device_state s ON s.HARDWARE_ID = h.ID WHERE h.ID = ?`
	if tx.dialect == MySQL {
		q += " FOR UPDATE"
	}
	var got int64
	var sections sql.NullString
	err := tx.tx.QueryRowContext(ctx, q, id).Scan(&got, &sections)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil, nil
	}
	if err != nil {
		return 0, nil, fmt.Errorf("storage: lock device: %w", err)
	}
	return got, parseHashes(sections.String), nil
}

func (tx *Tx) insertHardware(ctx context.Context, p *inventory.WritePlan) (int64, error) {
	cols := inventory.HardwareColumns()
	var q strings.Builder
	q.WriteString("INSERT INTO hardware (DEVICEID, LASTDATE, LASTCOME, CHECKSUM, USERID")
	for _, c := range cols {
		q.WriteString(", " + c)
	}
	q.WriteString(") VALUES " + placeholders(len(cols)+5))
	args := make([]any, 0, len(cols)+5)
	args = append(args, p.DeviceID, p.LastDate, p.Now, p.Checksum|newDeviceChecksum|1, nullable(p.UserID))
	for _, v := range p.Hardware {
		args = append(args, nullable(v))
	}
	r, err := tx.tx.ExecContext(ctx, q.String(), args...)
	if err != nil {
		return 0, fmt.Errorf("storage: insert hardware: %w", err)
	}
	id, err := r.LastInsertId()
	if err != nil {
		return 0, fmt.Errorf("storage: hardware id: %w", err)
	}
	return id, nil
}

func (tx *Tx) updateHardware(ctx context.Context, id int64, p *inventory.WritePlan) error {
	q, args := hardwareUpdate(p, id)
	return tx.queue(ctx, q, args...)
}

// hardwareUpdate builds the UPDATE of a known machine's hardware row.
func hardwareUpdate(p *inventory.WritePlan, id int64) (string, []any) {
	cols := inventory.HardwareColumns()
	var q strings.Builder
	q.WriteString("UPDATE hardware SET LASTDATE = ?, LASTCOME = ?, CHECKSUM = (CHECKSUM | ? | 1), ETIME = NULL")
	args := make([]any, 0, len(cols)+6)
	args = append(args, p.LastDate, p.Now, p.Checksum)
	if !p.KeepUserID {
		q.WriteString(", USERID = ?")
		args = append(args, nullable(p.UserID))
	}
	for i, c := range cols {
		q.WriteString(", " + c + " = ?")
		args = append(args, nullable(p.Hardware[i]))
	}
	q.WriteString(" WHERE ID = ?")
	args = append(args, id)
	return q.String(), args
}

func nullable(s *string) any {
	if s == nil {
		return nil
	}
	return *s
}

// applySection writes one section unless its stored fingerprint already
// matches (checked here, under the device lock).
func (tx *Tx) applySection(ctx context.Context, id int64, sw *inventory.SectionWrite, stored map[string]uint64, created bool, res *inventory.WriteResult) error {
	if !created && sw.IfHashDiffers {
		if h, ok := stored[sw.Section.Tag]; ok && h == sw.Hash {
			return nil
		}
	}
	changed, err := tx.writeSection(ctx, id, sw, created)
	if err != nil {
		return err
	}
	if changed {
		res.Written = append(res.Written, sw.Section.Table)
	}
	return nil
}

// saveHashes stores the fingerprints of the sections just written over the
// ones of sections left untouched.
func (tx *Tx) saveHashes(ctx context.Context, id int64, stored, fresh map[string]uint64) error {
	if len(fresh) == 0 {
		return nil
	}
	merged := maps.Clone(stored)
	if merged == nil {
		merged = map[string]uint64{}
	}
	maps.Copy(merged, fresh)
	if maps.Equal(merged, stored) {
		return nil
	}
	q := upsertSQL(tx.dialect, "ocsd_device_state", []string{"HARDWARE_ID", "SECTIONS", "UPDATED"}, []string{"HARDWARE_ID"})
	return tx.queue(ctx, q, id, formatHashes(merged), tx.db.nowText())
}

// upsertSQL builds an insert-or-update of one row of cols keyed by keys.
func upsertSQL(d Dialect, table string, cols, keys []string) string {
	return upsertRowsSQL(d, table, cols, keys, 1)
}

// upsertRowsSQL builds an insert-or-update of n rows of cols keyed by keys.
func upsertRowsSQL(d Dialect, table string, cols, keys []string, n int) string {
	var b strings.Builder
	b.WriteString("INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES ")
	tuple := placeholders(len(cols))
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(tuple)
	}
	var sets []string
	for _, c := range cols {
		if slices.Contains(keys, c) {
			continue
		}
		if d == MySQL {
			sets = append(sets, c+" = VALUES("+c+")")
		} else {
			sets = append(sets, c+" = excluded."+c)
		}
	}
	if d == MySQL {
		b.WriteString(" ON DUPLICATE KEY UPDATE " + strings.Join(sets, ", "))
	} else {
		b.WriteString(" ON CONFLICT (" + strings.Join(keys, ", ") + ") DO UPDATE SET " + strings.Join(sets, ", "))
	}
	return b.String()
}
