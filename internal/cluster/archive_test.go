package cluster

import (
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// archiveStream is a shooting report, then filler reports of other events
// (each with people and places of its own, and the words "close" and
// "image" in lower case), one every fillEvery for span, then follow.
func archiveStream(t0 time.Time, span time.Duration, follow Doc) []Doc {
	docs := []Doc{{
		ID: 1, Source: 1, Time: t0, Title: "Two killed in Riverton shooting",
		Text: "Two men were killed outside the Copper Kettle Tavern on Alder Lane in Riverton on Saturday. " +
			"Police named the victims as Tomas Ferreira and Oren Whitlock. Chief Lena Brandt said a suspect fled. " +
			"The first on the scene were Officer Dana Pruitt and Sergeant Omar Velez. " +
			"Brandt asked witnesses to call. Close Image.",
	}}
	const fillEvery = 8 * time.Hour
	for i := 1; time.Duration(i)*fillEvery < span; i++ {
		docs = append(docs, Doc{
			ID: int64(i + 1), Source: int64(2 + i%5), Time: t0.Add(time.Duration(i) * fillEvery),
			Title: fmt.Sprintf("Council of Town%d meets", i),
			Text: fmt.Sprintf("Members of the Town%d council met Mayor Ann%d Lee%d to discuss budget item %d. "+
				"Residents came close to the stage to see an image of the plan for Park%d Road.", i, i, i, i, i),
		})
	}
	follow.ID = int64(len(docs) + 1)
	follow.Time = t0.Add(span)
	return append(docs, follow)
}

// sentencing names the victims, the suspect and the place of the Riverton
// shooting; without all, only some of them.
func sentencing(all bool) Doc {
	d := Doc{Source: 9, Title: "Man sentenced in Riverton killings",
		Text: "A man was sentenced to life on Tuesday for the killings of Tomas Ferreira and Oren Whitlock."}
	if all {
		d.Text += " The two were shot outside the Copper Kettle on Alder Lane in Riverton."
	}
	return d
}

// TestRejoin checks that a late follow-up naming the story's people and
// places again rejoins it, held past the join window or forgotten, and
// that too few names, names of common words, two-word names that make
// up one name, a follow-up past the archive window or the archive turned
// off start a new story.
func TestRejoin(t *testing.T) {
	t.Parallel()
	t0 := time.Date(2024, 3, 2, 9, 0, 0, 0, time.UTC)
	// Shares with the first report "Close Image" (common words: the
	// filler writes both in lower case) and the two victims' names: three
	// two-word names, but one of them not a name.
	furniture := Doc{Source: 9, Title: "Man sentenced in Riverton killings",
		Text: "Close Image. A man was sentenced to life on Tuesday for the killings of Tomas Ferreira and Oren Whitlock."}
	// Shares four two-word names, but "Officer Dana" and "Dana Pruitt"
	// are one person, and so are "Sergeant Omar" and "Omar Velez": two
	// names.
	twoPeople := Doc{Source: 9, Title: "Officers honoured in Riverton",
		Text: "The city honoured Officer Dana Pruitt and Sergeant Omar Velez on Tuesday for their work."}
	// Shares three two-word names, three whole names: the two victims
	// and the street.
	threeNames := Doc{Source: 9, Title: "Man sentenced in Riverton killings",
		Text: "A man was sentenced to life on Tuesday for the killings of Tomas Ferreira and Oren Whitlock on Alder Lane."}
	// The same, and the name of a filler report's mayor: it names the
	// people of two stories.
	mixed := threeNames
	mixed.Text += " Mayor Ann1 Lee1 spoke after the hearing."
	mixedOff := DefaultConfig()
	mixedOff.ArchiveMixedNames = 0
	off := DefaultConfig()
	off.ArchiveWindow = 0
	pairs := DefaultConfig()
	pairs.ArchiveWholeNames = 0
	tests := []struct {
		name   string
		cfg    Config
		span   time.Duration
		follow Doc
		want   bool // rejoins story 1
	}{
		{"held past the window", DefaultConfig(), 45 * 24 * time.Hour, sentencing(true), true},
		{"forgotten", DefaultConfig(), 200 * 24 * time.Hour, sentencing(true), true},
		{"too few names", DefaultConfig(), 200 * 24 * time.Hour, sentencing(false), false},
		{"three names in three pairs", DefaultConfig(), 200 * 24 * time.Hour, threeNames, true},
		{"three names and another story's", DefaultConfig(), 200 * 24 * time.Hour, mixed, false},
		{"three names and another story's, no stricter count", mixedOff, 200 * 24 * time.Hour, mixed, true},
		{"common words", DefaultConfig(), 200 * 24 * time.Hour, furniture, false},
		{"two people in four pairs", DefaultConfig(), 200 * 24 * time.Hour, twoPeople, false},
		{"two people counted by pairs", pairs, 200 * 24 * time.Hour, twoPeople, true},
		// A sentencing twenty months on, as a trial's often comes: a
		// one-year archive forgot the story (ecbplus-dev's death sentence
		// and conviction, 616 and 642 days after their story).
		{"a sentencing twenty months on", DefaultConfig(), 600 * 24 * time.Hour, sentencing(true), true},
		{"past the archive window", DefaultConfig(), 800 * 24 * time.Hour, sentencing(true), false},
		{"archive off", off, 200 * 24 * time.Hour, sentencing(true), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			stream := archiveStream(t0, tt.span, tt.follow)
			c := New(tt.cfg)
			var as []Assignment
			for _, d := range stream {
				as = append(as, c.Add(d))
			}
			last := as[len(as)-1]
			if got := last.StoryID == 1; got != tt.want {
				t.Fatalf("follow-up assigned %+v; rejoins story 1 = %v, want %v", last, got, tt.want)
			}
			if tt.want && (last.NewStory || last.ThreadID != c.ThreadOf(1)) {
				t.Errorf("follow-up %+v: want an old story in its thread %d", last, c.ThreadOf(1))
			}
			// The story runs from the shooting to the follow-up, under
			// its first title, revived rather than begun again.
			if info, ok := c.Story(1); tt.want && (!ok || info.First != t0 || info.Last != stream[len(stream)-1].Time || info.Title != stream[0].Title) {
				t.Errorf("story 1 after the follow-up: %+v (held %v)", info, ok)
			}
		})
	}
}

