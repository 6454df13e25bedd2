// Package queue runs newsdesk's durable jobs with River on the database the
// store uses, SQLite or PostgreSQL, so work survives a crash: a job is a
// row, and it is finished only when the row says so.
//
// It takes the store's *sql.DB and picks River's driver from the database
// behind it: riversqlite for the embedded store, riverdatabasesql for a
// PostgreSQL store's pool (pgx's database/sql adapter, see
// postgres.Store.QueueDB). Both drivers work in *sql.Tx, so the callers and
// the River client's type are the same on both back ends. On PostgreSQL
// several processes' clients may share one job table: River locks each job
// it fetches (FOR UPDATE SKIP LOCKED), so no job is worked twice at once,
// and a starting client reclaims only the jobs of clients that are gone
// (see Start).
//
// On PostgreSQL the client listens (LISTEN/NOTIFY, River's
// riverdatabasesql.NewWithPgxListener on the store's pgx pool, see
// Config.ListenPool): an insert in any process notifies every process's
// producer of the job's queue, so another process starts a job about as soon as the inserter
// would. On SQLite it does not, and River runs in its poll-only mode: an
// Insert or InsertMany outside a transaction (every insert newsdesk makes)
// wakes this process's producer of the job's queue at once. On both, the
// poll every FetchPollInterval only finds what nothing woke (see Config).
// River's SQLite driver listens by polling a notification table every
// 50 ms, which sqliteDriver turns off.
package queue

import (
	"context"
	"database/sql"
	sqldriver "database/sql/driver"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"
	"github.com/riverqueue/river/rivertype"
)

// Config tunes the queue. DefaultConfig documents the defaults.
type Config struct {
	// Queues names each queue and its number of workers. It must not be
	// empty.
	Queues map[string]river.QueueConfig
	// FetchCooldown is the least time between two fetches of available jobs
	// by one queue. Default 5ms: with River's 100ms default a queue works
	// about 40 jobs/s on SQLite.
	FetchCooldown time.Duration
	// FetchPollInterval is how often an idle queue looks for jobs nothing
	// woke it for: a job inserted while the listener was reconnecting
	// (PostgreSQL), and a job snoozed or retried for up to 5 seconds,
	// which River leaves available with a later scheduled_at rather than
	// waking anyone when it comes.
	// An insert wakes the queue at once: on SQLite one by this process,
	// on PostgreSQL one by any process, through LISTEN/NOTIFY. Default
	// DefaultFetchPollInterval (1s, River's own):
	// each poll is a query (on SQLite's one connection; docs/pipeline.md,
	// "An idle server"), and on PostgreSQL one per queue of every process
	// sharing the database.
	FetchPollInterval time.Duration
	// JobTimeout bounds one job; default 5 minutes, enough for a feed with
	// hundreds of items behind a slow host.
	JobTimeout time.Duration
	// RescueStuckJobsAfter is how long a job may stay running before River
	// makes it available again; default JobTimeout + 5 minutes. It covers a
	// worker that hangs; a killed process's jobs are reclaimed at the next
	// start instead of waiting this long (ReclaimRunning on SQLite,
	// ReclaimDead on PostgreSQL). A worker whose own Timeout is longer
	// (the pipeline's retention job) is not rescued before that Timeout,
	// if the client rescuing has the worker: River checks it per job.
	RescueStuckJobsAfter time.Duration
	// MaxAttempts is how often a failing job is tried; default 5. Jobs that
	// record their failures in the store (an unreachable feed, a broken
	// page) succeed as jobs; only internal errors (the database) retry.
	MaxAttempts int
	// CompletedRetention is how long finished jobs are kept; default 1 hour.
	CompletedRetention time.Duration
	// Logger receives River's warnings and errors (its info lines, such as
	// job counts every few seconds, are noise to an operator); nil discards
	// them.
	Logger *slog.Logger
	// LogLevel is the least level of River's logs passed on: slog.LevelWarn
	// in DefaultConfig (the zero value passes info lines too). Migrations
	// and reclaimed jobs are logged at info regardless.
	LogLevel slog.Level
	// ListenPool is the pgx pool River's listener takes its connection
	// from on PostgreSQL: the store's (postgres.Store.Pool), the pool the
	// database/sql pool given to New wraps, so that the listener sees the
	// same database and schema. River hijacks one connection from it for
	// as long as the client runs, which then no longer counts against the
	// pool's size: a process uses one connection more than the store's
	// pool. New requires it on PostgreSQL; SQLite does not listen.
	ListenPool *pgxpool.Pool
	// PeriodicJobs are River's periodic jobs, which only the client
	// River elects leader among those sharing the job table inserts.
	PeriodicJobs []*river.PeriodicJob
	// AliveCheckEvery is how often a started client on PostgreSQL checks
	// the connection holding its liveness lock (see Start) and, if it is
	// gone, takes the lock again on a new one. A session lock lives only
	// as long as its connection: a proxy restart, idle_session_timeout, a
	// TCP reset or pg_terminate_backend drops it while the client keeps
	// working, and its running jobs then look dead to ReclaimDeadPeers.
	// Default DefaultAliveCheckEvery (2.5s, half the pipeline's
	// ReclaimDeadEvery).
	AliveCheckEvery time.Duration
}

