package pipeline

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/newsdesk/newsdesk/internal/news"
)

func TestSchedule(t *testing.T) {
	t.Parallel()
	cfg := DefaultConfig() // 15 min, doubling every 3 unchanged polls, up to 4 h and 8x
	const (
		m = time.Minute
		h = time.Hour
	)
	tests := []struct {
		name    string
		mod     func(*Config)
		src     news.Source
		fresh   time.Duration
		want    time.Duration
		wantWhy string // prefix
	}{
		{"base", nil, news.Source{}, 0, 15 * m, ""},
		{"override", nil, news.Source{PollInterval: 30 * m}, 0, 30 * m, "override"},
		{"2 unchanged: base", nil, news.Source{UnchangedPolls: 2}, 0, 15 * m, ""},
		{"3 unchanged: doubled", nil, news.Source{UnchangedPolls: 3}, 0, 30 * m, "adaptive: 3 polls"},
		{"5 unchanged: doubled", nil, news.Source{UnchangedPolls: 5}, 0, 30 * m, "adaptive"},
		{"6 unchanged: 4x", nil, news.Source{UnchangedPolls: 6}, 0, h, "adaptive"},
		{"9 unchanged: 8x", nil, news.Source{UnchangedPolls: 9}, 0, 2 * h, "adaptive"},
		{"300 unchanged: still 8x", nil, news.Source{UnchangedPolls: 300}, 0, 2 * h, "adaptive"},
		{"override 1h: AdaptMax caps before 8x", nil, news.Source{PollInterval: h, UnchangedPolls: 30}, 0, 4 * h, "adaptive"},
		{"override above AdaptMax: no adapting", nil, news.Source{PollInterval: 6 * h, UnchangedPolls: 30}, 0, 6 * h, "override"},
		{"adaptive off", func(c *Config) { c.AdaptAfter = 0 }, news.Source{UnchangedPolls: 30}, 0, 15 * m, ""},
		{"ttl longer", nil, news.Source{PollHint: h}, 0, h, "hint: the feed says it changes every 1 hour"},
		{"ttl shorter: never more often", nil, news.Source{PollHint: 5 * m}, 0, 15 * m, ""},
		{"ttl shorter than override", nil, news.Source{PollInterval: 30 * m, PollHint: 20 * m}, 0, 30 * m, "override"},
		{"ttl capped", nil, news.Source{PollHint: 48 * h}, 0, 24 * h, "hint: the feed says it changes every 2 days, capped at 1 day"},
		{"max-age longer", nil, news.Source{}, 2 * h, 2 * h, "hint: the server says its response is fresh for 2 hours"},
		{"max-age beats ttl", nil, news.Source{PollHint: h}, 3 * h, 3 * h, "hint: the server"},
		{"max-age shorter", nil, news.Source{}, time.Minute, 15 * m, ""},
		{"adaptive beats shorter hint", nil, news.Source{UnchangedPolls: 9, PollHint: h}, 0, 2 * h, "adaptive"},
		{"hint beats shorter adaptive", nil, news.Source{UnchangedPolls: 3, PollHint: h}, 0, h, "hint"},
		{"hint cap lowered", func(c *Config) { c.MaxPollHint = 30 * m }, news.Source{PollHint: h}, 0, 30 * m, "hint: the feed says it changes every 1 hour, capped at 30 minutes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := cfg
			if tt.mod != nil {
				tt.mod(&c)
			}
			got, why := c.schedule(tt.src, tt.fresh)
			if got != tt.want || !strings.HasPrefix(why, tt.wantWhy) || (tt.wantWhy == "") != (why == "") {
				t.Errorf("schedule = %v, %q; want %v, %q...", got, why, tt.want, tt.wantWhy)
			}
		})
	}
}

