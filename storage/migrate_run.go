package storage

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// session is one pinned connection on which the schema is read and changed.
// On SQLite every migration of a run shares one immediate transaction, so a
// run is atomic and concurrent runs queue on the write lock. MySQL commits
// DDL implicitly, so there each migration is recorded right after it ran and
// concurrent runs queue on a named lock instead.
type session struct {
	db   *DB
	conn *sql.Conn
	tx   *sql.Tx
}

var _ queryer = (*session)(nil)

// ExecContext runs a statement in the session's transaction, if any.
func (s *session) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if s.tx != nil {
		return s.tx.ExecContext(ctx, query, args...)
	}
	return s.conn.ExecContext(ctx, query, args...)
}

// QueryContext runs a query in the session's transaction, if any.
func (s *session) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if s.tx != nil {
		return s.tx.QueryContext(ctx, query, args...)
	}
	return s.conn.QueryContext(ctx, query, args...)
}

// QueryRowContext runs a one-row query in the session's transaction, if any.
func (s *session) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if s.tx != nil {
		return s.tx.QueryRowContext(ctx, query, args...)
	}
	return s.conn.QueryRowContext(ctx, query, args...)
}

func (db *DB) openSession(ctx context.Context) (*session, error) {
	conn, err := db.sql.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("schema connection: %w", err)
	}
	return &session{db: db, conn: conn}, nil
}

func (s *session) close() { _ = s.conn.Close() }

// withSchemaLock runs fn on a session that no other ocsd process migrating
// the same database can enter at the same time.
func (db *DB) withSchemaLock(ctx context.Context, fn func(*session) error) error {
	s, err := db.openSession(ctx)
	if err != nil {
		return err
	}
	defer s.close()
	if db.dialect == MySQL {
		release, err := s.namedLock(ctx)
		if err != nil {
			return err
		}
		defer release()
		return fn(s)
	}
	if s.tx, err = s.conn.BeginTx(ctx, nil); err != nil {
		return fmt.Errorf("schema transaction: %w", err)
	}
	if err := fn(s); err != nil {
		_ = s.tx.Rollback()
		return err
	}
	if err := s.tx.Commit(); err != nil {
		return fmt.Errorf("schema commit: %w", err)
	}
	return nil
}

// namedLock takes a MySQL named lock for the database, waiting for another
// migrating process to finish. Named locks are per server, not replicated by
// Galera: run migrations against one node.
func (s *session) namedLock(ctx context.Context) (release func(), err error) {
	name := "ocsd_migrate:" + s.db.source.MySQL.DBName
	if len(name) > 64 {
		name = name[:64]
	}
	for {
		var got sql.NullInt64
		if err := s.conn.QueryRowContext(ctx, "SELECT GET_LOCK(?, 5)", name).Scan(&got); err != nil {
			return nil, fmt.Errorf("schema lock: %w", err)
		}
		if got.Valid && got.Int64 == 1 {
			break
		}
		s.db.log.Info().Str("lock", name).Msg("waiting for another ocsd to finish migrating")
	}
	return func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_, _ = s.conn.ExecContext(ctx, "DO RELEASE_LOCK(?)", name)
	}, nil
}

// state reads which tables exist and which migrations are recorded.
func (s *session) state(ctx context.Context) (schemaState, error) {
	st := schemaState{tables: map[string]bool{}, applied: map[int]bool{}}
	q := "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"
	if s.db.dialect == SQLite {
		q = "SELECT name FROM sqlite_master WHERE type = 'table'"
	}
	names, err := queryStrings(ctx, s, q)
	if err != nil {
		return st, fmt.Errorf("list tables: %w", err)
	}
	for _, n := range names {
		st.tables[n] = true
	}
	if !st.tables["ocsd_migrations"] {
		return st, nil
	}
	versions, err := queryStrings(ctx, s, "SELECT VERSION FROM ocsd_migrations")
	if err != nil {
		return st, fmt.Errorf("read ocsd_migrations: %w", err)
	}
	for _, v := range versions {
		var n int
		if _, err := fmt.Sscan(v, &n); err == nil {
			st.applied[n] = true
		}
	}
	return st, nil
}

// apply runs ms in order, recording each one, and reports them in res.
func (s *session) apply(ctx context.Context, ms []migration, res *MigrateResult) error {
	for _, m := range ms {
		start := time.Now()
		if err := s.applyOne(ctx, m, res); err != nil {
			return fmt.Errorf("%s: %w", m.label(), err)
		}
		res.Applied = append(res.Applied, m.label())
		s.db.log.Debug().Str("migration", m.label()).Dur("took", time.Since(start)).Msg("migration applied")
	}
	return nil
}

func (s *session) applyOne(ctx context.Context, m migration, res *MigrateResult) error {
	if m.seed == nil {
		for _, stmt := range m.stmts {
			if _, err := s.ExecContext(ctx, stmt); err != nil {
				return err
			}
		}
		return s.record(ctx, s, m)
	}
	// Seeds are data: on MySQL they get a transaction of their own so that a
	// seed and its record land together.
	q, commit, err := s.dataTx(ctx)
	if err != nil {
		return err
	}
	sd := &seeder{q: q, dialect: s.db.dialect}
	if err := m.seed(ctx, sd); err != nil {
		commit(false)
		return err
	}
	if err := s.record(ctx, q, m); err != nil {
		commit(false)
		return err
	}
	if err := commit(true); err != nil {
		return err
	}
	if sd.adminPassword != "" {
		res.AdminPassword = sd.adminPassword
	}
	return nil
}

// dataTx returns where data writes go: the session's transaction on SQLite,
// a new transaction on the pinned connection on MySQL.
func (s *session) dataTx(ctx context.Context) (queryer, func(ok bool) error, error) {
	if s.tx != nil {
		return s.tx, func(bool) error { return nil }, nil
	}
	tx, err := s.conn.BeginTx(ctx, nil)
	if err != nil {
		return nil, nil, fmt.Errorf("begin: %w", err)
	}
	return tx, func(ok bool) error {
		if !ok {
			return tx.Rollback()
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("commit: %w", err)
		}
		return nil
	}, nil
}

func (s *session) record(ctx context.Context, q queryer, m migration) error {
	_, err := q.ExecContext(ctx, "INSERT INTO ocsd_migrations (VERSION, NAME, APPLIED) VALUES (?, ?, ?)",
		m.version, m.name, s.db.nowText())
	if err != nil {
		return fmt.Errorf("record: %w", err)
	}
	return nil
}

// queryStrings returns the first column of every row of query.
func queryStrings(ctx context.Context, q queryer, query string, args ...any) ([]string, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v sql.NullString
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v.String)
	}
	return out, rows.Err()
}
