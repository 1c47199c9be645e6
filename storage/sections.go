package storage

import (
	"context"
	"fmt"
	"strings"

	"ocsd/inventory"
)

// maxParams bounds the bound parameters of one statement; both MySQL
// (65535) and SQLite (32766) accept it.
const maxParams = 30000

// writeSection replaces a device's rows of one section by the plan's rows,
// touching only rows that differ. It reports whether anything changed.
func (tx *Tx) writeSection(ctx context.Context, id int64, sw *inventory.SectionWrite, created bool) (bool, error) {
	s := sw.Section
	if created || s.AppendOnly {
		return len(sw.Rows) > 0, tx.insertRows(ctx, id, s, sw.Rows)
	}
	stored, err := tx.readRows(ctx, id, s)
	if err != nil {
		return false, err
	}
	del, ins := inventory.DiffRows(stored, sw.Rows)
	if len(del) == 0 && len(ins) == 0 {
		return false, nil
	}
	if s.KeyedByDevice {
		// One row keyed by HARDWARE_ID: replace it whole.
		if err := tx.queue(ctx, "DELETE FROM "+s.Table+" WHERE HARDWARE_ID = ?", id); err != nil {
			return false, err
		}
		return true, tx.insertRows(ctx, id, s, sw.Rows)
	}
	if err := tx.deleteIDs(ctx, s.Table, del); err != nil {
		return false, err
	}
	fresh := make([][]string, len(ins))
	for i, k := range ins {
		fresh[i] = sw.Rows[k]
	}
	return true, tx.insertRows(ctx, id, s, fresh)
}

// readRows loads a device's stored rows of a section, values as text.
func (tx *Tx) readRows(ctx context.Context, id int64, s inventory.Section) ([]inventory.StoredRow, error) {
	var q strings.Builder
	q.WriteString("SELECT ")
	if s.KeyedByDevice {
		q.WriteString("HARDWARE_ID")
	} else {
		q.WriteString("ID")
	}
	for _, c := range s.Columns {
		q.WriteString(", ")
		q.WriteString(c.Name)
	}
	q.WriteString(" FROM " + s.Table + " WHERE HARDWARE_ID = ?")
	rows, err := tx.query(ctx, q.String(), id)
	if err != nil {
		return nil, fmt.Errorf("storage: read %s: %w", s.Table, err)
	}
	defer rows.Close()
	var out []inventory.StoredRow
	vals := make([]dbText, len(s.Columns))
	ptrs := make([]any, len(s.Columns)+1)
	var rid int64
	ptrs[0] = &rid
	for i := range vals {
		vals[i].DateOnly = s.Columns[i].Kind == inventory.Date
		ptrs[i+1] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return nil, fmt.Errorf("storage: scan %s: %w", s.Table, err)
		}
		r := inventory.StoredRow{ID: rid, Values: make([]string, len(vals))}
		for i, v := range vals {
			r.Values[i] = v.String
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("storage: read %s: %w", s.Table, err)
	}
	return out, nil
}

// insertRows inserts rows for a device in multi-row statements.
func (tx *Tx) insertRows(ctx context.Context, id int64, s inventory.Section, rows [][]string) error {
	if len(rows) == 0 {
		return nil
	}
	per := len(s.Columns) + 1
	batch := maxParams / per
	var head strings.Builder
	head.WriteString("INSERT INTO " + s.Table + " (HARDWARE_ID")
	for _, c := range s.Columns {
		head.WriteString(", " + c.Name)
	}
	head.WriteString(") VALUES ")
	tuple := placeholders(per)
	for start := 0; start < len(rows); start += batch {
		end := min(start+batch, len(rows))
		var q strings.Builder
		q.Grow(head.Len() + (end-start)*(len(tuple)+1))
		q.WriteString(head.String())
		args := make([]any, 0, (end-start)*per)
		for i := start; i < end; i++ {
			if i > start {
				q.WriteByte(',')
			}
			q.WriteString(tuple)
			args = append(args, id)
			for _, v := range rows[i] {
				args = append(args, v)
			}
		}
		if err := tx.queue(ctx, q.String(), args...); err != nil {
			return err
		}
	}
	return nil
}

// deleteIDs deletes rows of table by primary key.
func (tx *Tx) deleteIDs(ctx context.Context, table string, ids []int64) error {
	for start := 0; start < len(ids); start += maxParams {
		end := min(start+maxParams, len(ids))
		args := make([]any, 0, end-start)
		for _, id := range ids[start:end] {
			args = append(args, id)
		}
		q := "DELETE FROM " + table + " WHERE ID IN " + placeholders(end-start)
		if err := tx.queue(ctx, q, args...); err != nil {
			return err
		}
	}
	return nil
}
