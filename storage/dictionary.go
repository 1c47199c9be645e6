package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"ocsd/dictionary"
)

var _ dictionary.Store = (*DB)(nil)

// dictionaryEntries is every classified name: the dico_soft rows, UNCHANGED
// when FORMATTED equals EXTRACTED under the column's collation (as the
// ocsreports tabs compare them), and the dico_ignored rows.
const dictionaryEntries = `SELECT EXTRACTED, FORMATTED,
 CASE WHEN EXTRACTED = FORMATTED THEN 'UNCHANGED' ELSE 'CAT' END AS KIND FROM dico_soft
 UNION ALL SELECT EXTRACTED, NULL, 'IGNORED' FROM dico_ignored`

// likeArg escapes s for LIKE ... ESCAPE '!' and wraps it in %.
func likeArg(s string) string {
	r := strings.NewReplacer("!", "!!", "%", "!%", "_", "!_")
	return "%" + r.Replace(s) + "%"
}

// entryFilter is the WHERE clause of a dictionary query and its args.
func entryFilter(q dictionary.Query) (string, []any) {
	var where []string
	var args []any
	if q.Kind != dictionary.All && q.Kind != "" {
		where, args = append(where, "e.KIND = ?"), append(args, string(q.Kind))
	}
	if q.Category != "" {
		where, args = append(where, "e.FORMATTED = ?"), append(args, q.Category)
	}
	if q.Text != "" {
		where = append(where, "(e.EXTRACTED LIKE ? ESCAPE '!' OR e.FORMATTED LIKE ? ESCAPE '!')")
		args = append(args, likeArg(q.Text), likeArg(q.Text))
	}
	if len(where) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(where, " AND "), args
}

