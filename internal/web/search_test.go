package web

import (
	"encoding/json"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/newsdesk/newsdesk/internal/store"
)

func TestSnippet(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("filler words here ", 30) + "the bridge <b>closed</b> " + strings.Repeat("more text after ", 30)
	tests := []struct {
		name, text, query string
		want              string
	}{
		{"marks every word", "The bridge closed; BRIDGE repairs.", "bridge", "The <mark>bridge</mark> closed; <mark>BRIDGE</mark> repairs."},
		{"escapes the text", `Mayor <script>alert(1)</script> & "co"`, "alert", `Mayor &lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt; &amp; &#34;co&#34;`},
		{"whole words only", "bridges and a bridge", "bridge", "bridges and a <mark>bridge</mark>"},
		{"no match shows the start", "Nothing here.", "bridge", "Nothing here."},
		{"phrase words", "Port strike at the port", `"port strike"`, "<mark>Port</mark> <mark>strike</mark> at the port"},
		{"split word", "It's the U.S. view", "U.S.", "It&#39;s the <mark>U</mark>.<mark>S</mark>. view"},
		{"unicode", "Die Brücke über den Fluss", "brücke", "Die <mark>Brücke</mark> über den Fluss"},
		// SQLite finds "política" for "politica" (remove_diacritics): the
		// snippet marks it too.
		{"accents folded", "La política y la POLITICA", "politica", "La <mark>política</mark> y la <mark>POLITICA</mark>"},
		{"accents folded in the query", "La politica", "política", "La <mark>politica</mark>"},
	}
	for _, tt := range tests {
		q, err := store.ParseQuery(tt.query)
		if err != nil {
			t.Fatal(err)
		}
		if got := string(Snippet(tt.text, q)); got != tt.want {
			t.Errorf("%s: Snippet = %q, want %q", tt.name, got, tt.want)
		}
	}
	// The window is cut around the phrase, not a lone word of it before.
	q, _ := store.ParseQuery("U.S.")
	got := string(Snippet("It's "+long+" the U.S. Senate", q))
	if !strings.Contains(got, "<mark>U</mark>.<mark>S</mark>. Senate") || strings.Contains(got, "It&#39;") {
		t.Errorf("Snippet for U.S. = %q: want the window at the phrase", got)
	}
	q, _ = store.ParseQuery("closed")
	got = string(Snippet(long, q))
	if !strings.HasPrefix(got, "… ") || !strings.HasSuffix(got, " …") || !strings.Contains(got, "&lt;b&gt;<mark>closed</mark>&lt;/b&gt;") || len(got) > snippetBytes+100 {
		t.Errorf("Snippet of a long text = %q: want a cut window around the match, escaped", got)
	}
}

type searchBody struct {
	Query   string `json:"query"`
	Results []struct {
		Story struct {
			ID  int64  `json:"id"`
			URL string `json:"url"`
		} `json:"story"`
		ArticleID int64  `json:"article_id"`
		Snippet   string `json:"snippet_html"`
	} `json:"results"`
	Next int `json:"next_page"`
}