// Defaults of Config.
const (
	DefaultFetchCooldown      = 5 * time.Millisecond
	DefaultFetchPollInterval  = time.Second
	DefaultJobTimeout         = 5 * time.Minute
	DefaultMaxAttempts        = 5
	DefaultCompletedRetention = time.Hour
	DefaultAliveCheckEvery    = 2500 * time.Millisecond
)

// DefaultConfig returns the defaults, with one queue "default" of 4 workers.
func DefaultConfig() Config {
	return Config{
		Queues:             map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: 4}},
		FetchCooldown:      DefaultFetchCooldown,
		FetchPollInterval:  DefaultFetchPollInterval,
		JobTimeout:         DefaultJobTimeout,
		MaxAttempts:        DefaultMaxAttempts,
		CompletedRetention: DefaultCompletedRetention,
		AliveCheckEvery:    DefaultAliveCheckEvery,
		LogLevel:           slog.LevelWarn,
	}
}

// minLevel drops records below min.
type minLevel struct {
	min slog.Level
	slog.Handler
}

func (h minLevel) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= h.min && h.Handler.Enabled(ctx, l)
}

func (h minLevel) WithAttrs(attrs []slog.Attr) slog.Handler {
	return minLevel{h.min, h.Handler.WithAttrs(attrs)}
}

func (h minLevel) WithGroup(name string) slog.Handler {
	return minLevel{h.min, h.Handler.WithGroup(name)}
}

// withDefaults fills in c's zero fields.
func (c Config) withDefaults() Config {
	d := DefaultConfig()
	if c.FetchCooldown <= 0 {
		c.FetchCooldown = d.FetchCooldown
	}
	if c.FetchPollInterval <= 0 {
		c.FetchPollInterval = d.FetchPollInterval
	}
	if c.JobTimeout <= 0 {
		c.JobTimeout = d.JobTimeout
	}
	if c.RescueStuckJobsAfter <= 0 {
		c.RescueStuckJobsAfter = c.JobTimeout + 5*time.Minute
	}
	if c.MaxAttempts <= 0 {
		c.MaxAttempts = d.MaxAttempts
	}
	if c.CompletedRetention <= 0 {
		c.CompletedRetention = d.CompletedRetention
	}
	if c.AliveCheckEvery <= 0 {
		c.AliveCheckEvery = d.AliveCheckEvery
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	return c
}

// Queue is a River client on SQLite or PostgreSQL.
type Queue struct {
	// Client is the River client, for listing jobs and managing queues;
	// insert through Queue.Insert and InsertMany, which announce every
	// insert on PostgreSQL.
	Client   *river.Client[*sql.Tx]
	db       *sql.DB
	postgres bool
	logger   *slog.Logger
	// aliveMu guards alive, which the watchdog (watchAlive) replaces
	// when its connection breaks.
	aliveMu sync.Mutex
	// alive holds the client's liveness lock from Start to Stop
	// (PostgreSQL only; see Start).
	alive      *sql.Conn
	aliveEvery time.Duration
	// stopWatch ends the watchdog; watchDone is closed when it has.
	stopWatch chan struct{}
	watchDone chan struct{}
	// peersMu serializes ReclaimDeadPeers and guards freeSince: when
	// each peer client was first found with its liveness lock free, and
	// free at every look since. A peer leaves it when its lock is held
	// again or it has no running job left.
	peersMu   sync.Mutex
	freeSince map[string]time.Time
	// lastLook is when ReclaimDeadPeers last looked: after a longer gap
	// than the grace (this process did not lead meanwhile) freeSince no
	// longer says the locks stayed free, and is forgotten.
	lastLook time.Time
}

// IsPostgres reports whether db is a PostgreSQL pool opened through pgx's
// database/sql adapter (postgres.Store.QueueDB); anything else is taken
// for SQLite.
func IsPostgres(db *sql.DB) bool {
	_, ok := db.Driver().(*stdlib.Driver)
	return ok
}

// driver returns River's driver for db's database: on PostgreSQL one that
// listens on a connection of listen if it is not nil.
func driver(db *sql.DB, listen *pgxpool.Pool) riverdriver.Driver[*sql.Tx] {
	if IsPostgres(db) {
		if listen == nil {
			return riverdatabasesql.New(db)
		}
		return riverdatabasesql.NewWithPgxListener(db, listen)
	}
	return sqliteDriver{riversqlite.New(db)}
}

// sqliteDriver is River's SQLite driver without its listener. That
// listener emulates LISTEN/NOTIFY with a table: every insert writes a
// notification row, and a goroutine reads the table every 50 ms (not
// configurable in River v0.51.2), so an idle server queried it 20 times a
// second. With one process per SQLite database there is nobody else to
// hear from, and a driver that does not listen puts River in poll-only
// mode, where an insert outside a transaction wakes the local producer
// directly: sooner than the listener's poll, and without the row.
type sqliteDriver struct{ *riversqlite.Driver }

func (sqliteDriver) SupportsListener() bool     { return false }
func (sqliteDriver) SupportsListenNotify() bool { return false }

// lockMigrate is the first key of the advisory lock that serialises River's
// migrations on PostgreSQL; the second is the schema's hash, as in
// store/postgres, whose keys are 0x6e640001 and 0x6e640002.
const lockMigrate = 0x6e640003

// Migrate brings River's tables in db up to date. It is safe to run at every
// start, and on PostgreSQL from several processes at once: they take turns
// under an advisory lock, since River's migrator does not serialise them.
// It logs one line when it applied migrations.
func Migrate(ctx context.Context, db *sql.DB, logger *slog.Logger) error {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	if IsPostgres(db) {
		conn, err := db.Conn(ctx)
		if err != nil {
			return fmt.Errorf("migrate job queue: %w", err)
		}
		defer conn.Close()
		if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1, hashtext(current_schema()))`, lockMigrate); err != nil {
			return fmt.Errorf("migrate job queue: lock: %w", err)
		}
		defer func() {
			// A failed unlock (a broken connection) ends the session,
			// which releases the lock anyway.
			if _, err := conn.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1, hashtext(current_schema()))`, lockMigrate); err != nil {
				logger.Warn("release job queue migration lock", "err", err)
			}
		}()
	}
	quiet := slog.New(minLevel{min: slog.LevelWarn, Handler: logger.Handler()})
	drv := driver(db, nil)
	m, err := rivermigrate.New(drv, &rivermigrate.Config{Logger: quiet})
	if err != nil {
		return fmt.Errorf("migrate job queue: %w", err)
	}
	// Under the lock, so that a newer process migrating at the same time
	// cannot slip a migration in between.
	if err := checkRiverVersions(ctx, drv.GetExecutor(), m.AllVersions()); err != nil {
		return err
	}
	res, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil)
	if err != nil {
		return fmt.Errorf("migrate job queue: %w", err)
	}
	if n := len(res.Versions); n > 0 {
		logger.Info("migrated job queue tables", "migrations", n, "version", res.Versions[n-1].Version)
	}
	return nil
}

