package translate

import (
	"container/list"
	"context"
	"sync"
)

// DefaultCacheSize is the number of translations New's caches keep.
const DefaultCacheSize = 4096

// Cached remembers the most recent translations of an underlying
// translator, evicting the least recently used beyond its size. Errors are
// not cached. It is safe for concurrent use.
type Cached struct {
	next Translator
	size int

	mu    sync.Mutex
	order *list.List // front = most recently used; values are *cacheEntry
	items map[cacheKey]*list.Element
}

type cacheKey struct{ text, from, to string }

type cacheEntry struct {
	key cacheKey
	out string
}

// NewCached wraps next with an LRU of size entries (at least 1).
func NewCached(next Translator, size int) *Cached {
	return &Cached{next: next, size: max(size, 1), order: list.New(), items: make(map[cacheKey]*list.Element)}
}

// Translate implements Translator.
func (c *Cached) Translate(ctx context.Context, text, from, to string) (string, error) {
	k := cacheKey{text, from, to}
	c.mu.Lock()
	if el, ok := c.items[k]; ok {
		c.order.MoveToFront(el)
		out := el.Value.(*cacheEntry).out
		c.mu.Unlock()
		return out, nil
	}
	c.mu.Unlock()
	out, err := c.next.Translate(ctx, text, from, to)
	if err != nil {
		return "", err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.items[k]; ok {
		c.order.MoveToFront(el)
		return out, nil
	}
	c.items[k] = c.order.PushFront(&cacheEntry{key: k, out: out})
	for c.order.Len() > c.size {
		last := c.order.Back()
		c.order.Remove(last)
		delete(c.items, last.Value.(*cacheEntry).key)
	}
	return out, nil
}

// Len reports how many translations are cached.
func (c *Cached) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.order.Len()
}