func TestRecordPoll(t *testing.T) {
	t.Parallel()
	cfg := DefaultConfig()
	now := time.Date(2026, 11, 29, 6, 0, 0, 0, time.UTC)
	type state struct {
		Unchanged int
		Hint      time.Duration
		Every     time.Duration
	}
	tests := []struct {
		name string
		src  news.Source
		o    pollOutcome
		want state
	}{
		{"new items reset the count", news.Source{UnchangedPolls: 8}, pollOutcome{newItems: 2, readFeed: true}, state{0, 0, 15 * time.Minute}},
		{"nothing new counts", news.Source{UnchangedPolls: 2}, pollOutcome{readFeed: true}, state{3, 0, 30 * time.Minute}},
		{"a 304 counts, keeps the hint", news.Source{UnchangedPolls: 2, PollHint: time.Hour}, pollOutcome{}, state{3, time.Hour, time.Hour}},
		{"a read without ttl drops the hint", news.Source{PollHint: time.Hour}, pollOutcome{newItems: 1, readFeed: true}, state{0, 0, 15 * time.Minute}},
		{"a read with ttl sets it", news.Source{}, pollOutcome{newItems: 1, hint: 90 * time.Minute, readFeed: true}, state{0, 90 * time.Minute, 90 * time.Minute}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			src := tt.src
			cfg.record(&src, now, tt.o)
			if diff := cmp.Diff(tt.want, state{src.UnchangedPolls, src.PollHint, src.PollEvery}); diff != "" {
				t.Errorf("after the poll (-want +got):\n%s", diff)
			}
			if want := now.Add(src.PollEvery); !src.NextPollAt.Equal(want) {
				t.Errorf("NextPollAt = %v, want %v", src.NextPollAt, want)
			}
		})
	}
}

func TestValidatePollInterval(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		every time.Duration
		want  string // the error, "" for none
	}{
		{time.Second, "poll interval must be at least 1 minute, got 1 second"},
		{59*time.Second + 500*time.Millisecond, "poll interval must be at least 1 minute, got 59 seconds 500 milliseconds"},
		{MinPollInterval, ""},
	} {
		cfg := DefaultConfig()
		cfg.PollInterval = tt.every
		err := cfg.Validate()
		if got := fmt.Sprint(err); (err == nil) != (tt.want == "") || err != nil && got != tt.want {
			t.Errorf("Validate with PollInterval %v: %v, want %q", tt.every, err, tt.want)
		}
	}
}

// hintSite is a loopback feed whose headers and items a test sets: it
// answers a matching If-None-Match with a 304 (with the same headers, as
// servers do), and serves each item's article page.
type hintSite struct {
	srv *httptest.Server

	mu     sync.Mutex
	header map[string]string // set on every feed response
	ttl    string            // the channel's <ttl>, if not empty
	items  int               // items /a/1.../a/items
	gets   map[int]int       // feed responses by status
}

func newHintSite(t *testing.T) *hintSite {
	s := &hintSite{header: map[string]string{}, items: 1, gets: map[int]int{}}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *hintSite) set(f func(s *hintSite)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f(s)
}

