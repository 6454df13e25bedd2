package web

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/newsdesk/newsdesk/internal/news"
)

// fakeSchedule is a Scheduler: the source's own interval, else 15m.
func fakeSchedule(src news.Source) (time.Duration, string) {
	if src.PollInterval > 0 {
		return src.PollInterval, "override: the source's own interval"
	}
	return 15 * time.Minute, ""
}

// TestEditSource checks PATCH /api/sources/{id}: the fields it is given
// change, the others stay, the poll state stays, and a changed interval
// moves the next poll to the last poll plus the new interval.
func TestEditSource(t *testing.T) {
	t.Parallel()
	eachStore(t, func(t *testing.T, st Store) {
		ts := newTestServer(t, Config{APIToken: testToken, Schedule: fakeSchedule}, st)
		auth := map[string]string{"Authorization": "Bearer " + testToken, "Content-Type": "application/json"}
		last := time.Now().UTC().Add(-10 * time.Minute).Truncate(time.Second)
		added, err := st.AddSource(t.Context(), news.Source{Kind: news.SourceFeed, URL: "https://edit.example/feed.xml",
			Name: "Edit Daily", Lang: "en", Category: "Wrold", CreatedAt: t0, Status: news.StatusOK,
			ETag: `"e1"`, LastPolledAt: last, NextPollAt: last.Add(15 * time.Minute), PollEvery: 15 * time.Minute, UnchangedPolls: 2})
		if err != nil {
			t.Fatal(err)
		}
		path := fmt.Sprintf("%s/api/sources/%d", ts.URL, added.ID)

		r := do(t, "PATCH", path, auth, `{"category": " World ", "poll_interval": "2h"}`)
		if r.status != 200 {
			t.Fatalf("status %d: %s", r.status, r.body)
		}
		var got news.Source
		if err := json.Unmarshal([]byte(r.body), &got); err != nil {
			t.Fatal(err)
		}
		want := added
		want.Category, want.PollInterval = "World", 2*time.Hour
		want.NextPollAt, want.PollEvery, want.PollReason = last.Add(2*time.Hour), 2*time.Hour, "override: the source's own interval"
		stored, err := st.Source(t.Context(), added.ID)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, stored); diff != "" {
			t.Errorf("stored after the edit (-want +got):\n%s", diff)
		}
		if got.ID != added.ID || got.Category != "World" || !got.NextPollAt.Equal(want.NextPollAt) {
			t.Errorf("PATCH answered %s", r.body)
		}

		// Back to the server's interval: 15m after a poll 10m ago is 5m away.
		r = do(t, "PATCH", path, auth, `{"poll_interval": "0"}`)
		if r.status != 200 {
			t.Fatalf("clear: status %d: %s", r.status, r.body)
		}
		stored, _ = st.Source(t.Context(), added.ID)
		if stored.PollInterval != 0 || !stored.NextPollAt.Equal(last.Add(15*time.Minute)) || stored.PollReason != "" {
			t.Errorf("after clearing: interval %s, next poll %s (want %s), reason %q",
				stored.PollInterval, stored.NextPollAt, last.Add(15*time.Minute), stored.PollReason)
		}

		// A minute after a poll 10m ago has passed: due now, not in the past.
		before := time.Now()
		r = do(t, "PATCH", path, auth, `{"poll_interval": "1m", "name": ""}`)
		if r.status != 200 {
			t.Fatalf("1m: status %d: %s", r.status, r.body)
		}
		stored, _ = st.Source(t.Context(), added.ID)
		if stored.NextPollAt.Before(before.Add(-time.Second)) || stored.NextPollAt.After(time.Now()) || stored.Name != "" {
			t.Errorf("after 1m: next poll %s, want between %s and now; name %q, want none", stored.NextPollAt, before, stored.Name)
		}

		// Name, lang and category alone leave the schedule where it is.
		r = do(t, "PATCH", path, auth, `{"name": "Edit Weekly", "lang": "pt-br"}`)
		if r.status != 200 {
			t.Fatalf("name: status %d: %s", r.status, r.body)
		}
		again, _ := st.Source(t.Context(), added.ID)
		if again.Name != "Edit Weekly" || again.Lang != "pt-BR" || !again.NextPollAt.Equal(stored.NextPollAt) {
			t.Errorf("after renaming: %+v", again)
		}

		r = do(t, "PATCH", ts.URL+"/api/sources/999", auth, `{"name": "x"}`)
		if r.status != 404 || !strings.Contains(r.body, "source not found") {
			t.Errorf("missing source: status %d: %s", r.status, r.body)
		}
	})
}