// TestRestoreRejoin checks that Restore replays a rejoin, of a forgotten
// story in particular: re-fed with the stored assignments, the clusterer
// holds the same state, and decides every later article as before,
// whatever the cut.
func TestRestoreRejoin(t *testing.T) {
	t.Parallel()
	t0 := time.Date(2024, 3, 2, 9, 0, 0, 0, time.UTC)
	stream := archiveStream(t0, 200*24*time.Hour, sentencing(true))
	// A second follow-up a day later joins the revived story the usual way.
	next := sentencing(true)
	next.ID, next.Time, next.Title = int64(len(stream)+1), stream[len(stream)-1].Time.Add(24*time.Hour), "Riverton family speaks after sentencing"
	stream = append(stream, next)
	whole := New(DefaultConfig())
	var want []Assignment
	for _, d := range stream {
		want = append(want, whole.Add(d))
	}
	revived := len(stream) - 2
	if want[revived].StoryID != 1 || want[revived+1].StoryID != 1 {
		t.Fatalf("follow-ups %+v, %+v: want both in story 1", want[revived], want[revived+1])
	}
	if whole.Stats().Archived == 0 {
		t.Fatal("nothing archived: the test checks nothing")
	}
	for _, cut := range []int{revived - 1, revived + 1, len(stream)} {
		t.Run(fmt.Sprintf("cut %d", cut), func(t *testing.T) {
			t.Parallel()
			before := New(DefaultConfig())
			r := New(DefaultConfig())
			for i, d := range stream[:cut] {
				before.Add(d)
				r.Restore(d, want[i])
			}
			if diff := cmp.Diff(before.Stats(), r.Stats()); diff != "" {
				t.Errorf("state after restart differs (-before +after):\n%s", diff)
			}
			got := append([]Assignment(nil), want[:cut]...)
			for _, d := range stream[cut:] {
				got = append(got, r.Add(d))
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("assignments after restart differ (-want +got):\n%s", diff)
			}
			if got, want := r.ThreadOf(1), whole.ThreadOf(1); got != want {
				t.Errorf("ThreadOf(1) = %d after restart, want %d", got, want)
			}
		})
	}
}

// TestArchiveBounded checks that the archive holds only the stories of
// the last ArchiveWindow, and at most ArchiveStories of them.
func TestArchiveBounded(t *testing.T) {
	t.Parallel()
	t0 := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name   string
		window time.Duration
		most   int
		limit  int // stories archived at the end, at most
	}{
		// 2 stories a day: forgotten after 60 days, kept 100 more days,
		// plus a sweep's worth (128 articles).
		{"window", 160 * 24 * time.Hour, 100_000, 2*100 + 128},
		{"count", 365 * 24 * time.Hour, 50, 50},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cfg := DefaultConfig()
			cfg.ArchiveWindow, cfg.ArchiveStories = tt.window, tt.most
			c := New(cfg)
			for i := range 1000 {
				c.Add(Doc{
					ID: int64(i + 1), Time: t0.Add(time.Duration(i) * 12 * time.Hour),
					Title: fmt.Sprintf("Fire at Mill%d", i),
					Text:  fmt.Sprintf("A fire hit the Mill%d Works on Quay%d Street. Chief Ann%d Lee%d said Lee%d saw it.", i, i, i, i, i),
				})
			}
			if got := c.Stats().Archived; got > tt.limit || got < tt.limit/4 {
				t.Errorf("archived %d stories, want at most %d (and some)", got, tt.limit)
			}
		})
	}
}

