package brief

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/newsdesk/newsdesk/internal/demo"
	"github.com/newsdesk/newsdesk/internal/news"
)

// buildRuns is how many times TestBuildDeterministic builds each input.
// Go randomises map iteration on every range, so a result that leans on
// map order shows within a handful of runs: a tie that goes either way at
// random escapes 10 builds once in 512, and 22 of the 44 inputs carry one
// (under -race each build is slow, so more runs would cost CI minutes).
const buildRuns = 10

// withWireCopy adds an exact copy of the story's first article under
// another ID and outlet, at the same time: every sentence of it ties with
// its original, so only an explicit rule can choose between them.
func withWireCopy(in Input) Input {
	out := in
	out.Articles = append([]news.Article(nil), in.Articles...)
	cp := in.Articles[0]
	cp.ID = 9000 + cp.ID
	cp.SourceID = 900
	cp.URL += "?copy"
	out.Articles = append(out.Articles, cp)
	out.Sources = map[int64]news.Source{900: {ID: 900, Name: "Copy Wire"}}
	for id, s := range in.Sources {
		out.Sources[id] = s
	}
	return out
}

// demoInputs turns every story of the demo corpus into a briefing input:
// its articles, the earlier articles of its thread as background, the
// thread's other stories as related.
func demoInputs(t *testing.T) map[string]Input {
	t.Helper()
	w, err := demo.NewWire(nil)
	if err != nil {
		t.Fatal(err)
	}
	sources := map[int64]news.Source{}
	outletID := map[string]int64{}
	for i, o := range w.Outlets() {
		id := int64(i + 1)
		outletID[o.Slug] = id
		sources[id] = news.Source{ID: id, Name: o.Name}
	}
	storyID := map[string]int64{}
	stories := w.Stories()
	for i, s := range stories {
		storyID[s.Key] = int64(i + 1)
	}
	byStory := map[string][]news.Article{}
	thread := map[string]string{}
	for i, a := range w.Articles() {
		byStory[a.Story] = append(byStory[a.Story], news.Article{
			ID: int64(i + 1), SourceID: outletID[a.Outlet], URL: "https://wire.example" + a.Path,
			Title: a.Title, PublishedAt: a.Published, Lang: a.Lang, Text: a.Body,
		})
		thread[a.Story] = a.Thread
	}
	ins := map[string]Input{}
	for _, s := range stories {
		in := Input{
			Story:    news.Story{ID: storyID[s.Key], Title: s.Title},
			Articles: byStory[s.Key],
			Sources:  sources,
		}
		for _, o := range stories {
			if o.Key == s.Key || s.Thread == "" || thread[o.Key] != s.Thread {
				continue
			}
			in.Related = append(in.Related, news.Story{ID: storyID[o.Key], Title: o.Title})
			if o.Day.Before(s.Day) {
				in.Earlier = append(in.Earlier, byStory[o.Key]...)
			}
		}
		ins[s.Key] = in
	}
	return ins
}

// TestBuildDeterministic builds the same input many times and wants the
// same bytes every time: exact wire copies (whose sentences tie) and the
// demo corpus's multi-outlet stories.
func TestBuildDeterministic(t *testing.T) {
	t.Parallel()
	bridge := loadInput(t, "bridge.json")
	cases := map[string]Input{
		"bridge":           bridge,
		"bridge wire copy": withWireCopy(bridge),
	}
	for key, in := range demoInputs(t) {
		cases["demo "+key] = in
		cases["demo "+key+" wire copy"] = withWireCopy(in)
	}
	for name, in := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			first := buildJSON(t, in)
			for run := 1; run < buildRuns; run++ {
				if diff := cmp.Diff(first, buildJSON(t, in)); diff != "" {
					t.Fatalf("run %d differs from the first (-first +run):\n%s", run, diff)
				}
			}
		})
	}
}

func buildJSON(t *testing.T, in Input) string {
	t.Helper()
	js, err := json.MarshalIndent(Build(in, Options{Now: fixedNow}), "", " ")
	if err != nil {
		t.Fatal(fmt.Errorf("marshal briefing: %w", err))
	}
	return string(js)
}
