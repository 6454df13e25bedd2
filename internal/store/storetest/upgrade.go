package storetest

import (
	"context"
	"database/sql"
	"errors"
	"io/fs"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/store"
)

// Upgrade is a new database of a back end, as the upgrade checks need it:
// Driver and Source open it with database/sql apart from the store (the
// back end's driver, on the same file or schema), Migrations are the back
// end's migration files, and Open opens the store on it, returning the
// error rather than failing (the store is used only when err is nil).
type Upgrade struct {
	Driver, Source string
	Migrations     fs.FS
	Open           func() (store.Store, error)

	Raw *sql.DB // opened by RunUpgrades
}

// RunUpgrades runs the upgrade checks, each on a new database of newDB's:
// RefuseNewer (see runRefuseNewer), SourceKeyUpgrade
// (runSourceKeyUpgrade), SourceKeyRFC3986Upgrade
// (runSourceKeyRFC3986Upgrade), StoryRankUpgrade (runStoryRankUpgrade),
// PollScheduleUpgrade (runPollScheduleUpgrade), SearchUpgrade
// (runSearchUpgrade) and StoryIDMarkUpgrade/* (runStoryIDMarkUpgrade).
func RunUpgrades(t *testing.T, newDB func(t *testing.T) Upgrade) {
	runs := map[string]func(*testing.T, Upgrade){
		"RefuseNewer":             runRefuseNewer,
		"SourceKeyUpgrade":        runSourceKeyUpgrade,
		"SourceKeyRFC3986Upgrade": runSourceKeyRFC3986Upgrade,
		"StoryRankUpgrade":        runStoryRankUpgrade,
		"PollScheduleUpgrade":     runPollScheduleUpgrade,
		"SearchUpgrade":           runSearchUpgrade,
	}
	for i, c := range storyIDMarkUpgrades {
		runs["StoryIDMarkUpgrade/"+c.name] = runStoryIDMarkUpgrade(i)
	}
	for name, run := range runs {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			u := newDB(t)
			raw, err := sql.Open(u.Driver, u.Source)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { raw.Close() })
			u.Raw = raw
			run(t, u)
		})
	}
}