// TestEditSourceSchedule checks Reschedule's rules.
func TestEditSourceSchedule(t *testing.T) {
	t.Parallel()
	now := t0.Add(time.Hour)
	polled := news.Source{Kind: news.SourceFeed, Status: news.StatusOK, LastPolledAt: t0,
		NextPollAt: t0.Add(15 * time.Minute), PollEvery: 15 * time.Minute}
	tests := []struct {
		name     string
		src      news.Source
		interval time.Duration
		wantNext time.Time
	}{
		{"longer: last poll plus it", polled, 2 * time.Hour, t0.Add(2 * time.Hour)},
		{"shorter, passed: now", polled, 30 * time.Minute, now},
		{"back to the server's", polled, 0, now},
		{"never polled: left due", news.Source{Kind: news.SourceFeed, Status: news.StatusNew}, 2 * time.Hour, time.Time{}},
		{"in error: backoff kept", news.Source{Kind: news.SourceFeed, Status: news.StatusError, LastPolledAt: t0,
			NextPollAt: t0.Add(8 * time.Hour)}, 30 * time.Minute, t0.Add(8 * time.Hour)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			src := tt.src
			src.PollInterval = tt.interval
			Reschedule(&src, now, fakeSchedule)
			if !src.NextPollAt.Equal(tt.wantNext) {
				t.Errorf("next poll %s, want %s", src.NextPollAt, tt.wantNext)
			}
		})
	}
}

func TestEditSourceValidation(t *testing.T) {
	t.Parallel()
	st := fixtureStore()
	st.sources[3] = news.Source{ID: 3, Kind: news.SourcePage, URL: "https://a.example/story.html", Status: news.StatusOK, CreatedAt: t0}
	ts := newTestServer(t, Config{APIToken: testToken}, st)
	const shape = "request body must be a JSON object {name?, lang?, category?, poll_interval?}"
	tests := []struct {
		name   string
		id     string
		body   string
		ctype  string
		status int
		errMsg string
	}{
		{"empty object", "1", `{}`, "", 400, "nothing to change: " + shape},
		{"not json", "1", "name=x", "", 400, shape},
		{"unknown field", "1", `{"name": "x", "url": "https://b.example/"}`, "", 400, `unknown field "url": ` + shape},
		{"kind not editable", "1", `{"kind": "page"}`, "", 400, `unknown field "kind": ` + shape},
		{"two objects", "1", `{"name": "x"} {}`, "", 400, "request body must hold one JSON object"},
		{"bad lang", "1", `{"lang": "not a language"}`, "", 400, `lang must be a BCP 47 language tag such as "en" or "pt-BR"`},
		{"control in name", "1", `{"name": "a\nb"}`, "", 400, "name must be printable text, without line breaks or control characters"},
		{"long category", "1", `{"category": "` + strings.Repeat("x", 65) + `"}`, "", 400, "category is longer than 64 bytes"},
		{"interval under a minute", "1", `{"poll_interval": "30s"}`, "", 400, "poll_interval must be at least 1 minute and at most 7 days, got 30 seconds"},
		{"interval not a duration", "1", `{"poll_interval": "30"}`, "", 400, `poll_interval must be a duration such as "30m" or "2h", got "30"`},
		{"interval a number", "1", `{"poll_interval": 1800}`, "", 400, shape},
		{"interval of a page", "3", `{"poll_interval": "30m"}`, "", 400, "poll_interval is for feeds: a page is read once"},
		{"page renamed", "3", `{"name": "A story"}`, "", 200, ""},
		{"null is no change", "1", `{"name": null, "category": "Local"}`, "", 200, ""},
		{"wrong content type", "1", `{"name": "x"}`, "text/plain", 415, "send the changes as application/json"},
		{"too large", "1", `{"name": "` + strings.Repeat("x", MaxSourceBody) + `"}`, "", 413, "request body is larger than 16384 bytes"},
		{"bad id", "abc", `{"name": "x"}`, "", 400, "source id must be a positive integer"},
		{"missing", "99", `{"name": "x"}`, "", 404, "source not found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := map[string]string{"Authorization": "Bearer " + testToken}
			if tt.ctype != "" {
				h["Content-Type"] = tt.ctype
			}
			r := do(t, "PATCH", ts.URL+"/api/sources/"+tt.id, h, tt.body)
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
	// A refused edit changes nothing, not even the fields that were fine.
	r := do(t, "PATCH", ts.URL+"/api/sources/1", map[string]string{"Authorization": "Bearer " + testToken},
		`{"name": "Renamed", "lang": "not a language"}`)
	if r.status != 400 {
		t.Fatalf("status %d: %s", r.status, r.body)
	}
	if got, _ := st.Source(t.Context(), 1); got.Name != "Stadtblatt" {
		t.Errorf("name %q after a refused edit, want Stadtblatt", got.Name)
	}
}

// TestEditSourceAuth checks that PATCH, like every write, needs the token
// and a request from the site's own origin.
func TestEditSourceAuth(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		token  string
		header map[string]string
		status int
	}{
		{"no token configured", "", map[string]string{"Authorization": "Bearer x"}, 403},
		{"missing token", testToken, nil, 401},
		{"wrong token", testToken, map[string]string{"Authorization": "Bearer nope"}, 401},
		{"cross-origin", testToken, map[string]string{"Authorization": "Bearer " + testToken, "Origin": "https://evil.example"}, 403},
		{"cross-site fetch", testToken, map[string]string{"Authorization": "Bearer " + testToken, "Sec-Fetch-Site": "cross-site"}, 403},
		{"right token", testToken, map[string]string{"Authorization": "Bearer " + testToken}, 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			st := fixtureStore()
			ts := newTestServer(t, Config{APIToken: tt.token}, st)
			r := do(t, "PATCH", ts.URL+"/api/sources/1", tt.header, `{"name": "Renamed"}`)
			if r.status != tt.status {
				t.Fatalf("status %d, want %d: %s", r.status, tt.status, r.body)
			}
			wantName := "Stadtblatt"
			if tt.status == 200 {
				wantName = "Renamed"
			}
			if got, _ := st.Source(t.Context(), 1); got.Name != wantName {
				t.Errorf("name %q, want %q", got.Name, wantName)
			}
		})
	}
}