func TestAPISearch(t *testing.T) {
	t.Parallel()
	eachStore(t, func(t *testing.T, st Store) {
		ts := newTestServer(t, Config{}, st)
		get := func(q string) (int, searchBody, string) {
			r := do(t, http.MethodGet, ts.URL+"/api/search?"+q, nil, "")
			var b searchBody
			if r.status == http.StatusOK {
				if err := json.Unmarshal([]byte(r.body), &b); err != nil {
					t.Fatalf("GET /api/search?%s: %v in %s", q, err, r.body)
				}
			}
			return r.status, b, r.body
		}
		ids := func(b searchBody) []int64 {
			var out []int64
			for _, r := range b.Results {
				out = append(out, r.Story.ID)
			}
			return out
		}
		for _, tt := range []struct {
			q    string
			want []int64
		}{
			{"q=bridge", []int64{7}},
			{"q=FERRY", []int64{8}},
			{"q=" + url.QueryEscape(`"closed on monday"`), []int64{7}},
			{"q=" + url.QueryEscape(`"monday closed"`), nil},
			{"q=" + url.QueryEscape(`bridge OR ferry`), nil},
			{"q=" + url.QueryEscape(`NEAR(bridge) -ferry* "`), nil},
			{"q=" + url.QueryEscape(`bridge*`), []int64{7}},
		} {
			status, b, body := get(tt.q)
			if status != http.StatusOK {
				t.Errorf("GET /api/search?%s = %d %s", tt.q, status, body)
				continue
			}
			if diff := cmp.Diff(tt.want, ids(b)); diff != "" {
				t.Errorf("GET /api/search?%s (-want +got):\n%s", tt.q, diff)
			}
		}
		_, b, _ := get("q=" + url.QueryEscape("mayor gross"))
		if len(b.Results) != 1 || b.Results[0].ArticleID != 2 || !strings.Contains(b.Results[0].Snippet, "<mark>Gross</mark> &lt;script&gt;") {
			t.Errorf("search mayor gross = %+v: want article 2, snippet escaped and marked", b)
		}
		for _, bad := range []string{"", "q=", "q=%20", "q=" + url.QueryEscape(`"*" - ()`), "q=" + strings.Repeat("a", store.MaxQueryBytes+1),
			"q=bridge&limit=0", "q=bridge&limit=51", "q=bridge&page=0", "q=bridge&page=x", "q=bridge&page=100000"} {
			status, _, body := get(bad)
			if status != http.StatusBadRequest || !strings.Contains(body, `"error"`) {
				t.Errorf("GET /api/search?%s = %d %s, want a 400 with an error", bad, status, body)
			}
		}
	})
}

func TestSearchPage(t *testing.T) {
	t.Parallel()
	eachStore(t, func(t *testing.T, st Store) {
		ts := newTestServer(t, Config{}, st)
		r := do(t, http.MethodGet, ts.URL+"/search?q="+url.QueryEscape("bridge <&>"), nil, "")
		if r.status != http.StatusOK || !strings.Contains(r.body, `href="/stories/7"`) || !strings.Contains(r.body, "<mark>bridge</mark>") ||
			!strings.Contains(r.body, `value="bridge &lt;&amp;&gt;"`) {
			t.Errorf("GET /search?q=bridge = %d, want story 7 marked and the query escaped:\n%s", r.status, r.body)
		}
		for _, tt := range []struct {
			q      string
			status int
			msg    string
		}{
			{"", http.StatusOK, "Type words to find stories"},
			{"q=nothingmatches", http.StatusOK, "No stories match"},
			{"q=" + url.QueryEscape(`" * -`), http.StatusBadRequest, "Type at least one word"},
			{"q=" + strings.Repeat("a+", 20), http.StatusBadRequest, "too long"},
			// 200 letters typed, but 400 bytes: the message must not
			// promise 256 characters.
			{"q=" + url.QueryEscape(strings.Repeat("é", 200)), http.StatusBadRequest, "256 bytes of text (an accented letter takes two)"},
			{"q=bridge&page=-1", http.StatusBadRequest, "broken"},
			// The pager keeps a page size given, and leaves out the default.
			{"q=bridge&limit=1&page=2", http.StatusOK, `href="/search?limit=1&amp;q=bridge">`},
			{"q=bridge&page=2", http.StatusOK, `href="/search?q=bridge">`},
			{"q=bridge&limit=20&page=2", http.StatusOK, `href="/search?q=bridge">`},
		} {
			r := do(t, http.MethodGet, ts.URL+"/search?"+tt.q, nil, "")
			if r.status != tt.status || !strings.Contains(r.body, tt.msg) {
				t.Errorf("GET /search?%s = %d, want %d with %q:\n%s", tt.q, r.status, tt.status, tt.msg, r.body)
			}
		}
		// Every page's header holds the search box.
		for _, path := range []string{"/", "/stories/7", "/sources", "/articles/1"} {
			r := do(t, http.MethodGet, ts.URL+path, nil, "")
			if !strings.Contains(r.body, `<form class="search-form" action="/search"`) {
				t.Errorf("GET %s has no search form", path)
			}
		}
		// The search page shows one search box, its own, prefilled: it
		// showed the header's too, two boxes with the same words.
		for _, q := range []string{"q=bridge", "q=", "", "q=nothingmatches", "q=bridge&page=-1"} {
			r := do(t, http.MethodGet, ts.URL+"/search?"+q, nil, "")
			if n := strings.Count(r.body, `role="search"`); n != 1 {
				t.Errorf("GET /search?%s has %d search forms, want 1", q, n)
			}
			if n := strings.Count(r.body, `name="q"`); n != 1 {
				t.Errorf("GET /search?%s has %d search boxes, want 1", q, n)
			}
			if !strings.Contains(r.body, `<form class="search-page-form" action="/search"`) {
				t.Errorf("GET /search?%s has not the page's search form", q)
			}
		}
		if r := do(t, http.MethodGet, ts.URL+"/search?q=bridge", nil, ""); !strings.Contains(r.body, `name="q" value="bridge"`) {
			t.Errorf("GET /search?q=bridge: the search box is not prefilled:\n%s", r.body)
		}
	})
}

