package cluster

import (
	"cmp"
	"slices"
)

// The archive lets a late follow-up (an arrest, a trial, a sentencing
// months after a shooting) rejoin its incident's story after the story has
// left the join window. Each dated story keeps a small summary, its
// two-word names ("Brady Osborne", "Rock Falls") and how many of its
// articles carried each, indexed by name, so an article looks up only the
// stories that share one of its names, never scans. A forgotten story
// keeps only that summary (forget drops its centroids) for ArchiveWindow
// after its last article, at most ArchiveStories of them, so memory is
// bounded by that window, not by the stream.

// heldPairs bounds the two-word names a story keeps for its summary; a
// story's first reports name its people and places.
const heldPairs = 32

// pairWords are the hashes of a two-word name's words, as names and as
// words, for the check that both are written as names.
type pairWords struct {
	first, last, firstWord, lastWord uint64
}

// pairRef is a two-word name of an article.
type pairRef struct {
	h uint64
	pairWords
}

// pairCount is a two-word name of a story and how many of its articles
// carried it.
type pairCount struct {
	h uint64
	n int
	// first and last are its words' one-word names, so that a thread's
	// name check counts "Villa Serena" once, not with "Villa" and "Serena"
	// as three (see sharesThreadNames).
	first, last uint64
}

// archivedStory is a forgotten story in the archive; at is its archivedAt
// when it was filed, so that the entry of a story revived since is told
// from a later one.
type archivedStory struct {
	s  *story
	at int64
}

// pairNames returns the two-word names of r, sorted by hash.
func pairNames(r *raw) []pairRef {
	out := make([]pairRef, 0, len(r.pairs))
	for h, w := range r.pairs {
		out = append(out, pairRef{h, w})
	}
	slices.SortFunc(out, func(a, b pairRef) int { return cmp.Compare(a.h, b.h) })
	return out
}

func byPair(pc pairCount, h uint64) int { return cmp.Compare(pc.h, h) }

// notePairs counts the two-word names of an article joining s into its
// summary, and, with rejoining on, indexes s under the names new to it.
// The counts are kept with rejoining off too: sharesThreadNames reads a
// name's two words from them (storyPair). A name already held by
// MaxPosting stories is not rare, and indexing more under it would make
// lookups and removals cost as much as the archive is large.
func (c *Clusterer) notePairs(s *story, pairs []pairRef) {
	for _, pr := range pairs {
		i, ok := slices.BinarySearchFunc(s.pairs, pr.h, byPair)
		if ok {
			s.pairs[i].n++
			continue
		}
		if len(s.pairs) >= heldPairs {
			continue
		}
		s.pairs = slices.Insert(s.pairs, i, pairCount{pr.h, 1, pr.first, pr.last})
		if c.cfg.ArchiveWindow <= 0 {
			continue
		}
		c.indexed[s.id] = s
		if ids := c.archIndex[pr.h]; len(ids) < c.cfg.MaxPosting {
			c.archIndex[pr.h] = append(ids, s.id)
		}
	}
}

// archive files s, being forgotten, in the archive, or drops its summary
// when rejoining is off or s has no time to age out by.
func (c *Clusterer) archive(s *story) {
	if len(s.pairs) == 0 {
		return
	}
	if c.cfg.ArchiveWindow <= 0 || s.last.IsZero() {
		c.unindex(s)
		return
	}
	s.archivedAt = c.seq
	c.archQueue = append(c.archQueue, archivedStory{s, c.seq})
}

// unindex removes s's summary from the index.
func (c *Clusterer) unindex(s *story) {
	for _, pc := range s.pairs {
		ids := c.archIndex[pc.h]
		if i := slices.Index(ids, s.id); i >= 0 {
			ids = slices.Delete(ids, i, i+1)
		}
		if len(ids) == 0 {
			delete(c.archIndex, pc.h)
		} else {
			c.archIndex[pc.h] = ids
		}
	}
	s.pairs = nil
	delete(c.indexed, s.id)
}

// expire drops the archived stories whose last article is older than
// ArchiveWindow and, beyond ArchiveStories, the earliest forgotten. The
// queue is in the order stories were forgotten, which follows their last
// articles up to the sweep's period; rejoin checks the window itself.
func (c *Clusterer) expire() {
	cutoff := c.newest.Add(-c.cfg.ArchiveWindow)
	for len(c.archQueue) > 0 {
		e := c.archQueue[0]
		live := e.s.archivedAt == e.at
		if live && !e.s.last.Before(cutoff) && len(c.archQueue) <= c.cfg.ArchiveStories {
			break
		}
		if live {
			e.s.archivedAt = 0
			c.unindex(e.s)
			c.release(e.s)
		}
		c.archQueue[0] = archivedStory{}
		c.archQueue = c.archQueue[1:]
	}
}

