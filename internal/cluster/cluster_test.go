package cluster

import (
	"encoding/json"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

type fixture struct {
	ID     int64     `json:"id"`
	Story  string    `json:"story"`
	Time   time.Time `json:"time"`
	Lang   string    `json:"lang"`
	Source int64     `json:"source"`
	Title  string    `json:"title"`
	Text   string    `json:"text"`
}

// loadStream reads the fixture stream: its documents in order and the gold
// story of each.
func loadStream(tb testing.TB) ([]Doc, []string) {
	tb.Helper()
	return loadFixture(tb, "testdata/stream.json")
}

// loadFixture reads a stream of fixtures from path: its documents in order
// and the gold story of each.
func loadFixture(tb testing.TB, path string) ([]Doc, []string) {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	var fx []fixture
	if err := json.Unmarshal(b, &fx); err != nil {
		tb.Fatal(err)
	}
	docs := make([]Doc, len(fx))
	gold := make([]string, len(fx))
	for i, f := range fx {
		docs[i] = Doc{ID: f.ID, Title: f.Title, Text: f.Text, Lang: f.Lang, Source: f.Source, Time: f.Time}
		gold[i] = f.Story
	}
	return docs, gold
}

// groups maps each gold story to the predicted story IDs of its articles.
func groups(as []Assignment, gold []string) map[string][]int64 {
	out := map[string][]int64{}
	for i, a := range as {
		out[gold[i]] = append(out[gold[i]], a.StoryID)
	}
	return out
}

func TestStream(t *testing.T) {
	t.Parallel()
	docs, gold := loadStream(t)
	c := New(DefaultConfig())
	as := make([]Assignment, len(docs))
	for i, d := range docs {
		as[i] = c.Add(d)
	}
	// Each gold story gets one predicted story, and no two share one:
	// two look-alike shootings on the same day in two cities stay apart,
	// and the Spanish report of the quake joins the English one through
	// names and numbers alone.
	want := map[string][]int64{
		"toledo":  {1, 1, 1, 1},
		"memphis": {2, 2},
		"quake":   {3, 3},
		"budget":  {4},
	}
	if diff := cmp.Diff(want, groups(as, gold)); diff != "" {
		t.Errorf("stories (-want +got):\n%s", diff)
	}
	if as[8].DuplicateOf != 5 {
		t.Errorf("wire copy: DuplicateOf = %d, want 5", as[8].DuplicateOf)
	}
	for i, a := range as[:8] {
		if a.DuplicateOf != 0 {
			t.Errorf("article %d marked as a copy of %d", i+1, a.DuplicateOf)
		}
	}
	info, ok := c.Story(1)
	if !ok || info.Articles != 3 || info.Sources != 4 || info.Title != docs[0].Title {
		t.Errorf("Story(1) = %+v, %v; want 3 articles (one copy not counted), 4 sources, first title", info, ok)
	}
}

func TestCrossLingual(t *testing.T) {
	t.Parallel()
	docs, _ := loadStream(t)
	es, en := docs[5], docs[6]
	translated := es
	translated.Translated = "Earthquake of magnitude 6.4 shakes Oaxaca\n" +
		"An earthquake of magnitude 6.4 shook the state of Oaxaca on Sunday morning, according to the National Seismological Service. " +
		"The epicentre was located 35 kilometres from Pinotepa Nacional. Governor Salomón Jara reported 3 dead and 120 damaged homes. " +
		"Civil Protection evacuated schools and hospitals in Pinotepa Nacional and Puerto Escondido while it reviews the damage."
	tests := []struct {
		name string
		doc  Doc
	}{
		{"names and numbers only", es},
		{"with a translation", translated},
	}
	var scores []float64
	for _, tt := range tests {
		c := New(DefaultConfig())
		c.Add(en)
		a := c.Add(tt.doc)
		if a.NewStory || a.StoryID != 1 {
			t.Errorf("%s: assignment %+v, want to join story 1", tt.name, a)
		}
		scores = append(scores, a.Score)
	}
	if scores[1] <= scores[0] {
		t.Errorf("translation did not raise the score: %.3f without, %.3f with", scores[0], scores[1])
	}
}

func TestRestore(t *testing.T) {
	t.Parallel()
	docs, _ := loadStream(t)
	// A longer stream: the fixture three times, nine days apart and with
	// new IDs, so stories, threads and copies all recur.
	var stream []Doc
	for round := range 3 {
		for _, d := range docs {
			d.ID += int64(round * 100)
			d.Time = d.Time.Add(time.Duration(round) * 9 * 24 * time.Hour)
			stream = append(stream, d)
		}
	}
	whole := New(DefaultConfig())
	var want []Assignment
	for _, d := range stream {
		want = append(want, whole.Add(d))
	}
	for _, cut := range []int{1, 5, 9, 14, 20} {
		t.Run(fmt.Sprintf("cut %d", cut), func(t *testing.T) {
			t.Parallel()
			before := New(DefaultConfig())
			var stored []Assignment
			for _, d := range stream[:cut] {
				stored = append(stored, before.Add(d))
			}
			restarted := New(DefaultConfig())
			for i, d := range stream[:cut] {
				restarted.Restore(d, stored[i])
			}
			if diff := cmp.Diff(before.Stats(), restarted.Stats()); diff != "" {
				t.Errorf("state after restart differs (-before +after):\n%s", diff)
			}
			got := append([]Assignment(nil), stored...)
			for _, d := range stream[cut:] {
				got = append(got, restarted.Add(d))
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("assignments after restart differ (-want +got):\n%s", diff)
			}
		})
	}
}

func TestThreadsAndRelated(t *testing.T) {
	t.Parallel()
	docs, _ := loadStream(t)
	c := New(DefaultConfig())
	for _, d := range docs {
		c.Add(d)
	}
	// A follow-up weeks later: the trial of the Toledo suspect. Too late to
	// join the story, close enough in names to continue its thread.
	follow := Doc{
		ID: 50, Time: docs[0].Time.Add(40 * 24 * time.Hour), Source: 1, Lang: "en",
		Title: "Trial opens in Toledo Blue Anchor bar shooting",
		Text: "The trial of the man charged with killing Darnell Hughes and Marcus Webb outside the Blue Anchor bar on Front Street opened on Monday in Toledo. " +
			"Prosecutors showed video of a gray sedan leaving the scene. Chief Michael Troendle testified about the arrest. " +
			"Relatives of Darnell Hughes and Marcus Webb filled the courtroom, and the judge said the trial could last two weeks.",
	}
	a := c.Add(follow)
	if !a.NewStory {
		t.Fatalf("follow-up joined story %d; want a new story 40 days on", a.StoryID)
	}
	if a.ThreadID != 1 || c.ThreadOf(a.StoryID) != 1 {
		t.Errorf("follow-up thread = %d (ThreadOf %d), want thread 1", a.ThreadID, c.ThreadOf(a.StoryID))
	}
	if diff := cmp.Diff([]int64{1}, c.Related(a.StoryID, 1)); diff != "" {
		t.Errorf("Related (-want +got):\n%s", diff)
	}
	if got := c.Related(1, 5); len(got) != 0 {
		t.Errorf("Related(1) = %v, want none: nothing came before it", got)
	}
	if got := c.ThreadOf(999); got != 0 {
		t.Errorf("ThreadOf(unknown) = %d, want 0", got)
	}
}

func TestWindowForgets(t *testing.T) {
	t.Parallel()
	cfg := DefaultConfig()
	cfg.DFDocs = 500
	c := New(cfg)
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 2000 {
		c.Add(Doc{
			ID: int64(i + 1), Time: start.Add(time.Duration(i) * 2 * time.Hour),
			Title: fmt.Sprintf("Report %d from Town%d", i, i),
			Text:  fmt.Sprintf("Officials in Town%d met Mayor%d and said the count of %d was reached at Site%d.", i, i, i, i),
		})
	}
	st := c.Stats()
	// 2000 articles over 166 days; only ThreadWindow (60 days) of stories
	// may be held: 12 articles a day times 60 days, plus one sweep's worth,
	// and only DFDocs articles.
	if limit := 12*60 + 128; st.Articles > cfg.DFDocs || st.Stories > limit || st.Stories < 12*60 {
		t.Errorf("stats %+v: holds more than the window allows (%d)", st, limit)
	}
	if st.NextStoryID < 2 {
		t.Errorf("NextStoryID = %d", st.NextStoryID)
	}
}

func FuzzExtract(f *testing.F) {
	docs, _ := loadStream(f)
	for _, d := range docs {
		f.Add(d.Title, d.Text)
	}
	f.Add("", "")
	f.Add("¿Qué?", "\xff 1,000.5 «Él» dijo: ¡Sí!")
	f.Fuzz(func(t *testing.T, title, text string) {
		c := New(DefaultConfig())
		a := c.Add(Doc{ID: 1, Title: title, Text: text})
		b := c.Add(Doc{ID: 2, Title: title, Text: text})
		if a.StoryID != 1 || !a.NewStory {
			t.Fatalf("first article: %+v", a)
		}
		if b.StoryID <= 0 {
			t.Fatalf("second article: %+v", b)
		}
	})
}

// wall is a sign-up wall that some sites serve in place of the article.
const wall = `Just one more thing. We have sent you a verification email. Please check
your email and click on the link to activate your profile. If you do not receive the
verification message within a few minutes of signing up, please check your spam or junk
folder. Thank you for registering with us, we look forward to seeing you frequently.
Visit us and sign in to update your profile and keep up with mobile alerts. Close.`

func TestFurniture(t *testing.T) {
	t.Parallel()
	day := time.Date(2015, 6, 1, 12, 0, 0, 0, time.UTC)
	docs := []Doc{
		{ID: 1, Title: "Three wounded in Riverside Avenue shooting", Text: wall, Time: day},
		{ID: 2, Title: "Toddler finds handgun in Oakdale apartment", Text: wall, Time: day},
	}
	tests := []struct {
		name      string
		furniture float64
		want      []Assignment
	}{
		// The wall under another title is no copy: the toddler starts
		// its own story. (A wire copy under a new headline still counts:
		// see Example.)
		{"default", DefaultConfig().FurnitureTitle, []Assignment{
			{StoryID: 1, NewStory: true, ThreadID: 1},
			{StoryID: 2, NewStory: true, ThreadID: 2},
		}},
		// Trusting every body puts both in one story.
		{"off", 0, []Assignment{
			{StoryID: 1, NewStory: true, ThreadID: 1},
			{StoryID: 1, ThreadID: 1, DuplicateOf: 1, Score: 1},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cfg := DefaultConfig()
			cfg.FurnitureTitle = tt.furniture
			c := New(cfg)
			var got []Assignment
			for _, d := range docs {
				a := c.Add(d)
				if a.NewStory {
					a.Score = 0 // the best score that was not enough: not under test
				}
				got = append(got, a)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("assignments (-want +got):\n%s", diff)
			}
		})
	}
}

// checkDiscount checks that a discount rule (set writes its factor into a
// Config; def is its default) multiplies d's best score against story by
// 1 - def when discount is true, and leaves it alone otherwise.
func checkDiscount(t *testing.T, set func(*Config, float64), def float64, story []Doc, d Doc, discount bool) {
	t.Helper()
	score := func(k float64) float64 {
		cfg := DefaultConfig()
		set(&cfg, k)
		return bestScore(t, cfg, story, d)
	}
	with, want := score(def), score(0)
	if discount {
		want *= 1 - def
	}
	if diff := cmp.Diff(want, with, cmpopts.EquateApprox(0, 1e-12)); diff != "" {
		t.Errorf("score with the rule (-want +got):\n%s", diff)
	}
}

// checkStartsOwnStory checks that with a discount rule at its default
// def, and not without it, the look-alike starts its own story after
// story's articles, and that a clusterer restored from their decisions
// decides it the same.
func checkStartsOwnStory(t *testing.T, name string, set func(*Config, float64), def float64, story []Doc, lookAlike Doc) {
	t.Helper()
	for _, k := range []float64{def, 0} {
		cfg := DefaultConfig()
		set(&cfg, k)
		c := New(cfg)
		var as []Assignment
		for _, d := range story {
			as = append(as, c.Add(d))
		}
		got := c.Add(lookAlike)
		if got.NewStory != (k > 0) {
			t.Errorf("%s %.1f: new story = %v (score %.3f), want %v", name, k, got.NewStory, got.Score, k > 0)
		}
		r := New(cfg)
		for i, d := range story {
			r.Restore(d, as[i])
		}
		if diff := cmp.Diff(got, r.Add(lookAlike)); diff != "" {
			t.Errorf("%s %.1f: after Restore (-Add +Restore):\n%s", name, k, diff)
		}
	}
}

// bestScore adds story's articles to a clusterer of cfg and returns the
// score of d's best candidate story.
func bestScore(t *testing.T, cfg Config, story []Doc, d Doc) float64 {
	t.Helper()
	c := New(cfg)
	for _, a := range story {
		c.Add(a)
	}
	cands := c.Explain(d, 1)
	if len(cands) == 0 {
		t.Fatal("no candidate story")
	}
	return cands[0].Score
}

func TestGapRelief(t *testing.T) {
	t.Parallel()
	day := time.Date(2014, 3, 4, 12, 0, 0, 0, time.UTC)
	first := Doc{ID: 1, Time: day, Title: "Teen killed in Los Banos shooting",
		Text: "Police in Los Banos said Shane Moore, 18, was shot dead outside a home on Tuesday. Detectives arrested Albert Hernandez and Christopher Aguayo."}
	tests := []struct {
		name string
		doc  Doc
		more bool // whether relief raises the score
	}{
		{"same names weeks later", Doc{ID: 2, Time: day.AddDate(0, 0, 20), Title: "Hernandez to be tried as an adult",
			Text: "Albert Hernandez and Christopher Aguayo, accused of killing Shane Moore in Los Banos, will be tried as adults."}, true},
		{"same words, no names", Doc{ID: 2, Time: day.AddDate(0, 0, 20), Title: "teen shot dead outside a home",
			Text: "a teen was shot dead outside a home on tuesday, police said; detectives arrested two suspects."}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			score := func(relief float64) float64 {
				cfg := DefaultConfig()
				cfg.GapRelief = relief
				return bestScore(t, cfg, []Doc{first}, tt.doc)
			}
			with, without := score(DefaultConfig().GapRelief), score(0)
			if got := with > without; got != tt.more {
				t.Errorf("score with relief %.4f, without %.4f: raised = %v, want %v", with, without, got, tt.more)
			}
		})
	}
}