func TestCategoryViews(t *testing.T) {
	t.Parallel()
	eachStore(t, func(t *testing.T, st Store) {
		ts := newTestServer(t, Config{}, st)
		r := do(t, http.MethodGet, ts.URL+"/", nil, "")
		if !strings.Contains(r.body, `<a class="category" href="/?category=Local">Local</a>`) {
			t.Errorf("front page does not link the category label:\n%s", r.body)
		}
		r = do(t, http.MethodGet, ts.URL+"/?category=Local", nil, "")
		if r.status != http.StatusOK || !strings.Contains(r.body, `href="/stories/7"`) || strings.Contains(r.body, `href="/stories/8"`) ||
			!strings.Contains(r.body, "Top stories in Local") {
			t.Errorf("GET /?category=Local = %d, want story 7 alone:\n%s", r.status, r.body)
		}
		// A feed reader given the category's page finds its feed first.
		categoryFeed := `<link rel="alternate" type="application/atom+xml" title="newsdesk briefings: Local" href="/feeds/stories.atom?category=Local">`
		if i, all := strings.Index(r.body, categoryFeed), strings.Index(r.body, `title="newsdesk briefings" href="/feeds/stories.atom">`); i < 0 || all < i {
			t.Errorf("GET /?category=Local does not announce its category's feed before the feed of all stories:\n%s", r.body)
		}
		if front := do(t, http.MethodGet, ts.URL+"/", nil, ""); strings.Contains(front.body, "stories.atom?category=") {
			t.Errorf("the front page announces a category's feed:\n%s", front.body)
		}
		// The story page's category links its view, as the lists' do.
		if story := do(t, http.MethodGet, ts.URL+"/stories/7", nil, ""); !strings.Contains(story.body,
			`<p class="section-category"><a class="category" href="/?category=Local">Local</a></p>`) {
			t.Errorf("story page's category does not link its view:\n%s", story.body)
		}
		r = do(t, http.MethodGet, ts.URL+"/api/stories?category=Local", nil, "")
		var page struct {
			Stories []struct {
				ID int64 `json:"id"`
			} `json:"stories"`
		}
		if err := json.Unmarshal([]byte(r.body), &page); err != nil || len(page.Stories) != 1 || page.Stories[0].ID != 7 {
			t.Errorf("GET /api/stories?category=Local = %s (%v), want story 7 alone", r.body, err)
		}
		r = do(t, http.MethodGet, ts.URL+"/api/stories?category="+strings.Repeat("x", 65), nil, "")
		if r.status != http.StatusBadRequest {
			t.Errorf("GET /api/stories with a 65-byte category = %d, want 400", r.status)
		}
		r = do(t, http.MethodGet, ts.URL+"/feeds/stories.atom?category=Local", nil, "")
		if r.status != http.StatusOK || strings.Count(r.body, "<entry>") != 1 || !strings.Contains(r.body, "/stories/7") ||
			!strings.Contains(r.body, "stories.atom?category=Local</id>") {
			t.Errorf("GET /feeds/stories.atom?category=Local = %d, want one entry, its own id:\n%s", r.status, r.body)
		}
		// A source may be given a 64-byte category: its list and feed
		// must be reachable; one byte more is no source's.
		for path, status := range map[string]int{
			"/?category=" + strings.Repeat("x", 64):                   http.StatusOK,
			"/feeds/stories.atom?category=" + strings.Repeat("x", 64): http.StatusOK,
			"/feeds/stories.atom?category=" + strings.Repeat("x", 65): http.StatusBadRequest,
		} {
			if r := do(t, http.MethodGet, ts.URL+path, nil, ""); r.status != status {
				t.Errorf("GET %s = %d, want %d", path, r.status, status)
			}
		}
		// An empty category is not an empty desk: its page must not say
		// that no story has come in yet from the subscribed sources.
		r = do(t, http.MethodGet, ts.URL+"/?category=Sport", nil, "")
		if !strings.Contains(r.body, `<p class="empty">No stories in Sport. <a href="/">See all stories</a>.</p>`) ||
			strings.Contains(r.body, "No stories yet") {
			t.Errorf("GET /?category=Sport does not say the category is empty:\n%s", r.body)
		}
		r = do(t, http.MethodGet, ts.URL+"/feeds/stories.atom?category=Sport", nil, "")
		if strings.Contains(r.body, "<entry>") {
			t.Errorf("feed of an empty category has entries:\n%s", r.body)
		}
	})
}

