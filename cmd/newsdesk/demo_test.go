package main

import (
	"context"
	"log/slog"
	"math/rand/v2"
	"net"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/newsdesk/newsdesk/internal/demo"
	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/store/sqlite"
)

// reusableAddr returns a loopback address that was free a moment ago, on a
// port below the system's ephemeral range: the test frees and binds it
// again, and a port the system hands out for port 0 could be given to
// another test in between.
func reusableAddr(t *testing.T) string {
	t.Helper()
	start := 20000 + rand.IntN(8000)
	for port := start; port < start+200; port++ {
		ln, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
		if err != nil {
			continue
		}
		addr := ln.Addr().String()
		ln.Close()
		return addr
	}
	t.Fatalf("no free loopback port in %d-%d", start, start+199)
	return ""
}

// TestDemoKeptDatabase runs the demo's subscription step twice on one
// database, as "newsdesk demo --db PATH" run twice does: the second run must
// serve the newswire where the first did, so the database keeps one set of
// sources. When that address is taken, the demo still starts, elsewhere.
func TestDemoKeptDatabase(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		// secondFlag is the second run's --wire-addr; "taken" makes it the
		// first run's address and keeps that address busy.
		secondFlag string
		taken      bool
		wantSame   bool // the second run serves at the first run's URL
		wantErr    bool
	}{
		{name: "reuses the subscribed address", wantSame: true},
		{name: "subscribed address taken", taken: true},
		{name: "explicit address taken", secondFlag: "taken", taken: true, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			logger := slog.New(slog.DiscardHandler)
			st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "demo.db"), logger)
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()

			runOnce := func(flagAddr string) (string, error) {
				wire, err := demo.NewWire(logger)
				if err != nil {
					t.Fatal(err)
				}
				defer wire.Close()
				return subscribeNewswire(ctx, st, wire, flagAddr, logger)
			}
			first, err := runOnce(reusableAddr(t))
			if err != nil {
				t.Fatalf("first run: %v", err)
			}
			firstAddr := first[len("http://"):]
			if tt.taken {
				ln, err := net.Listen("tcp", firstAddr)
				if err != nil {
					t.Fatal(err)
				}
				defer ln.Close()
			}
			flag := tt.secondFlag
			if flag == "taken" {
				flag = firstAddr
			}
			second, err := runOnce(flag)
			if (err != nil) != tt.wantErr {
				t.Fatalf("second run: err %v, want error %v", err, tt.wantErr)
			}
			if tt.wantErr {
				return
			}
			if (second == first) != tt.wantSame {
				t.Errorf("second run serves at %s, first at %s; want same %v", second, first, tt.wantSame)
			}

			sources, err := st.Sources(ctx)
			if err != nil {
				t.Fatal(err)
			}
			perBase := map[string]int{}
			for _, s := range sources {
				perBase[s.URL[:len(first)]]++
			}
			wire, err := demo.NewWire(logger)
			if err != nil {
				t.Fatal(err)
			}
			n := len(wire.Sources(first))
			want := map[string]int{first: n}
			if !tt.wantSame {
				want[second] = n
			}
			if diff := cmp.Diff(want, perBase); diff != "" {
				t.Errorf("sources per newswire base URL (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSubscribedWireAddr(t *testing.T) {
	t.Parallel()
	logger := slog.New(slog.DiscardHandler)
	wire, err := demo.NewWire(logger)
	if err != nil {
		t.Fatal(err)
	}
	feed := wire.Sources("")[0].URL
	tests := []struct {
		name    string
		sources []string
		want    string
	}{
		{name: "none", want: ""},
		{name: "wire feed", sources: []string{"http://127.0.0.1:4242" + feed}, want: "127.0.0.1:4242"},
		{name: "ipv6 loopback", sources: []string{"http://[::1]:4242" + feed}, want: "[::1]:4242"},
		{name: "other feed on loopback", sources: []string{"http://127.0.0.1:4242/feed.xml"}, want: ""},
		{name: "wire path elsewhere", sources: []string{"http://example.com:4242" + feed}, want: ""},
		{name: "no port", sources: []string{"http://127.0.0.1" + feed}, want: ""},
		{
			name:    "first wire feed wins",
			sources: []string{"https://example.com/feed.xml", "http://127.0.0.1:4343" + feed},
			want:    "127.0.0.1:4343",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "demo.db"), logger)
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			for _, u := range tt.sources {
				if _, err := st.AddSource(ctx, news.Source{URL: u}); err != nil {
					t.Fatal(err)
				}
			}
			got, err := subscribedWireAddr(ctx, st, wire)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("subscribedWireAddr = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestDemoWritesLine checks that the demo tells its user how writes are
// unlocked, with or without a token, and never prints the token.
func TestDemoWritesLine(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		tokenSet bool
		want     string
	}{
		{"no token", false, "writes are off: to add, edit, import or retry sources, restart with NEWSDESK_API_TOKEN set to a token of at least 16 bytes"},
		{"token", true, "writes (add, edit, import or retry a source, in the sources page or the API) take the token in NEWSDESK_API_TOKEN"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if diff := cmp.Diff(tt.want, demoWritesLine(tt.tokenSet)); diff != "" {
				t.Errorf("demoWritesLine(%v) (-want +got):\n%s", tt.tokenSet, diff)
			}
		})
	}
}

// TestDemoIngestLine checks the demo's last line: a fresh database's ingest
// as before, a kept one's as what it holds and what this run added, not
// "ingested" all it holds.
func TestDemoIngestLine(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name                    string
		held, articles, stories int
		took                    time.Duration
		want                    string
	}{
		{"fresh", 0, 84, 21, 2200 * time.Millisecond, "ingested 84 articles into 21 stories in 2 seconds"},
		{"kept, nothing new", 89, 89, 23, 10 * time.Millisecond, "the kept database holds 89 articles in 23 stories; this run ingested 0 new ones in 0 seconds"},
		{"kept, a few new", 86, 89, 23, time.Second, "the kept database holds 89 articles in 23 stories; this run ingested 3 new ones in 1 second"},
		{"kept, killed mid-ingest", 3, 84, 21, 3 * time.Second, "the kept database holds 84 articles in 21 stories; this run ingested 81 new ones in 3 seconds"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if diff := cmp.Diff(tt.want, demoIngestLine(tt.held, tt.articles, tt.stories, tt.took)); diff != "" {
				t.Errorf("demoIngestLine (-want +got):\n%s", diff)
			}
		})
	}
}
