package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// TestBriefRefusesPrivateByDefault checks the command line's default: a
// page on a loopback address is not fetched by "newsdesk brief" unless
// --allow-private is given, and the message names the flag.
func TestBriefRefusesPrivateByDefault(t *testing.T) {
	t.Parallel()
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		hits.Add(1)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, "<html><head><title>Internal</title></head><body><article><h1>Internal</h1><p>Secret text of an internal page that must not be fetched.</p></article></body></html>")
	}))
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var stdout, stderr bytes.Buffer
	err := run(ctx, []string{"brief", srv.URL + "/internal"}, func(string) string { return "" }, &stdout, &stderr)
	msg := fmt.Sprint(err) + stderr.String()
	if !strings.Contains(msg, "is private; run with --allow-private to allow it") {
		t.Errorf("err %v, stderr %q: want the private address refused", err, stderr.String())
	}
	if n := hits.Load(); n != 0 {
		t.Errorf("the loopback page was fetched %d times", n)
	}
}
