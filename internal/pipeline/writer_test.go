package pipeline

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

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
		cfg.WriteRetry = 10 * time.Millisecond // the failing writer's three tries
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

// gateWriter echoes a request's first summary sentence, as echoWriter
// does, but only once its gate is open: closed, every request waits for
// the test. It counts the requests by the summary they were for.
type gateWriter struct {
	mu    sync.Mutex
	gate  chan struct{}
	calls map[string]int // by citeKey of the request's sources
	// entered receives the citeKey of every request as it starts.
	entered chan string
}

func newGateWriter() *gateWriter {
	return &gateWriter{gate: make(chan struct{}), calls: map[string]int{}, entered: make(chan string, 64)}
}

func (w *gateWriter) Write(ctx context.Context, req write.Request) ([]write.Draft, error) {
	var cs []news.Citation
	for _, s := range req.Sources {
		cs = append(cs, s.Citation)
	}
	key := citeKey(cs)
	w.mu.Lock()
	w.calls[key]++
	gate := w.gate
	w.mu.Unlock()
	w.entered <- key
	select {
	case <-gate:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	return []write.Draft{{Text: req.Summary[0], Cites: []int{1}}}, nil
}

// open lets every request through, closed shuts the gate again.
func (w *gateWriter) open() {
	w.mu.Lock()
	defer w.mu.Unlock()
	close(w.gate)
}

func (w *gateWriter) close() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.gate = make(chan struct{})
}

func (w *gateWriter) callsFor(key string) int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.calls[key]
}

func (w *gateWriter) total() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	n := 0
	for _, c := range w.calls {
		n += c
	}
	return n
}

// citeKey names a list of citations, the test's own summary key.
func citeKey(cs []news.Citation) string {
	var b strings.Builder
	for _, c := range cs {
		fmt.Fprintf(&b, "%d:%d:%d;", c.ArticleID, c.Start, c.End)
	}
	return b.String()
}

// summaryCites is citeKey of b's summary sentences.
func summaryCites(b news.Briefing) string {
	s, _ := b.Section(news.SectionSummary)
	var cs []news.Citation
	for _, it := range s.Items {
		cs = append(cs, it.Citations...)
	}
	return citeKey(cs)
}

