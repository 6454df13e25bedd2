package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"text/tabwriter"
	"time"

	"github.com/newsdesk/newsdesk/internal/config"
	"github.com/newsdesk/newsdesk/internal/feed"
	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/pipeline"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/web"
)

const sourcesUsage = `usage: newsdesk sources [--db PATH | --database URL] COMMAND
  add [--page] [--name NAME] [--lang LANG] [--category CAT] [--interval 30m] URL
                        subscribe to a feed (or, with --page, one article URL);
                        --interval polls it at its own interval, not the server's
  import FILE.opml      subscribe to every feed of an OPML list
  export                print the subscriptions as OPML
  list                  show the subscriptions and their status
  set ID [--name NAME] [--lang LANG] [--category CAT] [--interval 30m]
                        change a source: the flags given, checked as add checks
                        them; an empty value clears one ("" or 0 --interval:
                        the server's), and a new interval moves the next poll
  remove ID             unsubscribe
`

func runSources(ctx context.Context, args []string, env environment) error {
	fs := newFlagSet("sources", env.stderr, sourcesUsage)
	cfg := env.cfg
	fs.StringVar(&cfg.DBPath, "db", cfg.DBPath, "SQLite database `path`")
	fs.StringVar(&cfg.Database, "database", cfg.Database, "PostgreSQL `URL` to use instead of the SQLite file")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usageError(env.stderr, sourcesUsage)
	}

	// The command and its arguments are checked before the database is
	// opened, so that a mistake neither creates a database nor migrates one.
	cmd, rest := fs.Arg(0), fs.Args()[1:]
	var do func(st store.Store) error
	creates := false // the command may make a new database
	if cmd == "import" || cmd == "export" || cmd == "list" || cmd == "remove" {
		// These take no flags, but -h must still show the
		// usage rather than be read as a file name or an ID, and a mistyped
		// flag must not reach the database.
		sub := newFlagSet("sources "+cmd, env.stderr, sourcesUsage)
		if err := parseFlags(sub, rest); err != nil {
			return err
		}
		rest = sub.Args()
	}
	switch cmd {
	case "add":
		src, err := parseSourcesAdd(rest, env)
		if err != nil {
			return err
		}
		// The server's own site, as its configuration names it: the
		// public URL and the listen address (NEWSDESK_BASE_URL,
		// NEWSDESK_ADDR). A server started with other flags is caught
		// at its first poll of the feed, by its instance ID.
		if err := web.CheckNotOwnSite(src.URL, cfg.BaseURL, cfg.Addr); err != nil {
			return fmt.Errorf("source %q: %w", src.URL, err)
		}
		creates = true
		do = func(st store.Store) error { return sourcesAdd(ctx, st, src, env) }
	case "import":
		if len(rest) != 1 {
			return argsError(env.stderr, sourcesUsage, "sources import", "want one OPML file, got %d arguments", len(rest))
		}
		srcs, err := readOPML(rest[0])
		if err != nil {
			return err
		}
		creates = true
		own := []string{cfg.BaseURL, cfg.Addr}
		do = func(st store.Store) error { return sourcesImport(ctx, st, rest[0], srcs, own, env) }
	case "export":
		do = func(st store.Store) error {
			srcs, err := st.Sources(ctx)
			if err != nil {
				return fmt.Errorf("export: %w", err)
			}
			if err := feed.WriteOPML(env.stdout, web.OPMLTitle, srcs); err != nil {
				return err
			}
			// OPML lists feeds: say which subscriptions the list leaves out,
			// or a backup made with export would lose them unnoticed.
			for _, s := range srcs {
				if s.Kind == news.SourcePage {
					fmt.Fprintf(env.stderr, "newsdesk: export: left out page source %d, %s: an OPML list holds feeds only\n", s.ID, s.URL)
				}
			}
			return nil
		}
	case "list":
		do = func(st store.Store) error {
			srcs, err := st.Sources(ctx)
			if err != nil {
				return fmt.Errorf("list sources: %w", err)
			}
			return printSources(env.stdout, srcs)
		}
	case "set":
		id, edit, err := parseSourcesSet(rest, env)
		if err != nil {
			return err
		}
		do = func(st store.Store) error { return sourcesSet(ctx, st, id, edit, cfg, env) }
	case "remove":
		if len(rest) != 1 {
			return argsError(env.stderr, sourcesUsage, "sources remove", "want one source ID (see newsdesk sources list), got %d arguments", len(rest))
		}
		id, err := strconv.ParseInt(rest[0], 10, 64)
		if err != nil {
			return fmt.Errorf("source ID %q is not a number", rest[0])
		}
		do = func(st store.Store) error {
			if err := st.DeleteSource(ctx, id); err != nil {
				if errors.Is(err, store.ErrNotFound) {
					return fmt.Errorf("no source with ID %d", id)
				}
				return fmt.Errorf("remove source %d: %w", id, err)
			}
			fmt.Fprintf(env.stdout, "removed source %d\n", id)
			return nil
		}
	default:
		fmt.Fprintf(env.stderr, "newsdesk sources: unknown command %q\n\n", cmd)
		return usageError(env.stderr, sourcesUsage)
	}
	if !creates {
		// A mistyped --db would list no sources, as if the real database
		// had none.
		if err := requireDB(cfg, `, or subscribe with "newsdesk sources add" to create it`); err != nil {
			return err
		}
	}
	st, err := openStore(ctx, cfg, env.logger)
	if err != nil {
		return err
	}
	defer st.Close()
	return do(st)
}

