package extract

import (
	"strings"
	"testing"
)

func TestPruneBoilerplate(t *testing.T) {
	t.Parallel()
	article := strings.Repeat("<p>The council approved the budget after a long debate about the harbour.</p>", 8)
	tests := []struct {
		name    string
		page    string
		keep    []string
		dropped []string
	}{
		{
			name:    "ad and comments inside the article",
			page:    `<article>` + article + `<div class="inline-ad"><p>Buy mattresses</p></div><section id="comments"><p>First!</p></section><div class="cookie-banner">We use cookies</div></article>`,
			keep:    []string{"council approved"},
			dropped: []string{"Buy mattresses", "First!", "We use cookies"},
		},
		{
			// A wrapper whose class only says it holds ads holds the
			// article too.
			name: "wrapper named for its ads",
			page: `<div class="article-body has-ads"><h1>Budget passes</h1>` + article + `</div>`,
			keep: []string{"council approved", "Budget passes"},
		},
		{
			name: "words that only contain boilerplate names",
			page: `<div class="header-load add-comment"><p>Kept line</p></div>` + article,
			keep: []string{"Kept line"},
		},
	}
	for _, tc := range tests {
		doc := parseHTML(t, "<html><body>"+tc.page+"</body></html>")
		prune(doc)
		got := textOf(doc)
		for _, k := range tc.keep {
			if !strings.Contains(got, k) {
				t.Errorf("%s: pruned %q: %q", tc.name, k, got)
			}
		}
		for _, d := range tc.dropped {
			if strings.Contains(got, d) {
				t.Errorf("%s: kept %q", tc.name, d)
			}
		}
	}
}
