package pipeline

import "sync"

// movedCap bounds the links movedLinks remembers: at some 200 bytes an
// entry, 32,768 of them take a few MB, and cover weeks of a desk's feeds,
// whose items stay in a feed for days, not months.
const movedCap = 32768

// movedLinks remembers, for a link whose page redirected, the canonical
// URL the article was stored under (storeArticle), both by their
// news.URLKey. The article is stored under the page's final URL, so a poll
// asking the store for the link a feed gives found nothing, and queued the
// item, fetched the page and was told it was stored on every poll while
// the item stayed in the feed (3 fetches in 3 polls; TestMovedFetchedOnce).
//
// It is in memory only, and lost on restart: the first poll after one
// fetches each redirecting item once more, and learns its link again.
// Keeping it in the store would take a table for what costs one fetch an
// item a restart. Each process on a shared database keeps its own.
//
// It is bounded by two generations of movedCap/2 links: when the newer is
// full it becomes the older and the older is dropped, so a link looked up
// in each generation (every poll of a feed that lists it) stays, and one
// no feed lists any more goes within movedCap new links.
type movedLinks struct {
	mu       sync.Mutex
	cur, old map[string]string
}

func newMovedLinks() *movedLinks {
	return &movedLinks{cur: map[string]string{}}
}

// get returns the URL the article of link was stored under, if link is
// known to have redirected.
func (m *movedLinks) get(link string) (string, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if to, ok := m.cur[link]; ok {
		return to, true
	}
	to, ok := m.old[link]
	if ok {
		m.putLocked(link, to) // still in use: keep it through the next turn
	}
	return to, ok
}

// resolve returns the URL the article of link is stored under: the one
// its page redirected to, if known, else link itself.
func (m *movedLinks) resolve(link string) string {
	if to, ok := m.get(link); ok {
		return to
	}
	return link
}

// put records that the article of link was stored under to.
func (m *movedLinks) put(link, to string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.putLocked(link, to)
}

func (m *movedLinks) putLocked(link, to string) {
	if _, ok := m.cur[link]; !ok && len(m.cur) >= movedCap/2 {
		m.old, m.cur = m.cur, make(map[string]string, movedCap/2)
	}
	m.cur[link] = to
}

// len is the number of links remembered, for tests.
func (m *movedLinks) len() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	n := len(m.cur)
	for link := range m.old {
		if _, ok := m.cur[link]; !ok {
			n++
		}
	}
	return n
}
