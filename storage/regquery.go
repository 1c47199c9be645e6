package storage

import (
	"context"
	"fmt"

	"ocsd/inventory"
)

// RegistryQueries returns the regconfig rows, in id order, as rows with the
// fields REGTREE, REGKEY, NAME and REGVALUE (NULL read as ""): the registry
// values Windows agents are asked to read.
func (db *DB) RegistryQueries(ctx context.Context) ([]inventory.Row, error) {
	out, err := db.namedRows(ctx, "SELECT REGTREE, REGKEY, NAME, REGVALUE FROM regconfig ORDER BY ID",
		[]string{"REGTREE", "REGKEY", "NAME", "REGVALUE"})
	if err != nil {
		return nil, fmt.Errorf("storage: read regconfig: %w", err)
	}
	return out, nil
}

// namedRows runs a query and returns each result row as an inventory.Row
// whose fields are named by names, one per selected column, every value
// read as MySQL prints it and NULL as "". The fields are all present, empty
// or not, in column order.
func (db *DB) namedRows(ctx context.Context, query string, names []string, args ...any) ([]inventory.Row, error) {
	rows, err := db.sql.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	vals := make([]dbText, len(names))
	ptrs := make([]any, len(names))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	var out []inventory.Row
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		r := make(inventory.Row, len(names))
		for i, n := range names {
			r[i] = inventory.Field{Name: n, Value: vals[i].String}
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
