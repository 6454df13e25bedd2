package web

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"html"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/newsdesk/newsdesk/internal/news"
)

const testToken = "s3cret-token"

// newTestServer serves a fixture store on loopback.
func newTestServer(t *testing.T, cfg Config, st Store) *httptest.Server {
	t.Helper()
	s, err := New(cfg, st, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	return ts
}

type response struct {
	status int
	header http.Header
	body   string
}

func do(t *testing.T, method, url string, header map[string]string, body string) response {
	t.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req, err := http.NewRequestWithContext(t.Context(), method, url, r)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return response{status: resp.StatusCode, header: resp.Header, body: string(b)}
}

func TestRoutes(t *testing.T) {
	t.Parallel()
	eachStore(t, func(t *testing.T, st Store) {
		ts := newTestServer(t, Config{APIToken: testToken}, st)
		tests := []struct {
			name        string
			method      string
			path        string
			status      int
			contentType string
			contains    []string
		}{
			{"index", "GET", "/", 200, "text/html", []string{"Top stories", `href="/stories/7"`, `href="/stories/8"`, "briefing pending"}},
			{"story", "GET", "/stories/7", 200, "text/html", []string{`id="copy-link"`, "Sources differ"}},
			{"unbriefed story", "GET", "/stories/8", 200, "text/html", []string{"has not been written yet", `href="/articles/3"`}},
			{"missing story", "GET", "/stories/99", 404, "text/html", []string{"no such story"}},
			{"bad story id", "GET", "/stories/x7", 400, "text/html", []string{"the story number in it must be a positive whole number"}},
			{"article", "GET", "/articles/2", 200, "text/html", []string{"feed-only", "page blocked by robots.txt"}},
			{"missing article", "GET", "/articles/99", 404, "text/html", nil},
			{"sources", "GET", "/sources", 200, "text/html", []string{"Stadtblatt", "fetch: 503 Service Unavailable", "3 in a row", "Articles not read in full", "page blocked by robots.txt"}},
			{"unknown page", "GET", "/nope", 404, "text/html", []string{"no page at this address"}},
			{"page wrong method", "POST", "/sources", 405, "text/html", []string{"can only be read"}},
			{"story wrong method", "DELETE", "/stories/7", 405, "text/html", []string{"can only be read"}},
			{"index wrong method", "PUT", "/", 405, "text/html", []string{"can only be read"}},
			{"unknown page wrong method", "POST", "/nope", 404, "text/html", []string{"no page at this address"}},
			{"edit form read", "GET", "/sources/1", 405, "text/html", []string{"only takes the sources page&#39;s forms", "Back to the sources page"}},
			{"import form read", "GET", "/sources/import", 405, "text/html", []string{"only takes the sources page&#39;s forms", "Back to the sources page"}},
			{"edit form head", "HEAD", "/sources/1", 405, "text/html", nil},
			{"edit form other method", "OPTIONS", "/sources/1", 405, "text/html", []string{"only takes the sources page&#39;s forms"}},
			{"import form other method", "DELETE", "/sources/import", 405, "text/html", []string{"only takes the sources page&#39;s forms"}},
			{"style", "GET", "/static/style.css", 200, "text/css", []string{"--serif"}},
			{"script", "GET", "/static/app.js", 200, "text/javascript", []string{"copy-link"}},
			{"favicon", "GET", "/static/favicon.svg", 200, "image/svg+xml", []string{"<svg"}},
			{"no static listing", "GET", "/static/", 404, "text/html", nil},
			{"no static traversal", "GET", "/static/..%2fweb.go", 404, "text/plain", nil},
			{"atom", "GET", "/feeds/stories.atom", 200, "application/atom+xml", []string{"<feed"}},
			{"api stories", "GET", "/api/stories", 200, "application/json", []string{`"stories"`}},
			{"api story", "GET", "/api/stories/7", 200, "application/json", []string{`"sections"`}},
			{"api story missing", "GET", "/api/stories/99", 404, "application/json", []string{`"error": "story not found"`}},
			{"api story bad id", "GET", "/api/stories/-1", 400, "application/json", []string{`"error"`}},
			{"api article", "GET", "/api/articles/1", 200, "application/json", []string{`"text"`, `"extraction_status": "full"`}},
			{"api article missing", "GET", "/api/articles/99", 404, "application/json", []string{`"error"`}},
			{"api sources", "GET", "/api/sources", 200, "application/json", []string{`"last_error"`}},
			{"api source", "GET", "/api/sources/1", 200, "application/json", []string{`"Stadtblatt"`}},
			{"api source articles", "GET", "/api/sources/2/articles", 200, "application/json", []string{`"extraction_status": "feed-only"`, `"Ferry service resumes"`, `"thread_id": 5`}},
			{"api source articles missing", "GET", "/api/sources/99/articles", 404, "application/json", []string{`"error": "source not found"`}},
			{"api unknown", "GET", "/api/nope", 404, "application/json", []string{`"error": "no such API endpoint"`}},
			{"api wrong method", "PUT", "/api/stories", 405, "application/json", []string{`"error"`}},
			{"api head", "HEAD", "/api/stories", 200, "application/json", nil},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				t.Parallel()
				r := do(t, tt.method, ts.URL+tt.path, nil, "")
				if r.status != tt.status {
					t.Errorf("%s %s: status %d, want %d; body %s", tt.method, tt.path, r.status, tt.status, r.body)
				}
				if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, tt.contentType) {
					t.Errorf("%s %s: Content-Type %q, want %s", tt.method, tt.path, ct, tt.contentType)
				}
				for _, want := range tt.contains {
					if !strings.Contains(r.body, want) {
						t.Errorf("%s %s: body lacks %q", tt.method, tt.path, want)
					}
				}
				if tt.status == http.StatusMethodNotAllowed && r.header.Get("Allow") == "" {
					t.Errorf("%s %s: 405 without Allow", tt.method, tt.path)
				}
				if allow := r.header.Get("Allow"); strings.HasPrefix(tt.path, "/sources/") && tt.status == http.StatusMethodNotAllowed && allow != "POST" {
					t.Errorf("%s %s: Allow %q, want POST", tt.method, tt.path, allow)
				}
				if got := r.header.Get("Content-Security-Policy"); got != ContentSecurityPolicy {
					t.Errorf("%s %s: CSP %q", tt.method, tt.path, got)
				}
				if got := r.header.Get("X-Content-Type-Options"); got != "nosniff" {
					t.Errorf("%s %s: X-Content-Type-Options %q", tt.method, tt.path, got)
				}
				if got := r.header.Get("Referrer-Policy"); got == "" {
					t.Errorf("%s %s: no Referrer-Policy", tt.method, tt.path)
				}
			})
		}
	})
}