// TestMenuFeedLink checks that the menu's "Feed" links the feed of the
// page it is on, where the page has one (a category's list), and the
// feed of every story elsewhere, and that it is the feed the page's head
// announces first: on /?category=Local the menu linked the feed of all
// stories while the head announced Local's.
func TestMenuFeedLink(t *testing.T) {
	t.Parallel()
	nav := regexp.MustCompile(`(?s)<nav class="nav"[^>]*>.*?<a href="([^"]*)"[^>]*>Feed(.*?)</a>`)
	head := regexp.MustCompile(`<link rel="alternate" type="application/atom\+xml" title="[^"]*" href="([^"]*)">`)
	tests := []struct {
		path, feed string
		named      string // the category the link's name gives, visually hidden
	}{
		{"/", "/feeds/stories.atom", ""},
		{"/?category=Local", "/feeds/stories.atom?category=Local", "Local"},
		{"/?category=Local&limit=1", "/feeds/stories.atom?category=Local", "Local"},
		{"/?category=R%26D+%2F+x", "/feeds/stories.atom?category=R%26D+%2F+x", "R&amp;D / x"},
		{"/stories/7", "/feeds/stories.atom", ""}, // a story, a thread: no feed of their own
		{"/threads/5", "/feeds/stories.atom", ""},
		{"/sources", "/feeds/stories.atom", ""},
		{"/search?q=flood", "/feeds/stories.atom", ""},
	}
	ts := newTestServer(t, Config{}, fixtureStore())
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			t.Parallel()
			r := do(t, http.MethodGet, ts.URL+tt.path, nil, "")
			if r.status != http.StatusOK {
				t.Fatalf("GET %s = %d", tt.path, r.status)
			}
			m := nav.FindStringSubmatch(r.body)
			if m == nil {
				t.Fatalf("GET %s: no Feed link in the menu:\n%s", tt.path, r.body)
			}
			if got := html.UnescapeString(m[1]); got != tt.feed {
				t.Errorf("GET %s: menu's Feed links %q, want %q", tt.path, got, tt.feed)
			}
			if tt.named != "" && !strings.Contains(m[2], tt.named) {
				t.Errorf("GET %s: menu's Feed link %q does not name %q", tt.path, m[0], tt.named)
			}
			if first := head.FindStringSubmatch(r.body); first == nil || first[1] != m[1] {
				t.Errorf("GET %s: head's first feed %q, menu's %q: want the same", tt.path, first, m[1])
			}
		})
	}
}
