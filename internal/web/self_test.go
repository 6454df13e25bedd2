package web

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/newsdesk/newsdesk/internal/feed"
)

func TestCheckNotOwnSite(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		url   string
		sites []string
		want  bool // refused
	}{
		{"base URL, its feed", "https://news.example.org/feeds/stories.atom", []string{"https://news.example.org"}, true},
		{"base URL, a story page", "https://news.example.org/stories/7", []string{"https://news.example.org"}, true},
		{"base URL, over http", "http://news.example.org/feeds/stories.atom", []string{"https://news.example.org"}, true},
		{"base URL, host case", "https://NEWS.example.org:443/", []string{"https://news.example.org"}, true},
		// Deliberate: another port on the same host is another server (8443
		// behind a TLS proxy, say); the poll-time instance check is the
		// backstop.
		{"base URL, another port", "https://news.example.org:8443/feeds/stories.atom", []string{"https://news.example.org"}, false},
		// Deliberate: a proxy answers both 80 and 443, so they are one site.
		{"base URL, 80 and 443 one site", "http://news.example.org:80/feeds/stories.atom", []string{"https://news.example.org:443"}, true},
		{"base URL, a trailing dot on the source", "https://news.example.org./feeds/stories.atom", []string{"https://news.example.org"}, true},
		{"base URL, a trailing dot on the site", "https://news.example.org/feeds/stories.atom", []string{"https://news.example.org."}, true},
		{"listen address, localhost with a trailing dot", "http://localhost.:8080/", []string{"127.0.0.1:8080"}, true},
		{"request Host with a trailing dot", "http://news.example.org/", []string{"news.example.org.:80"}, true},
		{"source on 0.0.0.0", "http://0.0.0.0:8080/feeds/stories.atom", []string{"127.0.0.1:8080"}, true},
		{"source on [::], every interface", "http://[::]:8080/feeds/stories.atom", []string{":8080"}, true},
		{"source on 0.0.0.0, another port", "http://0.0.0.0:8081/feeds/stories.atom", []string{"127.0.0.1:8080"}, false},
		{"base URL, another host", "https://example.org/feeds/stories.atom", []string{"https://news.example.org"}, false},
		{"listen address", "http://127.0.0.1:8080/feeds/stories.atom", []string{"127.0.0.1:8080"}, true},
		{"listen address, localhost", "http://localhost:8080/", []string{"127.0.0.1:8080"}, true},
		{"listen address, another port", "http://127.0.0.1:8081/feed.xml", []string{"127.0.0.1:8080"}, false},
		{"every interface, loopback", "http://[::1]:8080/feeds/stories.atom", []string{":8080"}, true},
		{"every interface, 0.0.0.0", "http://127.0.0.2:8080/", []string{"0.0.0.0:8080"}, true},
		{"every interface, a remote host", "http://wire.example:8080/feed.xml", []string{"[::]:8080"}, false},
		{"request Host without a port", "http://news.example.org/feeds/stories.atom", []string{"news.example.org"}, true},
		{"nothing configured", "http://127.0.0.1:8080/feeds/stories.atom", []string{"", ""}, false},
		{"another site", "https://wire.example/feed.xml", []string{"https://news.example.org", "127.0.0.1:8080", "news.example.org"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := CheckNotOwnSite(tt.url, tt.sites...)
			if got := errors.Is(err, ErrOwnSite); got != tt.want {
				t.Errorf("CheckNotOwnSite(%q, %q) = %v; want refused: %v", tt.url, tt.sites, err, tt.want)
			}
		})
	}
}

