package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"ocsd/soap/store"
)

// ResetChecksum assigns hardware.CHECKSUM for the given devices and returns
// how many rows matched (as DBD::mysql reports found rows, even unchanged).
func (db *DB) ResetChecksum(ctx context.Context, checksum uint64, ids []int64) (int64, error) {
	var n int64
	err := db.InTx(ctx, func(tx *Tx) error {
		in := placeholders(len(ids))
		if err := tx.tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM hardware WHERE ID IN "+in, int64Args(ids)...).Scan(&n); err != nil {
			return fmt.Errorf("storage: reset checksum: %w", err)
		}
		args := append([]any{db.uint64Arg(checksum)}, int64Args(ids)...)
		if _, err := tx.tx.ExecContext(ctx, "UPDATE hardware SET CHECKSUM = ? WHERE ID IN "+in, args...); err != nil {
			return fmt.Errorf("storage: reset checksum: %w", err)
		}
		return nil
	})
	return n, err
}

// History returns deletion and merge events ordered by DATE, DELETED (then
// ID, so pages are stable).
func (db *DB) History(ctx context.Context, offset, limit int) ([]store.Event, error) {
	rows, err := db.sql.QueryContext(ctx,
		"SELECT DATE, DELETED, EQUIVALENT FROM deleted_equiv ORDER BY DATE, DELETED, ID LIMIT ? OFFSET ?", limit, offset)
	if err != nil {
		return nil, fmt.Errorf("storage: history: %w", err)
	}
	defer rows.Close()
	var out []store.Event
	for rows.Next() {
		var date, deleted, equiv dbText
		if err := rows.Scan(&date, &deleted, &equiv); err != nil {
			return nil, fmt.Errorf("storage: history: %w", err)
		}
		e := store.Event{Date: date.String, Deleted: deleted.String}
		if equiv.Valid {
			e.Equivalent = &equiv.String
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("storage: history: %w", err)
	}
	return out, nil
}

// ClearHistory deletes the first n events in History's order and returns
// how many it deleted.
func (db *DB) ClearHistory(ctx context.Context, n int) (int64, error) {
	var deleted int64
	err := db.InTx(ctx, func(tx *Tx) error {
		deleted = 0
		rows, err := tx.tx.QueryContext(ctx, "SELECT ID FROM deleted_equiv ORDER BY DATE, DELETED, ID LIMIT ?", n)
		if err != nil {
			return fmt.Errorf("storage: clear history: %w", err)
		}
		var ids []int64
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return fmt.Errorf("storage: clear history: %w", err)
			}
			ids = append(ids, id)
		}
		rows.Close()
		for start := 0; start < len(ids); start += 500 {
			chunk := ids[start:min(start+500, len(ids))]
			res, err := tx.tx.ExecContext(ctx, "DELETE FROM deleted_equiv WHERE ID IN "+placeholders(len(chunk)), int64Args(chunk)...)
			if err != nil {
				return fmt.Errorf("storage: clear history: %w", err)
			}
			k, _ := res.RowsAffected()
			deleted += k
		}
		return nil
	})
	return deleted, err
}

// ConfigRow returns the config row named name.
func (db *DB) ConfigRow(ctx context.Context, name string) (store.ConfigRow, bool, error) {
	var iv sql.NullInt64
	var tv sql.NullString
	err := db.sql.QueryRowContext(ctx, "SELECT IVALUE, TVALUE FROM config WHERE NAME = ?", name).Scan(&iv, &tv)
	if errors.Is(err, sql.ErrNoRows) {
		return store.ConfigRow{}, false, nil
	}
	if err != nil {
		return store.ConfigRow{}, false, fmt.Errorf("storage: config %s: %w", name, err)
	}
	var r store.ConfigRow
	if iv.Valid {
		r.IValue = &iv.Int64
	}
	if tv.Valid {
		r.TValue = &tv.String
	}
	return r, true, nil
}

// SetConfig creates the config row if missing, then sets the values given.
// This process sees the change at once; other ocsd processes within the
// settings cache's few seconds.
func (db *DB) SetConfig(ctx context.Context, name string, ivalue *int64, tvalue *string) error {
	defer db.InvalidateSettings()
	return db.InTx(ctx, func(tx *Tx) error {
		if _, err := tx.tx.ExecContext(ctx, insertIgnore(tx.dialect)+" INTO config (NAME) VALUES (?)", name); err != nil {
			return fmt.Errorf("storage: config %s: %w", name, err)
		}
		var set []string
		var args []any
		if ivalue != nil {
			set, args = append(set, "IVALUE = ?"), append(args, *ivalue)
		}
		if tvalue != nil {
			set, args = append(set, "TVALUE = ?"), append(args, *tvalue)
		}
		if len(set) == 0 {
			return nil
		}
		args = append(args, name)
		if _, err := tx.tx.ExecContext(ctx, "UPDATE config SET "+strings.Join(set, ", ")+" WHERE NAME = ?", args...); err != nil {
			return fmt.Errorf("storage: config %s: %w", name, err)
		}
		return nil
	})
}
