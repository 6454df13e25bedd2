package demo

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/net/html"
)

// wireServer serves a new wire on loopback for the test's lifetime.
func wireServer(t *testing.T) (*Wire, *httptest.Server) {
	t.Helper()
	w := mustWire(t)
	srv := httptest.NewServer(w.Handler())
	t.Cleanup(srv.Close)
	return w, srv
}

func get(t *testing.T, c *http.Client, url string, hdr ...string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("read %s: %v", url, err)
	}
	return resp, b
}

// feedLinks parses any of the three feed formats and returns its item
// links, failing on a document that is not well-formed.
func feedLinks(t *testing.T, format string, body []byte) []string {
	t.Helper()
	var links []string
	switch format {
	case FormatRSS:
		var doc struct {
			XMLName xml.Name `xml:"rss"`
			Items   []struct {
				Link    string `xml:"link"`
				PubDate string `xml:"pubDate"`
			} `xml:"channel>item"`
		}
		if err := xml.Unmarshal(body, &doc); err != nil {
			t.Fatalf("parse RSS: %v", err)
		}
		for _, it := range doc.Items {
			if it.PubDate == "" {
				t.Errorf("RSS item %s has no pubDate", it.Link)
			}
			links = append(links, it.Link)
		}
	case FormatAtom:
		var doc struct {
			XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
			Entries []struct {
				Link struct {
					Href string `xml:"href,attr"`
				} `xml:"link"`
				Published string `xml:"published"`
			} `xml:"entry"`
		}
		if err := xml.Unmarshal(body, &doc); err != nil {
			t.Fatalf("parse Atom: %v", err)
		}
		for _, e := range doc.Entries {
			links = append(links, e.Link.Href)
		}
	case FormatJSON:
		var doc struct {
			Version string `json:"version"`
			Items   []struct {
				URL         string `json:"url"`
				ContentText string `json:"content_text"`
			} `json:"items"`
		}
		if err := json.Unmarshal(body, &doc); err != nil {
			t.Fatalf("parse JSON Feed: %v", err)
		}
		if doc.Version != "https://jsonfeed.org/version/1.1" {
			t.Errorf("JSON Feed version %q", doc.Version)
		}
		for _, it := range doc.Items {
			links = append(links, it.URL)
		}
	}
	return links
}

// visibleText returns the decoded text of an HTML page, one text node a
// line, skipping scripts and styles.
func visibleText(t *testing.T, page []byte) string {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(string(page)))
	if err != nil {
		t.Fatalf("parse HTML: %v", err)
	}
	var sb strings.Builder
	for n := range doc.Descendants() {
		if n.Type == html.TextNode && (n.Parent == nil || (n.Parent.Data != "script" && n.Parent.Data != "style")) {
			sb.WriteString(n.Data)
			sb.WriteByte('\n')
		}
	}
	return sb.String()
}

func TestWireServesFeedsAndPages(t *testing.T) {
	t.Parallel()
	w, srv := wireServer(t)

	want := map[string]bool{}
	for _, a := range w.Articles() {
		want[srv.URL+a.Path] = true
	}
	seen := map[string]bool{}
	for _, src := range w.Sources(srv.URL) {
		o := w.outlet(strings.Split(strings.TrimPrefix(src.HomeURL, srv.URL+"/outlets/"), "/")[0])
		resp, body := get(t, srv.Client(), src.URL)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: status %d", src.URL, resp.StatusCode)
		}
		links := feedLinks(t, o.Format, body)
		if len(links) == 0 {
			t.Errorf("%s: empty feed", src.URL)
		}
		for _, l := range links {
			if !want[l] {
				t.Errorf("%s: item link %s is not a corpus article", src.URL, l)
			}
			seen[l] = true
		}
		if resp, _ := get(t, srv.Client(), src.HomeURL); resp.StatusCode != http.StatusOK {
			t.Errorf("%s: status %d", src.HomeURL, resp.StatusCode)
		}
	}
	if len(seen) != len(want) {
		t.Errorf("feeds list %d articles, corpus has %d", len(seen), len(want))
	}

	for _, a := range w.Articles() {
		resp, page := get(t, srv.Client(), srv.URL+a.Path)
		if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
			t.Fatalf("%s: status %d, type %q", a.Path, resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		text := visibleText(t, page)
		for _, p := range a.Paragraphs() {
			if !strings.Contains(text, p) {
				t.Errorf("%s: page lacks paragraph %.40q", a.Path, p)
			}
		}
		for _, n := range append(w.Noise(a), a.Title, a.Byline) {
			if !strings.Contains(text, n) {
				t.Errorf("%s: page lacks %.50q", a.Path, n)
			}
		}
		for _, label := range boilerplateFor(a.Lang).Nav {
			if !strings.Contains(string(page), ">"+label+"</a>") {
				t.Errorf("%s: page has no navigation link %q", a.Path, label)
			}
		}
	}
}

