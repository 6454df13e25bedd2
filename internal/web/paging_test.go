package web

import (
	"encoding/json"
	"fmt"
	"html"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/store"
)

// manyStories is a store of n stories, story i updated i hours before t0
// with one source, so they rank in ID order.
func manyStories(n int) *memStore {
	m := newMemStore()
	for i := 1; i <= n; i++ {
		at := t0.Add(-time.Duration(i) * time.Hour)
		m.stories[int64(i)] = news.Story{ID: int64(i), ThreadID: int64(i), Title: fmt.Sprintf("Story %d", i),
			FirstSeen: at, LastUpdated: at, ArticleCount: 1, SourceCount: 1}
	}
	return m
}

type storiesPage struct {
	Stories []struct {
		ID int64 `json:"id"`
	} `json:"stories"`
	Next string `json:"next"`
	Prev string `json:"prev"`
}

func getStoriesPage(t *testing.T, base, query string) storiesPage {
	t.Helper()
	r := do(t, "GET", base+"/api/stories"+query, nil, "")
	if r.status != 200 {
		t.Fatalf("GET /api/stories%s: status %d: %s", query, r.status, r.body)
	}
	var p storiesPage
	if err := json.Unmarshal([]byte(r.body), &p); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestAPIStoriesPaging(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, Config{MaxStories: 3}, manyStories(8))
	var ids []int64
	p := getStoriesPage(t, ts.URL, "")
	if p.Prev != "" {
		t.Errorf("first page has prev %q", p.Prev)
	}
	var pages []storiesPage
	for {
		pages = append(pages, p)
		for _, s := range p.Stories {
			ids = append(ids, s.ID)
		}
		if p.Next == "" {
			break
		}
		if len(pages) > 8 {
			t.Fatal("next never ends")
		}
		p = getStoriesPage(t, ts.URL, "?after="+url.QueryEscape(p.Next))
		if p.Prev == "" {
			t.Errorf("page %d has no prev", len(pages)+1)
		}
	}
	if diff := cmp.Diff([]int64{1, 2, 3, 4, 5, 6, 7, 8}, ids); diff != "" {
		t.Errorf("stories following next (-want +got):\n%s", diff)
	}
	if got := getStoriesPage(t, ts.URL, "?limit=2&after="+url.QueryEscape(pages[0].Next)); len(got.Stories) != 2 || got.Stories[0].ID != 4 {
		t.Errorf("two stories after the first page = %+v, want 4 and 5", got.Stories)
	}
	back := getStoriesPage(t, ts.URL, "?before="+url.QueryEscape(pages[2].Prev))
	if diff := cmp.Diff(pages[1], back); diff != "" {
		t.Errorf("prev of page 3 is not page 2 (-want +got):\n%s", diff)
	}
}

func TestAPIStoriesBadCursor(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, Config{MaxStories: 3}, manyStories(5))
	good := getStoriesPage(t, ts.URL, "").Next
	for _, q := range []string{
		"?after=not-a-cursor!",
		"?before=" + encodeCursor(store.StoryCursor{Rank: 5, ID: 1})[1:],
		"?after=" + good + "&before=" + good,
		"?after=" + url.QueryEscape(encodeCursor(store.StoryCursor{Rank: 5, ID: 1})+"="),
		"?after=" + strings.Repeat("A", 100),
		"?limit=0",
		"?limit=4",
		"?limit=x",
	} {
		r := do(t, "GET", ts.URL+"/api/stories"+q, nil, "")
		if r.status != 400 || !strings.Contains(r.body, "bad query") {
			t.Errorf("GET /api/stories%s: %d %s, want 400 bad query", q, r.status, r.body)
		}
		r = do(t, "GET", ts.URL+"/"+q, nil, "")
		if r.status != 400 {
			t.Errorf("GET /%s: status %d, want 400", q, r.status)
		}
	}
}

// TestAPIStoriesBothCursors checks that a query with both after and
// before is told that, not that a cursor it got from newsdesk is bad.
func TestAPIStoriesBothCursors(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, Config{MaxStories: 3}, manyStories(5))
	good := getStoriesPage(t, ts.URL, "").Next
	r := do(t, "GET", ts.URL+"/api/stories?after="+good+"&before="+good, nil, "")
	if r.status != 400 || !strings.Contains(r.body, "not both") || strings.Contains(r.body, "bad cursor") {
		t.Errorf("GET /api/stories with both cursors: %d %s, want 400 naming both, not a bad cursor", r.status, r.body)
	}
}