func (s *hintSite) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if n, ok := strings.CutPrefix(r.URL.Path, "/a/"); ok {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!doctype html><html><head><title>Report %[1]s</title></head><body><article><h1>Report %[1]s</h1>
<p>The harbour authority said on Tuesday that report number %[1]s covers the new quay, which opens in the spring after two years of work.</p>
<p>Officials expect the quay to handle twice the traffic of the old one, and the city council will vote on its budget next week.</p></article></body></html>`, n)
		return
	}
	var items strings.Builder
	for i := 1; i <= s.items; i++ {
		fmt.Fprintf(&items, `<item><title>Report %d</title><link>%s/a/%d</link></item>`, i, s.srv.URL, i)
	}
	ttl := ""
	if s.ttl != "" {
		ttl = "<ttl>" + s.ttl + "</ttl>"
	}
	body := `<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour</title>` + ttl + items.String() + `</channel></rss>`
	etag := fmt.Sprintf(`"%d-%s"`, s.items, s.ttl)
	for k, v := range s.header {
		w.Header().Set(k, v)
	}
	w.Header().Set("ETag", etag)
	if r.Header.Get("If-None-Match") == etag {
		s.gets[http.StatusNotModified]++
		w.WriteHeader(http.StatusNotModified)
		return
	}
	s.gets[http.StatusOK]++
	w.Header().Set("Content-Type", "application/rss+xml")
	fmt.Fprint(w, body)
}

// TestPollHonoursHints polls real feeds on loopback and checks the
// interval each poll sets: a feed's <ttl> and a response's Cache-Control
// or Expires put the next poll off, never sooner than the server's
// interval (1 h in testConfig) and never later than MaxPollHint; a 304
// carries its own Cache-Control; polls finding nothing new back off, and
// a new item brings the interval back; a source's own interval replaces
// the server's. Before the poll schedule every poll set 1 h.
func TestPollHonoursHints(t *testing.T) {
	t.Parallel()
	type poll struct {
		change  func(s *hintSite) // before the poll, if not nil
		want    time.Duration
		wantWhy string // prefix
	}
	tests := []struct {
		name  string
		own   time.Duration // the source's PollInterval
		polls []poll
	}{
		{"ttl", 0, []poll{
			{func(s *hintSite) { s.ttl = "120" }, 2 * time.Hour, "hint: the feed says it changes every 2 hours"},
			// A 304 keeps the ttl read before.
			{nil, 2 * time.Hour, "hint: the feed"},
		}},
		{"ttl below the interval", 0, []poll{
			{func(s *hintSite) { s.ttl = "5" }, time.Hour, ""},
		}},
		{"ttl capped", 0, []poll{
			{func(s *hintSite) { s.ttl = "10080" }, 24 * time.Hour, "hint: the feed says it changes every 7 days, capped at 1 day"},
		}},
		{"cache-control, on a 304 too", 0, []poll{
			{func(s *hintSite) { s.header["Cache-Control"] = "public, max-age=7200" }, 2 * time.Hour, "hint: the server says its response is fresh for 2 hours"},
			{func(s *hintSite) { s.header["Cache-Control"] = "max-age=10800" }, 3 * time.Hour, "hint: the server"},
			{func(s *hintSite) { s.header["Cache-Control"] = "no-cache" }, time.Hour, ""},
		}},
		{"expires", 0, []poll{
			{func(s *hintSite) {
				now := time.Now()
				s.header["Date"] = now.UTC().Format(http.TimeFormat)
				s.header["Expires"] = now.Add(5 * time.Hour).UTC().Format(http.TimeFormat)
			}, 5 * time.Hour, "hint: the server says its response is fresh for 5 hours"},
		}},
		{"adaptive", 0, []poll{
			{nil, time.Hour, ""}, // new: the first item
			{nil, time.Hour, ""}, // 304, 1 unchanged
			{nil, time.Hour, ""}, // 2
			{nil, 2 * time.Hour, "adaptive: 3 polls in a row found nothing new"},
			{nil, 2 * time.Hour, "adaptive"},
			{nil, 2 * time.Hour, "adaptive"},
			{nil, 4 * time.Hour, "adaptive: 6 polls"}, // AdaptMax
			{func(s *hintSite) { s.items = 2 }, time.Hour, ""},
		}},
		{"own interval", 30 * time.Minute, []poll{
			{nil, 30 * time.Minute, "override"},
			{func(s *hintSite) { s.ttl = "45" }, 45 * time.Minute, "hint"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			s := newHintSite(t)
			h := startPipeline(t, ctx, filepath.Join(t.TempDir(), "newsdesk.db"), testFetcher(t))
			var src news.Source
			for i, p := range tt.polls {
				if p.change != nil {
					s.set(p.change)
				}
				if i == 0 {
					src = h.addSource(t, ctx, news.Source{URL: s.srv.URL + "/feed.xml", PollInterval: tt.own})
				} else if err := h.p.PollNow(ctx, src.ID); err != nil {
					t.Fatal(err)
				}
				h.waitIdle(t, ctx)
				got, err := h.st.Source(ctx, src.ID)
				if err != nil {
					t.Fatal(err)
				}
				if got.Status != news.StatusOK {
					t.Fatalf("poll %d: status %s: %s", i+1, got.Status, got.LastError)
				}
				every := got.NextPollAt.Sub(got.LastPolledAt)
				if every != p.want || got.PollEvery != p.want || !strings.HasPrefix(got.PollReason, p.wantWhy) || (p.wantWhy == "") != (got.PollReason == "") {
					t.Errorf("poll %d: next poll in %v (PollEvery %v), why %q; want %v, %q...",
						i+1, every, got.PollEvery, got.PollReason, p.want, p.wantWhy)
				}
			}
		})
	}
}