func TestTemplatesDiffer(t *testing.T) {
	t.Parallel()
	w, srv := wireServer(t)
	// One marker per layout feature that extraction must cope with.
	markers := map[string]string{
		"courier":   `application/ld+json`,
		"post":      `property="article:published_time"`,
		"wire":      `class="wire-text"`,
		"observer":  `itemprop="articleBody"`,
		"northline": `Posted by <span class="by">`,
		"cronica":   `class="firma">Por`,
	}
	done := map[string]bool{}
	for _, a := range w.Articles() {
		o := w.outlet(a.Outlet)
		if done[o.Template] {
			continue
		}
		done[o.Template] = true
		_, page := get(t, srv.Client(), srv.URL+a.Path)
		m, ok := markers[o.Template]
		if !ok {
			t.Errorf("template %s has no marker in this test", o.Template)
			continue
		}
		if !strings.Contains(string(page), m) {
			t.Errorf("%s page lacks %q", o.Template, m)
		}
		if o.Template == "courier" {
			i := strings.Index(string(page), `<script type="application/ld+json">`)
			j := strings.Index(string(page[i:]), "</script>")
			var ld map[string]any
			if err := json.Unmarshal(page[i+len(`<script type="application/ld+json">`):i+j], &ld); err != nil {
				t.Fatalf("JSON-LD: %v", err)
			}
			if ld["@type"] != "NewsArticle" || ld["headline"] != a.Title {
				t.Errorf("JSON-LD = %v", ld)
			}
		}
	}
	if len(done) < 6 {
		t.Errorf("%d distinct templates, want 6", len(done))
	}
}

func TestConditionalGet(t *testing.T) {
	t.Parallel()
	w, srv := wireServer(t)
	urls := []string{srv.URL + "/outlets/harbor-courier/feed.xml", srv.URL + "/outlets/daily-post/feed.xml", srv.URL + "/outlets/meridian-wire/feed.json", srv.URL + w.Articles()[0].Path}
	for _, u := range urls {
		resp, first := get(t, srv.Client(), u)
		etag, lm := resp.Header.Get("ETag"), resp.Header.Get("Last-Modified")
		if etag == "" || lm == "" {
			t.Fatalf("%s: ETag %q, Last-Modified %q", u, etag, lm)
		}
		tests := []struct {
			name string
			hdr  []string
			want int
		}{
			{"etag", []string{"If-None-Match", etag}, http.StatusNotModified},
			{"date", []string{"If-Modified-Since", lm}, http.StatusNotModified},
			{"stale etag", []string{"If-None-Match", `"0000"`}, http.StatusOK},
		}
		for _, tc := range tests {
			resp, body := get(t, srv.Client(), u, tc.hdr...)
			if resp.StatusCode != tc.want {
				t.Errorf("%s %s: status %d, want %d", u, tc.name, resp.StatusCode, tc.want)
			}
			if tc.want == http.StatusOK {
				if diff := cmp.Diff(string(first), string(body)); diff != "" {
					t.Errorf("%s: second response differs (-first +second):\n%s", u, diff)
				}
			}
		}
	}
}

