package cluster

import (
	"cmp"
	"iter"
	"math"
	"slices"
	"sort"
	"time"
)

// thread is a chain of stories; its centroids gather every story in it, so a
// new turn of a long-running topic can match the topic as a whole.
type thread struct {
	id          int64
	words, ents centroid
	stories     int // stories held in the thread
	articles    int // articles of its stories still counted in the document frequencies, copies included
	// members are its stories, held, archived, or forgotten while their
	// articles are still counted (see keeps), so that a merge can point
	// them all to the thread that remains and a revived story finds its
	// thread again.
	members map[int64]*story
	// named counts, for each name, the thread's articles still counted in
	// the document frequencies that carry it (see topicNames).
	named map[uint64]int
	// last is the time of its latest article (zero if none had a time).
	last time.Time
}

// keeps reports whether s's thread must still list it as a member: it is
// held, archived (a late follow-up may revive it, see rejoin) or has
// articles still counted in the document frequencies.
func (c *Clusterer) keeps(s *story) bool {
	return c.stories[s.id] == s || s.archivedAt != 0 || s.total > 0
}

// release drops s from its thread's members once nothing keeps it there
// (see keeps), and the thread once it has no member left.
func (c *Clusterer) release(s *story) {
	th := c.threads[s.thread]
	if th == nil || c.keeps(s) {
		return
	}
	delete(th.members, s.id)
	if len(th.members) == 0 {
		delete(c.threads, th.id)
	}
}

// archive drops what a thread holding no story no longer needs, its
// centroids and name counts, keeping its ID, member list and counts: no
// candidate leads to it (candidates are held stories), and the story a
// late follow-up revives (see rejoin) begins its centroids again, as the
// story's own do. The archive holds up to a year of forgotten stories,
// and a thread's centroids and names are most of what each costs.
func (th *thread) archive() {
	th.words, th.ents = centroid{}, centroid{}
	th.named = map[uint64]int{}
}

// newThread returns an empty thread.
func newThread(id int64) *thread {
	return &thread{id: id, members: map[int64]*story{}, named: map[uint64]int{}}
}

// topicNames counts the names of v that are topic names of thread th:
// names carried by at least ThreadTopicMin of the thread's recent articles
// (those still counted in the document frequencies) and by at least
// ThreadTopicShare of all recent articles that carry them. A long-running
// topic's own names ("H1N1", "Haiti", "Fannie Mae") are in most of its
// articles, so they are common and weigh little in a cosine; what marks
// them is that one thread holds most of the articles naming them. A
// city's name, carried by the reports of many incidents, is no thread's
// topic name, and a small thread has none.
func (c *Clusterer) topicNames(v vector, th *thread) int {
	if c.cfg.ThreadTopicShare <= 0 {
		return 0
	}
	n := 0
	for _, t := range v {
		if c.topicName(t.h, th.named[t.h]) {
			n++
		}
	}
	return n
}

// topicName reports whether name h, carried by k of a thread's recent
// articles, is a topic name of the thread (see topicNames).
func (c *Clusterer) topicName(h uint64, k int) bool {
	return k >= c.cfg.ThreadTopicMin && float64(k) >= c.cfg.ThreadTopicShare*float64(c.df[h])
}

// distinctTopics reports whether threads a and b each hold at least
// ThreadMergeTopics topic names that none of the other's recent articles
// carries: two established topics, each with its own names, which one
// story linking to both does not make one. Replayed without the other
// topics, Timeline17's financial crisis and swine flu ended in one thread
// when a flu story that an earlier link had left in the finance thread
// (153 articles) scored 0.185 against the flu's thread (57): 165 of
// their 626 articles off-topic, 15 with the guard (docs/clustering.md,
// "Threads that never mix topics"). A thread too small to have
// topic names (fewer than ThreadTopicMin articles naming any) merges as
// before. It walks both threads' name counts, once per merge about to
// be made.
func (c *Clusterer) distinctTopics(a, b *thread) bool {
	need := c.cfg.ThreadMergeTopics
	if need <= 0 || c.cfg.ThreadTopicShare <= 0 {
		return false
	}
	own := func(x, y *thread) bool {
		n := 0
		for h, k := range x.named {
			if y.named[h] == 0 && c.topicName(h, k) {
				if n++; n >= need {
					return true
				}
			}
		}
		return false
	}
	return own(a, b) && own(b, a)
}

