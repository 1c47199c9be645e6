package storage

import (
	"context"
	"fmt"
	"sort"
	"strings"
)

// FixtureRows inserts rows into table. It exists for tests only: the SOAP
// service's tests load the data of the reference captures and of their own
// scenarios with it (hardware, accountinfo, sections, software, history,
// netmap, dictionary …). Column names come from the maps and must be plain
// identifiers; values are bound, nil is NULL.
func (db *DB) FixtureRows(ctx context.Context, table string, rows ...map[string]any) error {
	if !reIdent.MatchString(table) {
		return fmt.Errorf("storage: fixture: bad table %q", table)
	}
	for _, r := range rows {
		cols := make([]string, 0, len(r))
		for c := range r {
			if !reIdent.MatchString(c) {
				return fmt.Errorf("storage: fixture: bad column %q", c)
			}
			cols = append(cols, c)
		}
		sort.Strings(cols)
		args := make([]any, len(cols))
		quoted := make([]string, len(cols))
		for i, c := range cols {
			args[i], quoted[i] = r[c], quoteIdent(c)
		}
		q := "INSERT INTO " + quoteIdent(table) + " (" + strings.Join(quoted, ", ") + ") VALUES " + placeholders(len(cols))
		if _, err := db.sql.ExecContext(ctx, q, args...); err != nil {
			return fmt.Errorf("storage: fixture %s: %w", table, err)
		}
	}
	return nil
}

// FixtureCount returns the number of rows of table matching where (a
// condition with bound args). For tests only, like FixtureRows.
func (db *DB) FixtureCount(ctx context.Context, table, where string, args ...any) (int, error) {
	if !reIdent.MatchString(table) {
		return 0, fmt.Errorf("storage: fixture: bad table %q", table)
	}
	q := "SELECT COUNT(*) FROM " + quoteIdent(table)
	if where != "" {
		q += " WHERE " + where
	}
	var n int
	if err := db.sql.QueryRowContext(ctx, q, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("storage: fixture count %s: %w", table, err)
	}
	return n, nil
}

// FixtureExec runs one statement. For tests only, like FixtureRows (they
// create SNMP type tables with it, as the OCS console does).
func (db *DB) FixtureExec(ctx context.Context, stmt string, args ...any) error {
	if _, err := db.sql.ExecContext(ctx, stmt, args...); err != nil {
		return fmt.Errorf("storage: fixture exec: %w", err)
	}
	return nil
}
