package storage

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"ocsd/inventory"
	"ocsd/soap/store"
)

// Computers returns one page of computers for get_computers_V1 (mirrors
// the FIRST engine of Apache/Ocsinventory/Interface/Internals.pm): devices
// with an accountinfo row whose DEVICEID does not start with "_" (groups),
// filtered, sorted and paged. The page's ids are chosen first on the
// narrow indexes, then joined back (a deferred join: deep pages stay cheap).
func (db *DB) Computers(ctx context.Context, q store.ComputerQuery) ([]store.Computer, error) {
	w, args := db.computerSelection(q)
	order := computerOrder(q, "h.")
	w.WriteString(" ORDER BY " + order + " LIMIT ? OFFSET ?")
	args = append(args, q.Limit, q.Offset)
	query := `SELECT h.ID, h.DEVICEID, h.NAME, h.CHECKSUM, h.LASTDATE, h.LASTCOME, a.TAG FROM (` + w.String() +
		`) page JOIN hardware h ON h.ID = page.ID JOIN accountinfo a ON a.HARDWARE_ID = h.ID ORDER BY ` + order
	rows, err := db.sql.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("storage: list computers: %w", err)
	}
	return scanComputers(rows, q.Limit, "list computers")
}

// computerOrder is the ORDER BY of a computer page, ID breaking ties so
// pages never overlap.
func computerOrder(q store.ComputerQuery, p string) string {
	dir := ""
	if q.Desc {
		dir = " DESC"
	}
	switch q.Sort {
	case store.SortLastDate:
		return p + "LASTDATE" + dir + ", " + p + "ID" + dir
	case store.SortLastCome:
		return p + "LASTCOME" + dir + ", " + p + "ID" + dir
	}
	return p + "ID" + dir
}

// uint64Arg binds a 64-bit mask: SQLite integers are signed, so a mask with
// the top bit set is passed as its two's complement there.
func (db *DB) uint64Arg(v uint64) any {
	if db.dialect == SQLite {
		return int64(v)
	}
	return v
}

// inList adds " AND col [NOT] IN (…)" for vals to a WHERE clause; nothing
// when vals is empty.
func inList[T any](w *strings.Builder, args *[]any, col string, vals []T, not bool) {
	if len(vals) == 0 {
		return
	}
	w.WriteString(" AND " + col)
	if not {
		w.WriteString(" NOT")
	}
	w.WriteString(" IN " + placeholders(len(vals)))
	for _, v := range vals {
		*args = append(*args, v)
	}
}

var reIdent = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// sectionTable checks that table is hardware or a section table, and that
// every column is a plain identifier; it returns the section (if any).
func sectionTable(q store.RowQuery) (inventory.Section, error) {
	sec, ok := inventory.SectionByTable(q.Table)
	if !ok && q.Table != "hardware" {
		return sec, fmt.Errorf("storage: section rows: unknown table %q", q.Table)
	}
	if q.Key != "HARDWARE_ID" && !(q.Table == "hardware" && q.Key == "ID") {
		return sec, fmt.Errorf("storage: section rows: bad key %q", q.Key)
	}
	for _, c := range q.Columns {
		if !reIdent.MatchString(c) {
			return sec, fmt.Errorf("storage: section rows: bad column %q", c)
		}
	}
	return sec, nil
}

// SectionRows returns the rows of a per-device table for a page of devices
// in one query, ordered by device then row id (as OCS reads them).
func (db *DB) SectionRows(ctx context.Context, q store.RowQuery) ([]store.Row, error) {
	if len(q.IDs) == 0 {
		return nil, nil
	}
	sec, err := sectionTable(q)
	if err != nil {
		return nil, err
	}
	var b strings.Builder
	b.WriteString("SELECT " + quoteIdent(q.Key))
	for _, c := range q.Columns {
		b.WriteString(", " + quoteIdent(c))
	}
	in, args := idsIn(quoteIdent(q.Key), q.IDs)
	b.WriteString(" FROM " + quoteIdent(q.Table) + " WHERE " + in)
	b.WriteString(" ORDER BY " + quoteIdent(q.Key))
	if q.Table != "hardware" && !sec.KeyedByDevice {
		b.WriteString(", ID")
	}
	dateCols := map[string]bool{}
	for _, c := range sec.Columns {
		dateCols[c.Name] = c.Kind == inventory.Date
	}
	return db.scanRows(ctx, b.String(), args, q.Columns, dateCols)
}

// wideText is dbText that also reads BIGINT UNSIGNED columns (CHECKSUM),
// which the MySQL driver hands back as uint64.
type wideText struct{ dbText }

