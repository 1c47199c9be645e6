package soap

import (
	"context"
	"fmt"
	"sync"
	"time"

	"ocsd/soap/store"
)

// maxSelections bounds the number of cached selections.
const maxSelections = 64

// selections caches, for a short time, the ordered ids a computer query
// selects and which section tables are empty. A client paging through
// 10,000 computers then costs one selection query, not one scan per page,
// and empty sections cost no query at all. The SOAP writes that change a
// selection (reset_checksum_V1, delete_computers_by_id_V1) clear it; other
// changes (new inventories) show within the TTL, as if they had arrived
// that much later.
type selections struct {
	ttl  time.Duration
	now  func() time.Time
	mu   sync.Mutex
	ids  map[string]selEntry
	full map[string]selEntry
}

type selEntry struct {
	ids     []int64
	has     bool
	expires time.Time
}

func newSelections(ttl time.Duration, now func() time.Time) *selections {
	return &selections{ttl: ttl, now: now, ids: map[string]selEntry{}, full: map[string]selEntry{}}
}

// page returns the ids of one page of q, from the cache when fresh.
func (c *selections) page(ctx context.Context, b ComputerReader, q store.ComputerQuery) ([]int64, error) {
	off, limit := q.Offset, q.Limit
	q.Offset, q.Limit = 0, 0
	key := fmt.Sprintf("%#v", q)
	now := c.now()
	c.mu.Lock()
	e, ok := c.ids[key]
	c.mu.Unlock()
	if !ok || now.After(e.expires) {
		ids, err := b.ComputerIDs(ctx, q)
		if err != nil {
			return nil, err
		}
		e = selEntry{ids: ids, expires: now.Add(c.ttl)}
		c.mu.Lock()
		if len(c.ids) >= maxSelections {
			c.ids = map[string]selEntry{}
		}
		c.ids[key] = e
		c.mu.Unlock()
	}
	if off >= len(e.ids) {
		return nil, nil
	}
	return e.ids[off:min(len(e.ids), off+limit)], nil
}

// hasRows tells whether table has rows, from the cache when fresh.
func (c *selections) hasRows(ctx context.Context, b ComputerReader, table string) (bool, error) {
	now := c.now()
	c.mu.Lock()
	e, ok := c.full[table]
	c.mu.Unlock()
	if ok && !now.After(e.expires) {
		return e.has, nil
	}
	has, err := b.TableHasRows(ctx, table)
	if err != nil {
		return false, err
	}
	c.mu.Lock()
	c.full[table] = selEntry{has: has, expires: now.Add(c.ttl)}
	c.mu.Unlock()
	return has, nil
}

// clear forgets every cached selection (after a SOAP write).
func (c *selections) clear() {
	c.mu.Lock()
	c.ids = map[string]selEntry{}
	c.full = map[string]selEntry{}
	c.mu.Unlock()
}
