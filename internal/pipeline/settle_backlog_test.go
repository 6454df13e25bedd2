package pipeline

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/demo"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/store/sqlite"
)

// firstGroupStore is a store that counts, when the first article is
// grouped, the articles stored by then: all of a backlog's when it is
// grouped as one batch.
type firstGroupStore struct {
	store.Store
	once   sync.Once
	stored int
	err    error
}

func (s *firstGroupStore) SetArticleGroup(ctx context.Context, id int64, g store.Group) error {
	s.once.Do(func() {
		arts, err := s.Store.Articles(ctx, store.ArticleFilter{})
		s.stored, s.err = len(arts), err
	})
	return s.Store.SetArticleGroup(ctx, id, g)
}

// TestBacklogOneBatch serves the demo newswire with every article page
// slowed down, so that fetching the backlog takes longer than GroupSettle
// (2 s) whatever the machine, and checks when grouping begins. A backlog
// (a first poll of every outlet, 6 polls and 84 fetches) is grouped in
// one batch once it is all stored; with GroupBacklogWait 0 it was grouped
// in 2-second slices, the first before the backlog was in, the slices in
// the order the feeds happened to finish. Fewer fetches than
// GroupBacklogJobs (one outlet's first poll) are not a backlog: steady
// polling still groups them within GroupSettle.
func TestBacklogOneBatch(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name     string
		outlets  int           // the first n outlets; 0 for all
		delay    time.Duration // added to each article page
		wait     time.Duration // GroupBacklogWait
		oneBatch bool
	}{
		// 84 fetches over 4 workers, each at least 200 ms: 4.2 s or more.
		{name: "backlog waits", delay: 200 * time.Millisecond, wait: time.Minute, oneBatch: true},
		{name: "backlog wait off", delay: 200 * time.Millisecond, wait: 0, oneBatch: false},
		// One outlet's articles over 4 workers, each at least 1 s: 3 s or more.
		{name: "few fetches", outlets: 1, delay: time.Second, wait: time.Minute, oneBatch: false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			wire, srv := slowWire(t, tc.delay)
			sources := wire.Sources(srv.URL)
			if tc.outlets > 0 {
				sources = sources[:tc.outlets]
			}
			cfg := testConfig()
			if cfg.Workers != 4 {
				t.Fatalf("the delays assume 4 workers, got %d", cfg.Workers)
			}
			cfg.GroupBacklogWait = tc.wait
			spy := &firstGroupStore{}
			hs := startPipelineAs(t, ctx, filepath.Join(t.TempDir(), "backlog.db"), testFetcher(t), cfg, func(st *sqlite.Store) store.Store {
				spy.Store = st
				return spy
			})
			subscribe(t, ctx, hs.st, sources)
			waitIdle(t, ctx, hs.p)

			arts, err := hs.st.Articles(ctx, store.ArticleFilter{})
			if err != nil {
				t.Fatal(err)
			}
			outlets := wire.Outlets()[:len(sources)]
			want := 0
			for _, a := range wire.Articles() {
				if slices.ContainsFunc(outlets, func(o demo.Outlet) bool { return o.Slug == a.Outlet }) {
					want++
				}
			}
			if len(arts) != want {
				t.Fatalf("ingested %d articles, want %d", len(arts), want)
			}
			if spy.err != nil {
				t.Fatal(spy.err)
			}
			t.Logf("grouping began with %d of %d articles stored", spy.stored, len(arts))
			if got := spy.stored == len(arts); got != tc.oneBatch {
				t.Errorf("grouping began with %d of %d articles stored: one batch %t, want %t", spy.stored, len(arts), got, tc.oneBatch)
			}
		})
	}
}

// TestValidateGroupBacklog checks the backlog settings' bounds: the count
// is a job listing's limit, which River caps at 10,000.
func TestValidateGroupBacklog(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		change func(*Config)
		want   string // a part of the error, "" for none
	}{
		{"defaults", func(*Config) {}, ""},
		{"wait off", func(c *Config) { c.GroupBacklogWait = 0 }, ""},
		{"wait an hour", func(c *Config) { c.GroupBacklogWait = time.Hour }, ""},
		{"wait over an hour", func(c *Config) { c.GroupBacklogWait = time.Hour + time.Second }, "group backlog wait must be 0 to 1 hour"},
		{"wait negative", func(c *Config) { c.GroupBacklogWait = -time.Second }, "group backlog wait must be 0 to 1 hour"},
		{"one job a backlog", func(c *Config) { c.GroupBacklogJobs = 1 }, ""},
		{"no jobs", func(c *Config) { c.GroupBacklogJobs = 0 }, "group backlog jobs must be 1 to 10000, got 0"},
		{"more jobs than a listing", func(c *Config) { c.GroupBacklogJobs = 10_001 }, "group backlog jobs must be 1 to 10000"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			cfg := DefaultConfig()
			tc.change(&cfg)
			err := cfg.Validate()
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("Validate() = %v, want nil", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Errorf("Validate() = %v, want an error with %q", err, tc.want)
			}
		})
	}
}

// slowWire serves the demo's newswire on loopback with every article page
// answered only after delay (feeds at once), so that fetching a backlog
// takes a known least time.
func slowWire(t *testing.T, delay time.Duration) (*demo.Wire, *httptest.Server) {
	t.Helper()
	wire, err := demo.NewWire(nil)
	if err != nil {
		t.Fatal(err)
	}
	h := wire.Handler()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, ok := wire.Article(r.URL.Path); ok {
			select {
			case <-time.After(delay):
			case <-r.Context().Done():
				return
			}
		}
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return wire, srv
}
