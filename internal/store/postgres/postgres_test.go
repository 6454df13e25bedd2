package postgres_test

import (
	"context"
	"errors"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/store/postgres"
	"github.com/newsdesk/newsdesk/internal/store/postgres/pgtest"
	"github.com/newsdesk/newsdesk/internal/store/storetest"
)

func open(t testing.TB, dsn string) *postgres.Store {
	t.Helper()
	st, err := postgres.Open(context.Background(), dsn, nil)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	return st
}

func TestConformance(t *testing.T) {
	t.Parallel()
	storetest.Run(t, func(t *testing.T) store.Store { return open(t, pgtest.DSN(t)) })
}

// TestConcurrentOpen checks that processes starting together on a new
// database apply each migration once and all open: without the migration
// lock they race to create the same tables.
func TestConcurrentOpen(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dsn := pgtest.DSN(t)
	const n = 6
	var wg sync.WaitGroup
	errs := make([]error, n)
	stores := make([]*postgres.Store, n)
	for i := range n {
		wg.Go(func() { stores[i], errs[i] = postgres.Open(ctx, dsn, nil) })
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("Open %d: %v", i, err)
			continue
		}
		defer stores[i].Close()
	}
	if t.Failed() {
		return
	}
	// Each migration recorded once, by version and name: a second Open
	// that applied one again would have recorded it again. The time check
	// of CheckMigrations cannot fail here (every Open returned before
	// now, and the rows are read after), and the time the opens began
	// would not do either: these opens applied the migrations after it.
	storetest.CheckMigrations(t, stores[0].QueueDB(), os.DirFS("."), time.Now())
}

// TestInstanceID runs storetest.RunInstanceID: stores on one schema, as
// several workers on one database, ask for its instance ID at once.
func TestInstanceID(t *testing.T) {
	t.Parallel()
	dsn := pgtest.DSN(t)
	storetest.RunInstanceID(t, func(t *testing.T) store.Store { return open(t, dsn) })
}

// TestReopen checks that data survives closing and that reopening applies
// no migration again.
func TestReopen(t *testing.T) {
	t.Parallel()
	dsn := pgtest.DSN(t)
	var opened time.Time
	storetest.RunReopen(t, func(t *testing.T) store.Store {
		opened = time.Now()
		return open(t, dsn)
	}, func(t *testing.T, s store.Store) {
		db := s.(*postgres.Store).QueueDB()
		storetest.CheckMigrations(t, db, os.DirFS("."), opened)
		var one int
		if err := db.QueryRowContext(context.Background(), `SELECT 1`).Scan(&one); err != nil {
			t.Errorf("QueueDB: %v", err)
		}
	})
}

// TestSchemasIsolated checks that two stores in different schemas of one
// database share nothing, which the tests' isolation and a shared server
// rely on.
func TestSchemasIsolated(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	a, b := open(t, pgtest.DSN(t)), open(t, pgtest.DSN(t))
	defer a.Close()
	defer b.Close()
	if _, err := a.AddSource(ctx, news.Source{URL: "https://example.org/feed"}); err != nil {
		t.Fatal(err)
	}
	if list, err := b.Sources(ctx); err != nil || len(list) != 0 {
		t.Errorf("other schema's Sources = %d, %v; want none", len(list), err)
	}
	// The worker lock is per schema too.
	ra, err := a.LockWorker()
	if err != nil {
		t.Fatalf("LockWorker a: %v", err)
	}
	defer ra()
	rb, err := b.LockWorker()
	if err != nil {
		t.Fatalf("LockWorker b, another schema: %v", err)
	}
	rb()
}

// TestConcurrentGroupOrder checks that concurrent first SetArticleGroup
// calls get distinct places in GroupedOrder, which max(group_seq)+1 would
// not guarantee across connections.
func TestConcurrentGroupOrder(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := open(t, pgtest.DSN(t))
	defer st.Close()
	const n = 40
	ids := make([]int64, n)
	for i := range n {
		a, _, err := st.AddArticle(ctx, news.Article{URL: "https://example.org/" + string(rune('A'+i))})
		if err != nil {
			t.Fatal(err)
		}
		ids[i] = a.ID
	}
	var wg sync.WaitGroup
	for _, id := range ids {
		wg.Go(func() {
			if err := st.SetArticleGroup(ctx, id, store.Group{StoryID: 1, ThreadID: 1}); err != nil {
				t.Errorf("SetArticleGroup(%d): %v", id, err)
			}
		})
	}
	wg.Wait()
	var distinct int
	if err := st.Pool().QueryRow(ctx, `SELECT count(DISTINCT group_seq) FROM articles`).Scan(&distinct); err != nil {
		t.Fatal(err)
	}
	if distinct != n {
		t.Errorf("distinct group_seq: %d, want %d", distinct, n)
	}
}

