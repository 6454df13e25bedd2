package sqlite_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/store/sqlite"
)

// idsMigration is the migration that gives sources and articles IDs that
// are never reused.
const idsMigration = "0012_ids_never_reused.sql"

// openBefore opens a new database at path with the embedded migrations
// before name applied, and returns it with them all.
func openBefore(t *testing.T, path, name string) (*sqlite.Store, []store.Migration) {
	t.Helper()
	all, err := sqlite.EmbeddedMigrations()
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(all, func(m store.Migration) bool { return m.Name == name })
	if i < 0 {
		t.Fatalf("no migration %s", name)
	}
	st, err := sqlite.OpenUnmigrated(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := sqlite.MigrateWith(context.Background(), st, all[:i]); err != nil {
		t.Fatalf("migrate to before %s: %v", name, err)
	}
	return st, all
}

// TestIDsUpgrade upgrades a database an older newsdesk filled to the
// migration that rebuilds sources and articles with AUTOINCREMENT, and
// checks that every row keeps its ID and every reference its row: the
// articles their source (dropping sources with foreign keys on would set
// them NULL), the redirect links their article (dropping articles would
// delete them), the search index its rows; that the indexes and triggers
// are all there again; that foreign keys are on again and still act; and
// that the newest source's ID, deleted after the upgrade, is not given
// again.
func TestIDsUpgrade(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "newsdesk.db")
	st, all := openBefore(t, path, idsMigration)
	db := st.DB()
	exec := func(query string, args ...any) {
		t.Helper()
		if _, err := db.ExecContext(ctx, query, args...); err != nil {
			t.Fatalf("%s: %v", query, err)
		}
	}
	// Sparse IDs, as deletes leave them.
	exec(`INSERT INTO sources (id, kind, url, name, created_at, url_key, poll_interval, poll_reason)
		VALUES (3, 'feed', 'https://a.example/feed', 'A', 1, 'https://a.example/feed', 3600000000000, 'set'),
		       (8, 'page', 'https://b.example/', 'B', 2, 'https://b.example/', 0, '')`)
	exec(`INSERT INTO articles (id, source_id, url, title, text, fetched_at, sort_time, extraction, story_id, thread_id, group_seq, translation)
		VALUES (5, 8, 'https://b.example/5', 'Bridge reopens', 'The zanzibarite bridge reopened.', 10, 10, 'full', 2, 2, 1, 'tr'),
		       (9, 3, 'https://a.example/9', 'Storm', 'A storm named Ophelina.', 20, 20, 'full', 2, 2, 2, ''),
		       (12, NULL, 'https://c.example/12', 'Orphan', 'Its source was deleted.', 30, 30, 'failed', 0, 0, NULL, '')`)
	exec(`INSERT INTO article_links (link, article_id) VALUES ('https://feeds.example/r/9', 9)`)
	exec(`INSERT INTO stories (id, thread_id, title) VALUES (2, 2, 'Bridge')`)
	exec(`INSERT INTO briefings (story_id, generated_at, body) VALUES (2, 40, '{}')`)
	const dump = `SELECT 'source ' || id || ' ' || url || ' ' || COALESCE(url_key, '-') || ' ' || poll_interval || ' ' || poll_reason FROM sources
		UNION ALL SELECT 'article ' || id || ' ' || COALESCE(source_id, '-') || ' ' || url || ' ' || story_id || ' ' ||
			COALESCE(group_seq, '-') || ' ' || translation || ' ' || text FROM articles
		UNION ALL SELECT 'link ' || link || ' ' || article_id FROM article_links
		UNION ALL SELECT 'briefing ' || story_id FROM briefings
		UNION ALL SELECT 'found ' || rowid FROM articles_fts WHERE articles_fts MATCH 'zanzibarite OR ophelina'
		ORDER BY 1`
	const schema = `SELECT type || ' ' || name || ' ' || COALESCE(sql, '') FROM sqlite_master
		WHERE type IN ('index', 'trigger') ORDER BY name`
	before, indexes := column(t, db, dump), column(t, db, schema)

	// Up to the rebuild alone: later migrations add indexes and triggers
	// of their own.
	through := all[:slices.IndexFunc(all, func(m store.Migration) bool { return m.Name == idsMigration })+1]
	if err := sqlite.MigrateWith(ctx, st, through); err != nil {
		t.Fatalf("upgrade: %v", err)
	}
	if diff := cmp.Diff(before, column(t, db, dump)); diff != "" {
		t.Errorf("rows after the upgrade (-before +after):\n%s", diff)
	}
	// The rebuild's WAL is truncated rather than kept until Close.
	if fi, err := os.Stat(path + "-wal"); err != nil || fi.Size() != 0 {
		t.Errorf("WAL after the upgrade: %v, want it empty", statSize(fi, err))
	}
	if diff := cmp.Diff(indexes, column(t, db, schema)); diff != "" {
		t.Errorf("indexes and triggers after the upgrade (-before +after):\n%s", diff)
	}
	for _, table := range []string{"sources", "articles"} {
		if got := column(t, db, `SELECT sql FROM sqlite_master WHERE name = ?`, table); len(got) != 1 || !strings.Contains(got[0], "AUTOINCREMENT") {
			t.Errorf("%s after the upgrade: %q, want its id AUTOINCREMENT", table, got)
		}
	}
	want := []string{"articles 12", "sources 8"}
	if diff := cmp.Diff(want, column(t, db, `SELECT name || ' ' || seq FROM sqlite_sequence ORDER BY name`)); diff != "" {
		t.Errorf("sqlite_sequence after the upgrade (-want +got):\n%s", diff)
	}
	if got := column(t, db, `PRAGMA foreign_keys`); !slices.Equal(got, []string{"1"}) {
		t.Fatalf("PRAGMA foreign_keys after the upgrade = %q, want 1: the pool's connection kept them off", got)
	}
	if got := column(t, db, `PRAGMA integrity_check`); !slices.Equal(got, []string{"ok"}) {
		t.Errorf("integrity_check after the upgrade: %q", got)
	}
	exec(`INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')`)

	// The foreign keys still act, on the new tables.
	if err := st.DeleteSource(ctx, 8); err != nil {
		t.Fatalf("DeleteSource: %v", err)
	}
	if a, err := st.Article(ctx, 5); err != nil || a.SourceID != 0 {
		t.Errorf("article 5 after deleting its source: source %d, %v; want it kept with source 0", a.SourceID, err)
	}
	exec(`DELETE FROM articles WHERE id = 9`)
	if got := column(t, db, `SELECT link FROM article_links`); len(got) != 0 {
		t.Errorf("links after deleting their article: %q, want none", got)
	}
	if _, err := db.ExecContext(ctx, `INSERT INTO article_links (link, article_id) VALUES ('x', 999)`); err == nil {
		t.Error("link to no article accepted: foreign keys are off")
	}
	if got := column(t, db, `SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'ophelina'`); len(got) != 0 {
		t.Errorf("search finds the deleted article: %q (delete trigger gone)", got)
	}

	// The deleted newest source's ID stays retired.
	src, err := st.AddSource(ctx, news.Source{URL: "https://d.example/feed"})
	if err != nil {
		t.Fatalf("AddSource: %v", err)
	}
	if src.ID <= 8 {
		t.Errorf("source added after deleting source 8 got ID %d, want above 8", src.ID)
	}
}

