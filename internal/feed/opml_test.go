package feed

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/newsdesk/newsdesk/internal/news"
)

func TestParseOPML(t *testing.T) {
	t.Parallel()
	f, err := os.Open(filepath.Join("testdata", "subscriptions.opml"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, err := ParseOPML(f)
	if err != nil {
		t.Fatal(err)
	}
	want := []news.Source{
		{Kind: news.SourceFeed, URL: "https://gazette.example/rss.xml", Name: "Harbor Gazette & Times", HomeURL: "https://gazette.example/", Lang: "en", Category: "World news", Status: news.StatusNew},
		{Kind: news.SourceFeed, URL: "https://courrier.example/atom.xml", Name: "Le Courrier", Lang: "fr", Category: "Europe", Status: news.StatusNew},
		{Kind: news.SourceFeed, URL: "https://wire.example/feed.json", Name: "Valley Wire", HomeURL: "https://wire.example/", Status: news.StatusNew},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("sources (-want +got):\n%s", diff)
	}
}

func TestParseOPMLLenient(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, doc string
		want      []string // URLs
		wantErr   string
	}{
		{"html entity and raw ampersand", `<opml version="1.0"><body><outline text="Caf&eacute; &amp; Co" xmlUrl="https://x.example/?a=1&b=2"/></body></opml>`, []string{"https://x.example/?a=1&b=2"}, ""},
		{"latin-1", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><opml><body><outline text=\"Espa\xf1a\" xmlUrl=\"https://es.example/rss\"/></body></opml>", []string{"https://es.example/rss"}, ""},
		{"no body", `<opml version="2.0"><head/></opml>`, nil, ""},
		{"empty", ``, nil, "parse OPML: empty document or not XML"},
		{"text, not XML", `just some words`, nil, "parse OPML: empty document or not XML"},
		{"not opml", `<html><body></body></html>`, nil, "parse OPML: "},
	}
	for _, tt := range tests {
		got, err := ParseOPML(strings.NewReader(tt.doc))
		if tt.wantErr != "" {
			if err == nil || !strings.HasPrefix(err.Error(), tt.wantErr) {
				t.Errorf("%s: error %v, want prefix %q", tt.name, err, tt.wantErr)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		var urls []string
		for _, s := range got {
			urls = append(urls, s.URL)
		}
		if diff := cmp.Diff(tt.want, urls); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
	}
}

func TestOPMLRoundTrip(t *testing.T) {
	t.Parallel()
	in := []news.Source{
		{Kind: news.SourceFeed, URL: "https://a.example/rss?x=1&y=2", Name: "A <News>", HomeURL: "https://a.example/", Lang: "en", Category: "World", Status: news.StatusNew},
		{Kind: news.SourcePage, URL: "https://b.example/article", Name: "One page"},
		{Kind: news.SourceFeed, URL: "https://c.example/feed", Name: "C", Status: news.StatusNew},
		{Kind: news.SourceFeed, URL: "https://d.example/atom", Name: "D \"quoted\"", Lang: "es", Category: "World", Status: news.StatusNew},
		{Kind: news.SourceFeed, URL: "https://e.example/rss", Name: "E", Category: "Tech", Status: news.StatusNew},
		// Not named yet (its feed never answered): the list names the
		// outline by its URL, as OPML wants a text, and the import must
		// leave it unnamed, to take the feed's own title when polled.
		{Kind: news.SourceFeed, URL: "https://f.example/feed", Status: news.StatusNew},
	}
	var buf bytes.Buffer
	if err := WriteOPML(&buf, "newsdesk subscriptions", in); err != nil {
		t.Fatal(err)
	}
	out, err := ParseOPML(&buf)
	if err != nil {
		t.Fatalf("%v\n%s", err, buf.String())
	}
	// Grouping by category puts World's two feeds together; the page source
	// is not a feed and is left out.
	want := []news.Source{in[0], in[3], in[2], in[4], in[5]}
	if diff := cmp.Diff(want, out); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
}

func FuzzParseOPML(f *testing.F) {
	data, err := os.ReadFile(filepath.Join("testdata", "subscriptions.opml"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte(`<opml><body><outline xmlUrl="x"><outline xmlUrl="y"/></outline></body></opml>`))
	f.Add([]byte(`<?xml version="1.0" encoding="koi8-r"?><opml/>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		srcs, err := ParseOPML(bytes.NewReader(data))
		if err != nil {
			return
		}
		for _, s := range srcs {
			if s.URL == "" || s.Kind != news.SourceFeed {
				t.Fatalf("bad source %+v", s)
			}
		}
		// Whatever was read can be written and read back unchanged.
		var buf bytes.Buffer
		if err := WriteOPML(&buf, "t", srcs); err != nil {
			t.Fatal(err)
		}
		if _, err := ParseOPML(&buf); err != nil {
			t.Fatalf("re-read: %v", err)
		}
	})
}

// TestWriteOPMLPagesNote checks that a list leaving page sources out says
// how many at its top, and that one leaving nothing out says nothing.
func TestWriteOPMLPagesNote(t *testing.T) {
	t.Parallel()
	feedSrc := news.Source{Kind: news.SourceFeed, URL: "https://a.example/rss", Name: "A"}
	// A URL may hold "--", which an XML comment may not.
	page := func(u string) news.Source { return news.Source{Kind: news.SourcePage, URL: u} }
	tests := []struct {
		name    string
		sources []news.Source
		want    string // the comment, or "" for none
	}{
		{"feeds only", []news.Source{feedSrc}, ""},
		{"one page", []news.Source{feedSrc, page("https://b.example/a--b")}, "<!-- 1 page source left out: an OPML list holds feeds only -->"},
		{"two pages", []news.Source{page("https://b.example/1"), feedSrc, page("https://b.example/2")}, "<!-- 2 page sources left out: an OPML list holds feeds only -->"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var buf bytes.Buffer
			if err := WriteOPML(&buf, "subs", tt.sources); err != nil {
				t.Fatal(err)
			}
			out := buf.String()
			if tt.want == "" && strings.Contains(out, "<!--") {
				t.Errorf("comment in a list that left nothing out:\n%s", out)
			}
			if tt.want != "" && !strings.Contains(out, tt.want) {
				t.Errorf("list lacks %q:\n%s", tt.want, out)
			}
			got, err := ParseOPML(&buf)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 1 || got[0].URL != feedSrc.URL {
				t.Errorf("parsed back %+v, want the one feed", got)
			}
		})
	}
}
