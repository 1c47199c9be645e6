package storage

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/go-sql-driver/mysql"

	"ocsd/inventory"
)

var errBusy = fmt.Errorf("storage: connection pool saturated: %w", inventory.ErrBusy)

// maxAttempts bounds the retries of a transaction that hit a deadlock, a
// lock wait timeout, a Galera certification failure or a lost connection.
const maxAttempts = 8

// queryer is what both *sql.DB and *sql.Tx offer.
type queryer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Tx is a database transaction of ocsd. Its methods live next to the tables
// they touch; it carries the dialect so they can pick their SQL.
type Tx struct {
	tx      *sql.Tx
	db      *DB
	dialect Dialect
	// pending are writes queued for one multi-statement round trip (MySQL).
	pending    []queuedStmt
	pendingLen int
	pendingErr error
}

// InTx runs fn in a transaction and commits it; fn's error rolls it back.
// Transient conflicts (deadlock, lock wait timeout, Galera certification
// failure, lost connection, SQLite busy) are retried with jittered backoff,
// so fn must be safe to run again from the start.
func (db *DB) InTx(ctx context.Context, fn func(*Tx) error) error {
	var err error
	for attempt := 1; ; attempt++ {
		err = db.tryTx(ctx, fn)
		if err == nil || !retryable(err) || attempt == maxAttempts {
			break
		}
		db.log.Debug().Err(err).Int("attempt", attempt).Msg("transaction retried")
		db.retries.Add(1)
		if err := sleepBackoff(ctx, attempt); err != nil {
			return err
		}
	}
	return err
}

// sleepBackoff waits before attempt+1: quadratic with full jitter, so
// colliding writers spread out.
func sleepBackoff(ctx context.Context, attempt int) error {
	backoff := time.Duration(attempt*attempt) * 5 * time.Millisecond
	backoff += time.Duration(rand.Int64N(int64(backoff) + 1))
	select {
	case <-time.After(backoff):
		return nil
	case <-ctx.Done():
		return fmt.Errorf("storage: retry: %w", ctx.Err())
	}
}

func (db *DB) tryTx(ctx context.Context, fn func(*Tx) error) error {
	stx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("storage: begin: %w", err)
	}
	tx := &Tx{tx: stx, db: db, dialect: db.dialect}
	if err := fn(tx); err != nil {
		_ = stx.Rollback()
		return err
	}
	if err := tx.flush(ctx); err != nil {
		_ = stx.Rollback()
		return err
	}
	if tx.pendingErr != nil {
		_ = stx.Rollback()
		return tx.pendingErr
	}
	if err := stx.Commit(); err != nil {
		return fmt.Errorf("storage: commit: %w", err)
	}
	return nil
}

// retryable tells whether err is a transient conflict worth a new attempt.
func retryable(err error) bool {
	var me *mysql.MySQLError
	if errors.As(err, &me) {
		switch me.Number {
		case 1213, 1205, 1047, 1180, 1181, 2006, 2013, 1927, 4031:
			return true
		}
		return false
	}
	if errors.Is(err, driver.ErrBadConn) || errors.Is(err, mysql.ErrInvalidConn) {
		return true
	}
	msg := err.Error()
	// modernc.org/sqlite reports SQLITE_BUSY / SQLITE_LOCKED in its message.
	return strings.Contains(msg, "SQLITE_BUSY") || strings.Contains(msg, "database is locked") ||
		strings.Contains(msg, "SQLITE_LOCKED")
}

// isDuplicateKey tells whether err is a unique-key violation.
func isDuplicateKey(err error) bool {
	var me *mysql.MySQLError
	if errors.As(err, &me) {
		return me.Number == 1062
	}
	return err != nil && strings.Contains(err.Error(), "UNIQUE constraint failed")
}

// insertIgnore is "INSERT IGNORE" in the dialect at hand.
func insertIgnore(d Dialect) string {
	if d == MySQL {
		return "INSERT IGNORE"
	}
	return "INSERT OR IGNORE"
}

// placeholders returns "(?,?,…)" with n marks.
func placeholders(n int) string {
	if n <= 0 {
		return "()"
	}
	var b strings.Builder
	b.Grow(2*n + 1)
	b.WriteByte('(')
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('?')
	}
	b.WriteByte(')')
	return b.String()
}