func TestAPIStoriesRanked(t *testing.T) {
	t.Parallel()
	eachStore(t, func(t *testing.T, st Store) {
		ts := newTestServer(t, Config{BaseURL: "https://news.example.org/"}, st)
		r := do(t, "GET", ts.URL+"/api/stories", nil, "")
		var got struct {
			Stories []struct {
				ID          int64  `json:"id"`
				Title       string `json:"title"`
				SourceCount int    `json:"source_count"`
				URL         string `json:"url"`
			} `json:"stories"`
		}
		if err := json.Unmarshal([]byte(r.body), &got); err != nil {
			t.Fatal(err)
		}
		want := []struct {
			ID          int64  `json:"id"`
			Title       string `json:"title"`
			SourceCount int    `json:"source_count"`
			URL         string `json:"url"`
		}{
			{7, "Bridge closed <script>alert('x')</script> & repairs begin", 2, "https://news.example.org/stories/7"},
			{8, "Ferry service resumes", 1, "https://news.example.org/stories/8"},
		}
		if diff := cmp.Diff(want, got.Stories); diff != "" {
			t.Errorf("stories (-want +got):\n%s", diff)
		}
	})
}

func TestAPIStoryIsBriefingJSON(t *testing.T) {
	t.Parallel()
	eachStore(t, func(t *testing.T, st Store) {
		ts := newTestServer(t, Config{}, st)
		r := do(t, "GET", ts.URL+"/api/stories/7", nil, "")
		if r.status != 200 {
			t.Fatalf("status %d: %s", r.status, r.body)
		}
		// The sections must round-trip as a news.Briefing.
		var b news.Briefing
		if err := json.Unmarshal([]byte(r.body), &b); err != nil {
			t.Fatal(err)
		}
		// Items that cite nothing have an empty list where the stored
		// briefing has none.
		if diff := cmp.Diff(fixtureBriefing(), b, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("briefing (-want +got):\n%s", diff)
		}
		if strings.Contains(r.body, `"citations": null`) {
			t.Errorf("an item's citations are null, want a list:\n%s", r.body)
		}
		var fields map[string]any
		if err := json.Unmarshal([]byte(r.body), &fields); err != nil {
			t.Fatal(err)
		}
		for k, want := range map[string]any{"id": 7.0, "title": "Bridge closed <script>alert('x')</script> & repairs begin", "source_count": 2.0, "briefed": true, "story_id": 7.0} {
			if got := fields[k]; got != want {
				t.Errorf("field %s = %v, want %v", k, got, want)
			}
		}
		sec := fields["sections"].([]any)[3].(map[string]any)
		if got := sec["kind"]; got != "summary" {
			t.Errorf("sections[3].kind = %v", got)
		}
		item := sec["items"].([]any)[0].(map[string]any)
		wantItem := map[string]any{
			"text":      "Die Brücke über den Fluss wurde am Montag gesperrt.",
			"citations": []any{map[string]any{"article_id": 1.0, "start": 0.0, "end": 53.0}},
		}
		if diff := cmp.Diff(wantItem, item); diff != "" {
			t.Errorf("summary item (-want +got):\n%s", diff)
		}

		// A story without a briefing has empty sections, not null.
		r = do(t, "GET", ts.URL+"/api/stories/8", nil, "")
		if !strings.Contains(r.body, `"sections": []`) || !strings.Contains(r.body, `"briefed": false`) {
			t.Errorf("unbriefed story: %s", r.body)
		}
	})
}

func TestAPIArticleShape(t *testing.T) {
	t.Parallel()
	eachStore(t, func(t *testing.T, st Store) {
		ts := newTestServer(t, Config{}, st)
		r := do(t, "GET", ts.URL+"/api/articles/2", nil, "")
		var got news.Article
		if err := json.Unmarshal([]byte(r.body), &got); err != nil {
			t.Fatal(err)
		}
		want := fixtureStore().articles[2]
		want.ThreadID = 5 // its story's thread, not the one it was grouped in
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("article (-want +got):\n%s", diff)
		}
	})
}

func TestAPIErrorsHideInternals(t *testing.T) {
	t.Parallel()
	st := fixtureStore()
	st.failAll = true
	ts := newTestServer(t, Config{APIToken: testToken}, st)
	for _, path := range []string{"/api/stories", "/api/stories/7", "/api/articles/1", "/api/sources", "/", "/stories/7", "/sources"} {
		r := do(t, "GET", ts.URL+path, nil, "")
		if r.status != 500 {
			t.Errorf("%s: status %d, want 500", path, r.status)
		}
		if strings.Contains(r.body, "secret.db") || strings.Contains(r.body, "fire") {
			t.Errorf("%s: body shows the internal error: %s", path, r.body)
		}
	}
	r := do(t, "GET", ts.URL+"/api/sources", nil, "")
	if diff := cmp.Diff(`{"error":"internal error"}`, compactJSON(t, r.body)); diff != "" {
		t.Errorf("error body (-want +got):\n%s", diff)
	}
}

func compactJSON(t *testing.T, s string) string {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatalf("not JSON: %v: %s", err, s)
	}
	b, _ := json.Marshal(v)
	return string(b)
}

