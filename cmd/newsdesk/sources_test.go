package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/store/postgres/pgtest"
	"github.com/newsdesk/newsdesk/internal/store/sqlite"
)

// TestSourcesCommands runs "newsdesk sources" subcommands in order on one
// database, as a user would, checking each one's output or error, on each
// back end.
func TestSourcesCommands(t *testing.T) {
	t.Parallel()
	backends := []struct {
		name  string
		flags func(t *testing.T) []string
	}{
		{"sqlite", func(t *testing.T) []string { return []string{"--db", filepath.Join(t.TempDir(), "sources.db")} }},
		{"postgres", func(t *testing.T) []string { return []string{"--database", pgtest.DSN(t)} }},
	}
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			t.Parallel()
			testSourcesCommands(t, b.flags(t))
		})
	}
}

func testSourcesCommands(t *testing.T, dbFlags []string) {
	opml := filepath.Join("testdata", "subscriptions.opml")
	steps := []struct {
		args       []string
		want       []string // in stdout, in this order
		wantStderr []string // in stderr
		wantErr    string   // in the error; "usage" for errUsage
		notWant    []string // not in stdout
	}{
		{args: []string{"add", "--name", "Gazette", "--category", "local", "https://gazette.example/local.xml#top"},
			want: []string{"added source 1: https://gazette.example/local.xml\n"}},
		{args: []string{"add", "https://gazette.example/local.xml"}, wantErr: "already subscribed to https://gazette.example/local.xml"},
		// Spellings RFC 3986 section 6.2.2 makes one URL (dogfood round 8).
		{args: []string{"add", "https://gazette.example/./local.xml"}, wantErr: "already subscribed to https://gazette.example/local.xml"},
		{args: []string{"add", "https://gazette.example/x/../local.xml"}, wantErr: "already subscribed to https://gazette.example/local.xml"},
		{args: []string{"add", "https://gazette.example/%6Cocal.xml"}, wantErr: "already subscribed to https://gazette.example/local.xml"},
		{args: []string{"add", "ftp://gazette.example/x"}, wantErr: `source "ftp://gazette.example/x": url must start with http:// or https://`},
		// GET /api/sources shows every URL to anyone: no passwords in them.
		{args: []string{"add", "https://reader:hunter2@gazette.example/x"}, wantErr: "url must not contain a user name or password"},
		{args: []string{"add", "--lang", "not a language", "https://gazette.example/es.xml"}, wantErr: "lang must be a BCP 47 language tag"},
		{args: []string{"add", "--page", "https://wire.example/2026/story"}, want: []string{"added source 2: "}},
		{args: []string{"import", opml}, want: []string{"imported 2 sources (0 already subscribed, 0 invalid)\n"}},
		{args: []string{"import", opml}, want: []string{"imported 0 sources (2 already subscribed, 0 invalid)\n"}},
		// An OPML list is checked like `add`: bad outlines are reported and
		// left out, and a feed written another way is already subscribed.
		{args: []string{"import", filepath.Join("testdata", "untrusted.opml")},
			want: []string{"imported 1 sources (1 already subscribed, 2 invalid)\n"},
			wantStderr: []string{
				`skipped source "javascript:alert(1)": url must start with http:// or https://`,
				`skipped source "https://reader:hunter2@private.example/feed.xml": url must not contain a user name or password`,
			}},
		// Lists from other readers carry multi-line titles, long folder
		// paths, languages written out and odd home pages: the feeds are
		// kept, the labels repaired or dropped with a warning each.
		{args: []string{"import", filepath.Join("testdata", "labels.opml")},
			want: []string{"imported 3 sources (0 already subscribed, 0 invalid)\n"},
			wantStderr: []string{
				`source https://evening.example/rss.xml: name: made one line of printable text`,
				`source https://evening.example/rss.xml: category: cut to 64 bytes`,
				`source https://evening.example/rss.xml: dropped home page "javascript:alert(1)"`,
				`source https://evora.example/feed.xml: name: cut to 200 bytes`,
				`source https://evora.example/feed.xml: dropped home page "https://reader:hunter2@evora.example/"`,
				`source https://courier.example/atom.xml: dropped lang "English"`,
			}},
		{args: []string{"import", "testdata/missing.opml"}, wantErr: "import: open testdata/missing.opml"},
		{args: []string{"list"}, want: []string{
			"ID", "URL\n",
			"1", "feed", "Gazette", "new", "never", "https://gazette.example/local.xml\n",
			"2", "page", "https://wire.example/2026/story\n",
			"3", "feed", "Harbor Gazette", "https://gazette.example/rss.xml\n",
			"4", "feed", "Valley Wire", "https://wire.example/feed.json\n",
			"5", "feed", "Coast Radio", "https://radio.example/news.rss\n",
			"6", "feed", "Harbor Evening Post", "https://evening.example/rss.xml\n",
			"7", "feed", "An Évora Évora", "https://evora.example/feed.xml\n",
			"8", "feed", "Plains Courier", "https://courier.example/atom.xml\n",
		}},
		{args: []string{"add", "--interval", "30m", "https://slow.example/feed.xml"},
			want: []string{"added source 9: https://slow.example/feed.xml, polled every 30 minutes\n"}},
		{args: []string{"add", "--interval", "30s", "https://fast.example/feed.xml"}, wantErr: `source "https://fast.example/feed.xml": poll_interval must be at least 1 minute`},
		{args: []string{"add", "--interval", "often", "https://fast.example/feed.xml"}, wantErr: `poll_interval must be a duration such as "30m" or "2h", got "often"`},
		{args: []string{"add", "--page", "--interval", "1h", "https://wire.example/2026/other"}, wantErr: "poll_interval is for feeds: a page is read once"},
		{args: []string{"list"}, want: []string{"9", "https://slow.example/feed.xml\n", "polled every 30 minutes, its own interval\n"}},
		// set edits a source in place, checked as add checks it.
		{args: []string{"set", "9", "--interval", "2h", "--category", "slow"},
			want: []string{"updated source 9: https://slow.example/feed.xml\n", "polled every 2 hours, its own interval\n"}},
		{args: []string{"set", "--name", "Slow Feed", "9"}, want: []string{"updated source 9:", "Slow Feed", "polled every 2 hours"}},
		{args: []string{"set", "9", "--interval", "30s"}, wantErr: "sources set 9: poll_interval must be at least 1 minute"},
		{args: []string{"set", "9", "--lang", "not a language"}, wantErr: "lang must be a BCP 47 language tag"},
		{args: []string{"set", "9", "--name", "a\nb"}, wantErr: "name must be printable text"},
		{args: []string{"set", "2", "--interval", "1h"}, wantErr: "sources set 2: poll_interval is for feeds: a page is read once"},
		{args: []string{"set", "99", "--name", "x"}, wantErr: "no source with ID 99"},
		{args: []string{"set", "9"}, wantErr: "nothing to change"},
		{args: []string{"set", "nine", "--name", "x"}, wantErr: `source ID "nine" is not a number`},
		{args: []string{"set", "9", "--bogus", "x"}, wantErr: "usage"},
		{args: []string{"set"}, wantErr: "usage", wantStderr: []string{"newsdesk sources set: missing the ID of the source to change"}},
		{args: []string{"set", "9", "--interval", "0"}, want: []string{"updated source 9:", "Slow Feed"}, notWant: []string{"polled every"}},
		{args: []string{"export"}, want: []string{`<opml`, `xmlUrl="https://gazette.example/local.xml"`, `xmlUrl="https://wire.example/feed.json"`,
			`text="Regional news / Regional news / Regional news / Regional news /"`,
			`xmlUrl="https://evening.example/rss.xml"`,
			`htmlUrl="https://courier.example/"`, "</opml>"},
			wantStderr: []string{"left out page source 2, https://wire.example/2026/story: an OPML list holds feeds only"}},
		{args: []string{"remove", "2"}, want: []string{"removed source 2\n"}},
		{args: []string{"remove", "2"}, wantErr: "no source with ID 2"},
		{args: []string{"remove", "two"}, wantErr: `source ID "two" is not a number`},
		{args: []string{"remove"}, wantErr: "usage", wantStderr: []string{"newsdesk sources remove: want one source ID"}},
		{args: []string{"add"}, wantErr: "usage", wantStderr: []string{"newsdesk sources add: missing the URL"}},
		{args: []string{"add", "https://a.example/f.xml", "https://b.example/f.xml"}, wantErr: "usage",
			wantStderr: []string{`newsdesk sources add: one URL at a time: "https://b.example/f.xml" is a second argument`}},
		{args: []string{"import"}, wantErr: "usage", wantStderr: []string{"newsdesk sources import: want one OPML file"}},
		// Flags may follow the URL, as they may follow set's ID.
		{args: []string{"add", "https://late.example/feed.xml", "--name", "Late Flags", "--interval", "2h"},
			want: []string{"added source ", "https://late.example/feed.xml, polled every 2 hours\n"}},
		{args: []string{"list"}, want: []string{"Late Flags", "https://late.example/feed.xml\n"}},
		{args: []string{"frobnicate"}, wantErr: "usage"},
		{args: []string{}, wantErr: "usage"},
	}
	for _, st := range steps {
		var stdout, stderr bytes.Buffer
		args := append(append([]string{"sources"}, dbFlags...), st.args...)
		err := run(context.Background(), args, func(string) string { return "" }, &stdout, &stderr)
		switch {
		case st.wantErr == "usage":
			if !errors.Is(err, errUsage) || !strings.Contains(stderr.String(), "usage: newsdesk sources") {
				t.Errorf("%q: err %v, stderr %q; want the usage", st.args, err, stderr.String())
			}
		case st.wantErr != "":
			if err == nil || !strings.Contains(err.Error(), st.wantErr) {
				t.Errorf("%q: err %v, want %q", st.args, err, st.wantErr)
			}
		case err != nil:
			t.Errorf("%q: %v\nstderr: %s", st.args, err, stderr.String())
		}
		for _, w := range st.wantStderr {
			if !strings.Contains(stderr.String(), w) {
				t.Errorf("%q: stderr lacks %q:\n%s", st.args, w, stderr.String())
			}
		}
		for _, w := range st.notWant {
			if strings.Contains(stdout.String(), w) {
				t.Errorf("%q: output has %q:\n%s", st.args, w, stdout.String())
			}
		}
		out := stdout.String()
		for _, w := range st.want {
			i := strings.Index(out, w)
			if i < 0 {
				t.Errorf("%q: output lacks %q in order:\n%s", st.args, w, stdout.String())
				break
			}
			out = out[i+len(w):]
		}
	}
}

