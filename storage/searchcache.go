package storage

import (
	"context"
	"fmt"
	"sync"
)

// searchCache remembers the values this process already put in the
// console's search caches, so steady-state inventories cost no query.
type searchCache struct {
	mu   sync.Mutex
	seen map[string]bool
}

func (c *searchCache) claim(key string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.seen == nil || len(c.seen) > maxCachedNames {
		c.seen = map[string]bool{}
	}
	if c.seen[key] {
		return false
	}
	c.seen[key] = true
	return true
}

// CacheSearchValues adds an OS name and registry names and values to the
// tables the OCS console fills its search drop-downs from
// (hardware_osname_cache, registry_name_cache, registry_regvalue_cache;
// INVENTORY_CACHE_ENABLED). It runs after the inventory commit, in short
// autocommit statements, so the shared rows never hold an inventory's locks.
func (db *DB) CacheSearchValues(ctx context.Context, osname string, regNames, regValues []string) error {
	type item struct{ key, q, v string }
	var items []item
	if osname != "" {
		items = append(items, item{"os:" + osname, insertIgnore(db.dialect) + " INTO hardware_osname_cache (OSNAME) VALUES (?)", osname})
	}
	for _, n := range regNames {
		items = append(items, item{"rn:" + n, insertIgnore(db.dialect) + " INTO registry_name_cache (NAME) VALUES (?)", n})
	}
	for _, v := range regValues {
		// No unique key on REGVALUE (TEXT) since GUI_VERSION 7044: insert when absent.
		items = append(items, item{"rv:" + v, "INSERT INTO registry_regvalue_cache (REGVALUE) SELECT ? WHERE NOT EXISTS " +
			"(SELECT 1 FROM registry_regvalue_cache WHERE REGVALUE = ?)", v})
	}
	for _, it := range items {
		if !db.search.claim(it.key) {
			continue
		}
		args := []any{it.v}
		if it.key[:3] == "rv:" {
			args = append(args, it.v)
		}
		if err := db.retry(ctx, func() error {
			_, err := db.sql.ExecContext(ctx, it.q, args...)
			return err
		}); err != nil {
			return fmt.Errorf("storage: search cache: %w", err)
		}
	}
	return nil
}