func TestWritesAuth(t *testing.T) {
	t.Parallel()
	const body = `{"url": "https://new.example/feed.xml", "name": "New", "lang": "pt-br", "category": "World"}`
	tests := []struct {
		name   string
		token  string // configured
		header map[string]string
		method string
		path   string
		body   string
		status int
		errMsg string
	}{
		{"no token configured", "", map[string]string{"Authorization": "Bearer anything"}, "POST", "/api/sources", body, 403, "writes are disabled: no API token is configured; start the server with NEWSDESK_API_TOKEN set"},
		{"missing token", testToken, nil, "POST", "/api/sources", body, 401, "missing or wrong API token"},
		{"wrong token", testToken, map[string]string{"Authorization": "Bearer nope"}, "POST", "/api/sources", body, 401, "missing or wrong API token"},
		{"token prefix", testToken, map[string]string{"Authorization": "Bearer " + testToken[:4]}, "POST", "/api/sources", body, 401, "missing or wrong API token"},
		{"basic scheme", testToken, map[string]string{"Authorization": "Basic " + testToken}, "POST", "/api/sources", body, 401, "missing or wrong API token"},
		{"right token", testToken, map[string]string{"Authorization": "Bearer " + testToken}, "POST", "/api/sources", body, 201, ""},
		{"delete no token configured", "", map[string]string{"Authorization": "Bearer x"}, "DELETE", "/api/sources/1", "", 403, "writes are disabled: no API token is configured; start the server with NEWSDESK_API_TOKEN set"},
		{"delete wrong token", testToken, map[string]string{"Authorization": "Bearer x"}, "DELETE", "/api/sources/1", "", 401, "missing or wrong API token"},
		{"delete right token", testToken, map[string]string{"Authorization": "Bearer " + testToken}, "DELETE", "/api/sources/1", "", 204, ""},
		{"delete missing", testToken, map[string]string{"Authorization": "Bearer " + testToken}, "DELETE", "/api/sources/99", "", 404, "source not found"},
		{"delete bad id", testToken, map[string]string{"Authorization": "Bearer " + testToken}, "DELETE", "/api/sources/abc", "", 400, "source id must be a positive integer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			eachStore(t, func(t *testing.T, st Store) {
				ts := newTestServer(t, Config{APIToken: tt.token}, st)
				r := do(t, tt.method, ts.URL+tt.path, tt.header, tt.body)
				if r.status != tt.status {
					t.Fatalf("status %d, want %d: %s", r.status, tt.status, r.body)
				}
				if tt.errMsg != "" {
					var e apiError
					if err := json.Unmarshal([]byte(r.body), &e); err != nil {
						t.Fatal(err)
					}
					if diff := cmp.Diff(tt.errMsg, e.Error); diff != "" {
						t.Errorf("error (-want +got):\n%s", diff)
					}
				}
				srcs, err := st.Sources(t.Context())
				if err != nil {
					t.Fatal(err)
				}
				wantN := 2
				switch tt.status {
				case 201:
					wantN = 3
				case 204:
					wantN = 1
				}
				if len(srcs) != wantN {
					t.Errorf("store has %d sources, want %d", len(srcs), wantN)
				}
			})
		})
	}
}

func TestAddSource(t *testing.T) {
	t.Parallel()
	eachStore(t, func(t *testing.T, st Store) {
		var (
			mu    sync.Mutex
			added []news.Source
		)
		cfg := Config{APIToken: testToken, OnSourceAdded: func(ctx context.Context, s news.Source) {
			mu.Lock()
			defer mu.Unlock()
			if ctx.Err() != nil {
				t.Errorf("hook context already done: %v", ctx.Err())
			}
			added = append(added, s)
		}}
		ts := newTestServer(t, cfg, st)
		auth := map[string]string{"Authorization": "Bearer " + testToken, "Content-Type": "application/json"}
		r := do(t, "POST", ts.URL+"/api/sources", auth, `{"url": " https://new.example/feed.xml#top ", "lang": "pt-br", "category": "World"}`)
		if r.status != 201 {
			t.Fatalf("status %d: %s", r.status, r.body)
		}
		var got news.Source
		if err := json.Unmarshal([]byte(r.body), &got); err != nil {
			t.Fatal(err)
		}
		// No name: the first poll names the source after the feed's title,
		// which a default name would keep out.
		want := news.Source{Kind: news.SourceFeed, URL: "https://new.example/feed.xml", Lang: "pt-BR", Category: "World", Status: news.StatusNew}
		if diff := cmp.Diff(want, got, cmpIgnoreCreated, cmpIgnoreID); diff != "" {
			t.Errorf("added (-want +got):\n%s", diff)
		}
		if got.CreatedAt.IsZero() || got.ID == 0 {
			t.Errorf("created_at %v, id %d", got.CreatedAt, got.ID)
		}
		if loc, want := r.header.Get("Location"), fmt.Sprintf("/api/sources/%d", got.ID); loc != want {
			t.Errorf("Location %q, want %q", loc, want)
		}
		if stored, err := st.Source(t.Context(), got.ID); err != nil || stored.URL != want.URL {
			t.Errorf("stored %+v, %v", stored, err)
		}
		mu.Lock()
		if len(added) != 1 || added[0].ID != got.ID {
			t.Errorf("hook saw %+v", added)
		}
		mu.Unlock()

		// The same feed written another way is the same source.
		for _, dup := range []string{"https://new.example/feed.xml", "HTTPS://New.Example:443/feed.xml?utm_source=x"} {
			r = do(t, "POST", ts.URL+"/api/sources", auth, `{"url": "`+dup+`"}`)
			if r.status != 409 {
				t.Errorf("duplicate %s: status %d: %s", dup, r.status, r.body)
			}
		}
		// So is a feed an older newsdesk stored as it was given, not in
		// canonical form.
		if _, err := st.AddSource(t.Context(), news.Source{Kind: news.SourceFeed, URL: "https://Old.Example/feed.xml?utm_source=x", Status: news.StatusNew}); err != nil {
			t.Fatal(err)
		}
		r = do(t, "POST", ts.URL+"/api/sources", auth, `{"url": "https://old.example/feed.xml"}`)
		if r.status != 409 {
			t.Errorf("duplicate of a row stored as given: status %d: %s", r.status, r.body)
		}
	})
}

var cmpIgnoreID = cmp.FilterPath(func(p cmp.Path) bool { return p.Last().String() == ".ID" }, cmp.Ignore())

var cmpIgnoreCreated = cmp.FilterPath(func(p cmp.Path) bool { return p.Last().String() == ".CreatedAt" }, cmp.Ignore())

