package handlers

import (
	"sync"

	"ocsd/agentcompat"
)

// replyCache remembers the compressed form of small replies. Most agents of
// a fleet get byte-identical PROLOG and INVENTORY replies (same frequency,
// same download settings, NO_ACCOUNT_UPDATE), so compressing each one again
// is wasted work on the busiest request of all.
type replyCache struct {
	mu sync.RWMutex
	m  map[replyKey][]byte
}

type replyKey struct {
	doc string
	enc agentcompat.Encoding
}

// Bounds of the cache: replies larger than maxCachedReply (those carrying
// package lists or account info) are always compressed afresh.
const (
	maxCachedReply   = 1024
	maxCachedReplies = 256
)

// encode returns doc compressed in enc.
func (c *replyCache) encode(doc []byte, enc agentcompat.Encoding) []byte {
	if enc == agentcompat.Plain || len(doc) > maxCachedReply {
		return agentcompat.Encode(doc, enc)
	}
	c.mu.RLock()
	body, ok := c.m[replyKey{string(doc), enc}]
	c.mu.RUnlock()
	if ok {
		return body
	}
	body = agentcompat.Encode(doc, enc)
	c.mu.Lock()
	if c.m == nil || len(c.m) >= maxCachedReplies {
		c.m = make(map[replyKey][]byte, maxCachedReplies)
	}
	c.m[replyKey{string(doc), enc}] = body
	c.mu.Unlock()
	return body
}