// continues returns the thread that a new story, begun at time at by the
// article p, continues among its candidates' threads, or 0 if none: the
// best by thread score with the name check, or else (see topicThread) the
// one whose topic names the article carries, or else (see voteThread) the
// one that holds several of its candidates, or else (see weakThread) the
// best of several that it links to weakly.
func (c *Clusterer) continues(at time.Time, p *prepared, cands []*story) int64 {
	// Not the thread of a story that otherEvent held p apart from (see
	// Config.PlaceThreads).
	cands = c.threadCands(cands, p.apart)
	var bestThread *thread
	bestThreadScore := math.Inf(-1)
	seen := map[int64]bool{}
	for _, s := range cands {
		th := c.threads[s.thread]
		if th == nil || seen[th.id] {
			continue
		}
		seen[th.id] = true
		if !c.sharesThreadNames(p.ents, noPair, nil, th, 0) {
			continue
		}
		tsc := c.threadScore(th.ents.cos(p.ents), th.words.cos(p.words))
		if tsc > bestThreadScore || tsc == bestThreadScore && bestThread != nil && th.id < bestThread.id {
			bestThread, bestThreadScore = th, tsc
		}
	}
	if bestThread != nil && bestThreadScore >= c.cfg.ThreadThreshold {
		return bestThread.id
	}
	if th := c.topicThread(at, p, cands); th != 0 {
		return th
	}
	if th := c.voteThread(at, p, cands); th != 0 {
		return th
	}
	return c.weakThread(at, p, cands)
}

// voteThread returns the thread that holds the most of a new story's
// candidate stories, at least ThreadVotes, if the article p passes the
// name check with it and scores at least ThreadVoteScore, below the link
// threshold; 0 if none. A topic reported as many separate stories (the
// op-eds and features of a war) leaves each of them in a thread of its
// own, and each scores too little against the next to link: one weak
// match is no evidence, but several of the stories most like the article
// lying in one thread are. The thread must have had an article within
// Window, as for topicThread.
func (c *Clusterer) voteThread(at time.Time, p *prepared, cands []*story) int64 {
	if c.cfg.ThreadVotes <= 0 {
		return 0
	}
	// At most Candidates entries, so a map per new story costs little.
	votes := make(map[int64]int, len(cands))
	for _, s := range cands {
		votes[s.thread]++
	}
	var best *thread
	bestN, bestScore := 0, math.Inf(-1)
	for id, n := range votes {
		th := c.threads[id]
		if th == nil || n < c.cfg.ThreadVotes || n < bestN || !c.active(th, at) {
			continue
		}
		sc := c.threadScore(th.ents.cos(p.ents), th.words.cos(p.words))
		if sc < c.cfg.ThreadVoteScore || !c.sharesThreadNames(p.ents, noPair, nil, th, 0) {
			continue
		}
		// Most votes first, then the better score, then the older thread,
		// so the choice does not depend on the map's order.
		if n > bestN || sc > bestScore || sc == bestScore && th.id < best.id {
			best, bestN, bestScore = th, n, sc
		}
	}
	if best == nil {
		return 0
	}
	return best.id
}

