// Command newsdesk reads the news and writes briefings you can trust.
//
// This package only wires newsdesk's internal packages together; see the
// README for the commands.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/newsdesk/newsdesk/internal/eval/clustereval"
	"github.com/newsdesk/newsdesk/internal/eval/extracteval"
	"github.com/newsdesk/newsdesk/internal/eval/quoteeval"
	"github.com/newsdesk/newsdesk/internal/eval/summeval"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	if err != nil {
		if !errors.Is(err, errUsage) {
			fmt.Fprintln(os.Stderr, "newsdesk:", err)
		}
		os.Exit(1)
	}
}

var errUsage = errors.New("usage")

const usage = `newsdesk reads the news and writes briefings you can trust.

Usage:
  newsdesk serve [--addr 127.0.0.1:8080] [--db PATH]
  newsdesk demo [--addr 127.0.0.1:8080]
  newsdesk sources add URL | import FILE.opml | export | list | remove ID
  newsdesk brief [--format md|html|json] URL|FILE...
  newsdesk eval extract|cluster|quotes|summarize|timeline|background [flags]
`

// run is newsdesk's real main: everything it needs comes in as arguments,
// so tests can call it.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return errUsage
	}
	switch cmd, rest := args[0], args[1:]; cmd {
	case "eval":
		return runEval(ctx, rest, stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	default:
		fmt.Fprintf(stderr, "newsdesk: unknown command %q\n\n%s", cmd, usage)
		return errUsage
	}
}

func runEval(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, "usage: newsdesk eval extract|cluster|quotes|summarize|timeline|background [flags]\n")
		return errUsage
	}
	evals := map[string]func(context.Context, []string, io.Writer, io.Writer) error{
		"extract":    extracteval.Run,
		"cluster":    clustereval.Run,
		"quotes":     quoteeval.Run,
		"summarize":  summeval.RunSummarize,
		"timeline":   summeval.RunTimeline,
		"background": summeval.RunBackground,
	}
	f, ok := evals[args[0]]
	if !ok {
		return fmt.Errorf("unknown evaluation %q", args[0])
	}
	return f(ctx, args[1:], stdout, stderr)
}
