// Package sqlite is newsdesk's embedded store: store.Store on a single SQLite
// file through modernc.org/sqlite (pure Go, no cgo).
//
// The store and the job queue share one pool of exactly one connection.
// River's SQLite driver needs that (it runs internal operations in parallel
// that SQLite would refuse with SQLITE_BUSY), and giving the store a pool of
// its own made ingest slower, not faster: two connections contend for the
// one write lock, and SQLite's busy handler waits by sleeping, so writers
// idled for milliseconds at a time (measured on the pipeline's ingest
// benchmark: 55 articles/s with a separate store pool of 4, 85-90 with one
// shared connection; docs/pipeline.md). Go's
// pool hands the connection over without sleeping. Every statement is short
// and no method holds the connection while it calls another, so nothing can
// deadlock on it. The file is still in WAL mode (cheap commits, and other
// processes such as the sqlite3 shell can read while newsdesk writes), with
// a busy timeout for those other processes, foreign keys on, and IMMEDIATE
// transactions so that a writer never fails upgrading a read lock. The
// connection keeps its statements prepared (stmtcache.go): parsing each
// query string at every call was 43% of the pipeline tests' CPU, most
// of it the job queue's poll for available jobs.
//
// The schema is versioned SQL embedded in the binary (migrations/NNNN_*.sql),
// applied in order at Open, all in one transaction together with the rows
// that record them, so a crash or a failing migration during an upgrade
// leaves the previous version intact. A file that records a migration
// this binary does not have (a newer newsdesk upgraded it) is refused with
// store.ErrNewerSchema before anything is applied.
package sqlite

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"embed"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strconv"
	"strings"

	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/store/sqlq"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// goSteps are the Go halves of migrations, by file name: each runs after
// its file's SQL, in the same transaction, for what SQL cannot do.
var goSteps = map[string]sqlq.Step{
	"0006_source_url_key.sql":     sqlq.SourceKeyStep,
	"0007_story_rank.sql":         sqlq.StoryRankStep,
	"0015_source_key_rfc3986.sql": sqlq.SourceKeyStep,
}

// sqlTx is a transaction or the database (*sql.Tx, *sql.DB) as the
// shared code in sqlq runs on it.
type sqlTx struct {
	tx interface {
		QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
		ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	}
}

func (t sqlTx) Query(ctx context.Context, query string, args ...any) (sqlq.Rows, error) {
	rows, err := t.tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	return sqlRows{rows}, nil
}

func (t sqlTx) Exec(ctx context.Context, query string, args ...any) error {
	_, err := t.tx.ExecContext(ctx, query, args...)
	return err
}

// sqlRows is *sql.Rows with the Close of sqlq.Rows: its error is Err's.
type sqlRows struct{ *sql.Rows }

func (r sqlRows) Close() { _ = r.Rows.Close() }

// ErrLocked is store.ErrLocked, under the name callers used before both
// back ends shared it.
var ErrLocked = store.ErrLocked

// BusyTimeout is how long a statement waits for another connection's write
// lock before failing with SQLITE_BUSY.
const BusyTimeout = 10_000 // milliseconds

// MaxOpenConns is the size of the connection pool: one, see the package
// comment.
const MaxOpenConns = 1

// Store is newsdesk's SQLite store. It is safe for concurrent use.
type Store struct {
	db     *sql.DB
	path   string
	logger *slog.Logger
}

var _ store.Store = (*Store)(nil)

// Open opens (creating if need be) the database at path and brings its schema
// up to date. A nil logger discards logs.
func Open(ctx context.Context, path string, logger *slog.Logger) (*Store, error) {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	if path == "" {
		return nil, errors.New("open database: empty path")
	}
	db, err := openDB(path, MaxOpenConns)
	if err != nil {
		return nil, err
	}
	s := &Store{db: db, path: path, logger: logger}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	return s, nil
}

// dsn builds the connection string: every connection gets the pragmas, since
// SQLite keeps them per connection.
func dsn(file string) string {
	q := url.Values{}
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "busy_timeout("+strconv.Itoa(BusyTimeout)+")")
	q.Add("_pragma", "foreign_keys(ON)")
	// NORMAL is durable against a killed process (the WAL is on disk); only
	// an OS crash or power cut can lose the last transactions.
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Set("_txlock", "immediate")
	return "file:" + escapeURIPath(file) + "?" + q.Encode()
}

