package extract

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"github.com/google/go-cmp/cmp"
	"golang.org/x/net/html"

	"github.com/newsdesk/newsdesk/internal/sharedpath"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// fixtures maps each testdata page to the URL it is extracted as.
var fixtures = map[string]string{
	"news-jsonld.html":  "https://gazette.example/news/bridge-reopens?utm_source=feed",
	"blog-meta.html":    "https://backstube.example/sauerteig",
	"latin1.html":       "http://jornal.example/cafe",
	"blog-home-h1.html": "https://quietlab.example/2021/01/kiln-schedule",
}

// golden is Result with the time written out, so golden files diff well.
type golden struct {
	Result
	Published string
}

func TestExtractGolden(t *testing.T) {
	t.Parallel()
	for name, pageURL := range fixtures {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			page, err := os.ReadFile(filepath.Join("testdata", name))
			if err != nil {
				t.Fatal(err)
			}
			res, err := Extract(page, pageURL)
			if err != nil {
				t.Fatalf("Extract: %v", err)
			}
			got := golden{Result: res, Published: res.Published.UTC().Format(time.RFC3339)}
			got.Result.Published = time.Time{}
			if !got.Result.Modified.IsZero() {
				got.Result.Modified = got.Result.Modified.UTC()
			}
			path := filepath.Join("testdata", strings.TrimSuffix(name, ".html")+".golden.json")
			if *update {
				b, _ := json.MarshalIndent(got, "", "  ")
				if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("read golden (run with -update to create): %v", err)
			}
			var want golden
			if err := json.Unmarshal(b, &want); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Extract mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestExtractBody checks the properties the golden files encode, so a
// careless -update cannot make a wrong extraction pass.
func TestExtractBody(t *testing.T) {
	t.Parallel()
	tests := []struct {
		file    string
		want    []string // substrings the text must hold
		notWant []string // boilerplate it must not hold
		title   string
		byline  string
		date    string
		lang    string
	}{
		{
			file:    "news-jsonld.html",
			want:    []string{"The harbour bridge reopened", `"We are relieved to have the crossing back,"`, "2.4 million euros", "separated lane"},
			notWant: []string{"First!", "best buns", "All rights reserved", "Ferry timetable", "Harbour bridge reopens after repairs"},
			title:   "Harbour bridge reopens after repairs",
			byline:  "Mara Lind, Tom Okafor",
			date:    "2024-03-05",
			lang:    "en",
		},
		{
			file:    "blog-meta.html",
			want:    []string{"Ein Sauerteig braucht nur Mehl", "Häufige Fehler", "abgekochtes Wasser"},
			notWant: []string{"Newsletter", "Anmelden", "Rezepte"},
			title:   "Wie man Sauerteig ansetzt",
			byline:  "Jonas Keller",
			date:    "2023-11-20",
			lang:    "de",
		},
		{
			// The <h1> is the blog's name linked home; the post title comes
			// from <title> without that name. The page declares a stale
			// datePublished and shows only its dateModified, unlabelled.
			file:    "blog-home-h1.html",
			want:    []string{"For six years we fired", "cracked bowls in half", "glazing class moved"},
			notWant: []string{"Glazeworks", "Loved this post", "Ceramics, slowly"},
			title:   "Why our kiln firing schedule changed this spring",
			byline:  "Ruth Amsel",
			date:    "2024-03-03",
			lang:    "en",
		},
		{
			file:  "latin1.html",
			want:  []string{"O novo café da praça central", "das sete da manhã às seis da tarde"},
			title: "Café abre na praça",
			lang:  "pt",
		},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			t.Parallel()
			page, err := os.ReadFile(filepath.Join("testdata", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			res, err := Extract(page, fixtures[tc.file])
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tc.want {
				if !strings.Contains(res.Text, w) {
					t.Errorf("text lacks %q:\n%s", w, res.Text)
				}
			}
			for _, w := range tc.notWant {
				if strings.Contains(res.Text, w) {
					t.Errorf("text holds boilerplate %q:\n%s", w, res.Text)
				}
			}
			if strings.Contains(res.Text, "\n\n\n") || strings.TrimSpace(res.Text) != res.Text {
				t.Errorf("paragraphs not separated by exactly one blank line: %q", res.Text)
			}
			got := [4]string{res.Title, res.Byline, "", res.Lang}
			if !res.Published.IsZero() {
				got[2] = res.Published.Format("2006-01-02")
			}
			want := [4]string{tc.title, tc.byline, tc.date, tc.lang}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("title, byline, date, lang (-want +got):\n%s", diff)
			}
		})
	}
}

func TestExtractRejects(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   string
		want error
	}{
		{"empty", "", ErrNotHTML},
		{"whitespace", " \n\t ", ErrNotHTML},
		{"plain text", "just some words, no markup at all", ErrNotHTML},
		{"pdf", "%PDF-1.7\n%binary", ErrNotHTML},
		{"png", "\x89PNG\r\n\x1a\n\x00\x00", ErrNotHTML},
		{"nul bytes", "<html>\x00\x00\x00</html>", ErrNotHTML},
		{"markup without text", "<html><body><div></div></body></html>", ErrNoText},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := Extract([]byte(tc.in), "https://example.com/")
			if !errors.Is(err, tc.want) {
				t.Errorf("Extract(%q) error = %v, want %v", tc.in, err, tc.want)
			}
		})
	}
}

