package sqlite

import (
	"context"
	"database/sql"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// cacheOf returns the statement cache of db's one connection.
func cacheOf(t *testing.T, db *sql.DB) (stmts int, texts map[string]int) {
	t.Helper()
	conn, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	texts = map[string]int{}
	if err := conn.Raw(func(dc any) error {
		c := dc.(*stmtCacheConn)
		stmts = c.lru.Len()
		for q, pool := range c.byQuery {
			texts[q] = len(pool)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return stmts, texts
}

// TestStmtCache checks that query strings run through cached statements
// give the one-shot path's results: repeated, with other arguments (a
// statement of the text each, up to stmtsPerQuery), nested inside a
// transaction while the same text's rows are open, after a schema change,
// and beyond the cache's size.
func TestStmtCache(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, err := openDB(filepath.Join(t.TempDir(), "cache.db"), 1)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, `CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)`); err != nil {
		t.Fatal(err)
	}
	for i, v := range []string{"a", "b", "c", "d", "e"} {
		if _, err := db.ExecContext(ctx, `INSERT INTO t (id, v) VALUES (?, ?)`, i+1, v); err != nil {
			t.Fatal(err)
		}
	}
	const sel = `SELECT v FROM t WHERE id >= ? ORDER BY id LIMIT ?`
	values := func(q interface {
		QueryContext(context.Context, string, ...any) (*sql.Rows, error)
	}, query string, args ...any) []string {
		t.Helper()
		rows, err := q.QueryContext(ctx, query, args...)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var got []string
		for rows.Next() {
			var v string
			if err := rows.Scan(&v); err != nil {
				t.Fatal(err)
			}
			got = append(got, v)
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		return got
	}

	tests := []struct {
		from, limit int
		want        []string
	}{
		{1, 2, []string{"a", "b"}},
		{2, 1, []string{"b"}},
		{1, 2, []string{"a", "b"}},
		{4, 5, []string{"d", "e"}},
		{1, 0, nil},
		{3, 1, []string{"c"}},
		{2, 1, []string{"b"}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, values(db, sel, tt.from, tt.limit)); diff != "" {
			t.Errorf("from %d limit %d (-want +got):\n%s", tt.from, tt.limit, diff)
		}
	}
	if _, texts := cacheOf(t, db); texts[sel] != stmtsPerQuery {
		t.Errorf("%d statements of the query after 5 argument sets, want %d", texts[sel], stmtsPerQuery)
	}

	// The same text while its rows are open, in one transaction.
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	outer, err := tx.QueryContext(ctx, `SELECT v FROM t ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	var nested [][]string
	for outer.Next() {
		var v string
		if err := outer.Scan(&v); err != nil {
			t.Fatal(err)
		}
		nested = append(nested, append([]string{v}, values(tx, `SELECT v FROM t ORDER BY id`)[:2]...))
	}
	if err := outer.Err(); err != nil {
		t.Fatal(err)
	}
	outer.Close()
	if _, err := tx.ExecContext(ctx, `UPDATE t SET v = upper(v) WHERE id = ?`, 1); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	wantNested := [][]string{{"a", "a", "b"}, {"b", "a", "b"}, {"c", "a", "b"}, {"d", "a", "b"}, {"e", "a", "b"}}
	if diff := cmp.Diff(wantNested, nested); diff != "" {
		t.Errorf("nested queries of one text (-want +got):\n%s", diff)
	}

	// A schema change: the cached statement is prepared again by SQLite.
	const all = `SELECT * FROM t ORDER BY id LIMIT 1`
	cols := func() []string {
		rows, err := db.QueryContext(ctx, all)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		c, err := rows.Columns()
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	cols()
	if _, err := db.ExecContext(ctx, `ALTER TABLE t ADD COLUMN w TEXT`); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"id", "v", "w"}, cols()); diff != "" {
		t.Errorf("columns after ALTER TABLE (-want +got):\n%s", diff)
	}

	// More texts than the cache holds: the oldest go, results stay right.
	for i := range StmtCacheSize + 10 {
		q := `SELECT v FROM t WHERE id = ? AND ` + strconv.Itoa(i) + ` >= 0`
		if got := values(db, q, 5); !cmp.Equal(got, []string{"e"}) {
			t.Fatalf("text %d: %q, want [e]", i, got)
		}
	}
	if stmts, _ := cacheOf(t, db); stmts != StmtCacheSize {
		t.Errorf("%d statements cached, want the cap %d", stmts, StmtCacheSize)
	}
	if diff := cmp.Diff([]string{"A", "b"}, values(db, sel, 1, 2)); diff != "" {
		t.Errorf("after eviction (-want +got):\n%s", diff)
	}
}
