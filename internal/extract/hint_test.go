package extract

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
)

func TestMetaHint(t *testing.T) {
	t.Parallel()
	body := `<div class="byline author">By Jane Roe</div><article>` +
		strings.Repeat("<p>The council approved the budget after a long debate about the harbour and its ferries.</p>", 6) +
		`<a rel="category tag" href="/politics/">Politics</a></article>` +
		`<div class="site-footer"><a href="https://creativecommons.org/licenses/by-sa/3.0/">Some rights reserved</a></div>`
	tests := []struct {
		name       string
		byline     string
		wantAuthor string
	}{
		// With a byline of our own, go-trafilatura's author search is
		// skipped: its author is the hint's, which fillFrom never reads.
		{name: "byline known", byline: "Ann Lee", wantAuthor: "Ann Lee"},
		// Without one, go-trafilatura still searches the page for it.
		{name: "no byline", byline: "", wantAuthor: "Jane Roe"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			doc := parseHTML(t, "<html><head><title>Budget</title></head><body>"+body+"</body></html>")
			var before bytes.Buffer
			if err := html.Render(&before, doc); err != nil {
				t.Fatal(err)
			}
			remove := addMetaHint(doc, tc.byline)
			tr, err := trafilatura.ExtractDocument(doc, trafilatura.Options{ExcludeComments: true, HtmlDateMode: trafilatura.Disabled})
			remove()
			if err != nil {
				t.Fatal(err)
			}
			if tr.Metadata.Author != tc.wantAuthor {
				t.Errorf("author %q, want %q", tr.Metadata.Author, tc.wantAuthor)
			}
			// Categories and tags come from the hint, not from a search
			// of the page ("Politics").
			if !slices.Equal(tr.Metadata.Categories, []string{"-"}) || !slices.Equal(tr.Metadata.Tags, []string{"-"}) {
				t.Errorf("categories %q, tags %q, want the hint's", tr.Metadata.Categories, tr.Metadata.Tags)
			}
			// The license is the hint's: the search of the page's
			// footer links (which would find BY-SA 3.0) did not run.
			if tr.Metadata.License != "CC BY 4.0" {
				t.Errorf("license %q, want the hint's", tr.Metadata.License)
			}
			var after bytes.Buffer
			if err := html.Render(&after, doc); err != nil {
				t.Fatal(err)
			}
			if before.String() != after.String() {
				t.Errorf("hint left in the page:\n%s", after.String())
			}
		})
	}
}
