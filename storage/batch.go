package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// batchBytes bounds the text of one multi-statement round trip, well under
// MySQL's default max_allowed_packet (16 MiB).
const batchBytes = 4 << 20

// queuedStmt is a statement queued by a transaction.
type queuedStmt struct {
	q    string
	args []any
}

// queue defers a write of the transaction. On MySQL the queued writes go
// to the server together, as one multi-statement round trip, when the
// transaction next reads or commits: an inventory's dozens of inserts cost
// one round trip instead of one each (fewer syscalls and context switches on
// both sides). SQLite runs in-process, so there it executes at once.
func (tx *Tx) queue(ctx context.Context, q string, args ...any) error {
	if tx.dialect != MySQL {
		if _, err := tx.tx.ExecContext(ctx, q, args...); err != nil {
			return fmt.Errorf("storage: %s: %w", firstWords(q), err)
		}
		return nil
	}
	tx.pending = append(tx.pending, queuedStmt{q, args})
	tx.pendingLen += len(q)
	if tx.pendingLen > batchBytes {
		return tx.flush(ctx)
	}
	return nil
}

// flush sends the queued writes.
func (tx *Tx) flush(ctx context.Context) error {
	for len(tx.pending) > 0 {
		var b strings.Builder
		var args []any
		n := 0
		for n < len(tx.pending) && (n == 0 || b.Len()+len(tx.pending[n].q) <= batchBytes) {
			if n > 0 {
				b.WriteByte(';')
			}
			b.WriteString(tx.pending[n].q)
			args = append(args, tx.pending[n].args...)
			n++
		}
		tx.pending = tx.pending[n:]
		if _, err := tx.tx.ExecContext(ctx, b.String(), args...); err != nil {
			tx.pending, tx.pendingLen = nil, 0
			return fmt.Errorf("storage: write batch: %w", err)
		}
	}
	tx.pendingLen = 0
	return nil
}

// query runs a read in the transaction after the queued writes.
func (tx *Tx) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	if err := tx.flush(ctx); err != nil {
		return nil, err
	}
	return tx.tx.QueryContext(ctx, q, args...)
}

// QueryContext implements queryer, flushing queued writes first.
func (tx *Tx) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return tx.query(ctx, q, args...)
}

// ExecContext implements queryer, flushing queued writes first.
func (tx *Tx) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	if err := tx.flush(ctx); err != nil {
		return nil, err
	}
	return tx.tx.ExecContext(ctx, q, args...)
}

// QueryRowContext implements queryer, flushing queued writes first (a
// flush error surfaces as the row's error on the next statement).
func (tx *Tx) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	if err := tx.flush(ctx); err != nil {
		tx.pendingErr = err
	}
	return tx.tx.QueryRowContext(ctx, q, args...)
}

func firstWords(q string) string {
	f := strings.Fields(q)
	if len(f) > 3 {
		f = f[:3]
	}
	return strings.ToLower(strings.Join(f, " "))
}