// ErrNewerQueue is the error Migrate (and so Start) returns for a database
// whose job queue tables a newer newsdesk has migrated: they record River
// migrations this binary's River does not have. River's own migrator
// applies the migrations it lacks and says nothing of those it does not
// know, so a client would run on tables it does not know (columns it does
// not fill, states it does not handle) and could lose or rerun jobs; the
// queue refuses them instead, as the store refuses a newer schema
// (store.ErrNewerSchema).
var ErrNewerQueue = errors.New("this database's job queue was upgraded by a newer newsdesk")

// checkRiverVersions returns an error matching ErrNewerQueue if the
// database records a migration of River's main line that known, this
// binary's River's, does not have. Tables from before River kept a
// migration line are older, never newer.
func checkRiverVersions(ctx context.Context, exec riverdriver.Executor, known []rivermigrate.Migration) error {
	exists, err := exec.TableExists(ctx, &riverdriver.TableExistsParams{Table: "river_migration"})
	if err != nil {
		return fmt.Errorf("migrate job queue: %w", err)
	}
	if !exists {
		return nil
	}
	lines, err := exec.ColumnExists(ctx, &riverdriver.ColumnExistsParams{Table: "river_migration", Column: "line"})
	if err != nil {
		return fmt.Errorf("migrate job queue: %w", err)
	}
	if !lines {
		return nil
	}
	recorded, err := exec.MigrationGetByLine(ctx, &riverdriver.MigrationGetByLineParams{Line: riverdriver.MigrationLineMain})
	if err != nil {
		return fmt.Errorf("migrate job queue: %w", err)
	}
	have := make(map[int]bool, len(known))
	latest := 0
	for _, m := range known {
		have[m.Version] = true
		latest = max(latest, m.Version)
	}
	var unknown []string
	for _, r := range recorded {
		if !have[r.Version] {
			unknown = append(unknown, strconv.Itoa(r.Version))
		}
	}
	if len(unknown) == 0 {
		return nil
	}
	return fmt.Errorf("%w (its river_migration table records River migration %s; this newsdesk's latest is %d): "+
		"upgrade newsdesk to the release that upgraded it; this one does not start its job queue, "+
		"as it could lose or rerun jobs on tables it does not know",
		ErrNewerQueue, strings.Join(unknown, ", "), latest)
}