func TestLockWorker(t *testing.T) {
	t.Parallel()
	dsn := pgtest.DSN(t)
	storetest.RunLockWorker(t, func(t *testing.T) storetest.WorkerLocker { return open(t, dsn) })
}

// TestTryLockWorker checks the lock processes sharing a database take in
// turns: a process finds it held without an error, takes it once it is
// released, and learns when it loses it with its session; Close releases a
// watched lock too.
func TestTryLockWorker(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dsn := pgtest.DSN(t)
	a, b := open(t, dsn), open(t, dsn)
	defer b.Close()
	release, lost, err := a.TryLockWorker(ctx)
	if err != nil || release == nil {
		t.Fatalf("first TryLockWorker: release %v, err %v; want the lock", release != nil, err)
	}
	if r, _, err := b.TryLockWorker(ctx); err != nil || r != nil {
		t.Fatalf("second TryLockWorker: release %v, err %v; want neither", r != nil, err)
	}
	if _, err := b.LockWorker(); !errors.Is(err, store.ErrLocked) {
		t.Errorf("LockWorker beside TryLockWorker: err = %v, want ErrLocked", err)
	}
	release()
	rb, lostB, err := b.TryLockWorker(ctx)
	if err != nil || rb == nil {
		t.Fatalf("TryLockWorker after release: release %v, err %v; want the lock", rb != nil, err)
	}
	select {
	case <-lost:
		t.Error("lost closed by release")
	default:
	}
	// End b's lock session from another, as a server restart or an
	// administrator would.
	pgtest.EndLockSession(t, ctx, a.QueueDB())
	select {
	case <-lostB:
	case <-time.After(30 * time.Second):
		t.Fatal("lost not closed after the lock's session ended")
	}
	rb()
	ra, _, err := a.TryLockWorker(ctx)
	if err != nil || ra == nil {
		t.Fatalf("TryLockWorker after the holder lost it: release %v, err %v; want the lock", ra != nil, err)
	}
	// Close without release, as at the end of a process.
	a.Close()
	rb2, _, err := b.TryLockWorker(ctx)
	if err != nil || rb2 == nil {
		t.Fatalf("TryLockWorker after the holder closed: release %v, err %v; want the lock", rb2 != nil, err)
	}
	rb2()
}

