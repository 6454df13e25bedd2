package main

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"

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