// ReclaimRunning makes every job left running available again and drops the
// leadership lease, and reports how many jobs it reclaimed.
//
// It is for the start of the only process using db, before its client
// starts: with SQLite newsdesk is one process, so a job marked running at
// that moment belongs to a process that died (kill -9, power cut) and will
// never finish it. Running it again is safe because every job is idempotent
// (articles are keyed by URL, grouping and briefing redo what the store
// says is undone). On PostgreSQL, where other live processes share the
// table, their running jobs look the same, so this must not be used there:
// Start uses ReclaimDead instead.
func ReclaimRunning(ctx context.Context, db *sql.DB) (int64, error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("reclaim running jobs: %w", err)
	}
	defer tx.Rollback()
	// scheduled_at is left alone: it was due when the job started.
	res, err := tx.ExecContext(ctx, `UPDATE river_job SET state = 'available' WHERE state = 'running'`)
	if err != nil {
		return 0, fmt.Errorf("reclaim running jobs: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("reclaim running jobs: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM river_leader`); err != nil {
		return 0, fmt.Errorf("reclaim running jobs: leader: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("reclaim running jobs: %w", err)
	}
	return n, nil
}

// New returns a queue on db that is not yet started; it does no I/O. db is
// the store's QueueDB: for SQLite a pool of exactly one connection (see
// sqlite.Store.QueueDB), for PostgreSQL the store's pool, whose pgx pool
// cfg.ListenPool must be.
func New(db *sql.DB, workers *river.Workers, cfg Config) (*Queue, error) {
	cfg = cfg.withDefaults()
	if len(cfg.Queues) == 0 {
		return nil, errors.New("open job queue: no queues configured")
	}
	postgres := IsPostgres(db)
	if postgres && cfg.ListenPool == nil {
		// Without a listener every job another process inserts would
		// wait for the poll (FetchPollInterval).
		return nil, errors.New("open job queue: PostgreSQL needs the store's pgx pool to listen on (Config.ListenPool)")
	}
	if !postgres {
		cfg.ListenPool = nil
	}
	client, err := river.NewClient(driver(db, cfg.ListenPool), &river.Config{
		Queues:                      cfg.Queues,
		Workers:                     workers,
		FetchCooldown:               cfg.FetchCooldown,
		FetchPollInterval:           cfg.FetchPollInterval,
		JobTimeout:                  cfg.JobTimeout,
		RescueStuckJobsAfter:        cfg.RescueStuckJobsAfter,
		MaxAttempts:                 cfg.MaxAttempts,
		CompletedJobRetentionPeriod: cfg.CompletedRetention,
		PeriodicJobs:                cfg.PeriodicJobs,
		Logger:                      slog.New(minLevel{min: cfg.LogLevel, Handler: cfg.Logger.Handler()}),
	})
	if err != nil {
		return nil, fmt.Errorf("open job queue: %w", err)
	}
	return &Queue{Client: client, db: db, postgres: postgres, logger: cfg.Logger, aliveEvery: cfg.AliveCheckEvery}, nil
}

// Start migrates River's tables, reclaims the jobs a dead process left
// running, and starts working jobs until Stop. ctx bounds the start-up
// only: ending it later does not cancel running jobs, so that Stop can let
// them finish.
//
// On SQLite every running job is reclaimed (see ReclaimRunning). On
// PostgreSQL another live process may be working a running job, so only
// the jobs of dead clients are: each started client holds a session
// advisory lock named by its River client ID until Stop, the server drops
// it when the process dies, and a job whose last attempt belongs to a
// client whose lock is free is made available again (ReclaimDead). A job
// stuck in a live process is left to River's rescuer (RescueStuckJobsAfter).
// The lock's connection is watched (Config.AliveCheckEvery) and the lock
// taken again if the connection is lost, so that a live process does not
// stay dead to the others.
func (q *Queue) Start(ctx context.Context) error {
	if err := Migrate(ctx, q.db, q.logger); err != nil {
		return err
	}
	var (
		n   int64
		err error
	)
	if q.postgres {
		if err := q.holdAlive(ctx); err != nil {
			return err
		}
		n, err = ReclaimDead(ctx, q.alive)
	} else {
		n, err = ReclaimRunning(ctx, q.db)
	}
	if err != nil {
		q.releaseAlive()
		return err
	}
	if n > 0 {
		q.logger.Info("reclaimed jobs left running by a previous process", "jobs", n)
	}
	if err := q.Client.Start(context.WithoutCancel(ctx)); err != nil {
		q.releaseAlive()
		return fmt.Errorf("start job queue: %w", err)
	}
	if q.postgres {
		q.stopWatch, q.watchDone = make(chan struct{}), make(chan struct{})
		go q.watchAlive()
	}
	return nil
}

// lockClient is the first key of a client's liveness lock on PostgreSQL;
// the second is the hash of its River client ID.
const lockClient = 0x6e640004

// holdAlive takes this client's liveness lock on a connection kept until
// Stop (see Start).
func (q *Queue) holdAlive(ctx context.Context) error {
	conn, err := q.lockAlive(ctx)
	if err != nil {
		return fmt.Errorf("start job queue: %w", err)
	}
	q.aliveMu.Lock()
	q.alive = conn
	q.aliveMu.Unlock()
	return nil
}

// lockAlive takes this client's liveness lock on a new connection of the
// pool and returns the connection.
//
// The connection's backend probes the client with TCP keepalives after 10
// idle seconds, every 5, and gives up after 3 unanswered: a machine lost
// without closing its sockets (power off, a network partition) loses its
// lock, and its jobs are reclaimed, within about half a minute instead of
// the operating system's default of over two hours, far past River's
// rescuer (RescueStuckJobsAfter). The settings do nothing on a Unix socket,
// whose peer cannot be lost that way.
func (q *Queue) lockAlive(ctx context.Context) (*sql.Conn, error) {
	conn, err := q.db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := conn.ExecContext(ctx, `SELECT set_config('tcp_keepalives_idle', '10', false),
		set_config('tcp_keepalives_interval', '5', false), set_config('tcp_keepalives_count', '3', false)`); err != nil {
		discard(conn)
		return nil, fmt.Errorf("liveness lock: set keepalives: %w", err)
	}
	var got bool
	if err := conn.QueryRowContext(ctx, `SELECT pg_try_advisory_lock($1, hashtext($2))`, lockClient, q.Client.ID()).Scan(&got); err != nil {
		discard(conn)
		return nil, fmt.Errorf("liveness lock: %w", err)
	}
	if !got {
		discard(conn)
		return nil, fmt.Errorf("another client with ID %q is running", q.Client.ID())
	}
	return conn, nil
}

// discard closes conn's session rather than returning it to the pool: it
// may hold a session setting or lock no other user of the pool expects.
func discard(conn *sql.Conn) {
	// Raw closes a connection whose function returns sqldriver.ErrBadConn.
	_ = conn.Raw(func(any) error { return sqldriver.ErrBadConn })
	conn.Close()
}

// watchAlive checks the liveness lock's connection every AliveCheckEvery
// until Stop (see checkAlive).
func (q *Queue) watchAlive() {
	defer close(q.watchDone)
	t := time.NewTicker(q.aliveEvery)
	defer t.Stop()
	for {
		select {
		case <-q.stopWatch:
			return
		case <-t.C:
			q.checkAlive()
		}
	}
}

// checkAlive takes the liveness lock again on a new connection if its
// connection is lost. A session lock lives as long as its connection, and
// without the lock this live client's running jobs look dead: the leader's
// ReclaimDeadPeers would make them available and they would run twice.
// ReclaimDeadPeers' grace covers the moments until the lock is back. If
// another session holds the lock (a peer checking whether this client is
// dead), the next check tries again.
func (q *Queue) checkAlive() {
	ctx, cancel := context.WithTimeout(context.Background(), max(q.aliveEvery, 5*time.Second))
	defer cancel()
	q.aliveMu.Lock()
	defer q.aliveMu.Unlock()
	if q.alive != nil {
		_, err := q.alive.ExecContext(ctx, `SELECT 1`)
		if err == nil {
			return
		}
		q.logger.Warn("job queue liveness lock lost with its connection; taking it again", "err", err)
		// Closed, not pooled: if the session is in fact alive, closing
		// it frees the lock for the new connection.
		discard(q.alive)
		q.alive = nil
	}
	conn, err := q.lockAlive(ctx)
	if err != nil {
		q.logger.Error("take the job queue liveness lock again", "err", err)
		return
	}
	q.alive = conn
	q.logger.Info("job queue liveness lock taken again")
}

// releaseAlive gives up the liveness lock. The connection goes back to the
// store's pool, whose sessions outlive it, so the lock is released
// explicitly; if that fails the connection is broken and its session, and
// with it the lock, is gone or going.
func (q *Queue) releaseAlive() {
	if q.stopWatch != nil {
		close(q.stopWatch)
		<-q.watchDone
		q.stopWatch = nil
	}
	q.aliveMu.Lock()
	defer q.aliveMu.Unlock()
	if q.alive == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := q.alive.ExecContext(ctx, `SELECT pg_advisory_unlock($1, hashtext($2))`, lockClient, q.Client.ID()); err != nil {
		q.logger.Warn("release job queue liveness lock", "err", err)
	}
	// Its keepalive settings stay with the session: harmless for the
	// pool's other users, which are as well off with a dead peer noticed.
	q.alive.Close()
	q.alive = nil
}

// ReclaimDead makes available again every running job whose last attempt
// belongs to a client that no longer holds its liveness lock, and reports
// how many. conn must hold the caller's own liveness lock (see Start); the
// caller's own jobs, if any are marked running, count as dead, since it has
// not started working.
//
// A reclaimed job keeps its attempt count, and River adds one when it
// fetches the job again: a job reclaimed MaxAttempts times is discarded.
// That bounds a job that kills every process that works it, and is why a
// job can be discarded with fewer errors recorded than attempts.
func ReclaimDead(ctx context.Context, conn *sql.Conn) (int64, error) {
	return reclaimDead(ctx, conn, "", 0, nil)
}

// ReclaimDeadClients is ReclaimDead for a started queue: it reclaims the
// running jobs of clients that died since Start, such as a group job of a
// process whose lock this one has just taken, instead of leaving them to
// River's rescuer. Its own jobs are left alone: its liveness lock is held
// by the very session that asks, so they would look dead. It does nothing
// on SQLite, where a process owns the database, or while the lock's
// connection is lost (see checkAlive).
func (q *Queue) ReclaimDeadClients(ctx context.Context) (int64, error) {
	if !q.postgres {
		return 0, nil
	}
	q.aliveMu.Lock()
	defer q.aliveMu.Unlock()
	if q.alive == nil {
		return 0, nil
	}
	return reclaimDead(ctx, q.alive, q.Client.ID(), 0, nil)
}

// ReclaimDeadPeers is ReclaimDeadClients on a connection of the pool
// rather than the liveness lock's, so that it may run beside a
// ReclaimDeadClients in another goroutine (a database/sql connection runs
// one query at a time, and a pgx one cannot interleave two result sets).
// This client's jobs look alive from there (its lock is held by another
// session) and are skipped by ID besides. It does nothing on SQLite,
// before Start, or while this client's own lock's connection is lost (see
// checkAlive).
//
// It reclaims a peer's jobs only once the peer's lock has been free at
// every look for grace or more, and only those attempted more than grace
// ago. Meant to be called again and again, it would otherwise take the
// jobs of a live client whose lock's connection was just lost (a proxy
// restart, a TCP reset), before the client takes its lock again
// (Config.AliveCheckEvery), and they would run twice: a job's age says
// nothing of how long its client has been without its lock, as a job may
// run for minutes. A grace of a few AliveCheckEvery covers that; a dead
// client's jobs wait that much longer, counted from the first look that
// found it dead.
func (q *Queue) ReclaimDeadPeers(ctx context.Context, grace time.Duration) (int64, error) {
	if !q.postgres {
		return 0, nil
	}
	q.aliveMu.Lock()
	started := q.alive != nil
	q.aliveMu.Unlock()
	if !started {
		return 0, nil
	}
	conn, err := q.db.Conn(ctx)
	if err != nil {
		return 0, fmt.Errorf("reclaim jobs of dead clients: %w", err)
	}
	q.peersMu.Lock()
	defer q.peersMu.Unlock()
	now := time.Now()
	if q.freeSince == nil || now.Sub(q.lastLook) > grace {
		q.freeSince = make(map[string]time.Time)
	}
	q.lastLook = now
	n, err := reclaimDead(ctx, conn, q.Client.ID(), grace, q.freeSince)
	if err != nil {
		// Closed, not pooled: a failed or cancelled query may leave the
		// session holding a peer's liveness lock, and the peer would
		// then look alive for as long as the pool keeps it.
		discard(conn)
		return n, err
	}
	conn.Close()
	return n, nil
}

// reclaimDead is ReclaimDead skipping the jobs of client self and those
// attempted less than grace ago. If freeSince is not nil, a client's jobs
// are reclaimed only once freeSince, which reclaimDead keeps, shows its
// lock free at every look for grace or more (see ReclaimDeadPeers).
func reclaimDead(ctx context.Context, conn *sql.Conn, self string, grace time.Duration, freeSince map[string]time.Time) (int64, error) {
	rows, err := conn.QueryContext(ctx, `SELECT DISTINCT attempted_by[array_length(attempted_by, 1)]
		FROM river_job WHERE state = 'running' AND array_length(attempted_by, 1) > 0`)
	if err != nil {
		return 0, fmt.Errorf("reclaim jobs of dead clients: %w", err)
	}
	var clients []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return 0, fmt.Errorf("reclaim jobs of dead clients: %w", err)
		}
		if id != self {
			clients = append(clients, id)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, fmt.Errorf("reclaim jobs of dead clients: %w", err)
	}
	if freeSince != nil {
		// A client with no running job left has nothing to reclaim;
		// should it run jobs again, its lock's freedom is timed anew.
		running := make(map[string]bool, len(clients))
		for _, id := range clients {
			running[id] = true
		}
		for id := range freeSince {
			if !running[id] {
				delete(freeSince, id)
			}
		}
	}
	var total int64
	for _, id := range clients {
		n, err := reclaimIfDead(ctx, conn, id, grace, freeSince)
		if err != nil {
			return total, fmt.Errorf("reclaim jobs of client %q: %w", id, err)
		}
		total += n
	}
	return total, nil
}

// reclaimIfDead reclaims the running jobs of client id attempted more than
// grace ago if its liveness lock is free, and, with freeSince, has been at
// every look for grace or more; it holds the lock meanwhile so the check
// cannot go stale.
func reclaimIfDead(ctx context.Context, conn *sql.Conn, id string, grace time.Duration, freeSince map[string]time.Time) (n int64, err error) {
	var free bool
	if err := conn.QueryRowContext(ctx, `SELECT pg_try_advisory_lock($1, hashtext($2))`, lockClient, id).Scan(&free); err != nil {
		return 0, err
	}
	if !free {
		delete(freeSince, id)
		return 0, nil
	}
	defer func() {
		if _, uerr := conn.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1, hashtext($2))`, lockClient, id); uerr != nil && err == nil {
			err = uerr
		}
	}()
	if freeSince != nil {
		// The local monotonic clock: only this process's looks compare.
		now := time.Now()
		since, seen := freeSince[id]
		if !seen {
			freeSince[id] = now
			return 0, nil
		}
		if now.Sub(since) < grace {
			return 0, nil
		}
	}
	// scheduled_at is left alone: it was due when the job started. Both
	// times are the server's, so clocks of other machines do not matter.
	res, err := conn.ExecContext(ctx, `UPDATE river_job SET state = 'available'
		WHERE state = 'running' AND attempted_by[array_length(attempted_by, 1)] = $1
		AND attempted_at <= now() - make_interval(secs => $2)`, id, grace.Seconds())
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// Stop stops fetching jobs and waits for running ones to finish; if ctx ends
// first, it cancels them and waits for them to return. A job cancelled this
// way is retried; one still marked running when the process ends is
// reclaimed at the next start (see Start).
func (q *Queue) Stop(ctx context.Context) error {
	// Stopping the client closes the listener's connection, which River
	// hijacked from ListenPool.
	defer q.releaseAlive()
	err := q.Client.Stop(ctx)
	if err == nil {
		return nil
	}
	if !errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("stop job queue: %w", err)
	}
	cctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := q.Client.StopAndCancel(cctx); err != nil {
		return fmt.Errorf("stop job queue: %w", err)
	}
	return nil
}