// TestAddOwnSiteRefused adds the server's own feed and pages as sources
// through the API and the OPML import, naming the server by the Host its
// client used, its configured base URL and its listen address: each is
// refused with a message that says why, and nothing is added.
func TestAddOwnSiteRefused(t *testing.T) {
	t.Parallel()
	st := newMemStore()
	ts := newTestServer(t, Config{APIToken: testToken, BaseURL: "https://news.example.org", ListenAddr: "0.0.0.0:8080"}, st)
	u, err := url.Parse(ts.URL)
	if err != nil {
		t.Fatal(err)
	}
	localhost := "http://localhost:" + u.Port()
	auth := map[string]string{"Authorization": "Bearer " + testToken, "Content-Type": "application/json"}
	tests := []struct {
		name, url string
		status    int
	}{
		{"its feed, by the request's host", ts.URL + "/feeds/stories.atom", http.StatusBadRequest},
		{"a story page, as a page", ts.URL + "/stories/1", http.StatusBadRequest},
		{"its feed, by another loopback name", localhost + "/feeds/stories.atom?category=world", http.StatusBadRequest},
		{"its feed, by the base URL", "https://news.example.org/feeds/stories.atom", http.StatusBadRequest},
		{"its feed, by the listen address", "http://127.0.0.1:8080/feeds/stories.atom", http.StatusBadRequest},
		{"another site", "https://wire.example/feed.xml", http.StatusCreated},
	}
	for _, tt := range tests {
		kind := "feed"
		if strings.Contains(tt.url, "/stories/") {
			kind = "page"
		}
		r := do(t, "POST", ts.URL+"/api/sources", auth, `{"url": "`+tt.url+`", "kind": "`+kind+`"}`)
		if r.status != tt.status {
			t.Errorf("%s: POST %s: status %d, %s; want %d", tt.name, tt.url, r.status, r.body, tt.status)
		}
		if tt.status == http.StatusBadRequest && !strings.Contains(r.body, "this newsdesk's own site") {
			t.Errorf("%s: body %s does not say the URL is this newsdesk's own site", tt.name, r.body)
		}
	}

	opml := `<?xml version="1.0"?><opml version="2.0"><head><title>t</title></head><body>` +
		`<outline type="rss" text="mine" xmlUrl="` + ts.URL + `/feeds/stories.atom"/>` +
		`<outline type="rss" text="theirs" xmlUrl="https://other.example/feed.xml"/>` +
		`</body></opml>`
	r := do(t, "POST", ts.URL+"/api/sources/import", map[string]string{"Authorization": "Bearer " + testToken, "Content-Type": "text/x-opml"}, opml)
	if r.status != http.StatusOK || !strings.Contains(r.body, "this newsdesk's own site") || !strings.Contains(r.body, "other.example") {
		t.Errorf("import: status %d, %s; want 200, the own feed skipped as this newsdesk's own site, the other added", r.status, r.body)
	}
	// The sources page's import form, the same list: the own feed is
	// skipped again, the other already subscribed.
	body, ct := multipartImport(t, &opml, testToken)
	form := do(t, "POST", ts.URL+"/sources/import", map[string]string{"Content-Type": ct}, body.String())
	if form.status != http.StatusOK || !strings.Contains(form.body, "this newsdesk&#39;s own site") {
		t.Errorf("import form: status %d; want 200, the own feed skipped as this newsdesk's own site:\n%s", form.status, form.body)
	}
	srcs, err := st.Sources(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range srcs {
		got = append(got, s.URL)
	}
	if diff := cmp.Diff([]string{"https://wire.example/feed.xml", "https://other.example/feed.xml"}, got); diff != "" {
		t.Errorf("sources (-want +got):\n%s", diff)
	}
}

// TestAtomNamesInstance checks that the feed of briefings names the
// instance in its generator, as the feed package reads it back: how a
// poll that reaches the feed through a proxy knows it for its own.
func TestAtomNamesInstance(t *testing.T) {
	t.Parallel()
	tests := []struct {
		id, want string
	}{
		{"desk-a", feed.InstanceURNPrefix + "desk-a"},
		{"", ""},
	}
	for _, tt := range tests {
		ts := newTestServer(t, Config{InstanceID: tt.id}, newMemStore())
		r := do(t, "GET", ts.URL+"/feeds/stories.atom", nil, "")
		if r.status != http.StatusOK {
			t.Fatalf("GET feed: %d", r.status)
		}
		f, err := feed.Parse([]byte(r.body), ts.URL+"/feeds/stories.atom")
		if err != nil {
			t.Fatal(err)
		}
		// The generator names one instance at most, so its URNs joined are it.
		if got := strings.Join(f.Instances, " "); got != tt.want {
			t.Errorf("instance %q: the feed names %q; want %q\n%s", tt.id, got, tt.want, r.body)
		}
	}
}

// TestPagesNameInstance checks that every HTML page names the instance
// that serves it in <meta name="generator">, as the Atom feed names it in
// its generator, so that a poll reaching a page of this desk by another
// address (a proxy, another host name, a feed's item linking a story
// page) knows it for the desk's own (feed.PageNamesInstance). Before, a
// page named no instance, and a story page added as a page source through
// a proxy was stored as an article: a briefing, citable by the next.
func TestPagesNameInstance(t *testing.T) {
	t.Parallel()
	paths := []string{"/", "/?category=Local", "/stories/7", "/articles/2", "/threads/5", "/sources", "/search?q=ferry", "/no-such-page", "/stories/99"}
	for _, id := range []string{"desk-a", ""} {
		ts := newTestServer(t, Config{InstanceID: id}, fixtureStore())
		for _, path := range paths {
			r := do(t, http.MethodGet, ts.URL+path, nil, "")
			got := feed.PageInstances([]byte(r.body))
			var want []string
			if id != "" {
				want = []string{feed.InstanceURNPrefix + id}
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("instance %q: GET %s (%d) names instances (-want +got):\n%s", id, path, r.status, diff)
			}
			if !strings.Contains(r.body, `<meta name="generator" content="newsdesk`) {
				t.Errorf("instance %q: GET %s has no generator meta", id, path)
			}
		}
	}
}
