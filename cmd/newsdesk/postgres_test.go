package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/store/postgres"
	"github.com/newsdesk/newsdesk/internal/store/postgres/pgtest"
)

// TestDemoPostgres runs the whole demo ingest with --database, so the
// pipeline, its River jobs and the web server run on PostgreSQL: every
// bundled article stored, grouped into stories, and each story briefed
// with citations inside its articles' text.
func TestDemoPostgres(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	dsn := pgtest.DSN(t)
	var stdout, stderr syncBuffer
	runCtx, stop := context.WithCancel(ctx)
	errc := make(chan error, 1)
	go func() {
		errc <- run(runCtx, []string{"demo", "--addr", "127.0.0.1:0", "--database", dsn}, func(string) string { return "" }, &stdout, &stderr)
	}()
	defer func() {
		stop()
		if err := <-errc; err != nil {
			t.Errorf("demo exited with %v\nstderr:\n%s", err, stderr.String())
		}
	}()
	base := waitFor(t, ctx, &stdout, regexp.MustCompile(`open (http://\S+)`), errc)[1]
	m := waitFor(t, ctx, &stdout, regexp.MustCompile(`ingested (\d+) articles into (\d+) stories`), errc)
	// The bundled corpus: 84 articles (README), and the SQLite end-to-end
	// test's floor on stories.
	if n, _ := strconv.Atoi(m[1]); n != 84 {
		t.Errorf("ingested %d articles, want the corpus's 84", n)
	}
	var list struct {
		Stories []news.Story `json:"stories"`
	}
	getJSON(t, base+"/api/stories", &list)
	if len(list.Stories) < 12 {
		t.Fatalf("demo has %d stories, want at least 12", len(list.Stories))
	}
	texts := map[int64]string{}
	for _, s := range list.Stories {
		var b news.Briefing
		getJSON(t, fmt.Sprintf("%s/api/stories/%d", base, s.ID), &b)
		if len(b.Sections) == 0 {
			t.Errorf("story %d: briefing has no sections", s.ID)
		}
		for _, sec := range b.Sections {
			for _, it := range sec.Items {
				for _, c := range it.Citations {
					text, ok := texts[c.ArticleID]
					if !ok {
						var a news.Article
						getJSON(t, fmt.Sprintf("%s/api/articles/%d", base, c.ArticleID), &a)
						text, texts[c.ArticleID] = a.Text, a.Text
					}
					if c.Start < 0 || c.End > len(text) || c.Start >= c.End {
						t.Errorf("story %d: citation %+v outside article %d's %d bytes", s.ID, c, c.ArticleID, len(text))
					}
				}
			}
		}
	}
}

// TestSecondServePostgresRefused checks that a second `serve` on the same
// PostgreSQL database does not start its pipeline while the first runs: the
// clusterer's state is in memory, so two would number stories apart (see
// docs/postgres.md).
func TestSecondServePostgresRefused(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	dsn := pgtest.DSN(t)
	var stderr1 syncBuffer
	runCtx, stop := context.WithCancel(ctx)
	errc := make(chan error, 1)
	go func() {
		errc <- run(runCtx, []string{"serve", "--addr", "127.0.0.1:0", "--database", dsn}, func(string) string { return "" }, io.Discard, &stderr1)
	}()
	defer func() {
		stop()
		if err := <-errc; err != nil {
			t.Errorf("first serve exited with %v", err)
		}
	}()
	waitFor(t, ctx, &stderr1, regexp.MustCompile(`newsdesk is serving`), errc)
	var stderr2 bytes.Buffer
	err := run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--database", dsn}, func(string) string { return "" }, io.Discard, &stderr2)
	if !errors.Is(err, postgres.ErrLocked) {
		t.Errorf("second serve: err = %v, want ErrLocked", err)
	}
}