// Insert is Client.Insert, followed on PostgreSQL by a notification of the
// job's queue (see notify). Insert jobs through it, not the client.
func (q *Queue) Insert(ctx context.Context, args river.JobArgs, opts *river.InsertOpts) (*rivertype.JobInsertResult, error) {
	res, err := q.Client.Insert(ctx, args, opts)
	if err != nil {
		return nil, err
	}
	if !res.UniqueSkippedAsDuplicate {
		q.notify(ctx, []string{res.Job.Queue})
	}
	return res, nil
}

// InsertMany is Client.InsertMany, followed on PostgreSQL by a
// notification of each queue it inserted a job into (see notify).
func (q *Queue) InsertMany(ctx context.Context, params []river.InsertManyParams) ([]*rivertype.JobInsertResult, error) {
	res, err := q.Client.InsertMany(ctx, params)
	if err != nil {
		return nil, err
	}
	var queues []string
	for _, r := range res {
		if !r.UniqueSkippedAsDuplicate && !slices.Contains(queues, r.Job.Queue) {
			queues = append(queues, r.Job.Queue)
		}
	}
	q.notify(ctx, queues)
	return res, nil
}

// insertTopic is River's insert notification topic
// (notifier.NotificationTopicInsert, internal to River), which every
// producer's listener hears on PostgreSQL.
const insertTopic = "river_insert"

