package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"os"

	"github.com/newsdesk/newsdesk/internal/config"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/store/postgres"
	"github.com/newsdesk/newsdesk/internal/store/sqlite"
)

// backend is what the commands need of a store: the store, and the pool
// its job queue runs on (both back ends have one).
type backend interface {
	store.Store
	QueueDB() *sql.DB
}

// openStore opens the back end cfg names: PostgreSQL when cfg.Database is
// set, else the SQLite file cfg.DBPath.
func openStore(ctx context.Context, cfg config.Config, logger *slog.Logger) (backend, error) {
	if cfg.Database != "" {
		st, err := postgres.Open(ctx, cfg.Database, logger)
		if err != nil {
			return nil, fmt.Errorf("database: %w", err) // the error names the URL, redacted
		}
		return st, nil
	}
	st, err := sqlite.Open(ctx, cfg.DBPath, logger)
	if err != nil {
		return nil, fmt.Errorf("database %s: %w", cfg.DBPath, err)
	}
	return st, nil
}

// requireDB refuses a SQLite database file that does not exist, which
// opening would create empty and leave behind; hint ends the message.
// A PostgreSQL URL is not checked.
func requireDB(cfg config.Config, hint string) error {
	if cfg.Database != "" {
		return nil
	}
	if _, err := os.Stat(cfg.DBPath); errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("no database at %s: name it with --db%s", cfg.DBPath, hint)
	}
	return nil
}