// migrateTo creates the migrations table and applies, and records, the
// migrations of u before the one named by suffix: the database an older
// newsdesk left.
func (u Upgrade) migrateTo(t *testing.T, suffix string) {
	t.Helper()
	ctx := context.Background()
	files, err := store.Migrations(u.Migrations)
	if err != nil {
		t.Fatalf("migration files: %v", err)
	}
	if _, err := u.Raw.ExecContext(ctx, `CREATE TABLE newsdesk_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	for _, m := range files {
		if strings.HasSuffix(m.Name, suffix) {
			return
		}
		if _, err := u.Raw.ExecContext(ctx, m.SQL); err != nil {
			t.Fatalf("%s: %v", m.Name, err)
		}
		if _, err := u.Raw.ExecContext(ctx, `INSERT INTO newsdesk_migrations VALUES ($1, $2, 0)`, m.Version, m.Name); err != nil {
			t.Fatal(err)
		}
	}
	t.Fatalf("no migration *%s", suffix)
}

// runRefuseNewer checks that a store refuses a database a newer newsdesk
// has migrated (it records migrations the binary does not have) before it
// changes anything, with an error matching store.ErrNewerSchema that names
// them and says to upgrade, and that the database opens again once the
// newer migrations are gone (a refusal leaves it as it was). u's database
// is new: runRefuseNewer opens it first.
func runRefuseNewer(t *testing.T, u Upgrade) {
	ctx := context.Background()
	st, err := u.Open()
	if err != nil {
		t.Fatalf("Open new database: %v", err)
	}
	if err := st.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	files, err := store.Migrations(u.Migrations)
	if err != nil {
		t.Fatalf("migration files: %v", err)
	}
	last := files[len(files)-1]
	exec := func(query string, args ...any) {
		t.Helper()
		if _, err := u.Raw.ExecContext(ctx, query, args...); err != nil {
			t.Fatalf("%s: %v", query, err)
		}
	}
	// A newer binary's migrations, with this binary's latest unrecorded:
	// a store that migrated before it checked would apply that one (and
	// fail on its tables, which are there) or record it.
	exec(`INSERT INTO newsdesk_migrations VALUES (9001, '9001_from_a_newer_newsdesk.sql', 1), (9002, '9002_also_newer.sql', 2)`)
	exec(`DELETE FROM newsdesk_migrations WHERE version = $1`, last.Version)
	before := recordedMigrations(t, u.Raw)

	st, err = u.Open()
	if err == nil {
		st.Close()
		t.Fatal("Open of a database a newer newsdesk migrated succeeded; want it refused")
	}
	t.Logf("refused: %v", err)
	if !errors.Is(err, store.ErrNewerSchema) {
		t.Errorf("Open: err = %v, want ErrNewerSchema", err)
	}
	for _, want := range []string{"9001_from_a_newer_newsdesk.sql, 9002_also_newer.sql", "upgrade newsdesk"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("Open: error %q does not say %q", err, want)
		}
	}
	if diff := cmp.Diff(before, recordedMigrations(t, u.Raw)); diff != "" {
		t.Errorf("refused Open changed the recorded migrations (-before +after):\n%s", diff)
	}

	exec(`DELETE FROM newsdesk_migrations WHERE version > 9000`)
	exec(`INSERT INTO newsdesk_migrations VALUES ($1, $2, 0)`, last.Version, last.Name)
	st, err = u.Open()
	if err != nil {
		t.Fatalf("Open after the newer migrations are gone: %v", err)
	}
	if err := st.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
}

// recordedMigrations reads the migrations table, in version order.
func recordedMigrations(t *testing.T, db *sql.DB) []string {
	t.Helper()
	rows, err := db.QueryContext(context.Background(), `SELECT version || ' ' || name || ' ' || applied_at FROM newsdesk_migrations ORDER BY version`)
	if err != nil {
		t.Fatalf("read migrations: %v", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatalf("read migrations: %v", err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("read migrations: %v", err)
	}
	return out
}

// runSourceKeyUpgrade checks the migration that keys sources by canonical
// URL (the back end's *_source_url_key.sql) on a database an older
// newsdesk filled, which stored URLs as given: so with rows that are
// spellings of one feed. Every row survives as it was; each keeps its
// feed's URL taken, so that another spelling is a duplicate; and the URL is
// free only once every row with it is deleted. u's database is new.
func runSourceKeyUpgrade(t *testing.T, u Upgrade) {
	ctx := context.Background()
	u.migrateTo(t, "_source_url_key.sql")
	old := []string{
		"https://example.org/feed.xml",
		"HTTPS://Example.org:443/feed.xml?utm_source=rss", // a twin of the first
		"https://Other.example/news",                      // alone, not canonical
		"feed.xml",                                        // no canonical form
		"https://example.org/feed.xml#top",                // another twin
		longNonASCIIURL(3),                                // its key is over a btree row
	}
	ids := make([]int64, len(old))
	for i, url := range old {
		if err := u.Raw.QueryRowContext(ctx, `INSERT INTO sources (kind, url, name, created_at) VALUES ('feed', $1, $1, $2) RETURNING id`,
			url, day0.UnixNano()).Scan(&ids[i]); err != nil {
			t.Fatalf("insert source %q: %v", url, err)
		}
	}

	st := u.openSources(t, old)
	defer st.Close()

	add := func(url string, wantDup bool) {
		t.Helper()
		checkAdd(t, st, url, wantDup)
	}
	add("https://example.org/feed.xml?utm_medium=x", true)
	add("https://other.example/news", true)
	add("feed.xml", true)
	add(strings.Replace(old[5], "example.org", "Example.ORG", 1), true)
	add("https://example.org/new.xml", false)

	// A poll saves a twin as it is, URL unchanged.
	twin, err := st.Source(ctx, ids[1])
	if err != nil {
		t.Fatalf("Source: %v", err)
	}
	twin.Status, twin.ErrorCount = news.StatusError, 1
	if err := saveSource(ctx, st, twin); err != nil {
		t.Errorf("UpdateSourceFunc of a twin, URL unchanged: %v", err)
	}

	// The feed's URL stays taken while any of its three rows is left with
	// it: its owner moving to another URL (as a poll moves a page source to
	// the feed it found) hands the key to a twin, as deleting it does.
	owner, err := st.Source(ctx, ids[0])
	if err != nil {
		t.Fatalf("Source: %v", err)
	}
	owner.URL = "https://example.org/moved.xml"
	if err := saveSource(ctx, st, owner); err != nil {
		t.Fatalf("UpdateSourceFunc of the key's owner to a new URL: %v", err)
	}
	u.checkOwned(t, "https://example.org/feed.xml")
	for _, i := range []int{1, 4} {
		add("https://example.org/feed.xml", true)
		if err := st.DeleteSource(ctx, ids[i]); err != nil {
			t.Fatalf("DeleteSource(%d): %v", ids[i], err)
		}
		u.checkOwned(t, "https://example.org/feed.xml")
	}
	add("https://example.org/feed.xml", false)

	// A key only twins have (which the store does not leave, but a
	// database may hold) is taken on both back ends.
	orphan := "https://example.org/orphan.xml"
	if _, err := u.Raw.ExecContext(ctx, `INSERT INTO sources (kind, url, name, created_at, url_key, url_key_dup)
		VALUES ('feed', $1, $1, $2, $3, 1000000)`, orphan, day0.UnixNano(), news.SourceKey(orphan)); err != nil {
		t.Fatalf("insert a twin with no owner: %v", err)
	}
	add("HTTPS://example.org/orphan.xml", true)

	// Sources an older newsdesk still running adds have no key; a poll's
	// UpdateSourceFunc, URL unchanged, keys them, the second spelling as a twin.
	var late []news.Source
	for _, url := range []string{"https://example.org/late.xml", "https://EXAMPLE.org/late.xml"} {
		var id int64
		if err := u.Raw.QueryRowContext(ctx, `INSERT INTO sources (kind, url, name, created_at) VALUES ('feed', $1, $1, $2) RETURNING id`,
			url, day0.UnixNano()).Scan(&id); err != nil {
			t.Fatalf("insert source %q as an older newsdesk does: %v", url, err)
		}
		s, err := st.Source(ctx, id)
		if err != nil {
			t.Fatalf("Source: %v", err)
		}
		s.Status = news.StatusOK
		if err := saveSource(ctx, st, s); err != nil {
			t.Errorf("UpdateSourceFunc of a source with no key, URL unchanged: %v", err)
		}
		late = append(late, s)
	}
	for _, s := range late {
		u.checkOwned(t, s.URL)
		add("https://example.org/late.xml?utm_source=x", true)
		if err := st.DeleteSource(ctx, s.ID); err != nil {
			t.Fatalf("DeleteSource(%d): %v", s.ID, err)
		}
	}
	add("https://example.org/late.xml", false)
}

// runSourceKeyRFC3986Upgrade checks the migration that normalises the
// sources' keys as RFC 3986 does (the back end's
// *_source_key_rfc3986.sql) on a database an older newsdesk keyed with
// news.URLKey, which kept the path as written: so with rows that are
// spellings of one feed under two keys. Every row survives, its URL as it
// was (the URL it is polled at, and its page's article's key); each is
// keyed by news.SourceKey, the oldest spelling of a feed owning the key
// and a later one its twin; and a spelling of any is refused after. u's
// database is new.
func runSourceKeyRFC3986Upgrade(t *testing.T, u Upgrade) {
	ctx := context.Background()
	u.migrateTo(t, "_source_key_rfc3986.sql")
	old := []string{
		"https://example.org/x/../feed.xml", // the feed's oldest spelling
		"https://example.org/feed.xml",      // a twin of the first after the upgrade
		"https://example.org/%7Eed/news",    // alone, not normalised
		"https://example.org/a%2fb.xml",     // alone, an encoded slash
		"feed.xml",                          // no canonical form
		longNonASCIIURL(3),                  // its key is over a btree row
	}
	ids := make([]int64, len(old))
	for i, url := range old {
		// As the older newsdesk left them: keyed by news.URLKey, each
		// the owner of its key, as the keys were then all different.
		if err := u.Raw.QueryRowContext(ctx, `INSERT INTO sources (kind, url, name, created_at, url_key, url_key_dup)
			VALUES ('feed', $1, $1, $2, $3, 0) RETURNING id`, url, day0.UnixNano(), news.URLKey(url)).Scan(&ids[i]); err != nil {
			t.Fatalf("insert source %q: %v", url, err)
		}
	}

	st := u.openSources(t, old)
	defer st.Close()
	type keyed struct {
		Key string
		Dup int64
	}
	var keys []keyed
	for _, id := range ids {
		var k keyed
		if err := u.Raw.QueryRowContext(ctx, `SELECT url_key, url_key_dup FROM sources WHERE id = $1`, id).Scan(&k.Key, &k.Dup); err != nil {
			t.Fatalf("read key of source %d: %v", id, err)
		}
		keys = append(keys, k)
	}
	want := []keyed{
		{"https://example.org/feed.xml", 0},
		{"https://example.org/feed.xml", ids[1]},
		{"https://example.org/~ed/news", 0},
		{"https://example.org/a%2Fb.xml", 0},
		{"feed.xml", 0},
		{news.SourceKey(old[5]), 0},
	}
	if diff := cmp.Diff(want, keys); diff != "" {
		t.Errorf("keys after the upgrade mismatch (-want +got):\n%s", diff)
	}
	u.checkOwned(t, "https://example.org/feed.xml")

	add := func(url string, wantDup bool) {
		t.Helper()
		checkAdd(t, st, url, wantDup)
	}
	add("https://example.org/%66eed.xml", true)
	add("https://example.org/~ed/news", true)
	add("https://example.org/a%2Fb.xml", true)
	add("https://example.org/a/b.xml", false)
	add("feed.xml", true)
	add(strings.Replace(old[5], "example.org", "Example.ORG", 1), true)

	// The owner deleted, the twin owns the key: still taken.
	if err := st.DeleteSource(ctx, ids[0]); err != nil {
		t.Fatalf("DeleteSource(%d): %v", ids[0], err)
	}
	u.checkOwned(t, "https://example.org/feed.xml")
	add("https://example.org/./feed.xml", true)
}

// openSources opens u's database, which upgrades it, and checks that
// its sources' URLs are still old, in order: the migrations that key
// sources change url_key alone, never the URL a source is polled at.
func (u Upgrade) openSources(t *testing.T, old []string) store.Store {
	t.Helper()
	st, err := u.Open()
	if err != nil {
		t.Fatalf("Open the older database: %v", err)
	}
	list, err := st.Sources(context.Background())
	if err != nil {
		st.Close()
		t.Fatalf("Sources: %v", err)
	}
	var got []string
	for _, s := range list {
		got = append(got, s.URL)
	}
	if diff := cmp.Diff(old, got); diff != "" {
		t.Errorf("sources after the upgrade mismatch (-before +after):\n%s", diff)
	}
	return st
}

// checkAdd adds a source at url to st, wanting store.ErrDuplicate if
// wantDup and the source added otherwise.
func checkAdd(t *testing.T, st store.Store, url string, wantDup bool) {
	t.Helper()
	_, err := st.AddSource(context.Background(), news.Source{URL: url})
	if wantDup && !errors.Is(err, store.ErrDuplicate) {
		t.Errorf("AddSource(%q): err = %v, want ErrDuplicate", url, err)
	}
	if !wantDup && err != nil {
		t.Errorf("AddSource(%q): %v, want it added", url, err)
	}
}

// checkOwned checks that one source owns url's key (url_key_dup 0) if any
// source has it: a key left to twins alone is taken on neither back end's
// unique index.
func (u Upgrade) checkOwned(t *testing.T, url string) {
	t.Helper()
	var with, owners int
	if err := u.Raw.QueryRowContext(context.Background(), `SELECT count(*), count(CASE WHEN url_key_dup = 0 THEN 1 END)
		FROM sources WHERE url_key = $1`, news.SourceKey(url)).Scan(&with, &owners); err != nil {
		t.Fatalf("count owners of %q: %v", url, err)
	}
	if with > 0 && owners != 1 {
		t.Errorf("key of %q: %d sources have it, %d own it; want one owner", url, with, owners)
	}
}
