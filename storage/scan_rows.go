package storage

import (
	"context"
	"database/sql"
	"fmt"

	"ocsd/soap/store"
)

// scanRows runs a query whose first column is a device id and the others
// the given columns, read as MySQL prints them.
func (db *DB) scanRows(ctx context.Context, query string, args []any, cols []string, dateCols map[string]bool) ([]store.Row, error) {
	rows, err := db.sql.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("storage: read rows: %w", err)
	}
	defer rows.Close()
	var out []store.Row
	if db.dialect == MySQL {
		out, err = scanRawRows(rows, len(cols))
	} else {
		out, err = db.scanTextRows(rows, cols, dateCols)
	}
	if err != nil {
		return nil, fmt.Errorf("storage: read rows: %w", err)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("storage: read rows: %w", err)
	}
	return out, nil
}

// rowSlab hands out the value slices of many rows from a few large
// allocations: an export reads tens of thousands of rows a page.
type rowSlab struct {
	strs []string
	ptrs []*string
}

// take returns room for one row of n values.
func (s *rowSlab) take(n int) ([]string, []*string) {
	if cap(s.strs)-len(s.strs) < n {
		s.strs = make([]string, 0, 256*n)
		s.ptrs = make([]*string, 0, 256*n)
	}
	l := len(s.strs)
	s.strs, s.ptrs = s.strs[:l+n], s.ptrs[:l+n]
	return s.strs[l : l+n : l+n], s.ptrs[l : l+n : l+n]
}

// scanRawRows reads MySQL rows, which the text protocol (ocsd interpolates
// parameters, and never asks the driver to parse times) delivers as the
// bytes MySQL prints: each row's values become substrings of one string.
func scanRawRows(rows *sql.Rows, n int) ([]store.Row, error) {
	raw := make([]sql.RawBytes, n)
	dest := make([]any, n+1)
	var id int64
	dest[0] = &id
	for i := range raw {
		dest[i+1] = &raw[i]
	}
	var out []store.Row
	var slab rowSlab
	var buf []byte
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		buf = buf[:0]
		for _, r := range raw {
			buf = append(buf, r...)
		}
		all := string(buf)
		strs, vals := slab.take(n)
		off := 0
		for i, r := range raw {
			if r == nil {
				continue
			}
			strs[i] = all[off : off+len(r)]
			off += len(r)
			vals[i] = &strs[i]
		}
		out = append(out, store.Row{DeviceID: id, Values: vals})
	}
	return out, nil
}

// scanTextRows reads rows through dbText, which prints the values other
// drivers type (SQLite's times and numbers) as MySQL would.
func (db *DB) scanTextRows(rows *sql.Rows, cols []string, dateCols map[string]bool) ([]store.Row, error) {
	texts := make([]wideText, len(cols))
	dest := make([]any, len(cols)+1)
	var id int64
	dest[0] = &id
	for i := range texts {
		dest[i+1] = &texts[i]
	}
	var out []store.Row
	var slab rowSlab
	for rows.Next() {
		for i := range texts {
			texts[i] = wideText{dbText: dbText{DateOnly: dateCols[cols[i]]}}
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		backing, vals := slab.take(len(cols))
		for i := range texts {
			if texts[i].Valid {
				backing[i] = texts[i].String
				if cols[i] == "QUALITY" {
					backing[i] = decimal4(backing[i])
				}
				vals[i] = &backing[i]
			}
		}
		out = append(out, store.Row{DeviceID: id, Values: vals})
	}
	return out, nil
}
