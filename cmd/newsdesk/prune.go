package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/newsdesk/newsdesk/internal/config"
	"github.com/newsdesk/newsdesk/internal/pipeline"
	"github.com/newsdesk/newsdesk/internal/store"
)

const pruneUsage = `usage: newsdesk prune [--db PATH | --database URL] --older-than DURATION [--dry-run]
Removes the stories whose newest article is older than DURATION (180d,
4320h; at least 30d), with their articles, briefings and search index rows,
and prints what it removed, or with --dry-run what it would remove. Sources
are kept, and the removed articles' URLs are remembered so that a poll does
not fetch them again.
`

func runPrune(ctx context.Context, args []string, env environment) error {
	fs := newFlagSet("prune", env.stderr, pruneUsage)
	cfg := env.cfg
	fs.StringVar(&cfg.DBPath, "db", cfg.DBPath, "SQLite database `path`")
	fs.StringVar(&cfg.Database, "database", cfg.Database, "PostgreSQL `URL` to use instead of the SQLite file")
	olderThan := fs.String("older-than", "", "remove stories whose newest article is older than this `duration` (180d, 4320h; at least 30d)")
	dry := fs.Bool("dry-run", false, "print what would be removed, and remove nothing")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return argsError(env.stderr, pruneUsage, "prune", "unexpected argument %q", fs.Arg(0))
	}
	if *olderThan == "" {
		return argsError(env.stderr, pruneUsage, "prune", "--older-than is required")
	}
	d, err := config.ParseRetention(*olderThan)
	if err != nil {
		return err
	}
	if err := config.CheckRetention(d); err != nil {
		return fmt.Errorf("--older-than %w", err)
	}
	// A mistyped --db must not prune an empty new database and report
	// nothing to remove.
	if err := requireDB(cfg, ""); err != nil {
		return err
	}
	st, err := openStore(ctx, cfg, env.logger)
	if err != nil {
		return err
	}
	defer st.Close()
	cutoff := time.Now().UTC().Add(-d)
	res, err := st.Prune(ctx, pipeline.PruneOptions(cutoff, *dry))
	printPrune(env.stdout, cutoff, *dry, res)
	return err
}

func printPrune(w io.Writer, cutoff time.Time, dry bool, r store.PruneResult) {
	verb := "removed"
	if dry {
		verb = "would remove"
	}
	fmt.Fprintf(w, "%s %d stories (newest article before %s), %d articles, %d briefings; %d threads left without a story; %d articles set aside by the clusterer (in no story) before the same time\n",
		verb, r.Stories, cutoff.Format(time.RFC3339), r.Articles, r.Briefings, r.Threads, r.SetAside)
	if !dry {
		fmt.Fprintf(w, "marked %d kept stories to be briefed again (their briefings named what was removed)\n", r.Restaled)
	}
}