// sourcesReadd answers "sources add" of a URL already subscribed. A page
// that could not be read is what a person adding it again means to have
// read: the store retries it as POST /api/sources does (ReaddSource: its
// failed article deleted, the page made new), and a running server reads
// it at its scheduler's next look. Anything else is refused as already
// subscribed.
func sourcesReadd(ctx context.Context, st store.Store, src news.Source, env environment) error {
	subscribed := fmt.Errorf("already subscribed to %s", src.URL)
	held, retried, err := st.ReaddSource(ctx, src.URL, time.Now().UTC())
	switch {
	case errors.Is(err, store.ErrNotFound):
		// Removed since the store refused it: it was subscribed then.
		return subscribed
	case err != nil:
		return err
	case !retried:
		return subscribed
	}
	fmt.Fprintf(env.stdout, "source %d, a page, could not be read: queued to be read again; a running server reads it at its next pass\n",
		held.ID)
	return nil
}

// parseSourcesAdd reads the arguments of "sources add" into the source to
// add.
func parseSourcesAdd(args []string, env environment) (news.Source, error) {
	fs := newFlagSet("sources add", env.stderr, sourcesUsage)
	page := fs.Bool("page", false, "the URL is one article, not a feed")
	name := fs.String("name", "", "display `name` (default: the feed's own title)")
	lang := fs.String("lang", "", "language hint, e.g. en or es")
	category := fs.String("category", "", "category hint")
	every := fs.String("interval", "", "the feed's own poll `interval`, 1m to 168h (default: the server's --poll-interval)")
	if err := parseFlags(fs, args); err != nil {
		return news.Source{}, err
	}
	if fs.NArg() == 0 {
		return news.Source{}, argsError(env.stderr, sourcesUsage, "sources add", "missing the URL of the feed or page to subscribe to")
	}
	// The URL may come first, as in "add URL --name X": the flags after it.
	raw := fs.Arg(0)
	if err := parseFlags(fs, fs.Args()[1:]); err != nil {
		return news.Source{}, err
	}
	if fs.NArg() != 0 {
		return news.Source{}, argsError(env.stderr, sourcesUsage, "sources add", "one URL at a time: %q is a second argument", fs.Arg(0))
	}
	return newSource(raw, *page, *name, *lang, *category, *every)
}

func sourcesAdd(ctx context.Context, st store.Store, src news.Source, env environment) error {
	// The store finds the feed under any spelling (see store.Store.AddSource).
	added, err := st.AddSource(ctx, src)
	if err != nil {
		if errors.Is(err, store.ErrDuplicate) {
			return sourcesReadd(ctx, st, src, env)
		}
		return fmt.Errorf("add source %s: %w", src.URL, err)
	}
	if added.PollInterval > 0 {
		fmt.Fprintf(env.stdout, "added source %d: %s, polled every %s\n", added.ID, added.URL, news.FormatDuration(added.PollInterval))
		return nil
	}
	fmt.Fprintf(env.stdout, "added source %d: %s\n", added.ID, added.URL)
	return nil
}

