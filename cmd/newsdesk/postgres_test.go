package main

import (
	"context"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/news"
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

// TestTwoServesPostgres checks that a second `serve` on the same PostgreSQL
// database runs beside the first as a follower (it polls and reads articles;
// grouping and briefing stay with the leader, whose clusterer is in memory,
// see docs/postgres.md), and takes the lead when the first stops.
func TestTwoServesPostgres(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	dsn := pgtest.DSN(t)
	serve := func(stderr *syncBuffer) (stop func() error, errc chan error) {
		runCtx, cancelRun := context.WithCancel(ctx)
		errc = make(chan error, 1)
		go func() {
			errc <- run(runCtx, []string{"serve", "--addr", "127.0.0.1:0", "--database", dsn}, func(string) string { return "" }, io.Discard, stderr)
		}()
		return func() error { cancelRun(); return <-errc }, errc
	}
	var stderr1, stderr2 syncBuffer
	stop1, errc1 := serve(&stderr1)
	waitFor(t, ctx, &stderr1, regexp.MustCompile(`newsdesk is serving`), errc1)
	waitFor(t, ctx, &stderr1, regexp.MustCompile(`leading`), errc1)
	stop2, errc2 := serve(&stderr2)
	defer func() {
		if err := stop2(); err != nil {
			t.Errorf("second serve exited with %v", err)
		}
	}()
	waitFor(t, ctx, &stderr2, regexp.MustCompile(`newsdesk is serving`), errc2)
	waitFor(t, ctx, &stderr2, regexp.MustCompile(`following`), errc2)
	if regexp.MustCompile(`leading`).MatchString(stderr2.String()) {
		t.Fatalf("second serve leads beside the first:\n%s", stderr2.String())
	}
	// Both name one instance, the database's, in their feeds: each drew
	// its own before, and took the other's feed for another desk's.
	logged := regexp.MustCompile(`msg="instance ID" id=(\S+) from=database`)
	id1, id2 := logged.FindStringSubmatch(stderr1.String()), logged.FindStringSubmatch(stderr2.String())
	if id1 == nil || id2 == nil || id1[1] != id2[1] {
		t.Errorf("instance IDs logged: %q and %q; want one, the database's", id1, id2)
	}
	if err := stop1(); err != nil {
		t.Errorf("first serve exited with %v", err)
	}
	waitFor(t, ctx, &stderr2, regexp.MustCompile(`leading`), errc2)
}
