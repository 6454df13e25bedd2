package pipeline

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/store/postgres"
	"github.com/newsdesk/newsdesk/internal/store/postgres/pgtest"
)

// watchedStore is a process's PostgreSQL store as the test sees it: its
// Leaders record the decisions they write (recorded), and, for a frozen
// process (deaf), the loss of the worker lock is never reported, as a
// process that is not scheduled never acts on it. Once armed, the next
// cluster batch stops after reading its articles (closing frozen) until
// thaw is closed.
type watchedStore struct {
	*postgres.Store
	deaf bool

	armed  atomic.Bool
	frozen chan struct{}
	thaw   chan struct{}

	mu       sync.Mutex
	recorded []recordedGroup
}

// recordedGroup is one SetArticleGroup of a Leader and what came of it.
type recordedGroup struct {
	epoch, article int64
	group          store.Group
	err            error
}

func newWatchedStore(st *postgres.Store, deaf bool) *watchedStore {
	return &watchedStore{Store: st, deaf: deaf, frozen: make(chan struct{}), thaw: make(chan struct{})}
}

func (s *watchedStore) TryLockWorker(ctx context.Context) (func(), <-chan struct{}, error) {
	release, lost, err := s.Store.TryLockWorker(ctx)
	if s.deaf && release != nil {
		lost = nil
	}
	return release, lost, err
}

func (s *watchedStore) Articles(ctx context.Context, f store.ArticleFilter) ([]news.Article, error) {
	list, err := s.Store.Articles(ctx, f)
	if f.Unclustered && f.WithText && len(list) > 0 && s.armed.CompareAndSwap(true, false) {
		close(s.frozen)
		select {
		case <-s.thaw:
		case <-ctx.Done():
		}
	}
	return list, err
}

func (s *watchedStore) Lead(ctx context.Context) (store.Leader, error) {
	l, err := s.Store.Lead(ctx)
	if err != nil {
		return nil, err
	}
	return recordingLeader{l, s}, nil
}

func (s *watchedStore) decisions() []recordedGroup {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]recordedGroup(nil), s.recorded...)
}

type recordingLeader struct {
	store.Leader
	s *watchedStore
}

func (l recordingLeader) SetArticleGroup(ctx context.Context, id int64, g store.Group) error {
	err := l.Leader.SetArticleGroup(ctx, id, g)
	l.s.mu.Lock()
	l.s.recorded = append(l.s.recorded, recordedGroup{epoch: l.Epoch(), article: id, group: g, err: err})
	l.s.mu.Unlock()
	return err
}

// TestSharedPostgresFrozenLeader checks the fence against a leader frozen
// past its lock: leader A reads a batch of articles to group and freezes
// there; its lock's session ends without A noticing; B takes the lead.
// When A wakes, its decisions are refused (store.ErrFenced), A follows,
// and the decisions stored are B's. Without the fence A's would be stored,
// behind B's clusterer, restored before them.
func TestSharedPostgresFrozenLeader(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dsn := pgtest.DSN(t)
	var as, bs *watchedStore
	a := startPostgresAs(t, ctx, dsn, testFetcher(t), func(st *postgres.Store) store.Store {
		as = newWatchedStore(st, true)
		return as
	})
	b := startPostgresAs(t, ctx, dsn, testFetcher(t), func(st *postgres.Store) store.Store {
		bs = newWatchedStore(st, false)
		return bs
	})
	if !a.p.Leading() || b.p.Leading() {
		t.Fatalf("leading: A %v, B %v; want A only", a.p.Leading(), b.p.Leading())
	}
	thawed := sync.OnceFunc(func() { close(as.thaw) })
	t.Cleanup(thawed) // before the processes stop, should a check fail first
	as.armed.Store(true)

	src, err := a.st.AddSource(ctx, news.Source{URL: "https://wire.example/feed.xml"})
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for i, text := range []string{
		"The river burst its banks in Kessel overnight and the town square flooded.",
		"Flooding in Kessel: the river rose over its banks and filled the town square.",
		"The central bank of Norland raised its interest rate by half a point.",
	} {
		art, _, err := a.st.AddArticle(ctx, news.Article{SourceID: src.ID, URL: fmt.Sprintf("https://wire.example/%d", i),
			Title: text[:30], Text: text, Lang: "en", PublishedAt: time.Now().Add(-time.Hour)})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, art.ID)
	}
	select {
	case <-as.frozen:
	case <-time.After(time.Minute):
		t.Fatal("A never started grouping")
	}
	endLockSession(t, ctx, a)
	waitFor(t, "B leads", b.p.Leading)
	if !a.p.Leading() {
		t.Fatal("A noticed it lost the lock: the test froze nothing")
	}
	thawed()
	waitFor(t, "A writes a decision", func() bool { return len(as.decisions()) > 0 })
	if d := as.decisions()[0]; !errors.Is(d.err, store.ErrFenced) {
		t.Fatalf("A's decision for article %d under epoch %d: err = %v, want store.ErrFenced", d.article, d.epoch, d.err)
	}
	waitFor(t, "A follows", func() bool { return !a.p.Leading() })
	waitIdle(t, ctx, b.p)

	refused := as.decisions()
	for _, d := range refused {
		if !errors.Is(d.err, store.ErrFenced) {
			t.Errorf("A's decision for article %d under epoch %d: err = %v, want store.ErrFenced", d.article, d.epoch, d.err)
		}
	}
	// B's decisions are the ones stored: B grouped every article itself,
	// under a later epoch.
	stored := map[int64]store.Group{}
	for _, d := range bs.decisions() {
		if d.err != nil {
			t.Errorf("B's decision for article %d: %v", d.article, d.err)
		}
		if d.epoch <= refused[0].epoch {
			t.Errorf("B wrote under epoch %d, not after A's %d", d.epoch, refused[0].epoch)
		}
		stored[d.article] = d.group
	}
	for _, id := range ids {
		art, err := b.st.Article(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		want, ok := stored[id]
		if !ok {
			t.Errorf("article %d: B recorded no decision (clustered %v, story %d)", id, art.Clustered, art.StoryID)
			continue
		}
		got := store.Group{StoryID: art.StoryID, ThreadID: art.ThreadID, DuplicateOf: art.DuplicateOf, Translation: art.Translation}
		if diff := cmp.Diff(want, got); diff != "" || !art.Clustered {
			t.Errorf("article %d stored unlike B's decision (clustered %v; -B +stored):\n%s", id, art.Clustered, diff)
		}
	}
	checkIngested(t, ctx, b.st, len(ids))
}