// toledoTrial is a report 40 days after the Toledo shooting: too late to
// join its story, with the names to continue its thread.
func toledoTrial(t0 time.Time, id int64, names bool) Doc {
	d := Doc{
		ID: id, Time: t0.Add(40 * 24 * time.Hour), Source: 2, Lang: "en",
		Title: "Trial opens in bar shooting case",
		Text: "The trial of the man charged in the bar shooting opened on Monday. " +
			"Prosecutors showed video of a gray sedan leaving the scene. " +
			"The judge said the trial could last two weeks, and relatives of the two men filled the courtroom.",
	}
	if names {
		d.Text += " Darnell Hughes and Marcus Webb were killed outside the Blue Anchor bar on Front Street in Toledo. " +
			"Chief Michael Troendle testified about the arrest of the suspect."
	}
	return d
}

func TestThreadNames(t *testing.T) {
	t.Parallel()
	docs, _ := loadStream(t)
	// The same wording and the city alone: a look-alike event.
	lookalike := Doc{
		ID: 61, Time: docs[0].Time.Add(40 * 24 * time.Hour), Source: 2, Lang: "en",
		Title: "Two killed in Toledo bar shooting",
		Text: "Two men were killed in a shooting outside a bar in Toledo early Saturday, police said. " +
			"Police said a gunman fled in a car. Officers are looking for witnesses.",
	}
	tests := []struct {
		name  string
		doc   Doc
		names int  // Config.ThreadNames
		want  bool // continues the Toledo thread
	}{
		{"own people and places", toledoTrial(docs[0].Time, 60, true), 3, true},
		{"city only", lookalike, 3, false},
		// Without the check the look-alike event would continue the thread:
		// the words and the city match.
		{"city only, names not checked", lookalike, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cfg := DefaultConfig()
			cfg.ThreadNames = tt.names
			c := New(cfg)
			for _, d := range docs {
				c.Add(d)
			}
			a := c.Add(tt.doc)
			if !a.NewStory {
				t.Fatalf("joined story %d; want a new story 40 days on", a.StoryID)
			}
			if got := a.ThreadID == 1; got != tt.want {
				t.Errorf("thread %d; continues thread 1 = %v, want %v", a.ThreadID, got, tt.want)
			}
		})
	}
}