// eventually polls cond until it holds, failing the test after a bound
// that only a broken pipeline reaches.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestPipelineWriterAsync checks that the writer never holds up grouping:
// while it is blocked, the extractive briefings are stored and new
// articles grouped and briefed; the written section appears once it
// answers; a re-brief with the summary unchanged keeps the section
// without asking the writer again; and a changed summary drops the stale
// section and asks again.
func TestPipelineWriterAsync(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newSite(t)
	w := newGateWriter()
	cfg := testConfig()
	cfg.Writer = w
	h := startPipelineWith(t, ctx, filepath.Join(t.TempDir(), "newsdesk.db"), testFetcher(t), cfg)

	briefings := func() map[int64]news.Briefing {
		t.Helper()
		stories, err := h.st.Stories(ctx, store.StoryFilter{})
		if err != nil {
			t.Fatal(err)
		}
		m := map[int64]news.Briefing{}
		for _, st := range stories {
			b, err := h.st.Briefing(ctx, st.ID)
			if errors.Is(err, store.ErrNotFound) {
				continue
			}
			if err != nil {
				t.Fatal(err)
			}
			m[st.ID] = b
		}
		return m
	}
	settled := func() bool {
		un, err := h.st.Articles(ctx, store.ArticleFilter{Unclustered: true, Limit: 1})
		if err != nil {
			t.Fatal(err)
		}
		stale, err := h.st.Stories(ctx, store.StoryFilter{Unbriefed: true, Limit: 1})
		if err != nil {
			t.Fatal(err)
		}
		return len(un) == 0 && len(stale) == 0
	}
	waitEntered := func() string {
		t.Helper()
		select {
		case k := <-w.entered:
			return k
		case <-time.After(time.Minute):
			t.Fatal("the writer was never asked")
			return ""
		}
	}
	// checkWritten checks that every briefing carries the written section
	// of its own summary, grounded.
	checkWritten := func(phase string) map[int64]news.Briefing {
		t.Helper()
		arts := articlesByID(t, ctx, h.st)
		bs := briefings()
		for id, b := range bs {
			if err := brief.CheckGrounded(b, arts); err != nil {
				t.Errorf("%s: story %d: %v", phase, id, err)
			}
			sum, _ := b.Section(news.SectionSummary)
			written, ok := b.Section(news.SectionWritten)
			if !ok || len(written.Items) != 1 || written.Items[0].Text != sum.Items[0].Text {
				t.Errorf("%s: story %d: written summary %+v, want summary sentence 1 alone", phase, id, written)
			}
		}
		return bs
	}

	// 1. The writer blocks: the extractive briefing is stored all the same.
	h.addSource(t, ctx, news.Source{URL: s.url("/fire-only.xml")})
	first := waitEntered()
	eventually(t, "the extractive briefing while the writer blocks", func() bool { return len(briefings()) == 1 })
	for id, b := range briefings() {
		if _, ok := b.Section(news.SectionWritten); ok {
			t.Errorf("story %d: written section before the writer answered", id)
		}
		if summaryCites(b) != first {
			t.Errorf("story %d: the writer was asked for summary %q, briefing has %q", id, first, summaryCites(b))
		}
	}

	// 2. Still blocked: new articles are grouped and briefed.
	h.addSource(t, ctx, news.Source{URL: s.url("/rss.xml")})
	eventually(t, "new articles grouped and briefed while the writer blocks", func() bool {
		arts, err := h.st.Articles(ctx, store.ArticleFilter{})
		if err != nil {
			t.Fatal(err)
		}
		return len(arts) == 4 && settled() && len(briefings()) == 2
	})

	// 3. Released: every briefing gets the written section of its summary.
	w.open()
	h.waitIdle(t, ctx)
	before := checkWritten("after release")
	asked := w.total()

	// 4. Re-briefed with the summaries unchanged: the sections stay, and
	// the writer is not asked again.
	stories, err := h.st.Stories(ctx, store.StoryFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range stories {
		st.Briefed = false
		if err := h.st.PutStory(ctx, st); err != nil {
			t.Fatal(err)
		}
	}
	h.waitIdle(t, ctx)
	after := checkWritten("re-briefed unchanged")
	for id, b := range after {
		if b.GeneratedAt.Equal(before[id].GeneratedAt) {
			t.Errorf("story %d was not re-briefed", id)
		}
	}
	if got := w.total(); got != asked {
		t.Errorf("re-briefs with unchanged summaries asked the writer %d more times, want 0", got-asked)
	}

	// 5. A changed summary: the stale section goes at once, and the
	// writer is asked for the new summary.
	w.close()
	for len(w.entered) > 0 {
		<-w.entered // the requests of steps 1 to 3
	}
	h.addSource(t, ctx, news.Source{URL: s.url("/atom.xml")})
	changed := waitEntered()
	eventually(t, "the changed briefings while the writer blocks", settled)
	var found bool
	for id, b := range briefings() {
		if summaryCites(b) == summaryCites(after[id]) {
			continue
		}
		if _, ok := b.Section(news.SectionWritten); ok {
			t.Errorf("story %d: its summary changed, but it kept the written section of the old one", id)
		}
		found = found || summaryCites(b) == changed
	}
	if !found {
		t.Fatalf("the writer was asked for %q, no changed summary", changed)
	}
	w.open()
	h.waitIdle(t, ctx)
	checkWritten("after a changed summary")
	if n := w.callsFor(changed); n != 1 {
		t.Errorf("the writer was asked %d times for the changed summary, want 1", n)
	}
}

// rejectWriter drafts only a sentence the verifier rejects (an invented
// figure), counting its calls.
type rejectWriter struct{ calls atomic.Int64 }

func (w *rejectWriter) Write(ctx context.Context, req write.Request) ([]write.Draft, error) {
	w.calls.Add(1)
	return []write.Draft{{Text: "Officials said 987,654 people were affected.", Cites: []int{1}}}, nil
}

// countingWriter is a write.Writer that counts its calls.
type countingWriter interface {
	write.Writer
	count() int64
}

func (w *echoWriter) count() int64   { return w.calls.Load() }
func (w *rejectWriter) count() int64 { return w.calls.Load() }

// TestPipelineWriterBackfill checks that stories briefed while no writer
// was configured get their written section when the pipeline restarts
// with one, with no new article to re-brief them: the WriteBackfill most
// recent only, each asked for once, and none asked for again at the next
// restart, even when its drafts were all rejected. With the writer off,
// or WriteBackfill 0, nothing is queued.
func TestPipelineWriterBackfill(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		writer   func() countingWriter // nil: the writer stays off
		backfill int
		// want is how many of the most recent stories get a written
		// section, -1 for all of them.
		want int
		// asked is how many stories the writer is asked for at the first
		// restart, -1 for all of them.
		asked int
	}{
		{"every story", func() countingWriter { return &echoWriter{} }, DefaultWriteBackfill, -1, -1},
		{"newest only", func() countingWriter { return &echoWriter{} }, 1, 1, 1},
		{"drafts rejected", func() countingWriter { return &rejectWriter{} }, DefaultWriteBackfill, 0, -1},
		{"backfill off", func() countingWriter { return &echoWriter{} }, 0, 0, 0},
		{"writer off", nil, DefaultWriteBackfill, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			s := newSite(t)
			fc := testFetcher(t)
			path := filepath.Join(t.TempDir(), "newsdesk.db")

			// Stories briefed with the writer off.
			h := startPipeline(t, ctx, path, fc)
			h.addSource(t, ctx, news.Source{URL: s.url("/rss.xml")})
			h.addSource(t, ctx, news.Source{URL: s.url("/atom.xml")})
			h.waitIdle(t, ctx)
			nArts := len(articlesByID(t, ctx, h.st))
			h.close(t)

			for restart := 1; restart <= 2; restart++ {
				cfg := testConfig()
				cfg.WriteBackfill = tt.backfill
				var w countingWriter
				if tt.writer != nil {
					w = tt.writer()
					cfg.Writer = w
				}
				h := startPipelineWith(t, ctx, path, fc, cfg)
				h.waitIdle(t, ctx)

				arts := articlesByID(t, ctx, h.st)
				if len(arts) != nArts {
					t.Fatalf("restart %d: %d articles, want the %d stored", restart, len(arts), nArts)
				}
				stories, err := h.st.Stories(ctx, store.StoryFilter{})
				if err != nil {
					t.Fatal(err)
				}
				if len(stories) < 2 {
					t.Fatalf("restart %d: %d stories, want at least 2", restart, len(stories))
				}
				want := tt.want
				if want < 0 {
					want = len(stories)
				}
				for i, st := range stories {
					b, err := h.st.Briefing(ctx, st.ID)
					if err != nil {
						t.Fatal(err)
					}
					if err := brief.CheckGrounded(b, arts); err != nil {
						t.Errorf("restart %d: story %d: %v", restart, st.ID, err)
					}
					written, ok := b.Section(news.SectionWritten)
					if ok != (i < want) {
						t.Errorf("restart %d: story %d (%d of %d, newest first): written section %v, want %v",
							restart, st.ID, i+1, len(stories), ok, i < want)
					}
					sum, _ := b.Section(news.SectionSummary)
					if ok && (len(written.Items) != 1 || written.Items[0].Text != sum.Items[0].Text) {
						t.Errorf("restart %d: story %d: written summary %+v, want summary sentence 1 alone", restart, st.ID, written)
					}
				}

				asked := tt.asked
				if asked < 0 {
					asked = len(stories)
				}
				if restart == 2 {
					asked = 0 // every section stored, or its summary's job retained
				}
				var got int64
				if w != nil {
					got = w.count()
				}
				if got != int64(asked) {
					t.Errorf("restart %d: the writer was asked %d times, want %d", restart, got, asked)
				}
				if w == nil {
					var jobs int
					err := h.st.QueueDB().QueryRowContext(ctx,
						`SELECT count(*) FROM river_job WHERE kind = ?`, writeArgs{}.Kind()).Scan(&jobs)
					if err != nil {
						t.Fatal(err)
					}
					if jobs != 0 {
						t.Errorf("restart %d: %d write jobs queued with the writer off, want 0", restart, jobs)
					}
				}
				h.close(t)
			}
		})
	}
}

func TestValidateWriteBackfill(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		backfill int
		ok       bool
	}{{-1, false}, {0, true}, {DefaultWriteBackfill, true}} {
		cfg := DefaultConfig()
		cfg.WriteBackfill = tt.backfill
		if err := cfg.Validate(); (err == nil) != tt.ok {
			t.Errorf("Validate with WriteBackfill %d: %v, want ok %v", tt.backfill, err, tt.ok)
		}
	}
}