// TestWholeNames checks that two-word names sharing a word count as one
// name, however they are ordered.
func TestWholeNames(t *testing.T) {
	t.Parallel()
	pair := func(a, b string) pairWords {
		return pairWords{first: hashStr(kindEntity, a), last: hashStr(kindEntity, b)}
	}
	tests := []struct {
		name  string
		pairs []pairWords
		want  int
	}{
		{"none", nil, 0},
		{"apart", []pairWords{pair("tomas", "ferreira"), pair("oren", "whitlock"), pair("alder", "lane")}, 3},
		{"three-word name", []pairWords{pair("house", "budget"), pair("budget", "committee")}, 1},
		{"title and name", []pairWords{pair("representative", "paul"), pair("paul", "ryan"), pair("copper", "kettle")}, 2},
		// The middle pair comes last and joins two names counted apart.
		{"linked late", []pairWords{pair("lake", "county"), pair("county", "sheriff"), pair("dana", "reyes"), pair("sheriff", "dana")}, 1},
		{"same pair twice", []pairWords{pair("oren", "whitlock"), pair("oren", "whitlock")}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := wholeNames(tt.pairs); got != tt.want {
				t.Errorf("wholeNames = %d, want %d", got, tt.want)
			}
		})
	}
}

// TestPairsKeptWithoutArchive checks that a story keeps its two-word
// names, which sharesThreadNames reads through storyPair, with rejoining
// off and for undated articles too, and that only rejoining indexes them.
func TestPairsKeptWithoutArchive(t *testing.T) {
	t.Parallel()
	off := DefaultConfig()
	off.ArchiveWindow = 0
	d := Doc{ID: 1, Source: 1, Title: "Riverton honours its officers",
		Text: "The city honoured Officer Dana Pruitt and Sergeant Omar Velez for their work."}
	dated := d
	dated.Time = time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name    string
		cfg     Config
		doc     Doc
		indexed bool
	}{
		{"archive off", off, dated, false},
		{"archive off, undated", off, d, false},
		{"archive on, undated", DefaultConfig(), d, true},
		{"archive on", DefaultConfig(), dated, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := New(tt.cfg)
			a := c.Add(tt.doc)
			s := c.stories[a.StoryID]
			if s == nil || len(s.pairs) == 0 {
				t.Fatalf("story %d keeps no two-word names", a.StoryID)
			}
			if f, l, ok := s.storyPair(s.pairs[0].h); !ok || f == 0 || l == 0 {
				t.Errorf("storyPair(%d) = %d, %d, %v; want its two words", s.pairs[0].h, f, l, ok)
			}
			if got := len(c.archIndex) > 0; got != tt.indexed {
				t.Errorf("archive index filled = %v, want %v", got, tt.indexed)
			}
		})
	}
}

// TestReviveThread checks that a forgotten story's thread is kept while
// the archive holds the story, so that a late follow-up reviving it
// continues that thread, counted as holding the story again, rather than
// an empty thread under the same ID; and that the thread goes once the
// archive lets the story go.
func TestReviveThread(t *testing.T) {
	t.Parallel()
	t0 := time.Date(2024, 3, 2, 9, 0, 0, 0, time.UTC)
	stream := archiveStream(t0, 200*24*time.Hour, sentencing(true))
	c := New(DefaultConfig())
	for _, d := range stream[:len(stream)-1] {
		c.Add(d)
	}
	if _, held := c.stories[1]; held {
		t.Fatal("story 1 still held: the test checks nothing")
	}
	th := c.threads[1]
	if th == nil || th.members[1] == nil || th.stories != 0 {
		t.Fatalf("thread 1 while story 1 is archived: %+v, want it kept with story 1 as its only member and no story held", th)
	}
	if th.words.t != nil || th.ents.t != nil || len(th.named) != 0 {
		t.Errorf("thread 1 while story 1 is archived keeps centroids or names: %+v, want its ID and members only", th)
	}
	a := c.Add(stream[len(stream)-1])
	if a.StoryID != 1 || a.ThreadID != 1 {
		t.Fatalf("follow-up assigned %+v, want story 1 in thread 1", a)
	}
	if got := c.threads[1]; got != th || got.stories != 1 || got.members[1] != c.stories[1] {
		t.Errorf("thread 1 after the revival: %+v, want the same thread holding story 1", got)
	}

	// Past the archive window, with no article counted, the story and
	// its thread go.
	cfg := DefaultConfig()
	cfg.DFDocs = 100
	off := New(cfg)
	for _, d := range archiveStream(t0, 800*24*time.Hour, sentencing(false)) {
		off.Add(d)
	}
	if th := off.threads[1]; th != nil {
		t.Errorf("thread 1 past the archive window: %+v, want it dropped", th)
	}
}

