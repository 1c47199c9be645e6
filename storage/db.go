// Package storage is the only package of ocsd that speaks SQL. It opens the
// OCS database (MySQL/MariaDB, or embedded SQLite), creates or adopts its
// schema, and offers the reads and writes the rest of ocsd needs, each in the
// dialect at hand, with bound parameters only.
package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync/atomic"
	"time"

	"github.com/go-sql-driver/mysql"
	"github.com/rs/zerolog"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// Options tune an opened database.
type Options struct {
	// MaxConns bounds the connection pool (0: twice the processors, at least 4).
	MaxConns int
	// AdmitWait is how long a request waits for a free connection before
	// ErrBusy (0: 5s).
	AdmitWait time.Duration
	// Now is the clock (nil: time.Now).
	Now func() time.Time
	// Log receives storage events (nil: disabled).
	Log *zerolog.Logger
}

// DB is an open OCS database.
type DB struct {
	sql     *sql.DB
	dialect Dialect
	source  Source
	now     func() time.Time
	log     zerolog.Logger
	admit   chan struct{}
	wait    time.Duration
	names   *nameCache
	retries atomic.Int64

	accountCols columnCache
	settings    settingsCache
	search      searchCache
	black       blacklistCache
	touches     toucher
	zone        dbZone
}

// Open connects to the database named by dsn (see ParseDSN). It does not
// create or check the schema: call Migrate for that.
func Open(ctx context.Context, dsn string, opt Options) (*DB, error) {
	src, err := ParseDSN(dsn)
	if err != nil {
		return nil, err
	}
	db := &DB{dialect: src.Dialect, source: src, now: opt.Now, wait: opt.AdmitWait, names: newNameCache()}
	if db.now == nil {
		db.now = time.Now
	}
	if db.wait == 0 {
		db.wait = 5 * time.Second
	}
	db.log = zerolog.Nop()
	if opt.Log != nil {
		db.log = *opt.Log
	}
	maxConns := opt.MaxConns
	if maxConns == 0 {
		// Measured on a 2-core host with a local MariaDB: 4 connections
		// stored 25 % more inventories per second than 32, whose concurrent
		// transactions spend the CPU spinning on InnoDB's latches.
		maxConns = max(4, 2*runtime.GOMAXPROCS(0))
	}
	switch src.Dialect {
	case MySQL:
		db.sql, err = openMySQL(ctx, src.MySQL)
	default:
		db.sql, err = openSQLite(src.Path)
	}
	if err != nil {
		return nil, err
	}
	db.sql.SetMaxOpenConns(maxConns)
	db.sql.SetMaxIdleConns(maxConns)
	db.sql.SetConnMaxLifetime(30 * time.Minute)
	db.admit = make(chan struct{}, maxConns)
	if err := db.sql.PingContext(ctx); err != nil {
		db.sql.Close()
		return nil, fmt.Errorf("storage: connect %s: %w", db.dialect, err)
	}
	return db, nil
}

// openMySQL opens the pool, creating the database first when the server
// answers that it does not exist.
func openMySQL(ctx context.Context, cfg *mysql.Config) (*sql.DB, error) {
	conn, err := mysql.NewConnector(cfg)
	if err != nil {
		return nil, fmt.Errorf("storage: mysql config: %w", err)
	}
	db := sql.OpenDB(conn)
	err = db.PingContext(ctx)
	var me *mysql.MySQLError
	if errors.As(err, &me) && me.Number == 1049 { // ER_BAD_DB_ERROR
		db.Close()
		if err := createMySQLDatabase(ctx, cfg); err != nil {
			return nil, err
		}
		conn, _ = mysql.NewConnector(cfg)
		return sql.OpenDB(conn), nil
	}
	return db, nil
}

func createMySQLDatabase(ctx context.Context, cfg *mysql.Config) error {
	root := cfg.Clone()
	root.DBName = ""
	conn, err := mysql.NewConnector(root)
	if err != nil {
		return fmt.Errorf("storage: mysql config: %w", err)
	}
	db := sql.OpenDB(conn)
	defer db.Close()
	// The name cannot be a bound parameter; quote it as an identifier.
	q := "CREATE DATABASE IF NOT EXISTS " + quoteIdent(cfg.DBName) + " CHARACTER SET utf8mb3 COLLATE utf8mb3_general_ci"
	if _, err := db.ExecContext(ctx, q); err != nil {
		return fmt.Errorf("storage: create database %s: %w", cfg.DBName, err)
	}
	return nil
}