// weakThread returns the best by thread score of the candidates' threads
// if at least ThreadWeakLinks of them pass the name check with the
// article p and score at least ThreadWeakScore; 0 otherwise. Passing the
// name check with a thread of one or two articles means sharing three
// names that hardly any other recent article carries; when the article
// does so with several threads at once, it is one more report of what
// they report, even though its long text scores low against each (an
// op-ed naming the same officials as three earlier ones). The threads
// must have had an article within Window, as for topicThread.
func (c *Clusterer) weakThread(at time.Time, p *prepared, cands []*story) int64 {
	if c.cfg.ThreadWeakLinks <= 0 {
		return 0
	}
	var best *thread
	bestScore := math.Inf(-1)
	n := 0
	seen := make(map[int64]bool, len(cands))
	for _, s := range cands {
		th := c.threads[s.thread]
		if th == nil || seen[th.id] || !c.active(th, at) {
			continue
		}
		seen[th.id] = true
		sc := c.threadScore(th.ents.cos(p.ents), th.words.cos(p.words))
		if sc < c.cfg.ThreadWeakScore || !c.sharesThreadNames(p.ents, noPair, nil, th, 0) {
			continue
		}
		n++
		if sc > bestScore || sc == bestScore && th.id < best.id {
			best, bestScore = th, sc
		}
	}
	if n < c.cfg.ThreadWeakLinks {
		return 0
	}
	return best.id
}

// active reports whether thread th had an article within Window of time
// at (or either time is unknown): a topic gone quiet keeps its counts until
// they leave the document frequencies, and must not take the next event
// that names its country.
func (c *Clusterer) active(th *thread, at time.Time) bool {
	return at.IsZero() || th.last.IsZero() || at.Sub(th.last) <= c.cfg.Window
}

// topicThread returns the thread, among the candidates', of which the
// article p carries the most topic names, at least ThreadTopicNames, or 0.
// Such a link needs less of the thread score (ThreadTopicScore) than the
// name check does: the first article of a new turn of a long-running
// topic often shares little with the topic's centroid but its names (a
// flu article names "H1N1", the "WHO" and "Mexico" among fifty others).
// The thread must have had an article within Window: a topic that has
// gone quiet keeps its counts until they leave the document frequencies,
// and should not take the next event that names its country.
func (c *Clusterer) topicThread(at time.Time, p *prepared, cands []*story) int64 {
	if c.cfg.ThreadTopicNames <= 0 {
		return 0
	}
	var best *thread
	bestN := 0
	for _, s := range cands {
		th := c.threads[s.thread]
		if th == nil || th == best || !c.active(th, at) {
			continue
		}
		n := c.topicNames(p.ents, th)
		if n < c.cfg.ThreadTopicNames || n < bestN || n == bestN && th.id > best.id {
			continue
		}
		if c.threadScore(th.ents.cos(p.ents), th.words.cos(p.words)) < c.cfg.ThreadTopicScore {
			continue
		}
		best, bestN = th, n
	}
	if best == nil {
		return 0
	}
	return best.id
}

// relink looks again, as a story grows, for a thread it continues. A
// story's first article may say too little to link it (a short wire item,
// a headline-only page); the story's centroids, gathered over its articles,
// say more. The story is taken as it was before the article that is
// joining it: an article's own evidence was weighed when it was checked
// (or would have been, had it begun a story), and a link from a story of
// two or more articles rests on more than one report. Only a story still
// alone in the thread it began moves, so no other story's thread changes
// under it. It returns s's thread, new or unchanged.
func (c *Clusterer) relink(s *story, own *thread, cands []*story) int64 {
	cands = c.threadCands(cands, nil)
	ents, words := &s.ents, &s.words
	var bestThread *thread
	bestScore := math.Inf(-1)
	for _, o := range cands {
		th := c.threads[o.thread]
		if th == nil || th == own {
			continue
		}
		if !c.sharesThreadNames(ents.t, s.storyPair, s.storyLead, th, s.total) {
			continue
		}
		sc := c.threadScore(nameCosine(ents, &th.ents), nameCosine(words, &th.words))
		if sc > bestScore || sc == bestScore && th.id < bestThread.id {
			bestThread, bestScore = th, sc
		}
	}
	if bestThread != nil && bestScore >= c.cfg.ThreadThreshold {
		return bestThread.id
	}
	return own.id
}

