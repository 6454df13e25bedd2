package sqlite_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/store/sqlite"
	"github.com/newsdesk/newsdesk/internal/store/storetest"
)

func TestConformance(t *testing.T) {
	t.Parallel()
	storetest.Run(t, func(t *testing.T) store.Store {
		st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "newsdesk.db"), nil)
		if err != nil {
			t.Fatalf("Open: %v", err)
		}
		return st
	})
}

// TestInstanceID runs storetest.RunInstanceID: stores on one file, as
// processes would open it, ask for its instance ID at once.
func TestInstanceID(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "newsdesk.db")
	storetest.RunInstanceID(t, func(t *testing.T) store.Store {
		st, err := sqlite.Open(context.Background(), path, nil)
		if err != nil {
			t.Fatalf("Open: %v", err)
		}
		return st
	})
}

// TestReopen checks that data survives closing and that opening an
// up-to-date database applies no migration again.
func TestReopen(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "newsdesk.db")
	var opened time.Time
	storetest.RunReopen(t, func(t *testing.T) store.Store {
		opened = time.Now()
		st, err := sqlite.Open(ctx, path, nil)
		if err != nil {
			t.Fatalf("Open: %v", err)
		}
		return st
	}, func(t *testing.T, s store.Store) {
		st := s.(*sqlite.Store)
		storetest.CheckMigrations(t, st.DB(), os.DirFS("."), opened)
		var one int
		if err := st.QueueDB().QueryRowContext(ctx, `SELECT 1`).Scan(&one); err != nil {
			t.Errorf("QueueDB: %v", err)
		}
	})
}

