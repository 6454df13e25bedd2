// Command newsdesk reads the news and writes briefings you can trust.
//
// This package only wires newsdesk's internal packages together; see the
// README for the commands.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"slices"
	"strconv"
	"strings"
	"syscall"

	"github.com/newsdesk/newsdesk/internal/config"
	"github.com/newsdesk/newsdesk/internal/eval"
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
  newsdesk serve [--addr 127.0.0.1:8080] [--base-url URL] [--db PATH | --database URL]
  newsdesk demo [--addr 127.0.0.1:8080] [--base-url URL] [--db PATH | --database URL] [--wire-addr ADDR]
  newsdesk sources [--db PATH | --database URL] add URL | set ID | import FILE.opml | export | list | remove ID
  newsdesk prune [--db PATH | --database URL] --older-than 180d [--dry-run]
  newsdesk brief [--format md|html|json] [--translator T] [--allow-private] URL|FILE...
  newsdesk eval extract|cluster|quotes|summarize|timeline|background [flags]

Run "newsdesk help COMMAND" (or "newsdesk COMMAND -h") for a command's flags.
`

// environment is what every command gets from run: the configuration with
// its defaults and environment overrides applied, the output streams and
// the logger.
type environment struct {
	cfg config.Config
	// cfgErr is what configFromEnv could not read; the commands that run
	// with cfg report it with cfg's own faults.
	cfgErr error
	getenv func(string) string
	stdout io.Writer
	stderr io.Writer
	logger *slog.Logger
}

// run is newsdesk's real main: everything it needs comes in as arguments,
// so tests can call it.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return errUsage
	}
	err := dispatch(ctx, args, getenv, stdout, stderr)
	if errors.Is(err, flag.ErrHelp) {
		// The usage asked for is on stderr already; asking is no failure.
		return nil
	}
	return err
}

// helpFor shows the usage of the command args names (and of its
// subcommand, as "help sources add" does), as that command's -h does.
func helpFor(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if command(args[0]) == nil {
		fmt.Fprintf(stderr, "newsdesk help: unknown command %q\n\n%s", args[0], usage)
		return errUsage
	}
	return dispatch(ctx, append(slices.Clone(args), "-h"), getenv, stdout, stderr)
}

// commandFunc runs a command with the arguments after its name.
type commandFunc func(ctx context.Context, args []string, env environment) error

// commands is the one list of commands, by name: dispatch runs them,
// helpFor checks a name against them, and TestUsageListsCommands holds
// usage to them.
func commands() map[string]commandFunc {
	return map[string]commandFunc{
		"serve":   runServe,
		"demo":    runDemo,
		"sources": runSources,
		"brief":   runBrief,
		"prune":   runPrune,
		"eval": func(ctx context.Context, args []string, env environment) error {
			return runEval(ctx, args, env.stdout, env.stderr)
		},
	}
}

// command returns the function that runs the command name, nil for no
// command.
func command(name string) commandFunc { return commands()[name] }

func dispatch(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cfg, cfgErr := configFromEnv(getenv)
	env := environment{
		cfg:    cfg,
		cfgErr: cfgErr,
		getenv: getenv,
		stdout: stdout,
		stderr: stderr,
		logger: newLogger(stderr, getenv("NEWSDESK_LOG_LEVEL")),
	}
	cmd, rest := args[0], args[1:]
	if fn := command(cmd); fn != nil {
		return fn(ctx, rest, env)
	}
	switch cmd {
	case "help", "-h", "--help":
		if len(rest) > 0 && cmd == "help" {
			// "newsdesk help brief" is read as "newsdesk brief -h", as
			// "go help build" is: printing the general usage instead left
			// the user without the flags they asked for.
			return helpFor(ctx, rest, getenv, stdout, stderr)
		}
		fmt.Fprint(stdout, usage)
		return nil
	default:
		fmt.Fprintf(stderr, "newsdesk: unknown command %q\n\n%s", cmd, usage)
		return errUsage
	}
}

// configFromEnv applies the NEWSDESK_* environment variables to the
// defaults; flags then override both. A variable it cannot parse leaves
// its default and is reported in the error.
func configFromEnv(getenv func(string) string) (config.Config, error) {
	cfg := config.Default()
	if v := getenv("NEWSDESK_DB"); v != "" {
		cfg.DBPath = v
	}
	cfg.Database = getenv("NEWSDESK_DATABASE_URL")
	if v := getenv("NEWSDESK_ADDR"); v != "" {
		cfg.Addr = v
	}
	// The server trims the token a client sends, so the configured one is
	// trimmed alike: a token kept in a file and read with its newline would
	// otherwise never match.
	cfg.APIToken = strings.TrimSpace(getenv("NEWSDESK_API_TOKEN"))
	cfg.BaseURL = getenv("NEWSDESK_BASE_URL")
	cfg.InstanceID = strings.TrimSpace(getenv("NEWSDESK_INSTANCE_ID"))
	cfg.Translator = getenv("NEWSDESK_TRANSLATOR")
	if v := getenv("NEWSDESK_DESK_LANG"); v != "" {
		cfg.DeskLang = v
	}
	cfg.WriterURL = getenv("NEWSDESK_WRITER_URL")
	cfg.WriterModel = getenv("NEWSDESK_WRITER_MODEL")
	var err error
	if v := getenv("NEWSDESK_SUMMARY_WORDS"); v != "" {
		n, perr := strconv.Atoi(v)
		if perr != nil {
			err = fmt.Errorf("parse NEWSDESK_SUMMARY_WORDS %q: want a whole number of words", v)
		} else {
			cfg.SummaryWords = n
		}
	}
	if v := getenv("NEWSDESK_RETENTION"); v != "" {
		d, perr := config.ParseRetention(v)
		if perr != nil {
			err = errors.Join(err, fmt.Errorf("parse NEWSDESK_RETENTION: %w", perr))
		} else {
			cfg.Retention = d
		}
	}
	return cfg, err
}

// validate reports what the environment could not set and every setting
// of cfg that cannot work, for a command about to run with cfg.
func (e environment) validate(cfg config.Config) error {
	if err := errors.Join(e.cfgErr, cfg.Validate()); err != nil {
		return fmt.Errorf("configuration: %w", err)
	}
	return nil
}

func newLogger(w io.Writer, level string) *slog.Logger {
	var l slog.Level
	if err := l.UnmarshalText([]byte(level)); err != nil || level == "" {
		l = slog.LevelInfo
	}
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: l}))
}

const evalUsage = `usage: newsdesk eval extract|cluster|quotes|summarize|timeline|background [flags]
Run "newsdesk eval NAME -h" for an evaluation's flags.
`

func runEval(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	switch {
	case len(args) == 0:
		fmt.Fprint(stderr, evalUsage)
		return errUsage
	case args[0] == "-h" || args[0] == "-help" || args[0] == "--help" || args[0] == "help":
		// As for the other commands: the usage on stderr, and success.
		fmt.Fprint(stderr, evalUsage)
		return flag.ErrHelp
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
	err := f(ctx, args[1:], stdout, stderr)
	if errors.Is(err, eval.ErrUsage) {
		// The flag set has shown the error and the usage already.
		return fmt.Errorf("%w: %w", errUsage, err)
	}
	return err
}
