package sqlite

import (
	"context"
	"log/slog"

	"github.com/newsdesk/newsdesk/internal/store"
)

// OpenUnmigrated opens the database at path as Open does, but applies no
// migration.
func OpenUnmigrated(path string) (*Store, error) {
	db, err := openDB(path, MaxOpenConns)
	if err != nil {
		return nil, err
	}
	return &Store{db: db, path: path, logger: slog.New(slog.DiscardHandler)}, nil
}

// MigrateWith applies known, with the embedded migrations' Go steps, as
// Open applies the embedded migrations.
func MigrateWith(ctx context.Context, st *Store, known []store.Migration) error {
	return st.migrateWith(ctx, known, goSteps)
}

// EmbeddedMigrations are the migrations Open applies.
func EmbeddedMigrations() ([]store.Migration, error) {
	return store.Migrations(migrationFS)
}

// SetLogger makes st log to logger.
func SetLogger(st *Store, logger *slog.Logger) { st.logger = logger }
