package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"

	"ocsd/dictionary"
	"ocsd/soap/store"
)

// The software dictionary applies wherever software is exported
// (get_dico_soft_element_V1, DICO_SOFT and SOFTWARES of get_computers_V1):
// the exact dico_soft entry first, as OCS, then nothing for a name in
// dico_ignored, then ocsd's rules (dictionary.Export.Resolve). Without rules
// the SQL alone answers, as before them.

// ignoredExpr tells, per software row, whether dico_ignored holds its name.
const ignoredExpr = "CASE WHEN EXISTS (SELECT 1 FROM dico_ignored i WHERE i.EXTRACTED = n.NAME) THEN 1 ELSE 0 END"

// exportMatcher compiles the rules for one export. Rules that fail
// validation (rows written by hand) are logged and left out.
func (db *DB) exportMatcher(ctx context.Context) (*dictionary.Matcher, error) {
	rules, err := dictionaryRules(ctx, db.sql)
	if err != nil {
		return nil, err
	}
	lim := dictionary.DefaultLimits()
	lim.Now = db.now
	m, errs := dictionary.NewMatcher(rules, lim)
	for _, e := range errs {
		db.log.Warn().Err(e).Msg("dictionary rule left out of exports")
	}
	return m, nil
}

// resolveNameRow resolves a row read as NAME, FORMATTED (the dico_soft
// entry) and IGNORED (ignoredExpr): the name and its dictionary name, ok
// when an entry or a rule gives one.
func resolveNameRow(exp *dictionary.Export, v []*string) (name, formatted string, ok bool, err error) {
	if v[0] == nil {
		return "", "", false, nil
	}
	k := dictionary.Known{HasEntry: v[1] != nil, Ignored: v[2] != nil && *v[2] != "0"}
	if k.HasEntry {
		k.Formatted = *v[1]
	}
	f, src, err := exp.Resolve(*v[0], k)
	return *v[0], f, err == nil && (src == dictionary.FromEntry || src == dictionary.FromRule), err
}

// deviceNameRows reads the distinct software names of devices ids as
// resolveNameRow takes them: NAME, FORMATTED (its dico_soft entry) and
// IGNORED.
func (db *DB) deviceNameRows(ctx context.Context, ids []int64) ([]store.Row, error) {
	in, args := idsIn("s.HARDWARE_ID", ids)
	return db.scanRows(ctx, `SELECT DISTINCT s.HARDWARE_ID, n.NAME, d.FORMATTED, `+ignoredExpr+` FROM software s
 JOIN software_name n ON n.ID = s.NAME_ID LEFT JOIN dico_soft d ON d.EXTRACTED = n.NAME
 WHERE `+in, args, []string{"NAME", "FORMATTED", "IGNORED"}, nil)
}

// lessFolded orders strings ignoring case, as MySQL's collation sorts
// them, then exactly, so the order is total.
func lessFolded(a, b string) bool {
	x, y := strings.ToLower(a), strings.ToLower(b)
	return x < y || (x == y && a < b)
}

// DictionaryWords returns, per device, the distinct dictionary names of its
// software: the FORMATTED of the dico_soft entries of its names, then what
// the rules make of its names that have none; names in dico_ignored give
// no word.
func (db *DB) DictionaryWords(ctx context.Context, ids []int64) (map[int64][]string, error) {
	out := map[int64][]string{}
	if len(ids) == 0 {
		return out, nil
	}
	m, err := db.exportMatcher(ctx)
	if err != nil {
		return nil, fmt.Errorf("storage: dictionary words: %w", err)
	}
	if m.Len() > 0 {
		return db.ruledWords(ctx, m, ids)
	}
	in, args := idsIn("s.HARDWARE_ID", ids)
	rows, err := db.scanRows(ctx, `SELECT DISTINCT s.HARDWARE_ID, d.FORMATTED FROM software s
 JOIN software_name n ON n.ID = s.NAME_ID JOIN dico_soft d ON d.EXTRACTED = n.NAME
 WHERE `+in+`
 AND NOT EXISTS (SELECT 1 FROM dico_ignored i WHERE i.EXTRACTED = n.NAME)
 ORDER BY s.HARDWARE_ID, d.FORMATTED`, args, []string{"FORMATTED"}, nil)
	if err != nil {
		return nil, fmt.Errorf("storage: dictionary words: %w", err)
	}
	for _, r := range rows {
		if r.Values[0] != nil {
			out[r.DeviceID] = append(out[r.DeviceID], *r.Values[0])
		}
	}
	return out, nil
}

// ruledWords is DictionaryWords with rules: every name of the devices is
// read with its entry and ignored flag, and resolved in Go. Words are
// sorted ignoring case, as MySQL's collation sorts them.
func (db *DB) ruledWords(ctx context.Context, m *dictionary.Matcher, ids []int64) (map[int64][]string, error) {
	rows, err := db.deviceNameRows(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("storage: dictionary words: %w", err)
	}
	exp := m.Export()
	words := map[int64]map[string]bool{}
	for _, r := range rows {
		if r.Values[2] != nil && *r.Values[2] != "0" {
			continue
		}
		_, f, ok, err := resolveNameRow(exp, r.Values)
		if err != nil {
			return nil, fmt.Errorf("storage: dictionary words: %w", err)
		}
		if ok {
			if words[r.DeviceID] == nil {
				words[r.DeviceID] = map[string]bool{}
			}
			words[r.DeviceID][f] = true
		}
	}
	out := make(map[int64][]string, len(words))
	for id, set := range words {
		list := make([]string, 0, len(set))
		for w := range set {
			list = append(list, w)
		}
		sort.Slice(list, func(i, j int) bool { return lessFolded(list[i], list[j]) })
		out[id] = list
	}
	return out, nil
}

// DictionaryLookup returns the formatted name of a software name: its
// dico_soft entry, else (unless dico_ignored holds it) the first rule
// that matches it.
func (db *DB) DictionaryLookup(ctx context.Context, word string) (string, bool, error) {
	var f string
	err := db.sql.QueryRowContext(ctx, "SELECT FORMATTED FROM dico_soft WHERE EXTRACTED = ? ORDER BY FORMATTED LIMIT 1", word).Scan(&f)
	if err == nil {
		return f, true, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return "", false, fmt.Errorf("storage: dictionary lookup: %w", err)
	}
	m, err := db.exportMatcher(ctx)
	if err != nil || m.Len() == 0 {
		return "", false, err
	}
	var ignored int
	err = db.sql.QueryRowContext(ctx, "SELECT COUNT(*) FROM dico_ignored WHERE EXTRACTED = ?", word).Scan(&ignored)
	if err != nil {
		return "", false, fmt.Errorf("storage: dictionary lookup: %w", err)
	}
	if ignored > 0 {
		return "", false, nil
	}
	f, ok, err := m.Export().Match(word)
	if err != nil {
		return "", false, fmt.Errorf("storage: dictionary lookup: %w", err)
	}
	return f, ok, nil
}