// newSource validates a source given by the user and builds it. It applies
// the API's rules, so a subscription the API would refuse (a password in
// the URL, which GET /api/sources would show anyone) cannot come in by the
// command line either, and the URL is stored in the same canonical form.
func newSource(raw string, page bool, name, lang, category, every string) (news.Source, error) {
	kind := news.SourceFeed
	if page {
		kind = news.SourcePage
	}
	src, err := web.SourceRequest{URL: raw, Name: name, Kind: string(kind), Lang: lang, Category: category, PollInterval: every}.Source()
	if err != nil {
		return news.Source{}, fmt.Errorf("source %q: %w", raw, err)
	}
	return src, nil
}

// parseSourcesSet reads the arguments of "sources set": the ID, before or
// after the flags, and the edit the flags given make. The values are
// checked here, as a feed's, so that a mistake does not open the
// database; a page's refusal of an interval needs the source.
func parseSourcesSet(args []string, env environment) (int64, web.SourceEdit, error) {
	fs := newFlagSet("sources set", env.stderr, sourcesUsage)
	var e web.SourceEdit
	fs.Func("name", "display `name`; empty: the feed's own title again", func(v string) error { e.Name = &v; return nil })
	fs.Func("lang", "language hint, e.g. en or es; empty: none", func(v string) error { e.Lang = &v; return nil })
	fs.Func("category", "category hint; empty: none", func(v string) error { e.Category = &v; return nil })
	fs.Func("interval", "the feed's own poll `interval`, 1m to 168h; empty or 0: the server's --poll-interval",
		func(v string) error { e.PollInterval = &v; return nil })
	if err := parseFlags(fs, args); err != nil {
		return 0, e, err
	}
	if fs.NArg() >= 1 {
		// The ID may come first, as in "set 3 --name X": the flags after it.
		idArg := fs.Arg(0)
		if err := parseFlags(fs, fs.Args()[1:]); err != nil {
			return 0, e, err
		}
		if fs.NArg() != 0 {
			return 0, e, argsError(env.stderr, sourcesUsage, "sources set", "one source ID at a time: %q is a second argument", fs.Arg(0))
		}
		id, err := strconv.ParseInt(idArg, 10, 64)
		if err != nil || id <= 0 {
			return 0, e, fmt.Errorf("source ID %q is not a number", idArg)
		}
		if e == (web.SourceEdit{}) {
			return 0, e, fmt.Errorf("sources set %d: nothing to change: give --name, --lang, --category or --interval", id)
		}
		if err := e.Apply(&news.Source{Kind: news.SourceFeed}, time.Time{}, nil); err != nil {
			return 0, e, fmt.Errorf("sources set %d: %w", id, err)
		}
		return id, e, nil
	}
	return 0, e, argsError(env.stderr, sourcesUsage, "sources set", "missing the ID of the source to change (see newsdesk sources list)")
}

// sourcesSet applies edit to source id as PATCH /api/sources/{id} does,
// in the store's one transaction (store.SourceEditor), its next poll
// moved by the schedule of cfg's poll interval: the server's, if it runs
// with the same configuration.
func sourcesSet(ctx context.Context, st store.Store, id int64, edit web.SourceEdit, cfg config.Config, env environment) error {
	pcfg := pipeline.DefaultConfig()
	if cfg.PollInterval > 0 {
		pcfg.PollInterval = cfg.PollInterval
	}
	var refused error
	src, err := st.EditSource(ctx, id, func(cur *news.Source) error {
		refused = edit.Apply(cur, time.Now().UTC(), pcfg.Schedule)
		return refused
	})
	switch {
	case refused != nil:
		return fmt.Errorf("sources set %d: %w", id, refused)
	case errors.Is(err, store.ErrNotFound):
		return fmt.Errorf("no source with ID %d", id)
	case err != nil:
		return fmt.Errorf("set source %d: %w", id, err)
	}
	fmt.Fprintf(env.stdout, "updated source %d: %s\n", src.ID, src.URL)
	if err := printSources(env.stdout, []news.Source{src}); err != nil {
		return err
	}
	if src.Kind == news.SourceFeed && !src.NextPollAt.IsZero() {
		fmt.Fprintf(env.stdout, "next poll %s\n", src.NextPollAt.UTC().Format("2006-01-02 15:04 UTC"))
	}
	return nil
}

