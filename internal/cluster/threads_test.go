package cluster

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestTopicNames(t *testing.T) {
	t.Parallel()
	// a: 12 of the 20 recent articles naming it are the thread's, a topic
	// name; b: all 12; c: all, but only 3 (a small thread has none); d: 12
	// of 40, a name many threads carry (a city).
	const a, b, c, d, e = 1, 2, 3, 4, 5
	th := newThread(1)
	th.named = map[uint64]int{a: 12, b: 12, c: 3, d: 12}
	cl := New(DefaultConfig())
	cl.df = map[uint64]int{a: 20, b: 12, c: 3, d: 40, e: 5}
	vec := func(hs ...uint64) vector {
		var v vector
		for _, h := range hs {
			v = append(v, term{h, 1})
		}
		return v
	}
	tests := []struct {
		name  string
		v     vector
		share float64
		want  int
	}{
		{"two topic names", vec(a, b), 0.5, 2},
		{"small count and common name do not count", vec(a, c, d), 0.5, 1},
		{"a name the thread lacks", vec(e), 0.5, 0},
		{"a lower share admits the city", vec(a, b, d), 0.3, 3},
		{"off", vec(a, b), 0, 0},
	}
	for _, tt := range tests {
		cl.cfg.ThreadTopicShare = tt.share
		if diff := cmp.Diff(tt.want, cl.topicNames(tt.v, th)); diff != "" {
			t.Errorf("%s: topicNames (-want +got):\n%s", tt.name, diff)
		}
	}
}