// notify sends River's insert notification for each of queues on
// PostgreSQL, where every process's producers of a queue listen for it,
// in one statement through River's own driver (Executor.NotifyMany, with
// the payload River's producers read).
//
// River sends one itself, in the insert's transaction, but at most one per
// queue per FetchCooldown (its insert notification limiter, which River
// v0.51.2 neither exposes nor lets a caller turn off): a job inserted
// within 5 ms of another of the same queue (a scheduler's burst of polls,
// two polls' articles) went unannounced, and waited for the next poll, up
// to FetchPollInterval. So the first insert of a burst is announced twice,
// and a producer that hears twice fetches once more, after its
// FetchCooldown. A failed notification is logged: the job is inserted,
// and the poll finds it. On SQLite River wakes this process's producers on
// every insert itself.
func (q *Queue) notify(ctx context.Context, queues []string) {
	if !q.postgres || len(queues) == 0 {
		return
	}
	payloads := make([]string, 0, len(queues))
	for _, name := range queues {
		payload, err := json.Marshal(struct {
			Queue string `json:"queue"`
		}{name})
		if err != nil {
			q.logger.Warn("notify job queue", "queue", name, "err", err)
			continue
		}
		payloads = append(payloads, string(payload))
	}
	// No schema: the executor's connection's current_schema(), the
	// listener's, as the client sets none.
	err := q.Client.Driver().GetExecutor().NotifyMany(ctx, &riverdriver.NotifyManyParams{Payload: payloads, Topic: insertTopic})
	if err != nil {
		q.logger.Warn("notify job queue", "queues", queues, "err", err)
	}
}