// Scan implements sql.Scanner.
func (w *wideText) Scan(v any) error {
	if u, ok := v.(uint64); ok {
		w.Valid, w.String = true, strconv.FormatUint(u, 10)
		return nil
	}
	return w.dbText.Scan(v)
}

// decimal4 prints a SQLite NUMERIC as MySQL prints hardware.QUALITY, a
// DECIMAL(7,4): "0" reads "0.0000" on both dialects.
func decimal4(s string) string {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return s
	}
	return strconv.FormatFloat(f, 'f', 4, 64)
}

// computerSelection starts the query of the ids a computer query selects:
// SELECT and WHERE, before ORDER BY.
func (db *DB) computerSelection(q store.ComputerQuery) (*strings.Builder, []any) {
	w := &strings.Builder{}
	var args []any
	w.WriteString(`SELECT h.ID FROM hardware h JOIN accountinfo a ON a.HARDWARE_ID = h.ID WHERE h.DEVICEID NOT LIKE '!_%' ESCAPE '!'`)
	inList(w, &args, "h.ID", q.IDs, false)
	inList(w, &args, "h.ID", q.ExcludeIDs, true)
	inList(w, &args, "a.TAG", q.Tags, false)
	inList(w, &args, "a.TAG", q.ExcludeTags, true)
	inList(w, &args, "h.USERID", q.UserIDs, false)
	if q.Checksum != 0 {
		w.WriteString(" AND (h.CHECKSUM & ?) <> 0")
		args = append(args, db.uint64Arg(q.Checksum))
	}
	return w, args
}

// ComputerIDs returns the ids of every computer the query selects, in its
// order (Offset and Limit ignored): the SOAP service pages through this
// list instead of re-running the selection for every page.
func (db *DB) ComputerIDs(ctx context.Context, q store.ComputerQuery) ([]int64, error) {
	w, args := db.computerSelection(q)
	w.WriteString(" ORDER BY " + computerOrder(q, "h."))
	rows, err := db.sql.QueryContext(ctx, w.String(), args...)
	if err != nil {
		return nil, fmt.Errorf("storage: select computers: %w", err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("storage: select computers: %w", err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("storage: select computers: %w", err)
	}
	return ids, nil
}

// ComputersByID returns the META view of the given computers (those still
// present, in no particular order).
func (db *DB) ComputersByID(ctx context.Context, ids []int64) ([]store.Computer, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	in, args := idsIn("h.ID", ids)
	rows, err := db.sql.QueryContext(ctx, `SELECT h.ID, h.DEVICEID, h.NAME, h.CHECKSUM, h.LASTDATE, h.LASTCOME, a.TAG
 FROM hardware h JOIN accountinfo a ON a.HARDWARE_ID = h.ID WHERE `+in, args...)
	if err != nil {
		return nil, fmt.Errorf("storage: computers by id: %w", err)
	}
	return scanComputers(rows, len(ids), "computers by id")
}

// scanComputers reads the rows of a computer query selecting ID, DEVICEID,
// NAME, CHECKSUM, LASTDATE, LASTCOME and TAG, and closes them.
func scanComputers(rows *sql.Rows, capacity int, op string) ([]store.Computer, error) {
	defer rows.Close()
	out := make([]store.Computer, 0, capacity)
	for rows.Next() {
		var c store.Computer
		var name, lastDate, lastCome, tag dbText
		var sum wideText
		if err := rows.Scan(&c.ID, &c.DeviceID, &name, &sum, &lastDate, &lastCome, &tag); err != nil {
			return nil, fmt.Errorf("storage: %s: %w", op, err)
		}
		c.Name, c.Checksum, c.LastDate, c.LastCome, c.Tag = name.String, sum.String, lastDate.String, lastCome.String, tag.String
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("storage: %s: %w", op, err)
	}
	return out, nil
}

// TableHasRows tells whether a section table (or software) holds any row.
func (db *DB) TableHasRows(ctx context.Context, table string) (bool, error) {
	if _, ok := inventory.SectionByTable(table); !ok && table != "software" {
		return false, fmt.Errorf("storage: table has rows: unknown table %q", table)
	}
	var n int
	if err := db.sql.QueryRowContext(ctx, "SELECT COUNT(*) FROM (SELECT 1 AS x FROM "+quoteIdent(table)+" LIMIT 1) t").Scan(&n); err != nil {
		return false, fmt.Errorf("storage: table has rows %s: %w", table, err)
	}
	return n > 0, nil
}
