package web

import (
	"bytes"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/newsdesk/newsdesk/internal/brief"
	"github.com/newsdesk/newsdesk/internal/news"
)

// TestBriefingMarkdown checks GET /stories/{id}/briefing.md: the stored
// briefing as brief.Markdown writes it for "newsdesk brief", its
// citations footnotes naming the articles; a 404 for a story unknown or
// not briefed yet; and the story page's link to it.
func TestBriefingMarkdown(t *testing.T) {
	t.Parallel()
	eachStore(t, func(t *testing.T, st Store) {
		ts := newTestServer(t, Config{}, st)
		tests := []struct {
			name     string
			path     string
			status   int
			ct       string
			contains []string
		}{
			{"briefed", "/stories/7/briefing.md", 200, "text/markdown; charset=utf-8", []string{
				"# Bridge closed \\<script\\>alert('x')\\</script\\> & repairs begin\n",
				"## Summary\n\nDie Brücke über den Fluss wurde am Montag gesperrt.[^1]",
				"[^1]: Brücke gesperrt, bytes ",
				"<https://rivertimes.example/bridge>",
			}},
			{"not briefed", "/stories/8/briefing.md", 404, "text/html; charset=utf-8", []string{"This story has not been briefed yet."}},
			{"unknown story", "/stories/99/briefing.md", 404, "text/html; charset=utf-8", []string{"There is no such story."}},
			{"bad id", "/stories/x/briefing.md", 400, "text/html; charset=utf-8", []string{"the story number in it must be a positive whole number"}},
			{"wrong method", "/stories/7/briefing.md", 405, "text/html; charset=utf-8", []string{"can only be read"}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				t.Parallel()
				method := "GET"
				if tt.status == 405 {
					method = "POST"
				}
				r := do(t, method, ts.URL+tt.path, nil, "")
				if r.status != tt.status {
					t.Fatalf("status %d, want %d: %s", r.status, tt.status, r.body)
				}
				if ct := r.header.Get("Content-Type"); ct != tt.ct {
					t.Errorf("Content-Type %q, want %q", ct, tt.ct)
				}
				for _, want := range tt.contains {
					if !strings.Contains(r.body, want) {
						t.Errorf("body lacks %q:\n%s", want, r.body)
					}
				}
			})
		}

		// One implementation with the command line: the same bytes.
		b, err := st.Briefing(t.Context(), 7)
		if err != nil {
			t.Fatal(err)
		}
		articles := map[int64]news.Article{}
		for _, id := range b.CitedArticles() {
			a, err := st.Article(t.Context(), id)
			if err != nil {
				t.Fatal(err)
			}
			articles[id] = a
		}
		var want bytes.Buffer
		opt := brief.MarkdownOptions{StoryURL: func(id int64) string { return ts.URL + "/stories/" + strconv.FormatInt(id, 10) }}
		if err := brief.MarkdownWith(&want, b, articles, opt); err != nil {
			t.Fatal(err)
		}
		r := do(t, "GET", ts.URL+"/stories/7/briefing.md", nil, "")
		if diff := cmp.Diff(want.String(), r.body); diff != "" {
			t.Errorf("body differs from brief.MarkdownWith's (-want +got):\n%s", diff)
		}
		// A related story links its page by absolute URL, the configured
		// base URL's when there is one.
		if link := "- [Ferry service resumes](<" + ts.URL + "/stories/8>)\n"; !strings.Contains(r.body, link) {
			t.Errorf("body lacks the related story's link %q:\n%s", link, r.body)
		}
		based := newTestServer(t, Config{BaseURL: "https://desk.example"}, st)
		if link, body := "- [Ferry service resumes](<https://desk.example/stories/8>)\n", do(t, "GET", based.URL+"/stories/7/briefing.md", nil, "").body; !strings.Contains(body, link) {
			t.Errorf("with a base URL, body lacks %q:\n%s", link, body)
		}
		if got := r.header.Get("Content-Disposition"); got != `inline; filename="story-7.md"` {
			t.Errorf("Content-Disposition %q", got)
		}

		link := `href="/stories/7/briefing.md"`
		if page := do(t, "GET", ts.URL+"/stories/7", nil, "").body; !strings.Contains(page, link) {
			t.Errorf("briefed story's page lacks %s", link)
		}
		if page := do(t, "GET", ts.URL+"/stories/8", nil, "").body; strings.Contains(page, "briefing.md") {
			t.Errorf("unbriefed story's page links a Markdown briefing")
		}
	})
}
