package pipeline

import (
	"context"
	"errors"
	"path/filepath"
	"sync/atomic"
	"testing"

	"github.com/newsdesk/newsdesk/internal/brief"
	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/write"
)

// echoWriter drafts the first summary sentence word for word (supported)
// and one with an invented figure (to be rejected); with fail set it
// errs instead.
type echoWriter struct {
	fail  bool
	calls atomic.Int64
}

func (w *echoWriter) Write(ctx context.Context, req write.Request) ([]write.Draft, error) {
	w.calls.Add(1)
	if w.fail {
		return nil, errors.New("model server down")
	}
	return []write.Draft{
		{Text: req.Summary[0], Cites: []int{1}},
		{Text: "Officials said 987,654 people were affected.", Cites: []int{1}},
	}, nil
}

// TestPipelineWriter checks that the pipeline's briefings carry the
// written summary's supported sentences only, each grounded, and that a
// failing writer leaves them extractive.
func TestPipelineWriter(t *testing.T) {
	t.Parallel()
	for _, fail := range []bool{false, true} {
		ctx := context.Background()
		s := newSite(t)
		w := &echoWriter{fail: fail}
		cfg := testConfig()
		cfg.Writer = w
		h := startPipelineWith(t, ctx, filepath.Join(t.TempDir(), "newsdesk.db"), testFetcher(t), cfg)
		h.addSource(t, ctx, news.Source{URL: s.url("/rss.xml")})
		h.addSource(t, ctx, news.Source{URL: s.url("/atom.xml")})
		h.waitIdle(t, ctx)

		arts := articlesByID(t, ctx, h.st)
		stories, err := h.st.Stories(ctx, store.StoryFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(stories) == 0 || w.calls.Load() == 0 {
			t.Fatalf("fail=%v: %d stories, %d writer calls", fail, len(stories), w.calls.Load())
		}
		for _, st := range stories {
			b, err := h.st.Briefing(ctx, st.ID)
			if err != nil {
				t.Fatal(err)
			}
			if err := brief.CheckGrounded(b, arts); err != nil {
				t.Errorf("fail=%v story %d: %v", fail, st.ID, err)
			}
			written, ok := b.Section(news.SectionWritten)
			if fail {
				if ok {
					t.Errorf("story %d: a failing writer published %+v", st.ID, written)
				}
				continue
			}
			sum, _ := b.Section(news.SectionSummary)
			if !ok || len(written.Items) != 1 || written.Items[0].Text != sum.Items[0].Text {
				t.Errorf("story %d: written summary %+v, want summary sentence 1 alone", st.ID, written)
			}
		}
	}
}
