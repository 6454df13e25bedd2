// Package cluster groups a stream of articles into stories as they arrive,
// and links stories that continue one another into threads.
//
// It is a single-pass clusterer with the cues an editor uses: the words of
// an article and its title, the people, places and organisations it names,
// the numbers it states, and when it was published. Each story keeps a
// centroid of each cue. A new article is compared only with stories that
// share one of its names or rarest words (an inverted index) and are still
// active (a sliding time window), so the cost of an article does not grow
// with the archive. Copies of earlier articles are found first with MinHash
// (package dedup) and join their original's story.
package cluster

import (
	"math"
	"slices"
	"sort"
	"time"

	"github.com/newsdesk/newsdesk/internal/dedup"
)

// Doc is an article as the clusterer sees it.
type Doc struct {
	ID     int64
	Title  string
	Text   string
	Lang   string
	Source int64 // outlet, so that one outlet's items are not taken as corroboration
	Time   time.Time
	// Translated holds Title+Text in the desk's language when a translator
	// is configured and Lang differs; empty otherwise.
	Translated string
}

// Assignment is the clusterer's decision for one document.
type Assignment struct {
	StoryID     int64
	NewStory    bool
	ThreadID    int64
	DuplicateOf int64 // the article this one copies, 0 if none
	Score       float64
}

// Config tunes the clusterer. DefaultConfig documents the defaults; the
// server and every evaluation use them unchanged.
type Config struct {
	// Window is how far from its nearest article in time a story can still
	// take an article. Default 30 days: a fifth of the
	// same-incident follow-ups in the gun-violence stream come more than a
	// week after the previous report; the time penalty keeps old stories
	// from taking look-alike new events.
	Window time.Duration
	// ThreadWindow is how long a story stays known after its last article,
	// for linking later stories into its thread and for Related. Default 60
	// days. Memory is bounded by the stories active within it.
	ThreadWindow time.Duration
	// Threshold is the least score for an article to join a story. Default
	// 0.14, chosen on gva-stream-2013-2015.
	Threshold float64
	// ThreadThreshold is the least thread score (see threadScore) for a
	// story to continue an earlier story's thread. Default 0.14, the join
	// threshold (see docs/clustering.md for how it was checked).
	ThreadThreshold float64
	// ThreadNameWeight is the weight of names in the thread score, the
	// rest going to words. Default 0.6: two look-alike events (two
	// shootings in two cities) share words but not names, while the next
	// turn of a story brings its people and places back.
	ThreadNameWeight float64
	// ThreadNames is how many names a story must share with a thread, each
	// belonging to the thread (see ThreadSpecific), to continue it: one
	// common name (a country, a city, a president) links look-alike events.
	// Default 3. 0 turns the check off.
	ThreadNames int
	// ThreadSpecific decides when a name belongs to a thread: when at most
	// ThreadSpecific times the thread's articles, among the last DFDocs
	// articles, carry it. Default 1.
	ThreadSpecific float64
	// RelatedMin is the least cosine between two stories' names for Related
	// to offer one as the other's background, outside a thread. Default
	// 0.25.
	RelatedMin float64

	// Weights of the cues in the score; see score. Defaults 0.5, 0.3, 0.1
	// and 0.1, set by hand (see docs/clustering.md).
	WordWeight   float64 // cosine of words (body and title)
	EntityWeight float64 // cosine of names
	NumberWeight float64 // cosine of numbers and calendar days
	TitleWeight  float64 // cosine of titles
	// The score is divided by 1 + TimePenalty*log2(1 + gap/TimeScale),
	// where gap is the time to the story's nearest article: a story is more
	// likely continued the next day than the next week, but strong evidence
	// (the same names, numbers and dates) still carries a report weeks
	// later. Defaults 3 days and 0.5.
	TimeScale   time.Duration
	TimePenalty float64
	// UnknownGap is the gap assumed when the article or the story has no
	// time: not knowing when something happened is weaker evidence than
	// knowing it happened the same day. Default 3 days (one TimeScale).
	UnknownGap time.Duration

	// DFDocs is how many recent articles the document frequencies of words
	// are counted over, and how many are remembered for copy detection.
	// Default 5,000.
	DFDocs int
	// Candidates is how many stories, found through shared keys, are scored
	// in full. Default 15.
	Candidates int
	// CentroidTerms bounds each centroid of a story or thread: past twice
	// this many terms it is cut back to its heaviest CentroidTerms. Default
	// 150.
	CentroidTerms int
	// IndexKeys is how many of an article's heaviest words index its story,
	// besides all its names. Default 12.
	IndexKeys int
	// MaxPosting skips index keys shared by more stories than this: they
	// pick out nothing, and would make retrieval cost grow with the window.
	// Default 150.
	MaxPosting int
	// MaxStories bounds the stories held, whatever their times (articles
	// without dates never age out). Default 50,000.
	MaxStories int

	// GapRelief softens the time discount when the names match: the
	// penalty is multiplied by 1 - GapRelief*cos(names), so an arrest or a
	// vigil weeks later that names the same people and places still joins,
	// while a look-alike event with other names is discounted in full.
	// Default 0.6, chosen on gva-stream-2013-2015; 0 turns it off.
	GapRelief float64
	// FurnitureTitle is the least share of its title's words that a body
	// copied from an earlier one must contain to count as the article: below
	// it the body is taken for page furniture (a sign-up wall served in
	// place of many articles), it makes no copy, and the article is read
	// from its title alone. Only bodies of at most FurnitureWords words are
	// checked. Defaults 0.2 and 200; 0 trusts every body.
	FurnitureTitle float64
	FurnitureWords int

	// Dedup configures copy detection; its window should equal Window.
	Dedup dedup.Config
}

