package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// MigrateResult reports what Migrate did.
type MigrateResult struct {
	// Created is true when the database was empty and now holds the whole
	// schema.
	Created bool
	// Applied lists the migrations this call applied ("0002_create_hardware").
	Applied []string
	// AdminPassword is the password of the admin operator this call created:
	// set only when the schema was created, and never stored in clear.
	AdminPassword string
}

// ErrNeedsAdopt is wrapped in Migrate's error when the database holds an OCS
// schema that ocsd has not adopted yet (any GUI_VERSION, 7069 included).
var ErrNeedsAdopt = errors.New("not adopted by ocsd yet; " +
	"bring it to GUI_VERSION 7069 with `ocsd migrate --db DSN [--dry-run]`")

// Migrate creates the schema in an empty database (tables, seed rows and an
// admin operator with a random password) or applies the migrations an ocsd
// database has not had yet. An OCS database that ocsd does not manage yet is
// left untouched: the error wraps ErrNeedsAdopt. Running it again does nothing.
func (db *DB) Migrate(ctx context.Context) (MigrateResult, error) {
	var res MigrateResult
	all, err := loadMigrations(db.dialect)
	if err != nil {
		return res, err
	}
	err = db.withSchemaLock(ctx, func(s *session) error {
		st, err := s.state(ctx)
		if err != nil {
			return err
		}
		if err := st.checkManaged(ctx, s); err != nil {
			return err
		}
		res.Created = len(st.applied) == 0
		return s.apply(ctx, pending(all, st.applied), &res)
	})
	if err != nil {
		return res, fmt.Errorf("storage: migrate: %w", err)
	}
	return res, nil
}

// PendingMigrations lists the migrations Migrate would apply, without
// applying them (for `ocsd migrate --dry-run`). Like Migrate, it fails with
// ErrNeedsAdopt on an OCS database ocsd does not manage yet.
func (db *DB) PendingMigrations(ctx context.Context) ([]string, error) {
	all, err := loadMigrations(db.dialect)
	if err != nil {
		return nil, err
	}
	s, err := db.openSession(ctx)
	if err != nil {
		return nil, fmt.Errorf("storage: pending migrations: %w", err)
	}
	defer s.close()
	st, err := s.state(ctx)
	if err == nil {
		err = st.checkManaged(ctx, s)
	}
	if err != nil {
		return nil, fmt.Errorf("storage: pending migrations: %w", err)
	}
	var out []string
	for _, m := range pending(all, st.applied) {
		out = append(out, m.label())
	}
	return out, nil
}

// GUIVersion returns the schema version OCS records in config (GUI_VERSION).
func (db *DB) GUIVersion(ctx context.Context) (string, error) {
	v, err := guiVersion(ctx, db.sql)
	if err != nil {
		return "", fmt.Errorf("storage: %w", err)
	}
	return v, nil
}

func guiVersion(ctx context.Context, q queryer) (string, error) {
	var v sql.NullString
	err := q.QueryRowContext(ctx, "SELECT TVALUE FROM config WHERE NAME = 'GUI_VERSION'").Scan(&v)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && !v.Valid) {
		return "", errors.New("gui version: config has no GUI_VERSION value")
	}
	if err != nil {
		return "", fmt.Errorf("gui version: %w", err)
	}
	return v.String, nil
}

// schemaState is what a database holds before migrating.
type schemaState struct {
	tables  map[string]bool
	applied map[int]bool
}

// checkManaged refuses an OCS database that ocsd has not adopted: it has
// OCS tables but no recorded migration.
func (st schemaState) checkManaged(ctx context.Context, q queryer) error {
	if len(st.applied) > 0 || !(st.tables["config"] || st.tables["hardware"]) {
		return nil
	}
	v := "unknown"
	if st.tables["config"] {
		if got, err := guiVersion(ctx, q); err == nil {
			v = got
		}
	}
	return fmt.Errorf("OCS schema at GUI_VERSION %s: %w", v, ErrNeedsAdopt)
}

// pending returns the migrations of all not in applied, in order.
func pending(all []migration, applied map[int]bool) []migration {
	var out []migration
	for _, m := range all {
		if !applied[m.version] {
			out = append(out, m)
		}
	}
	return out
}
