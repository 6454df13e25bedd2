package extract

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

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

// TestTitleCandidates is a tool, not a check: it writes one JSON line per
// WCXB-dev page with the title newsdesk chooses, the truth, and every
// candidate the choice reads, so that a round on titles can read its
// misses (`eval extract --misses`) against what each page offers
// without writing its own parser. It runs only when
// NEWSDESK_TITLE_CANDIDATES names the file to write:
//
//	NEWSDESK_TITLE_CANDIDATES=/tmp/titles.jsonl go test -count=1 -run TestTitleCandidates ./internal/extract/
func TestTitleCandidates(t *testing.T) {
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

func readCandidates(dir, id string) (titleCandidates, error) {
	raw, err := os.ReadFile(filepath.Join(dir, "ground-truth", id+".json"))
	if err != nil {
		return titleCandidates{}, err
	}
	var truth struct {
		URL         string `json:"url"`
		GroundTruth struct {
			Title string `json:"title"`
		} `json:"ground_truth"`
	}
	if err := json.Unmarshal(raw, &truth); err != nil {
		return titleCandidates{}, err
	}
	f, err := os.Open(filepath.Join(dir, "html", id+".html.gz"))
	if err != nil {
		return titleCandidates{}, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return titleCandidates{}, err
	}
	page, err := io.ReadAll(zr)
	if err != nil {
		return titleCandidates{}, err
	}
	// The chosen title is Extract's, as the eval scores it; a page without
	// main text still carries the title Extract chose.
	res, _ := Extract(page, truth.URL)
	doc, err := html.Parse(utf8Reader(page))
	if err != nil {
		return titleCandidates{}, err
	}
	pm := collectMeta(doc)
	c := titleCandidates{
		ID: id, URL: truth.URL, Truth: truth.GroundTruth.Title, Chosen: res.Title, Title: pm.title,
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
