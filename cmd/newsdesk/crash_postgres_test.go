package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"regexp"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/newsdesk/newsdesk/internal/store/postgres/pgtest"
)

// childEnv, when set to 1, turns the test binary into a newsdesk process
// that runs the command in its arguments after "--" until a signal, as the
// real binary would (see TestMain).
const childEnv = "NEWSDESK_CMD_CHILD"

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) == "1" {
		var args []string
		for i, a := range os.Args {
			if a == "--" {
				args = os.Args[i+1:]
				break
			}
		}
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		err := run(ctx, args, func(string) string { return "" }, os.Stdout, os.Stderr)
		stop()
		if err != nil {
			fmt.Fprintln(os.Stderr, "child:", err)
			os.Exit(3)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestKillAndRestartPostgres runs the demo on PostgreSQL in a child process,
// kills it with SIGKILL while articles are being stored and again once a
// story is briefed, and restarts it to completion: every corpus article
// stored once, all clustered, every story briefed. The restarts take the
// worker lock the dead process held and reclaim its running jobs at once
// (queue.ReclaimDead); without that they would wait for River's rescuer.
func TestKillAndRestartPostgres(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	dsn := pgtest.DSN(t)
	// A fixed newswire address, so that each life finds the feeds the
	// database subscribed to.
	args := []string{"demo", "--addr", "127.0.0.1:0", "--wire-addr", reusableAddr(t), "--database", dsn}

	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	count := func(query string) int {
		var n int
		if err := conn.QueryRow(ctx, query).Scan(&n); err != nil {
			return -1 // tables not created yet
		}
		return n
	}

	start := func() (*exec.Cmd, *syncBuffer) {
		var out syncBuffer
		cmd := exec.CommandContext(ctx, os.Args[0], append([]string{"-test.run=^$", "--"}, args...)...)
		cmd.Env = append(os.Environ(), childEnv+"=1")
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd, &out
	}
	killWhen := func(what string, cond func() bool) {
		t.Helper()
		cmd, out := start()
		for !cond() {
			if ctx.Err() != nil {
				cmd.Process.Kill()
				cmd.Wait()
				t.Fatalf("timed out waiting for %s\nchild output:\n%s", what, out)
			}
			time.Sleep(5 * time.Millisecond)
		}
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
	}
	killWhen("3 articles stored", func() bool { return count(`SELECT count(*) FROM articles`) >= 3 })
	killWhen("a story briefed", func() bool { return count(`SELECT count(*) FROM briefings`) >= 1 })

	cmd, out := start()
	errc := make(chan error, 1)
	go func() { errc <- cmd.Wait() }()
	waitFor(t, ctx, out, regexp.MustCompile(`the kept database holds \d+ articles in \d+ stories`), errc)
	cmd.Process.Signal(syscall.SIGTERM)
	if err := <-errc; err != nil {
		t.Errorf("last life exited with %v\noutput:\n%s", err, out)
	}

	for _, c := range []struct {
		what  string
		query string
		want  int
	}{
		{"articles", `SELECT count(*) FROM articles`, 84},
		{"unclustered articles", `SELECT count(*) FROM articles WHERE group_seq IS NULL`, 0},
		{"unbriefed stories", `SELECT count(*) FROM stories WHERE NOT briefed`, 0},
		{"stories without a briefing", `SELECT count(*) FROM stories s WHERE NOT EXISTS (SELECT 1 FROM briefings b WHERE b.story_id = s.id)`, 0},
	} {
		if got := count(c.query); got != c.want {
			t.Errorf("%s: %d, want %d", c.what, got, c.want)
		}
	}
}
