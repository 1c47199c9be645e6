package storage

import (
	"context"
	"fmt"
	"slices"
	"strconv"

	"ocsd/dictionary"
	"ocsd/soap/store"
)

// refChunk bounds the ids of one lookup query (SQLite's host parameters).
const refChunk = 1000

// softwareName is a software_name row as an export sees it.
type softwareName struct {
	name      *string
	formatted *string
	ignored   bool
}

// resolveSoftwareRefs fills NAME, PUBLISHER, VERSION and FORMATTED of rows
// read with the hidden softwareRefCols after cols, then drops the hidden
// columns. An id with no row resolves to NULL, as the LEFT JOINs OCS's
// queries use give.
func (db *DB) resolveSoftwareRefs(ctx context.Context, cols []string, rows []store.Row) error {
	at := func(c string) int { return slices.Index(cols, c) }
	nameAt, fmtAt, pubAt, verAt := at("NAME"), at("FORMATTED"), at("PUBLISHER"), at("VERSION")
	n := len(cols)
	var m *dictionary.Matcher
	if fmtAt >= 0 {
		var err error
		if m, err = db.exportMatcher(ctx); err != nil {
			return fmt.Errorf("storage: software rows: %w", err)
		}
	}
	ruled := m != nil && m.Len() > 0
	var names map[int64]softwareName
	if nameAt >= 0 || fmtAt >= 0 {
		var err error
		if names, err = db.softwareNames(ctx, refIDs(rows, n), fmtAt >= 0, ruled); err != nil {
			return err
		}
	}
	pubs, err := db.refTexts(ctx, "SELECT ID, PUBLISHER FROM software_publisher WHERE ", rows, pubAt, n+1)
	if err != nil {
		return err
	}
	vers, err := db.refTexts(ctx, "SELECT ID, VERSION FROM software_version WHERE ", rows, verAt, n+2)
	if err != nil {
		return err
	}
	var exp *dictionary.Export
	if ruled {
		exp = m.Export()
	}
	for i := range rows {
		v := rows[i].Values
		nm := names[refID(v[n])]
		set(v, nameAt, nm.name)
		set(v, pubAt, pubs[refID(v[n+1])])
		set(v, verAt, vers[refID(v[n+2])])
		set(v, fmtAt, nm.formatted)
		if ruled && nm.formatted == nil && nm.name != nil && !nm.ignored {
			f, ok, err := exp.Match(*nm.name)
			if err != nil {
				return fmt.Errorf("storage: software rows: %w", err)
			}
			if ok {
				set(v, fmtAt, &f)
			}
		}
		rows[i].Values = v[:n:n]
	}
	return nil
}

// set stores p at v[i] unless i < 0 (a field not asked for).
func set(v []*string, i int, p *string) {
	if i >= 0 {
		v[i] = p
	}
}

// refID parses a hidden id column; NULL or garbage is 0, which no row has.
func refID(p *string) int64 {
	if p == nil {
		return 0
	}
	id, _ := strconv.ParseInt(*p, 10, 64)
	return id
}

// refIDs returns the distinct ids of column col of rows.
func refIDs(rows []store.Row, col int) []int64 {
	seen := make(map[int64]bool)
	var out []int64
	for _, r := range rows {
		if id := refID(r.Values[col]); id != 0 && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// softwareNames reads the software_name rows of ids, with their dico_soft
// entry when dico is set and whether dico_ignored holds them when ignored
// is. Of several entries matching a name (possible only where the
// collation folds two EXTRACTED spellings together), the first FORMATTED
// in order is taken.
func (db *DB) softwareNames(ctx context.Context, ids []int64, dico, ignored bool) (map[int64]softwareName, error) {
	formatted, join, order, ign := "NULL", "", "", "0"
	if dico {
		formatted, join, order = "d.FORMATTED", " LEFT JOIN dico_soft d ON d.EXTRACTED = n.NAME", ", d.FORMATTED"
	}
	if ignored {
		ign = ignoredExpr
	}
	sel := "SELECT n.ID, n.NAME, " + formatted + ", " + ign + " FROM software_name n" + join + " WHERE "
	out := make(map[int64]softwareName, len(ids))
	for start := 0; start < len(ids); start += refChunk {
		chunk := ids[start:min(start+refChunk, len(ids))]
		in, args := idsIn("n.ID", chunk)
		rows, err := db.scanRows(ctx, sel+in+" ORDER BY n.ID"+order, args, []string{"NAME", "FORMATTED", "IGNORED"}, nil)
		if err != nil {
			return nil, fmt.Errorf("storage: software names: %w", err)
		}
		for _, r := range rows {
			if _, dup := out[r.DeviceID]; dup {
				continue
			}
			ign := r.Values[2] != nil && *r.Values[2] != "0"
			out[r.DeviceID] = softwareName{name: r.Values[0], formatted: r.Values[1], ignored: ign}
		}
	}
	return out, nil
}

// refTexts reads the id → text rows of query (which ends in "WHERE ") for the
// ids in column col of rows; nothing when the field is not asked for
// (at < 0).
func (db *DB) refTexts(ctx context.Context, query string, rows []store.Row, at, col int) (map[int64]*string, error) {
	if at < 0 {
		return nil, nil
	}
	ids := refIDs(rows, col)
	out := make(map[int64]*string, len(ids))
	for start := 0; start < len(ids); start += refChunk {
		chunk := ids[start:min(start+refChunk, len(ids))]
		in, args := idsIn("ID", chunk)
		rows, err := db.scanRows(ctx, query+in, args, []string{"TEXT"}, nil)
		if err != nil {
			return nil, fmt.Errorf("storage: software references: %w", err)
		}
		for _, r := range rows {
			out[r.DeviceID] = r.Values[0]
		}
	}
	return out, nil
}
