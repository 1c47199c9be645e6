package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"
)

// defaultLockReuse is LOCK_REUSE_TIME's server default (seconds).
const defaultLockReuse = 600

// DeleteComputers deletes each device and every row that refers to it, in
// every per-device table (software, account info, group memberships,
// redistribution-server links, package assignments), and unlinks IpDiscover
// entries it scanned. A device whose locks row is younger than
// LOCK_REUSE_TIME is being inventoried and is skipped, as OCS does
// (the lock check of Apache/Ocsinventory/Interface/Internals.pm).
// With trace, each deletion is recorded in deleted_equiv (DELETED = ID,
// EQUIVALENT NULL, as the OCS console records it). It returns the ids
// actually deleted.
func (db *DB) DeleteComputers(ctx context.Context, ids []int64, trace bool) ([]int64, error) {
	reuse := int64(defaultLockReuse)
	var iv sql.NullInt64
	err := db.sql.QueryRowContext(ctx, "SELECT IVALUE FROM config WHERE NAME = 'LOCK_REUSE_TIME'").Scan(&iv)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("storage: delete computers: %w", err)
	}
	if iv.Valid {
		reuse = iv.Int64
	}
	var deleted []int64
	for _, id := range ids {
		done := false
		err := db.InTx(ctx, func(tx *Tx) error {
			var err error
			done, err = tx.deleteComputer(ctx, id, trace, time.Duration(reuse)*time.Second)
			return err
		})
		if err != nil {
			return deleted, err
		}
		if done {
			deleted = append(deleted, id)
		}
	}
	return deleted, nil
}

// deleteComputer deletes one device in the current transaction.
func (tx *Tx) deleteComputer(ctx context.Context, id int64, trace bool, reuse time.Duration) (bool, error) {
	if err := tx.lockDevices(ctx, id); err != nil {
		return false, err
	}
	var n int
	if err := tx.tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM hardware WHERE ID = ?", id).Scan(&n); err != nil {
		return false, fmt.Errorf("storage: delete computer %d: %w", id, err)
	}
	if n == 0 {
		return false, nil
	}
	since := tx.db.Now().Add(-reuse).Format("2006-01-02 15:04:05")
	if err := tx.tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM locks WHERE HARDWARE_ID = ? AND SINCE > ?", id, since).Scan(&n); err != nil {
		return false, fmt.Errorf("storage: delete computer %d: %w", id, err)
	}
	if n > 0 {
		return false, nil
	}
	stmts := []string{
		"DELETE FROM groups_cache WHERE GROUP_ID = ?",
		"DELETE FROM `groups` WHERE HARDWARE_ID = ?",
		"DELETE FROM download_enable WHERE SERVER_ID = ?",
		"DELETE FROM download_servers WHERE GROUP_ID = ?",
		"UPDATE netmap SET HARDWARE_ID = NULL WHERE HARDWARE_ID = ?",
	}
	for _, q := range stmts {
		if _, err := tx.tx.ExecContext(ctx, q, id); err != nil {
			return false, fmt.Errorf("storage: delete computer %d: %w", id, err)
		}
	}
	if err := tx.purgeDevice(ctx, id); err != nil {
		return false, err
	}
	if trace {
		if err := tx.traceDeleted(ctx, strconv.FormatInt(id, 10), nil); err != nil {
			return false, err
		}
	}
	return true, nil
}
