package storetest

import (
	"context"
	"database/sql"
	"io/fs"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/newsdesk/newsdesk/internal/store"
)

// CheckMigrations checks a back end's record of its migrations after a
// reopen: one row per migration file of fsys (the back end's
// migrations/*.sql), by version and name, each applied before reopened,
// when the last Open began. A reopen that applied a migration again would
// have recorded it again: a second row, or a later time.
func CheckMigrations(t *testing.T, db *sql.DB, fsys fs.FS, reopened time.Time) {
	t.Helper()
	files, err := store.Migrations(fsys)
	if err != nil {
		t.Fatalf("migration files: %v", err)
	}
	type applied struct {
		Version int
		Name    string
	}
	var want []applied
	for _, m := range files {
		want = append(want, applied{m.Version, m.Name})
	}
	rows, err := db.QueryContext(context.Background(), `SELECT version, name, applied_at FROM newsdesk_migrations ORDER BY version, name`)
	if err != nil {
		t.Fatalf("read migrations: %v", err)
	}
	defer rows.Close()
	var got []applied
	for rows.Next() {
		var (
			a  applied
			at int64
		)
		if err := rows.Scan(&a.Version, &a.Name, &at); err != nil {
			t.Fatalf("read migrations: %v", err)
		}
		if when := time.Unix(0, at); !when.Before(reopened) {
			t.Errorf("migration %s applied at %v, not before the reopen at %v", a.Name, when, reopened)
		}
		got = append(got, a)
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("read migrations: %v", err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("migrations recorded mismatch the files, one row each (-files +recorded):\n%s", diff)
	}
}