// TestLockWorkerReleasedOnClose checks that a process that ends without
// releasing (killed) does not keep the lock: the server drops it with the
// session.
func TestLockWorkerReleasedOnClose(t *testing.T) {
	t.Parallel()
	dsn := pgtest.DSN(t)
	a, b := open(t, dsn), open(t, dsn)
	defer b.Close()
	if _, err := a.LockWorker(); err != nil {
		t.Fatalf("LockWorker: %v", err)
	}
	// Close without release: the pool closes the session, as a dying
	// process's sockets are closed.
	a.Close()
	// The server drops the lock when the closed session's backend exits,
	// a moment after Close returns.
	deadline := time.Now().Add(5 * time.Second)
	for {
		release, err := b.LockWorker()
		if err == nil {
			release()
			return
		}
		if !errors.Is(err, store.ErrLocked) || time.Now().After(deadline) {
			t.Fatalf("LockWorker after the holder closed: %v", err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestRedact(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"postgres://u:secret@h:5432/db?sslmode=disable", "postgres://u:xxxxx@h:5432/db?sslmode=disable"},
		{"postgres://u@h/db?password=secret&sslmode=disable", "postgres://u@h/db?password=xxxxx&sslmode=disable"},
		{"host=h user=u password=secret dbname=db", "host=h user=u password=xxxxx dbname=db"},
		{"postgres://h/db", "postgres://h/db"},
		{"postgres://u:secret@h:notaport/db", "postgres://u:xxxxx@h:notaport/db"},
	}
	for _, tc := range tests {
		if got := postgres.Redact(tc.in); got != tc.want {
			t.Errorf("Redact(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestCheckDSN(t *testing.T) {
	t.Parallel()
	tests := []struct {
		dsn string
		ok  bool
	}{
		{"postgres://postgres@127.0.0.1:5432/test?sslmode=disable", true},
		{"postgresql://u:pw@db.internal/newsdesk", true},
		{"newsdesk.db", false},
		{"postgres://u:topsecret@h:notaport/db", false},
		{"postgres://u:topsecret@h/db?sslmode=bogus", false},
	}
	for _, tc := range tests {
		err := postgres.CheckDSN(tc.dsn)
		if (err == nil) != tc.ok {
			t.Errorf("CheckDSN(%q) = %v, want ok %v", tc.dsn, err, tc.ok)
		}
		if err != nil && strings.Contains(err.Error(), "topsecret") {
			t.Errorf("CheckDSN(%q) error shows the password: %v", tc.dsn, err)
		}
	}
}

// TestUpgrade runs storetest's upgrade checks: a database a newer
// newsdesk migrated is refused, an older one's sources are keyed.
func TestUpgrade(t *testing.T) {
	t.Parallel()
	storetest.RunUpgrades(t, func(t *testing.T) storetest.Upgrade {
		dsn := pgtest.DSN(t)
		return storetest.Upgrade{Driver: "pgx", Source: dsn, Migrations: os.DirFS("."),
			Open: func() (store.Store, error) { return postgres.Open(context.Background(), dsn, nil) }}
	})
}

// TestRefuseNewerUnderLock checks that Open reads the recorded migrations
// under the migration lock: a newer process that migrates while this one
// waits for the lock (several workers starting together) is seen, and the
// database refused. Read before the lock, they would look current.
func TestRefuseNewerUnderLock(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dsn := pgtest.DSN(t)
	open(t, dsn).Close()
	newer, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer newer.Close(ctx)
	if _, err := newer.Exec(ctx, `SELECT pg_advisory_lock($1, hashtext(current_schema()))`, postgres.LockMigrate); err != nil {
		t.Fatal(err)
	}
	// Named, so that its wait is told from other tests' on the server.
	app := "refuse_newer_" + strconv.FormatInt(time.Now().UnixNano(), 36)
	opened := make(chan error, 1)
	go func() {
		st, err := postgres.Open(ctx, dsn+"&application_name="+app, nil)
		if err == nil {
			st.Close()
		}
		opened <- err
	}()
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		var waiting bool
		if err := newer.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_stat_activity
			WHERE application_name = $1 AND wait_event_type = 'Lock' AND wait_event = 'advisory')`, app).Scan(&waiting); err != nil {
			t.Fatal(err)
		}
		if waiting {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("Open never waited for the migration lock")
		}
	}
	if _, err := newer.Exec(ctx, `INSERT INTO newsdesk_migrations VALUES (9001, '9001_from_a_newer_newsdesk.sql', 1)`); err != nil {
		t.Fatal(err)
	}
	if _, err := newer.Exec(ctx, `SELECT pg_advisory_unlock($1, hashtext(current_schema()))`, postgres.LockMigrate); err != nil {
		t.Fatal(err)
	}
	if err := <-opened; !errors.Is(err, store.ErrNewerSchema) {
		t.Errorf("Open while a newer process migrated: err = %v, want ErrNewerSchema", err)
	}
}

// BenchmarkArticleLookup checks 10,000 articles stored after redirects
// (storetest.BenchArticleLookup).
func BenchmarkArticleLookup(b *testing.B) {
	st := open(b, pgtest.DSN(b))
	defer st.Close()
	storetest.BenchArticleLookup(b, st, 10_000)
}

func BenchmarkSourceDuplicate(b *testing.B) {
	st := open(b, pgtest.DSN(b))
	defer st.Close()
	storetest.BenchSourceDuplicate(b, st, 2000)
}

// BenchmarkRankedPage reads the front page of 10,000 stories.
func BenchmarkRankedPage(b *testing.B) {
	st := open(b, pgtest.DSN(b))
	defer st.Close()
	storetest.BenchRankedPage(b, st, 10_000)
}

// TestDeleteSourceKeyRace deletes a key's owner while another transaction
// deletes the key's oldest twin, which DeleteSource would promote: the key
// must go to the next twin, not be left with none. The other transaction
// holds its delete until DeleteSource waits on it, so the interleaving is
// the one that lost the key when DeleteSource picked the twin from a
// snapshot taken before the wait.
func TestDeleteSourceKeyRace(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dsn := pgtest.DSN(t)
	st := open(t, dsn)
	defer st.Close()
	owner, err := st.AddSource(ctx, news.Source{URL: "https://example.org/feed.xml"})
	if err != nil {
		t.Fatal(err)
	}
	raw, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close(ctx)
	// Twins as an upgrade leaves them (the store never adds one).
	var twins [2]int64
	for i, url := range []string{"HTTPS://example.org/feed.xml", "https://example.org/feed.xml#top"} {
		if err := raw.QueryRow(ctx, `INSERT INTO sources (kind, url, name, created_at, url_key, url_key_dup)
			VALUES ('feed', $1, $1, 0, $2, -1) RETURNING id`, url, news.URLKey(url)).Scan(&twins[i]); err != nil {
			t.Fatal(err)
		}
		if _, err := raw.Exec(ctx, `UPDATE sources SET url_key_dup = id WHERE id = $1`, twins[i]); err != nil {
			t.Fatal(err)
		}
	}

	tx, err := raw.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx)
	var pid int
	if err := tx.QueryRow(ctx, `SELECT pg_backend_pid()`).Scan(&pid); err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(ctx, `DELETE FROM sources WHERE id = $1`, twins[0]); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- st.DeleteSource(ctx, owner.ID) }()
	watch, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer watch.Close(ctx)
	for waiting := false; !waiting; {
		if err := watch.QueryRow(ctx, `SELECT count(*) > 0 FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))`, pid).Scan(&waiting); err != nil {
			t.Fatal(err)
		}
		select {
		case err := <-done:
			t.Fatalf("DeleteSource of the owner did not wait for the twin's delete: %v", err)
		case <-time.After(10 * time.Millisecond):
		}
	}
	if err := tx.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatalf("DeleteSource: %v", err)
	}
	var dup int64
	if err := raw.QueryRow(ctx, `SELECT url_key_dup FROM sources WHERE id = $1`, twins[1]).Scan(&dup); err != nil {
		t.Fatal(err)
	}
	if dup != 0 {
		t.Errorf("last twin's url_key_dup = %d after its key's owner and oldest twin were deleted at once; want 0, the key's owner", dup)
	}
}

// BenchmarkSearch searches 10,000 stored articles (storetest.BenchSearch).
func BenchmarkSearch(b *testing.B) {
	st := open(b, pgtest.DSN(b))
	defer st.Close()
	storetest.BenchSearch(b, st, 10_000)
}

// TestEditDuringPoll runs storetest.RunEditDuringPoll: the edit is seen
// blocked once a backend waits on one that holds a lock on this schema's
// sources table, the poll's transaction.
func TestEditDuringPoll(t *testing.T) {
	t.Parallel()
	st := open(t, pgtest.DSN(t))
	defer st.Close()
	storetest.RunEditDuringPoll(t, st, func(ctx context.Context) error {
		for {
			var blocked bool
			err := st.QueueDB().QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM pg_stat_activity a, pg_locks l
				WHERE l.pid = ANY (pg_blocking_pids(a.pid)) AND l.relation = 'sources'::regclass AND l.granted)`).Scan(&blocked)
			if err != nil || blocked {
				return err
			}
			// A wait for a condition, not a guess at a duration.
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(5 * time.Millisecond):
			}
		}
	})
}