// PendingStates returns the states of a job not yet finished.
func PendingStates() []rivertype.JobState {
	return []rivertype.JobState{
		rivertype.JobStateAvailable, rivertype.JobStatePending, rivertype.JobStateRunning,
		rivertype.JobStateRetryable, rivertype.JobStateScheduled,
	}
}

// PendingIn reports whether any job of the named queues is unfinished.
func (q *Queue) PendingIn(ctx context.Context, queues ...string) (bool, error) {
	res, err := q.Client.JobList(ctx, river.NewJobListParams().Queues(queues...).States(PendingStates()...).First(1))
	if err != nil {
		return false, fmt.Errorf("list pending jobs of %v: %w", queues, err)
	}
	return len(res.Jobs) > 0, nil
}

// ActiveStates returns the states of a job that is under way or may
// start at once: PendingStates less those waiting out a delay (a retry's
// backoff, a snooze, a scheduled time).
func ActiveStates() []rivertype.JobState {
	return []rivertype.JobState{rivertype.JobStateAvailable, rivertype.JobStatePending, rivertype.JobStateRunning}
}

// CountActiveIn counts the active jobs (ActiveStates) of the named
// queues, up to limit (at most 10,000): callers ask whether there are at
// least limit, and a bounded listing answers that without counting a
// large backlog to its end.
func (q *Queue) CountActiveIn(ctx context.Context, limit int, queues ...string) (int, error) {
	res, err := q.Client.JobList(ctx, river.NewJobListParams().Queues(queues...).States(ActiveStates()...).First(limit))
	if err != nil {
		return 0, fmt.Errorf("count active jobs of %v: %w", queues, err)
	}
	return len(res.Jobs), nil
}

