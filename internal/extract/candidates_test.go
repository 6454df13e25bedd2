package extract

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/newsdesk/newsdesk/internal/sharedpath"
	"golang.org/x/net/html"
)

// titleCandidates is one page's line in the file TestTitleCandidates
// writes: the title chosen, the truth, and everything chooseTitle reads.
type titleCandidates struct {
	ID        string            `json:"id"`
	URL       string            `json:"url"`
	Truth     string            `json:"truth"`
	Chosen    string            `json:"chosen"`
	Title     string            `json:"title"`    // <title>
	Declared  map[string]string `json:"declared"` // JSON-LD headline and the title meta tags
	H1        []h1Candidate     `json:"h1"`
	LeadHeads []string          `json:"lead_heads,omitempty"` // <h2>/<h3> before the first <h1>
	Marked    []string          `json:"marked,omitempty"`     // the <h2>–<h6> marked itemprop=headline (at most maxMarkedHeads)
}

type h1Candidate struct {
	Text       string   `json:"text"`
	Parts      []string `json:"parts,omitempty"`
	InMain     bool     `json:"in_main,omitempty"`
	AfterStory bool     `json:"after_story,omitempty"`
	Home       bool     `json:"home,omitempty"`
}

// TestTitleCandidates checks that pageCandidates reports what chooseTitle
// reads, so that the file TestTitleCandidatesFile writes can be trusted
// when a title round classifies its misses by it.
func TestTitleCandidates(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, page string
		want       titleCandidates
	}{
		{
			name: "declared titles, an h1 in the article and a teaser h1 after it",
			page: `<html><head><title>Harbour bridge reopens | The Courier</title>` +
				`<meta property="og:title" content="Harbour bridge reopens after repairs">` +
				`<meta name="twitter:title" content="Bridge reopens">` +
				`<script type="application/ld+json">{"@type":"NewsArticle","headline":"Harbour bridge reopens to traffic"}</script></head>` +
				`<body><h2>Local news</h2><article><h1>Harbour bridge <span>reopens</span></h1><p>Cars crossed the harbour bridge this morning.</p></article>` +
				`<h1>More from the harbour</h1></body></html>`,
			want: titleCandidates{
				ID: "p", URL: "https://courier.example/bridge", Truth: "Harbour bridge reopens",
				Chosen: "Harbour bridge reopens",
				Title:  "Harbour bridge reopens | The Courier",
				Declared: map[string]string{
					"ld":            "Harbour bridge reopens to traffic",
					"og:title":      "Harbour bridge reopens after repairs",
					"twitter:title": "Bridge reopens",
				},
				H1: []h1Candidate{
					{Text: "Harbour bridge reopens", Parts: []string{"Harbour bridge", "reopens"}, InMain: true},
					{Text: "More from the harbour", Parts: []string{"More from the harbour"}, AfterStory: true},
				},
				LeadHeads: []string{"Local news"},
			},
		},
		{
			name: "a blog's name as its h1 and a marked h2 headline",
			page: `<html><head><title>Quiet Lab: Why our kiln cracked</title>` +
				`<meta property="og:title" content="Why our kiln cracked"></head>` +
				`<body><h1><a href="/">Quiet Lab</a></h1><h2 itemprop="headline">Why our kiln cracked</h2><p>It cooled too fast.</p></body></html>`,
			want: titleCandidates{
				ID: "p", URL: "https://courier.example/bridge", Truth: "Harbour bridge reopens",
				Chosen:   "Why our kiln cracked",
				Title:    "Quiet Lab: Why our kiln cracked",
				Declared: map[string]string{"og:title": "Why our kiln cracked"},
				H1:       []h1Candidate{{Text: "Quiet Lab", Parts: []string{"Quiet Lab"}, Home: true}},
				Marked:   []string{"Why our kiln cracked"},
			},
		},
		{
			name: "no title anywhere",
			page: `<html><body><p>Only a paragraph of text here.</p></body></html>`,
			want: titleCandidates{
				ID: "p", URL: "https://courier.example/bridge", Truth: "Harbour bridge reopens",
				Declared: map[string]string{},
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := pageCandidates([]byte(tc.page), "p", "https://courier.example/bridge", "Harbour bridge reopens")
			if err != nil {
				t.Fatalf("pageCandidates: %v", err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("pageCandidates (-want +got):\n%s", diff)
			}
		})
	}
}