func TestAddSourceValidation(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, Config{APIToken: testToken}, fixtureStore())
	auth := map[string]string{"Authorization": "Bearer " + testToken}
	tests := []struct {
		name   string
		body   string
		ctype  string
		status int
		errMsg string
	}{
		{"empty body", "", "", 400, "request body must be a JSON object {url, name?, kind?, lang?, category?, poll_interval?}"},
		{"not json", "url=x", "", 400, "request body must be a JSON object {url, name?, kind?, lang?, category?, poll_interval?}"},
		{"unknown field", `{"url": "https://a.example/", "admin": true}`, "", 400, `unknown field "admin": request body must be a JSON object {url, name?, kind?, lang?, category?, poll_interval?}`},
		{"unknown field with a quote", `{"url": "https://a.example/", "a\"b": 1}`, "", 400, `unknown field "a\"b": request body must be a JSON object {url, name?, kind?, lang?, category?, poll_interval?}`},
		{"poll interval under a minute", `{"url": "https://a.example/", "poll_interval": "30s"}`, "", 400,
			"poll_interval must be at least 1 minute and at most 7 days, got 30 seconds"},
		{"poll interval over a week", `{"url": "https://a.example/", "poll_interval": "200h"}`, "", 400,
			"poll_interval must be at least 1 minute and at most 7 days, got 8 days 8 hours"},
		{"poll interval negative", `{"url": "https://a.example/", "poll_interval": "-30m"}`, "", 400,
			"poll_interval must be at least 1 minute and at most 7 days, got -30 minutes"},
		{"poll interval not a duration", `{"url": "https://a.example/", "poll_interval": "30"}`, "", 400,
			`poll_interval must be a duration such as "30m" or "2h", got "30"`},
		{"poll interval a number", `{"url": "https://a.example/", "poll_interval": 1800}`, "", 400,
			"request body must be a JSON object {url, name?, kind?, lang?, category?, poll_interval?}"},
		{"poll interval of a page", `{"url": "https://a.example/story.html", "kind": "page", "poll_interval": "30m"}`, "", 400,
			"poll_interval is for feeds: a page is read once"},
		{"poll interval of a minute", `{"url": "https://b.example/", "poll_interval": "1m"}`, "", 201, ""},
		{"two objects", `{"url": "https://a.example/"} {}`, "", 400, "request body must hold one JSON object"},
		{"no url", `{"name": "x"}`, "", 400, "url is required"},
		{"javascript url", `{"url": "javascript:alert(1)"}`, "", 400, "url must start with http:// or https://"},
		{"file url", `{"url": "file:///etc/passwd"}`, "", 400, "url must start with http:// or https://"},
		{"relative url", `{"url": "/feed.xml"}`, "", 400, "url must start with http:// or https://"},
		{"no host", `{"url": "https:///feed.xml"}`, "", 400, "url has no host"},
		{"userinfo", `{"url": "https://u:p@a.example/"}`, "", 400, "url must not contain a user name or password"},
		{"space", `{"url": "https://a.example/a b"}`, "", 400, "url must not contain spaces or control characters"},
		{"bad kind", `{"url": "https://a.example/", "kind": "podcast"}`, "", 400, `kind must be "feed" or "page"`},
		{"bad lang", `{"url": "https://a.example/", "lang": "not a language"}`, "", 400, `lang must be a BCP 47 language tag such as "en" or "pt-BR"`},
		{"control in name", `{"url": "https://a.example/", "name": "a\u0000b"}`, "", 400, "name must be printable text, without line breaks or control characters"},
		{"long name", `{"url": "https://a.example/", "name": "` + strings.Repeat("x", 201) + `"}`, "", 400, "name is longer than 200 bytes"},
		{"long category", `{"url": "https://a.example/", "category": "` + strings.Repeat("x", 65) + `"}`, "", 400, "category is longer than 64 bytes"},
		{"wrong content type", `{"url": "https://a.example/"}`, "text/plain", 415, "send the source as application/json"},
		{"too large", `{"url": "https://a.example/", "name": "` + strings.Repeat("x", MaxSourceBody) + `"}`, "", 413, "request body is larger than 16384 bytes"},
		{"page kind", `{"url": "https://a.example/story.html", "kind": "page"}`, "application/json; charset=utf-8", 201, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := map[string]string{"Authorization": auth["Authorization"]}
			if tt.ctype != "" {
				h["Content-Type"] = tt.ctype
			}
			r := do(t, "POST", ts.URL+"/api/sources", h, tt.body)
			if r.status != tt.status {
				t.Fatalf("status %d, want %d: %s", r.status, tt.status, r.body)
			}
			if tt.errMsg == "" {
				return
			}
			var e apiError
			if err := json.Unmarshal([]byte(r.body), &e); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.errMsg, e.Error); diff != "" {
				t.Errorf("error (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCrossOriginWritesRefused(t *testing.T) {
	t.Parallel()
	eachStore(t, func(t *testing.T, st Store) {
		ts := newTestServer(t, Config{APIToken: testToken}, st)
		auth := "Bearer " + testToken
		tests := []struct {
			name   string
			header map[string]string
			status int
		}{
			{"cross-site fetch", map[string]string{"Sec-Fetch-Site": "cross-site", "Authorization": auth}, 403},
			{"same-site other origin", map[string]string{"Sec-Fetch-Site": "same-site", "Authorization": auth}, 403},
			{"foreign Origin", map[string]string{"Origin": "https://evil.example", "Authorization": auth}, 403},
			{"foreign Origin, same port", map[string]string{"Origin": "http://evil.example:" + ts.URL[strings.LastIndexByte(ts.URL, ':')+1:], "Authorization": auth}, 403},
			{"same origin", map[string]string{"Sec-Fetch-Site": "same-origin", "Authorization": auth}, 201},
			{"matching Origin", map[string]string{"Origin": ts.URL, "Authorization": auth}, 201},
			{"no browser headers (curl)", map[string]string{"Authorization": auth}, 201},
		}
		for i, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				body := fmt.Sprintf(`{"url": "https://feeds%d.example/feed"}`, i)
				r := do(t, "POST", ts.URL+"/api/sources", tt.header, body)
				if r.status != tt.status {
					t.Fatalf("status %d, want %d: %s", r.status, tt.status, r.body)
				}
				if tt.status == 403 && !strings.Contains(r.body, "cross-origin") {
					t.Errorf("body %s", r.body)
				}
			})
		}
		r := do(t, "DELETE", ts.URL+"/api/sources/1", map[string]string{"Origin": "https://evil.example", "Authorization": auth}, "")
		if r.status != 403 {
			t.Errorf("cross-origin DELETE: status %d", r.status)
		}
		if _, err := st.Source(t.Context(), 1); err != nil {
			t.Errorf("source 1 gone after a refused delete: %v", err)
		}
	})
}

func TestUnsafeURLsNeutralised(t *testing.T) {
	t.Parallel()
	st := fixtureStore()
	a := st.articles[2]
	a.URL = "javascript:alert(document.cookie)"
	st.articles[2] = a
	b := st.briefings[7]
	refs := b.Sections[len(b.Sections)-1]
	refs.Items[0].URL = "javascript:alert(1)"
	ts := newTestServer(t, Config{}, st)
	for _, path := range []string{"/articles/2", "/stories/7"} {
		page := do(t, "GET", ts.URL+path, nil, "").body
		if strings.Contains(page, `href="javascript:`) {
			t.Errorf("%s links a javascript: URL", path)
		}
	}
}

