package storetest

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/store/sqlite"
)

// TestRunReopenCloses checks that runReopen closes each store it opens
// exactly once, whichever step fails: a store left open by a failed step
// would hold its database (a file, a server's connections) until the test
// binary exits.
func TestRunReopenCloses(t *testing.T) {
	t.Parallel()
	tests := []struct {
		fail      string // the method of the first store that fails
		wantOpens int
	}{
		{"", 2},
		{"AddSource", 1},
		{"AddArticle", 1},
		{"SetArticleGroup", 1},
		{"PutStory", 1},
		{"PutBriefing", 1},
		{"Article", 1},
		{"Close", 1},
	}
	for _, tc := range tests {
		name := "no failure"
		if tc.fail != "" {
			name = tc.fail + " fails"
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			path := filepath.Join(t.TempDir(), "newsdesk.db")
			ft := &fakeTB{TB: t}
			var opened []*failingStore
			open := func() store.Store {
				st, err := sqlite.Open(context.Background(), path, nil)
				if err != nil {
					t.Errorf("Open: %v", err)
					ft.FailNow()
				}
				fs := &failingStore{Store: st}
				if len(opened) == 0 {
					fs.fail = tc.fail
				}
				opened = append(opened, fs)
				return fs
			}
			ft.run(func() { runReopen(ft, open, nil) })
			if got, want := ft.fatal != "", tc.fail != ""; got != want {
				t.Errorf("runReopen failed = %v (%q), want %v", got, ft.fatal, want)
			}
			want := make([]int, tc.wantOpens)
			for i := range want {
				want[i] = 1
			}
			var closes []int
			for _, st := range opened {
				closes = append(closes, st.closes)
			}
			if diff := cmp.Diff(want, closes); diff != "" {
				t.Errorf("Close calls per store opened mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

var errInjected = errors.New("injected failure")

// failingStore is a store whose method fail fails, and which counts its
// Close calls.
type failingStore struct {
	store.Store
	fail   string
	closes int
}

func (s *failingStore) err(method string) error {
	if s.fail == method {
		return fmt.Errorf("%s: %w", method, errInjected)
	}
	return nil
}

func (s *failingStore) AddSource(ctx context.Context, src news.Source) (news.Source, error) {
	if err := s.err("AddSource"); err != nil {
		return news.Source{}, err
	}
	return s.Store.AddSource(ctx, src)
}

func (s *failingStore) AddArticle(ctx context.Context, a news.Article) (news.Article, bool, error) {
	if err := s.err("AddArticle"); err != nil {
		return news.Article{}, false, err
	}
	return s.Store.AddArticle(ctx, a)
}

func (s *failingStore) SetArticleGroup(ctx context.Context, id int64, g store.Group) error {
	if err := s.err("SetArticleGroup"); err != nil {
		return err
	}
	return s.Store.SetArticleGroup(ctx, id, g)
}

func (s *failingStore) PutStory(ctx context.Context, story news.Story) error {
	if err := s.err("PutStory"); err != nil {
		return err
	}
	return s.Store.PutStory(ctx, story)
}

func (s *failingStore) PutBriefing(ctx context.Context, b news.Briefing) error {
	if err := s.err("PutBriefing"); err != nil {
		return err
	}
	return s.Store.PutBriefing(ctx, b)
}

func (s *failingStore) Article(ctx context.Context, id int64) (news.Article, error) {
	if err := s.err("Article"); err != nil {
		return news.Article{}, err
	}
	return s.Store.Article(ctx, id)
}

// Close closes the store even when it reports a failure, as a store whose
// Close fails has still given up what it could.
func (s *failingStore) Close() error {
	s.closes++
	err := s.Store.Close()
	if ferr := s.err("Close"); ferr != nil {
		return ferr
	}
	return err
}

// fakeTB is a testing.TB whose failures end the function run runs, as
// FailNow ends a test, but not the real test: the real one checks what the
// function left behind. Cleanups run when run returns.
type fakeTB struct {
	testing.TB
	mu       sync.Mutex
	fatal    string   // the first failure's message
	cleanups []func() // in the order registered
}

func (f *fakeTB) run(fn func()) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn()
	}()
	<-done
	for i := len(f.cleanups) - 1; i >= 0; i-- {
		f.cleanups[i]()
	}
}

func (f *fakeTB) Cleanup(fn func()) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.cleanups = append(f.cleanups, fn)
}

func (f *fakeTB) fail(msg string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.fatal == "" {
		f.fatal = msg
	}
}

func (f *fakeTB) Errorf(format string, args ...any) { f.fail(fmt.Sprintf(format, args...)) }
func (f *fakeTB) Error(args ...any)                 { f.fail(fmt.Sprint(args...)) }
func (f *fakeTB) Fail()                             { f.fail("Fail") }
func (f *fakeTB) FailNow()                          { f.fail("FailNow"); runtime.Goexit() }

func (f *fakeTB) Fatalf(format string, args ...any) {
	f.fail(fmt.Sprintf(format, args...))
	runtime.Goexit()
}

func (f *fakeTB) Fatal(args ...any) {
	f.fail(fmt.Sprint(args...))
	runtime.Goexit()
}

func (f *fakeTB) Failed() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.fatal != ""
}