// rejoin returns the story past the join window, held or archived, that
// an article starting a new story continues, or nil: the one sharing the
// most two-word names with it, at least ArchiveNames making at least
// ArchiveWholeNames whole names (see wholeNames), each rare (carried by
// at most ArchiveRare recent articles besides the story's own) and
// written as a name (see ArchiveCase). A trial or a sentencing names the
// victim, the accused and the place again; two incidents in one town
// share its police and its streets, seldom three such names.
func (c *Clusterer) rejoin(d Doc, p *prepared) *story {
	if c.cfg.ArchiveWindow <= 0 || c.cfg.ArchiveNames <= 0 || d.Time.IsZero() || len(p.pairs) < c.cfg.ArchiveNames {
		return nil
	}
	var shared, core map[int64][]pairWords
	for _, pr := range p.pairs {
		ids := c.archIndex[pr.h]
		if len(ids) == 0 || !c.nameLike(pr.pairWords) {
			continue
		}
		for _, id := range ids {
			s := c.indexed[id]
			if c.joinable(d, s) || d.Time.Sub(s.last) > c.cfg.ArchiveWindow || d.Time.Before(s.last) {
				continue // within the window the score has decided
			}
			i, _ := slices.BinarySearchFunc(s.pairs, pr.h, byPair)
			n, others := s.pairs[i].n, c.df[pr.h]-s.pairs[i].n
			if c.coreName(s, n, others) {
				if core == nil {
					core = map[int64][]pairWords{}
				}
				core[id] = append(core[id], pr.pairWords)
			}
			if others > c.cfg.ArchiveRare {
				continue
			}
			if shared == nil {
				shared = map[int64][]pairWords{}
			}
			shared[id] = append(shared[id], pr.pairWords)
		}
	}
	need := c.cfg.ArchiveNames
	if len(shared) > 1 {
		// It names the people of two stories (a settlement of a lawsuit
		// over a leak): it may link them rather than follow one.
		need = max(need, c.cfg.ArchiveMixedNames)
	}
	var best int64
	bestN := 0
	consider := func(id int64) {
		ws, cs := shared[id], core[id]
		n := len(ws)
		if n < need || c.cfg.ArchiveWholeNames > 0 && wholeNames(ws) < c.cfg.ArchiveWholeNames {
			if !c.coreNames(cs) {
				return
			}
			n = max(n, len(cs))
		}
		if n > bestN || n == bestN && id < best {
			best, bestN = id, n
		}
	}
	for id := range shared {
		consider(id)
	}
	for id := range core {
		if _, ok := shared[id]; !ok {
			consider(id)
		}
	}
	if best == 0 {
		return nil
	}
	return c.indexed[best]
}

// nameLike reports whether both words of a two-word name are mostly
// written as names: used in any case by at most ArchiveCase times the
// recent articles that write them capitalised inside a sentence. A photo
// widget's "Close Image" or a sidebar's "Elizabeth Short" is made of
// common words; a person's or a town's name is not.
func (c *Clusterer) nameLike(w pairWords) bool {
	k := c.cfg.ArchiveCase
	if k <= 0 {
		return true
	}
	return float64(c.df[w.firstWord]) <= k*float64(c.df[w.first]) &&
		float64(c.df[w.lastWord]) <= k*float64(c.df[w.last])
}

// archivedStories counts the forgotten stories the archive holds.
func (c *Clusterer) archivedStories() int {
	n := 0
	for _, s := range c.indexed {
		if s.archivedAt != 0 {
			n++
		}
	}
	return n
}

// revive holds again the archived story id, forgotten, under its own ID
// and thread, with empty centroids, so that its articles still counted
// and its thread's member list keep pointing to it. It returns nil if the
// archive does not hold it.
func (c *Clusterer) revive(id int64) *story {
	s := c.indexed[id]
	if s == nil || s.archivedAt == 0 {
		return nil
	}
	s.archivedAt = 0
	s.sources, s.keys, s.names = map[int64]bool{}, map[uint64]bool{}, map[uint64]string{}
	s.bodies = 0 // its centroids begin again (see threshold)
	c.stories[id] = s
	return s
}

// wholeNames counts the names that the two-word names ws make up, two
// that share a word being parts of one name: "Chief Lena" and "Lena
// Brandt" are one person, "Copper Kettle" and "Kettle Tavern" one place.
// It is the number of sets of words that the pairs link (union-find).
func wholeNames(ws []pairWords) int {
	parent := make(map[uint64]uint64, 2*len(ws))
	var root func(h uint64) uint64
	root = func(h uint64) uint64 {
		p := parent[h]
		if p == h {
			return h
		}
		r := root(p)
		parent[h] = r
		return r
	}
	names := 0
	for _, w := range ws {
		for _, h := range [2]uint64{w.first, w.last} {
			if _, ok := parent[h]; !ok {
				parent[h] = h
				names++
			}
		}
		if a, b := root(w.first), root(w.last); a != b {
			parent[a] = b
			names--
		}
	}
	return names
}

// coreName reports whether a two-word name that n articles of s carry,
// and others recent articles besides, is one of the names s is about: s
// has at least ArchiveCoreArticles articles, at least half of them carry
// it, and ArchiveCoreShare times the others are at most n. A trial's
// report names the accused and the place again, and so may an undated
// report of the story that started apart from it, so such a name need
// not be rare in ArchiveRare's sense.
func (c *Clusterer) coreName(s *story, n, others int) bool {
	return c.cfg.ArchiveCore > 0 && s.articles >= c.cfg.ArchiveCoreArticles && 2*n >= s.articles &&
		others*c.cfg.ArchiveCoreShare <= n
}

// coreNames reports whether ws, the core names (see coreName) a story
// past the window shares with a late follow-up, make up at least
// ArchiveCore whole names: enough to rejoin by, though fewer than
// ArchiveNames.
func (c *Clusterer) coreNames(ws []pairWords) bool {
	return c.cfg.ArchiveCore > 0 && len(ws) >= c.cfg.ArchiveCore && wholeNames(ws) >= c.cfg.ArchiveCore
}
