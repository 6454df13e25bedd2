package pipeline

import (
	"bytes"
	"context"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/store/sqlite"
)

// lockedBuffer is a bytes.Buffer the pipeline's goroutines may log to.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestLogKeysOnce starts and stops a pipeline whose logger names its
// component, as serve's does, and checks that no log line carries the
// component key twice: JSON log tooling keeps one of the two.
func TestLogKeysOnce(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "newsdesk.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var out lockedBuffer
	logger := slog.New(slog.NewTextHandler(&out, &slog.HandlerOptions{Level: slog.LevelDebug})).With("component", "pipeline")
	p, err := New(testConfig(), st, st.QueueDB(), testFetcher(t), logger)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Start(ctx); err != nil {
		t.Fatal(err)
	}
	if err := p.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	// The briefer logs only when a section panics, which no fixture
	// story does: log through its logger directly.
	p.briefLog.Warn("probe the briefer's logger")
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	for _, want := range []string{"migrated job queue tables", "probe the briefer's logger"} {
		if !strings.Contains(out.String(), want) {
			t.Fatalf("no line %q:\n%s", want, out.String())
		}
	}
	for _, l := range lines {
		if n := strings.Count(l, " component="); n > 1 {
			t.Errorf("component logged %d times: %s", n, l)
		}
	}
}