// sharesThreadNames reports whether the names v share with thread th at
// least ThreadNames names that belong to the thread: names that no more
// recent articles carry than ThreadSpecific times the thread's articles
// and the joining story's own (own of them already counted), so most of
// the articles naming them could be the thread's once the story joins.
// Look-alike events (two shootings in one city) share the city and its
// police, names that many other threads carry too; a story's next turn
// brings back its own people and places.
//
// A story's names are counted whole, as in late rejoining (wholeNames):
// a two-word name and its words are one name, so "Villa", "Serena" and
// "Villa Serena" are one town, which alone (with "Gobierno") took a
// town's festival into a rail strike's thread. pair gives the words of a
// two-word name of v's side (ok false for a one-word name, or a pair it
// does not know, which then counts as a name of its own). A new article
// passes noPair: counted whole there too, Timeline17 fell from 51.4 to
// 69.8 threads per topic (docs/clustering.md, "The demo's top story").
//
// lead, when not nil, tells the names v's side gives in a headline or
// lead: at least ThreadLeadNames of the shared names must be among them.
// A story passes its articles' lead names, so that a report naming
// another event's people in a side note (a marathon report telling the
// town's cup win) does not carry the story into that event's thread. A
// new article passes nil: an op-ed's lead names little, and asked of it
// the check split Timeline17's topics (57.3 to 94.3 threads per topic on
// the half it was chosen on; docs/clustering.md).
//
// The thread's side is asked too when lead is not nil: at least
// ThreadSideNames of the shared names must be ones the thread gives
// prominently (see prominent). The other way round, a side note is on
// the thread's side: the marathon's report names the mayor and his
// challenger in one paragraph, and the election, whose leads name them,
// took the marathon's thread. Asking for the thread's leads alone split
// Timeline17 (a one-article essay thread names its people in its body,
// not its lead; docs/clustering.md).
func (c *Clusterer) sharesThreadNames(v vector, pair func(h uint64) (first, last uint64, ok bool), lead func(h uint64) bool, th *thread, own int) bool {
	if c.cfg.ThreadNames <= 0 {
		return true
	}
	whole, leads := c.specificNames(v, pair, lead, th.ents.weight, th.articles+own)
	if lead != nil && c.cfg.ThreadLeadNames > 0 && leads < c.cfg.ThreadLeadNames {
		return false
	}
	if whole < c.cfg.ThreadNames {
		return false
	}
	if lead != nil && c.cfg.ThreadSideNames > 0 {
		return c.prominentNames(v, th, th.articles+own) >= c.cfg.ThreadSideNames
	}
	return true
}

// prominentNames counts the names of v that thread th shares and that are
// specific to the two (as in specificNames, articles being theirs), and
// that th gives prominently (see prominent), up to ThreadSideNames.
func (c *Clusterer) prominentNames(v vector, th *thread, articles int) int {
	n := 0
	for h := range c.specific(v, th.ents.weight, articles) {
		if c.prominent(th, h) {
			if n++; n >= c.cfg.ThreadSideNames {
				break
			}
		}
	}
	return n
}

// prominent reports whether thread th gives name h prominently: at least
// half of its articles still counted carry it (a one-article thread's
// essay names its people in its body), or one of its stories gives it in
// a headline or lead. A name only one report of several gives, in its
// body, is a side note. Stories forgotten have dropped their lead names;
// their articles still counted are in th.named.
func (c *Clusterer) prominent(th *thread, h uint64) bool {
	if k := th.named[h]; k > 0 && 2*k >= th.articles {
		return true
	}
	for _, m := range th.members {
		if m.storyLead(h) {
			return true
		}
	}
	return false
}

// specificNames counts the names of v that the other side (has gives a
// name's weight there) carries too and that are specific to the two:
// carried by at most ThreadSpecific times their articles among the last
// DFDocs, so that a city's or a country's name, carried by the reports
// of many stories, does not count. whole counts them as whole names (a
// two-word name and its parts once, see wholeNames); leads counts those
// that lead, when not nil, says v's side gives in a headline or lead.
func (c *Clusterer) specificNames(v vector, pair func(h uint64) (first, last uint64, ok bool), lead func(h uint64) bool, has func(h uint64) float64, articles int) (whole, leads int) {
	var shared []pairWords
	for h := range c.specific(v, has, articles) {
		if lead != nil && c.cfg.ThreadLeadNames > 0 && lead(h) {
			leads++
		}
		w := pairWords{first: h, last: h}
		if f, l, ok := pair(h); ok {
			w.first, w.last = f, l
		}
		shared = append(shared, w)
	}
	return wholeNames(shared), leads
}