// CountDueIn is CountActiveIn counting too the jobs scheduled to run
// within the next within: a job snoozed until its host's turn (a page of
// a busy host's backlog, SnoozeForHost) is as much a part of the backlog
// being fetched as one waiting for a worker, though it holds none. Not
// counted: a job waiting out a retry's backoff (retryable), and one
// snoozed because its host asked for no requests for a while (a 429's
// Retry-After, SnoozeForHost with held): like a site that is down, a host
// refusing requests is not a backlog being fetched, and one that refuses
// every request would otherwise hold grouping back by the whole wait each
// time its hold came round. A snooze no longer than River's scheduler
// interval (5 s) leaves the job available, not scheduled, so a job held
// that briefly counts as active, as it did before.
//
// It is one query, so one snapshot of the job table: counted in two, a
// job that moved from scheduled to available (River's scheduler) or ran
// between them was missed or counted twice.
func (q *Queue) CountDueIn(ctx context.Context, limit int, within time.Duration, queues ...string) (int, error) {
	if within <= 0 {
		return q.CountActiveIn(ctx, limit, queues...)
	}
	// The horizon is this process's clock, as a snooze's scheduled_at is
	// (River sets it from the client's time on both back ends).
	due := `(state <> 'scheduled' OR (scheduled_at <= @due_horizon AND coalesce(metadata ->> '` +
		hostWaitKey + `', '') <> '` + hostWaitHeld + `'))`
	res, err := q.Client.JobList(ctx, river.NewJobListParams().Queues(queues...).
		States(append(ActiveStates(), rivertype.JobStateScheduled)...).
		Where(due, river.NamedArgs{"due_horizon": time.Now().Add(within)}).
		First(limit))
	if err != nil {
		return 0, fmt.Errorf("count due jobs of %v: %w", queues, err)
	}
	return len(res.Jobs), nil
}

// hostWaitKey is the job metadata key SnoozeForHost records why the job
// waits under: hostWaitHeld or hostWaitBusy.
const (
	hostWaitKey  = "newsdesk_host_wait"
	hostWaitHeld = "held"
	hostWaitBusy = "busy"
)

// SnoozeForHost returns the error that snoozes the job ctx is working for
// d (river.JobSnooze), and records in its metadata why it waits: held, its
// host asked for no requests for a while (a 429's Retry-After); else its
// host's turn is d away. CountDueIn counts the second as part of a backlog
// and not the first. Outside a worker (a test calling the work function)
// nothing is recorded.
func SnoozeForHost(ctx context.Context, d time.Duration, held bool) error {
	why := hostWaitBusy
	if held {
		why = hostWaitHeld
	}
	// The record is a hint to CountDueIn; its only error is a context
	// that is not a worker's, which has no job to record it on.
	_ = river.MetadataSet(ctx, hostWaitKey, why)
	return river.JobSnooze(d)
}

// Pending reports whether any job is unfinished.
func (q *Queue) Pending(ctx context.Context) (bool, error) {
	res, err := q.Client.JobList(ctx, river.NewJobListParams().States(PendingStates()...).First(1))
	if err != nil {
		return false, fmt.Errorf("list pending jobs: %w", err)
	}
	return len(res.Jobs) > 0, nil
}
