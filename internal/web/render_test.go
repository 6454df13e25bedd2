package web

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/newsdesk/newsdesk/internal/news"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata")

func TestRenderBriefingPage(t *testing.T) {
	t.Parallel()
	st := fixtureStore()
	var buf bytes.Buffer
	if err := RenderBriefingPage(&buf, fixtureBriefing(), st.articles); err != nil {
		t.Fatal(err)
	}
	got := buf.String()
	// The golden file leaves out the inlined style sheet, which changes
	// with the design, not with the page's content.
	head, rest, ok := strings.Cut(got, "<style>")
	_, tail, ok2 := strings.Cut(rest, "</style>")
	if !ok || !ok2 || !strings.Contains(rest, "--serif") {
		t.Fatal("style sheet not inlined")
	}
	page := head + "<style>…</style>" + tail
	golden := filepath.Join("testdata", "briefing.golden.html")
	if *update {
		if err := os.WriteFile(golden, []byte(page), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), page); diff != "" {
		t.Errorf("page differs from %s (-want +got):\n%s", golden, diff)
	}
	// Standalone: style inlined, no script, no links into the site.
	for _, bad := range []string{"<script", "/static/", `href="/articles/`, `href="/stories/`} {
		if strings.Contains(got, bad) {
			t.Errorf("standalone page contains %q", bad)
		}
	}
	// Every note quotes its cited bytes.
	for _, want := range []string{"<q>Wir prüfen jede Schraube</q>", "<q>€2.5 million</q>"} {
		if !strings.Contains(got, want) {
			t.Errorf("standalone page lacks %q", want)
		}
	}
}

func TestRenderBriefingPageMissingArticle(t *testing.T) {
	t.Parallel()
	b := news.Briefing{StoryID: 1, Headline: "H", Sections: []news.Section{
		{Kind: news.SectionSummary, Items: []news.Item{{Text: "S.", Citations: []news.Citation{{ArticleID: 9, Start: 0, End: 2}}}}},
	}}
	var buf bytes.Buffer
	if err := RenderBriefingPage(&buf, b, nil); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "passage unavailable") {
		t.Error("missing article not reported")
	}
}

// TestRenderBriefingsPage writes two briefings to one page: one document,
// no id twice, and every citation marker jumping to a note of its own
// briefing.
func TestRenderBriefingsPage(t *testing.T) {
	t.Parallel()
	st := fixtureStore()
	first := fixtureBriefing()
	second := fixtureBriefing()
	second.StoryID++
	var buf bytes.Buffer
	if err := RenderBriefingsPage(&buf, []news.Briefing{first, second}, st.articles); err != nil {
		t.Fatal(err)
	}
	checkOneBriefingsDocument(t, buf.String(), 2)
}

// checkOneBriefingsDocument checks a standalone page of n briefings.
func checkOneBriefingsDocument(t *testing.T, page string, n int) {
	t.Helper()
	if got := strings.Count(strings.ToLower(page), "<!doctype html>"); got != 1 {
		t.Errorf("%d documents, want 1", got)
	}
	parts := strings.Split(page, `<article class="briefing">`)[1:]
	if len(parts) != n {
		t.Fatalf("%d briefings, want %d", len(parts), n)
	}
	idRE := regexp.MustCompile(`\bid="([^"]+)"`)
	hrefRE := regexp.MustCompile(`\bhref="#([^"]+)"`)
	owner := map[string]int{}
	for i, p := range parts {
		for _, m := range idRE.FindAllStringSubmatch(p, -1) {
			if j, ok := owner[m[1]]; ok {
				t.Errorf("anchor %q in briefing %d and again in %d", m[1], j+1, i+1)
			}
			owner[m[1]] = i
		}
	}
	for i, p := range parts {
		for _, m := range hrefRE.FindAllStringSubmatch(p, -1) {
			if j, ok := owner[m[1]]; !ok || j != i {
				t.Errorf("briefing %d links to #%s, a note of briefing %d (found %v)", i+1, m[1], j+1, ok)
			}
		}
	}
}

