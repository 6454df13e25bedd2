package web

import (
	"encoding/xml"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/store/sqlite"
)

// atomEntryView is what a feed reader keys and orders an entry by.
type atomEntryView struct {
	ID        string `xml:"id"`
	Title     string `xml:"title"`
	Updated   string `xml:"updated"`
	Published string `xml:"published"`
	Link      struct {
		Href string `xml:"href,attr"`
	} `xml:"link"`
}

// atomEntries reads the feed's entries, keyed by their link.
func atomEntries(t *testing.T, url string) map[string]atomEntryView {
	t.Helper()
	r := do(t, "GET", url, nil, "")
	var feed struct {
		Entries []atomEntryView `xml:"entry"`
	}
	dec := xml.NewDecoder(strings.NewReader(r.body))
	dec.Strict = true
	if err := dec.Decode(&feed); err != nil {
		t.Fatalf("feed does not parse: %v\n%s", err, r.body)
	}
	out := map[string]atomEntryView{}
	for _, e := range feed.Entries {
		out[e.Link.Href] = e
	}
	return out
}

// TestAtomEntryAcrossHeadlines re-briefs a story under a new headline, as
// the pipeline does when the story grows and its headline is chosen again,
// and checks that its entry keeps its id (feed readers dedupe by it), its
// link and its published time, and that its title and updated time move.
func TestAtomEntryAcrossHeadlines(t *testing.T) {
	t.Parallel()
	type state struct {
		lastUpdated, generated time.Time // the story's newest article, the briefing
	}
	tests := []struct {
		name          string
		baseURL       string // "" for the request's own host
		before, after state
		wantUpdated   [2]time.Time
	}{
		{
			name:        "an article joins and the headline is re-chosen",
			baseURL:     "https://news.example.org",
			before:      state{lastUpdated: t0, generated: t0},
			after:       state{lastUpdated: t0.Add(50 * time.Minute), generated: t0.Add(time.Hour)},
			wantUpdated: [2]time.Time{t0, t0.Add(time.Hour)},
		},
		{
			name:        "no base URL: the request's host",
			before:      state{lastUpdated: t0, generated: t0},
			after:       state{lastUpdated: t0.Add(50 * time.Minute), generated: t0.Add(time.Hour)},
			wantUpdated: [2]time.Time{t0, t0.Add(time.Hour)},
		},
		{
			// A feed's wrong clock or zone dates an article ahead; the
			// briefings written before that time are still changes.
			name:        "an article dated ahead of the briefings",
			baseURL:     "https://news.example.org",
			before:      state{lastUpdated: t0.Add(5 * time.Hour), generated: t0},
			after:       state{lastUpdated: t0.Add(5 * time.Hour), generated: t0.Add(time.Hour)},
			wantUpdated: [2]time.Time{t0, t0.Add(time.Hour)},
		},
		{
			name:        "an article that is no newer re-chooses the headline",
			baseURL:     "https://news.example.org",
			before:      state{lastUpdated: t0, generated: t0.Add(time.Minute)},
			after:       state{lastUpdated: t0, generated: t0.Add(time.Hour)},
			wantUpdated: [2]time.Time{t0.Add(time.Minute), t0.Add(time.Hour)},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			st := sqliteFixture(t).(*sqlite.Store)
			ctx := t.Context()
			story, err := st.Story(ctx, 7)
			if err != nil {
				t.Fatal(err)
			}
			b := fixtureBriefing()
			put := func(s state, headline string, sources int) {
				t.Helper()
				story.Title, story.LastUpdated, story.SourceCount = headline, s.lastUpdated, sources
				b.Headline, b.GeneratedAt = headline, s.generated
				if err := st.PutStory(ctx, story); err != nil {
					t.Fatal(err)
				}
				if err := st.PutBriefing(ctx, b); err != nil {
					t.Fatal(err)
				}
			}
			ts := newTestServer(t, Config{BaseURL: tt.baseURL}, st)
			base := tt.baseURL
			if base == "" {
				base = ts.URL
			}
			link := base + "/stories/7"

			put(tt.before, "Bridge closed", 2)
			first := atomEntries(t, ts.URL+"/feeds/stories.atom")[link]
			put(tt.after, "Bridge closed for a month as repairs begin", 3)
			second := atomEntries(t, ts.URL+"/feeds/stories.atom")[link]

			want := [2]atomEntryView{
				{ID: link, Title: "Bridge closed", Updated: atomTime(tt.wantUpdated[0]), Published: atomTime(story.FirstSeen)},
				{ID: link, Title: "Bridge closed for a month as repairs begin", Updated: atomTime(tt.wantUpdated[1]), Published: atomTime(story.FirstSeen)},
			}
			want[0].Link.Href, want[1].Link.Href = link, link
			if diff := cmp.Diff(want, [2]atomEntryView{first, second}); diff != "" {
				t.Errorf("the entry before and after its headline changed (-want +got):\n%s", diff)
			}
		})
	}
}

