package cluster

import (
	"maps"
	"math"
	"slices"
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

// StoryIDs returns the IDs of the stories held, in order.
func (c *Clusterer) StoryIDs() []int64 {
	return slices.Sorted(maps.Keys(c.stories))
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
	Archived    int // forgotten stories kept for a late follow-up (see rejoin)
	NextStoryID int64
}

// Stats reports the clusterer's state.
func (c *Clusterer) Stats() Stats {
	threads := 0
	for _, th := range c.threads {
		if th.stories > 0 {
			threads++ // not one kept only for its archived stories (see keeps)
		}
	}
	return Stats{
		Stories: len(c.stories), Threads: threads, Articles: len(c.docs), IndexKeys: len(c.posting),
		DFTerms: len(c.df), CopyIndex: c.copies.Len(), Archived: c.archivedStories(), NextStoryID: c.next,
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
// without changing what Add or a snapshot will do: the only state it
// touches is a story's cache of its headline's names (newHeadName), read
// from the story's title and so the same whenever it is filled.
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