// DefaultConfig returns the configuration used everywhere: server and eval.
func DefaultConfig() Config {
	dc := dedup.DefaultConfig()
	dc.Window = 30 * 24 * time.Hour
	return Config{
		Window:           30 * 24 * time.Hour,
		ThreadWindow:     60 * 24 * time.Hour,
		Threshold:        0.14,
		ThreadThreshold:  0.14,
		ThreadNames:      3,
		ThreadSpecific:   1,
		ThreadNameWeight: 0.6,
		RelatedMin:       0.25,
		WordWeight:       0.5,
		EntityWeight:     0.3,
		NumberWeight:     0.1,
		TitleWeight:      0.1,
		TimeScale:        3 * 24 * time.Hour,
		TimePenalty:      0.5,
		UnknownGap:       3 * 24 * time.Hour,
		DFDocs:           5000,
		Candidates:       15,
		CentroidTerms:    150,
		IndexKeys:        12,
		MaxPosting:       150,
		MaxStories:       50_000,
		GapRelief:        0.6,
		FurnitureTitle:   0.2,
		FurnitureWords:   200,
		Dedup:            dc,
	}
}

// centroid is a running sum of unit vectors with its squared norm, kept as
// a vector sorted by hash: compact, and compared with an article by a merge.
type centroid struct {
	t  vector
	n2 float64
}

// add sums v (sorted by hash) into the centroid. When the centroid holds
// more than twice limit terms, only the limit heaviest are kept: the tail of
// a long story's vocabulary adds little to a cosine, and unpruned it would
// make memory and cost grow with the story.
func (c *centroid) add(v vector, limit int) {
	out := make(vector, 0, len(c.t)+len(v))
	i, j := 0, 0
	for i < len(c.t) || j < len(v) {
		switch {
		case j == len(v) || i < len(c.t) && c.t[i].h < v[j].h:
			out = append(out, c.t[i])
			i++
		case i == len(c.t) || v[j].h < c.t[i].h:
			out = append(out, v[j])
			j++
		default:
			out = append(out, term{c.t[i].h, c.t[i].w + v[j].w})
			i++
			j++
		}
	}
	if limit > 0 && len(out) > 2*limit {
		slices.SortFunc(out, byWeight)
		out = append(vector(nil), out[:limit]...)
		slices.SortFunc(out, byHash)
	}
	c.t = out
	c.n2 = 0
	for _, t := range out {
		c.n2 += t.w * t.w
	}
}

// cos is the cosine between a unit vector sorted by hash and the centroid.
func (c *centroid) cos(v vector) float64 {
	if c.n2 <= 0 || len(v) == 0 {
		return 0
	}
	return dot(v, c.t) / math.Sqrt(c.n2)
}

// weight returns the centroid's weight for h.
func (c *centroid) weight(h uint64) float64 {
	i := sort.Search(len(c.t), func(i int) bool { return c.t[i].h >= h })
	if i < len(c.t) && c.t[i].h == h {
		return c.t[i].w
	}
	return 0
}

// dot multiplies two vectors sorted by hash.
func dot(a, b vector) float64 {
	var s float64
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i].h < b[j].h:
			i++
		case a[i].h > b[j].h:
			j++
		default:
			s += a[i].w * b[j].w
			i++
			j++
		}
	}
	return s
}

