package pipeline

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/newsdesk/newsdesk/internal/news"
)

// TestWaitForHost checks a poll or article job's answer to a fetch its
// host did not let through: snoozed until the host allows, its attempts
// untouched, until it has waited maxHostSnoozes times or maxHostWaitAge
// (River counts no snooze as an attempt, so nothing else bounds it); then
// cancelled, for good. Other outcomes pass unchanged.
func TestWaitForHost(t *testing.T) {
	t.Parallel()
	p := &Pipeline{logger: slog.New(slog.DiscardHandler)}
	busy := &hostWait{url: "https://example.com/a", left: 3 * time.Second}
	held := &hostWait{url: "https://example.com/a", left: time.Minute, held: true}
	tests := []struct {
		name    string
		snoozes int
		age     time.Duration
		err     error
		want    string
	}{
		{"busy, first wait", 0, time.Minute, busy, "snooze 3s"},
		{"held, first wait", 0, time.Minute, held, "snooze 1m0s"},
		{"wrapped", 0, time.Minute, fmt.Errorf("poll: %w", busy), "snooze 3s"},
		{"one wait short of the bound", maxHostSnoozes - 1, time.Hour, busy, "snooze 3s"},
		{"waited the most times", maxHostSnoozes, time.Hour, busy, "cancel"},
		{"held the most times", maxHostSnoozes, time.Hour, held, "cancel"},
		{"just young enough", 3, maxHostWaitAge - time.Minute, held, "snooze 1m0s"},
		{"too old", 3, maxHostWaitAge + time.Minute, held, "cancel"},
		{"too old, no snooze recorded", -1, maxHostWaitAge + time.Minute, busy, "cancel"},
		{"other error, old and often snoozed", maxHostSnoozes, maxHostWaitAge + time.Minute, errors.New("database is locked"), "error database is locked"},
		{"success", 0, 0, nil, "nil"},
	}
	var got, want []string
	for _, tt := range tests {
		job := &rivertype.JobRow{ID: 1, Kind: "newsdesk.article", CreatedAt: time.Now().Add(-tt.age), Metadata: []byte(`{}`)}
		if tt.snoozes >= 0 {
			job.Metadata, _ = json.Marshal(map[string]int{"snoozes": tt.snoozes})
		}
		err := p.waitForHost(context.Background(), job, tt.err)
		var snooze *rivertype.JobSnoozeError
		var cancel *rivertype.JobCancelError
		out := "nil"
		switch {
		case errors.As(err, &snooze):
			out = "snooze " + snooze.Duration.String()
		case errors.As(err, &cancel):
			out = "cancel"
		case err != nil:
			out = "error " + err.Error()
		}
		got = append(got, tt.name+": "+out)
		want = append(want, tt.name+": "+tt.want)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("waitForHost (-want +got):\n%s", diff)
	}
}

// TestPagePollHeldSnoozes checks that the poll of a page source whose host
// answered another request 429 with a Retry-After waits until the host
// allows, as an article job does, rather than fail an attempt: it failed
// every attempt River made before the hold ended, each recorded as a job
// error, and the page was read only at River's second retry, 17 s later.
func TestPagePollHeldSnoozes(t *testing.T) {
	t.Parallel()
	const retryAfter = 3 * time.Second
	ctx := context.Background()
	var mu sync.Mutex
	var limitedAt time.Time
	var pageAt []time.Time
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		switch r.URL.Path {
		case "/limited.xml":
			limitedAt = time.Now()
			w.Header().Set("Retry-After", fmt.Sprint(int(retryAfter.Seconds())))
			http.Error(w, "slow down", http.StatusTooManyRequests)
		case "/page.html":
			pageAt = append(pageAt, time.Now())
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprintf(w, "<html><head><title>Ferry budget</title></head><body><article><h1>Ferry budget</h1>%s</article></body></html>",
				strings.Repeat("<p>The harbour council approved the ferry budget on Tuesday after a long debate about dredging costs.</p>", 6))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	h := startPipeline(t, ctx, filepath.Join(t.TempDir(), "newsdesk.db"), testFetcher(t))
	h.addSource(t, ctx, news.Source{URL: srv.URL + "/limited.xml"})
	h.waitIdle(t, ctx) // the host is held from here for retryAfter
	page := h.addSource(t, ctx, news.Source{Kind: news.SourcePage, URL: srv.URL + "/page.html"})
	h.waitIdle(t, ctx)

	res, err := h.p.q.Client.JobList(ctx, river.NewJobListParams().Kinds(pollArgs{}.Kind()).
		States(rivertype.JobStateCompleted, rivertype.JobStateDiscarded, rivertype.JobStateCancelled).First(100))
	if err != nil {
		t.Fatal(err)
	}
	type outcome struct {
		State  rivertype.JobState
		Errors []string
		Source news.SourceStatus
		Pages  int
		Early  bool // the page asked for before the Retry-After ended
	}
	var got outcome
	for _, j := range res.Jobs {
		var args pollArgs
		if err := json.Unmarshal(j.EncodedArgs, &args); err != nil {
			t.Fatal(err)
		}
		if args.SourceID != page.ID {
			continue
		}
		got.State = j.State
		for _, e := range j.Errors {
			got.Errors = append(got.Errors, e.Error)
		}
	}
	src, err := h.st.Source(ctx, page.ID)
	if err != nil {
		t.Fatal(err)
	}
	got.Source = src.Status
	mu.Lock()
	got.Pages = len(pageAt)
	for _, at := range pageAt {
		got.Early = got.Early || at.Before(limitedAt.Add(retryAfter))
	}
	mu.Unlock()
	want := outcome{State: rivertype.JobStateCompleted, Source: news.StatusOK, Pages: 1}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("page poll under a held host (-want +got):\n%s", diff)
	}
}
