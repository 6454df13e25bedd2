package cluster

import (
	"math"
	"sort"
	"time"
)

// A story keeps the written form of its first heldNames names, for Story
// to show the shownNames heaviest: enough for a reader to recognise the
// story, and a bound on what a long story holds.
const (
	heldNames  = 64
	shownNames = 10
)

// StoryInfo is what the clusterer knows of a story it still holds.
type StoryInfo struct {
	ID       int64
	ThreadID int64
	Title    string // the title of the story's first article
	First    time.Time
	Last     time.Time
	Articles int      // articles that are not copies
	Sources  int      // distinct outlets
	Names    []string // up to ten names, the most weighty first
}

// Story reports what the clusterer holds on story id. Stories are forgotten
// ThreadWindow after their last article.
func (c *Clusterer) Story(id int64) (StoryInfo, bool) {
	s := c.stories[id]
	if s == nil {
		return StoryInfo{}, false
	}
	info := StoryInfo{
		ID: s.id, ThreadID: s.thread, Title: s.title, First: s.first, Last: s.last,
		Articles: s.articles, Sources: len(s.sources),
	}
	type nm struct {
		name string
		w    float64
	}
	var names []nm
	for h, name := range s.names {
		names = append(names, nm{name, s.ents.weight(h)})
	}
	sort.Slice(names, func(i, j int) bool {
		if names[i].w != names[j].w {
			return names[i].w > names[j].w
		}
		return names[i].name < names[j].name
	})
	for i, n := range names {
		if i == shownNames {
			break
		}
		info.Names = append(info.Names, n.name)
	}
	return info, true
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
// draw on: stories of the same thread first, then stories sharing the most
// names, each group latest first.
func (c *Clusterer) Related(storyID int64, n int) []int64 {
	s := c.stories[storyID]
	if s == nil || n <= 0 {
		return nil
	}
	// shared is the weight of the names each other story shares with s;
	// stories of s's thread are related whether or not they share any.
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
	for _, o := range c.stories {
		if _, ok := shared[o.id]; !ok && o.id != s.id && o.thread == s.thread {
			shared[o.id] = 0
		}
	}
	type rel struct {
		s      *story
		w      float64
		thread bool // in s's thread
	}
	var list []rel
	for id, w := range shared {
		o := c.stories[id]
		if o == nil || !earlier(o, s) {
			continue
		}
		thread := o.thread == s.thread
		// Outside its thread a story is related only if the two share a
		// real part of their names: one common name, such as the country
		// every story of a national outlet mentions, is not enough.
		if !thread && nameCosine(&s.ents, &o.ents) < c.cfg.RelatedMin {
			continue
		}
		list = append(list, rel{o, w, thread})
	}
	sort.Slice(list, func(i, j int) bool {
		a, b := list[i], list[j]
		if a.thread != b.thread {
			return a.thread
		}
		if !a.thread && a.w != b.w {
			return a.w > b.w
		}
		if !a.s.first.Equal(b.s.first) {
			return a.s.first.After(b.s.first)
		}
		return a.s.id > b.s.id
	})
	var out []int64
	for _, r := range list {
		if len(out) == n {
			break
		}
		out = append(out, r.s.id)
	}
	return out
}

// earlier reports whether o began before s; without times, the lower ID
// (allocated first) is the earlier.
func earlier(o, s *story) bool {
	if !o.first.IsZero() && !s.first.IsZero() && !o.first.Equal(s.first) {
		return o.first.Before(s.first)
	}
	return o.id < s.id
}

// Stats describes the clusterer's state, whose size is bounded by the
// windows, not by the number of articles seen.
type Stats struct {
	Stories     int // stories held
	Threads     int // threads with a story held
	Articles    int // articles still counted in the document frequencies (the last DFDocs)
	IndexKeys   int // distinct keys in the inverted index
	DFTerms     int // distinct terms with a document frequency
	CopyIndex   int // articles held for copy detection
	NextStoryID int64
}

// Stats reports the clusterer's state.
func (c *Clusterer) Stats() Stats {
	return Stats{
		Stories: len(c.stories), Threads: len(c.threads), Articles: len(c.docs), IndexKeys: len(c.posting),
		DFTerms: len(c.df), CopyIndex: c.copies.Len(), NextStoryID: c.next,
	}
}

// Candidate is one story an article could join, with the parts of its
// score, for explaining a decision.
type Candidate struct {
	StoryID  int64
	Score    float64 // as Add computes it
	Words    float64 // cosine of words with the story's centroid
	Names    float64 // cosine of names
	Numbers  float64 // cosine of numbers
	Title    float64 // cosine of titles
	Gap      time.Duration
	Joinable bool // within Window
}

// Explain scores d against the stories Add would consider, best first,
// without changing any state.
func (c *Clusterer) Explain(d Doc, n int) []Candidate {
	p := c.prepare(d)
	var out []Candidate
	for _, s := range c.candidates(&p) {
		out = append(out, Candidate{
			StoryID: s.id, Score: c.score(d, &p, s),
			Words: s.words.cos(p.words), Names: s.ents.cos(p.ents),
			Numbers: s.nums.cos(p.nums), Title: s.titles.cos(p.title),
			Gap: gap(d.Time, s), Joinable: c.joinable(d, s),
		})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Score > out[j].Score })
	if len(out) > n {
		out = out[:n]
	}
	return out
}

// nameCosine is the cosine between two stories' name centroids.
func nameCosine(a, b *centroid) float64 {
	if a.n2 <= 0 || b.n2 <= 0 {
		return 0
	}
	return dot(a.t, b.t) / math.Sqrt(a.n2*b.n2)
}