// TestReferencesListEveryMarker checks that every citation marker's number
// is found in the references: a background entry cites an article of an
// earlier story, which the briefing's references (the story's own articles)
// do not list.
func TestReferencesListEveryMarker(t *testing.T) {
	t.Parallel()
	st := fixtureStore()
	earlier := news.Article{ID: 9, SourceID: 2, URL: "https://rivertimes.example/cracks", Title: "Cracks found in bridge",
		PublishedAt: bgDate, Text: "Inspectors found cracks in the bridge."}
	articles := map[int64]news.Article{1: st.articles[1], 2: st.articles[2], 9: earlier}
	b := fixtureBriefing()
	for i, s := range b.Sections {
		if s.Kind == news.SectionBackground {
			b.Sections[i].Items = append(s.Items, news.Item{Text: earlier.Text, Date: &bgDate,
				Citations: []news.Citation{news.Cite(9, news.Span{Start: 0, End: len(earlier.Text)})}})
		}
	}
	v := buildBriefingView(b, articles, nil, st.sources, articleHref)
	var refs []itemView
	marks := map[string]bool{}
	var walk func(items []itemView)
	walk = func(items []itemView) {
		for _, it := range items {
			for _, m := range it.Marks {
				marks[strings.TrimRight(m.Label, "abcdefghijklmnopqrstuvwxyz")] = true
			}
			walk(it.Variants)
		}
	}
	for _, s := range v.Sections {
		walk(s.Items)
		if s.Kind == string(news.SectionReferences) {
			refs = s.Items
		}
	}
	labels := map[string]bool{}
	for _, r := range refs {
		labels[r.RefLabel] = true
	}
	for m := range marks {
		if !labels[m] {
			t.Errorf("marker [%s] has no reference; references %v", m, labels)
		}
	}
	want := itemView{RefLabel: "3", Outlet: "River Times <b>", Text: "Cracks found in bridge", URL: "https://rivertimes.example/cracks",
		Date: &bgDate, Local: "/articles/9"}
	if len(refs) != 3 {
		t.Fatalf("%d references, want 3", len(refs))
	}
	if diff := cmp.Diff(want, refs[2], cmp.AllowUnexported(itemView{})); diff != "" {
		t.Errorf("earlier story's reference (-want +got):\n%s", diff)
	}
}

// TestRenderWrittenSummary checks that a written summary is shown as the
// model's, with its citation markers, not as a list of sources' words.
func TestRenderWrittenSummary(t *testing.T) {
	t.Parallel()
	b := news.Briefing{StoryID: 1, Headline: "H", Sections: []news.Section{
		{Kind: news.SectionWritten, Title: "Written summary", Items: []news.Item{
			{Text: "Restated.", Citations: []news.Citation{{ArticleID: 9, Start: 0, End: 2}}}}},
	}}
	var buf bytes.Buffer
	if err := RenderBriefingPage(&buf, b, nil); err != nil {
		t.Fatal(err)
	}
	got := buf.String()
	for _, want := range []string{`class="written-note"`, "Written by a language model", `<span class="sentence">Restated.<a class="cite"`} {
		if !strings.Contains(got, want) {
			t.Errorf("page lacks %q:\n%s", want, got)
		}
	}
}

// TestReferenceTitlePunctuation checks that a reference whose title ends
// its own sentence gets no full stop after it before the date.
func TestReferenceTitlePunctuation(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ title, want string }{
		{"Bridge closed for repairs", `>Bridge closed for repairs</a>. <time`},
		{"What does it mean for the east?", `>What does it mean for the east?</a> <time`},
		{"Bridge closed!", `>Bridge closed!</a> <time`},
		{"Bridge closed, again…", `>Bridge closed, again…</a> <time`},
	} {
		b := fixtureBriefing()
		for i, s := range b.Sections {
			if s.Kind == news.SectionReferences {
				b.Sections[i].Items[0].Text = tc.title
			}
		}
		var buf bytes.Buffer
		if err := RenderBriefingPage(&buf, b, fixtureStore().articles); err != nil {
			t.Fatal(err)
		}
		if got := buf.String(); !strings.Contains(got, tc.want) {
			_, refs, _ := strings.Cut(got, `class="references"`)
			t.Errorf("title %q: references lack %q:\n%s", tc.title, tc.want, refs)
		}
	}
}

// TestRenderHeadlineCredit wants a page to credit its headline to an
// outlet only while the headline is the headline item's words
// (brief.HeadlineCredit), and to show the briefing's headline, as the
// Markdown export and the JSON do: a briefing whose headline is not the
// item's (an older stored one, an edited one) names no outlet for it.
func TestRenderHeadlineCredit(t *testing.T) {
	t.Parallel()
	st := fixtureStore()
	tests := []struct {
		name     string
		headline string // "" keeps the fixture's, its headline item's words
		want     []string
		notWant  []string
	}{
		{"the item's title", "", []string{`<p class="credit">Headline from <a href="https://rivertimes.example/bridge"`}, nil},
		{"another title", "Bridge shut after inspection",
			[]string{`>Bridge shut after inspection</h1>`}, []string{`class="credit"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			b := fixtureBriefing()
			if tt.headline != "" {
				b.Headline = tt.headline
			}
			var buf bytes.Buffer
			if err := RenderBriefingPage(&buf, b, st.articles); err != nil {
				t.Fatal(err)
			}
			article := buf.String()[strings.Index(buf.String(), `<article class="briefing">`):]
			for _, s := range tt.want {
				if !strings.Contains(article, s) {
					t.Errorf("page lacks %q", s)
				}
			}
			for _, s := range tt.notWant {
				if strings.Contains(article, s) {
					t.Errorf("page has %q", s)
				}
			}
		})
	}
}