func TestCursorRoundTrip(t *testing.T) {
	t.Parallel()
	for _, c := range []store.StoryCursor{{Rank: 1773480600, ID: 7}, {Rank: -5, ID: 1}, {Rank: 1<<62 + 3, ID: 1<<62 + 9}} {
		got, err := decodeCursor(encodeCursor(c))
		if err != nil || got != c {
			t.Errorf("decodeCursor(encodeCursor(%+v)) = %+v, %v", c, got, err)
		}
	}
}

func TestIndexPaging(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, Config{MaxStories: 2}, manyStories(5))
	first := do(t, "GET", ts.URL+"/", nil, "").body
	if strings.Contains(first, `rel="prev"`) || !strings.Contains(first, `rel="next" href="/?after=`) {
		t.Fatalf("first page's pager is wrong:\n%s", first)
	}
	next := getStoriesPage(t, ts.URL, "").Next
	second := do(t, "GET", ts.URL+"/?after="+next, nil, "")
	if second.status != 200 {
		t.Fatalf("second page: status %d", second.status)
	}
	for _, want := range []string{`href="/stories/3"`, `href="/stories/4"`, `rel="prev" href="/?before=`, `rel="next" href="/?after=`} {
		if !strings.Contains(second.body, want) {
			t.Errorf("second page lacks %q", want)
		}
	}
	if strings.Contains(second.body, `href="/stories/1"`) {
		t.Error("second page lists story 1")
	}
}

func TestThreadPage(t *testing.T) {
	t.Parallel()
	eachStore(t, func(t *testing.T, st Store) {
		ts := newTestServer(t, Config{BaseURL: "https://news.example.org"}, st)
		// Thread 5 holds story 7 alone: its page would list only the story
		// the reader is on (see TestThreadLinkNeedsAnotherStory).
		story := do(t, "GET", ts.URL+"/stories/7", nil, "").body
		if strings.Contains(story, `class="thread-link"`) {
			t.Error("story page links a thread of that story alone")
		}
		page := do(t, "GET", ts.URL+"/threads/5", nil, "")
		if page.status != 200 || !strings.Contains(page.body, `<a href="/stories/7">Bridge closed &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; repairs begin</a>`) {
			t.Errorf("thread page: status %d, lacks its story:\n%s", page.status, page.body)
		}
		// One story is "the only story", not "The 1 story ..., first seen first".
		if !strings.Contains(page.body, `<p class="meta">The only story of this thread so far`) || strings.Contains(page.body, "The 1 story") {
			t.Errorf("thread page of one story does not say it is the only one:\n%s", page.body)
		}
		r := do(t, "GET", ts.URL+"/api/threads/5", nil, "")
		var got struct {
			ID      int64 `json:"id"`
			Stories []struct {
				ID  int64  `json:"id"`
				URL string `json:"url"`
			} `json:"stories"`
		}
		if err := json.Unmarshal([]byte(r.body), &got); err != nil {
			t.Fatalf("GET /api/threads/5: %d %s: %v", r.status, r.body, err)
		}
		want := got
		want.ID, want.Stories = 5, want.Stories[:0]
		want.Stories = append(want.Stories, struct {
			ID  int64  `json:"id"`
			URL string `json:"url"`
		}{7, "https://news.example.org/stories/7"})
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("GET /api/threads/5 (-want +got):\n%s", diff)
		}
		for path, status := range map[string]int{
			"/threads/99": 404, "/threads/abc": 400, "/api/threads/99": 404, "/api/threads/0": 400,
		} {
			if r := do(t, "GET", ts.URL+path, nil, ""); r.status != status {
				t.Errorf("GET %s: status %d, want %d", path, r.status, status)
			}
		}
	})
}

// TestThreadLinkNeedsAnotherStory checks that a story's background links
// its thread once the thread has another story to follow back to.
func TestThreadLinkNeedsAnotherStory(t *testing.T) {
	t.Parallel()
	m := fixtureStore()
	s8 := m.stories[8]
	s8.ThreadID = 5
	m.stories[8] = s8
	ts := newTestServer(t, Config{}, m)
	story := do(t, "GET", ts.URL+"/stories/7", nil, "").body
	if !strings.Contains(story, `<p class="thread-link"><a href="/threads/5">Every story of this thread</a></p>`) {
		t.Errorf("story page's background does not link its thread of two stories:\n%s", story)
	}
}