// TestSourcesNoStrayDatabase checks that "newsdesk sources" creates a SQLite
// database only for a command that adds to it, and only once its arguments
// are good: a mistyped --db must not look like an empty database.
func TestSourcesNoStrayDatabase(t *testing.T) {
	t.Parallel()
	tests := []struct {
		args    []string
		wantErr string // in the error; "usage" for errUsage
		creates bool
	}{
		{args: []string{"list"}, wantErr: "no database at "},
		{args: []string{"export"}, wantErr: "no database at "},
		{args: []string{"remove", "1"}, wantErr: "no database at "},
		{args: []string{"remove", "one"}, wantErr: `source ID "one" is not a number`},
		{args: []string{"set", "1", "--name", "x"}, wantErr: "no database at "},
		{args: []string{"set", "1", "--interval", "soon"}, wantErr: `poll_interval must be a duration`},
		{args: []string{"add", "--bogus", "https://gazette.example/rss.xml"}, wantErr: "usage"},
		{args: []string{"add", "ftp://gazette.example/x"}, wantErr: "url must start with http:// or https://"},
		{args: []string{"import", filepath.Join("testdata", "missing.opml")}, wantErr: "missing.opml"},
		{args: []string{"frobnicate"}, wantErr: "usage"},
		{args: []string{"add", "https://gazette.example/rss.xml"}, creates: true},
		{args: []string{"import", filepath.Join("testdata", "subscriptions.opml")}, creates: true},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			t.Parallel()
			path := filepath.Join(t.TempDir(), "typo.db")
			var stdout, stderr bytes.Buffer
			args := append([]string{"sources", "--db", path}, tt.args...)
			err := run(context.Background(), args, func(string) string { return "" }, &stdout, &stderr)
			switch {
			case tt.wantErr == "usage":
				if !errors.Is(err, errUsage) {
					t.Errorf("err %v, want the usage", err)
				}
			case tt.wantErr != "":
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Errorf("err %v, want %q", err, tt.wantErr)
				}
			case err != nil:
				t.Errorf("err %v\nstderr: %s", err, stderr.String())
			}
			_, statErr := os.Stat(path)
			if created := statErr == nil; created != tt.creates {
				t.Errorf("database created: %v, want %v", created, tt.creates)
			}
		})
	}
}