func TestDistinctTopics(t *testing.T) {
	t.Parallel()
	// Names 1-4 are carried by 20 recent articles each, 5 by 40, 6 by 5.
	cl := New(DefaultConfig())
	cl.df = map[uint64]int{1: 20, 2: 20, 3: 20, 4: 20, 5: 40, 6: 5}
	thread := func(named map[uint64]int) *thread {
		th := newThread(1)
		th.named = named
		return th
	}
	tests := []struct {
		name string
		a, b map[uint64]int
		need int
		want bool
	}{
		{"two topics, two own names each", map[uint64]int{1: 15, 2: 12, 5: 12}, map[uint64]int{3: 15, 4: 11, 5: 12}, 2, true},
		{"one side has one own topic name", map[uint64]int{1: 15, 5: 12}, map[uint64]int{3: 15, 4: 11}, 2, false},
		{"a name both carry is not its own", map[uint64]int{1: 15, 2: 12}, map[uint64]int{2: 1, 3: 15, 4: 11}, 2, false},
		{"small threads have no topic names", map[uint64]int{1: 9, 2: 9}, map[uint64]int{3: 9, 4: 9}, 2, false},
		{"a common name is no topic name", map[uint64]int{1: 15, 5: 15}, map[uint64]int{3: 15, 4: 11}, 2, false},
		{"one own name each, guard at 1", map[uint64]int{1: 15, 6: 5}, map[uint64]int{3: 15}, 1, true},
		{"off", map[uint64]int{1: 15, 2: 12}, map[uint64]int{3: 15, 4: 11}, 0, false},
	}
	for _, tt := range tests {
		cl.cfg.ThreadMergeTopics = tt.need
		if got := cl.distinctTopics(thread(tt.a), thread(tt.b)); got != tt.want {
			t.Errorf("%s: distinctTopics = %v, want %v", tt.name, got, tt.want)
		}
		if got := cl.distinctTopics(thread(tt.b), thread(tt.a)); got != tt.want {
			t.Errorf("%s, the other way round: distinctTopics = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestProminent checks which names a thread gives prominently for a grown
// story's link (Config.ThreadSideNames): a name in a headline or lead of
// one of its stories, or carried by at least half of its counted
// articles, not one that one report of three names in its body (the
// demo's marathon naming the mayoral candidates in a side paragraph).
func TestProminent(t *testing.T) {
	t.Parallel()
	cl := New(DefaultConfig())
	const lead, half, side, absent = 1, 2, 3, 4 // name hashes
	th := newThread(1)
	th.articles = 3
	th.named = map[uint64]int{lead: 1, half: 2, side: 1}
	th.members[7] = &story{id: 7, leadNames: []nameCount{{leadName{name: lead}, 1}}}
	th.members[8] = &story{id: 8} // forgotten: its lead names are dropped
	tests := []struct {
		name string
		h    uint64
		want bool
	}{
		{"in a story's lead", lead, true},
		{"in two of three articles", half, true},
		{"in one article's body", side, false},
		{"not carried", absent, false},
	}
	for _, tt := range tests {
		if got := cl.prominent(th, tt.h); got != tt.want {
			t.Errorf("%s: prominent = %v, want %v", tt.name, got, tt.want)
		}
	}
	// A thread with no article counted any more gives nothing prominently
	// by the count (0 of 0 is not half).
	empty := newThread(2)
	if cl.prominent(empty, side) {
		t.Errorf("empty thread: prominent = true, want false")
	}
}

// TestThreadMerge feeds testdata/merge.json: a chemical leak (two reports,
// story 1), then a lawsuit over poisoned wells that names none of the
// leak's people or places (story 2, a thread of its own), then, weeks
// later, past the window for joining either story, one more report
// (story 3). A settlement that names both the leak's and the lawsuit's
// people continues one thread and shows the two are one; a look-alike
// settlement, word for word the same but with other names, merges nothing,
// nor does a report that names only two of the leak's names.
func TestThreadMerge(t *testing.T) {
	t.Parallel()
	docs, labels := loadFixture(t, "testdata/merge.json")
	const base = 3 // leak, leak, lawsuit
	last := map[string]Doc{}
	for i, d := range docs[base:] {
		last[labels[base+i]] = d
	}
	const leak, lawsuit, next = 1, 2, 3 // story IDs, in order of creation
	tests := []struct {
		name    string
		last    string // label of the fourth report
		noMerge bool   // Config.ThreadMerge 0
		// archiveNames sets Config.ArchiveNames when not 0.
		archiveNames int
		// wantMerged is the report's Assignment.MergedWith; want is the
		// thread of each story at the end.
		wantMerged int64
		want       map[int64]int64
	}{
		{
			// The lawsuit's thread is the better link (its centroid is one
			// report), the leak's the older: the merge keeps the leak's ID.
			name: "continues the lawsuit, merges the leak", last: "settlement",
			wantMerged: leak, want: map[int64]int64{leak: leak, lawsuit: leak, next: leak},
		},
		{
			name: "continues the leak, merges the lawsuit", last: "settlement-leak",
			wantMerged: lawsuit, want: map[int64]int64{leak: leak, lawsuit: leak, next: leak},
		},
		{
			// Its thread score with the lawsuit (0.148) passes ThreadMerge,
			// but it shares no three names with either thread, so it
			// continues neither and has nothing to merge.
			name: "look-alike with other names", last: "lookalike",
			want: map[int64]int64{leak: leak, lawsuit: lawsuit, next: next},
		},
		{
			// It continues the lawsuit and scores 0.19 with the leak's
			// thread, but names only two of its names (the plant's
			// owner and the town): the name check holds back the merge.
			// (It names three of the lawsuit's people and places, which
			// would rejoin the lawsuit's story; archiveNames keeps it a
			// story of its own, for the thread to be decided.)
			name: "two of the leak's names", last: "lawsuit-settled", archiveNames: 4,
			want: map[int64]int64{leak: leak, lawsuit: lawsuit, next: lawsuit},
		},
		{
			name: "merging off", last: "settlement", noMerge: true,
			want: map[int64]int64{leak: leak, lawsuit: lawsuit, next: lawsuit},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cfg := DefaultConfig()
			if tt.noMerge {
				cfg.ThreadMerge = 0
			}
			if tt.archiveNames != 0 {
				cfg.ArchiveNames = tt.archiveNames
			}
			stream := append(append([]Doc(nil), docs[:base]...), last[tt.last])
			c := New(cfg)
			as := make([]Assignment, len(stream))
			for i, d := range stream {
				as[i] = c.Add(d)
			}
			type pick struct{ Story, Thread, Merged int64 }
			picks := func(as []Assignment) []pick {
				var out []pick
				for _, a := range as {
					out = append(out, pick{a.StoryID, a.ThreadID, a.MergedWith})
				}
				return out
			}
			// Without two threads before the fourth report there is
			// nothing to merge.
			if diff := cmp.Diff([]pick{{leak, leak, 0}, {leak, leak, 0}, {lawsuit, lawsuit, 0}}, picks(as[:base])); diff != "" {
				t.Fatalf("leak and lawsuit (-want +got):\n%s", diff)
			}
			a := as[base]
			if !a.NewStory || a.StoryID != next {
				t.Fatalf("fourth report: %+v; want new story %d, weeks past the others", a, next)
			}
			if a.MergedWith != tt.wantMerged {
				t.Errorf("MergedWith = %d, want %d (%+v)", a.MergedWith, tt.wantMerged, a)
			}
			threads := func(c *Clusterer) map[int64]int64 {
				m := map[int64]int64{}
				for id := range tt.want {
					m[id] = c.ThreadOf(id)
				}
				return m
			}
			if diff := cmp.Diff(tt.want, threads(c)); diff != "" {
				t.Errorf("ThreadOf by story (-want +got):\n%s", diff)
			}

			// A restart replays the assignments, either as Add returned
			// them or with each story's final thread, as the pipeline
			// stores it; both must end where Add did.
			replays := map[string]func(Assignment) Assignment{
				"as returned": func(a Assignment) Assignment { return a },
				"as stored": func(a Assignment) Assignment {
					return Assignment{StoryID: a.StoryID, ThreadID: tt.want[a.StoryID], DuplicateOf: a.DuplicateOf}
				},
			}
			for name, stored := range replays {
				r := New(cfg)
				for i, d := range stream {
					r.Restore(d, stored(as[i]))
				}
				if diff := cmp.Diff(tt.want, threads(r)); diff != "" {
					t.Errorf("replayed %s: ThreadOf by story (-want +got):\n%s", name, diff)
				}
				if diff := cmp.Diff(c.Stats(), r.Stats()); diff != "" {
					t.Errorf("replayed %s: state differs (-Add +Restore):\n%s", name, diff)
				}
			}
		})
	}
}

func TestVoteThread(t *testing.T) {
	t.Parallel()
	at := time.Date(2005, 3, 1, 0, 0, 0, 0, time.UTC)
	// The article names 1, 2 and 3 and six names of its own; each thread
	// names 1, 2 and 3 among 45, so its thread score is 0.6/√45 = 0.089,
	// below the link threshold, above the vote floor.
	article := vector{}
	for _, h := range []uint64{1, 2, 3, 30, 31, 32, 33, 34, 35} {
		article = append(article, term{h, 1.0 / 3})
	}
	names := vector{{1, 1}, {2, 1}, {3, 1}}
	for h := uint64(100); len(names) < 45; h++ {
		names = append(names, term{h, 1})
	}
	const a, b = 10, 20 // thread IDs
	tests := []struct {
		name      string
		a, b      int // candidate stories in threads a and b
		votes     int
		floor     float64
		carriers  int // recent articles naming 1, 2 and 3
		quietDays int // days since thread a's last article
		want      int64
	}{
		{name: "three candidates in one thread", a: 3, b: 1, votes: 3, floor: 0.07, carriers: 3, want: a},
		{name: "two are not enough", a: 2, b: 2, votes: 3, floor: 0.07, carriers: 3},
		{name: "the most votes win", a: 3, b: 4, votes: 3, floor: 0.07, carriers: 3, want: b},
		{name: "a tie goes to the older thread", a: 3, b: 3, votes: 3, floor: 0.07, carriers: 3, want: a},
		{name: "score below the floor", a: 3, votes: 3, floor: 0.1, carriers: 3},
		{name: "names many others carry", a: 5, votes: 3, floor: 0.07, carriers: 40},
		{name: "a quiet thread", a: 3, votes: 3, floor: 0.07, carriers: 3, quietDays: 31},
		{name: "off", a: 5, votes: 0, floor: 0.07, carriers: 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cfg := DefaultConfig()
			cfg.ThreadVotes, cfg.ThreadVoteScore = tt.votes, tt.floor
			c := New(cfg)
			c.df = map[uint64]int{1: tt.carriers, 2: tt.carriers, 3: tt.carriers}
			var cands []*story
			for _, g := range []struct {
				id int64
				n  int
			}{{a, tt.a}, {b, tt.b}} {
				th := newThread(g.id)
				th.ents.add(names, 0)
				th.articles = 5
				th.last = at.AddDate(0, 0, -1)
				if g.id == a {
					th.last = at.AddDate(0, 0, -tt.quietDays)
				}
				c.threads[g.id] = th
				for i := range g.n {
					cands = append(cands, &story{id: g.id + int64(i), thread: g.id})
				}
			}
			p := &prepared{ents: article}
			if diff := cmp.Diff(tt.want, c.voteThread(at, p, cands)); diff != "" {
				t.Errorf("voteThread (-want +got):\n%s", diff)
			}
		})
	}
}

func TestWeakThread(t *testing.T) {
	t.Parallel()
	at := time.Date(2005, 3, 1, 0, 0, 0, 0, time.UTC)
	// The article names 1, 2, 3 and six names of its own. Thread i (ID
	// 10·i) names 1, 2, 3 among 45-i names, so the higher the ID the
	// better the score: 0.6/√44 = 0.090 for thread 10, 0.092 for 20, 0.093
	// for 30, 0.094 for 40, all below the link threshold.
	article := vector{}
	for _, h := range []uint64{1, 2, 3, 30, 31, 32, 33, 34, 35} {
		article = append(article, term{h, 1.0 / 3})
	}
	tests := []struct {
		name      string
		threads   int // candidate threads, one story each
		links     int
		floor     float64
		carriers  int // recent articles naming 1, 2 and 3; each thread counts 5
		quietDays int // days since the best thread's last article
		want      int64
	}{
		{name: "three weak links, the best wins", threads: 3, links: 3, floor: 0.05, carriers: 3, want: 30},
		{name: "four", threads: 4, links: 3, floor: 0.05, carriers: 3, want: 40},
		{name: "two are not enough", threads: 2, links: 3, floor: 0.05, carriers: 3},
		{name: "score below the floor", threads: 4, links: 3, floor: 0.1, carriers: 3},
		{name: "names many others carry", threads: 4, links: 3, floor: 0.05, carriers: 40},
		{name: "the best is quiet, three others remain", threads: 4, links: 3, floor: 0.05, carriers: 3, quietDays: 31, want: 30},
		{name: "off", threads: 4, links: 0, floor: 0.05, carriers: 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cfg := DefaultConfig()
			cfg.ThreadWeakLinks, cfg.ThreadWeakScore = tt.links, tt.floor
			c := New(cfg)
			c.df = map[uint64]int{1: tt.carriers, 2: tt.carriers, 3: tt.carriers}
			var cands []*story
			for i := 1; i <= tt.threads; i++ {
				id := int64(10 * i)
				names := vector{{1, 1}, {2, 1}, {3, 1}}
				for h := uint64(100); len(names) < 45-i; h++ {
					names = append(names, term{h, 1})
				}
				th := newThread(id)
				th.ents.add(names, 0)
				th.articles = 5
				th.last = at.AddDate(0, 0, -1)
				if i == tt.threads {
					th.last = at.AddDate(0, 0, -tt.quietDays)
				}
				c.threads[id] = th
				cands = append(cands, &story{id: id, thread: id})
			}
			p := &prepared{ents: article}
			if diff := cmp.Diff(tt.want, c.weakThread(at, p, cands)); diff != "" {
				t.Errorf("weakThread (-want +got):\n%s", diff)
			}
		})
	}
}
