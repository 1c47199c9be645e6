package ingest

import (
	"hash/maphash"
	"sync"
)

// keyedMutex serialises the requests of one device inside this process
// without a map that grows with the fleet: keys hash onto a fixed set of
// mutexes. Two requests for the same DEVICEID never interleave; unrelated
// devices rarely wait on each other.
type keyedMutex struct {
	seed  maphash.Seed
	locks []sync.Mutex
}

func newKeyedMutex(n int) *keyedMutex {
	return &keyedMutex{seed: maphash.MakeSeed(), locks: make([]sync.Mutex, n)}
}

func (k *keyedMutex) lock(key string) (unlock func()) {
	m := &k.locks[maphash.String(k.seed, key)%uint64(len(k.locks))]
	m.Lock()
	return m.Unlock
}