// TestSourceEditForm checks the sources page's edit form without script:
// it is on the page with the source's values, and posting it with the
// API token edits the source and goes back to the page, while a wrong
// token, another origin or a bad value changes nothing.
func TestSourceEditForm(t *testing.T) {
	t.Parallel()
	page := func(t *testing.T, url string) string {
		return do(t, "GET", url+"/sources", nil, "").body
	}
	ts := newTestServer(t, Config{APIToken: testToken}, fixtureStore())
	for _, want := range []string{
		`<form method="post" action="/sources/1" data-edit="/api/sources/1">`,
		`<input name="name" value="Stadtblatt"`,
		`<input name="lang" value="de"`,
		`<input name="poll_interval" value=""`,
	} {
		if !strings.Contains(page(t, ts.URL), want) {
			t.Errorf("sources page lacks %q", want)
		}
	}
	form := "application/x-www-form-urlencoded"
	tests := []struct {
		name     string
		token    string // configured
		header   map[string]string
		body     string
		status   int
		msg      string // in the answer
		wantName string
	}{
		{"saved", testToken, nil, "name=Stadtblatt+Online&lang=de&category=Lokales&poll_interval=2h&token=" + testToken, 303, "", "Stadtblatt Online"},
		{"no token configured", "", nil, "name=X&token=x", 403, "no API token is configured. Restart newsdesk with NEWSDESK_API_TOKEN set to allow it.", "Stadtblatt"},
		{"wrong token", testToken, nil, "name=X&token=nope", 401, "The API token is missing or wrong.", "Stadtblatt"},
		{"no token", testToken, nil, "name=X", 401, "The API token is missing or wrong.", "Stadtblatt"},
		{"cross-origin", testToken, map[string]string{"Origin": "https://evil.example"}, "name=X&token=" + testToken, 403, "cross-origin", "Stadtblatt"},
		{"bad lang", testToken, nil, "name=X&lang=not+a+language&token=" + testToken, 400, "Not saved: lang must be a BCP 47 language tag", "Stadtblatt"},
		{"too large", testToken, nil, "name=X&pad=" + strings.Repeat("a", MaxSourceBody) + "&token=" + testToken, 413, "too large", "Stadtblatt"},
		{"bad interval", testToken, nil, "name=X&poll_interval=30s&token=" + testToken, 400, "Not saved: poll_interval must be at least 1 minute", "Stadtblatt"},
	}
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			st := fixtureStore()
			ts := newTestServer(t, Config{APIToken: tt.token}, st)
			req, err := http.NewRequestWithContext(t.Context(), "POST", ts.URL+"/sources/1", strings.NewReader(tt.body))
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("Content-Type", form)
			for k, v := range tt.header {
				req.Header.Set(k, v)
			}
			resp, err := noRedirect.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tt.status, b)
			}
			if tt.status == 303 {
				if loc := resp.Header.Get("Location"); loc != "/sources#source-1" {
					t.Errorf("Location %q", loc)
				}
			} else if !strings.Contains(string(b), tt.msg) {
				t.Errorf("answer lacks %q:\n%s", tt.msg, b)
			}
			got, err := st.Source(t.Context(), 1)
			if err != nil {
				t.Fatal(err)
			}
			if got.Name != tt.wantName {
				t.Errorf("name %q, want %q", got.Name, tt.wantName)
			}
			if tt.status == 303 && (got.Category != "Lokales" || got.PollInterval != 2*time.Hour) {
				t.Errorf("saved %+v", got)
			}
		})
	}
}