// specific yields the names of v that the other side carries (has gives
// a weight there) and that are specific to the two: carried by at most
// ThreadSpecific times their articles among the last DFDocs.
func (c *Clusterer) specific(v vector, has func(h uint64) float64, articles int) iter.Seq[uint64] {
	limit := c.cfg.ThreadSpecific * float64(articles)
	return func(yield func(uint64) bool) {
		for _, t := range v {
			if float64(c.df[t.h]) <= limit && has(t.h) > 0 && !yield(t.h) {
				return
			}
		}
	}
}

// storyLead reports whether one of s's articles gives name h in its
// headline or lead (see sharesThreadNames).
func (s *story) storyLead(h uint64) bool {
	_, ok := slices.BinarySearchFunc(s.leadNames, h, func(nc nameCount, h uint64) int { return cmp.Compare(nc.name, h) })
	return ok
}

// storyPair finds one of the two-word names a story keeps (see
// sharesThreadNames).
func (s *story) storyPair(h uint64) (uint64, uint64, bool) {
	i, ok := slices.BinarySearchFunc(s.pairs, h, byPair)
	if !ok {
		return 0, 0, false
	}
	return s.pairs[i].first, s.pairs[i].last, true
}

// threadScore combines the name and word cosines of a story or article
// with a thread, names above words: a thread continues when the same
// people and places come back, while look-alike events (two shootings in
// two cities) share words but not names.
func (c *Clusterer) threadScore(names, words float64) float64 {
	return c.cfg.ThreadNameWeight*names + (1-c.cfg.ThreadNameWeight)*words
}

// move takes story s out of its thread into thread id, with what it brought
// to its old thread: centroids, counted articles and their names. The old
// thread is dropped once no story is left in it.
func (c *Clusterer) move(s *story, id int64) {
	th := c.threads[id]
	if th == nil {
		th = newThread(id)
		c.threads[id] = th
	}
	articles := s.total
	if old := c.threads[s.thread]; old != nil {
		delete(old.members, s.id)
		if old.stories--; old.stories <= 0 {
			// Nothing held is left: what the old thread still counts (s
			// and stories forgotten while their articles are counted)
			// goes with s.
			delete(c.threads, old.id)
			articles = old.articles
			for h, k := range old.named {
				th.named[h] += k
			}
			for mid, m := range old.members {
				m.thread = id
				th.members[mid] = m
			}
		} else {
			// Rare (Restore told of a move that Add did not make): find
			// s's counted articles.
			old.articles -= s.total
			for _, r := range c.dfQueue {
				if r.st == s {
					for _, h := range r.dfTerms[r.ents:r.entsEnd] {
						if old.named[h]--; old.named[h] <= 0 {
							delete(old.named, h)
						}
						th.named[h]++
					}
				}
			}
		}
	}
	th.stories++
	th.members[s.id] = s
	th.articles += articles
	if s.last.After(th.last) {
		th.last = s.last
	}
	th.words.add(s.words.t, c.cfg.CentroidTerms)
	th.ents.add(s.ents.t, c.cfg.CentroidTerms)
	s.thread = id
}