// TestArticleLinks runs storetest.RunArticleLinks, deleting articles with
// SQL.
func TestArticleLinks(t *testing.T) {
	t.Parallel()
	st := open(t, pgtest.DSN(t))
	defer st.Close()
	storetest.RunArticleLinks(t, st, func(ctx context.Context, id int64) error {
		_, err := st.Pool().Exec(ctx, `DELETE FROM articles WHERE id = $1`, id)
		return err
	})
}

// TestStoryIDMarkUpgradeBesideWriter upgrades a database while an older
// newsdesk, with no trigger yet, has a story uncommitted: the migration
// must wait for it and then count it. Seeded before its triggers took
// their locks, the mark missed the story (its snapshot did not see it, and
// no trigger was there when it was written), and the story's ID could be
// given again after a prune.
func TestStoryIDMarkUpgradeBesideWriter(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dsn := pgtest.DSN(t)
	old, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer old.Close(ctx)
	files, err := store.Migrations(os.DirFS("."))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := old.Exec(ctx, `CREATE TABLE newsdesk_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	for _, m := range files {
		if strings.HasSuffix(m.Name, "_story_id_mark.sql") {
			break
		}
		if _, err := old.Exec(ctx, m.SQL); err != nil {
			t.Fatalf("%s: %v", m.Name, err)
		}
		if _, err := old.Exec(ctx, `INSERT INTO newsdesk_migrations VALUES ($1, $2, 0)`, m.Version, m.Name); err != nil {
			t.Fatal(err)
		}
	}
	var writer uint32
	if err := old.QueryRow(ctx, `SELECT pg_backend_pid()`).Scan(&writer); err != nil {
		t.Fatal(err)
	}
	tx, err := old.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(ctx, `INSERT INTO stories (id, thread_id) VALUES (5, 5)`); err != nil {
		t.Fatal(err)
	}
	opened := make(chan *postgres.Store, 1)
	go func() {
		st, err := postgres.Open(ctx, dsn, nil)
		if err != nil {
			t.Errorf("Open: %v", err)
		}
		opened <- st
	}()
	// Commit once the migration waits for the writer, as the story an
	// older process commits while the upgrade runs.
	watch, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer watch.Close(ctx)
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		var waiting bool
		if err := watch.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_stat_activity
			WHERE wait_event_type = 'Lock' AND $1::int = ANY(pg_blocking_pids(pid)))`, int64(writer)).Scan(&waiting); err != nil {
			t.Fatal(err)
		}
		if waiting {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the upgrade never waited for the writer")
		}
	}
	if err := tx.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	st := <-opened
	if st == nil {
		return
	}
	defer st.Close()
	if got, err := st.StoryIDMark(ctx); err != nil || got != 5 {
		t.Errorf("StoryIDMark = %d, %v; want 5, the story committed during the upgrade", got, err)
	}
}
