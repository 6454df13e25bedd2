package queue

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
)

// pgDriver is River's database/sql driver with a listener, so that a
// client learns of jobs other processes insert through LISTEN/NOTIFY
// rather than by polling for them. Its executor, and so River's
// transaction type, stays database/sql's: the callers and the client's
// type are the same as on SQLite.
//
// River's own riverdatabasesql.NewWithPgxListener needs a pgx pool when
// the client is made; the queue has only the store's *sql.DB, so listener
// finds the connection settings behind it at the first Connect (see
// listener).
type pgDriver struct {
	*riverdatabasesql.Driver
	listen *listener
}

func (d pgDriver) SupportsListener() bool { return d.SupportsListenNotify() }

func (d pgDriver) GetListener(params *riverdriver.GetListenenerParams) riverdriver.Listener {
	d.listen.schema = params.Schema
	return d.listen
}

// listener is River's pgx listener on a pool of its own, of at most one
// connection, made at the first Connect from the URL (server, user,
// search_path...) of a connection of db, the store's pool: the listener
// must see the same database and schema. River hijacks the pool's
// connection, which holds the LISTEN for as long as the client runs, so a
// PostgreSQL process uses one connection more than the store's pool
// (whose size it does not take from), one per started queue.
type listener struct {
	db     *sql.DB
	schema string // the client's River schema; empty: the search_path's

	mu        sync.Mutex
	pool      *pgxpool.Pool
	afterExec string
	riverdriver.Listener
}

// Connect connects the listener, first making its pool.
func (l *listener) Connect(ctx context.Context) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.Listener == nil {
		pool, err := l.newPool(ctx)
		if err != nil {
			return fmt.Errorf("job queue listener: %w", err)
		}
		l.pool = pool
		l.Listener = riverpgxv5.New(pool).GetListener(&riverdriver.GetListenenerParams{Schema: l.schema})
		if l.afterExec != "" {
			l.Listener.SetAfterConnectExec(l.afterExec)
		}
	}
	return l.Listener.Connect(ctx)
}

// newPool returns a pool of at most one connection, with the settings of
// a connection of l.db.
func (l *listener) newPool(ctx context.Context) (*pgxpool.Pool, error) {
	conn, err := l.db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	var url string
	if err := conn.Raw(func(dc any) error {
		c, ok := dc.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("not a pgx connection: %T", dc)
		}
		url = c.Conn().Config().ConnString()
		return nil
	}); err != nil {
		return nil, err
	}
	// The URL the store's pool was parsed from (postgres.Open sets nothing
	// else), not a copy of the connection's config: that carries the
	// connection's own notification handler, so a copy's notifications
	// would go to the store's connection.
	pc, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, errors.New("cannot parse the database URL")
	}
	pc.MinConns, pc.MaxConns = 0, 1
	return pgxpool.NewWithConfig(ctx, pc)
}

// Close closes the listener's connection; its pool stays for a reconnect
// until closePool.
func (l *listener) Close(ctx context.Context) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.Listener == nil {
		return nil
	}
	return l.Listener.Close(ctx)
}

// Schema is the schema the listener's topics are in, known once connected.
func (l *listener) Schema() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.Listener == nil {
		return l.schema
	}
	return l.Listener.Schema()
}

// SetAfterConnectExec is for River's tests.
func (l *listener) SetAfterConnectExec(sql string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.afterExec = sql
	if l.Listener != nil {
		l.Listener.SetAfterConnectExec(sql)
	}
}

// closePool closes the pool, once the client has stopped. l may be nil.
func (l *listener) closePool() {
	if l == nil {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.pool != nil {
		l.pool.Close()
		l.pool = nil
		l.Listener = nil
	}
}