// TestIDsUpgradeSequence checks that the upgrade seeds the articles'
// sequence past every article ID still stored anywhere, not only past the
// largest article's: an ID that outlives its article (pruned) must not be
// given to a new one, which a duplicate, the snapshot's cursor or a
// briefing would then name.
func TestIDsUpgradeSequence(t *testing.T) {
	t.Parallel()
	cited, err := json.Marshal(news.Briefing{StoryID: 2, Sections: []news.Section{{Items: []news.Item{
		{Citations: []news.Citation{news.Cite(6, news.Span{End: 1})}},
		{Figure: &news.Figure{Citation: news.Cite(13, news.Span{End: 1})}},
	}}}})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		rows []string // besides article 4 and story 2
		want string
	}{
		{"largest ID", nil, "4"},
		{"duplicate of a pruned article", []string{`UPDATE articles SET duplicate_of = 9`}, "9"},
		{"snapshot cursor", []string{`INSERT INTO cluster_snapshot (id, data, after_article, fingerprint, taken_at) VALUES (1, x'00', 11, 'f', 1)`}, "11"},
		{"citation", []string{`INSERT INTO briefings (story_id, generated_at, body) VALUES (2, 1, '` + string(cited) + `')`}, "13"},
		{"citation beside a body not JSON", []string{
			`INSERT INTO stories (id) VALUES (3)`,
			`INSERT INTO briefings (story_id, generated_at, body) VALUES (2, 1, '` + string(cited) + `'), (3, 1, '{')`,
		}, "13"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			st, all := openBefore(t, filepath.Join(t.TempDir(), "newsdesk.db"), idsMigration)
			db := st.DB()
			for _, q := range append([]string{
				`INSERT INTO articles (id, url, fetched_at, sort_time, extraction) VALUES (4, 'https://a.example/4', 1, 1, 'full')`,
				`INSERT INTO stories (id) VALUES (2)`,
			}, tt.rows...) {
				if _, err := db.ExecContext(ctx, q); err != nil {
					t.Fatalf("%s: %v", q, err)
				}
			}
			if err := sqlite.MigrateWith(ctx, st, all); err != nil {
				t.Fatalf("upgrade: %v", err)
			}
			got := column(t, db, `SELECT seq FROM sqlite_sequence WHERE name = 'articles'`)
			if diff := cmp.Diff([]string{tt.want}, got); diff != "" {
				t.Errorf("articles' sequence after the upgrade (-want +got):\n%s", diff)
			}
		})
	}
}