func TestCleanByline(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"By Jane Doe", "Jane Doe"},
		{"by: Jane Doe", "Jane Doe"},
		{"Written by Jane Doe on March 3, 2024", "Jane Doe"},
		{"Author Jane Doe", "Jane Doe"},
		{"Jane Doe Updated Dec 19", "Jane Doe"},
		{"Jane Doe; John Roe", "Jane Doe, John Roe"},
		{"Jane Doe | Staff", "Jane Doe"},
		{"Bylines Inc", "Bylines Inc"},
		// A job title run on after one author's name is cut.
		{"Liz Kenny Former McKinsey Consultant", "Liz Kenny"},
		{"Harry Rabinowitz Tech Reporter", "Harry Rabinowitz"},
		{"Justin C. Meserole Staff Writer", "Justin C. Meserole"},
		// Dot separators end the names, like "|".
		{"Jane Doe ⋅ Review Editor ⋅", "Jane Doe"},
		{"Jane Doe · Contributor", "Jane Doe"},
		// A comma-separated part written in words describes the authors.
		{"Jane Doe and John Roe, Extension horticulture educators", "Jane Doe and John Roe"},
		{"Jane Doe, The Daily Planet", "Jane Doe"},
		{"Jane Doe, Trial Attorney at Doe & Roe", "Jane Doe"},
		// Credentials, co-authors and name particles stay.
		{"Jane Doe, MD, FACP", "Jane Doe, MD, FACP"},
		{"Jane Doe, John Roe", "Jane Doe, John Roe"},
		{"Ludwig van Beethoven, Jane Doe", "Ludwig van Beethoven, Jane Doe"},
		{"Jane Doe and John Roe Staff Reporter", "Jane Doe and John Roe Staff Reporter"},
		// A text that does not open with a name is not cut to two words.
		{"Insights from Jane Doe Marketing Director", "Insights from Jane Doe Marketing Director"},
	}
	for _, tc := range tests {
		if got := cleanByline(tc.in); got != tc.want {
			t.Errorf("cleanByline(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestChooseBylineRoles(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, page, want string
	}{
		{
			name: "role in a sibling element of the author's name",
			page: `<html><body><div class="author"><div>Jane Doe</div><div>Tech Reporter</div></div><p>Text.</p></body></html>`,
			want: "Jane Doe",
		},
		{
			name: "reviewer's employer after a comma, nine words before the cut",
			page: `<html><body><div class="author-name">Reviewed by Jane Q. Doe, Trial Attorney at Doe &amp; Roe, on December 9, 2024.</div></body></html>`,
			want: "Jane Q. Doe",
		},
		{
			name: "a sentence opening with By is not a byline",
			page: `<html><body><p>By submitting, you agree to our terms and privacy policy today</p></body></html>`,
			want: "",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			doc := parseHTML(t, tt.page)
			if got := collectMeta(doc).chooseByline("Example"); got != tt.want {
				t.Errorf("chooseByline() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestStripSiteName(t *testing.T) {
	t.Parallel()
	tests := []struct{ title, site, host, want string }{
		{"Bridge reopens | The Gazette", "The Gazette", "gazette.example", "Bridge reopens"},
		{"Bridge reopens after six weeks - Gazette", "", "gazette.example", "Bridge reopens after six weeks"},
		{"The Gazette: Bridge reopens", "The Gazette", "", "The Gazette: Bridge reopens"},
		{"Gazette | Bridge reopens after repairs", "Gazette", "", "Bridge reopens after repairs"},
		{"Cats and dogs - a short history of an old friendship", "", "", "Cats and dogs - a short history of an old friendship"},
		// The site's name, then its domain, then the headline.
		{"The Gazette | TheGazette.com - Bridge reopens after six weeks", "The Gazette", "www.thegazette.com", "Bridge reopens after six weeks"},
	}
	for _, tc := range tests {
		if got := stripSiteName(tc.title, tc.site, tc.host); got != tc.want {
			t.Errorf("stripSiteName(%q, %q, %q) = %q, want %q", tc.title, tc.site, tc.host, got, tc.want)
		}
	}
}

func TestChoose(t *testing.T) {
	t.Parallel()
	body := []string{"First paragraph of the article body text here.", "Second paragraph continues the story with more words.", "Third paragraph ends it all with a quote from someone."}
	tests := []struct {
		name string
		t, r []string
		want string
	}{
		{"same", body, body, "trafilatura"},
		{"readability empty", body, nil, "trafilatura"},
		{"trafilatura empty", nil, body, "readability"},
		{"trafilatura keeps junk", append([]string{"Share on Facebook Twitter LinkedIn Email Print this"}, body...), body, "readability-tighter"},
		{"readability adds a block", body[:1], body, "readability-more"},
		{"readability adds a caption", body, append(append([]string{}, body...), "Photo: agency"), "trafilatura"},
	}
	asParas := func(ss []string) []para {
		var out []para
		for _, s := range ss {
			out = append(out, para{text: s})
		}
		return out
	}
	for _, tc := range tests {
		if got := chooseBody(asParas(tc.t), asParas(tc.r)).choice; got != tc.want {
			t.Errorf("%s: chooseBody = %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestParseDate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want string // "" means rejected
	}{
		{"2024-03-05T08:30:00+00:00", "2024-03-05"},
		{"2024-03-05", "2024-03-05"},
		{"March 5, 2024", "2024-03-05"},
		{"Tue, 05 Mar 2024 08:30:00 GMT", "2024-03-05"},
		{"1970-01-01", ""},
		{"not a date", ""},
		{"", ""},
	}
	for _, tc := range tests {
		got := ""
		if d, ok := parseDate(tc.in); ok {
			got = d.Format("2006-01-02")
		}
		if got != tc.want {
			t.Errorf("parseDate(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func FuzzExtract(f *testing.F) {
	for name := range fixtures {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("<p>short</p>"))
	f.Add([]byte(`<html><head><script type="application/ld+json">{"@graph":[{"@type":"Article","author":[[["x"]]]}]}</script></head><body><h1></h1></body></html>`))
	f.Add([]byte("<table><tr><td><p>cell<table><tr><td>nested</table></table>"))
	f.Fuzz(func(t *testing.T, page []byte) {
		res, err := Extract(page, "https://example.com/a")
		if err != nil {
			return
		}
		if res.Text == "" {
			t.Fatal("nil error with empty text")
		}
		if !utf8.ValidString(res.Text) {
			t.Fatalf("text is not valid UTF-8: %q", res.Text)
		}
	})
}

func BenchmarkExtract(b *testing.B) {
	var pages [][]byte
	for name := range fixtures {
		p, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			b.Fatal(err)
		}
		pages = append(pages, p)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if _, err := Extract(pages[i%len(pages)], "https://example.com/a"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkExtractScrapinghub extracts the scrapinghub benchmark's pages;
// it is skipped when ../shared is absent.
func BenchmarkExtractScrapinghub(b *testing.B) { benchSharedPages(b, "scrapinghub", 1) }

// BenchmarkExtractWCXB extracts every third page of wcxb-dev (265 pages,
// about 150 MB of HTML held in memory: all 793 would be 460 MB); it is
// skipped when ../shared is absent. With -benchtime 265x -cpu 1 each page
// is extracted once, so allocations a page compare across builds.
func BenchmarkExtractWCXB(b *testing.B) { benchSharedPages(b, "wcxb-dev", 3) }

// benchSharedPages extracts every step-th page of the shared set named,
// each in turn, one an iteration; it is skipped when ../shared is absent.
func benchSharedPages(b *testing.B, set string, step int) {
	files, _ := filepath.Glob(filepath.Join(sharedpath.Dir(b, "data", "extract", set, "html"), "*.html.gz"))
	if len(files) == 0 {
		b.Skipf("../shared/data/extract/%s has no pages", set)
	}
	var pages [][]byte
	for i := 0; i < len(files); i += step {
		fh, err := os.Open(files[i])
		if err != nil {
			b.Fatal(err)
		}
		z, err := gzip.NewReader(fh)
		if err != nil {
			b.Fatal(err)
		}
		p, err := io.ReadAll(z)
		fh.Close()
		if err != nil {
			b.Fatal(err)
		}
		pages = append(pages, p)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if _, err := Extract(pages[i%len(pages)], "https://example.com/a"); err != nil && !errors.Is(err, ErrNoText) {
			b.Fatal(err)
		}
	}
}

// parseHTML parses a test page.
func parseHTML(t *testing.T, page string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// TestReadabilityQuiet checks that go-readability's records are not
// formatted: its default logger is enabled at Info (it writes its text to
// io.Discard), which cost about 1% of extraction time. The "library
// default" row pins go-readability's own default, the reason for the
// extractor's logger: it fails when the library changes its default (then
// the extractor's logger may no longer be needed), not when our code
// breaks, which the "extractor's" row checks.
func TestReadabilityQuiet(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		logger *slog.Logger
		want   []bool // enabled at Debug, Info, Error
	}{
		{name: "library default", logger: readability.NewParser().Logger, want: []bool{false, true, true}},
		{name: "extractor's", logger: New(Options{}).readabilityParser().Logger, want: []bool{false, false, false}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var got []bool
			for _, l := range []slog.Level{slog.LevelDebug, slog.LevelInfo, slog.LevelError} {
				got = append(got, tc.logger.Enabled(context.Background(), l))
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("enabled at Debug, Info, Error (-want +got):\n%s", diff)
			}
		})
	}
}
