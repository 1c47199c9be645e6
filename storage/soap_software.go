package storage

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"ocsd/soap/store"
)

// softwareExpr maps the SOFTWARES fields read from the software table
// itself to their column. NAME, PUBLISHER, VERSION and FORMATTED come from
// the normalisation and dictionary tables (softwareRefs).
var softwareExpr = map[string]string{
	"BITSWIDTH": "s.BITSWIDTH", "COMMENTS": "s.COMMENTS", "FILENAME": "s.FILENAME", "FILESIZE": "s.FILESIZE",
	"FOLDER": "s.FOLDER", "GUID": "s.GUID", "INSTALLDATE": "s.INSTALLDATE", "LANGUAGE": "s.LANGUAGE",
	"SOURCE": "s.SOURCE", "ARCHITECTURE": "s.ARCHITECTURE",
}

// categoryExpr reads a software's category (the first, if several links).
const categoryExpr = `(SELECT MIN(c.CATEGORY_NAME) FROM software_categories_link l
 JOIN software_categories c ON c.ID = l.CATEGORY_ID
 WHERE l.NAME_ID = s.NAME_ID AND l.PUBLISHER_ID = s.PUBLISHER_ID AND l.VERSION_ID = s.VERSION_ID)`

// softwareRefCols are the hidden columns a software page is read with: the
// ids its names, publishers and versions are looked up by.
var softwareRefCols = []string{"s.NAME_ID", "s.PUBLISHER_ID", "s.VERSION_ID"}

// SoftwareRows returns the software of a page of devices: the software
// rows in one query, then their names (with the dictionary's FORMATTED),
// publishers and versions once per distinct id. Joining them to every row
// costs MariaDB three index lookups a row, most of them for the same few
// names; a page shares them.
func (db *DB) SoftwareRows(ctx context.Context, cols []string, ids []int64) ([]store.Row, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	var hasCategories int
	err := db.sql.QueryRowContext(ctx, "SELECT COUNT(*) FROM (SELECT ID FROM software_categories_link LIMIT 1) x").Scan(&hasCategories)
	if err != nil {
		return nil, fmt.Errorf("storage: software categories: %w", err)
	}
	var b strings.Builder
	b.WriteString("SELECT s.HARDWARE_ID")
	for _, c := range cols {
		expr, ok := softwareExpr[c]
		switch {
		case c == "CATEGORY" && hasCategories > 0:
			expr = categoryExpr
		case c == "CATEGORY" || softwareRefField(c):
			expr = "NULL"
		case !ok:
			return nil, fmt.Errorf("storage: software rows: unknown field %q", c)
		}
		b.WriteString(", " + expr)
	}
	b.WriteString(", " + strings.Join(softwareRefCols, ", "))
	in, args := idsIn("s.HARDWARE_ID", ids)
	b.WriteString(" FROM software s WHERE " + in + " ORDER BY s.HARDWARE_ID, s.ID")
	scan := append(slices.Clip(cols), "_NAME_ID", "_PUBLISHER_ID", "_VERSION_ID")
	rows, err := db.scanRows(ctx, b.String(), args, scan, nil)
	if err != nil {
		return nil, err
	}
	if err := db.resolveSoftwareRefs(ctx, cols, rows); err != nil {
		return nil, err
	}
	return rows, nil
}

// softwareRefField tells whether a SOFTWARES field is resolved by
// resolveSoftwareRefs.
func softwareRefField(c string) bool {
	return c == "NAME" || c == "PUBLISHER" || c == "VERSION" || c == "FORMATTED"
}

func int64Args(ids []int64) []any {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	return args
}

// AccountInfo returns the accountinfo rows of a page of devices, the names
// accountinfo_config gives the fields_N columns, and the labels of coded
// fields (config ACCOUNT_VALUE_<field>_<n>: IVALUE code, TVALUE label).
func (db *DB) AccountInfo(ctx context.Context, ids []int64) (store.AccountInfo, error) {
	ai := store.AccountInfo{Rows: map[int64][]*string{}, FieldNames: map[string]string{}, Labels: map[string]map[string]string{}}
	all, err := db.accountColumns(ctx, db.sql)
	if err != nil {
		return ai, err
	}
	for _, c := range all {
		if !strings.EqualFold(c, "HARDWARE_ID") && reIdent.MatchString(c) {
			ai.Columns = append(ai.Columns, c)
		}
	}
	if len(ids) > 0 {
		q := "SELECT HARDWARE_ID"
		for _, c := range ai.Columns {
			q += ", " + quoteIdent(c)
		}
		in, args := idsIn("HARDWARE_ID", ids)
		rows, err := db.scanRows(ctx, q+" FROM accountinfo WHERE "+in, args, ai.Columns, nil)
		if err != nil {
			return ai, fmt.Errorf("storage: accountinfo: %w", err)
		}
		for _, r := range rows {
			ai.Rows[r.DeviceID] = r.Values
		}
	}
	if err := db.accountFieldNames(ctx, ai.FieldNames); err != nil {
		return ai, err
	}
	return ai, db.accountLabels(ctx, ai.Labels)
}

func (db *DB) accountFieldNames(ctx context.Context, out map[string]string) error {
	rows, err := db.sql.QueryContext(ctx,
		"SELECT ID, NAME FROM accountinfo_config WHERE NAME_ACCOUNTINFO IS NULL AND ACCOUNT_TYPE = 'COMPUTERS'")
	if err != nil {
		return fmt.Errorf("storage: accountinfo_config: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var name dbText
		if err := rows.Scan(&id, &name); err != nil {
			return fmt.Errorf("storage: accountinfo_config: %w", err)
		}
		out[fmt.Sprintf("fields_%d", id)] = name.String
	}
	return rows.Err()
}

func (db *DB) accountLabels(ctx context.Context, out map[string]map[string]string) error {
	rows, err := db.sql.QueryContext(ctx, "SELECT NAME, IVALUE, TVALUE FROM config WHERE NAME LIKE 'ACCOUNT!_VALUE!_%' ESCAPE '!'")
	if err != nil {
		return fmt.Errorf("storage: account labels: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var name, code, label dbText
		if err := rows.Scan(&name, &code, &label); err != nil {
			return fmt.Errorf("storage: account labels: %w", err)
		}
		field := strings.TrimPrefix(name.String, "ACCOUNT_VALUE_")
		if i := strings.LastIndexByte(field, '_'); i > 0 {
			field = field[:i]
		}
		if out[field] == nil {
			out[field] = map[string]string{}
		}
		out[field][code.String] = label.String
	}
	return rows.Err()
}
