package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/brief"
	"github.com/newsdesk/newsdesk/internal/news"
)

// sourceLineRE finds the numbered source sentences of the writer's prompt.
var sourceLineRE = regexp.MustCompile(`(?m)^\[(\d+)\] (.+)$`)

// fakeWriter serves chat completions on loopback. It drafts two
// sentences from the prompt: source 1 restated word for word (supported)
// and source 1 with an invented figure (to be rejected).
func fakeWriter(t *testing.T, status int) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer k3y" {
			http.Error(w, "no key", http.StatusUnauthorized)
			return
		}
		if status != http.StatusOK {
			http.Error(w, "internal details the reader must not see", status)
			return
		}
		var req struct {
			Messages []struct{ Content string } `json:"messages"`
		}
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil || len(req.Messages) < 2 {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		m := sourceLineRE.FindStringSubmatch(req.Messages[1].Content)
		if m == nil {
			http.Error(w, "no sources", http.StatusBadRequest)
			return
		}
		content, _ := json.Marshal(map[string]any{"sentences": []any{
			map[string]any{"text": m[2], "cites": []int{1}},
			map[string]any{"text": "Officials said 987,654 people were affected.", "cites": []int{1}},
		}})
		json.NewEncoder(w).Encode(map[string]any{"choices": []any{map[string]any{"message": map[string]any{"content": string(content)}}}})
	}))
	t.Cleanup(srv.Close)
	return srv
}

// TestBriefWriter runs "newsdesk brief" with the optional writer against
// a fake chat-completions server: only the supported sentence is
// published, citing a valid span; a failing writer leaves the extractive
// briefing alone and shows the reader nothing of the failure.
func TestBriefWriter(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("short")
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	wireURL, page := startWire(t, ctx)
	getenv := func(k string) string {
		if k == "MY_WRITER_KEY" {
			return "k3y"
		}
		return ""
	}
	briefWith := func(t *testing.T, writerURL string) []news.Briefing {
		t.Helper()
		var stdout, stderr bytes.Buffer
		args := []string{"brief", "--allow-private", "--format", "json", "--writer-url", writerURL + "/v1",
			"--writer-model", "fake", "--writer-key-env", "MY_WRITER_KEY", "--writer-allow-private", wireURL + page}
		if err := run(ctx, args, getenv, &stdout, &stderr); err != nil {
			t.Fatalf("brief: %v\n%s", err, stderr.String())
		}
		if strings.Contains(stdout.String(), "internal details") || strings.Contains(stdout.String(), "k3y") {
			t.Errorf("output shows the writer's internals:\n%s", stdout.String())
		}
		var got []struct {
			news.Briefing
			Articles []news.Article `json:"articles"`
		}
		if err := json.Unmarshal(stdout.Bytes(), &got); err != nil {
			t.Fatal(err)
		}
		var out []news.Briefing
		for _, g := range got {
			articles := map[int64]news.Article{}
			for _, a := range g.Articles {
				articles[a.ID] = a
			}
			if err := brief.CheckGrounded(g.Briefing, articles); err != nil {
				t.Errorf("briefing does not check: %v", err)
			}
			out = append(out, g.Briefing)
		}
		return out
	}

	// The subtests share ctx, which ends when this test returns: they run
	// in sequence.
	t.Run("supported sentences only", func(t *testing.T) {
		bs := briefWith(t, fakeWriter(t, http.StatusOK).URL)
		if len(bs) != 1 {
			t.Fatalf("%d briefings, want 1", len(bs))
		}
		sum, _ := bs[0].Section(news.SectionSummary)
		written, ok := bs[0].Section(news.SectionWritten)
		if !ok || len(written.Items) != 1 {
			t.Fatalf("written summary = %+v, want the one supported sentence", written)
		}
		if it := written.Items[0]; it.Text != sum.Items[0].Text || len(it.Citations) != 1 || it.Citations[0] != sum.Items[0].Citations[0] {
			t.Errorf("written item %+v, want summary sentence 1 citing its span", it)
		}
	})
	t.Run("failing writer", func(t *testing.T) {
		bs := briefWith(t, fakeWriter(t, http.StatusInternalServerError).URL)
		for _, b := range bs {
			if _, ok := b.Section(news.SectionWritten); ok {
				t.Errorf("a failing writer published a written summary")
			}
			if _, ok := b.Section(news.SectionSummary); !ok {
				t.Errorf("no extractive summary")
			}
		}
	})
	t.Run("private address refused unless allowed", func(t *testing.T) {
		var stdout, stderr bytes.Buffer
		args := []string{"brief", "--writer-url", "http://127.0.0.1:1/v1", "--writer-model", "m", wireURL + page}
		err := run(ctx, args, getenv, &stdout, &stderr)
		if err == nil || !strings.Contains(err.Error(), "private") {
			t.Errorf("error %v, want one about the private address", err)
		}
	})
}
