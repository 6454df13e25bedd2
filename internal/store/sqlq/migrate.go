package sqlq

import (
	"context"
	"log/slog"
)

// Tx is what the code both back ends share (migrations, queries,
// read-modify-writes) needs of a connection pool or transaction, in either
// back end's driver.
type Tx interface {
	Query(ctx context.Context, query string, args ...any) (Rows, error)
	Exec(ctx context.Context, query string, args ...any) error
}

// Rows is a query's result in either driver (pgx.Rows is one; *sql.Rows
// needs its Close wrapped).
type Rows interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
	Close()
}

// Step is the Go half of a migration, run after its SQL in the same
// transaction, for what SQL cannot do.
type Step func(ctx context.Context, tx Tx, logger *slog.Logger) error

// RecordedMigrations reads the migrations a database records, version to
// name.
func RecordedMigrations(ctx context.Context, q Tx) (map[int]string, error) {
	rows, err := q.Query(ctx, `SELECT version, name FROM newsdesk_migrations`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int]string{}
	for rows.Next() {
		var (
			v    int
			name string
		)
		if err := rows.Scan(&v, &name); err != nil {
			return nil, err
		}
		out[v] = name
	}
	return out, rows.Err()
}