type story struct {
	id, thread   int64
	title        string
	first, last  time.Time // zero when no article had a time
	touched      int64     // sequence number of the last change, for MaxStories
	articles     int       // non-duplicate articles
	total        int       // articles, copies included, still counted in the document frequencies
	sources      map[int64]bool
	words, ents  centroid
	nums, titles centroid
	keys         map[uint64]bool // index keys the story is posted under
	names        map[uint64]string
}

// thread is a chain of stories; its centroids gather every story in it, so a
// new turn of a long-running topic can match the topic as a whole.
type thread struct {
	id          int64
	words, ents centroid
	stories     int // stories held in the thread
	articles    int // articles of its stories still counted in the document frequencies, copies included
}

type docRec struct {
	id      int64
	story   int64
	st      *story // the story, so its thread's count can drop when the article leaves the frequencies
	dupOf   int64
	dfTerms []uint64
}

// Clusterer is an online clusterer. It is not safe for concurrent use: one
// owner feeds it documents in time order.
type Clusterer struct {
	cfg     Config
	next    int64
	seq     int64
	newest  time.Time
	stories map[int64]*story
	threads map[int64]*thread
	posting map[uint64][]int64
	df      map[uint64]int
	dfQueue []docRec // the last DFDocs articles, oldest first
	docs    map[int64]*docRec
	copies  *dedup.Index
	// votes is scratch space for candidates, reused from article to article.
	votes map[int64]float64
}

// New returns an empty clusterer.
func New(cfg Config) *Clusterer {
	return &Clusterer{
		cfg:     cfg,
		next:    1,
		stories: map[int64]*story{},
		threads: map[int64]*thread{},
		posting: map[uint64][]int64{},
		df:      map[uint64]int{},
		docs:    map[int64]*docRec{},
		copies:  dedup.NewIndex(cfg.Dedup),
		votes:   map[int64]float64{},
	}
}

// prepared is a document weighted against the clusterer's current state.
type prepared struct {
	raw
	words, ents, nums, title vector // sorted by hash
	top                      vector // the heaviest IndexKeys words
	// furniture is set when the body copies an earlier body under an
	// unrelated title: a sign-up wall or a cookie notice, not the article.
	// The document is then read from its title alone.
	furniture bool
}

func (c *Clusterer) prepare(d Doc) prepared {
	r := extract(d)
	furniture := c.furniture(d, &r)
	if furniture {
		fp := r.fp
		d.Text, d.Translated = "", ""
		r = extract(d)
		r.fp = fp
	}
	n := float64(len(c.dfQueue))
	idf := func(h uint64) float64 {
		return math.Log((n + 2) / (float64(c.df[h]) + 1))
	}
	p := prepared{
		raw:   r,
		words: weigh(r.words, idf),
		ents:  weigh(r.ents, idf),
		nums:  weigh(r.nums, idf),
		title: weigh(r.title, unit),
	}
	p.top = heaviest(p.words, c.cfg.IndexKeys)
	p.furniture = furniture
	return p
}

// furniture reports whether d's body is page furniture rather than the
// article: many sites serve a sign-up wall or a notice in place of the
// text, and such bodies match each other across unrelated stories. The
// sign is a body that copies an earlier one yet hardly mentions its own
// title's words; a wire copy under a new headline still tells the story
// the headline names.
func (c *Clusterer) furniture(d Doc, r *raw) bool {
	if c.cfg.FurnitureTitle <= 0 || r.fp.Words > c.cfg.FurnitureWords {
		return false
	}
	if _, _, ok := c.copies.Find(r.fp); !ok {
		return false
	}
	title := raw{words: map[uint64]float64{}}
	scan(headline(d.Title), &title, true, false)
	if len(title.words) == 0 {
		return false
	}
	body := raw{words: map[uint64]float64{}}
	scan(d.Text, &body, true, false)
	shared := 0
	for h := range title.words {
		if body.words[h] > 0 {
			shared++
		}
	}
	return float64(shared) < c.cfg.FurnitureTitle*float64(len(title.words))
}

func unit(uint64) float64 { return 1 }

// Add assigns d to a story, creating one if none fits.
func (c *Clusterer) Add(d Doc) Assignment {
	p := c.prepare(d)
	a := c.decide(d, &p)
	c.apply(d, &p, a)
	return a
}

