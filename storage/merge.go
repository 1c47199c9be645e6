package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strconv"

	"ocsd/inventory"
)

// MergeDevice merges victim into survivor in one transaction, as OCS's
// duplicate replace does (mirrors Apache/Ocsinventory/Server/Duplicate.pm):
// the survivor takes the victim's QUALITY, FIDELITY, CHECKSUM bits, account
// info, per-device settings and package assignments, static group
// memberships and redistribution-server links; every other row of the
// victim is deleted — in every per-device table, software included — so no
// orphan remains. A victim already gone is not an error (merged == false).
func (db *DB) MergeDevice(ctx context.Context, victim, survivor int64, opt inventory.MergeOptions) (merged bool, err error) {
	err = db.InTx(ctx, func(tx *Tx) error {
		merged = false
		if err := tx.lockDevices(ctx, victim, survivor); err != nil {
			return err
		}
		var quality sql.NullString
		var fidelity sql.NullInt64
		var checksum uint64
		var userID sql.NullString
		err := tx.tx.QueryRowContext(ctx, "SELECT QUALITY, FIDELITY, CHECKSUM, USERID FROM hardware WHERE ID = ?", victim).
			Scan(&quality, &fidelity, &checksum, &userID)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("storage: read merge victim: %w", err)
		}
		uid := nullable(opt.UserID)
		if opt.KeepUserID {
			uid = nullString(userID)
		}
		if _, err := tx.tx.ExecContext(ctx,
			"UPDATE hardware SET QUALITY = ?, FIDELITY = ?, CHECKSUM = (CHECKSUM | ? | ?), USERID = ? WHERE ID = ?",
			nullString(quality), nullInt(fidelity), checksum, opt.Checksum, uid, survivor); err != nil {
			return fmt.Errorf("storage: update merge survivor: %w", err)
		}
		if err := tx.moveAdministrativeRows(ctx, victim, survivor); err != nil {
			return err
		}
		if err := tx.purgeDevice(ctx, victim); err != nil {
			return err
		}
		if opt.Trace {
			if err := tx.traceDeleted(ctx, strconv.FormatInt(victim, 10), strconv.FormatInt(survivor, 10)); err != nil {
				return err
			}
		}
		merged = true
		return nil
	})
	return merged, err
}

// lockDevices locks hardware rows in id order, so two merges touching the
// same pair cannot deadlock.
func (tx *Tx) lockDevices(ctx context.Context, ids ...int64) error {
	if tx.dialect != MySQL {
		return nil
	}
	sorted := append([]int64(nil), ids...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i] < sorted[j] })
	for _, id := range sorted {
		rows, err := tx.tx.QueryContext(ctx, "SELECT ID FROM hardware WHERE ID = ? FOR UPDATE", id)
		if err != nil {
			return fmt.Errorf("storage: lock device %d: %w", id, err)
		}
		rows.Close()
	}
	return nil
}

// moveAdministrativeRows hands the victim's admin-owned rows to the survivor.
func (tx *Tx) moveAdministrativeRows(ctx context.Context, victim, survivor int64) error {
	var hasAccount int
	_ = tx.tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM accountinfo WHERE HARDWARE_ID = ?", victim).Scan(&hasAccount)
	stmts := []struct {
		q    string
		args []any
	}{
		// The survivor must never end without an accountinfo row (GLPI joins on it).
		{"DELETE FROM accountinfo WHERE HARDWARE_ID = ? AND ? > 0", []any{survivor, hasAccount}},
		{"UPDATE accountinfo SET HARDWARE_ID = ? WHERE HARDWARE_ID = ?", []any{survivor, victim}},
		{"DELETE FROM devices WHERE HARDWARE_ID = ?", []any{survivor}},
		{"UPDATE devices SET HARDWARE_ID = ? WHERE HARDWARE_ID = ?", []any{survivor, victim}},
		{"UPDATE itmgmt_comments SET HARDWARE_ID = ? WHERE HARDWARE_ID = ?", []any{survivor, victim}},
		{updateIgnore(tx.dialect) + " groups_cache SET HARDWARE_ID = ? WHERE HARDWARE_ID = ? AND STATIC IN (1, 2)", []any{survivor, victim}},
		{"UPDATE download_enable SET SERVER_ID = ? WHERE SERVER_ID = ?", []any{survivor, victim}},
		{updateIgnore(tx.dialect) + " download_servers SET HARDWARE_ID = ? WHERE HARDWARE_ID = ?", []any{survivor, victim}},
		{"UPDATE netmap SET HARDWARE_ID = ? WHERE HARDWARE_ID = ?", []any{survivor, victim}},
	}
	for _, s := range stmts {
		if _, err := tx.tx.ExecContext(ctx, s.q, s.args...); err != nil {
			return fmt.Errorf("storage: merge %q: %w", s.q, err)
		}
	}
	return nil
}

// purgeDevice deletes a device's hardware row and every row that refers to
// it, in every per-device table.
func (tx *Tx) purgeDevice(ctx context.Context, id int64) error {
	tables := append(inventory.DeviceTables(),
		inventory.DeviceTable{Table: "accountinfo", Column: "HARDWARE_ID"},
		inventory.DeviceTable{Table: "devices", Column: "HARDWARE_ID"},
		inventory.DeviceTable{Table: "itmgmt_comments", Column: "HARDWARE_ID"},
		inventory.DeviceTable{Table: "groups_cache", Column: "HARDWARE_ID"},
		inventory.DeviceTable{Table: "download_servers", Column: "HARDWARE_ID"},
		inventory.DeviceTable{Table: "locks", Column: "HARDWARE_ID"},
		inventory.DeviceTable{Table: "hardware", Column: "ID"},
	)
	for _, t := range tables {
		if _, err := tx.tx.ExecContext(ctx, "DELETE FROM "+t.Table+" WHERE "+t.Column+" = ?", id); err != nil {
			return fmt.Errorf("storage: purge %s: %w", t.Table, err)
		}
	}
	return nil
}

// traceDeleted records a merge (equivalent set) or a deletion (equivalent nil).
func (tx *Tx) traceDeleted(ctx context.Context, deleted string, equivalent any) error {
	if _, err := tx.tx.ExecContext(ctx, "INSERT INTO deleted_equiv (DATE, DELETED, EQUIVALENT) VALUES (?, ?, ?)",
		tx.db.nowText(), deleted, equivalent); err != nil {
		return fmt.Errorf("storage: trace deleted: %w", err)
	}
	return nil
}

func updateIgnore(d Dialect) string {
	if d == MySQL {
		return "UPDATE IGNORE"
	}
	return "UPDATE OR IGNORE"
}

func nullString(s sql.NullString) any {
	if !s.Valid {
		return nil
	}
	return s.String
}

func nullInt(n sql.NullInt64) any {
	if !n.Valid {
		return nil
	}
	return n.Int64
}
