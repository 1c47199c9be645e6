package storage

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"ocsd/inventory"
)

// accountColumnsTTL bounds how long the accountinfo column list is cached:
// admins add custom fields (fields_N columns) from the console at any time.
const accountColumnsTTL = 30 * time.Second

type columnCache struct {
	mu    sync.Mutex
	cols  []string
	until time.Time
}

// accountColumns returns the columns of accountinfo.
func (db *DB) accountColumns(ctx context.Context, q queryer) ([]string, error) {
	c := &db.accountCols
	c.mu.Lock()
	defer c.mu.Unlock()
	if now := db.now(); c.cols != nil && now.Before(c.until) {
		return c.cols, nil
	}
	rows, err := q.QueryContext(ctx, "SELECT * FROM accountinfo WHERE 1 = 0")
	if err != nil {
		return nil, fmt.Errorf("storage: accountinfo columns: %w", err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, fmt.Errorf("storage: accountinfo columns: %w", err)
	}
	c.cols, c.until = cols, db.now().Add(accountColumnsTTL)
	return cols, nil
}

// writeAccount stores the agent's ACCOUNTINFO where OCS does: for a new
// device, for a known device whose row is missing (TAG forced to LOST), or
// always when AcceptAccount (mirrors Apache/Ocsinventory/Server/Inventory/Update/AccountInfos.pm).
// It leaves the resulting row in res.Account.
func (tx *Tx) writeAccount(ctx context.Context, id int64, p *inventory.WritePlan, res *inventory.WriteResult) error {
	cols, err := tx.db.accountColumns(ctx, tx)
	if err != nil {
		return err
	}
	var ok bool
	if !res.Created {
		if res.Account, ok, err = readAccount(ctx, tx, id); err != nil {
			return err
		}
	}
	switch {
	case res.Created:
		// A new machine's reply never carries its account info (see
		// ingest's accountUpdate); a merge re-reads it.
		return tx.insertAccount(ctx, id, cols, p.Account, "")
	case !ok:
		res.AccountLost = true
		err = tx.insertAccount(ctx, id, cols, p.Account, "LOST")
	case p.AcceptAccount:
		err = tx.updateAccount(ctx, id, cols, p.Account)
	default:
		return nil
	}
	if err != nil {
		return err
	}
	res.Account, _, err = readAccount(ctx, tx, id)
	return err
}

// matchColumns pairs agent entries with real accountinfo columns.
func matchColumns(cols []string, entries []inventory.AccountEntry) (names []string, vals []any) {
	for _, e := range entries {
		for _, c := range cols {
			if strings.EqualFold(c, e.Name) && !strings.EqualFold(c, "HARDWARE_ID") && !contains(names, c) {
				names = append(names, c)
				vals = append(vals, e.Value)
			}
		}
	}
	return names, vals
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func (tx *Tx) insertAccount(ctx context.Context, id int64, cols []string, entries []inventory.AccountEntry, forceTag string) error {
	names, vals := matchColumns(cols, entries)
	if forceTag != "" {
		if i := indexFold(names, "TAG"); i >= 0 {
			vals[i] = forceTag
		} else {
			names, vals = append(names, "TAG"), append(vals, forceTag)
		}
	}
	q := "INSERT INTO accountinfo (" + strings.Join(append([]string{"HARDWARE_ID"}, names...), ", ") + ") VALUES " + placeholders(len(names)+1)
	return tx.queue(ctx, q, append([]any{id}, vals...)...)
}

func (tx *Tx) updateAccount(ctx context.Context, id int64, cols []string, entries []inventory.AccountEntry) error {
	names, vals := matchColumns(cols, entries)
	if len(names) == 0 {
		return nil
	}
	sets := make([]string, len(names))
	for i, n := range names {
		sets[i] = n + " = ?"
	}
	q := "UPDATE accountinfo SET " + strings.Join(sets, ", ") + " WHERE HARDWARE_ID = ?"
	return tx.queue(ctx, q, append(vals, id)...)
}

func indexFold(list []string, s string) int {
	for i, x := range list {
		if strings.EqualFold(x, s) {
			return i
		}
	}
	return -1
}