// mergeThreads checks, as an article joins story s, whether the story
// continues another thread as well as its own, one of the candidates'
// threads: for a new story, by its first article, as continues judges it;
// for a story that grows, by its centroids before this article, as relink
// judges it. Both need the name check and a thread score of ThreadMerge.
// If so the two threads become one, under the lower (older) ID, and the
// other thread's ID is returned; 0 otherwise. A long-running topic starts
// in several threads when its first stories share too little; a story
// that links to two of them shows that they are one. The check runs in
// apply, on state that Add and Restore share, so re-fed articles merge the
// same threads.
func (c *Clusterer) mergeThreads(s *story, p *prepared, created bool) int64 {
	own := c.threads[s.thread]
	if c.cfg.ThreadMerge <= 0 || own == nil || s.develops {
		// A new development's thread is the story's it develops: the
		// names it shares with a third thread are its own turn's (the
		// minister who pays for a flood fund also answers for the
		// interest rate), not the thread's.
		return 0
	}
	var best *thread
	bestScore := math.Inf(-1)
	for _, o := range p.cands {
		th := c.threads[o.thread]
		if th == nil || th == own || th == best || c.pastThreads(o) {
			continue
		}
		var sc float64
		if created {
			if !c.sharesThreadNames(p.ents, noPair, nil, th, 0) {
				continue
			}
			sc = c.threadScore(th.ents.cos(p.ents), th.words.cos(p.words))
		} else {
			if !c.sharesThreadNames(s.ents.t, s.storyPair, s.storyLead, th, s.total) {
				continue
			}
			sc = c.threadScore(nameCosine(&s.ents, &th.ents), nameCosine(&s.words, &th.words))
		}
		if sc > bestScore || sc == bestScore && th.id < best.id {
			best, bestScore = th, sc
		}
	}
	if best == nil || bestScore < c.cfg.ThreadMerge || c.distinctTopics(own, best) {
		return 0
	}
	keep, gone := best, own
	if own.id < best.id {
		keep, gone = own, best
	}
	keep.words.add(gone.words.t, c.cfg.CentroidTerms)
	keep.ents.add(gone.ents.t, c.cfg.CentroidTerms)
	keep.stories += gone.stories
	keep.articles += gone.articles
	if gone.last.After(keep.last) {
		keep.last = gone.last
	}
	for h, k := range gone.named {
		keep.named[h] += k
	}
	for id, m := range gone.members {
		m.thread = keep.id
		keep.members[id] = m
	}
	s.thread = keep.id // a new story is not yet among the members
	delete(c.threads, gone.id)
	return best.id
}

// ThreadOf returns the thread of story id, or 0 if the story is no longer
// held.
func (c *Clusterer) ThreadOf(storyID int64) int64 {
	if s := c.stories[storyID]; s != nil {
		return s.thread
	}
	return 0
}

// Related returns up to n earlier stories that a briefing's background can
// draw on: stories of the same thread, latest first, or, when no earlier
// story is in its thread, stories sharing the most names (see
// relatedOutside). A story whose thread tells what came before needs no
// story that only shares its people: the demo's flood fund, a new
// development of the flood, quotes the finance minister and an economist
// whom the rate rise quotes too, and was offered the rate rise beside the
// flood and the dam (docs/clustering.md, "New developments").
func (c *Clusterer) Related(storyID int64, n int) []int64 {
	s := c.stories[storyID]
	if s == nil || n <= 0 {
		return nil
	}
	// The thread's earlier stories first: while there is one, no story
	// outside the thread is offered, so none is scored. The thread's
	// members, not every story held: a call costs what the story's index
	// keys and its thread hold, not what the window does.
	var list []related
	if th := c.threads[s.thread]; th != nil {
		for id, o := range th.members {
			if id != s.id && c.stories[id] == o && earlier(o, s) {
				list = append(list, related{s: o})
			}
		}
	}
	if len(list) == 0 {
		list = c.relatedByNames(s)
	}
	// Most shared names first (the thread's stories weigh alike), then
	// the latest.
	sort.Slice(list, func(i, j int) bool {
		a, b := list[i], list[j]
		if a.w != b.w {
			return a.w > b.w
		}
		if !a.s.first.Equal(b.s.first) {
			return a.s.first.After(b.s.first)
		}
		return a.s.id > b.s.id
	})
	out := make([]int64, 0, min(n, len(list)))
	for _, r := range list[:min(n, len(list))] {
		out = append(out, r.s.id)
	}
	return out
}