func TestRelink(t *testing.T) {
	t.Parallel()
	docs, _ := loadStream(t)
	stream := append([]Doc(nil), docs...)
	// The first report of the trial names no one, so it starts a thread of
	// its own; the next report of the same story names the victims, the bar
	// and the town; with those in the story, the third report takes the
	// story into the shooting's thread.
	for i, names := range []bool{false, true} {
		d := toledoTrial(docs[0].Time, int64(70+i), names)
		d.Time = d.Time.Add(time.Duration(i) * time.Hour)
		d.Source = int64(3 + i)
		stream = append(stream, d)
	}
	third := stream[len(stream)-1]
	third.ID, third.Source, third.Time = 72, 5, third.Time.Add(time.Hour)
	third.Title = "Jury sees video as bar shooting trial goes on"
	third.Text = "Jurors watched video of a gray sedan leaving the scene of the Toledo bar shooting as the trial went on. " +
		"The judge said the trial could last two weeks. Relatives of the two men were in the courtroom again."
	stream = append(stream, third)
	// The late link needs a shared name in the story's leads
	// (ThreadLeadNames), which are read with the name conflict off too.
	noConflict := DefaultConfig()
	noConflict.NameConflict = 0
	for _, cfg := range []Config{DefaultConfig(), noConflict} {
		relinks(t, cfg, stream)
	}
}