func TestRetrySource(t *testing.T) {
	t.Parallel()
	auth := map[string]string{"Authorization": "Bearer " + testToken}
	tests := []struct {
		name   string
		token  string
		header map[string]string
		path   string
		status int
	}{
		{"no token configured", "", auth, "/api/sources/2/retry", 403},
		{"missing token", testToken, nil, "/api/sources/2/retry", 401},
		{"cross origin", testToken, map[string]string{"Authorization": "Bearer " + testToken, "Sec-Fetch-Site": "cross-site"}, "/api/sources/2/retry", 403},
		{"missing source", testToken, auth, "/api/sources/99/retry", 404},
		{"bad id", testToken, auth, "/api/sources/x/retry", 400},
		{"retried", testToken, auth, "/api/sources/2/retry", 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			eachStore(t, func(t *testing.T, st Store) {
				ts := newTestServer(t, Config{APIToken: tt.token}, st)
				r := do(t, "POST", ts.URL+tt.path, tt.header, "")
				if r.status != tt.status {
					t.Fatalf("status %d, want %d: %s", r.status, tt.status, r.body)
				}
				src, err := st.Source(t.Context(), 2)
				if err != nil {
					t.Fatal(err)
				}
				retried := src.LastError == "" && src.ErrorCount == 0 && !src.NextPollAt.IsZero()
				if retried != (tt.status == 200) {
					t.Errorf("after a %d the source is %+v", r.status, src)
				}
				if tt.status == 200 {
					var got news.Source
					if err := json.Unmarshal([]byte(r.body), &got); err != nil {
						t.Fatal(err)
					}
					if got.ID != 2 || got.LastError != "" || got.ErrorCount != 0 || got.Status != news.StatusNew {
						t.Errorf("response %+v, want source 2 new, without its error", got)
					}
				}
			})
		})
	}
	if r := do(t, "GET", newTestServer(t, Config{}, fixtureStore()).URL+"/api/sources/2/retry", nil, ""); r.status != 405 {
		t.Errorf("GET of the retry: status %d, want 405", r.status)
	}
}

func TestSourcesPageRetryButton(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, Config{}, fixtureStore())
	page := do(t, "GET", ts.URL+"/sources", nil, "").body
	if n := strings.Count(page, `data-retry="`); n != 1 {
		t.Errorf("sources page has %d retry buttons, want 1 (the feed in error)", n)
	}
	if !strings.Contains(page, `data-retry="/api/sources/2/retry"`) {
		t.Error("the feed in error has no retry button")
	}
}

// TestIndexPagingKeepsLimit follows the front page's links from a page of
// ?limit stories: each page they lead to has the same size.
func TestIndexPagingKeepsLimit(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, Config{MaxStories: 4}, manyStories(7))
	hrefs := regexp.MustCompile(`rel="(?:next|prev)" href="([^"]+)"`)
	path := "/?limit=2"
	for _, wantStories := range []int{2, 2, 2} {
		body := do(t, "GET", ts.URL+path, nil, "").body
		if n := strings.Count(body, `class="story-card"`); n != wantStories {
			t.Errorf("GET %s lists %d stories, want %d", path, n, wantStories)
		}
		m := hrefs.FindAllStringSubmatch(body, -1)
		if len(m) == 0 {
			t.Fatalf("GET %s has no pager links", path)
		}
		next := html.UnescapeString(m[len(m)-1][1])
		if !strings.Contains(next, "limit=2") {
			t.Errorf("GET %s links to %s, which drops its limit", path, next)
		}
		path = next
	}
}

// TestLongThread checks that a thread longer than the thread page's cap
// says so, on the page and in the API, and one at the cap does not.
func TestLongThread(t *testing.T) {
	t.Parallel()
	for _, n := range []int{maxThreadStories, maxThreadStories + 1} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			t.Parallel()
			m := manyStories(n)
			for id, s := range m.stories {
				s.ThreadID = 9
				m.stories[id] = s
			}
			ts := newTestServer(t, Config{}, m)
			wantMore := n > maxThreadStories
			r := do(t, "GET", ts.URL+"/api/threads/9", nil, "")
			var got struct {
				Stories []json.RawMessage `json:"stories"`
				More    bool              `json:"more"`
			}
			if err := json.Unmarshal([]byte(r.body), &got); err != nil {
				t.Fatalf("GET /api/threads/9: %d: %v", r.status, err)
			}
			if len(got.Stories) != maxThreadStories || got.More != wantMore {
				t.Errorf("GET /api/threads/9 of %d stories: %d stories, more %v; want %d, more %v",
					n, len(got.Stories), got.More, maxThreadStories, wantMore)
			}
			page := do(t, "GET", ts.URL+"/threads/9", nil, "").body
			if said := strings.Contains(page, "longer thread"); said != wantMore {
				t.Errorf("thread page of %d stories says it is cut: %v, want %v", n, said, wantMore)
			}
		})
	}
}