// TestMigrationChecksForeignKeys checks that an upgrade, run with
// foreign keys off, is refused, and leaves the database as it was, if it
// leaves a row whose parent is gone: with them off, nothing else would.
func TestMigrationChecksForeignKeys(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, all := openBefore(t, filepath.Join(t.TempDir(), "newsdesk.db"), idsMigration)
	// A migration that deletes what a link references, as one dropping a
	// table it forgot to copy would.
	bad := store.Migration{Version: all[len(all)-1].Version + 1, Name: "9999_loses_articles.sql",
		SQL: `DELETE FROM articles`}
	db := st.DB()
	if _, err := db.ExecContext(ctx, `INSERT INTO articles (id, url, fetched_at, sort_time, extraction) VALUES (4, 'https://a.example/4', 1, 1, 'full');
		INSERT INTO article_links (link, article_id) VALUES ('https://feeds.example/r/4', 4)`); err != nil {
		t.Fatal(err)
	}
	// A link orphaned before the upgrade, which the check counts: the
	// upgrade adds a second to the one there was.
	orphan(t, db, `INSERT INTO article_links (link, article_id) VALUES ('https://feeds.example/r/99', 99)`)
	before := versions(t, st)
	err := sqlite.MigrateWith(ctx, st, append(slices.Clone(all), bad))
	if err == nil || !strings.Contains(err.Error(), "article_links row") {
		t.Fatalf("upgrade leaving a link to no article: err = %v, want it refused naming article_links", err)
	}
	t.Logf("refused: %v", err)
	if diff := cmp.Diff(before, versions(t, st)); diff != "" {
		t.Errorf("recorded migrations after the refused upgrade (-before +after):\n%s", diff)
	}
	if got := column(t, db, `SELECT article_id FROM article_links ORDER BY 1`); !slices.Equal(got, []string{"4", "99"}) {
		t.Errorf("links after the refused upgrade: %q, want those to articles 4 and 99", got)
	}
	if got := column(t, db, `PRAGMA foreign_keys`); !slices.Equal(got, []string{"1"}) {
		t.Errorf("PRAGMA foreign_keys after a refused upgrade = %q, want 1", got)
	}
}

// TestMigrationKeepsOldOrphans checks that rows whose parent was gone
// before an upgrade (the sqlite3 shell has foreign keys off, so deleting
// a source there leaves its articles pointing at it) do not refuse it:
// they are not the upgrade's doing, and refusing them would keep
// newsdesk from opening the file. They are logged and left as they were.
func TestMigrationKeepsOldOrphans(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, all := openBefore(t, filepath.Join(t.TempDir(), "newsdesk.db"), idsMigration)
	var logs bytes.Buffer
	sqlite.SetLogger(st, slog.New(slog.NewTextHandler(&logs, nil)))
	db := st.DB()
	orphan(t, db, `INSERT INTO articles (id, source_id, url, fetched_at, sort_time, extraction)
		VALUES (4, 77, 'https://a.example/4', 1, 1, 'full')`)
	orphan(t, db, `INSERT INTO article_links (link, article_id) VALUES ('https://feeds.example/r/99', 99)`)
	if err := sqlite.MigrateWith(ctx, st, all); err != nil {
		t.Fatalf("upgrade with rows orphaned before it: %v", err)
	}
	if got := versions(t, st); len(got) != len(all) {
		t.Errorf("migrations recorded after the upgrade: %v, want all %d", got, len(all))
	}
	got := column(t, db, `SELECT 'article ' || id || ' ' || source_id FROM articles
		UNION ALL SELECT 'link ' || article_id FROM article_links ORDER BY 1`)
	if diff := cmp.Diff([]string{"article 4 77", "link 99"}, got); diff != "" {
		t.Errorf("rows after the upgrade (-want +got):\n%s", diff)
	}
	for _, want := range []string{"rows whose parent is gone", "count=2", "articles row 4 (of sources)", "article_links row (of articles)"} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("log %q lacks %q", logs.String(), want)
		}
	}
}

// orphan runs query on db with foreign keys off, as the sqlite3 shell
// does by default, to leave a row whose parent is gone.
func orphan(t *testing.T, db *sql.DB, query string) {
	t.Helper()
	ctx := context.Background()
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	for _, q := range []string{`PRAGMA foreign_keys = OFF`, query, `PRAGMA foreign_keys = ON`} {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// statSize describes the result of os.Stat: the size, or the error.
func statSize(fi os.FileInfo, err error) string {
	if err != nil {
		return err.Error()
	}
	return strconv.FormatInt(fi.Size(), 10) + " bytes"
}

// column runs query on db and returns its one column as text.
func column(t *testing.T, db *sql.DB, query string, args ...any) []string {
	t.Helper()
	rows, err := db.QueryContext(context.Background(), query, args...)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatalf("%s: %v", query, err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return out
}
