package web

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

// TestPathIDStatus checks that a page and its API answer a malformed ID
// (not a positive integer) alike, 400, and a well-formed one that names
// nothing alike, 404: /stories/abc was a 404 page while /api/stories/abc
// was a 400. An API's 400 names the ID it refuses (apiPathID).
func TestPathIDStatus(t *testing.T) {
	t.Parallel()
	tests := []struct {
		page, api string // the page's path (none for a source) and its API's, with %s for the ID
		what      string // what the 400 says the ID is
		known     string // an ID the fixture has (none: the known ID is not asked)
		form      string // a POST's form body (none: a GET)
	}{
		{"/stories/%s", "/api/stories/%s", "story", "7", ""},
		{"/stories/%s/briefing.md", "", "story", "7", ""},
		{"/articles/%s", "/api/articles/%s", "article", "2", ""},
		{"/threads/%s", "/api/threads/%s", "thread", "5", ""},
		{"", "/api/sources/%s", "source", "2", ""},
		{"", "/api/sources/%s/articles", "source", "2", ""},
		// The sources page's edit form; a known ID would be edited, which
		// TestSourceEditForm asks.
		{"/sources/%s", "", "source", "", "token=" + testToken + "&name=Renamed"},
	}
	ids := []struct {
		name, id string
		status   int
	}{
		{"letters", "abc", 400},
		{"letters after a digit", "7x", 400},
		{"zero", "0", 400},
		{"negative", "-7", 400},
		{"past int64", "99999999999999999999", 400},
		{"unknown", "99", 404},
		{"known", "", 200},
	}
	ts := newTestServer(t, Config{APIToken: testToken}, fixtureStore())
	for _, tt := range tests {
		for _, id := range ids {
			if id.id == "" {
				if tt.known == "" {
					continue
				}
				id.id = tt.known
			}
			for _, path := range []string{tt.page, tt.api} {
				if path == "" {
					continue
				}
				api := path == tt.api
				path := strings.Replace(path, "%s", id.id, 1)
				t.Run(path, func(t *testing.T) {
					t.Parallel()
					method, header := "GET", map[string]string(nil)
					if tt.form != "" {
						method, header = "POST", map[string]string{"Content-Type": "application/x-www-form-urlencoded"}
					}
					r := do(t, method, ts.URL+path, header, tt.form)
					if r.status != id.status {
						t.Errorf("%s %s (%s): status %d, want %d: %.200s", method, path, id.name, r.status, id.status, r.body)
					}
					if want := "the " + tt.what + " number in it must be a positive whole number"; !api && id.status == 400 && !strings.Contains(r.body, want) {
						t.Errorf("%s %s (%s): body %.300s, want %s", method, path, id.name, r.body, want)
					}
					if want := `"error": "` + tt.what + ` id must be a positive integer"`; api && id.status == 400 && !strings.Contains(r.body, want) {
						t.Errorf("GET %s (%s): body %.200s, want %s", path, id.name, r.body, want)
					}
				})
			}
		}
	}
}

// TestPathIDCanonical checks that a page's GET or HEAD of a well-formed ID
// with leading zeros is moved (301) to the ID's canonical address, its
// query kept, while the API and the sources page's edit form (a POST,
// which a redirect would turn into a GET) take it as the same ID: without
// the redirect /stories/007 was served as story 7 under a second address.
func TestPathIDCanonical(t *testing.T) {
	t.Parallel()
	tests := []struct {
		method, path string
		form         string
		status       int
		location     string // the redirect's target (none: no redirect)
	}{
		{"GET", "/stories/007", "", 301, "/stories/7"},
		{"HEAD", "/stories/007", "", 301, "/stories/7"},
		{"GET", "/stories/07?v=1", "", 301, "/stories/7?v=1"},
		{"GET", "/stories/007/briefing.md", "", 301, "/stories/7/briefing.md"},
		{"GET", "/articles/02", "", 301, "/articles/2"},
		{"GET", "/threads/0005", "", 301, "/threads/5"},
		{"GET", "/stories/0099", "", 301, "/stories/99"}, // moved before it is looked up
		{"GET", "/stories/7", "", 200, ""},
		{"GET", "/stories/00", "", 400, ""},
		{"GET", "/api/stories/007", "", 200, ""},
		{"GET", "/api/articles/02", "", 200, ""},
		{"GET", "/api/threads/0005", "", 200, ""},
		{"GET", "/api/sources/02", "", 200, ""},
		{"POST", "/sources/02", "token=" + testToken + "&name=Renamed", 303, "/sources#source-2"},
	}
	ts := newTestServer(t, Config{APIToken: testToken}, fixtureStore())
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			t.Parallel()
			checkMoved(t, ts.URL, tt.method, tt.path, tt.form, tt.status, tt.location)
		})
	}
}

// checkMoved sends method path (with form, urlencoded, unless it is "")
// to the server at base, following no redirect, and checks the answer's
// status and its Location ("" for none).
func checkMoved(t *testing.T, base, method, path, form string, status int, location string) {
	t.Helper()
	var body io.Reader
	if form != "" {
		body = strings.NewReader(form)
	}
	req, err := http.NewRequestWithContext(t.Context(), method, base+path, body)
	if err != nil {
		t.Fatal(err)
	}
	if form != "" {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != status {
		t.Errorf("%s %s: status %d, want %d", method, path, resp.StatusCode, status)
	}
	if got := resp.Header.Get("Location"); got != location {
		t.Errorf("%s %s: Location %q, want %q", method, path, got, location)
	}
}

// TestPathTrailingSlash checks that a page's address written with a
// trailing slash (/stories/7/, as a hand-typed or pasted link often is)
// is moved (301) to the page's one address, same-origin and with its query
// kept, in one hop even when the ID also has leading zeros; a malformed ID
// is the 400 its page answers. Before, each was a 404 "There is no page at
// this address".
func TestPathTrailingSlash(t *testing.T) {
	t.Parallel()
	tests := []struct {
		method, path string
		status       int
		location     string // the redirect's target (none: no redirect)
	}{
		{"GET", "/stories/7/", 301, "/stories/7"},
		{"HEAD", "/stories/7/", 301, "/stories/7"},
		{"GET", "/stories/7/?v=1&w=a%2Fb", 301, "/stories/7?v=1&w=a%2Fb"},
		{"GET", "/stories/007/", 301, "/stories/7"},
		{"GET", "/stories/99/", 301, "/stories/99"}, // moved before it is looked up
		{"GET", "/articles/2/", 301, "/articles/2"},
		{"GET", "/articles/2/?hl=0-5", 301, "/articles/2?hl=0-5"},
		{"GET", "/threads/5/", 301, "/threads/5"},
		{"GET", "/sources/", 301, "/sources"},
		{"GET", "/sources/?x=1", 301, "/sources?x=1"},
		{"GET", "/stories/abc/", 400, ""},
		{"GET", "/stories/0/", 400, ""},
		{"GET", "/stories/%2F%2Fevil.example/", 400, ""},
		{"POST", "/stories/7/", 405, ""},
		{"GET", "/stories/7/x", 404, ""},
		{"GET", "/api/stories/7/", 404, ""}, // the API names one address and does not redirect
	}
	ts := newTestServer(t, Config{APIToken: testToken}, fixtureStore())
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			t.Parallel()
			checkMoved(t, ts.URL, tt.method, tt.path, "", tt.status, tt.location)
		})
	}
}
