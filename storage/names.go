package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"sync"

	"ocsd/inventory"
)

// nameKind indexes the three normalisation tables.
type nameKind int

const (
	kindName nameKind = iota
	kindPublisher
	kindVersion
)

var nameTables = [3]struct{ table, column string }{
	{"software_name", "NAME"},
	{"software_publisher", "PUBLISHER"},
	{"software_version", "VERSION"},
}

// maxCachedNames bounds each cache map; past it the map starts over, which
// costs one round of lookups and keeps memory flat on huge fleets.
const maxCachedNames = 250_000

// nameCache remembers the ids of software names, publishers and versions,
// keyed by their collation key. Those rows are never deleted by ocsd, so an
// id once read stays valid; the cache turns the normalisation of a known
// inventory into zero queries.
type nameCache struct {
	mu   sync.RWMutex
	maps [3]map[string]int64
	// exact maps values as sent to their id, so the common case skips
	// computing the collation key.
	exact [3]map[string]int64
}

func newNameCache() *nameCache {
	c := &nameCache{}
	for i := range c.maps {
		c.maps[i] = make(map[string]int64)
		c.exact[i] = make(map[string]int64)
	}
	return c
}

// fill sets out[v] for every cached value and returns the others.
func (c *nameCache) fill(k nameKind, values []string, out map[string]int64) (missing []string) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	for _, v := range values {
		if id, ok := c.exact[k][v]; ok {
			out[v] = id
		} else if id, ok := c.maps[k][foldName(v)]; ok {
			out[v] = id
		} else {
			missing = append(missing, v)
		}
	}
	return missing
}

func (c *nameCache) put(k nameKind, value, key string, id int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.maps[k]) >= maxCachedNames || len(c.exact[k]) >= maxCachedNames {
		c.maps[k] = make(map[string]int64)
		c.exact[k] = make(map[string]int64)
	}
	c.maps[k][key] = id
	c.exact[k][value] = id
}

// NormaliseSoftware returns the ids of software names, publishers and
// versions, inserting the missing ones. New values are inserted in sorted
// order by one INSERT IGNORE per table in its own short statement, outside
// any inventory transaction, then read back: concurrent inventories sharing
// names never wait on each other's transactions, which is how this stays
// deadlock-free (the failure OCS ships with) and Galera-friendly.
func (db *DB) NormaliseSoftware(ctx context.Context, names, publishers, versions []string) (inventory.SoftwareIDs, error) {
	out := inventory.SoftwareIDs{Names: map[string]int64{}, Publishers: map[string]int64{}, Versions: map[string]int64{}}
	for k, vals := range [3][]string{names, publishers, versions} {
		dst := [3]map[string]int64{out.Names, out.Publishers, out.Versions}[k]
		missing := db.names.fill(nameKind(k), vals, dst)
		if len(missing) == 0 {
			continue
		}
		if err := db.resolveNames(ctx, nameKind(k), missing, dst); err != nil {
			return out, err
		}
	}
	return out, nil
}

func (db *DB) resolveNames(ctx context.Context, k nameKind, values []string, dst map[string]int64) error {
	byKey := map[string]string{}
	for _, v := range values {
		if key := foldName(v); byKey[key] == "" {
			byKey[key] = v
		}
	}
	keys := make([]string, 0, len(byKey))
	for key := range byKey {
		keys = append(keys, key)
	}
	slices.Sort(keys)
	uniq := make([]string, len(keys))
	for i, key := range keys {
		uniq[i] = byKey[key]
	}
	t := nameTables[k]
	if err := db.retry(ctx, func() error { return db.insertNames(ctx, t.table, t.column, uniq) }); err != nil {
		return err
	}
	found, err := db.selectNames(ctx, t.table, t.column, uniq)
	if err != nil {
		return err
	}
	for _, v := range values {
		key := foldName(v)
		id, ok := found[key]
		if !ok {
			// The database's collation and foldName disagree on this value:
			// let the database say which row it is.
			if id, err = db.nameID(ctx, t.table, t.column, v); err != nil {
				return err
			}
		}
		dst[v] = id
		db.names.put(k, v, key, id)
	}
	return nil
}

func (db *DB) insertNames(ctx context.Context, table, column string, values []string) error {
	for start := 0; start < len(values); start += maxParams {
		end := min(start+maxParams, len(values))
		q := insertIgnore(db.dialect) + " INTO " + table + " (" + column + ") VALUES "
		args := make([]any, 0, end-start)
		for i, v := range values[start:end] {
			if i > 0 {
				q += ","
			}
			q += "(?)"
			args = append(args, v)
		}
		if _, err := db.sql.ExecContext(ctx, q, args...); err != nil {
			return fmt.Errorf("storage: insert %s: %w", table, err)
		}
	}
	return nil
}

func (db *DB) selectNames(ctx context.Context, table, column string, values []string) (map[string]int64, error) {
	out := make(map[string]int64, len(values))
	for start := 0; start < len(values); start += maxParams {
		end := min(start+maxParams, len(values))
		args := make([]any, 0, end-start)
		for _, v := range values[start:end] {
			args = append(args, v)
		}
		q := "SELECT ID, " + column + " FROM " + table + " WHERE " + column + " IN " + placeholders(end-start)
		rows, err := db.sql.QueryContext(ctx, q, args...)
		if err != nil {
			return nil, fmt.Errorf("storage: select %s: %w", table, err)
		}
		for rows.Next() {
			var id int64
			var v string
			if err := rows.Scan(&id, &v); err != nil {
				rows.Close()
				return nil, fmt.Errorf("storage: scan %s: %w", table, err)
			}
			out[foldName(v)] = id
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("storage: select %s: %w", table, err)
		}
	}
	return out, nil
}

func (db *DB) nameID(ctx context.Context, table, column, v string) (int64, error) {
	var id int64
	err := db.sql.QueryRowContext(ctx, "SELECT ID FROM "+table+" WHERE "+column+" = ? LIMIT 1", v).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("storage: %s %q not found after insert", table, v)
	}
	if err != nil {
		return 0, fmt.Errorf("storage: select %s: %w", table, err)
	}
	return id, nil
}

// retry runs an autocommit operation again on transient conflicts.
func (db *DB) retry(ctx context.Context, fn func() error) error {
	var err error
	for attempt := 1; attempt <= maxAttempts; attempt++ {
		if err = fn(); err == nil || !retryable(err) {
			return err
		}
		db.retries.Add(1)
		if err := sleepBackoff(ctx, attempt); err != nil {
			return err
		}
	}
	return err
}
