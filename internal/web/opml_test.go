package web

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/newsdesk/newsdesk/internal/feed"
	"github.com/newsdesk/newsdesk/internal/news"
)

// importOPML is testdata/import.opml: a new feed, one already subscribed
// under another spelling, a title over two lines, a URL with a password,
// an ftp URL and the new feed again.
func importOPML(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "import.opml"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// wantImport is what importing testdata/import.opml into the fixture
// adds and skips.
var (
	wantImportAdded   = []string{"https://gazette.example/rss", "https://courier.example/feed.xml"}
	wantImportSkipped = []ImportSkipped{
		{URL: "https://stadtblatt.example/feed.xml", Reason: "already subscribed"},
		{URL: "https://user:xxxxx@private.example/feed", Reason: "url must not contain a user name or password"},
		{URL: "ftp://files.example/feed.xml", Reason: "url must start with http:// or https://"},
		{URL: "https://gazette.example/rss", Reason: "already subscribed"},
	}
)

// TestOPMLExport checks GET /sources.opml: the feeds as OPML 2.0, named
// and labelled for download, readable without a token, pages left out
// and said to be.
func TestOPMLExport(t *testing.T) {
	t.Parallel()
	eachStore(t, func(t *testing.T, st Store) {
		if _, err := st.AddSource(t.Context(), news.Source{Kind: news.SourcePage, URL: "https://page.example/one-story", Status: news.StatusNew, CreatedAt: t0}); err != nil {
			t.Fatal(err)
		}
		ts := newTestServer(t, Config{}, st)
		r := do(t, "GET", ts.URL+"/sources.opml", nil, "")
		if r.status != 200 {
			t.Fatalf("status %d: %s", r.status, r.body)
		}
		for h, want := range map[string]string{
			"Content-Type":            "text/x-opml; charset=utf-8",
			"Content-Disposition":     `attachment; filename="newsdesk-subscriptions.opml"`,
			"Content-Security-Policy": ContentSecurityPolicy,
		} {
			if got := r.header.Get(h); got != want {
				t.Errorf("%s %q, want %q", h, got, want)
			}
		}
		if !strings.Contains(r.body, `<opml version="2.0">`) || !strings.Contains(r.body, "<!-- 1 page source left out: an OPML list holds feeds only -->") {
			t.Errorf("body:\n%s", r.body)
		}
		// One implementation with "newsdesk sources export".
		srcs, err := st.Sources(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		var want bytes.Buffer
		if err := feed.WriteOPML(&want, OPMLTitle, srcs); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want.String(), r.body); diff != "" {
			t.Errorf("body differs from feed.WriteOPML's (-want +got):\n%s", diff)
		}
		got, err := feed.ParseOPML(strings.NewReader(r.body))
		if err != nil {
			t.Fatal(err)
		}
		var urls []string
		for _, s := range got {
			urls = append(urls, s.URL)
		}
		if diff := cmp.Diff([]string{"https://stadtblatt.example/feed.xml", "https://rivertimes.example/rss"}, urls); diff != "" {
			t.Errorf("exported feeds (-want +got):\n%s", diff)
		}

		page := do(t, "GET", ts.URL+"/sources", nil, "").body
		for _, want := range []string{`href="/sources.opml"`, `<form method="post" action="/sources/import" enctype="multipart/form-data">`, `type="file" name="opml"`} {
			if !strings.Contains(page, want) {
				t.Errorf("sources page lacks %q", want)
			}
		}
	})
}

// TestImportSourcesAPI checks POST /api/sources/import: what it adds and
// skips, and each way it refuses a request, with nothing added.
func TestImportSourcesAPI(t *testing.T) {
	t.Parallel()
	doc := importOPML(t)
	auth := "Bearer " + testToken
	tests := []struct {
		name   string
		token  string // configured
		header map[string]string
		body   string
		status int
		errMsg string // the error's text, for a refusal
	}{
		{"imported", testToken, map[string]string{"Authorization": auth, "Content-Type": "text/x-opml"}, doc, 200, ""},
		{"application/xml", testToken, map[string]string{"Authorization": auth, "Content-Type": "application/xml; charset=utf-8"}, doc, 200, ""},
		{"text/xml", testToken, map[string]string{"Authorization": auth, "Content-Type": "Text/XML"}, doc, 200, ""},
		{"no token configured", "", map[string]string{"Authorization": auth, "Content-Type": "text/x-opml"}, doc, 403, "writes are disabled: no API token is configured; start the server with NEWSDESK_API_TOKEN set"},
		{"no token", testToken, map[string]string{"Content-Type": "text/x-opml"}, doc, 401, "missing or wrong API token"},
		{"wrong token", testToken, map[string]string{"Authorization": "Bearer nope", "Content-Type": "text/x-opml"}, doc, 401, "missing or wrong API token"},
		{"cross-origin", testToken, map[string]string{"Authorization": auth, "Content-Type": "text/x-opml", "Origin": "https://evil.example"}, doc, 403, "cross-origin requests may not change anything"},
		{"JSON", testToken, map[string]string{"Authorization": auth, "Content-Type": "application/json"}, doc, 415, "send the OPML list as application/xml, text/xml or text/x-opml"},
		{"form", testToken, map[string]string{"Authorization": auth, "Content-Type": "application/x-www-form-urlencoded"}, doc, 415, "send the OPML list as application/xml, text/xml or text/x-opml"},
		{"no type", testToken, map[string]string{"Authorization": auth}, doc, 415, "send the OPML list as application/xml, text/xml or text/x-opml"},
		{"oversized", testToken, map[string]string{"Authorization": auth, "Content-Type": "text/x-opml"},
			strings.Replace(doc, "<body>", "<body><!--"+strings.Repeat("x", MaxOPMLBody)+"-->", 1), 413, fmt.Sprintf("request body is larger than %d bytes", MaxOPMLBody)},
		{"bad XML", testToken, map[string]string{"Authorization": auth, "Content-Type": "text/x-opml"}, doc[:len(doc)/2], 400, "not an OPML subscription list: XML syntax error on line 7: unexpected EOF"},
		{"not OPML", testToken, map[string]string{"Authorization": auth, "Content-Type": "application/xml"}, `<rss version="2.0"><channel/></rss>`, 400, "not an OPML subscription list: expected element type <opml> but have <rss>"},
		{"empty", testToken, map[string]string{"Authorization": auth, "Content-Type": "application/xml"}, " ", 400, "not an OPML subscription list: empty document or not XML"},
		{"too many feeds", testToken, map[string]string{"Authorization": auth, "Content-Type": "text/x-opml"}, manyFeeds(MaxImportFeeds + 1), 413, "the list has more than 2000 feeds: split it into smaller lists"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			st := sqliteFixture(t)
			var hooked []string
			var mu sync.Mutex
			ts := newTestServer(t, Config{APIToken: tt.token, OnSourceAdded: func(_ context.Context, s news.Source) {
				mu.Lock()
				defer mu.Unlock()
				hooked = append(hooked, s.URL)
			}}, st)
			r := do(t, "POST", ts.URL+"/api/sources/import", tt.header, tt.body)
			if r.status != tt.status {
				t.Fatalf("status %d, want %d: %s", r.status, tt.status, r.body)
			}
			if ct := r.header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
				t.Errorf("Content-Type %q", ct)
			}
			srcs, err := st.Sources(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			if tt.status != 200 {
				var e apiError
				if err := json.Unmarshal([]byte(r.body), &e); err != nil || e.Error != tt.errMsg {
					t.Errorf("error %q (%v), want %q", e.Error, err, tt.errMsg)
				}
				if len(srcs) != 2 || len(hooked) != 0 {
					t.Errorf("refused, yet the store has %d sources (want the fixture's 2), %d hooked", len(srcs), len(hooked))
				}
				return
			}
			if strings.Contains(r.body, "secret") {
				t.Errorf("answer shows an outline's password:\n%s", r.body)
			}
			var res ImportResult
			if err := json.Unmarshal([]byte(r.body), &res); err != nil {
				t.Fatal(err)
			}
			checkImported(t, res, srcs)
			if diff := cmp.Diff(wantImportAdded, hooked); diff != "" {
				t.Errorf("OnSourceAdded (-want +got):\n%s", diff)
			}
		})
	}
}