func TestHTMLEscaping(t *testing.T) {
	t.Parallel()
	eachStore(t, func(t *testing.T, st Store) {
		ts := newTestServer(t, Config{}, st)
		for _, path := range []string{"/", "/stories/7", "/articles/2", "/sources"} {
			r := do(t, "GET", ts.URL+path, nil, "")
			if strings.Contains(r.body, "<script>alert") || strings.Contains(r.body, "<b>") {
				t.Errorf("%s: unescaped markup from stored text", path)
			}
			// Our only script is the external file.
			if n := strings.Count(r.body, "<script"); n != 1 || !strings.Contains(r.body, `<script src="/static/app.js" defer></script>`) {
				t.Errorf("%s: %d script tags", path, n)
			}
			if strings.Contains(r.body, "style=") || strings.Contains(r.body, "<style") {
				t.Errorf("%s: inline style breaks the CSP", path)
			}
		}
		r := do(t, "GET", ts.URL+"/stories/7", nil, "")
		if !strings.Contains(r.body, "Bridge closed &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; repairs begin") {
			t.Errorf("story headline not escaped as text")
		}
	})
}

// markRe finds the highlighted passage; the template writes it verbatim.
func markedText(t *testing.T, page string) string {
	t.Helper()
	_, rest, ok := strings.Cut(page, `<mark id="hl">`)
	if !ok {
		t.Fatal("no <mark id=\"hl\"> in page")
	}
	inner, _, ok := strings.Cut(rest, "</mark>")
	if !ok {
		t.Fatal("unclosed mark")
	}
	return html.UnescapeString(inner)
}

func TestStoryPageCitationsHighlight(t *testing.T) {
	t.Parallel()
	eachStore(t, func(t *testing.T, st Store) {
		ts := newTestServer(t, Config{}, st)
		page := do(t, "GET", ts.URL+"/stories/7", nil, "").body
		b := fixtureBriefing()
		var all []news.Citation
		for _, s := range b.Sections {
			for _, it := range s.Items {
				all = append(all, it.Citations...)
				if it.Figure != nil {
					all = append(all, it.Figure.Citation)
				}
				for _, v := range it.Variants {
					all = append(all, v.Citations...)
					if v.Figure != nil {
						all = append(all, v.Figure.Citation)
					}
				}
			}
		}
		for _, c := range all {
			href := articleHref(c)
			if !strings.Contains(page, `href="`+html.EscapeString(href)+`"`) {
				t.Errorf("story page lacks a marker linking %s", href)
				continue
			}
			a := fixtureStore().articles[c.ArticleID]
			got := markedText(t, do(t, "GET", ts.URL+href, nil, "").body)
			if want := c.Span().Of(a.Text); got != want {
				t.Errorf("%s highlights %q, want %q", href, got, want)
			}
		}
	})
}

func TestArticleHighlight(t *testing.T) {
	t.Parallel()
	eachStore(t, func(t *testing.T, st Store) {
		ts := newTestServer(t, Config{}, st)
		quote := span(textA, "Wir prüfen jede Schraube")
		tokyo := span(textA, "東京")
		tests := []struct {
			name string
			hl   string
			want string // marked text; "" for no highlight
			bad  bool
		}{
			{"quote with umlaut", HighlightFormat(quote), "Wir prüfen jede Schraube", false},
			{"kanji", HighlightFormat(tokyo), "東京", false},
			{"whole text", HighlightFormat(news.Span{Start: 0, End: len(textA)}), textA, false},
			{"inside a kanji", HighlightFormat(news.Span{Start: tokyo.Start + 1, End: tokyo.End}), "", true},
			{"ends inside a kanji", HighlightFormat(news.Span{Start: tokyo.Start, End: tokyo.End - 1}), "", true},
			{"past the end", HighlightFormat(news.Span{Start: 5, End: len(textA) + 1}), "", true},
			{"reversed", "20-10", "", true},
			{"empty", "10-10", "", true},
			{"garbage", "abc", "", true},
			{"negative", "-5-10", "", true},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				t.Parallel()
				page := do(t, "GET", ts.URL+"/articles/1?hl="+tt.hl, nil, "").body
				if tt.want != "" {
					if got := markedText(t, page); got != tt.want {
						t.Errorf("marked %q, want %q", got, tt.want)
					}
				} else if strings.Contains(page, "<mark") {
					t.Error("highlighted an invalid span")
				}
				if got := strings.Contains(page, "does not fit"); got != tt.bad {
					t.Errorf("warning shown = %v, want %v", got, tt.bad)
				}
				// The whole stored text is on the page, whatever the highlight.
				text := page[strings.Index(page, `<div class="article-text" lang="de">`):]
				text = text[len(`<div class="article-text" lang="de">`):strings.Index(text, "</div>")]
				text = strings.NewReplacer(`<mark id="hl">`, "", "</mark>", "").Replace(text)
				if got := html.UnescapeString(text); got != textA {
					t.Errorf("article text %q", got)
				}
			})
		}
	})
}

