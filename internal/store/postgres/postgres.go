// Package postgres is newsdesk's shared store: store.Store on a PostgreSQL
// database through pgx (github.com/jackc/pgx/v5, pgxpool), for a user who
// outgrows one machine. It behaves like store/sqlite: both run the
// conformance suite in store/storetest.
//
// Times are Unix nanoseconds in BIGINT columns, as in SQLite, because the
// contract keeps nanoseconds and timestamptz keeps microseconds.
//
// The schema is versioned SQL embedded in the binary (migrations/NNNN_*.sql),
// applied in order at Open, each in its own transaction together with the
// row that records it. Several processes may Open the same database at once
// (several workers starting together): a session advisory lock, keyed by
// the schema, lets one of them migrate while the others wait, and they then
// find every migration recorded. The lock is per schema, so databases in
// different schemas of one server (the tests) do not wait on each other.
// A database that records a migration this binary does not have (a newer
// newsdesk upgraded it, maybe while this process waited for the lock) is
// refused with store.ErrNewerSchema before anything is applied.
//
// The store uses the schema the connection's search_path names (the DSN's
// search_path parameter, else the server's default, public).
package postgres

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/store/sqlq"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// Advisory lock namespaces: the first key of pg_advisory_lock(int, int),
// the second being the hash of the schema. Arbitrary, fixed constants, so
// that newsdesk's locks do not collide with another application's on a
// shared server.
const (
	lockMigrate = 0x6e640001 // "nd" 1
	lockWorker  = 0x6e640002 // "nd" 2
)

// lockTimeout bounds taking the worker lock: connecting and asking. The
// lock is tried, not waited for, so only an unreachable server takes long.
const lockTimeout = 30 * time.Second

// Store is newsdesk's PostgreSQL store. It is safe for concurrent use.
type Store struct {
	pool   *pgxpool.Pool
	sqlDB  *sql.DB
	dsn    string // redacted, for messages
	logger *slog.Logger
	// fenceIdle is FenceIdleTimeout; tests shorten it.
	fenceIdle time.Duration

	mu    sync.Mutex
	locks map[*workerLock]struct{} // worker lock sessions not yet released
}

var _ store.Store = (*Store)(nil)

// IsDSN reports whether s names a PostgreSQL database (a postgres:// or
// postgresql:// URL) rather than a file.
func IsDSN(s string) bool {
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}

// CheckDSN reports whether dsn is a PostgreSQL URL that pgx can parse,
// without connecting. Its error never contains the password.
func CheckDSN(dsn string) error {
	if !IsDSN(dsn) {
		return fmt.Errorf("database URL %q: want postgres://[user[:password]@]host[:port]/dbname[?param=value]", Redact(dsn))
	}
	if _, err := pgxpool.ParseConfig(dsn); err != nil {
		// pgx's own message quotes the DSN; ours does, redacted.
		return fmt.Errorf("database URL %s: cannot parse", Redact(dsn))
	}
	return nil
}

// Passwords in a DSN: user:password@ in a URL, even one url.Parse refuses,
// and password=... in its query or in the key=value form.
var (
	passwordUserinfo = regexp.MustCompile(`^([a-zA-Z][a-zA-Z0-9+.-]*://[^:/@]*:)[^@]*@`)
	passwordParam    = regexp.MustCompile(`(?i)(password=)[^&\s]*`)
)

// Redact returns dsn with its password replaced, for logs and errors.
func Redact(dsn string) string {
	if u, err := url.Parse(dsn); err == nil && u.Scheme != "" {
		dsn = u.Redacted()
	} else {
		dsn = passwordUserinfo.ReplaceAllString(dsn, "${1}xxxxx@")
	}
	return passwordParam.ReplaceAllString(dsn, "${1}xxxxx")
}

// Open connects to the database dsn names and brings its schema up to
// date. A nil logger discards logs.
func Open(ctx context.Context, dsn string, logger *slog.Logger) (*Store, error) {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	if err := CheckDSN(dsn); err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	redacted := Redact(dsn)
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("open database %s: cannot parse", redacted)
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", redacted, err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("open database %s: %w", redacted, err)
	}
	st := &Store{pool: pool, sqlDB: stdlib.OpenDBFromPool(pool), dsn: redacted, logger: logger, fenceIdle: FenceIdleTimeout, locks: map[*workerLock]struct{}{}}
	if err := st.migrate(ctx); err != nil {
		st.Close()
		return nil, fmt.Errorf("open database %s: %w", redacted, err)
	}
	return st, nil
}

// Pool is the store's connection pool, for tools that need plain SQL.
func (st *Store) Pool() *pgxpool.Pool { return st.pool }

// QueueDB is the pool the job queue uses, as database/sql on the store's
// own pgx pool (River's database/sql driver; see internal/queue). Stop the
// queue before Close.
func (st *Store) QueueDB() *sql.DB { return st.sqlDB }

// String names the database, without its password.
func (st *Store) String() string { return st.dsn }