// readOPML reads the outlines of the OPML file at path.
func readOPML(path string) ([]news.Source, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("import: %w", err)
	}
	defer f.Close()
	srcs, err := feed.ParseOPML(f)
	if err != nil {
		return nil, fmt.Errorf("import %s: %w", path, err)
	}
	return srcs, nil
}

// sourcesImport subscribes st to srcs, the outlines of the OPML file at
// path.
func sourcesImport(ctx context.Context, st store.Store, path string, srcs []news.Source, own []string, env environment) error {
	// The store finds a feed already subscribed under any spelling, older
	// rows included (see store.Store.AddSource): an indexed lookup per
	// outline.
	var added, skipped, invalid int
	for _, o := range srcs {
		// An OPML file is as untrusted as any other input: an outline whose
		// feed URL fails the checks `sources add` makes is reported and left
		// out rather than failing the whole list; a bad label is repaired.
		s, warns, err := web.ImportSource(o)
		if err == nil {
			// The server's own site (see "add").
			err = web.CheckNotOwnSite(s.URL, own...)
		}
		if err != nil {
			fmt.Fprintf(env.stderr, "newsdesk: import %s: skipped source %q: %v\n", path, o.URL, err)
			invalid++
			continue
		}
		for _, w := range warns {
			fmt.Fprintf(env.stderr, "newsdesk: import %s: source %s: %s\n", path, s.URL, w)
		}
		if _, err := st.AddSource(ctx, s); err != nil {
			if errors.Is(err, store.ErrDuplicate) {
				skipped++
				continue
			}
			return fmt.Errorf("import %s: add %s: %w", path, s.URL, err)
		}
		added++
	}
	fmt.Fprintf(env.stdout, "imported %d sources (%d already subscribed, %d invalid)\n", added, skipped, invalid)
	return nil
}

func printSources(w io.Writer, srcs []news.Source) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tKIND\tNAME\tSTATUS\tARTICLES\tLAST POLL\tURL")
	for _, s := range srcs {
		last := "never"
		if !s.LastPolledAt.IsZero() {
			// In UTC, said so, as the sources page shows it: a time without
			// its zone reads as the reader's own.
			last = s.LastPolledAt.UTC().Format("2006-01-02 15:04 UTC")
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%d\t%s\t%s\n", s.ID, s.Kind, s.Name, s.Status, s.ArticleCount, last, s.URL)
		if s.PollInterval > 0 {
			// Under the URL, as the error is (see below).
			fmt.Fprintf(tw, "\t\t\t\t\t\tpolled every %s, its own interval\n", news.FormatDuration(s.PollInterval))
		}
		if s.LastError != "" {
			// Under the URL, as its line's last cell, which tabwriter
			// leaves out of the columns: in the status column it widened
			// that column on every row to the error's length.
			fmt.Fprintf(tw, "\t\t\t\t\t\terror: %s\n", s.LastError)
		}
	}
	return tw.Flush()
}

// newFlagSet returns a flag set that reports errors instead of exiting.
func newFlagSet(name string, stderr io.Writer, usage string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, usage)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args into fs. The flag package has already shown the
// problem and the usage on stderr, so a bad flag comes back as errUsage,
// which main does not print a second time, and -h as flag.ErrHelp, which
// run turns into success.
func parseFlags(fs *flag.FlagSet, args []string) error {
	err := fs.Parse(args)
	if err == nil || errors.Is(err, flag.ErrHelp) {
		return err
	}
	return fmt.Errorf("%w: %w", errUsage, err)
}

func usageError(stderr io.Writer, usage string) error {
	fmt.Fprint(stderr, usage)
	return errUsage
}

// argsError says what is wrong with a command's arguments before its
// usage: the usage alone leaves the user to find the mistake.
func argsError(stderr io.Writer, usage, cmd, format string, args ...any) error {
	fmt.Fprintf(stderr, "newsdesk %s: %s\n\n", cmd, fmt.Sprintf(format, args...))
	return usageError(stderr, usage)
}
