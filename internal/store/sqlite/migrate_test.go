package sqlite_test

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/store/sqlite"
)

// TestMigrationsAllOrNothing upgrades a database at an older version with
// the embedded migrations and one more that fails: the upgrade must leave
// the database at the version it had, with none of the migrations before
// the failing one applied, and a later Open must upgrade it in full.
// Applied one transaction each, the migrations before the failing one
// stayed, and left the database at a version no release had.
func TestMigrationsAllOrNothing(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	all, err := sqlite.EmbeddedMigrations()
	if err != nil {
		t.Fatal(err)
	}
	if len(all) < 3 {
		t.Fatalf("%d embedded migrations; the test needs at least 3", len(all))
	}
	last := all[len(all)-1]
	broken := store.Migration{Version: last.Version + 1, Name: "9999_broken.sql", SQL: `CREATE TABLE broken (`}
	tests := []struct {
		name string
		old  int // migrations the database has
	}{
		{"new database", 0},
		{"one version behind", len(all) - 1},
		{"several versions behind", len(all) - 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			path := filepath.Join(t.TempDir(), "newsdesk.db")
			st, err := sqlite.OpenUnmigrated(path)
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			if err := sqlite.MigrateWith(ctx, st, all[:tc.old]); err != nil {
				t.Fatalf("migrate to version %d: %v", tc.old, err)
			}
			before, schema := versions(t, st), objects(t, st)
			if err := sqlite.MigrateWith(ctx, st, append(slices.Clone(all), broken)); err == nil {
				t.Fatal("upgrade with a broken migration succeeded")
			}
			if diff := cmp.Diff(before, versions(t, st)); diff != "" {
				t.Errorf("recorded migrations after a failed upgrade (-before +after):\n%s", diff)
			}
			if diff := cmp.Diff(schema, objects(t, st)); diff != "" {
				t.Errorf("schema after a failed upgrade (-before +after):\n%s", diff)
			}
			if err := st.Close(); err != nil {
				t.Fatal(err)
			}
			full, err := sqlite.Open(ctx, path, nil)
			if err != nil {
				t.Fatalf("Open after the failed upgrade: %v", err)
			}
			defer full.Close()
			want := make([]int, len(all))
			for i, m := range all {
				want[i] = m.Version
			}
			if diff := cmp.Diff(want, versions(t, full)); diff != "" {
				t.Errorf("recorded migrations after Open (-want +got):\n%s", diff)
			}
		})
	}
}

// objects returns the names of the tables, indexes and triggers of the
// database, in order.
func objects(t *testing.T, st *sqlite.Store) []string {
	t.Helper()
	rows, err := st.DB().QueryContext(context.Background(), `SELECT name FROM sqlite_master ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		out = append(out, name)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// versions returns the migration versions the database records, in order.
func versions(t *testing.T, st *sqlite.Store) []int {
	t.Helper()
	rows, err := st.DB().QueryContext(context.Background(), `SELECT version FROM newsdesk_migrations ORDER BY version`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []int
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			t.Fatal(err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
