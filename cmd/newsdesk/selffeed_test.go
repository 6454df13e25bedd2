package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestSourcesAddOwnSite checks that "sources add" and "sources import"
// refuse the server's own site, as the configuration names it: the
// listen address and the public base URL.
func TestSourcesAddOwnSite(t *testing.T) {
	t.Parallel()
	env := map[string]string{"NEWSDESK_ADDR": "127.0.0.1:8090", "NEWSDESK_BASE_URL": "https://news.example.org"}
	getenv := func(k string) string { return env[k] }
	opml := filepath.Join(t.TempDir(), "own.opml")
	if err := os.WriteFile(opml, []byte(`<?xml version="1.0"?><opml version="2.0"><head><title>t</title></head><body>`+
		`<outline type="rss" text="mine" xmlUrl="https://news.example.org/feeds/stories.atom"/>`+
		`<outline type="rss" text="theirs" xmlUrl="https://wire.example/feed.xml"/></body></opml>`), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args       []string
		wantErr    string
		wantOut    string
		wantStderr string
	}{
		{args: []string{"add", "http://127.0.0.1:8090/feeds/stories.atom"}, wantErr: "is this newsdesk's own site"},
		{args: []string{"add", "http://localhost:8090/"}, wantErr: "is this newsdesk's own site"},
		{args: []string{"add", "--page", "https://news.example.org/stories/3"}, wantErr: "is this newsdesk's own site"},
		{args: []string{"add", "http://127.0.0.1:8091/feed.xml"}, wantOut: "added source 1"},
		{args: []string{"import", opml}, wantOut: "imported 1 sources (0 already subscribed, 1 invalid)",
			wantStderr: `skipped source "https://news.example.org/feeds/stories.atom": https://news.example.org/feeds/stories.atom is this newsdesk's own site`},
	}
	db := filepath.Join(t.TempDir(), "nd.db")
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		err := run(t.Context(), append([]string{"sources", "--db", db}, tt.args...), getenv, &stdout, &stderr)
		switch {
		case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
			t.Errorf("%q: err %v; want %q", tt.args, err, tt.wantErr)
		case tt.wantErr == "" && err != nil:
			t.Errorf("%q: %v", tt.args, err)
		}
		if !strings.Contains(stdout.String(), tt.wantOut) || !strings.Contains(stderr.String(), tt.wantStderr) {
			t.Errorf("%q: stdout %q, stderr %q; want %q, %q", tt.args, stdout.String(), stderr.String(), tt.wantOut, tt.wantStderr)
		}
	}
}