func TestStoryPageSections(t *testing.T) {
	t.Parallel()
	eachStore(t, func(t *testing.T, st Store) {
		ts := newTestServer(t, Config{BaseURL: "https://news.example.org"}, st)
		page := do(t, "GET", ts.URL+"/stories/7", nil, "").body
		// Each section appears, in the briefing's order.
		order := []string{
			`<h1 class="headline"`, `class="section-category"`, `class="disclaimer"`,
			`id="summary"`, `id="sources"`, `id="background"`, `id="voices"`, `id="facts"`,
			`id="related"`, `id="bottom_line"`, `id="references"`,
		}
		last := -1
		for _, marker := range order {
			i := strings.Index(page, marker)
			if i < 0 {
				t.Errorf("no %s", marker)
				continue
			}
			if i < last {
				t.Errorf("%s out of order", marker)
			}
			last = i
		}
		for _, want := range []string{
			"Background and context", "4 Nov 2025", // background date
			"<strong>Jana Groß</strong>", `<span class="role">Bürgermeisterin</span>`, // voice
			"Sources differ:", "€2.5 million", `<span class="outlet">(River Times)</span>`, // variant with outlet
			`<a href="/stories/8">Ferry service resumes</a>`,                                                                // related
			`<a href="https://rivertimes.example/bridge" rel="noopener noreferrer" lang="en">Bridge closed for repairs</a>`, // reference
			`data-copy="Bridge closed &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; repairs begin — https://news.example.org/stories/7"`,
			`>[1]</a>`, `>[2]</a>`,
			`<p class="credit">Headline from <a href="https://rivertimes.example/bridge" rel="noopener noreferrer">River Times</a></p>`,
			`<li><strong>Stadtblatt</strong></li>`, // outlet named once
			`<span class="via">· Stadtblatt</span>`,
			`>[2a]</a><a class="cite" href="/articles/1?hl=` + HighlightFormat(span(textA, "jede Schraube")) + `#hl" title="Stadtblatt: Brücke gesperrt">[2b]</a>`, // split quote
			// The reference without a citation is found by its URL.
			`<span class="ref-num">[2]</span> <span class="outlet">Stadtblatt</span>`,
			`<a class="stored" href="/articles/1">stored text</a>`,
		} {
			if !strings.Contains(page, want) {
				t.Errorf("story page lacks %q", want)
			}
		}
		// Markers are numbered as the references list them: River Times first.
		if !strings.Contains(page, `href="/articles/2?hl=0-43#hl" title="River Times &lt;b&gt;: Bridge closed &lt;script&gt;alert(2)&lt;/script&gt;">[1]</a>`) {
			t.Error("bottom-line marker is not reference [1]")
		}
	})
}

func TestAtomFeed(t *testing.T) {
	t.Parallel()
	eachStore(t, func(t *testing.T, st Store) {
		ts := newTestServer(t, Config{BaseURL: "https://news.example.org"}, st)
		r := do(t, "GET", ts.URL+"/feeds/stories.atom", nil, "")
		type entry struct {
			ID      string `xml:"id"`
			Title   string `xml:"title"`
			Updated string `xml:"updated"`
			Summary string `xml:"summary"`
			Link    struct {
				Href string `xml:"href,attr"`
			} `xml:"link"`
		}
		var feed struct {
			XMLName xml.Name
			ID      string  `xml:"id"`
			Title   string  `xml:"title"`
			Updated string  `xml:"updated"`
			Author  string  `xml:"author>name"`
			Entries []entry `xml:"entry"`
		}
		dec := xml.NewDecoder(strings.NewReader(r.body))
		dec.Strict = true
		if err := dec.Decode(&feed); err != nil {
			t.Fatalf("feed does not parse: %v\n%s", err, r.body)
		}
		if feed.XMLName.Space != "http://www.w3.org/2005/Atom" || feed.XMLName.Local != "feed" {
			t.Errorf("root %v", feed.XMLName)
		}
		want := []entry{{
			ID:      "https://news.example.org/stories/7",
			Title:   "Bridge closed <script>alert('x')</script> & repairs begin",
			Updated: "2026-03-02T09:30:00Z",
			Summary: "Die Brücke über den Fluss wurde am Montag gesperrt. Repairs will cost €2.5 million, officials said.",
		}}
		want[0].Link.Href = "https://news.example.org/stories/7"
		if diff := cmp.Diff(want, feed.Entries); diff != "" {
			t.Errorf("entries (-want +got):\n%s", diff)
		}
		if feed.ID == "" || feed.Title == "" || feed.Updated != "2026-03-02T09:30:00Z" || feed.Author != "newsdesk" {
			t.Errorf("feed head: id %q title %q updated %q author %q", feed.ID, feed.Title, feed.Updated, feed.Author)
		}
		if strings.Contains(r.body, "<script>") {
			t.Error("unescaped markup in the feed")
		}
	})
}

func TestNewRejectsBadConfig(t *testing.T) {
	t.Parallel()
	for _, base := range []string{"news.example.org", "ftp://x.example", "https://", "::", "https://:443", "https://news.example.org/?",
		"https://desk:pw@news.example.org", "https://news.example.org/desk", "https://news.example.org/#top", "mailto:desk@news.example.org"} {
		if _, err := New(Config{BaseURL: base}, newMemStore(), nil); err == nil {
			t.Errorf("BaseURL %q accepted", base)
		}
	}
	if _, err := New(Config{}, nil, nil); err == nil {
		t.Error("nil store accepted")
	}
}