// Restore replays a stored decision after a restart, so the clusterer's
// state survives without being saved separately. Re-fed in their original
// order, the articles leave the clusterer exactly as Add left it.
func (c *Clusterer) Restore(d Doc, a Assignment) {
	if a.StoryID == 0 {
		return
	}
	p := c.prepare(d)
	if a.ThreadID == 0 {
		// Stored without a thread: keep the story's own.
		a.ThreadID = a.StoryID
		if s := c.stories[a.StoryID]; s != nil {
			a.ThreadID = s.thread
		}
	}
	c.apply(d, &p, a)
}

func (c *Clusterer) decide(d Doc, p *prepared) Assignment {
	if orig, _, ok := c.copies.Find(p.fp); ok && !p.furniture {
		if rec := c.docs[orig]; rec != nil && c.stories[rec.story] != nil {
			s := c.stories[rec.story]
			dup := orig
			if rec.dupOf != 0 {
				dup = rec.dupOf
			}
			return Assignment{StoryID: s.id, ThreadID: s.thread, DuplicateOf: dup, Score: 1}
		}
	}
	var best *story
	bestScore := math.Inf(-1)
	cands := c.candidates(p)
	for _, s := range cands {
		sc := c.score(d, p, s)
		if c.joinable(d, s) && (sc > bestScore || sc == bestScore && s.id < best.id) {
			best, bestScore = s, sc
		}
	}
	if best != nil && bestScore >= c.cfg.Threshold {
		a := Assignment{StoryID: best.id, ThreadID: best.thread, Score: bestScore}
		if th := c.threads[best.thread]; th != nil && th.id == best.id && th.stories == 1 {
			a.ThreadID = c.relink(best, th, cands)
		}
		return a
	}
	// A new story: does it continue the thread of one of the candidates?
	var bestThread *thread
	bestThreadScore := math.Inf(-1)
	seen := map[int64]bool{}
	for _, s := range cands {
		th := c.threads[s.thread]
		if th == nil || seen[th.id] {
			continue
		}
		seen[th.id] = true
		if !c.sharesThreadNames(p.ents, th, 0) {
			continue
		}
		tsc := c.threadScore(th.ents.cos(p.ents), th.words.cos(p.words))
		if tsc > bestThreadScore || tsc == bestThreadScore && th.id < bestThread.id {
			bestThread, bestThreadScore = th, tsc
		}
	}
	id := c.next
	a := Assignment{StoryID: id, NewStory: true, ThreadID: id}
	if best != nil {
		a.Score = bestScore
	}
	if bestThread != nil && bestThreadScore >= c.cfg.ThreadThreshold {
		a.ThreadID = bestThread.id
	}
	return a
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
	ents, words := &s.ents, &s.words
	var bestThread *thread
	bestScore := math.Inf(-1)
	for _, o := range cands {
		th := c.threads[o.thread]
		if th == nil || th == own {
			continue
		}
		if !c.sharesThreadNames(ents.t, th, s.total) {
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
func (c *Clusterer) sharesThreadNames(v vector, th *thread, own int) bool {
	if c.cfg.ThreadNames <= 0 {
		return true
	}
	limit := c.cfg.ThreadSpecific * float64(th.articles+own)
	n := 0
	for _, t := range v {
		if float64(c.df[t.h]) <= limit && th.ents.weight(t.h) > 0 {
			if n++; n >= c.cfg.ThreadNames {
				return true
			}
		}
	}
	return false
}

// threadScore combines the name and word cosines of a story or article
// with a thread, names above words: a thread continues when the same
// people and places come back, while look-alike events (two shootings in
// two cities) share words but not names.
func (c *Clusterer) threadScore(names, words float64) float64 {
	return c.cfg.ThreadNameWeight*names + (1-c.cfg.ThreadNameWeight)*words
}

// joinable reports whether s is recent enough for d to join.
func (c *Clusterer) joinable(d Doc, s *story) bool {
	if d.Time.IsZero() || s.last.IsZero() {
		return true
	}
	return gap(d.Time, s) <= c.cfg.Window
}

// gap is the time between t and the nearest article of s.
func gap(t time.Time, s *story) time.Duration {
	switch {
	case s.last.IsZero() || t.IsZero():
		return 0
	case t.Before(s.first):
		return s.first.Sub(t)
	case t.After(s.last):
		return t.Sub(s.last)
	}
	return 0
}

// score is the weighted sum of the cosines between d and the centroids of
// s, discounted by the time gap, the less the more their names agree.
func (c *Clusterer) score(d Doc, p *prepared, s *story) float64 {
	names := s.ents.cos(p.ents)
	sc := c.cfg.WordWeight*s.words.cos(p.words) +
		c.cfg.EntityWeight*names +
		c.cfg.NumberWeight*s.nums.cos(p.nums) +
		c.cfg.TitleWeight*s.titles.cos(p.title)
	g := gap(d.Time, s)
	if d.Time.IsZero() || s.last.IsZero() {
		g = c.cfg.UnknownGap
	}
	if g > 0 && c.cfg.TimeScale > 0 {
		pen := c.cfg.TimePenalty * (1 - c.cfg.GapRelief*names)
		sc /= 1 + pen*math.Log1p(float64(g)/float64(c.cfg.TimeScale))/math.Ln2
	}
	return sc
}

// indexKeys are the keys a document is looked up and posted under: all its
// names and its heaviest words.
func (c *Clusterer) indexKeys(p *prepared) []uint64 {
	keys := make([]uint64, 0, len(p.ents)+c.cfg.IndexKeys)
	for _, t := range p.ents {
		keys = append(keys, t.h)
	}
	for _, t := range p.top {
		keys = append(keys, t.h)
	}
	return keys
}

func (c *Clusterer) candidates(p *prepared) []*story {
	votes := c.votes
	clear(votes)
	vote := func(keys vector) {
		for _, t := range keys {
			ids := c.posting[t.h]
			if len(ids) > c.cfg.MaxPosting {
				continue
			}
			for _, id := range ids {
				votes[id] += t.w
			}
		}
	}
	vote(p.ents)
	vote(p.top)
	// Keep the Candidates best by votes, ties to the older story; a
	// partial insertion sort, since only a few of many are kept.
	type cand struct {
		id int64
		v  float64
	}
	better := func(a, b cand) bool { return a.v > b.v || a.v == b.v && a.id < b.id }
	k := c.cfg.Candidates
	list := make([]cand, 0, k+1)
	for id, v := range votes {
		cd := cand{id, v}
		if len(list) == k && !better(cd, list[k-1]) {
			continue
		}
		i := len(list)
		list = append(list, cd)
		for i > 0 && better(cd, list[i-1]) {
			list[i] = list[i-1]
			i--
		}
		list[i] = cd
		if len(list) > k {
			list = list[:k]
		}
	}
	out := make([]*story, 0, len(list))
	for _, cd := range list {
		if s := c.stories[cd.id]; s != nil {
			out = append(out, s)
		}
	}
	return out
}

// apply records d under a: the one place where state changes, shared by
// Add and Restore so that both leave the same state.
func (c *Clusterer) apply(d Doc, p *prepared, a Assignment) {
	c.seq++
	if a.StoryID >= c.next {
		c.next = a.StoryID + 1
	}
	if a.ThreadID >= c.next {
		c.next = a.ThreadID + 1
	}
	if d.Time.After(c.newest) {
		c.newest = d.Time
	}
	s := c.stories[a.StoryID]
	created := s == nil
	if created {
		s = &story{
			id: a.StoryID, thread: a.ThreadID, title: d.Title,
			sources: map[int64]bool{}, keys: map[uint64]bool{}, names: map[uint64]string{},
		}
		c.stories[s.id] = s
	}
	s.touched = c.seq
	if a.ThreadID != s.thread && c.threads[s.thread] != nil {
		c.move(s, a.ThreadID)
	}
	th := c.threads[s.thread]
	if th == nil {
		th = &thread{id: s.thread}
		c.threads[th.id] = th
	}
	if created {
		th.stories++
	}
	s.sources[d.Source] = true
	if !d.Time.IsZero() {
		if s.first.IsZero() || d.Time.Before(s.first) {
			s.first = d.Time
		}
		if d.Time.After(s.last) {
			s.last = d.Time
		}
	}
	if s.title == "" {
		s.title = d.Title
	}
	// Copies count too: document frequencies count them.
	s.total++
	th.articles++
	rec := &docRec{id: d.ID, story: s.id, st: s, dupOf: a.DuplicateOf}
	c.docs[d.ID] = rec
	if a.DuplicateOf == 0 {
		s.articles++
		s.words.add(p.words, c.cfg.CentroidTerms)
		s.ents.add(p.ents, c.cfg.CentroidTerms)
		s.nums.add(p.nums, c.cfg.CentroidTerms)
		s.titles.add(p.title, c.cfg.CentroidTerms)
		th.words.add(p.words, c.cfg.CentroidTerms)
		th.ents.add(p.ents, c.cfg.CentroidTerms)
		for _, k := range c.indexKeys(p) {
			if !s.keys[k] {
				s.keys[k] = true
				c.posting[k] = append(c.posting[k], s.id)
			}
		}
		for h, name := range p.shown {
			if _, ok := s.names[h]; !ok && len(s.names) < heldNames {
				s.names[h] = name
			}
		}
	}
	c.copies.Add(d.ID, p.fp, d.Time)

	// Document frequencies over the last DFDocs articles.
	terms := make([]uint64, 0, len(p.raw.words)+len(p.raw.ents)+len(p.raw.nums))
	for h := range p.raw.words {
		terms = append(terms, h)
	}
	for h := range p.raw.ents {
		terms = append(terms, h)
	}
	for h := range p.raw.nums {
		terms = append(terms, h)
	}
	for _, h := range terms {
		c.df[h]++
	}
	rec.dfTerms = terms
	c.dfQueue = append(c.dfQueue, *rec)
	for len(c.dfQueue) > c.cfg.DFDocs {
		old := c.dfQueue[0]
		for _, h := range old.dfTerms {
			if c.df[h]--; c.df[h] <= 0 {
				delete(c.df, h)
			}
		}
		// The article leaves the counts that sharesThreadNames weighs
		// against document frequencies.
		if st := old.st; st != nil {
			st.total--
			if th := c.threads[st.thread]; th != nil {
				th.articles--
			}
		}
		delete(c.docs, old.id)
		c.dfQueue[0] = docRec{}
		c.dfQueue = c.dfQueue[1:]
	}
	rec.dfTerms = nil
	if c.seq%128 == 0 {
		c.sweep()
	}
}

// sweep forgets stories older than ThreadWindow and, beyond MaxStories, the
// least recently changed ones.
func (c *Clusterer) sweep() {
	cutoff := c.newest.Add(-c.cfg.ThreadWindow)
	closed := c.newest.Add(-c.cfg.Window)
	var gone []*story
	for _, s := range c.stories {
		if !s.last.IsZero() && s.last.Before(cutoff) {
			gone = append(gone, s)
		} else if !s.last.IsZero() && s.last.Before(closed) && s.words.t != nil {
			// Too old to take articles: keep only what threads and
			// Related use (names, index keys), not the word centroids.
			s.words, s.nums, s.titles = centroid{}, centroid{}, centroid{}
		}
	}
	if over := len(c.stories) - len(gone) - c.cfg.MaxStories; over > 0 {
		var rest []*story
		for _, s := range c.stories {
			if s.last.IsZero() || !s.last.Before(cutoff) {
				rest = append(rest, s)
			}
		}
		sort.Slice(rest, func(i, j int) bool { return rest[i].touched < rest[j].touched })
		gone = append(gone, rest[:over]...)
	}
	for _, s := range gone {
		c.forget(s)
	}
	live := make(map[int64]bool, len(c.stories))
	for _, s := range c.stories {
		live[s.thread] = true
	}
	for id := range c.threads {
		if !live[id] {
			delete(c.threads, id)
		}
	}
}

// move takes story s out of its thread into thread id, with what it brought
// to its old thread. The old thread is dropped once no story is left in it.
func (c *Clusterer) move(s *story, id int64) {
	if old := c.threads[s.thread]; old != nil {
		if old.stories--; old.stories <= 0 {
			delete(c.threads, old.id)
		}
	}
	th := c.threads[id]
	if th == nil {
		th = &thread{id: id}
		c.threads[id] = th
	}
	th.stories++
	th.articles += s.total
	th.words.add(s.words.t, c.cfg.CentroidTerms)
	th.ents.add(s.ents.t, c.cfg.CentroidTerms)
	s.thread = id
}

func (c *Clusterer) forget(s *story) {
	delete(c.stories, s.id)
	if th := c.threads[s.thread]; th != nil {
		th.stories--
	}
	for k := range s.keys {
		ids := c.posting[k]
		if i := slices.Index(ids, s.id); i >= 0 {
			ids = slices.Delete(ids, i, i+1)
		}
		if len(ids) == 0 {
			delete(c.posting, k)
		} else {
			c.posting[k] = ids
		}
	}
	// Its articles may still be counted in the document frequencies (and
	// so in its thread's count) and point to it; keep only what that needs.
	s.words, s.ents, s.nums, s.titles = centroid{}, centroid{}, centroid{}, centroid{}
	s.keys, s.names, s.sources = nil, nil, nil
}