// TestServeRefusesOwnFeed runs serve on loopback and subscribes it, through
// the API, to its own feed of briefings: by its own address the API
// refuses it; through a reverse proxy (another address, which the API
// cannot know for its own) the poll refuses it, by the instance ID serve
// gave both its feed and its pipeline.
func TestServeRefusesOwnFeed(t *testing.T) {
	t.Parallel()
	addr := reusableAddr(t)
	const token = "a-token-for-the-test-0123"
	env := map[string]string{"NEWSDESK_API_TOKEN": token}
	args := []string{"serve", "--addr", addr, "--db", filepath.Join(t.TempDir(), "nd.db"), "--allow-private"}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var stdout, stderr bytes.Buffer
	done := make(chan error, 1)
	go func() { done <- run(ctx, args, func(k string) string { return env[k] }, &stdout, &stderr) }()
	self := "http://" + addr
	getWhenUp(t, ctx, done, self+"/healthz")

	target, err := url.Parse(self)
	if err != nil {
		t.Fatal(err)
	}
	proxy := httptest.NewServer(httputil.NewSingleHostReverseProxy(target))
	defer proxy.Close()

	add := func(feedURL string) (int, string) {
		status, b := postSource(t, ctx, self, token, feedURL)
		return status, string(b)
	}
	if status, body := add(self + "/feeds/stories.atom"); status != http.StatusBadRequest || !strings.Contains(body, "this newsdesk's own site") {
		t.Errorf("add its own feed: %d %s; want 400, this newsdesk's own site", status, body)
	}
	status, body := add(proxy.URL + "/feeds/stories.atom")
	if status != http.StatusCreated {
		t.Fatalf("add the proxy's feed: %d %s; want 201", status, body)
	}
	var src struct {
		ID int64 `json:"id"`
	}
	if err := json.Unmarshal([]byte(body), &src); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Status    string `json:"status"`
		LastError string `json:"last_error"`
	}
	for got.Status != "error" {
		select {
		case <-ctx.Done():
			t.Fatalf("the proxied feed was never refused: %+v", got)
		case <-time.After(50 * time.Millisecond):
		}
		b := getWhenUp(t, ctx, done, self+"/api/sources/"+strconv.FormatInt(src.ID, 10))
		if err := json.Unmarshal([]byte(b), &got); err != nil {
			t.Fatalf("%v: %s", err, b)
		}
		if got.Status == "ok" {
			t.Fatalf("the proxied feed was read as a source: %+v", got)
		}
	}
	if !strings.Contains(got.LastError, "this newsdesk's own feed of briefings") {
		t.Errorf("source error %q; want it to say this is newsdesk's own feed", got.LastError)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("serve: %v", err)
	}
}

// TestServeKeepsInstanceID runs serve several times on one database and
// reads the instance ID its Atom feed names: without NEWSDESK_INSTANCE_ID
// it is the database's, the same after a restart (it was drawn anew at
// each start, so a restarted desk took its earlier feed for another
// desk's); a configured ID wins for the run given it and changes nothing
// stored; another database has another ID.
func TestServeKeepsInstanceID(t *testing.T) {
	t.Parallel()
	db, other := filepath.Join(t.TempDir(), "nd.db"), filepath.Join(t.TempDir(), "other.db")
	tests := []struct {
		name, db, configured string
		// first: the feed names the first run's instance (when no ID is
		// configured; a configured one must be named instead).
		first bool
	}{
		{name: "first start", db: db, first: true},
		{name: "restart", db: db, first: true},
		{name: "configured", db: db, configured: "desk-1"},
		{name: "restart unconfigured", db: db, first: true},
		{name: "another database", db: other},
	}
	var stored string
	for i, tt := range tests {
		got := serveInstanceID(t, tt.db, tt.configured)
		if i == 0 {
			stored = got
		}
		switch {
		case tt.configured != "" && got != tt.configured:
			t.Errorf("%s: the feed names instance %q; want the configured %q", tt.name, got, tt.configured)
		case tt.configured == "" && tt.first && got != stored:
			t.Errorf("%s: the feed names instance %q; want the first run's, %q", tt.name, got, stored)
		case tt.configured == "" && !tt.first && got == stored:
			t.Errorf("%s: the feed names instance %q, the first run's; want another", tt.name, got)
		}
	}
}

// instanceURN finds the instance ID in an Atom feed's generator.
var instanceURN = regexp.MustCompile(`uri="urn:newsdesk:instance:([^"]+)"`)

// serveInstanceID runs serve on the SQLite database db, NEWSDESK_INSTANCE_ID
// set to configured, and returns the instance ID its feed names.
func serveInstanceID(t *testing.T, db, configured string) string {
	t.Helper()
	env := map[string]string{"NEWSDESK_INSTANCE_ID": configured}
	addr := reusableAddr(t)
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	var stdout, stderr bytes.Buffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--addr", addr, "--db", db}, func(k string) string { return env[k] }, &stdout, &stderr)
	}()
	body := getWhenUp(t, ctx, done, "http://"+addr+"/feeds/stories.atom")
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("serve: %v", err)
	}
	m := instanceURN.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("the feed names no instance: %s", body)
	}
	return m[1]
}
