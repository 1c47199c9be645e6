package storage

import (
	"context"
	"fmt"
	"strings"

	"ocsd/soap/store"
)

// snmpType is one row of snmp_types: the table holding its devices.
type snmpType struct {
	name, table string
}

// snmpLink is one row of snmp_accountinfo: the TAG of the device of a type
// whose reconciliation column holds a value.
type snmpLink struct {
	field, value, tag string
}

// SNMPDevices returns one page of SNMP devices: the rows of every table that
// snmp_types names (existing ones only), in type then row id order, with
// the TAG snmp_accountinfo gives them. Tag filters apply while streaming, so
// only the page is kept in memory.
func (db *DB) SNMPDevices(ctx context.Context, q store.SNMPQuery) ([]store.SNMPDevice, error) {
	types, err := db.snmpTypes(ctx, q.Desc)
	if err != nil {
		return nil, err
	}
	links, err := db.snmpLinks(ctx)
	if err != nil {
		return nil, err
	}
	pg := &snmpPage{q: q, skip: q.Offset}
	for _, t := range types {
		if err := db.scanSNMPTable(ctx, t, links[strings.ToUpper(t.name)], pg); err != nil {
			return nil, err
		}
		if len(pg.out) >= q.Limit {
			break
		}
	}
	return pg.out, nil
}

// snmpPage accumulates a page of devices.
type snmpPage struct {
	q    store.SNMPQuery
	skip int
	out  []store.SNMPDevice
}

func (p *snmpPage) offer(d store.SNMPDevice) bool {
	tag := ""
	if d.Tag != nil {
		tag = *d.Tag
	}
	if len(p.q.Tags) > 0 && !containsString(p.q.Tags, tag) || len(p.q.ExcludeTags) > 0 && containsString(p.q.ExcludeTags, tag) {
		return true
	}
	if p.skip > 0 {
		p.skip--
		return true
	}
	p.out = append(p.out, d)
	return len(p.out) < p.q.Limit
}

func containsString(list []string, s string) bool {
	for _, v := range list {
		if strings.EqualFold(v, s) {
			return true
		}
	}
	return false
}

func (db *DB) snmpTypes(ctx context.Context, desc bool) ([]snmpType, error) {
	order := "ID"
	if desc {
		order = "ID DESC"
	}
	rows, err := db.sql.QueryContext(ctx, "SELECT TYPE_NAME, TABLE_TYPE_NAME FROM snmp_types ORDER BY "+order)
	if err != nil {
		return nil, fmt.Errorf("storage: snmp types: %w", err)
	}
	defer rows.Close()
	var out []snmpType
	for rows.Next() {
		var t snmpType
		if err := rows.Scan(&t.name, &t.table); err != nil {
			return nil, fmt.Errorf("storage: snmp types: %w", err)
		}
		if reIdent.MatchString(t.table) {
			out = append(out, t)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("storage: snmp types: %w", err)
	}
	return db.existingTypes(ctx, out)
}

// existingTypes drops the types whose table is missing.
func (db *DB) existingTypes(ctx context.Context, types []snmpType) ([]snmpType, error) {
	q := "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = ?"
	if db.dialect == SQLite {
		q = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?"
	}
	out := types[:0]
	for _, t := range types {
		var n int
		if err := db.sql.QueryRowContext(ctx, q, t.table).Scan(&n); err != nil {
			return nil, fmt.Errorf("storage: snmp types: %w", err)
		}
		if n > 0 {
			out = append(out, t)
		}
	}
	return out, nil
}

func (db *DB) snmpLinks(ctx context.Context) (map[string][]snmpLink, error) {
	rows, err := db.sql.QueryContext(ctx,
		"SELECT SNMP_TYPE, SNMP_RECONCILIATION_FIELD, SNMP_RECONCILIATION_VALUE, TAG FROM snmp_accountinfo ORDER BY ID")
	if err != nil {
		return nil, fmt.Errorf("storage: snmp accountinfo: %w", err)
	}
	defer rows.Close()
	out := map[string][]snmpLink{}
	for rows.Next() {
		var typ, field, value, tag dbText
		if err := rows.Scan(&typ, &field, &value, &tag); err != nil {
			return nil, fmt.Errorf("storage: snmp accountinfo: %w", err)
		}
		k := strings.ToUpper(typ.String)
		out[k] = append(out[k], snmpLink{field: field.String, value: value.String, tag: tag.String})
	}
	return out, rows.Err()
}

// scanSNMPTable streams one type's table into the page.
func (db *DB) scanSNMPTable(ctx context.Context, t snmpType, links []snmpLink, pg *snmpPage) error {
	var w strings.Builder
	var args []any
	w.WriteString("SELECT * FROM " + quoteIdent(t.table) + " WHERE 1 = 1")
	inList(&w, &args, "ID", pg.q.IDs, false)
	inList(&w, &args, "ID", pg.q.ExcludeIDs, true)
	w.WriteString(" ORDER BY ID")
	if pg.q.Desc {
		w.WriteString(" DESC")
	}
	rows, err := db.sql.QueryContext(ctx, w.String(), args...)
	if err != nil {
		return fmt.Errorf("storage: snmp devices %s: %w", t.table, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return fmt.Errorf("storage: snmp devices %s: %w", t.table, err)
	}
	for rows.Next() {
		d, err := scanSNMPRow(rows, cols, t, links)
		if err != nil {
			return err
		}
		if !pg.offer(d) {
			break
		}
	}
	return rows.Err()
}

type rowScanner interface{ Scan(dest ...any) error }

func scanSNMPRow(rows rowScanner, cols []string, t snmpType, links []snmpLink) (store.SNMPDevice, error) {
	texts := make([]dbText, len(cols))
	dest := make([]any, len(cols))
	for i := range texts {
		dest[i] = &texts[i]
	}
	d := store.SNMPDevice{Type: t.name}
	if err := rows.Scan(dest...); err != nil {
		return d, fmt.Errorf("storage: snmp devices %s: %w", t.table, err)
	}
	for i, c := range cols {
		if strings.EqualFold(c, "ID") {
			fmt.Sscan(texts[i].String, &d.ID)
			continue
		}
		d.Columns = append(d.Columns, c)
		var v *string
		if texts[i].Valid {
			s := texts[i].String
			v = &s
		}
		d.Values = append(d.Values, v)
		for _, l := range links {
			if d.Tag == nil && strings.EqualFold(l.field, c) && v != nil && *v == l.value {
				tag := l.tag
				d.Tag = &tag
			}
		}
	}
	return d, nil
}