func openSQLite(path string) (*sql.DB, error) {
	ensureCollation()
	if dir := filepath.Dir(path); dir != "." {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return nil, fmt.Errorf("storage: sqlite dir: %w", err)
		}
	}
	// WAL lets readers run beside the single writer; immediate transactions
	// take the write lock up front so two writers queue (busy_timeout)
	// instead of failing when a read lock is upgraded.
	dsn := "file:" + path + "?_pragma=busy_timeout(15000)&_pragma=journal_mode(WAL)" +
		"&_pragma=synchronous(NORMAL)&_pragma=foreign_keys(0)&_txlock=immediate"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("storage: open sqlite %s: %w", path, err)
	}
	return db, nil
}

// Close writes the PROLOG bookkeeping still waiting, then closes the pool.
func (db *DB) Close() error {
	db.touches.drain(db)
	return db.sql.Close()
}

// Dialect returns the SQL flavour of the database.
func (db *DB) Dialect() Dialect { return db.dialect }

// Ping checks that the database answers (for /readyz).
func (db *DB) Ping(ctx context.Context) error {
	if err := db.sql.PingContext(ctx); err != nil {
		return fmt.Errorf("storage: ping: %w", err)
	}
	return nil
}

// Retries returns how many transactions were retried after a transient
// conflict since the database was opened (for /metrics).
func (db *DB) Retries() int64 { return db.retries.Load() }

// Stats returns the pool statistics (for /metrics).
func (db *DB) Stats() sql.DBStats { return db.sql.Stats() }

// SQL exposes the pool to tests of this module that need raw reads; the rest
// of ocsd goes through the typed methods.
func (db *DB) SQL() *sql.DB { return db.sql }

// Admit reserves a slot of the connection pool for one request. It fails
// with inventory.ErrBusy when none frees up within the admission wait, so
// callers can answer 503 instead of queueing without bound.
func (db *DB) Admit(ctx context.Context) (release func(), err error) {
	t := time.NewTimer(db.wait)
	defer t.Stop()
	select {
	case db.admit <- struct{}{}:
		return func() { <-db.admit }, nil
	case <-t.C:
		return nil, errBusy
	case <-ctx.Done():
		return nil, fmt.Errorf("storage: admit: %w", ctx.Err())
	}
}

// nowText is the current time as the database's NOW() prints it.
func (db *DB) nowText() string { return db.Now().Format("2006-01-02 15:04:05") }

func quoteIdent(s string) string {
	out := []byte{'`'}
	for i := 0; i < len(s); i++ {
		if s[i] == '`' {
			out = append(out, '`')
		}
		out = append(out, s[i])
	}
	return string(append(out, '`'))
}

// DropDatabase drops the MySQL database named by dsn, or removes the SQLite
// file. Tests use it to clean up the databases they create.
func DropDatabase(ctx context.Context, dsn string) error {
	src, err := ParseDSN(dsn)
	if err != nil {
		return err
	}
	if src.Dialect == SQLite {
		for _, suffix := range []string{"", "-wal", "-shm"} {
			if err := os.Remove(src.Path + suffix); err != nil && !os.IsNotExist(err) {
				return fmt.Errorf("storage: drop: %w", err)
			}
		}
		return nil
	}
	root := src.MySQL.Clone()
	name := root.DBName
	root.DBName = ""
	conn, err := mysql.NewConnector(root)
	if err != nil {
		return fmt.Errorf("storage: drop: %w", err)
	}
	db := sql.OpenDB(conn)
	defer db.Close()
	if _, err := db.ExecContext(ctx, "DROP DATABASE IF EXISTS "+quoteIdent(name)); err != nil {
		return fmt.Errorf("storage: drop %s: %w", name, err)
	}
	return nil
}
