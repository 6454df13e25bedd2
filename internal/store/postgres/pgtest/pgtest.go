// Package pgtest gives tests a PostgreSQL database of their own: a fresh
// schema on the server NEWSDESK_TEST_POSTGRES names, dropped when the test
// ends, so tests run in parallel without seeing each other's rows.
package pgtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// EnvDSN is the variable that names the test server, for example
// postgres://postgres@127.0.0.1:5432/test?sslmode=disable.
const EnvDSN = "NEWSDESK_TEST_POSTGRES"

// ServerDSN returns the test server's DSN. Without one the test is skipped,
// except in CI (CI=true), where it fails: CI must not pass by skipping the
// PostgreSQL back end.
func ServerDSN(t testing.TB) string {
	t.Helper()
	dsn := os.Getenv(EnvDSN)
	if dsn == "" {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not set: CI must test the PostgreSQL back end (make check sets it)", EnvDSN)
		}
		t.Skipf("%s is not set; `make check` sets it to the local server", EnvDSN)
	}
	return dsn
}

// DSN creates a schema for this test and returns a DSN whose search_path is
// that schema. The schema is dropped, with everything in it, at cleanup.
func DSN(t testing.TB) string {
	t.Helper()
	server := ServerDSN(t)
	u, err := url.Parse(server)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		t.Fatalf("%s: want a postgres:// URL", EnvDSN)
	}
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		t.Fatal(err)
	}
	schema := "newsdesk_test_" + hex.EncodeToString(b[:])
	exec(t, server, `CREATE SCHEMA `+schema)
	t.Cleanup(func() { exec(t, server, `DROP SCHEMA IF EXISTS `+schema+` CASCADE`) })
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// exec runs one statement on a connection of its own.
func exec(t testing.TB, dsn, sql string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatalf("connect to the test server: %v", err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, sql); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}

// EndLockSession ends the session that holds the worker lock of db's
// schema, as a server restart, a broken connection or an administrator
// would. The lock's key is (0x6e640002, hashtext(schema)): see
// postgres.Store.TryLockWorker.
func EndLockSession(t testing.TB, ctx context.Context, db *sql.DB) {
	t.Helper()
	res, err := db.ExecContext(ctx, `SELECT pg_terminate_backend(pid) FROM pg_locks
		WHERE locktype = 'advisory' AND classid = x'6e640002'::int::oid
		AND objid::bigint = hashtext(current_schema())::bigint & 4294967295`)
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		t.Fatalf("ended %d lock sessions, want 1", n)
	}
}