// TestParseBaseURL checks the base URLs newsdesk accepts and the form it
// keeps, the one every link starts with.
func TestParseBaseURL(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in, want string
	}{
		{"https://news.example.org", "https://news.example.org"},
		{"https://news.example.org/", "https://news.example.org"},
		{"https://news.example.org//", "https://news.example.org"},
		{"http://127.0.0.1:8080/", "http://127.0.0.1:8080"},
		{"https://[::1]:8443", "https://[::1]:8443"},
	}
	for _, tt := range tests {
		u, err := ParseBaseURL(tt.in)
		if err != nil {
			t.Errorf("ParseBaseURL(%q): %v", tt.in, err)
			continue
		}
		if got := u.String(); got != tt.want {
			t.Errorf("ParseBaseURL(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestHTTPServerTimeouts(t *testing.T) {
	t.Parallel()
	s, err := New(Config{}, newMemStore(), nil)
	if err != nil {
		t.Fatal(err)
	}
	hs := s.HTTPServer("127.0.0.1:0")
	got := []any{hs.ReadHeaderTimeout, hs.ReadTimeout, hs.WriteTimeout, hs.IdleTimeout, hs.MaxHeaderBytes, hs.Handler != nil}
	want := []any{ReadHeaderTimeout, ReadTimeout, WriteTimeout, IdleTimeout, MaxHeaderBytes, true}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("server settings (-want +got):\n%s", diff)
	}
}

// TestMachineTranslationShown checks that the article page shows the
// stored translation apart from the original, labelled as a machine
// translation and escaped, that the API returns it, and that an article
// without one shows no such block.
func TestMachineTranslationShown(t *testing.T) {
	t.Parallel()
	eachStore(t, func(t *testing.T, st Store) {
		ts := newTestServer(t, Config{}, st)
		page := do(t, "GET", ts.URL+"/articles/1", nil, "").body
		_, block, ok := strings.Cut(page, `<details class="machine-translation">`)
		if !ok {
			t.Fatal("no machine translation on the page")
		}
		block, _, _ = strings.Cut(block, "</details>")
		if !strings.Contains(block, "Machine translation (de → en), for reading only") {
			t.Errorf("translation not labelled as a machine translation: %s", block)
		}
		want := `<div class="translation-text" lang="en">` + html.EscapeString(fixtureTranslation) + `</div>`
		if !strings.Contains(block, want) {
			t.Errorf("translation block %s; want it to hold %s", block, want)
		}
		if strings.Contains(page, "<script>alert(6)") {
			t.Error("translation not escaped")
		}
		if i, j := strings.Index(page, `<div class="article-text" lang="de">`), strings.Index(page, `<details class="machine-translation">`); i < 0 || j < i {
			t.Errorf("translation at %d, original text at %d: want the original first", j, i)
		}
		if page := do(t, "GET", ts.URL+"/articles/2", nil, "").body; strings.Contains(page, "machine-translation") {
			t.Error("article without a translation shows one")
		}
		var got news.Article
		if err := json.Unmarshal([]byte(do(t, "GET", ts.URL+"/api/articles/1", nil, "").body), &got); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(fixtureStore().articles[1].Translation, got.Translation); diff != "" {
			t.Errorf("API translation (-want +got):\n%s", diff)
		}
	})
}

func TestFeedSummarySanitised(t *testing.T) {
	t.Parallel()
	eachStore(t, func(t *testing.T, st Store) {
		ts := newTestServer(t, Config{}, st)
		page := do(t, "GET", ts.URL+"/articles/2", nil, "").body
		_, summary, ok := strings.Cut(page, `<div class="feed-html" lang="en">`)
		if !ok {
			t.Fatal("no feed summary on the page")
		}
		summary, _, _ = strings.Cut(summary, "</div>")
		want := `<p>The <em>bridge</em> shut.   js  <a href="https://rivertimes.example/more" rel="nofollow noreferrer">more</a></p>`
		if diff := cmp.Diff(want, summary); diff != "" {
			t.Errorf("sanitised summary (-want +got):\n%s", diff)
		}
	})
}

func TestServeShutsDown(t *testing.T) {
	t.Parallel()
	s, err := New(Config{}, fixtureStore(), nil)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	r := do(t, "GET", "http://"+ln.Addr().String()+"/api/stories", nil, "")
	if r.status != 200 {
		t.Errorf("status %d", r.status)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Serve after cancel: %v", err)
	}
	// Dialling the port again would race with any other test given the
	// freed port; a closed listener is the deterministic check. The
	// deadline only keeps a listener left open from hanging the test.
	_ = ln.(*net.TCPListener).SetDeadline(time.Now().Add(time.Second))
	if _, err := ln.Accept(); !errors.Is(err, net.ErrClosed) {
		t.Errorf("Accept after shutdown: %v, want net.ErrClosed", err)
	}
}

// TestUntitledArticlePage checks the page of an article whose page could
// not be read, from a page source that has no name yet: it has a heading,
// and its source is named by URL rather than left blank.
func TestUntitledArticlePage(t *testing.T) {
	t.Parallel()
	st := fixtureStore()
	st.sources[3] = news.Source{ID: 3, Kind: news.SourcePage, URL: "https://gone.example/story", Status: news.StatusError, CreatedAt: t0}
	st.articles[4] = news.Article{ID: 4, SourceID: 3, URL: "https://gone.example/story", FetchedAt: t0,
		Extraction: news.ExtractFailed, ExtractionReason: "page could not be fetched: HTTP 404 Not Found"}
	ts := newTestServer(t, Config{}, st)
	page := do(t, "GET", ts.URL+"/articles/4", nil, "").body
	for _, want := range []string{
		"<title>Untitled article 4 · newsdesk</title>",
		`<h1 class="headline">Untitled article 4</h1>`,
		`<dt>Source</dt><dd>https://gone.example/story</dd>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
}

// TestLanguageMarked checks that text quoted from an article is marked with
// the article's language, as text in another language than the page's must
// be for screen readers, hyphenation and translation: the fixture's German
// sentences and quote on the English story page, and the German article's
// own page.
func TestLanguageMarked(t *testing.T) {
	t.Parallel()
	eachStore(t, func(t *testing.T, st Store) {
		ts := newTestServer(t, Config{}, st)
		story := do(t, "GET", ts.URL+"/stories/7", nil, "").body
		article := do(t, "GET", ts.URL+"/articles/1", nil, "").body
		tests := []struct {
			page, name, want string
		}{
			{story, "headline", `<h1 class="headline" lang="en">Bridge closed`},
			{story, "German summary sentence", `<span class="sentence" lang="de">Die Brücke`},
			{story, "English summary sentence", `<span class="sentence" lang="en">Repairs`},
			{story, "background", `<p lang="de">Ingenieure`},
			{story, "voice", `<blockquote lang="de"><p>“Wir prüfen`},
			{story, "figure", `<span class="figure" lang="de"><a href="/articles/1?hl=`},
			{story, "fact", `<span class="fact-text" lang="de">Die Reparatur`},
			{story, "reference", `rel="noopener noreferrer" lang="de">Brücke gesperrt</a>`},
			{article, "article title", `<h1 class="headline" lang="de">Brücke gesperrt</h1>`},
			{article, "article text", `<div class="article-text" lang="de">Die Brücke`},
		}
		for _, tt := range tests {
			if !strings.Contains(tt.page, tt.want) {
				t.Errorf("%s: page lacks %q", tt.name, tt.want)
			}
		}
	})
}

// TestIndexEmpty checks the front page before there is any story: without
// sources it says to add one; with sources it says their articles are on
// their way, rather than send the user to add a source again.
func TestIndexEmpty(t *testing.T) {
	t.Parallel()
	waiting := fixtureStore()
	clear(waiting.stories)
	clear(waiting.briefings)
	tests := []struct {
		name      string
		st        *memStore
		want, not string
	}{
		{"no sources", newMemStore(), "Add a source", "reading your"},
		{"sources, no stories yet", waiting, "newsdesk is reading your 2 sources", "Add a source"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ts := newTestServer(t, Config{}, tt.st)
			r := do(t, "GET", ts.URL+"/", nil, "")
			if r.status != http.StatusOK || !strings.Contains(r.body, tt.want) || strings.Contains(r.body, tt.not) {
				t.Errorf("status %d; page should say %q and not %q:\n%s", r.status, tt.want, tt.not, r.body)
			}
		})
	}
}