// TestTitleCandidatesFile is a tool, not a check: it writes one JSON line
// per WCXB-dev page with the title newsdesk chooses, the truth, and every
// candidate the choice reads (pageCandidates, which TestTitleCandidates
// checks), so that a round on titles can read its misses (`eval extract
// --misses`) against what each page offers without writing its own
// parser. It runs only when NEWSDESK_TITLE_CANDIDATES names the file to
// write:
//
//	NEWSDESK_TITLE_CANDIDATES=/tmp/titles.jsonl go test -count=1 -run TestTitleCandidatesFile ./internal/extract/
func TestTitleCandidatesFile(t *testing.T) {
	t.Parallel()
	out := os.Getenv("NEWSDESK_TITLE_CANDIDATES")
	if out == "" {
		t.Skip("set NEWSDESK_TITLE_CANDIDATES=FILE to write the WCXB-dev pages' title candidates")
	}
	dir := sharedpath.Dir(t, "data", "extract", "wcxb-dev")
	truths, err := filepath.Glob(filepath.Join(dir, "ground-truth", "*.json"))
	if err != nil || len(truths) == 0 {
		t.Fatalf("no truth files in %s (%v)", dir, err)
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	for _, tf := range truths {
		id := strings.TrimSuffix(filepath.Base(tf), ".json")
		c, err := readCandidates(dir, id)
		if err != nil {
			t.Fatal(err)
		}
		if err := enc.Encode(c); err != nil {
			t.Fatalf("page %s: %v", id, err)
		}
	}
	if err := os.WriteFile(out, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %d pages to %s", len(truths), out)
}

// readCandidates reads WCXB page id's truth and HTML from dir and returns
// its candidates.
func readCandidates(dir, id string) (titleCandidates, error) {
	raw, err := os.ReadFile(filepath.Join(dir, "ground-truth", id+".json"))
	if err != nil {
		return titleCandidates{}, fmt.Errorf("read truth %q: %w", id, err)
	}
	var truth struct {
		URL         string `json:"url"`
		GroundTruth struct {
			Title string `json:"title"`
		} `json:"ground_truth"`
	}
	if err := json.Unmarshal(raw, &truth); err != nil {
		return titleCandidates{}, fmt.Errorf("decode truth %q: %w", id, err)
	}
	f, err := os.Open(filepath.Join(dir, "html", id+".html.gz"))
	if err != nil {
		return titleCandidates{}, fmt.Errorf("open page %q: %w", id, err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return titleCandidates{}, fmt.Errorf("decompress page %q: %w", id, err)
	}
	page, err := io.ReadAll(zr)
	if err != nil {
		return titleCandidates{}, fmt.Errorf("decompress page %q: %w", id, err)
	}
	return pageCandidates(page, id, truth.URL, truth.GroundTruth.Title)
}

// pageCandidates is one page's line: the title Extract chooses and every
// candidate chooseTitle reads.
func pageCandidates(page []byte, id, pageURL, truth string) (titleCandidates, error) {
	// The chosen title is Extract's, as the eval scores it; a page without
	// main text still carries the title Extract chose.
	res, _ := Extract(page, pageURL)
	doc, err := html.Parse(utf8Reader(page))
	if err != nil {
		return titleCandidates{}, fmt.Errorf("parse page %q: %w", id, err)
	}
	pm := collectMeta(doc)
	c := titleCandidates{
		ID: id, URL: pageURL, Truth: truth, Chosen: res.Title, Title: pm.title,
		Declared:  map[string]string{},
		LeadHeads: pm.leadHeads,
		Marked:    pm.markedHeads,
	}
	if ld := pm.ldField("headline", "name"); ld != "" {
		c.Declared["ld"] = ld
	}
	for _, k := range []string{"og:title", "twitter:title", "title", "dc.title"} {
		if v := pm.meta[k]; v != "" {
			c.Declared[k] = v
		}
	}
	for _, h := range pm.h1 {
		c.H1 = append(c.H1, h1Candidate{Text: h.text, Parts: h.parts, InMain: h.inMain, AfterStory: h.afterStory, Home: h.home})
	}
	return c, nil
}