// TestEntryUpdated checks the entry's updated time against its story's
// and briefing's.
func TestEntryUpdated(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name                   string
		lastUpdated, generated time.Time
		want                   time.Time
	}{
		{"briefed after its newest article", t0, t0.Add(time.Hour), t0.Add(time.Hour)},
		{"an article dated ahead", t0.Add(5 * time.Hour), t0.Add(time.Hour), t0.Add(time.Hour)},
		{"no briefing time", t0, time.Time{}, t0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := entryUpdated(news.Story{LastUpdated: tt.lastUpdated}, news.Briefing{GeneratedAt: tt.generated})
			if !got.Equal(tt.want) {
				t.Errorf("entryUpdated = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestAtomConditionalGet checks that the feed carries an ETag of its
// content and answers a reader that sends it back 304 without a body, so
// that polling an unchanged feed costs no download; a feed of other
// content has another.
func TestAtomConditionalGet(t *testing.T) {
	t.Parallel()
	s, err := New(Config{}, fixtureStore(), slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	// The clock moves on between requests, as a feed reader's polls are
	// minutes apart: a feed that has not changed must keep its ETag.
	clock := &fakeClock{t: t0}
	s.now = func() time.Time {
		clock.advance(time.Minute)
		return clock.now()
	}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	const feed, empty = "/feeds/stories.atom", "/feeds/stories.atom?category=Nowhere"
	etags := map[string]string{}
	for _, path := range []string{feed, empty} {
		first := do(t, "GET", ts.URL+path, nil, "")
		etag := first.header.Get("ETag")
		if first.status != 200 || !strings.HasPrefix(etag, `"`) || !strings.Contains(first.body, "<feed") {
			t.Fatalf("GET %s: status %d, ETag %q; want 200 with a feed and a strong ETag:\n%s", path, first.status, etag, first.body)
		}
		etags[path] = etag
	}
	if first := do(t, "GET", ts.URL+feed, nil, ""); !strings.Contains(first.body, "<entry>") {
		t.Fatalf("GET %s: no entries:\n%s", feed, first.body)
	}
	etag := etags[feed]
	tests := []struct {
		name, path, ifNoneMatch string
		status                  int
	}{
		{"same feed, its ETag", feed, etag, 304},
		{"same feed, any of its ETags", feed, `"other", ` + etag, 304},
		{"same feed, any ETag", feed, "*", 304},
		{"same feed, its ETag weak", feed, "W/" + etag, 304},
		{"same feed, another ETag", feed, `"other"`, 200},
		{"another category's feed", empty, etag, 200},
		{"empty feed, its ETag", empty, etags[empty], 304},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := do(t, "GET", ts.URL+tt.path, map[string]string{"If-None-Match": tt.ifNoneMatch}, "")
			if r.status != tt.status {
				t.Fatalf("status %d, want %d", r.status, tt.status)
			}
			// A 304 repeats the ETag and Cache-Control the 200 would
			// have sent (RFC 9110, section 15.4.5).
			if tt.status == 304 && (r.header.Get("ETag") != etags[tt.path] || r.header.Get("Cache-Control") != "no-cache") {
				t.Errorf("304 with ETag %q, Cache-Control %q; want %q, no-cache", r.header.Get("ETag"), r.header.Get("Cache-Control"), etags[tt.path])
			}
			if tt.status == 200 && (r.header.Get("ETag") == "" || !strings.Contains(r.body, "<feed")) {
				t.Errorf("200 without an ETag or a feed (ETag %q):\n%s", r.header.Get("ETag"), r.body)
			}
		})
	}
}
