package web

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/newsdesk/newsdesk/internal/news"
)

// TestAddSourceRFC3986Spellings is dogfood round 8's reproduction: with
// http://127.0.0.1:18933/feed.xml a source, POST /api/sources of the same
// feed spelt with a dot segment, a dot-dot segment or a percent-encoded
// letter made a second source (201). Each is now the answer to an exact
// duplicate, a 409 naming the source, as is an OPML import of them, and a
// row an older newsdesk stored spelt so is found by the normalised URL.
func TestAddSourceRFC3986Spellings(t *testing.T) {
	t.Parallel()
	const feed = "http://127.0.0.1:18933/feed.xml"
	spellings := []string{
		"http://127.0.0.1:18933/./feed.xml",
		"http://127.0.0.1:18933/x/../feed.xml",
		"http://127.0.0.1:18933/%66eed.xml",
	}
	eachStore(t, func(t *testing.T, st Store) {
		ts := newTestServer(t, Config{APIToken: testToken}, st)
		auth := map[string]string{"Authorization": "Bearer " + testToken, "Content-Type": "application/json"}
		post := func(u string) response {
			t.Helper()
			return do(t, "POST", ts.URL+"/api/sources", auth, `{"url": "`+u+`"}`)
		}
		r := post(feed)
		if r.status != 201 {
			t.Fatalf("add %s: status %d: %s", feed, r.status, r.body)
		}
		var src news.Source
		if err := json.Unmarshal([]byte(r.body), &src); err != nil {
			t.Fatal(err)
		}
		before, err := st.Sources(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		exact := post(feed)
		if exact.status != 409 || !strings.Contains(exact.body, fmt.Sprintf("already source %d", src.ID)) {
			t.Fatalf("exact duplicate: status %d: %s", exact.status, exact.body)
		}
		for _, u := range spellings {
			if r := post(u); r.status != exact.status || r.body != exact.body {
				t.Errorf("add %s: status %d %s, want the exact duplicate's %d %s", u, r.status, r.body, exact.status, exact.body)
			}
		}

		var opml strings.Builder
		opml.WriteString(`<opml version="2.0"><head><title>t</title></head><body>`)
		for _, u := range spellings {
			opml.WriteString(`<outline type="rss" text="x" xmlUrl="` + u + `"/>`)
		}
		opml.WriteString(`</body></opml>`)
		r = do(t, "POST", ts.URL+"/api/sources/import", map[string]string{"Authorization": "Bearer " + testToken, "Content-Type": "text/x-opml"}, opml.String())
		if r.status != 200 {
			t.Fatalf("import: status %d: %s", r.status, r.body)
		}
		var res ImportResult
		if err := json.Unmarshal([]byte(r.body), &res); err != nil {
			t.Fatal(err)
		}
		wantSkipped := []ImportSkipped{{feed, reasonSubscribed}, {feed, reasonSubscribed}, {feed, reasonSubscribed}}
		if len(res.Added) != 0 || !cmp.Equal(wantSkipped, res.Skipped) {
			t.Errorf("import added %v, skipped (-want +got):\n%s", res.Added, cmp.Diff(wantSkipped, res.Skipped))
		}
		// The sources page's import form says what it says of an exact
		// duplicate.
		doc := opml.String()
		body, ct := multipartImport(t, &doc, testToken)
		r = do(t, "POST", ts.URL+"/sources/import", map[string]string{"Content-Type": ct}, body.String())
		if want := feed + `</span>: <span class="error-text">` + reasonSubscribed; r.status != 200 ||
			strings.Count(r.body, want) != len(spellings) || !strings.Contains(r.body, "0 feeds added") {
			t.Errorf("import form: status %d, want 200 with %q %d times and none added:\n%s", r.status, want, len(spellings), r.body)
		}
		after, err := st.Sources(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		if len(after) != len(before) {
			t.Errorf("%d sources after the duplicates, %d before", len(after), len(before))
		}

		// A row an older newsdesk stored spelt with a dot-dot segment.
		old, err := st.AddSource(t.Context(), news.Source{Kind: news.SourceFeed, URL: "http://127.0.0.1:18933/x/../old.xml", Status: news.StatusNew})
		if err != nil {
			t.Fatal(err)
		}
		r = post("http://127.0.0.1:18933/old.xml")
		if r.status != 409 || !strings.Contains(r.body, fmt.Sprintf("already source %d", old.ID)) {
			t.Errorf("duplicate of a row stored un-normalised: status %d: %s", r.status, r.body)
		}
	})
}
