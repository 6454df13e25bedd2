package pipeline

import (
	"context"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/store/sqlite"
)

// editedWhilePolled is a store on which a person edits a source, and
// retries it, once, while the pipeline saves a poll of it: right after
// the pipeline reads it (Source), which a savePoll that reads the source
// and writes it back apart then overwrites, or just before the poll's
// save (UpdateSourceFunc), which is then applied to the edited source.
type editedWhilePolled struct {
	store.Store
	t      *testing.T
	when   time.Time
	edited bool
}

func (s *editedWhilePolled) Source(ctx context.Context, id int64) (news.Source, error) {
	src, err := s.Store.Source(ctx, id)
	if err == nil {
		s.edit(ctx, id)
	}
	return src, err
}

func (s *editedWhilePolled) UpdateSourceFunc(ctx context.Context, id int64, apply func(*news.Source) error) (news.Source, error) {
	s.edit(ctx, id)
	return s.Store.UpdateSourceFunc(ctx, id, apply)
}

func (s *editedWhilePolled) edit(ctx context.Context, id int64) {
	if s.edited {
		return
	}
	s.edited = true
	if _, err := s.Store.EditSource(ctx, id, func(cur *news.Source) error {
		cur.Name, cur.Category = "Edited", "business"
		return nil
	}); err != nil {
		s.t.Errorf("EditSource: %v", err)
	}
	if _, err := s.Store.RetrySource(ctx, id, s.when); err != nil {
		s.t.Errorf("RetrySource: %v", err)
	}
}

// TestSavePollKeepsEdit checks that savePoll applies a poll's outcome to
// the source as stored when it saves, not as read before a person's edit
// and retry: a savePoll that read the source (Source) and wrote every
// column back (UpdateSource) lost the new name and category, and undid
// the retry.
func TestSavePollKeepsEdit(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "newsdesk.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	src, err := st.AddSource(ctx, news.Source{URL: "https://wire.example/feed.xml", Name: "Old", Category: "world",
		Status: news.StatusError, LastError: "HTTP 503", ErrorCount: 2, NextPollAt: time.Date(2026, 3, 14, 11, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	polled := time.Date(2026, 3, 14, 10, 0, 0, 0, time.UTC)
	wrapped := &editedWhilePolled{Store: st, t: t, when: polled}
	p := &Pipeline{st: wrapped, logger: slog.New(slog.DiscardHandler)}
	if err := p.savePoll(ctx, src.ID, func(cur *news.Source) {
		cur.ETag, cur.LastPolledAt = `"v2"`, polled
	}); err != nil {
		t.Fatalf("savePoll: %v", err)
	}
	got, err := st.Source(ctx, src.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := src
	want.ETag, want.LastPolledAt = `"v2"`, polled
	if !wrapped.edited {
		t.Fatal("the source was not edited while polled")
	}
	// The edit and the retry are kept beside the poll's outcome.
	want.Name, want.Category = "Edited", "business"
	want.LastError, want.ErrorCount, want.NextPollAt, want.Status = "", 0, polled, news.StatusNew
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("source after savePoll (-want +got):\n%s", diff)
	}
}
