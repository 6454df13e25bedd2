package pipeline

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/newsdesk/newsdesk/internal/extract"
	"github.com/newsdesk/newsdesk/internal/fetch"
	"github.com/newsdesk/newsdesk/internal/news"
)

// TestDetectLang checks the order of the article's language sources, and
// that a declared tag or a source's hint is kept as its primary subtag
// however it is written.
func TestDetectLang(t *testing.T) {
	t.Parallel()
	const spanish = "El gobierno anunció nuevas medidas el lunes por la noche tras la reunión del gabinete."
	tests := []struct {
		name, text, declared, hint, want string
	}{
		{"detected", spanish, "en", "fr", "es"},
		{"declared", "", "en-GB", "fr", "en"},
		{"declared, underscore", "", "EN_us", "fr", "en"},
		{"hint", "", "", "fr", "fr"},
		{"hint with region", "", "", "en-GB", "en"},
		{"hint in capitals", "", "", "PT-br", "pt"},
		{"nothing", "", "", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := detectLang(tc.text, tc.declared, tc.hint); got != tc.want {
				t.Errorf("detectLang(%q, %q, %q) = %q, want %q", tc.text, tc.declared, tc.hint, got, tc.want)
			}
		})
	}
}

// TestSlowPageStopped checks that a page whose extraction outlasts the
// extract timeout is recorded as unreadable, with a reason that says so,
// rather than hold its worker until it is read; and that when the job's
// own context ends instead, nothing is recorded and the error is returned,
// for the job to be tried again, as for a fetch. The extraction is one
// that runs until its context ends: internal/extract's own tests stop a
// page that truly takes seconds to read, which here would burn a
// processor beside the timing-bounded tests.
func TestSlowPageStopped(t *testing.T) {
	t.Parallel()
	page := "<html><head><title>T</title></head><body><article><p>Ferry service resumes after the storm.</p></article></body></html>"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write([]byte(page))
	}))
	t.Cleanup(srv.Close)
	cfg := fetch.DefaultConfig("newsdesk-test/1.0")
	cfg.AllowPrivate = true
	cfg.HostInterval = -1
	fc, err := fetch.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(fc.Close)

	type got struct {
		Extraction news.ExtractionStatus
		Reason     string
		Text       string
	}
	tests := []struct {
		name    string
		content string        // the feed item's own text
		jobLeft time.Duration // the job's context; 0: none
		want    got
		wantErr error
	}{
		{"with feed text", "The feed's own text.", 0,
			got{news.ExtractFeedOnly, "page could not be read within 200 milliseconds: extraction stopped", "The feed's own text."}, nil},
		{"without", "", 0,
			got{news.ExtractFailed, "page could not be read within 200 milliseconds: extraction stopped" + noFeedText, ""}, nil},
		{"job ended first", "The feed's own text.", 100 * time.Millisecond, got{}, context.DeadlineExceeded},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			if tt.jobLeft > 0 {
				var cancel context.CancelFunc
				ctx, cancel = context.WithTimeout(ctx, tt.jobLeft)
				defer cancel()
			}
			a, err := readArticle(ctx, fc, endlessExtract, news.Source{Kind: news.SourceFeed}, feedItem{URL: srv.URL + "/a", Content: tt.content}, 200*time.Millisecond, 0, "")
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err %v, want %v", err, tt.wantErr)
			}
			if diff := cmp.Diff(tt.want, got{a.Extraction, a.ExtractionReason, a.Text}); diff != "" {
				t.Errorf("article (-want +got):\n%s", diff)
			}
		})
	}
}

// endlessExtract is an extraction that runs until its context ends,
// without spending a processor on it.
func endlessExtract(ctx context.Context, _ []byte, _ string) (extract.Result, error) {
	<-ctx.Done()
	return extract.Result{}, ctx.Err()
}
