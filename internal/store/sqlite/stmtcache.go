package sqlite

import (
	"container/list"
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"hash/maphash"
	"reflect"
	"time"

	msqlite "modernc.org/sqlite"
)

// StmtCacheSize is how many prepared statements each connection keeps, the
// least recently used dropped first. The store and the job queue issue a
// few dozen distinct statements; the rest of the room is for statements
// built per call (an IN list of some length), which come and go.
const StmtCacheSize = 256

// stmtsPerQuery is how many statements of one text a connection keeps, for
// calls whose arguments differ in a way that decides the plan (see
// stmtCacheConn): the job queue's fetch of available jobs runs with each
// queue's name and free workers as arguments, and the newsdesk pipeline
// has four queues.
const stmtsPerQuery = 4

// The store and the job queue run every statement as a plain query string
// (database/sql's QueryContext and ExecContext on the pool), and
// modernc.org/sqlite parses and plans such a statement at each call, and
// often a second time at its first step: SQLite plans some statements by
// the values bound to them (a LIMIT ?, or since 3.54 whether a "col = ?"
// is 0 or 1), and binding values to a freshly prepared statement expires
// it. Parsing was 43% of the pipeline tests' CPU and 56% under -race, most
// of it the job queue's poll for available jobs, which each queue of an
// idle server repeats every FetchPollInterval (docs/pipeline.md, "Test time
// and the statement cache").
//
// stmtCacheConn keeps the statements of one connection prepared, keyed by
// their text, and runs a query string through its prepared statement: the
// driver's own path for database/sql's prepared statements, so the rows,
// results and errors are those of the one-shot path. SQLite re-prepares a
// cached statement itself when the schema changes, or when values that
// decide its plan change. To spare that, a text keeps up to stmtsPerQuery
// statements, and a call takes the one last run with the same arguments
// (by a hash of them) if there is one: the job queue's poll of each queue
// then finds its own statement planned for its own LIMIT. A hash that
// collides costs a re-prepare, never a wrong result: the arguments are
// bound at every call. A statement still in use (its rows open, as a
// second query of the same text inside a transaction can find it) is not
// shared: that call takes another or the one-shot path.
type stmtCacheConn struct {
	conn      driver.Conn // the driver's connection, with the interfaces below
	beginTx   driver.ConnBeginTx
	prepare   driver.ConnPrepareContext
	execer    driver.ExecerContext
	queryer   driver.QueryerContext
	pinger    driver.Pinger
	resetter  driver.SessionResetter
	validator driver.Validator

	max, perQuery int
	lru           *list.List // of *cachedStmt, most recently used first
	byQuery       map[string][]*list.Element
	seed          maphash.Seed
	uses          uint64 // calls through the cache, to order a text's statements
}

// cachedStmt is one prepared statement of a connection's cache.
type cachedStmt struct {
	query string
	stmt  driver.Stmt
	// args is the hash of the arguments it last ran with, if hashed.
	args   uint64
	hashed bool
	used   uint64 // the connection's uses at its last
	// busy: its rows are open; evicted: dropped from the cache while busy,
	// closed when its rows are.
	busy, evicted bool
}

// stmtCacheConnector opens the driver's connections with a statement cache
// each.
type stmtCacheConnector struct {
	driver.Connector
	size int
}

func newStmtCacheConnector(dsn string, size int) (driver.Connector, error) {
	c, err := msqlite.NewConnector(dsn)
	if err != nil {
		return nil, err
	}
	return stmtCacheConnector{Connector: c, size: size}, nil
}

func (c stmtCacheConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	sc, err := newStmtCacheConn(conn, c.size)
	if err != nil {
		conn.Close()
		return nil, err
	}
	return sc, nil
}

// newStmtCacheConn wraps conn, which must implement the optional
// interfaces every modernc.org/sqlite connection does: a wrapper hiding one
// would make database/sql fall back to a context-free path.
func newStmtCacheConn(conn driver.Conn, size int) (*stmtCacheConn, error) {
	c := &stmtCacheConn{conn: conn, max: size, perQuery: stmtsPerQuery, lru: list.New(),
		byQuery: map[string][]*list.Element{}, seed: maphash.MakeSeed()}
	var ok [7]bool
	c.beginTx, ok[0] = conn.(driver.ConnBeginTx)
	c.prepare, ok[1] = conn.(driver.ConnPrepareContext)
	c.execer, ok[2] = conn.(driver.ExecerContext)
	c.queryer, ok[3] = conn.(driver.QueryerContext)
	c.pinger, ok[4] = conn.(driver.Pinger)
	c.resetter, ok[5] = conn.(driver.SessionResetter)
	c.validator, ok[6] = conn.(driver.Validator)
	for _, o := range ok {
		if !o {
			return nil, fmt.Errorf("statement cache: connection %T lacks an interface of modernc.org/sqlite's", conn)
		}
	}
	return c, nil
}

