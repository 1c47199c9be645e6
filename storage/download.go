package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"

	"ocsd/inventory"
)

// Activations reads the package activations with these download_enable ids,
// with the address of their redistribution server when they have one.
func (db *DB) Activations(ctx context.Context, ids []int64) (map[int64]inventory.Activation, error) {
	out := map[int64]inventory.Activation{}
	if len(ids) == 0 {
		return out, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	rows, err := db.sql.QueryContext(ctx,
		`SELECT e.ID, e.FILEID, e.INFO_LOC, e.PACK_LOC, e.CERT_PATH, e.CERT_FILE, e.SERVER_ID, h.ID, h.IPADDR, h.NAME
		 FROM download_enable e LEFT JOIN hardware h ON h.ID = e.SERVER_ID
		 WHERE e.ID IN `+placeholders(len(ids)), args...)
	if err != nil {
		return nil, fmt.Errorf("storage: read download_enable: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var a inventory.Activation
		var certPath, certFile, ip, name dbText
		var server, found sql.NullInt64
		if err := rows.Scan(&a.EnableID, &a.FileID, &a.InfoLoc, &a.PackLoc, &certPath, &certFile, &server, &found, &ip, &name); err != nil {
			return nil, fmt.Errorf("storage: scan download_enable: %w", err)
		}
		a.CertPath, a.CertFile = certPath.String, certFile.String
		a.ServerID, a.ServerFound = server.Int64, found.Valid
		a.ServerIP, a.ServerName = ip.String, name.String
		out[a.EnableID] = a
	}
	return out, rows.Err()
}

// PackageHistory returns the package ids (FILEIDs) a machine reported installed.
func (db *DB) PackageHistory(ctx context.Context, id int64) (map[string]bool, error) {
	rows, err := db.sql.QueryContext(ctx, "SELECT PKG_ID FROM download_history WHERE HARDWARE_ID = ?", id)
	if err != nil {
		return nil, fmt.Errorf("storage: read download_history: %w", err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var n int64
		if err := rows.Scan(&n); err != nil {
			return nil, fmt.Errorf("storage: scan download_history: %w", err)
		}
		out[strconv.FormatInt(n, 10)] = true
	}
	return out, rows.Err()
}

// AssignPackages gives a machine its own DOWNLOAD rows (status NULL) for
// packages it receives through a group, so their status is tracked per
// machine (DOWNLOAD_GROUPS_TRACE_EVENTS).
func (db *DB) AssignPackages(ctx context.Context, id int64, enableIDs []int64) error {
	return db.InTx(ctx, func(tx *Tx) error {
		for _, e := range enableIDs {
			var n int
			if err := tx.tx.QueryRowContext(ctx,
				"SELECT COUNT(*) FROM devices WHERE HARDWARE_ID = ? AND NAME = 'DOWNLOAD' AND IVALUE = ?", id, e).Scan(&n); err != nil {
				return fmt.Errorf("storage: read devices: %w", err)
			}
			if n > 0 {
				continue
			}
			if _, err := tx.tx.ExecContext(ctx,
				"INSERT INTO devices (HARDWARE_ID, NAME, IVALUE, TVALUE, COMMENTS) VALUES (?, 'DOWNLOAD', ?, NULL, NULL)", id, e); err != nil {
				return fmt.Errorf("storage: assign package: %w", err)
			}
		}
		return nil
	})
}

// SetPackageStatus sets the status of a machine's DOWNLOAD rows for these
// activations; with onlyUnset, rows that already have a status keep it.
func (db *DB) SetPackageStatus(ctx context.Context, id int64, enableIDs []int64, status, comment string, onlyUnset bool) error {
	if len(enableIDs) == 0 {
		return nil
	}
	q := "UPDATE devices SET TVALUE = ?, COMMENTS = ? WHERE HARDWARE_ID = ? AND NAME = 'DOWNLOAD' AND IVALUE IN " + placeholders(len(enableIDs))
	if onlyUnset {
		q += " AND TVALUE IS NULL"
	}
	args := []any{status, comment, id}
	for _, e := range enableIDs {
		args = append(args, e)
	}
	return db.retry(ctx, func() error {
		if _, err := db.sql.ExecContext(ctx, q, args...); err != nil {
			return fmt.Errorf("storage: set package status: %w", err)
		}
		return nil
	})
}

// ReportPackage records the status an agent reports for a package (QUERY
// DOWNLOAD) on the machine's DOWNLOAD row of that package. It returns false
// when the machine has no such assignment.
func (db *DB) ReportPackage(ctx context.Context, deviceID, fileID, status, comment string) (bool, error) {
	var n int64
	err := db.retry(ctx, func() error {
		r, err := db.sql.ExecContext(ctx,
			`UPDATE devices SET TVALUE = ?, COMMENTS = ?
			 WHERE NAME = 'DOWNLOAD'
			   AND HARDWARE_ID = (SELECT ID FROM hardware WHERE DEVICEID = ? ORDER BY ID DESC LIMIT 1)
			   AND IVALUE IN (SELECT ID FROM download_enable WHERE FILEID = ?)`,
			status, comment, deviceID, fileID)
		if err != nil {
			return fmt.Errorf("storage: report package: %w", err)
		}
		n, _ = r.RowsAffected()
		return nil
	})
	return n > 0, err
}