// Ping sends an empty statement on a pooled connection (pgxpool's Ping),
// bounded by ctx.
func (st *Store) Ping(ctx context.Context) error {
	if err := st.pool.Ping(ctx); err != nil {
		return fmt.Errorf("ping database %s: %w", st.dsn, err)
	}
	return nil
}

// Close closes the pool and ends the sessions of worker locks still held.
func (st *Store) Close() error {
	st.mu.Lock()
	held := slices.Collect(maps.Keys(st.locks))
	clear(st.locks)
	st.mu.Unlock()
	for _, l := range held {
		l.close()
	}
	err := st.sqlDB.Close()
	st.pool.Close()
	if err != nil {
		return fmt.Errorf("close database: %w", err)
	}
	return nil
}

// LockWorker takes the database's worker lock, a session advisory lock held
// on a connection of its own (outside the pool, so that it neither takes a
// pooled connection for the life of the process nor keeps Close waiting),
// and returns the function that releases it, which may be called more than
// once; another holder's lock gives an error matching store.ErrLocked. Like
// sqlite.Store.LockWorker it admits one holder per database: the pipeline's
// clusterer numbers stories and keeps its state in memory, so a second
// process grouping the same articles would contradict it. The server drops
// the lock when the session ends, so a killed process never leaves it
// held; Close ends the sessions of locks not yet released.
func (st *Store) LockWorker() (release func(), err error) {
	ctx, cancel := context.WithTimeout(context.Background(), lockTimeout)
	defer cancel()
	l, err := st.lockWorker(ctx)
	if err != nil {
		return nil, err
	}
	st.hold(l)
	return func() { st.release(l) }, nil
}

// Settings of TryLockWorker's watch.
const (
	// lockCheckEvery is how often a held lock's session is checked: a
	// holder learns it lost the lock at most this long (plus
	// lockCheckTimeout) after its session ended.
	lockCheckEvery   = time.Second
	lockCheckTimeout = 5 * time.Second
	// lockKeepalive is the server's TCP keepalive idle time, in seconds,
	// on the lock's session: a holder whose machine vanished (no FIN sent)
	// loses the lock after about this plus 3 probes 5 s apart, rather than
	// after the operating system's default of two hours.
	lockKeepalive = 10
)

// TryLockWorker takes the worker lock (see LockWorker) for processes that
// share the database and take turns holding it: the lock is tried once,
// and release is nil, with no error, when another process holds it. While
// it is held, lost is closed if the lock's session ends (the server
// restarted, the connection broke, an administrator ended it): the lock
// may then be another process's, and the holder must stop doing what it
// guards. release stops the watch and releases the lock.
func (st *Store) TryLockWorker(ctx context.Context) (release func(), lost <-chan struct{}, err error) {
	ctx, cancel := context.WithTimeout(ctx, lockTimeout)
	defer cancel()
	l, err := st.lockWorker(ctx)
	if errors.Is(err, store.ErrLocked) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	if _, err := l.conn.Exec(ctx, `SELECT set_config('tcp_keepalives_idle', $1, false),
		set_config('tcp_keepalives_interval', '5', false), set_config('tcp_keepalives_count', '3', false)`,
		strconv.Itoa(lockKeepalive)); err != nil {
		l.close()
		return nil, nil, fmt.Errorf("lock worker on %s: keepalives: %w", st.dsn, err)
	}
	lostc := make(chan struct{})
	wctx, stop := context.WithCancel(context.Background())
	l.stop, l.done = stop, make(chan struct{})
	go l.watch(wctx, lostc)
	st.hold(l)
	return func() { st.release(l) }, lostc, nil
}

// lockWorker tries the worker lock on a new connection; store.ErrLocked means
// another session holds it.
func (st *Store) lockWorker(ctx context.Context) (*workerLock, error) {
	conn, err := pgx.ConnectConfig(ctx, st.pool.Config().ConnConfig.Copy())
	if err != nil {
		return nil, fmt.Errorf("lock worker on %s: %w", st.dsn, err)
	}
	var got bool
	if err := conn.QueryRow(ctx, `SELECT pg_try_advisory_lock($1, hashtext(current_schema()))`, lockWorker).Scan(&got); err != nil {
		conn.Close(ctx)
		return nil, fmt.Errorf("lock worker on %s: %w", st.dsn, err)
	}
	if !got {
		conn.Close(ctx)
		return nil, fmt.Errorf("lock worker on %s: %w", st.dsn, store.ErrLocked)
	}
	return &workerLock{conn: conn}, nil
}

func (st *Store) hold(l *workerLock) {
	st.mu.Lock()
	st.locks[l] = struct{}{}
	st.mu.Unlock()
}

func (st *Store) release(l *workerLock) {
	st.mu.Lock()
	delete(st.locks, l)
	st.mu.Unlock()
	l.close()
}

// workerLock is a held worker lock: its session is its connection.
type workerLock struct {
	conn *pgx.Conn
	// stop ends the watch and done is closed when it has returned; both
	// nil when the lock is not watched. The watch is the only user of
	// conn until then (a pgx.Conn is not safe for concurrent use).
	stop context.CancelFunc
	done chan struct{}
	once sync.Once
}