// TestArticlePageDate checks the date beside an article's outlet: the
// publication date when the article has one, and none when it has not,
// rather than the time newsdesk fetched it, which the page lists apart.
func TestArticlePageDate(t *testing.T) {
	t.Parallel()
	st := fixtureStore()
	st.articles[4] = news.Article{ID: 4, SourceID: 1, URL: "https://stadtblatt.example/undated", Title: "Undated", FetchedAt: t0.Add(time.Hour),
		Text: "Kein Datum.", Extraction: news.ExtractFull}
	ts := newTestServer(t, Config{}, st)
	tests := []struct {
		path, kicker string
	}{
		{"/articles/1", `<p class="kicker"><span class="outlet">Stadtblatt</span><time datetime="2026-03-02T09:30:00Z">2 Mar 2026, 09:30 UTC</time></p>`},
		{"/articles/4", `<p class="kicker"><span class="outlet">Stadtblatt</span></p>`},
	}
	for _, tt := range tests {
		page := do(t, "GET", ts.URL+tt.path, nil, "").body
		if !strings.Contains(page, tt.kicker) {
			t.Errorf("%s: page lacks %q", tt.path, tt.kicker)
		}
	}
}

// TestSourcesPageRetry checks what the sources page says of a source in
// error beside its error: when a feed is tried again, and that a page
// source, which is read once, is read again by "Retry now" (it had no
// button, and its article could never be read once its fetch failed).
func TestSourcesPageRetry(t *testing.T) {
	t.Parallel()
	st := fixtureStore()
	src := st.sources[2]
	src.NextPollAt = t0.Add(2 * time.Hour)
	st.sources[2] = src
	st.sources[3] = news.Source{ID: 3, Kind: news.SourcePage, URL: "https://gone.example/story", Status: news.StatusError,
		LastError: "page could not be fetched: HTTP 404 Not Found", ErrorCount: 1, CreatedAt: t0, LastPolledAt: t0}
	ts := newTestServer(t, Config{}, st)
	page := do(t, "GET", ts.URL+"/sources", nil, "").body
	for _, want := range []string{
		`(3 in a row; next try <time datetime="2026-03-02T11:30:00Z">2 Mar 2026, 11:30 UTC</time>)`,
		`(a page is read once; retrying reads it again)`,
		`data-retry="/api/sources/3/retry"`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("sources page lacks %q", want)
		}
	}
}

// TestSourcesPageSkipsDeletedSources checks that the sources page lists
// the articles not read in full of the sources it lists only: a deleted
// source's articles are kept, with source 0, and were listed with no
// source anyone could fix.
func TestSourcesPageSkipsDeletedSources(t *testing.T) {
	t.Parallel()
	eachStore(t, func(t *testing.T, st Store) {
		ts := newTestServer(t, Config{APIToken: testToken}, st)
		const problem = "page blocked by robots.txt" // article 2's, of source 2
		tests := []struct {
			name   string
			delete int64 // the source deleted first; 0 for none
			want   bool
		}{
			{"source kept", 0, true},
			{"source deleted", 2, false},
		}
		for _, tc := range tests {
			if tc.delete != 0 {
				if err := st.DeleteSource(t.Context(), tc.delete); err != nil {
					t.Fatal(err)
				}
			}
			r := do(t, "GET", ts.URL+"/sources", nil, "")
			if r.status != http.StatusOK {
				t.Fatalf("%s: status %d", tc.name, r.status)
			}
			if got := strings.Contains(r.body, problem); got != tc.want {
				t.Errorf("%s: page lists %q: %v, want %v", tc.name, problem, got, tc.want)
			}
		}
	})
}

// TestSourcesPollSchedule checks that a source's own poll interval, set by
// POST /api/sources, is stored and shown by the API, and that the sources
// page shows each feed's next poll, its interval and why.
func TestSourcesPollSchedule(t *testing.T) {
	t.Parallel()
	eachStore(t, func(t *testing.T, st Store) {
		ts := newTestServer(t, Config{APIToken: testToken}, st)
		auth := map[string]string{"Authorization": "Bearer " + testToken, "Content-Type": "application/json"}
		r := do(t, "POST", ts.URL+"/api/sources", auth, `{"url": "https://slow.example/feed.xml", "poll_interval": "90m"}`)
		if r.status != 201 {
			t.Fatalf("status %d: %s", r.status, r.body)
		}
		if !strings.Contains(strings.ReplaceAll(r.body, `": "`, `":"`), `"poll_interval":"1h30m0s"`) {
			t.Errorf("POST answer %s does not show the interval", r.body)
		}
		var added news.Source
		if err := json.Unmarshal([]byte(r.body), &added); err != nil {
			t.Fatal(err)
		}
		stored, err := st.Source(t.Context(), added.ID)
		if err != nil || stored.PollInterval != 90*time.Minute {
			t.Fatalf("stored %+v, %v; want PollInterval 1h30m", stored, err)
		}
		page := do(t, "GET", ts.URL+"/sources", nil, "").body
		if want := "every 1 hour 30 minutes · its own interval"; !strings.Contains(page, want) {
			t.Errorf("sources page lacks %q for a source not yet polled", want)
		}

		// As a poll leaves a source (AddSource stores every field).
		stored, err = st.AddSource(t.Context(), news.Source{
			Kind: news.SourceFeed, URL: "https://hinted.example/feed.xml", CreatedAt: t0, PollInterval: 90 * time.Minute,
			Status: news.StatusOK, LastPolledAt: t0, NextPollAt: t0.Add(4 * time.Hour),
			PollEvery: 4 * time.Hour, PollReason: "hint: the feed says it changes every 4 hours",
		})
		if err != nil {
			t.Fatal(err)
		}
		page = do(t, "GET", ts.URL+"/sources", nil, "").body
		want := `<time datetime="2026-03-02T13:30:00Z">2 Mar 2026, 13:30 UTC</time><br><span class="meta">every 4 hours · hint: the feed says it changes every 4 hours</span>`
		if !strings.Contains(page, want) {
			t.Errorf("sources page lacks %q", want)
		}
		api := do(t, "GET", fmt.Sprintf("%s/api/sources/%d", ts.URL, stored.ID), nil, "").body
		for _, w := range []string{`"poll_every":"4h0m0s"`, `"poll_reason":"hint: the feed`, `"next_poll_at":"2026-03-02T13:30:00Z"`, `"poll_interval":"1h30m0s"`} {
			if !strings.Contains(strings.ReplaceAll(api, `": "`, `":"`), w) {
				t.Errorf("GET /api/sources/%d = %s, lacks %s", stored.ID, api, w)
			}
		}
	})
}
