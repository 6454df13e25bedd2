package pipeline

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/newsdesk/newsdesk/internal/brief"
	"github.com/newsdesk/newsdesk/internal/extract"
)

func TestOneShot(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	fc := testFetcher(t)
	now := time.Date(2026, 3, 5, 0, 0, 0, 0, time.UTC)
	inputs := []string{
		s.url("/news/bridge-1.html"),
		s.url("/news/fire-1.html"),
		s.url("/news/bridge-3.html"),
		filepath.Join("testdata", "site", "fire-2.html"),
		s.url("/news/bridge-1.html?utm_source=x"), // the first input again
	}
	briefings, articles, err := OneShot(context.Background(), fc, inputs, OneShotOptions{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if len(articles) != 4 {
		t.Fatalf("%d articles, want 4 (the repeated URL skipped)", len(articles))
	}
	var headlines []string
	for _, b := range briefings {
		if err := brief.CheckGrounded(b, articles); err != nil {
			t.Errorf("story %d: %v", b.StoryID, err)
		}
		if !b.GeneratedAt.Equal(now) {
			t.Errorf("story %d generated at %v, want %v", b.StoryID, b.GeneratedAt, now)
		}
		headlines = append(headlines, b.Headline)
	}
	if len(briefings) != 2 {
		t.Fatalf("%d briefings %q, want 2 (bridge and fire)", len(briefings), headlines)
	}
	stories := map[int64][]int64{}
	for id, a := range articles {
		stories[a.StoryID] = append(stories[a.StoryID], id)
	}
	if got := len(stories); got != 2 {
		t.Errorf("articles in %d stories, want 2: %v", got, stories)
	}
	if diff := cmp.Diff(articles[1].StoryID, articles[3].StoryID); diff != "" {
		t.Errorf("bridge articles in different stories (-first +third):\n%s", diff)
	}
}

func TestOneShotErrors(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	fc := testFetcher(t)
	tests := []struct {
		name    string
		inputs  []string
		want    []string // in the error
		wantNot []string // not in it
	}{
		{"none", nil, []string{"no input"}, nil},
		{"missing page", []string{s.url("/faults/404"), s.url("/news/fire-1.html")}, []string{"/faults/404", "HTTP 404"}, nil},
		// A URL given on the command line has no feed to blame.
		{"missing page, no feed", []string{s.url("/faults/404")}, []string{"page could not be fetched"}, []string{"feed"}},
		{"missing file", []string{filepath.Join("testdata", "nope.html")}, []string{"nope.html"}, nil},
		{"not html", []string{s.url("/faults/binary")}, []string{"content type"}, []string{"feed"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, _, err := OneShot(context.Background(), fc, tc.inputs, OneShotOptions{})
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
			for _, w := range tc.wantNot {
				if strings.Contains(err.Error(), w) {
					t.Errorf("error %q mentions %q", err, w)
				}
			}
		})
	}
}

// TestReadInputTimeout checks that a page is refused when its extraction
// outlasts the timeout, a local file as a fetched page, with a reason that
// says so. The extraction waits for its context rather than read a page
// that takes that long (internal/extract's tests do).
func TestReadInputTimeout(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	fc := testFetcher(t)
	file := filepath.Join(t.TempDir(), "page.html")
	if err := os.WriteFile(file, []byte("<html><body><article><p>Ferry service resumes.</p></article></body></html>"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, in := range []string{s.url("/news/fire-1.html"), file} {
		t.Run(filepath.Base(in), func(t *testing.T) {
			t.Parallel()
			_, _, err := readInput(context.Background(), fc, endlessExtract, 50*time.Millisecond, in)
			if err == nil || !strings.Contains(err.Error(), "could not be read within 50 milliseconds") {
				t.Errorf("readInput(%s) = %v; want it refused for its extraction's time", in, err)
			}
		})
	}
}

// TestReadInputCanceled checks that a file whose extraction is stopped by
// the run's own cancellation (Ctrl-C) reports the cancellation, not a page
// without an article.
func TestReadInputCanceled(t *testing.T) {
	t.Parallel()
	file := filepath.Join(t.TempDir(), "page.html")
	if err := os.WriteFile(file, []byte("<html><body><article><p>Ferry service resumes.</p></article></body></html>"), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	stopped := func(ctx context.Context, _ []byte, _ string) (extract.Result, error) {
		cancel()
		<-ctx.Done()
		return extract.Result{}, ctx.Err()
	}
	_, _, err := readInput(ctx, testFetcher(t), stopped, time.Minute, file)
	if !errors.Is(err, context.Canceled) || strings.Contains(err.Error(), "no article") {
		t.Errorf("readInput(%s) = %v; want the cancellation", file, err)
	}
}