// close stops the watch, releases the lock and ends the session. It
// unlocks before ending the session: the server drops a closed session's
// locks only when its backend has exited, a moment after Close returns,
// and the next LockWorker (a restart in the same process, a waiting
// follower) must find the lock free. If the unlock fails the session is
// broken, and ending it releases the lock as well.
func (l *workerLock) close() {
	l.once.Do(func() {
		if l.stop != nil {
			l.stop()
			<-l.done
		}
		// Bounded like a lock check: a session that does not answer
		// within it is lost, and closing it is all that is left.
		ctx, cancel := context.WithTimeout(context.Background(), lockCheckTimeout)
		defer cancel()
		_, _ = l.conn.Exec(ctx, `SELECT pg_advisory_unlock($1, hashtext(current_schema()))`, lockWorker)
		l.conn.Close(ctx)
	})
}

// watch checks the lock's session every lockCheckEvery until ctx ends, and
// closes lost when a check fails: a session that answers still holds its
// session-level advisory locks.
func (l *workerLock) watch(ctx context.Context, lost chan<- struct{}) {
	defer close(l.done)
	tick := time.NewTicker(lockCheckEvery)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		cctx, cancel := context.WithTimeout(ctx, lockCheckTimeout)
		_, err := l.conn.Exec(cctx, `SELECT 1`)
		cancel()
		if err != nil {
			if ctx.Err() == nil {
				close(lost)
			}
			return
		}
	}
}

// migrate applies the embedded migrations not yet recorded, under the
// migration lock (see the package comment).
func (st *Store) migrate(ctx context.Context) error {
	conn, err := st.pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1, hashtext(current_schema()))`, lockMigrate); err != nil {
		return fmt.Errorf("migrate: lock: %w", err)
	}
	defer func() {
		// A failed unlock (a broken connection) ends the session, which
		// releases the lock anyway.
		if _, err := conn.Exec(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1, hashtext(current_schema()))`, lockMigrate); err != nil {
			st.logger.Warn("release migration lock", "err", err)
		}
	}()
	if _, err := conn.Exec(ctx, `CREATE TABLE IF NOT EXISTS newsdesk_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)`); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	migrations, err := store.Migrations(migrationFS)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	// Read under the lock, so that a newer process that migrates while
	// this one waits for the lock is seen, and before any step, so that
	// such a database is refused before this binary changes anything.
	recorded, err := sqlq.RecordedMigrations(ctx, pgTx{conn})
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	if err := store.CheckRecorded(migrations, recorded); err != nil {
		return err
	}
	for _, m := range migrations {
		if _, done := recorded[m.Version]; done {
			continue
		}
		if err := st.applyMigration(ctx, conn, m); err != nil {
			return err
		}
	}
	return nil
}

// goSteps are the Go halves of migrations, by file name: each runs after
// its file's SQL, in the same transaction, for what SQL cannot do.
var goSteps = map[string]sqlq.Step{
	"0005_source_url_key.sql":     sqlq.SourceKeyStep,
	"0006_story_rank.sql":         sqlq.StoryRankStep,
	"0014_source_key_rfc3986.sql": sqlq.SourceKeyStep,
}

// pgTx is a connection or transaction (pgx.Tx, *pgxpool.Conn) as the
// shared migration code runs on it.
type pgTx struct {
	q interface {
		Query(ctx context.Context, query string, args ...any) (pgx.Rows, error)
		Exec(ctx context.Context, query string, args ...any) (pgconn.CommandTag, error)
	}
}

func (t pgTx) Query(ctx context.Context, query string, args ...any) (sqlq.Rows, error) {
	return t.q.Query(ctx, query, args...)
}

func (t pgTx) Exec(ctx context.Context, query string, args ...any) error {
	_, err := t.q.Exec(ctx, query, args...)
	return err
}

// applyMigration applies m in one transaction with its record. The
// caller holds the migration lock and has read m unrecorded under it.
func (st *Store) applyMigration(ctx context.Context, conn *pgxpool.Conn, m store.Migration) error {
	tx, err := conn.Begin(ctx)
	if err != nil {
		return fmt.Errorf("migrate %s: %w", m.Name, err)
	}
	defer tx.Rollback(ctx)
	// Exec without arguments uses the simple protocol, which runs a file
	// of several statements.
	if _, err := tx.Exec(ctx, m.SQL); err != nil {
		return fmt.Errorf("migrate %s: %w", m.Name, err)
	}
	if step := goSteps[m.Name]; step != nil {
		if err := step(ctx, pgTx{tx}, st.logger); err != nil {
			return fmt.Errorf("migrate %s: %w", m.Name, err)
		}
	}
	if _, err := tx.Exec(ctx, `INSERT INTO newsdesk_migrations(version, name, applied_at) VALUES ($1, $2, $3)`,
		m.Version, m.Name, time.Now().UnixNano()); err != nil {
		return fmt.Errorf("migrate %s: %w", m.Name, err)
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("migrate %s: %w", m.Name, err)
	}
	st.logger.Info("applied migration", "name", m.Name)
	return nil
}