// relatedByNames lists the earlier stories outside s's thread that share
// names with it and pass relatedOutside, each with the weight of the
// names it shares.
func (c *Clusterer) relatedByNames(s *story) []related {
	shared := map[int64]float64{}
	for _, t := range s.ents.t {
		ids := c.posting[t.h]
		if len(ids) > c.cfg.MaxPosting {
			continue
		}
		for _, id := range ids {
			if id != s.id {
				shared[id] += t.w
			}
		}
	}
	var list []related
	for id, w := range shared {
		o := c.stories[id]
		if o == nil || o.thread == s.thread || !earlier(o, s) || !c.relatedOutside(s, o) {
			continue
		}
		list = append(list, related{o, w})
	}
	return list
}

// relatedNames is how many whole names specific to two stories of
// different threads (see specificNames) they must share for Related to
// offer one to the other when their name cosine is below twice
// RelatedMin. The demo's measles outbreak was offered the insulin
// shortage at a name cosine of exactly RelatedMin, made of the fictional
// region's towns, carried by many stories, and one health official
// quoted by both: one specific name (docs/clustering.md, "The demo's
// unrelated background"). A constant, not a Config field, so that
// snapshots taken before it still load (Config is in their fingerprint).
const relatedNames = 2

// relatedOutside reports whether story o, outside s's thread, is related
// to s. The two must share a real part of their names, a name cosine of
// at least RelatedMin (one common name, such as the country every story
// of a national outlet mentions, is not enough); and, unless the cosine
// is at least twice that, at least relatedNames names specific to s and
// o's thread (carried by at most ThreadSpecific times their articles, as
// thread linking asks), so that a cosine made of towns many stories name
// is not enough. Asked of every cosine, the specific names cost
// Timeline17's Michael Jackson stories in other threads, which share
// names at cosines of 0.5 to 0.6 but at most one specific name:
// server-path ROUGE-1 of mj_death 0.2280 to 0.2228 (docs/clustering.md).
func (c *Clusterer) relatedOutside(s, o *story) bool {
	cos := nameCosine(&s.ents, &o.ents)
	if cos < c.cfg.RelatedMin {
		return false
	}
	if cos >= 2*c.cfg.RelatedMin {
		return true
	}
	articles := s.total + o.total
	if th := c.threads[o.thread]; th != nil {
		articles = s.total + th.articles
	}
	whole, _ := c.specificNames(s.ents.t, s.storyPair, nil, o.ents.weight, articles)
	return whole >= relatedNames
}

// related is a story Related offers, with the weight it ranks by: the
// names it shares with the story, or 0 for a story of the story's thread.
type related struct {
	s *story
	w float64
}

// earlier reports whether o began before s; without times, the lower ID
// (allocated first) is the earlier.
func earlier(o, s *story) bool {
	if !o.first.IsZero() && !s.first.IsZero() && !o.first.Equal(s.first) {
		return o.first.Before(s.first)
	}
	return o.id < s.id
}

// noPair counts every name of a new article on its own (see
// sharesThreadNames).
func noPair(uint64) (uint64, uint64, bool) { return 0, 0, false }

// pastThreads reports whether s is past ThreadWindow, held only for the
// undated articles arriving (Config.UndatedKeep): an undated report may
// join it, but no other story links or merges into its thread through
// it, as none could once it was forgotten by time. A stream without
// undated articles is not affected (a story past ThreadWindow there is
// held only until the next sweep, as before).
func (c *Clusterer) pastThreads(s *story) bool {
	return c.pastThreadWindow(s) && c.undatedKeeps(s)
}

// pastThreadWindow reports whether s, dated, last changed more than
// ThreadWindow before the newest article: what sweep forgets it for,
// unless UndatedKeep holds it.
func (c *Clusterer) pastThreadWindow(s *story) bool {
	return !s.last.IsZero() && s.last.Before(c.newest.Add(-c.cfg.ThreadWindow))
}

// threadCands is cands without the stories past ThreadWindow (see
// pastThreads) and those of the threads apart, in their order, in one
// copy; cands itself when none is.
func (c *Clusterer) threadCands(cands []*story, apart []int64) []*story {
	drop := func(s *story) bool { return c.pastThreads(s) || slices.Contains(apart, s.thread) }
	if !slices.ContainsFunc(cands, drop) {
		return cands
	}
	return slices.DeleteFunc(slices.Clone(cands), drop)
}