// checkImported checks the result of importing testdata/import.opml into
// the fixture, and srcs, the store's sources after it.
func checkImported(t *testing.T, res ImportResult, srcs []news.Source) {
	t.Helper()
	var added []string
	for _, s := range res.Added {
		added = append(added, s.URL)
		if s.ID == 0 || s.Kind != news.SourceFeed || s.CreatedAt.IsZero() {
			t.Errorf("added %+v", s)
		}
	}
	if diff := cmp.Diff(wantImportAdded, added); diff != "" {
		t.Errorf("added (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(wantImportSkipped, res.Skipped); diff != "" {
		t.Errorf("skipped (-want +got):\n%s", diff)
	}
	wantRepaired := []ImportSkipped{{URL: "https://courier.example/feed.xml", Reason: "name: made one line of printable text"}}
	if diff := cmp.Diff(wantRepaired, res.Repaired); diff != "" {
		t.Errorf("repaired (-want +got):\n%s", diff)
	}
	i := slices.IndexFunc(srcs, func(s news.Source) bool { return s.URL == "https://gazette.example/rss" })
	if i < 0 || len(srcs) != 4 {
		t.Fatalf("store has %d sources, want 4 with the gazette: %+v", len(srcs), srcs)
	}
	if g := srcs[i]; g.Name != "Harbour Gazette" || g.Category != "World" || g.Lang != "en" || g.HomeURL != "https://gazette.example/" {
		t.Errorf("gazette stored as %+v", g)
	}
}

// manyFeeds is an OPML list of n feeds.
func manyFeeds(n int) string {
	var b strings.Builder
	b.WriteString(`<opml version="2.0"><head><title>many</title></head><body>`)
	for i := range n {
		fmt.Fprintf(&b, `<outline text="f%d" xmlUrl="https://many.example/%d.xml"/>`, i, i)
	}
	b.WriteString(`</body></opml>`)
	return b.String()
}

// multipartImport is the sources page's import form: the OPML file, if
// any, and the token.
func multipartImport(t *testing.T, file *string, token string) (body *bytes.Buffer, contentType string) {
	t.Helper()
	body = &bytes.Buffer{}
	mw := multipart.NewWriter(body)
	if err := mw.WriteField("token", token); err != nil {
		t.Fatal(err)
	}
	if file != nil {
		fw, err := mw.CreateFormFile("opml", "subscriptions.opml")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(fw, *file); err != nil {
			t.Fatal(err)
		}
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	return body, mw.FormDataContentType()
}

// TestImportForm checks the sources page's import form posted without
// script: a page listing what was added and skipped, or an error page
// saying why nothing was.
func TestImportForm(t *testing.T) {
	t.Parallel()
	doc := importOPML(t)
	bad := doc[:len(doc)/2]
	big := strings.Replace(doc, "<body>", "<body><!--"+strings.Repeat("x", MaxRequestBody)+"-->", 1)
	tests := []struct {
		name     string
		token    string // configured
		sent     string // the form's token
		file     *string
		header   map[string]string
		status   int
		contains []string
	}{
		{"imported", testToken, testToken, &doc, nil, 200, []string{
			"2 feeds added, 4 outlines skipped.",
			`<strong>Harbour Gazette</strong> <a class="url" href="/sources#source-`,
			"https://user:xxxxx@private.example/feed</span>: <span class=\"error-text\">url must not contain a user name or password",
			"https://stadtblatt.example/feed.xml</span>: <span class=\"error-text\">already subscribed",
			"name: made one line of printable text",
		}},
		{"no token configured", "", testToken, &doc, nil, 403, []string{"no API token is configured. Restart newsdesk with NEWSDESK_API_TOKEN set to allow it."}},
		{"wrong token", testToken, "nope", &doc, nil, 401, []string{"The API token is missing or wrong."}},
		{"no token", testToken, "", &doc, nil, 401, []string{"The API token is missing or wrong."}},
		{"cross-origin", testToken, testToken, &doc, map[string]string{"Origin": "https://evil.example"}, 403, []string{"cross-origin"}},
		{"no file", testToken, testToken, nil, nil, 400, []string{"Choose an OPML file to import."}},
		{"bad XML", testToken, testToken, &bad, nil, 400, []string{"Nothing imported: not an OPML subscription list: XML syntax error on line 7: unexpected EOF."}},
		{"oversized", testToken, testToken, &big, nil, 413, []string{"The file is too large to import: the form takes at most 1024 KiB."}},
		{"not multipart", testToken, testToken, &doc, map[string]string{"Content-Type": "text/x-opml"}, 415, []string{"Send the form as multipart/form-data, with its OPML file."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			st := sqliteFixture(t)
			ts := newTestServer(t, Config{APIToken: tt.token}, st)
			body, ct := multipartImport(t, tt.file, tt.sent)
			hdr := map[string]string{"Content-Type": ct}
			for k, v := range tt.header {
				hdr[k] = v
			}
			r := do(t, "POST", ts.URL+"/sources/import", hdr, body.String())
			if r.status != tt.status {
				t.Fatalf("status %d, want %d: %s", r.status, tt.status, r.body)
			}
			for _, want := range tt.contains {
				if !strings.Contains(r.body, want) {
					t.Errorf("answer lacks %q:\n%s", want, r.body)
				}
			}
			if strings.Contains(r.body, "secret") {
				t.Errorf("answer shows an outline's password:\n%s", r.body)
			}
			srcs, err := st.Sources(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			if want := map[bool]int{true: 4, false: 2}[tt.status == 200]; len(srcs) != want {
				t.Errorf("store has %d sources, want %d", len(srcs), want)
			}
		})
	}
}

// TestOPMLRoundTripHTTP exports one desk's feeds over HTTP and imports
// them into another's: the same feeds, with their names, languages,
// categories and home pages.
func TestOPMLRoundTripHTTP(t *testing.T) {
	t.Parallel()
	from := sqliteFixture(t)
	for _, s := range []news.Source{
		{Kind: news.SourceFeed, URL: "https://gazette.example/rss", Name: "Harbour Gazette", Lang: "en-GB", Category: "World", HomeURL: "https://gazette.example/"},
		{Kind: news.SourceFeed, URL: "https://unnamed.example/feed"}, // not polled yet
		{Kind: news.SourcePage, URL: "https://page.example/story"},
	} {
		s.Status, s.CreatedAt = news.StatusNew, t0
		if _, err := from.AddSource(t.Context(), s); err != nil {
			t.Fatal(err)
		}
	}
	src := newTestServer(t, Config{}, from)
	exported := do(t, "GET", src.URL+"/sources.opml", nil, "")
	if exported.status != 200 {
		t.Fatalf("export: %d %s", exported.status, exported.body)
	}

	to := sqliteFixture(t)
	// An empty desk: the fixture's two feeds removed.
	for _, id := range []int64{1, 2} {
		if err := to.DeleteSource(t.Context(), id); err != nil {
			t.Fatal(err)
		}
	}
	dst := newTestServer(t, Config{APIToken: testToken}, to)
	r := do(t, "POST", dst.URL+"/api/sources/import", map[string]string{"Authorization": "Bearer " + testToken, "Content-Type": "text/x-opml"}, exported.body)
	if r.status != 200 {
		t.Fatalf("import: %d %s", r.status, r.body)
	}
	var res ImportResult
	if err := json.Unmarshal([]byte(r.body), &res); err != nil {
		t.Fatal(err)
	}
	if len(res.Skipped) != 0 || len(res.Repaired) != 0 {
		t.Errorf("skipped %+v, repaired %+v", res.Skipped, res.Repaired)
	}

	type feedFields struct{ URL, Name, Lang, Category, HomeURL string }
	feeds := func(st Store) []feedFields {
		srcs, err := st.Sources(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		var out []feedFields
		for _, s := range srcs {
			if s.Kind == news.SourceFeed {
				out = append(out, feedFields{s.URL, s.Name, s.Lang, s.Category, s.HomeURL})
			}
		}
		slices.SortFunc(out, func(a, b feedFields) int { return strings.Compare(a.URL, b.URL) })
		return out
	}
	want := feeds(from)
	if len(want) != 4 {
		t.Fatalf("exporting desk has %d feeds, want 4", len(want))
	}
	if diff := cmp.Diff(want, feeds(to)); diff != "" {
		t.Errorf("feeds after the round trip (-exported +imported):\n%s", diff)
	}
	// Importing the same list again adds nothing.
	r = do(t, "POST", dst.URL+"/api/sources/import", map[string]string{"Authorization": "Bearer " + testToken, "Content-Type": "text/x-opml"}, exported.body)
	if err := json.Unmarshal([]byte(r.body), &res); err != nil || len(res.Added) != 0 || len(res.Skipped) != 4 {
		t.Errorf("second import: %d %s", r.status, r.body)
	}
}

// TestImportResultShape: the import's answer always has its three lists,
// empty ones as [], as docs/web.md shows it; "repaired" was left out when
// nothing was repaired, though "skipped" was [] when nothing was skipped,
// so a client reading res.repaired.length failed on a clean list.
func TestImportResultShape(t *testing.T) {
	t.Parallel()
	const clean = `<opml version="2.0"><head><title>t</title></head><body><outline text="Clean" type="rss" xmlUrl="https://clean.example/feed.xml"/></body></opml>`
	ts := newTestServer(t, Config{APIToken: testToken}, sqliteFixture(t))
	r := do(t, "POST", ts.URL+"/api/sources/import", map[string]string{"Authorization": "Bearer " + testToken, "Content-Type": "text/x-opml"}, clean)
	if r.status != 200 {
		t.Fatalf("status %d: %s", r.status, r.body)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal([]byte(r.body), &raw); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for k, v := range raw {
		if k == "added" {
			continue
		}
		got[k] = strings.Join(strings.Fields(string(v)), "")
	}
	want := map[string]string{"skipped": "[]", "repaired": "[]"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("lists besides added (-want +got):\n%s", diff)
	}
	if _, ok := raw["added"]; !ok {
		t.Errorf("no added in %s", r.body)
	}
}
