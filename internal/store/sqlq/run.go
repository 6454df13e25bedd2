package sqlq

import "context"

// InTx runs fn in a transaction, which it commits if fn returns nil and
// rolls back otherwise, returning fn's error as it is. Each back end has
// one over its driver (pgx.BeginFunc, database/sql's BeginTx), so that the
// read-modify-writes they share (UpdateSourceFunc, EditSource) are written
// once.
type InTx func(ctx context.Context, fn func(Tx) error) error

// QueryAll runs query on q, a connection pool or a transaction, and scans
// every row it returns.
func QueryAll[T any](ctx context.Context, q Tx, scan func(Scanner) (T, error), query string, args ...any) ([]T, error) {
	rows, err := q.Query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