// TestUpgradeKeepsArticlesUntranslated opens a database made by the
// migrations before 0003 (the article translation) and checks that its
// grouped articles read back with no translation, so that a restart
// translates them as before, and that they can store one afterwards.
func TestUpgradeKeepsArticlesUntranslated(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "newsdesk.db")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, `CREATE TABLE newsdesk_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	for i, name := range []string{"0001_init.sql", "0002_article_thread.sql"} {
		body, err := os.ReadFile(filepath.Join("migrations", name))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.ExecContext(ctx, string(body)); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if _, err := db.ExecContext(ctx, `INSERT INTO newsdesk_migrations VALUES (?, ?, 0)`, i+1, name); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.ExecContext(ctx, `INSERT INTO articles (id, url, title, text, lang, fetched_at, sort_time,
		extraction, story_id, thread_id, group_seq) VALUES (1, 'https://x.example/1', 'Puente', 'El puente abre.',
		'es', 1, 1, 'full', 7, 7, 1)`); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	st, err := sqlite.Open(ctx, path, nil)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer st.Close()
	a, err := st.Article(ctx, 1)
	if err != nil {
		t.Fatalf("Article: %v", err)
	}
	if !a.Clustered || a.StoryID != 7 || a.Translation != (news.Translation{}) {
		t.Errorf("upgraded article: clustered %v, story %d, translation %+v; want clustered in story 7, no translation",
			a.Clustered, a.StoryID, a.Translation)
	}
	tr := news.Translation{From: "es", To: "en", Text: "Bridge\n\nThe bridge opens."}
	if err := st.SetArticleGroup(ctx, 1, store.Group{StoryID: 7, ThreadID: 7, Translation: tr}); err != nil {
		t.Fatalf("SetArticleGroup: %v", err)
	}
	if a, err := st.Article(ctx, 1); err != nil || a.Translation != tr {
		t.Errorf("Article after SetArticleGroup: translation %+v, %v; want %+v", a.Translation, err, tr)
	}
}

// TestUpgrade runs storetest's upgrade checks: a database a newer
// newsdesk migrated is refused, an older one's sources are keyed.
func TestUpgrade(t *testing.T) {
	t.Parallel()
	storetest.RunUpgrades(t, func(t *testing.T) storetest.Upgrade {
		path := filepath.Join(t.TempDir(), "newsdesk.db")
		return storetest.Upgrade{Driver: "sqlite", Source: path, Migrations: os.DirFS("."),
			Open: func() (store.Store, error) { return sqlite.Open(context.Background(), path, nil) }}
	})
}

// BenchmarkArticleLookup checks 10,000 articles stored after redirects
// (storetest.BenchArticleLookup).
func BenchmarkArticleLookup(b *testing.B) {
	st, err := sqlite.Open(context.Background(), filepath.Join(b.TempDir(), "newsdesk.db"), nil)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	storetest.BenchArticleLookup(b, st, 10_000)
}

func BenchmarkSourceDuplicate(b *testing.B) {
	st, err := sqlite.Open(context.Background(), filepath.Join(b.TempDir(), "newsdesk.db"), nil)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	storetest.BenchSourceDuplicate(b, st, 2000)
}

// BenchmarkRankedPage reads the front page of 10,000 stories.
func BenchmarkRankedPage(b *testing.B) {
	st, err := sqlite.Open(context.Background(), filepath.Join(b.TempDir(), "newsdesk.db"), nil)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	storetest.BenchRankedPage(b, st, 10_000)
}

// TestOpenPathNeedingEscapes opens files whose names a file: URI would
// misread unescaped, and checks that each is the file written, under its
// own name, and that it opens again with its data.
func TestOpenPathNeedingEscapes(t *testing.T) {
	t.Parallel()
	for _, name := range []string{
		"news?desk.db", "news#desk.db", "news%20desk.db", "news desk.db", "100%.db", "a&b=c;d.db", "ünï cødé.db",
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			dir := t.TempDir()
			path := filepath.Join(dir, "sub dir?#%", name)
			if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
				t.Fatal(err)
			}
			st, err := sqlite.Open(ctx, path, nil)
			if err != nil {
				t.Fatalf("Open(%q): %v", path, err)
			}
			if _, err := st.AddSource(ctx, news.Source{URL: "https://example.org/feed.xml"}); err != nil {
				t.Fatalf("AddSource: %v", err)
			}
			if err := st.Close(); err != nil {
				t.Fatal(err)
			}
			entries, err := os.ReadDir(filepath.Dir(path))
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, e := range entries {
				names = append(names, e.Name())
			}
			if len(names) == 0 || names[0] != name {
				t.Errorf("the directory holds %q, want %q (and its WAL files)", names, name)
			}
			if _, err := os.Stat(filepath.Join(dir, "sub dir")); err == nil {
				t.Errorf("Open made a directory %q cut at the '?'", "sub dir")
			}
			st, err = sqlite.Open(ctx, path, nil)
			if err != nil {
				t.Fatalf("reopen: %v", err)
			}
			defer st.Close()
			if srcs, err := st.Sources(ctx); err != nil || len(srcs) != 1 {
				t.Errorf("reopened Sources = %d sources, %v; want 1", len(srcs), err)
			}
		})
	}
}

// TestOpenPathOpeningSlashes opens an absolute path that starts with two
// slashes, which POSIX reads as one: in a file: URI, "//" would begin a
// host name ("invalid uri authority: tmp").
func TestOpenPathOpeningSlashes(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := t.TempDir()
	if dir == "" || dir[0] != '/' {
		t.Skipf("temporary directory %q is not a POSIX absolute path", dir)
	}
	path := "/" + filepath.Join(dir, "newsdesk.db")
	st, err := sqlite.Open(ctx, path, nil)
	if err != nil {
		t.Fatalf("Open(%q): %v", path, err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "newsdesk.db")); err != nil {
		t.Errorf("Open(%q) did not write %s: %v", path, filepath.Join(dir, "newsdesk.db"), err)
	}
}

// BenchmarkSearch searches 10,000 stored articles (storetest.BenchSearch).
func BenchmarkSearch(b *testing.B) {
	st, err := sqlite.Open(context.Background(), filepath.Join(b.TempDir(), "newsdesk.db"), nil)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	storetest.BenchSearch(b, st, 10_000)
}

// TestEditDuringPoll runs storetest.RunEditDuringPoll. SQLite shows no
// writer waiting in its busy handler, so the suite is given 200 ms in
// which the edit, were it not held back, would be saved; a correct store
// passes whatever the bound.
func TestEditDuringPoll(t *testing.T) {
	t.Parallel()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "newsdesk.db"), nil)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer st.Close()
	storetest.RunEditDuringPoll(t, st, func(ctx context.Context) error {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(200 * time.Millisecond):
			return nil
		}
	})
}

// TestArticleLinks runs storetest.RunArticleLinks, deleting articles with
// SQL (the connections enforce foreign keys, so the cascade runs).
func TestArticleLinks(t *testing.T) {
	t.Parallel()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "newsdesk.db"), nil)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer st.Close()
	storetest.RunArticleLinks(t, st, func(ctx context.Context, id int64) error {
		_, err := st.DB().ExecContext(ctx, `DELETE FROM articles WHERE id = ?`, id)
		return err
	})
}

// BenchmarkPrune removes 20,000 old articles (storetest.BenchPrune).
func BenchmarkPrune(b *testing.B) {
	storetest.BenchPrune(b, func(b *testing.B) store.Store {
		st, err := sqlite.Open(context.Background(), filepath.Join(b.TempDir(), "newsdesk.db"), nil)
		if err != nil {
			b.Fatal(err)
		}
		return st
	}, 20_000)
}
