package extracteval

import (
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Layout names the shape of an evaluation set.
type Layout string

// Supported layouts (see ../shared/README.md).
const (
	LayoutScrapinghub Layout = "scrapinghub" // ground-truth.json
	LayoutWCXB        Layout = "wcxb"        // ground-truth/<id>.json
)

// Page is one evaluation page with its truth. Empty truth fields mean the
// set does not record them.
type Page struct {
	ID        string
	URL       string
	Body      string
	Title     string
	Author    string
	Published string
	// htmlPath is the page's gzipped HTML. Evaluate reads it just before
	// the page's turn and drops it after, so that the whole set (about
	// 460 MB of HTML for wcxb-dev) is never in memory at once and the heap
	// figures are the extractors', not the set's.
	htmlPath string
}

// ReadHTML reads the page's HTML.
func (p Page) ReadHTML() ([]byte, error) {
	return readGz(p.htmlPath)
}

// Load reads a data set directory in either layout, at most limit pages
// (all when limit <= 0), in ID order: the truth now, each page's HTML when
// ReadHTML asks for it.
func Load(dir string, limit int) (Layout, []Page, error) {
	var (
		layout Layout
		pages  []Page
	)
	if b, err := os.ReadFile(filepath.Join(dir, "ground-truth.json")); err == nil {
		layout = LayoutScrapinghub
		var gt map[string]struct {
			ArticleBody string `json:"articleBody"`
			URL         string `json:"url"`
		}
		if err := json.Unmarshal(b, &gt); err != nil {
			return "", nil, fmt.Errorf("read %s: %w", filepath.Join(dir, "ground-truth.json"), err)
		}
		for id, g := range gt {
			pages = append(pages, Page{ID: id, URL: g.URL, Body: g.ArticleBody})
		}
	} else if ents, err := os.ReadDir(filepath.Join(dir, "ground-truth")); err == nil {
		layout = LayoutWCXB
		for _, e := range ents {
			if !strings.HasSuffix(e.Name(), ".json") {
				continue
			}
			p := filepath.Join(dir, "ground-truth", e.Name())
			b, err := os.ReadFile(p)
			if err != nil {
				return "", nil, fmt.Errorf("read truth: %w", err)
			}
			var gt struct {
				URL string `json:"url"`
				GT  struct {
					Title       string `json:"title"`
					Author      string `json:"author"`
					PublishDate string `json:"publish_date"`
					MainContent string `json:"main_content"`
				} `json:"ground_truth"`
			}
			if err := json.Unmarshal(b, &gt); err != nil {
				return "", nil, fmt.Errorf("read %s: %w", p, err)
			}
			pages = append(pages, Page{
				ID: strings.TrimSuffix(e.Name(), ".json"), URL: gt.URL, Body: gt.GT.MainContent,
				Title: gt.GT.Title, Author: gt.GT.Author, Published: gt.GT.PublishDate,
			})
		}
	} else {
		return "", nil, fmt.Errorf("%s: no ground-truth.json or ground-truth/ directory", dir)
	}
	sort.Slice(pages, func(i, j int) bool { return pages[i].ID < pages[j].ID })
	if limit > 0 && len(pages) > limit {
		pages = pages[:limit]
	}
	for i := range pages {
		pages[i].htmlPath = filepath.Join(dir, "html", pages[i].ID+".html.gz")
	}
	if len(pages) == 0 {
		return "", nil, errors.New(dir + ": no pages")
	}
	return layout, pages, nil
}

func readGz(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read page: %w", err)
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("read page %s: %w", path, err)
	}
	b, err := io.ReadAll(z)
	if err != nil {
		return nil, fmt.Errorf("read page %s: %w", path, err)
	}
	return b, nil
}