var (
	_ driver.Conn               = (*stmtCacheConn)(nil)
	_ driver.ConnBeginTx        = (*stmtCacheConn)(nil)
	_ driver.ConnPrepareContext = (*stmtCacheConn)(nil)
	_ driver.ExecerContext      = (*stmtCacheConn)(nil)
	_ driver.QueryerContext     = (*stmtCacheConn)(nil)
	_ driver.Pinger             = (*stmtCacheConn)(nil)
	_ driver.SessionResetter    = (*stmtCacheConn)(nil)
	_ driver.Validator          = (*stmtCacheConn)(nil)
)

// Unwrap returns the driver's connection (modernc.org/sqlite's Limit
// looks through wrappers with it).
func (c *stmtCacheConn) Unwrap() driver.Conn { return c.conn }

func (c *stmtCacheConn) Prepare(query string) (driver.Stmt, error) { return c.conn.Prepare(query) }

func (c *stmtCacheConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	return c.prepare.PrepareContext(ctx, query)
}

// Begin is the deprecated context-free Begin; database/sql calls BeginTx.
func (c *stmtCacheConn) Begin() (driver.Tx, error) {
	return c.beginTx.BeginTx(context.Background(), driver.TxOptions{})
}

func (c *stmtCacheConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	return c.beginTx.BeginTx(ctx, opts)
}

func (c *stmtCacheConn) Ping(ctx context.Context) error { return c.pinger.Ping(ctx) }

func (c *stmtCacheConn) ResetSession(ctx context.Context) error {
	return c.resetter.ResetSession(ctx)
}

func (c *stmtCacheConn) IsValid() bool { return c.validator.IsValid() }

// Close finalizes the cached statements, then closes the connection.
func (c *stmtCacheConn) Close() error {
	var errs []error
	for e := c.lru.Front(); e != nil; e = e.Next() {
		if err := e.Value.(*cachedStmt).stmt.Close(); err != nil {
			errs = append(errs, err)
		}
	}
	c.lru.Init()
	clear(c.byQuery)
	return errors.Join(append(errs, c.conn.Close())...)
}

// stmt returns a cached statement of query for args, marked busy: the one
// last run with the same arguments, else a new one while the text has
// fewer than perQuery, else the most recently used one that is free. It
// returns nil if every one is busy and the text has its perQuery, or if
// query cannot be prepared: the one-shot path then runs it, or reports the
// error as it always did.
func (c *stmtCacheConn) stmt(ctx context.Context, query string, args []driver.NamedValue) *cachedStmt {
	h, hashed := c.hashArgs(args)
	pool := c.byQuery[query]
	var same, free *list.Element
	for _, e := range pool {
		cs := e.Value.(*cachedStmt)
		if cs.busy {
			continue
		}
		if hashed && cs.hashed && cs.args == h {
			same = e
			break
		}
		if free == nil || cs.used > free.Value.(*cachedStmt).used {
			free = e
		}
	}
	pick := same
	if pick == nil && len(pool) >= c.perQuery {
		pick = free
	}
	if pick == nil {
		if len(pool) >= c.perQuery {
			return nil
		}
		st, err := c.prepare.PrepareContext(ctx, query)
		if err != nil {
			return nil
		}
		pick = c.lru.PushFront(&cachedStmt{query: query, stmt: st})
		c.byQuery[query] = append(pool, pick)
		c.evict()
	}
	c.lru.MoveToFront(pick)
	c.uses++
	cs := pick.Value.(*cachedStmt)
	cs.busy, cs.args, cs.hashed, cs.used = true, h, hashed, c.uses
	return cs
}

