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

// FixtureBulk inserts many rows into table, several per statement (values
// in cols order, nil for NULL). For tests and benchmarks only, like
// FixtureRows: the SOAP throughput test loads a 10,000-device fleet with it.
func (db *DB) FixtureBulk(ctx context.Context, table string, cols []string, rows [][]any) error {
	if !reIdent.MatchString(table) {
		return fmt.Errorf("storage: fixture: bad table %q", table)
	}
	quoted := make([]string, len(cols))
	for i, c := range cols {
		if !reIdent.MatchString(c) {
			return fmt.Errorf("storage: fixture: bad column %q", c)
		}
		quoted[i] = quoteIdent(c)
	}
	per := max(1, 30000/max(1, len(cols)))
	per = min(per, 1000)
	row := placeholders(len(cols))
	for start := 0; start < len(rows); start += per {
		chunk := rows[start:min(start+per, len(rows))]
		var b strings.Builder
		b.WriteString("INSERT INTO " + quoteIdent(table) + " (" + strings.Join(quoted, ", ") + ") VALUES ")
		args := make([]any, 0, len(chunk)*len(cols))
		for i, r := range chunk {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(row)
			args = append(args, r...)
		}
		if _, err := db.sql.ExecContext(ctx, b.String(), args...); err != nil {
			return fmt.Errorf("storage: fixture %s: %w", table, err)
		}
	}
	return nil
}