func relinks(t *testing.T, cfg Config, stream []Doc) {
	t.Helper()
	c := New(cfg)
	var as []Assignment
	for _, d := range stream {
		as = append(as, c.Add(d))
	}
	first, second := as[len(as)-3], as[len(as)-1]
	if !first.NewStory || first.ThreadID != first.StoryID {
		t.Fatalf("first trial report: %+v; want a new story in a thread of its own", first)
	}
	for _, a := range as[len(as)-2:] {
		if a.StoryID != first.StoryID {
			t.Fatalf("trial report joined story %d, want %d", a.StoryID, first.StoryID)
		}
	}
	if second.ThreadID != 1 || c.ThreadOf(first.StoryID) != 1 {
		t.Errorf("trial story thread = %d (ThreadOf %d), want thread 1; assignments %+v", second.ThreadID, c.ThreadOf(first.StoryID), as[len(as)-3:])
	}
	// The move survives a restart.
	r := New(cfg)
	for i, d := range stream {
		r.Restore(d, as[i])
	}
	if diff := cmp.Diff(c.Stats(), r.Stats()); diff != "" {
		t.Errorf("state after restart differs (-before +after):\n%s", diff)
	}
	if got := r.ThreadOf(first.StoryID); got != 1 {
		t.Errorf("after restart ThreadOf = %d, want 1", got)
	}
}