// evict drops the least recently used statements beyond c.max; one whose
// rows are open is closed with them.
func (c *stmtCacheConn) evict() {
	for c.lru.Len() > c.max {
		old := c.lru.Remove(c.lru.Back()).(*cachedStmt)
		pool := c.byQuery[old.query]
		for i, e := range pool {
			if e.Value == old {
				pool = append(pool[:i], pool[i+1:]...)
				break
			}
		}
		if len(pool) == 0 {
			delete(c.byQuery, old.query)
		} else {
			c.byQuery[old.query] = pool
		}
		if old.busy {
			old.evicted = true
		} else {
			_ = old.stmt.Close() // a finalize error is of no use to the caller
		}
	}
}

// hashArgs hashes args by their values, or reports false for a value of a
// type it does not know (database/sql passes only the driver.Value types).
func (c *stmtCacheConn) hashArgs(args []driver.NamedValue) (uint64, bool) {
	var h maphash.Hash
	h.SetSeed(c.seed)
	for _, a := range args {
		maphash.WriteComparable(&h, a.Ordinal)
		h.WriteString(a.Name)
		switch v := a.Value.(type) {
		case nil:
			h.WriteByte(0)
		case int64:
			h.WriteByte(1)
			maphash.WriteComparable(&h, v)
		case float64:
			h.WriteByte(2)
			maphash.WriteComparable(&h, v)
		case bool:
			h.WriteByte(3)
			maphash.WriteComparable(&h, v)
		case string:
			h.WriteByte(4)
			h.WriteString(v)
		case []byte:
			h.WriteByte(5)
			h.Write(v)
		case time.Time:
			h.WriteByte(6)
			maphash.WriteComparable(&h, v.UnixNano())
			h.WriteString(v.Location().String())
		default:
			return 0, false
		}
	}
	return h.Sum64(), true
}

// done releases cs after its call or its rows.
func (c *stmtCacheConn) done(cs *cachedStmt) {
	cs.busy = false
	if cs.evicted {
		_ = cs.stmt.Close()
	}
}

func (c *stmtCacheConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	cs := c.stmt(ctx, query, args)
	if cs == nil {
		return c.execer.ExecContext(ctx, query, args)
	}
	defer c.done(cs)
	return cs.stmt.(driver.StmtExecContext).ExecContext(ctx, args)
}

func (c *stmtCacheConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	cs := c.stmt(ctx, query, args)
	if cs == nil {
		return c.queryer.QueryContext(ctx, query, args)
	}
	rows, err := cs.stmt.(driver.StmtQueryContext).QueryContext(ctx, args)
	if err != nil {
		c.done(cs)
		return nil, err
	}
	return &cachedRows{Rows: rows, release: func() { c.done(cs) }}, nil
}

// cachedRows are a cached statement's rows: closing them frees the
// statement for its next call. They forward the column type interfaces of
// modernc.org/sqlite's rows.
type cachedRows struct {
	driver.Rows
	release func() // nil once called
}

func (r *cachedRows) Close() error {
	err := r.Rows.Close()
	if r.release != nil {
		r.release()
		r.release = nil
	}
	return err
}

func (r *cachedRows) ColumnTypeDatabaseTypeName(index int) string {
	if t, ok := r.Rows.(driver.RowsColumnTypeDatabaseTypeName); ok {
		return t.ColumnTypeDatabaseTypeName(index)
	}
	return ""
}

func (r *cachedRows) ColumnTypeLength(index int) (int64, bool) {
	if t, ok := r.Rows.(driver.RowsColumnTypeLength); ok {
		return t.ColumnTypeLength(index)
	}
	return 0, false
}

func (r *cachedRows) ColumnTypeNullable(index int) (nullable, ok bool) {
	if t, ok := r.Rows.(driver.RowsColumnTypeNullable); ok {
		return t.ColumnTypeNullable(index)
	}
	return false, false
}

func (r *cachedRows) ColumnTypePrecisionScale(index int) (precision, scale int64, ok bool) {
	if t, ok := r.Rows.(driver.RowsColumnTypePrecisionScale); ok {
		return t.ColumnTypePrecisionScale(index)
	}
	return 0, 0, false
}

func (r *cachedRows) ColumnTypeScanType(index int) reflect.Type {
	if t, ok := r.Rows.(driver.RowsColumnTypeScanType); ok {
		return t.ColumnTypeScanType(index)
	}
	return reflect.TypeFor[any]()
}