func TestRobotsAndOPML(t *testing.T) {
	t.Parallel()
	w, srv := wireServer(t)

	_, robots := get(t, srv.Client(), srv.URL+"/robots.txt")
	if !strings.Contains(string(robots), "User-agent: *") || !strings.Contains(string(robots), "Disallow: /private/") {
		t.Errorf("robots.txt = %q", robots)
	}
	if resp, _ := get(t, srv.Client(), srv.URL+"/private/x"); resp.StatusCode != http.StatusForbidden {
		t.Errorf("/private/x: status %d", resp.StatusCode)
	}

	_, body := get(t, srv.Client(), srv.URL+"/opml")
	var doc struct {
		Outlines []struct {
			XMLURL string `xml:"xmlUrl,attr"`
		} `xml:"body>outline"`
	}
	if err := xml.Unmarshal(body, &doc); err != nil {
		t.Fatalf("parse OPML: %v", err)
	}
	var got, want []string
	for _, o := range doc.Outlines {
		got = append(got, o.XMLURL)
	}
	for _, s := range w.Sources(srv.URL) {
		want = append(want, s.URL)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("OPML feeds (-want +got):\n%s", diff)
	}
	if resp, _ := get(t, srv.Client(), srv.URL+"/"); resp.StatusCode != http.StatusOK {
		t.Errorf("index: status %d", resp.StatusCode)
	}
	if resp, _ := get(t, srv.Client(), srv.URL+"/outlets/nope/feed.xml"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown outlet feed: status %d", resp.StatusCode)
	}
	if resp, _ := get(t, srv.Client(), srv.URL+"/outlets/harbor-courier/feed.json"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("wrong-format feed: status %d", resp.StatusCode)
	}
}

func TestFaults(t *testing.T) {
	t.Parallel()
	w, srv := wireServer(t)
	c := srv.Client()

	for _, s := range w.Sources(srv.URL) {
		if strings.Contains(s.URL, "/faults/") {
			t.Errorf("Sources lists fault feed %s", s.URL)
		}
	}
	_, feed := get(t, c, w.FaultSource(srv.URL).URL)
	var want []string
	for _, p := range FaultPaths() {
		want = append(want, srv.URL+p)
	}
	if diff := cmp.Diff(want, feedLinks(t, FormatRSS, feed)); diff != "" {
		t.Errorf("fault feed links (-want +got):\n%s", diff)
	}

	_, bad := get(t, c, srv.URL+"/faults/malformed.xml")
	var anyDoc struct{}
	if err := xml.Unmarshal(bad, &anyDoc); err == nil {
		t.Error("malformed.xml parsed without error")
	}

	if resp, _ := get(t, c, srv.URL+"/faults/404"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("/faults/404: status %d", resp.StatusCode)
	}

	resp, bin := get(t, c, srv.URL+"/faults/binary")
	if ct := resp.Header.Get("Content-Type"); strings.Contains(ct, "html") || len(bin) == 0 {
		t.Errorf("/faults/binary: type %q, %d bytes", ct, len(bin))
	}

	_, err := c.Get(srv.URL + "/faults/loop")
	if err == nil || !strings.Contains(err.Error(), "redirect") {
		t.Errorf("/faults/loop: err = %v, want a redirect error", err)
	}

	resp, good := get(t, c, srv.URL+"/faults/good")
	if resp.StatusCode != http.StatusOK || !strings.Contains(visibleText(t, good), "Gullstone lighthouse") {
		t.Errorf("/faults/good: status %d", resp.StatusCode)
	}
}

func TestFaultHuge(t *testing.T) {
	t.Parallel()
	_, srv := wireServer(t)
	tests := []struct {
		query string
		min   int64
	}{
		{"", 16 << 20},
		{"?mib=2", 2 << 20},
	}
	for _, tc := range tests {
		resp, err := srv.Client().Get(srv.URL + "/faults/huge" + tc.query)
		if err != nil {
			t.Fatal(err)
		}
		n, err := io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		if n <= tc.min {
			t.Errorf("/faults/huge%s streamed %d bytes, want more than %d", tc.query, n, tc.min)
		}
	}
	if resp, _ := get(t, srv.Client(), srv.URL+"/faults/huge?mib=0"); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("mib=0: status %d", resp.StatusCode)
	}
}

func TestStartAndStop(t *testing.T) {
	t.Parallel()
	w := mustWire(t)
	if _, err := w.Start(t.Context(), "0.0.0.0:0"); err == nil {
		t.Fatal("Start accepted a non-loopback address")
	}
	ctx, cancel := context.WithCancel(t.Context())
	base, err := w.Start(ctx, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Start(ctx, "127.0.0.1:0"); err == nil {
		t.Error("second Start succeeded")
	}
	c := &http.Client{}
	resp, _ := get(t, c, w.Sources(base)[0].URL)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("feed over Start: status %d", resp.StatusCode)
	}
	cancel()
	if err := w.Close(); err != nil { // waits for the stop cancel began
		t.Fatal(err)
	}
	c.CloseIdleConnections()
	if _, err := c.Get(base + "/"); err == nil {
		t.Error("wire still serving after its context ended")
	} else if errors.Is(err, context.Canceled) {
		t.Errorf("unexpected error kind: %v", err)
	}
}