// DictionaryEntries returns one page of dictionary entries, by category
// (ignored names last) then name, and how many match.
func (db *DB) DictionaryEntries(ctx context.Context, q dictionary.Query) (dictionary.Page, error) {
	var p dictionary.Page
	where, args := entryFilter(q)
	from := " FROM (" + dictionaryEntries + ") e" + where
	if err := db.sql.QueryRowContext(ctx, "SELECT COUNT(*)"+from, args...).Scan(&p.Total); err != nil {
		return p, fmt.Errorf("storage: dictionary entries: %w", err)
	}
	rows, err := db.sql.QueryContext(ctx, "SELECT e.EXTRACTED, e.FORMATTED, e.KIND"+from+
		" ORDER BY e.KIND = 'IGNORED', LOWER(e.FORMATTED), LOWER(e.EXTRACTED), e.EXTRACTED LIMIT ? OFFSET ?", append(args, q.Limit, q.Offset)...)
	if err != nil {
		return p, fmt.Errorf("storage: dictionary entries: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var ext, fmtd, kind dbText
		if err := rows.Scan(&ext, &fmtd, &kind); err != nil {
			return p, fmt.Errorf("storage: dictionary entries: %w", err)
		}
		p.Entries = append(p.Entries, dictionary.Entry{Extracted: ext.String, Formatted: fmtd.String, Kind: dictionary.Kind(kind.String)})
	}
	if err := rows.Err(); err != nil {
		return p, fmt.Errorf("storage: dictionary entries: %w", err)
	}
	return p, nil
}

// unclassifiedNames are the software_name rows in neither dictionary table.
const unclassifiedNames = ` FROM software_name n
 WHERE NOT EXISTS (SELECT 1 FROM dico_soft d WHERE d.EXTRACTED = n.NAME)
 AND NOT EXISTS (SELECT 1 FROM dico_ignored i WHERE i.EXTRACTED = n.NAME)`

// DictionaryUnclassified returns one page of unclassified names with the
// number of devices that have each, the most widespread first.
func (db *DB) DictionaryUnclassified(ctx context.Context, q dictionary.Query) (dictionary.UnclassifiedPage, error) {
	var p dictionary.UnclassifiedPage
	from, args := unclassifiedNames, []any(nil)
	if q.Text != "" {
		from, args = from+" AND n.NAME LIKE ? ESCAPE '!'", []any{likeArg(q.Text)}
	}
	if err := db.sql.QueryRowContext(ctx, "SELECT COUNT(*)"+from, args...).Scan(&p.Total); err != nil {
		return p, fmt.Errorf("storage: unclassified names: %w", err)
	}
	query := `SELECT n.NAME, (SELECT COUNT(DISTINCT s.HARDWARE_ID) FROM software s WHERE s.NAME_ID = n.ID) AS DEVICES` +
		from + " ORDER BY DEVICES DESC, n.NAME LIMIT ? OFFSET ?"
	rows, err := db.sql.QueryContext(ctx, query, append(args, q.Limit, q.Offset)...)
	if err != nil {
		return p, fmt.Errorf("storage: unclassified names: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var s dictionary.Software
		if err := rows.Scan(&s.Name, &s.Devices); err != nil {
			return p, fmt.Errorf("storage: unclassified names: %w", err)
		}
		p.Names = append(p.Names, s)
	}
	if err := rows.Err(); err != nil {
		return p, fmt.Errorf("storage: unclassified names: %w", err)
	}
	return p, nil
}

// DictionaryEntry returns the classification of one name.
func (db *DB) DictionaryEntry(ctx context.Context, name string) (dictionary.Entry, error) {
	var ext, fmtd string
	var same int
	err := db.sql.QueryRowContext(ctx, `SELECT EXTRACTED, FORMATTED, CASE WHEN EXTRACTED = FORMATTED THEN 1 ELSE 0 END
 FROM dico_soft WHERE EXTRACTED = ?`, name).Scan(&ext, &fmtd, &same)
	switch {
	case err == nil && same == 1:
		return dictionary.Entry{Extracted: ext, Formatted: fmtd, Kind: dictionary.Unchanged}, nil
	case err == nil:
		return dictionary.Entry{Extracted: ext, Formatted: fmtd, Kind: dictionary.Category}, nil
	case !errors.Is(err, sql.ErrNoRows):
		return dictionary.Entry{}, fmt.Errorf("storage: dictionary entry: %w", err)
	}
	err = db.sql.QueryRowContext(ctx, "SELECT EXTRACTED FROM dico_ignored WHERE EXTRACTED = ?", name).Scan(&ext)
	switch {
	case err == nil:
		return dictionary.Entry{Extracted: ext, Kind: dictionary.Ignored}, nil
	case errors.Is(err, sql.ErrNoRows):
		return dictionary.Entry{Extracted: name, Kind: dictionary.Unclassified}, nil
	}
	return dictionary.Entry{}, fmt.Errorf("storage: dictionary entry: %w", err)
}

// DictionaryRules returns every rule, in the order they apply.
func (db *DB) DictionaryRules(ctx context.Context) ([]dictionary.Rule, error) {
	return dictionaryRules(ctx, db.sql)
}

func dictionaryRules(ctx context.Context, q queryer) ([]dictionary.Rule, error) {
	rows, err := q.QueryContext(ctx, "SELECT ID, KIND, PATTERN, FORMATTED, PRIORITY FROM ocsd_dictionary_rules ORDER BY PRIORITY, ID")
	if err != nil {
		return nil, fmt.Errorf("storage: dictionary rules: %w", err)
	}
	defer rows.Close()
	var out []dictionary.Rule
	for rows.Next() {
		var r dictionary.Rule
		var kind string
		if err := rows.Scan(&r.ID, &kind, &r.Pattern, &r.Formatted, &r.Priority); err != nil {
			return nil, fmt.Errorf("storage: dictionary rules: %w", err)
		}
		r.Kind = dictionary.RuleKind(kind)
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("storage: dictionary rules: %w", err)
	}
	return out, nil
}

// ApplyDictionary writes a dictionary change and its audit records in one
// transaction.
func (db *DB) ApplyDictionary(ctx context.Context, c dictionary.Change) (int64, error) {
	var id int64
	err := db.InTx(ctx, func(tx *Tx) error {
		var err error
		if id, err = tx.applyDictionary(ctx, c); err != nil {
			return err
		}
		return insertAudit(ctx, tx.tx, tx.db.Now().Location(), c.Audit)
	})
	if err != nil {
		return 0, fmt.Errorf("storage: dictionary change: %w", err)
	}
	return id, nil
}

func (tx *Tx) applyDictionary(ctx context.Context, c dictionary.Change) (int64, error) {
	upsert := "INSERT INTO dico_soft (EXTRACTED, FORMATTED) VALUES (?, ?) ON DUPLICATE KEY UPDATE FORMATTED = VALUES(FORMATTED)"
	if tx.dialect == SQLite {
		upsert = "INSERT INTO dico_soft (EXTRACTED, FORMATTED) VALUES (?, ?) ON CONFLICT (EXTRACTED) DO UPDATE SET FORMATTED = excluded.FORMATTED"
	}
	var steps []stmt
	for _, e := range c.Set {
		steps = append(steps, stmt{"DELETE FROM dico_ignored WHERE EXTRACTED = ?", []any{e.Extracted}},
			stmt{upsert, []any{e.Extracted, e.Formatted}})
	}
	for _, n := range c.Ignore {
		steps = append(steps, stmt{"DELETE FROM dico_soft WHERE EXTRACTED = ?", []any{n}},
			stmt{insertIgnore(tx.dialect) + " INTO dico_ignored (EXTRACTED) VALUES (?)", []any{n}})
	}
	for _, n := range c.Remove {
		steps = append(steps, stmt{"DELETE FROM dico_soft WHERE EXTRACTED = ?", []any{n}},
			stmt{"DELETE FROM dico_ignored WHERE EXTRACTED = ?", []any{n}})
	}
	if c.DeleteRule != 0 {
		steps = append(steps, stmt{"DELETE FROM ocsd_dictionary_rules WHERE ID = ?", []any{c.DeleteRule}})
	}
	for _, s := range steps {
		if _, err := tx.tx.ExecContext(ctx, s.query, s.args...); err != nil {
			return 0, err
		}
	}
	if r := c.AddRule; r != nil {
		res, err := tx.tx.ExecContext(ctx, "INSERT INTO ocsd_dictionary_rules (KIND, PATTERN, FORMATTED, PRIORITY, CREATED) VALUES (?, ?, ?, ?, ?)",
			string(r.Kind), r.Pattern, r.Formatted, r.Priority, tx.db.nowText())
		if err != nil {
			return 0, err
		}
		return res.LastInsertId()
	}
	return 0, nil
}

// stmt is one statement with its arguments.
type stmt struct {
	query string
	args  []any
}