// coreStream is a shooting reported by reports outlets on one day, each
// in its own words but all naming the accused and the plant, then filler
// reports of other events, others of them naming the accused too, one
// every eight hours for span, then follow.
func coreStream(t0 time.Time, reports, others int, span time.Duration, follow Doc) []Doc {
	leads := []string{
		"Two workers were shot dead at a bakery plant on Thursday night.",
		"A gunwoman opened fire during a late shift, killing two colleagues.",
		"Investigators spent the night collecting shell casings from the loading dock.",
		"Neighbours described hearing several shots before sirens filled the street.",
		"The company closed its gates on Friday and offered counselling to staff.",
		"Union leaders asked why a suspended worker could return to the site.",
		"Prosecutors filed two counts of murder and one of attempted murder.",
		"Relatives of the victims gathered outside the courthouse on Saturday.",
		"A vigil drew hundreds of mourners to the parish hall nearby.",
		"The mayor promised a review of security at factories across the city.",
	}
	var docs []Doc
	for i := range reports {
		docs = append(docs, Doc{
			ID: int64(i + 1), Source: int64(i + 1), Time: t0.Add(time.Duration(i) * time.Hour),
			Title: "Kraftwell Mills shooting: two dead",
			Text: leads[i%len(leads)] + " Police charged Marla Quence over the killings at Kraftwell Mills. " +
				leads[(i+3)%len(leads)],
		})
	}
	const fillEvery = 8 * time.Hour
	for i := 1; time.Duration(i)*fillEvery < span; i++ {
		d := Doc{
			ID: int64(len(docs) + 1), Source: int64(20 + i%5), Time: t0.Add(time.Duration(i) * fillEvery),
			Title: fmt.Sprintf("Council of Town%d meets", i),
			Text: fmt.Sprintf("Members of the Town%d council met Mayor Ann%d Lee%d to discuss budget item %d. "+
				"Residents came to see the plan for Park%d Road.", i, i, i, i, i),
		}
		if i <= others {
			d.Text += " A speaker mentioned Marla Quence of Kraftwell Mills."
		}
		docs = append(docs, d)
	}
	follow.ID = int64(len(docs) + 1)
	follow.Time = t0.Add(span)
	return append(docs, follow)
}

// TestRejoinCoreNames checks ArchiveCore: a hearing months on that names
// only the accused and the plant, the two names every report of a story
// of eight gave, rejoins it; it does not when the story has fewer
// reports, when other reports name them as often, or with the rule off
// (three names are needed then).
func TestRejoinCoreNames(t *testing.T) {
	t.Parallel()
	t0 := time.Date(2010, 9, 9, 20, 0, 0, 0, time.UTC)
	// Three two-word names ("Judge Ruth Okafor" is one), two of them the
	// story's.
	hearing := Doc{Source: 40, Title: "Accused Kraftwell Mills killer held for trial",
		Text: "Judge Ruth Okafor ordered Marla Quence held for trial on Tuesday over the shootings at Kraftwell Mills."}
	tests := []struct {
		name            string
		core, share     int // ArchiveCore, ArchiveCoreShare
		reports, others int
		want            bool // rejoins story 1
	}{
		{"eight reports", 2, 3, 8, 0, true},
		{"eight reports, two others", 2, 3, 8, 2, true},
		{"rule off", 0, 3, 8, 0, false},
		{"three reports", 2, 3, 3, 0, false},
		{"eight reports, three others", 2, 3, 8, 3, false},
		{"eight reports, three others, share not checked", 2, 0, 8, 3, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			stream := coreStream(t0, tt.reports, tt.others, 90*24*time.Hour, hearing)
			cfg := DefaultConfig()
			cfg.ArchiveCore, cfg.ArchiveCoreShare = tt.core, tt.share
			c := New(cfg)
			var as []Assignment
			for _, d := range stream {
				as = append(as, c.Add(d))
			}
			for i := range tt.reports {
				if as[i].StoryID != 1 {
					t.Fatalf("report %d assigned %+v: want story 1", i+1, as[i])
				}
			}
			for i, a := range as[tt.reports : len(as)-1] {
				if a.StoryID == 1 {
					t.Fatalf("filler %d joined story 1", i+1)
				}
			}
			last := as[len(as)-1]
			if got := last.StoryID == 1; got != tt.want {
				t.Errorf("hearing assigned %+v; rejoins story 1 = %v, want %v", last, got, tt.want)
			}
		})
	}
}