func openDB(file string, conns int) (*sql.DB, error) {
	conn, err := newStmtCacheConnector(dsn(file), StmtCacheSize)
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", file, err)
	}
	db := sql.OpenDB(conn)
	db.SetMaxOpenConns(conns)
	db.SetMaxIdleConns(conns)
	if err := db.Ping(); err != nil {
		db.Close()
		return nil, fmt.Errorf("open database %s: %w", file, err)
	}
	return db, nil
}

// DB is the store's connection pool, for tools that need plain SQL. Do not
// hold its connection (an open transaction or unread rows) while calling the
// store: the pool has one connection.
func (st *Store) DB() *sql.DB { return st.db }

// QueueDB is the pool the job queue must use: the store's own single
// connection (see the package comment). Stop the queue before Close.
func (st *Store) QueueDB() *sql.DB { return st.db }

// Ping reads the schema version from the file's header on the pool's
// connection: a database/sql ping alone would not touch the file. With one
// connection (see the package comment) it waits, up to ctx's deadline, for
// a statement or transaction holding it to end.
func (st *Store) Ping(ctx context.Context) error {
	var v int64
	if err := st.db.QueryRowContext(ctx, "PRAGMA schema_version").Scan(&v); err != nil {
		return fmt.Errorf("ping database %s: %w", st.path, err)
	}
	return nil
}

// Close closes the database.
func (st *Store) Close() error {
	return st.db.Close()
}

// migrate applies the embedded migrations not yet recorded.
func (st *Store) migrate(ctx context.Context) error {
	migrations, err := store.Migrations(migrationFS)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	return st.migrateWith(ctx, migrations, goSteps)
}

