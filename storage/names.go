package storage

import "sync"

// nameCache remembers the ids of software names, publishers and versions.
// Those rows are never deleted by ocsd, so an id once read stays valid; the
// cache turns the normalisation of a known inventory into zero queries.
type nameCache struct {
	mu   sync.RWMutex
	maps [3]map[string]int64
}

func newNameCache() *nameCache {
	c := &nameCache{}
	for i := range c.maps {
		c.maps[i] = make(map[string]int64)
	}
	return c
}
