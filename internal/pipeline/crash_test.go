package pipeline

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/demo"
	"github.com/newsdesk/newsdesk/internal/fetch"
	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/store/sqlite"
)

// childDBEnv, when set, turns the test binary into a pipeline process that
// ingests into the database it names until idle (see TestMain).
const childDBEnv = "NEWSDESK_PIPELINE_CHILD_DB"

func TestMain(m *testing.M) {
	if path := os.Getenv(childDBEnv); path != "" {
		if err := runChild(path); err != nil {
			fmt.Fprintln(os.Stderr, "child:", err)
			os.Exit(3)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// runChild is one life of a newsdesk process: start the pipeline on path,
// wait until everything is ingested and briefed, stop.
func runChild(path string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	st, err := sqlite.Open(ctx, path, logger)
	if err != nil {
		return err
	}
	defer st.Close()
	fcfg := fetch.DefaultConfig("newsdesk-test/1.0")
	fcfg.AllowPrivate = true
	fcfg.HostInterval = -1
	fc, err := fetch.New(fcfg)
	if err != nil {
		return err
	}
	defer fc.Close()
	p, err := New(testConfig(), st, st.QueueDB(), fc, logger)
	if err != nil {
		return err
	}
	if err := p.Start(ctx); err != nil {
		return err
	}
	werr := p.WaitIdle(ctx)
	serr := p.Stop(ctx)
	return errors.Join(werr, serr)
}

// TestKillAndRestart ingests the demo newswire in a child process, kills it
// with SIGKILL twice mid-way (while articles are being stored, then while
// stories are being briefed), restarts it to completion, and checks that
// every article of the corpus is stored exactly once and every story is
// briefed.
func TestKillAndRestart(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	wire, err := demo.NewWire(nil)
	if err != nil {
		t.Fatal(err)
	}
	base, err := wire.Start(ctx, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { wire.Close() })
	corpus := wire.Articles()

	path := filepath.Join(t.TempDir(), "newsdesk.db")
	st, err := sqlite.Open(ctx, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, s := range wire.Sources(base) {
		if _, err := st.AddSource(ctx, s); err != nil {
			t.Fatal(err)
		}
	}

	// Life 1: killed once a few articles are stored.
	stored := killWhen(t, path, func() (bool, error) {
		// At most the three rows the condition needs, not every article.
		list, err := st.Articles(ctx, store.ArticleFilter{Limit: 3})
		return len(list) >= 3, err
	})
	if n := count(t, st, store.ArticleFilter{}); n >= len(corpus) || stored {
		t.Fatalf("first child was not interrupted: %d of %d articles stored, finished %v", n, len(corpus), stored)
	}
	t.Logf("killed while ingesting: %d of %d articles stored", count(t, st, store.ArticleFilter{}), len(corpus))

	// Life 2: killed once some story is briefed (best effort: on a fast
	// machine it may finish first, which the test reports but allows).
	finished := killWhen(t, path, func() (bool, error) {
		list, err := st.Stories(ctx, store.StoryFilter{})
		for _, s := range list {
			if s.Briefed {
				return true, err
			}
		}
		return false, err
	})
	t.Logf("second life finished before being killed: %v; %d articles stored", finished, count(t, st, store.ArticleFilter{}))

	// Life 3: to completion.
	runToEnd(t, path)

	for _, a := range corpus {
		u, err := news.CanonicalURL(demo.URL(base, a.Path))
		if err != nil {
			t.Fatal(err)
		}
		got, err := st.ArticleByURL(ctx, u)
		if err != nil {
			t.Errorf("corpus article %s not stored: %v", a.Path, err)
			continue
		}
		if !got.Clustered || got.StoryID == 0 {
			t.Errorf("article %s not clustered", a.Path)
		}
	}
	if n := count(t, st, store.ArticleFilter{}); n != len(corpus) {
		t.Errorf("%d articles stored, want exactly the corpus's %d", n, len(corpus))
	}
	stories, err := st.Stories(ctx, store.StoryFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(stories) == 0 {
		t.Fatal("no stories")
	}
	for _, s := range stories {
		if _, err := st.Briefing(ctx, s.ID); err != nil || !s.Briefed {
			t.Errorf("story %d %q: briefed %v, %v", s.ID, s.Title, s.Briefed, err)
		}
		if n := count(t, st, store.ArticleFilter{StoryID: s.ID}); n == 0 {
			t.Errorf("story %d %q has no articles", s.ID, s.Title)
		}
	}
	t.Logf("after restarts: %d articles in %d stories, all briefed", len(corpus), len(stories))
}

func count(t testing.TB, st store.Store, f store.ArticleFilter) int {
	t.Helper()
	list, err := st.Articles(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	return len(list)
}

func child(t *testing.T, path string) (*exec.Cmd, *bytes.Buffer) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childDBEnv+"="+path)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, &out
}

// killWhenEvery is how often killWhen checks its condition: each check is
// a query against the child's database, and a child's life lasts a second
// or more, so the kill lands at most this late after the condition.
const killWhenEvery = 10 * time.Millisecond

// killWhen runs a child on path and SIGKILLs it as soon as cond holds. It
// reports whether the child had already finished on its own.
func killWhen(t *testing.T, path string, cond func() (bool, error)) (finished bool) {
	t.Helper()
	cmd, out := child(t, path)
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	deadline := time.After(3 * time.Minute)
	tick := time.NewTicker(killWhenEvery)
	defer tick.Stop()
	for {
		select {
		case err := <-exited:
			if err != nil {
				t.Fatalf("child failed: %v\n%s", err, out)
			}
			return true
		case <-deadline:
			cmd.Process.Kill()
			<-exited
			t.Fatalf("condition not reached\n%s", out)
		case <-tick.C:
		}
		ok, err := cond()
		if err != nil {
			t.Fatal(err)
		}
		if ok {
			if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			err := <-exited
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
				return err == nil // finished between the check and the kill
			}
			return false
		}
	}
}

func runToEnd(t *testing.T, path string) {
	t.Helper()
	cmd, out := child(t, path)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("last child failed: %v\n%s", err, out)
	}
	if testing.Verbose() {
		t.Logf("last child's log:\n%s", out)
	}
}