// TestFormErrorLinksBack checks that a form of the sources page that is
// refused (a wrong token, a bad field, no file) answers with a page that
// links back to the sources page, to the edited source's row, and marks
// Sources in the menu: it offered only "Go to the top stories", away from
// the form to mend. Other error pages do not link to the sources page.
func TestFormErrorLinksBack(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, Config{APIToken: testToken}, fixtureStore())
	form := map[string]string{"Content-Type": "application/x-www-form-urlencoded"}
	noFile, ct := multipartImport(t, nil, testToken)
	wrongToken, ct2 := multipartImport(t, nil, "nope")
	back := `<a href="/sources">Back to the sources page</a>`
	tests := []struct {
		name, method, path string
		header             map[string]string
		body               string
		status             int
		back               string // the link back, "" for none
	}{
		{"edit, wrong token", "POST", "/sources/1", form, "name=X&token=nope", 401, `<a href="/sources#source-1">Back to the sources page</a>`},
		{"edit, bad field", "POST", "/sources/1", form, "lang=not+a+language&token=" + testToken, 400, `<a href="/sources#source-1">Back to the sources page</a>`},
		{"edit, leading zeros", "POST", "/sources/001", form, "name=X&token=nope", 401, `<a href="/sources#source-1">Back to the sources page</a>`},
		{"edit, no such source", "POST", "/sources/999", form, "name=X&token=" + testToken, 404, `<a href="/sources#source-999">Back to the sources page</a>`},
		{"edit, malformed ID", "POST", "/sources/abc", form, "name=X&token=" + testToken, 400, back},
		{"import, no file", "POST", "/sources/import", map[string]string{"Content-Type": ct}, noFile.String(), 400, back},
		{"import, wrong token", "POST", "/sources/import", map[string]string{"Content-Type": ct2}, wrongToken.String(), 401, back},
		{"a page that is not there", "GET", "/nope", nil, "", 404, ""},
		{"a story that is not there", "GET", "/stories/999", nil, "", 404, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := do(t, tt.method, ts.URL+tt.path, tt.header, tt.body)
			if r.status != tt.status {
				t.Fatalf("status %d, want %d: %s", r.status, tt.status, r.body)
			}
			if !strings.Contains(r.body, `<a href="/">Go to the top stories</a>`) {
				t.Errorf("no link to the top stories:\n%s", r.body)
			}
			if tt.back == "" {
				if strings.Contains(r.body, "Back to the sources page") {
					t.Errorf("links back to the sources page:\n%s", r.body)
				}
				return
			}
			if !strings.Contains(r.body, tt.back) {
				t.Errorf("answer lacks %s:\n%s", tt.back, r.body)
			}
			if !strings.Contains(r.body, `<a href="/sources" aria-current="page">`) {
				t.Errorf("the menu does not mark Sources:\n%s", r.body)
			}
		})
	}
}
