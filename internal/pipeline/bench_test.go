package pipeline

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/demo"
	"github.com/newsdesk/newsdesk/internal/fetch"
	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/store"
)

// benchArticles is how many articles one ingest of the benchmark feed stores.
const benchArticles = 200

// benchSite serves one RSS feed of benchArticles items about benchArticles/4
// events, and their pages, built from the item number.
func benchSite(b *testing.B) *httptest.Server {
	places := []string{"Aldermoor", "Brackenridge", "Castlefen", "Dunmarrow", "Elderwick", "Foxhollow", "Greywater", "Hallowmere"}
	people := []string{"Ada Quill", "Bram Otter", "Cora Vance", "Dmitri Holt", "Edith Marsh", "Felix Crane", "Greta Lund", "Hugo Penn"}
	topics := []string{"a bridge collapse", "a port strike", "a flood warning", "a school closure", "a hospital fire", "a rail outage", "a tax vote", "a water shortage"}
	page := func(i int) (title, body string) {
		e := i / 4
		place, person, topic := places[e%len(places)], people[(e/len(places))%len(people)], topics[(e/3)%len(topics)]
		title = fmt.Sprintf("%s faces %s as %s responds (report %d)", place, topic, person, i)
		var sb strings.Builder
		for p := range 4 {
			fmt.Fprintf(&sb, "<p>Officials in %s said on day %d that %s had affected %d residents. %s, who leads the response, said crews worked through the night. \"We are doing everything we can,\" %s said in statement %d.</p>\n",
				place, e, topic, 100+e*7, person, person, i*10+p)
		}
		return title, sb.String()
	}
	mux := http.NewServeMux()
	var srv *httptest.Server
	mux.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Bench</title><link>`+srv.URL+`/</link>`)
		day := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		for i := range benchArticles {
			title, _ := page(i)
			fmt.Fprintf(w, "<item><title>%s</title><link>%s/a/%d.html</link><pubDate>%s</pubDate><description>Item %d.</description></item>",
				title, srv.URL, i, day.Add(time.Duration(i)*time.Hour).Format(time.RFC1123Z), i)
		}
		fmt.Fprint(w, `</channel></rss>`)
	})
	mux.HandleFunc("/a/", func(w http.ResponseWriter, r *http.Request) {
		var i int
		fmt.Sscanf(strings.TrimPrefix(r.URL.Path, "/a/"), "%d.html", &i)
		title, body := page(i)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, "<!DOCTYPE html><html lang=en><head><title>%s</title></head><body><nav><a href=/>Home</a></nav><article><h1>%s</h1>%s</article><footer>Bench Gazette</footer></body></html>", title, title, body)
	})
	srv = httptest.NewServer(mux)
	b.Cleanup(srv.Close)
	return srv
}

// BenchmarkIngest runs the whole pipeline (poll, fetch, extract, store,
// cluster, brief) with DefaultConfig over a loopback feed of benchArticles
// articles on a fresh database per iteration, and reports articles/s and
// jobs/s, counted from subscribing (with PollNow, as the web API does) to
// WaitIdle.
func BenchmarkIngest(b *testing.B) {
	srv := benchSite(b)
	fc := testFetcher(b)
	sources := []news.Source{{URL: srv.URL + "/feed.xml"}}
	var elapsed time.Duration
	var jobs int
	for i := range b.N {
		d, n := ingest(b, fc, filepath.Join(b.TempDir(), fmt.Sprintf("bench%d.db", i)), sources, benchArticles)
		elapsed += d
		jobs += n
	}
	b.ReportMetric(float64(b.N*benchArticles)/elapsed.Seconds(), "articles/s")
	b.ReportMetric(float64(jobs)/elapsed.Seconds(), "jobs/s")
}

// BenchmarkDemoIngest ingests the demo newswire (every outlet's feed, on
// loopback) with DefaultConfig into a fresh database per iteration, from
// subscribing (with PollNow, as the web API does) until every story is
// briefed, and reports articles/s.
func BenchmarkDemoIngest(b *testing.B) {
	wire, err := demo.NewWire(nil)
	if err != nil {
		b.Fatal(err)
	}
	base, err := wire.Start(context.Background(), "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { wire.Close() })
	fc := testFetcher(b)
	n := len(wire.Articles())
	var elapsed time.Duration
	for i := range b.N {
		d, _ := ingest(b, fc, filepath.Join(b.TempDir(), fmt.Sprintf("demo%d.db", i)), wire.Sources(base), n)
		elapsed += d
	}
	b.ReportMetric(float64(b.N*n)/elapsed.Seconds(), "articles/s")
}

// ingest starts a pipeline with DefaultConfig on a new database at path,
// subscribes it to sources with PollNow (as the web API does) and waits
// until it is idle. It returns the time that took, the only time the
// benchmark's timer runs, and the jobs completed, and fails unless want
// articles were stored.
func ingest(b *testing.B, fc *fetch.Client, path string, sources []news.Source, want int) (time.Duration, int) {
	b.Helper()
	b.StopTimer()
	defer b.StartTimer()
	ctx := context.Background()
	h := startPipelineWith(b, ctx, path, fc, DefaultConfig())
	defer h.close(b)
	b.StartTimer()
	start := time.Now()
	for _, s := range sources {
		added, err := h.st.AddSource(ctx, s)
		if err != nil {
			b.Fatal(err)
		}
		if err := h.p.PollNow(ctx, added.ID); err != nil {
			b.Fatal(err)
		}
	}
	wctx, cancel := context.WithTimeout(ctx, 5*time.Minute)
	defer cancel()
	if err := h.p.WaitIdle(wctx); err != nil {
		b.Fatal(err)
	}
	elapsed := time.Since(start)
	b.StopTimer()
	var jobs int
	if err := h.st.DB().QueryRowContext(ctx, `SELECT count(*) FROM river_job WHERE state = 'completed'`).Scan(&jobs); err != nil {
		b.Fatal(err)
	}
	if got := count(b, h.st, store.ArticleFilter{}); got != want {
		b.Fatalf("%d articles stored, want %d", got, want)
	}
	return elapsed, jobs
}