// TestSourcesLegacyRow checks that add and import find a feed already
// subscribed when its row, stored by an older newsdesk, writes the URL
// another way than the canonical form they store.
func TestSourcesLegacyRow(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	tests := []struct {
		args    []string
		want    string // in stdout
		wantErr string
	}{
		{args: []string{"add", "https://old.example/feed.xml"}, wantErr: "already subscribed to https://old.example/feed.xml"},
		{args: []string{"import", filepath.Join("testdata", "legacy.opml")}, want: "imported 0 sources (1 already subscribed, 0 invalid)\n"},
	}
	for _, tt := range tests {
		// A database each, so that one command's row does not stand in for
		// the old one in the next.
		db := filepath.Join(t.TempDir(), "sources.db")
		st, err := sqlite.Open(ctx, db, nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.AddSource(ctx, news.Source{Kind: news.SourceFeed, URL: "https://Old.Example/feed.xml?utm_source=x", Status: news.StatusNew}); err != nil {
			t.Fatal(err)
		}
		if err := st.Close(); err != nil {
			t.Fatal(err)
		}
		var stdout, stderr bytes.Buffer
		err = run(ctx, append([]string{"sources", "--db", db}, tt.args...), func(string) string { return "" }, &stdout, &stderr)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("%q: err %v, want %q", tt.args, err, tt.wantErr)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v\nstderr: %s", tt.args, err, stderr.String())
		}
		if !strings.Contains(stdout.String(), tt.want) {
			t.Errorf("%q: output %q, want %q", tt.args, stdout.String(), tt.want)
		}
	}
}