// migrateWith applies the migrations of known that the database does not
// record, with the Go steps of steps, all in one transaction together
// with the rows that record them: an upgrade across several versions is
// all or nothing, so a migration that fails (a full disk, a row an older
// version let in that a new constraint refuses) leaves the database at
// the version it had, which this binary's predecessor still opens, rather
// than at one in between that no release ever had
// (TestMigrationsAllOrNothing). The transaction is IMMEDIATE (see dsn):
// it holds the file's write lock from its start, so the migrations it
// reads recorded stay so until it ends, even with another process opening
// the file.
//
// The migrations run with foreign keys off, as SQLite's procedure for
// rebuilding a table asks (https://www.sqlite.org/lang_altertable.html):
// with them on, dropping a table that others reference runs their ON
// DELETE actions, which would set every article's source NULL or delete
// their links. The pragma does nothing inside a transaction, so it is set
// on the connection around it, and PRAGMA foreign_key_check, run before
// the first migration and again before the commit, stands in for the
// checks: a row the migrations leave without its parent refuses the
// upgrade, one that was so before it is logged and left.
func (st *Store) migrateWith(ctx context.Context, known []store.Migration, steps map[string]sqlq.Step) (err error) {
	if _, err := st.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS newsdesk_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	conn, err := st.db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `PRAGMA foreign_keys = OFF`); err != nil {
		return fmt.Errorf("migrate: foreign keys off: %w", err)
	}
	defer func() {
		// Not ctx: the connection goes back to the pool, and must not go
		// with its foreign keys off because ctx ended.
		if _, onErr := conn.ExecContext(context.WithoutCancel(ctx), `PRAGMA foreign_keys = ON`); onErr != nil {
			// Closed rather than pooled without its foreign keys.
			_ = conn.Raw(func(any) error { return driver.ErrBadConn })
			err = errors.Join(err, fmt.Errorf("migrate: foreign keys back on: %w", onErr))
		}
	}()
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	defer tx.Rollback()
	recorded, err := sqlq.RecordedMigrations(ctx, sqlTx{tx})
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	// A database a newer binary has migrated is refused before this one
	// changes anything.
	if err := store.CheckRecorded(known, recorded); err != nil {
		return err
	}
	var pending []store.Migration
	for _, m := range known {
		if _, done := recorded[m.Version]; !done {
			pending = append(pending, m)
		}
	}
	if len(pending) == 0 {
		return nil
	}
	// Rows whose parent was gone before the upgrade (the sqlite3 shell
	// has foreign keys off, so a DELETE there leaves them) are not the
	// upgrade's doing: refusing them would keep newsdesk from opening the
	// file until someone mended it by hand. They are logged; only rows
	// the migrations leave without a parent refuse the upgrade.
	old, err := foreignKeyViolations(ctx, tx)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	if len(old) > 0 {
		st.logger.Warn("rows whose parent is gone, left as they were", "count", len(old), "rows", firstFew(old))
	}
	var applied []string
	for _, m := range pending {
		if err := st.applyMigration(ctx, tx, m, steps[m.Name]); err != nil {
			return fmt.Errorf("migrate %s (nothing of this upgrade applied): %w", m.Name, err)
		}
		applied = append(applied, m.Name)
	}
	after, err := foreignKeyViolations(ctx, tx)
	if err != nil {
		return fmt.Errorf("migrate %s (nothing of this upgrade applied): %w", strings.Join(applied, ", "), err)
	}
	if added := without(after, old); len(added) > 0 {
		return fmt.Errorf("migrate %s (nothing of this upgrade applied): check foreign keys: rows whose parent is gone: %s",
			strings.Join(applied, ", "), firstFew(added))
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("migrate: commit %s: %w", strings.Join(applied, ", "), err)
	}
	for _, name := range applied {
		st.logger.Info("applied migration", "name", name)
	}
	// A migration that rebuilds a table writes it all to the WAL, and the
	// file keeps that size (140 MB for 100k articles) until the last
	// connection closes: a serve would hold it for as long as it runs.
	// The commit's automatic checkpoint has copied the pages back, so
	// truncating costs little (65 ms there; both figures from a throwaway
	// test, docs/postgres.md). Left to the next checkpoint
	// if it fails: the upgrade is committed.
	var busy, pages, moved int
	if err := conn.QueryRowContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`).Scan(&busy, &pages, &moved); err != nil {
		st.logger.Warn("truncate the WAL after migrating", "err", err)
	} else if busy != 0 {
		st.logger.Info("WAL left at its size after migrating: another connection is reading", "pages", pages)
	}
	return nil
}

// foreignKeyViolations returns the rows of tx's database whose foreign
// key has no parent, each as "articles row 4 (of sources)". A WITHOUT
// ROWID table's rows (article_links, pruned_urls) have no rowid, so those
// of one table and parent are told apart by their number alone: an
// upgrade that orphans one such row while an old orphan of the same table
// and parent goes away is taken as no change. No migration does that
// today; one that might must key those rows by their own columns.
func foreignKeyViolations(ctx context.Context, tx *sql.Tx) ([]string, error) {
	rows, err := tx.QueryContext(ctx, `PRAGMA foreign_key_check`)
	if err != nil {
		return nil, fmt.Errorf("check foreign keys: %w", err)
	}
	defer rows.Close()
	var bad []string
	for rows.Next() {
		var (
			table, parent string
			rowid         sql.NullInt64
			fk            int64
		)
		if err := rows.Scan(&table, &rowid, &parent, &fk); err != nil {
			return nil, fmt.Errorf("check foreign keys: %w", err)
		}
		row := table + " row"
		if rowid.Valid {
			row += " " + strconv.FormatInt(rowid.Int64, 10)
		}
		bad = append(bad, row+" (of "+parent+")")
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("check foreign keys: %w", err)
	}
	return bad, nil
}

// without returns the items of after not in before, counting repeats: a
// row listed twice after and once before is listed once.
func without(after, before []string) []string {
	left := make(map[string]int, len(before))
	for _, s := range before {
		left[s]++
	}
	var added []string
	for _, s := range after {
		if left[s] > 0 {
			left[s]--
			continue
		}
		added = append(added, s)
	}
	return added
}

// firstFew joins the first five of rows, saying how many more there are.
func firstFew(rows []string) string {
	const n = 5
	if len(rows) <= n {
		return strings.Join(rows, ", ")
	}
	return strings.Join(rows[:n], ", ") + fmt.Sprintf(" and %d more", len(rows)-n)
}

// applyMigration applies m, with its Go step if not nil, in tx, and
// records it there.
func (st *Store) applyMigration(ctx context.Context, tx *sql.Tx, m store.Migration, step sqlq.Step) error {
	if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
		return err
	}
	if step != nil {
		if err := step(ctx, sqlTx{tx}, st.logger); err != nil {
			return err
		}
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO newsdesk_migrations(version, name, applied_at) VALUES (?, ?, ?)`,
		m.Version, m.Name, nowNanos())
	return err
}
