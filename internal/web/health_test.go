package web

import (
	"log/slog"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestHealth checks GET /healthz and GET /readyz: liveness without the
// store, readiness by the store's ping, whose error is never shown.
func TestHealth(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		path        string
		method      string
		broken      bool // every store call fails
		hangs       bool // the ping never answers
		status      int
		contentType string
		body        string
	}{
		{"live", "/healthz", "GET", false, false, 200, "text/plain; charset=utf-8", "ok\n"},
		{"live, store broken", "/healthz", "GET", true, false, 200, "text/plain; charset=utf-8", "ok\n"},
		{"live, HEAD", "/healthz", "HEAD", false, false, 200, "text/plain; charset=utf-8", ""},
		{"live, POST", "/healthz", "POST", false, false, 405, "text/html; charset=utf-8", ""},
		{"ready", "/readyz", "GET", false, false, 200, "application/json; charset=utf-8", "{\n  \"status\": \"ok\"\n}\n"},
		{"not ready, store broken", "/readyz", "GET", true, false, 503, "application/json; charset=utf-8", "{\n  \"status\": \"unavailable\"\n}\n"},
		{"not ready, store hangs", "/readyz", "GET", false, true, 503, "application/json; charset=utf-8", "{\n  \"status\": \"unavailable\"\n}\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			st := fixtureStore()
			st.failAll, st.pingHangs = tt.broken, tt.hangs
			logs := &syncWriter{w: &strings.Builder{}}
			s, err := New(Config{}, st, slog.New(slog.NewTextHandler(logs, nil)))
			if err != nil {
				t.Fatal(err)
			}
			s.readyTimeout = 50 * time.Millisecond
			ts := httptest.NewServer(s.Handler())
			t.Cleanup(ts.Close)
			start := time.Now()
			r := do(t, tt.method, ts.URL+tt.path, nil, "")
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("answered in %s", d)
			}
			if r.status != tt.status {
				t.Fatalf("status %d, want %d: %s", r.status, tt.status, r.body)
			}
			if ct := r.header.Get("Content-Type"); ct != tt.contentType {
				t.Errorf("Content-Type %q, want %q", ct, tt.contentType)
			}
			if tt.body != "" && r.body != tt.body {
				t.Errorf("body %q, want %q", r.body, tt.body)
			}
			if tt.status == 200 && r.header.Get("Cache-Control") != "no-store" {
				t.Errorf("Cache-Control %q, want no-store", r.header.Get("Cache-Control"))
			}
			if strings.Contains(r.body, "disk on fire") || strings.Contains(r.body, "deadline") {
				t.Errorf("internal error shown: %s", r.body)
			}
			if tt.status == 503 && !strings.Contains(logs.String(), "readiness: store did not answer") {
				t.Errorf("cause not logged: %s", logs.String())
			}
		})
	}
}

// syncWriter serialises writes to w: the server logs from its own
// goroutines while the test reads the log after the answer.
type syncWriter struct {
	mu sync.Mutex
	w  *strings.Builder
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}

func (s *syncWriter) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.String()
}