// TestPrintSources checks the table "sources list" prints: a source's last
// error goes on a line of its own under its URL, without widening any
// column for every row, and the last poll is in UTC, as the pages show it.
func TestPrintSources(t *testing.T) {
	t.Parallel()
	srcs := []news.Source{
		{ID: 1, Kind: news.SourceFeed, Name: "Gazette", Status: news.StatusOK, ArticleCount: 3, URL: "https://gazette.example/rss.xml",
			LastPolledAt: time.Date(2026, 3, 2, 10, 30, 0, 0, time.FixedZone("CET", 3600))},
		{ID: 2, Kind: news.SourceFeed, Status: news.StatusError, URL: "https://down.example/feed.xml",
			LastError: "GET https://down.example/feed.xml: connection refused"},
		{ID: 10, Kind: news.SourcePage, Status: news.StatusNew, URL: "https://gazette.example/a/1"},
	}
	var out bytes.Buffer
	if err := printSources(&out, srcs); err != nil {
		t.Fatal(err)
	}
	want := strings.Join([]string{
		"ID  KIND  NAME     STATUS  ARTICLES  LAST POLL             URL",
		"1   feed  Gazette  ok      3         2026-03-02 09:30 UTC  https://gazette.example/rss.xml",
		"2   feed           error   0         never                 https://down.example/feed.xml",
		"                                                           error: GET https://down.example/feed.xml: connection refused",
		"10  page           new     0         never                 https://gazette.example/a/1",
		"",
	}, "\n")
	if diff := cmp.Diff(want, out.String()); diff != "" {
		t.Errorf("table (-want +got):\n%s", diff)
	}
}

// TestSourcesAddRetriesFailedPage adds again, with "sources add --page",
// a page whose fetch failed: it is queued to be read again (new, its
// failed article gone), as POST /api/sources does, where it used to be
// refused as already subscribed, so that the page could never be read. A
// page read in full is still refused.
func TestSourcesAddRetriesFailedPage(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	db := filepath.Join(t.TempDir(), "sources.db")
	st, err := sqlite.Open(ctx, db, nil)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC()
	const failedURL, readURL = "https://wire.example/gone", "https://wire.example/read"
	for _, p := range []struct {
		src news.Source
		art news.Article
	}{
		{news.Source{Kind: news.SourcePage, URL: failedURL, Status: news.StatusError, LastError: "page could not be fetched: HTTP 404", ErrorCount: 1, LastPolledAt: now},
			news.Article{URL: failedURL, FetchedAt: now, Extraction: news.ExtractFailed, ExtractionReason: "page could not be fetched: HTTP 404"}},
		{news.Source{Kind: news.SourcePage, URL: readURL, Status: news.StatusOK, LastPolledAt: now},
			news.Article{URL: readURL, FetchedAt: now, Title: "Read", Text: "The article.", Extraction: news.ExtractFull}},
	} {
		src, err := st.AddSource(ctx, p.src)
		if err != nil {
			t.Fatal(err)
		}
		p.art.SourceID = src.ID
		if _, _, err := st.AddArticle(ctx, p.art); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()

	tests := []struct {
		url, want, wantErr string
	}{
		{failedURL, "source 1, a page, could not be read: queued to be read again", ""},
		{readURL, "", "already subscribed to " + readURL},
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		err := run(ctx, []string{"sources", "--db", db, "add", "--page", tt.url}, func(string) string { return "" }, &stdout, &stderr)
		if got := errString(err); !strings.Contains(got, tt.wantErr) || (tt.wantErr == "") != (err == nil) {
			t.Errorf("add %s: error %q, want %q", tt.url, got, tt.wantErr)
		}
		if !strings.Contains(stdout.String(), tt.want) {
			t.Errorf("add %s: stdout %q, want %q", tt.url, stdout.String(), tt.want)
		}
	}
	st, err = sqlite.Open(ctx, db, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	got, err := st.Source(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]any{news.StatusNew, "", 0}, []any{got.Status, got.LastError, got.ErrorCount}); diff != "" {
		t.Errorf("failed page after it was added again (-want +got):\n%s", diff)
	}
	if _, err := st.ArticleByURL(ctx, failedURL); err == nil {
		t.Error("the failed page's article is still stored: its poll would find it and not fetch the page")
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
