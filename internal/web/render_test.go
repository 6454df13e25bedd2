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
