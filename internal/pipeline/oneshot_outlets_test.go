package pipeline

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/newsdesk/newsdesk/internal/news"
)

// TestOneShotOutletsOnOneHost serves three outlets' pages from one host,
// as a syndication host or the demo's newswire does, none declaring its
// name in the same way: each article must be credited to its own outlet,
// read from its <title> when the page declares no site name, and each
// outlet counted as a source of its own.
func TestOneShotOutletsOnOneHost(t *testing.T) {
	t.Parallel()
	// Each outlet writes the story in its own words: copies of one text
	// would be dropped as wire copies.
	pages := map[string]struct{ head, h1, body string }{
		"/northline/flood": {`<title>Northline News: River bursts its banks in Lanmere</title>`, "River bursts its banks in Lanmere",
			`<p>Firefighters evacuated 150 people from the Millbrook district of Lanmere overnight after the River Osk burst its banks.</p>
<p>"We knocked on every door between the bridge and the brewery," said Bram Oster, the city's fire chief.</p>`},
		"/courier/flood": {`<title>Lanmere flood forces 150 from their homes | The Harbor Courier</title>`, "Lanmere flood forces 150 from their homes",
			`<p>The River Osk rose to a record level in Lanmere on Tuesday, and 150 residents of Millbrook spent the night in a school gymnasium.</p>
<p>The army sent boats and pumps to the northern city, Prime Minister Helena Varro said.</p>`},
		"/post/flood": {`<title>Flood in Lanmere: 150 evacuated - Other Words</title><meta property="og:site_name" content="Valdria Daily Post">`, "Flood in Lanmere: 150 evacuated",
			`<p>Lanmere woke to flooded streets after the River Osk burst its banks, forcing 150 people in Millbrook out of their homes.</p>
<p>Residents asked whether a release of water from the Tarrow Dam upstream on Monday had made the flood worse.</p>`},
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, ok := pages[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">%s<meta property="article:published_time" content="2026-03-03T06:00:00Z"></head>
<body><h1>%s</h1><article>%s</article></body></html>`, p.head, p.h1, p.body)
	}))
	t.Cleanup(srv.Close)
	inputs := []string{srv.URL + "/northline/flood", srv.URL + "/courier/flood", srv.URL + "/post/flood"}
	briefings, articles, err := OneShot(t.Context(), testFetcher(t), inputs, OneShotOptions{Now: time.Date(2026, 3, 5, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	credit := map[string]string{}
	var outlets []string
	for _, b := range briefings {
		refs, _ := b.Section(news.SectionReferences)
		for _, it := range refs.Items {
			credit[it.URL] = it.Outlet
		}
		srcs, _ := b.Section(news.SectionSources)
		for _, it := range srcs.Items {
			outlets = append(outlets, it.Text)
		}
	}
	want := map[string]string{
		inputs[0]: "Northline News",
		inputs[1]: "The Harbor Courier",
		inputs[2]: "Valdria Daily Post",
	}
	if diff := cmp.Diff(want, credit); diff != "" {
		t.Errorf("references' outlets (-want +got):\n%s", diff)
	}
	slices.Sort(outlets)
	if diff := cmp.Diff([]string{"Northline News", "The Harbor Courier", "Valdria Daily Post"}, outlets); diff != "" {
		t.Errorf("sources (-want +got):\n%s", diff)
	}
	if len(articles) != 3 {
		t.Errorf("%d articles, want 3", len(articles))
	}
}

// TestOneShotOutletByHostAndPort serves a page that names no outlet (no
// site name, a <title> that is the headline alone, as the demo's newswire
// serves Meridian Wire Service's) from a local server: the one-shot names
// its outlet by the page's host and port, as brief.Outlet does, since
// "127.0.0.1" alone tells a reader nothing and makes every local server
// one outlet.
func TestOneShotOutletByHostAndPort(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>River bursts its banks in Lanmere</title>
<meta property="article:published_time" content="2026-03-03T06:00:00Z"></head><body><h1>River bursts its banks in Lanmere</h1><article>
<p>Firefighters evacuated 150 people from the Millbrook district of Lanmere overnight after the River Osk burst its banks.</p>
<p>"We knocked on every door between the bridge and the brewery," said Bram Oster, the city's fire chief.</p></article></body></html>`)
	}))
	t.Cleanup(srv.Close)
	briefings, _, err := OneShot(t.Context(), testFetcher(t), []string{srv.URL + "/flood"}, OneShotOptions{Now: time.Date(2026, 3, 5, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	want := strings.TrimPrefix(srv.URL, "http://") // 127.0.0.1:PORT
	var outlets []string
	for _, b := range briefings {
		srcs, _ := b.Section(news.SectionSources)
		for _, it := range srcs.Items {
			outlets = append(outlets, it.Text)
		}
		refs, _ := b.Section(news.SectionReferences)
		for _, it := range refs.Items {
			outlets = append(outlets, it.Outlet)
		}
	}
	if diff := cmp.Diff([]string{want, want}, outlets); diff != "" {
		t.Errorf("the source's and the reference's outlets (-want +got):\n%s", diff)
	}
}
