package feed

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestParseGolden parses each fixture and compares the result with its
// golden JSON; run with -update after an intended change.
func TestParseGolden(t *testing.T) {
	t.Parallel()
	tests := []struct {
		file, base string
	}{
		{"rss2.xml", "https://gazette.example/rss.xml"},
		{"atom.xml", "https://courrier.example/atom.xml"},
		{"jsonfeed.json", "https://wire.example/feed.json"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			data, err := os.ReadFile(filepath.Join("testdata", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			f, err := Parse(data, tt.base)
			if err != nil {
				t.Fatal(err)
			}
			got, err := json.MarshalIndent(f, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := filepath.Join("testdata", tt.file+".golden.json")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create)", err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestParseDetails spells out the properties the golden files hold, so a
// careless -update cannot silently accept a regression.
func TestParseDetails(t *testing.T) {
	t.Parallel()
	read := func(name, base string) *Feed {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		f, err := Parse(data, base)
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	rss := read("rss2.xml", "https://gazette.example/rss.xml")
	atom := read("atom.xml", "https://courrier.example/atom.xml")
	jf := read("jsonfeed.json", "https://wire.example/feed.json")
	type summary struct {
		Title, Lang, URL, ItemTitle, Content, Author, Published, Image string
		Categories                                                     []string
	}
	sum := func(f *Feed, i int) summary {
		it := f.Items[i]
		pub := ""
		if !it.Published.IsZero() {
			pub = it.Published.Format("2006-01-02T15:04Z07:00")
		}
		return summary{f.Title, f.Lang, it.URL, it.Title, it.Content, it.Author, pub, it.ImageURL, it.Categories}
	}
	tests := []struct {
		name string
		got  summary
		want summary
	}{
		{"rss content:encoded", sum(rss, 0), summary{
			Title: "Harbor Gazette & Times", Lang: "en-us",
			URL:       "https://gazette.example/news/2026/11/flood-barrier?utm_source=rss",
			ItemTitle: "Council approves flood barrier",
			Content:   "The city council voted 7–2 on Wednesday to build a flood barrier.\n\n“It is about time,” said the mayor.\nWork starts in March.\n\nCost: $12 million\n\nLength: 2 km",
			Author:    "Maria Lopez", Published: "2026-11-26T09:30Z",
			Image:      "https://gazette.example/img/barrier.jpg",
			Categories: []string{"Local", "Environment"},
		}},
		{"rss plain description, guid link", sum(rss, 1), summary{
			Title: "Harbor Gazette & Times", Lang: "en-us",
			URL:       "https://gazette.example/news/ferry",
			ItemTitle: "Ferry service resumes",
			Content:   "Ferries run again after the storm.\n\nTimetables are unchanged.",
			Published: "2026-11-25T18:00Z",
		}},
		{"atom html content", sum(atom, 0), summary{
			Title: "Le Courrier du Port", Lang: "fr",
			URL:       "https://courrier.example/articles/greve",
			ItemTitle: "Grève des dockers : accord trouvé",
			Content:   "Un accord a été trouvé mardi soir.\n\nLe travail reprend jeudi.",
			Author:    "Jean Dupont", Published: "2026-11-26T07:15Z",
			Categories: []string{"Économie"},
		}},
		{"atom relative link, updated only", sum(atom, 1), summary{
			Title: "Le Courrier du Port", Lang: "fr",
			URL:       "https://courrier.example/articles/maj",
			ItemTitle: "Mise à jour sans date de publication",
			Content:   "Texte XHTML.",
			Published: "2026-11-25T12:00Z",
		}},
		{"json feed html", sum(jf, 0), summary{
			Title: "Valley Wire", Lang: "es",
			URL:       "https://wire.example/2026/11/26/eleccion",
			ItemTitle: "Elecciones en el valle",
			Content:   "Los votantes acuden a las urnas.\n\nSe esperan resultados el lunes.",
			Author:    "Ana Ruiz", Published: "2026-11-26T07:00Z",
			Image:      "https://wire.example/img/urnas.jpg",
			Categories: []string{"política", "elecciones"},
		}},
		{"json feed text, relative url", sum(jf, 1), summary{
			Title: "Valley Wire", Lang: "es",
			URL:       "https://wire.example/2026/11/26/clima",
			ItemTitle: "Tiempo",
			Content:   "Lluvia por la tarde.\n\nViento moderado.",
			Published: "2026-11-26T08:00Z",
		}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, tt.got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
	}
	if rss.HomeURL != "https://gazette.example/" || jf.HomeURL != "https://wire.example/" {
		t.Errorf("home URLs %q %q", rss.HomeURL, jf.HomeURL)
	}
}

func TestParseErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, data, want string
	}{
		{"empty", "", "parse feed: empty document"},
		{"whitespace", " \n\t", "parse feed: empty document"},
		{"html page", "<!DOCTYPE html><html><body>hi</body></html>", "parse feed: "},
		{"plain text", "hello world", "parse feed: not an RSS, Atom or JSON feed"},
		{"truncated rss", `<?xml version="1.0"?><rss version="2.0"><channel><title>x</ti`, "parse feed: "},
		{"json not a feed", `{"hello": [1, 2`, "parse feed: "},
	}
	for _, tt := range tests {
		f, err := Parse([]byte(tt.data), "")
		if err == nil {
			t.Errorf("%s: no error, got %+v", tt.name, f)
			continue
		}
		if !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%s: error %q, want prefix %q", tt.name, err, tt.want)
		}
	}
}

func TestParseWithoutBase(t *testing.T) {
	t.Parallel()
	data := `<rss version="2.0"><channel><title>T</title><link>https://site.example/news/</link>
<item><title>A</title><link>a.html</link></item>
<item><title>B</title><link>javascript:alert(1)</link></item></channel></rss>`
	f, err := Parse([]byte(data), "")
	if err != nil {
		t.Fatal(err)
	}
	got := []string{f.Items[0].URL, f.Items[1].URL}
	if diff := cmp.Diff([]string{"https://site.example/news/a.html", ""}, got); diff != "" {
		t.Errorf("item URLs (-want +got):\n%s", diff)
	}
}

func FuzzParse(f *testing.F) {
	for _, name := range []string{"rss2.xml", "atom.xml", "jsonfeed.json"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, "https://example.com/feed")
	}
	f.Add([]byte(`<rss><channel><item><link>%zz</link></item></channel></rss>`), "")
	f.Add([]byte(`{"version":"https://jsonfeed.org/version/1","items":[null]}`), "::")
	// Generators naming instances, as newsdesk's Atom feed and a proxy's
	// RSS rewrite of it write them.
	f.Add([]byte(`<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><generator uri="urn:newsdesk:instance:ABC" version="1">newsdesk</generator></feed>`), "https://desk.example/feeds/stories.atom")
	f.Add([]byte(`<rss version="2.0"><channel><title>t</title><generator>newsdesk urn:newsdesk:instance:A urn:newsdesk:instance:B</generator></channel></rss>`), "https://desk.example/feed")
	f.Fuzz(func(t *testing.T, data []byte, base string) {
		feed, err := Parse(data, base)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "parse feed: ") {
				t.Fatalf("error without prefix: %v", err)
			}
			return
		}
		if len(feed.Items) > MaxItems {
			t.Fatalf("%d items, more than MaxItems", len(feed.Items))
		}
		for _, urn := range feed.Instances {
			if id, ok := strings.CutPrefix(urn, InstanceURNPrefix); !ok || id == "" {
				t.Fatalf("instance %q is not an instance URN", urn)
			}
		}
		for _, it := range feed.Items {
			if it.URL != "" && !strings.HasPrefix(it.URL, "http://") && !strings.HasPrefix(it.URL, "https://") {
				t.Fatalf("non-http item URL %q", it.URL)
			}
		}
	})
}

func TestParseCharsets(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, data, title string
	}{
		{"latin-1", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel><title>Espa\xf1a</title></channel></rss>", "España"},
		{"utf-8 BOM", "\xef\xbb\xbf<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>BOM</title></channel></rss>", "BOM"},
		{"windows-1252 atom", "<?xml version=\"1.0\" encoding=\"windows-1252\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Caf\xe9 \x93quoted\x94</title></feed>", "Café “quoted”"},
	}
	for _, tt := range tests {
		f, err := Parse([]byte(tt.data), "")
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if f.Title != tt.title {
			t.Errorf("%s: title %q, want %q", tt.name, f.Title, tt.title)
		}
	}
}

func TestMediaImages(t *testing.T) {
	t.Parallel()
	const head = `<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>T</title><link>https://m.example/</link>`
	tests := []struct {
		name, item, want string
	}{
		{"thumbnail", `<media:thumbnail url="/t.jpg"/>`, "https://m.example/t.jpg"},
		{"content image", `<media:content url="https://cdn.example/c.jpg" medium="image"/>`, "https://cdn.example/c.jpg"},
		{"group", `<media:group><media:content url="https://cdn.example/g.png" type="image/png"/></media:group>`, "https://cdn.example/g.png"},
		{"video is not an image", `<media:content url="https://cdn.example/v.mp4" type="video/mp4"/>`, ""},
		{"image in content html", `<description>&lt;p&gt;&lt;img src="/inline.jpg"&gt;Text&lt;/p&gt;</description>`, "https://m.example/inline.jpg"},
	}
	for _, tt := range tests {
		f, err := Parse([]byte(head+"<item><title>x</title><link>https://m.example/a</link>"+tt.item+"</item></channel></rss>"), "https://m.example/rss")
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if got := f.Items[0].ImageURL; got != tt.want {
			t.Errorf("%s: ImageURL %q, want %q", tt.name, got, tt.want)
		}
	}
}

func BenchmarkParse(b *testing.B) {
	for _, name := range []string{"rss2.xml", "atom.xml", "jsonfeed.json"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := Parse(data, "https://example.com/feed"); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func TestUpdateEvery(t *testing.T) {
	t.Parallel()
	const sy = `xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"`
	rss := func(ns, channel string) string {
		return `<?xml version="1.0"?><rss version="2.0" ` + ns + `><channel><title>T</title>` + channel +
			`<item><title>A</title><link>https://example.org/a</link></item></channel></rss>`
	}
	tests := []struct {
		name, doc string
		want      time.Duration
	}{
		{"none", rss("", ""), 0},
		{"ttl minutes", rss("", "<ttl>60</ttl>"), time.Hour},
		{"ttl padded", rss("", "<ttl> 90 </ttl>"), 90 * time.Minute},
		{"ttl zero", rss("", "<ttl>0</ttl>"), 0},
		{"ttl not a number", rss("", "<ttl>soon</ttl>"), 0},
		{"ttl over sy", rss(sy, "<ttl>30</ttl><sy:updatePeriod>daily</sy:updatePeriod>"), 30 * time.Minute},
		{"sy hourly twice", rss(sy, "<sy:updatePeriod>hourly</sy:updatePeriod><sy:updateFrequency>2</sy:updateFrequency>"), 30 * time.Minute},
		{"sy period only", rss(sy, "<sy:updatePeriod>Weekly</sy:updatePeriod>"), 7 * 24 * time.Hour},
		{"sy frequency only: daily", rss(sy, "<sy:updateFrequency>4</sy:updateFrequency>"), 6 * time.Hour},
		{"sy unknown period", rss(sy, "<sy:updatePeriod>fortnightly</sy:updatePeriod>"), 0},
		{"sy bad frequency", rss(sy, "<sy:updatePeriod>hourly</sy:updatePeriod><sy:updateFrequency>0</sy:updateFrequency>"), 0},
		{"rss 1.0 sy", `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" ` + sy + `>
			<channel rdf:about="https://example.org/"><title>T</title><link>https://example.org/</link>
			<sy:updatePeriod>hourly</sy:updatePeriod><sy:updateFrequency>1</sy:updateFrequency></channel>
			<item rdf:about="https://example.org/a"><title>A</title><link>https://example.org/a</link></item></rdf:RDF>`, time.Hour},
		{"atom sy", `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" ` + sy + `><title>T</title>
			<sy:updatePeriod>daily</sy:updatePeriod><sy:updateFrequency>2</sy:updateFrequency>
			<entry><title>A</title><link href="https://example.org/a"/><id>a</id><updated>2026-11-01T00:00:00Z</updated></entry></feed>`, 12 * time.Hour},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f, err := Parse([]byte(tt.doc), "https://example.org/feed")
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if f.UpdateEvery != tt.want {
				t.Errorf("UpdateEvery = %v, want %v", f.UpdateEvery, tt.want)
			}
			if len(f.Items) != 1 {
				t.Errorf("items = %d, want 1", len(f.Items))
			}
		})
	}
}

// TestInstance checks that a feed's generator gives the newsdesk instance
// that wrote it, in an Atom generator's uri (as newsdesk writes it) or
// among the words of an RSS generator (a proxy's rewrite), and nothing
// for a generator that names none.
func TestInstance(t *testing.T) {
	t.Parallel()
	atom := func(gen string) string {
		return `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><id>x</id><title>t</title>` + gen +
			`<updated>2026-01-01T00:00:00Z</updated></feed>`
	}
	tests := []struct {
		name, doc string
		want      []string
	}{
		{"atom generator uri", atom(`<generator uri="urn:newsdesk:instance:ABC123">newsdesk</generator>`), []string{"urn:newsdesk:instance:ABC123"}},
		{"atom generator with version", atom(`<generator uri="urn:newsdesk:instance:x-1" version="2">newsdesk</generator>`), []string{"urn:newsdesk:instance:x-1"}},
		{"atom, another generator", atom(`<generator uri="https://wordpress.org/">WordPress</generator>`), nil},
		{"atom, the bare prefix", atom(`<generator uri="urn:newsdesk:instance:">newsdesk</generator>`), nil},
		{"atom, no generator", atom(``), nil},
		{"rss generator", `<rss version="2.0"><channel><title>t</title><generator>newsdesk urn:newsdesk:instance:ABC123</generator></channel></rss>`, []string{"urn:newsdesk:instance:ABC123"}},
		// A generator that names another desk before this one: each counts.
		{"rss generator, two instances", `<rss version="2.0"><channel><title>t</title><generator>urn:newsdesk:instance:other urn:newsdesk:instance:ABC123</generator></channel></rss>`, []string{"urn:newsdesk:instance:other", "urn:newsdesk:instance:ABC123"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f, err := Parse([]byte(tt.doc), "https://desk.example/feed")
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, f.Instances); diff != "" {
				t.Errorf("Instances (-want +got):\n%s", diff)
			}
			// NamesInstance answers for every instance named, not only
			// the first, and for no other.
			for _, urn := range tt.want {
				if id := strings.TrimPrefix(urn, InstanceURNPrefix); !f.NamesInstance(id) {
					t.Errorf("NamesInstance(%q) = false; want true", id)
				}
			}
			for _, id := range []string{"", "nobody"} {
				if f.NamesInstance(id) {
					t.Errorf("NamesInstance(%q) = true; want false", id)
				}
			}
		})
	}
}

// TestImplausibleDatesDropped: an item dated before the web's news sites or
// more than a year ahead has no publication date, as a page declaring one
// has none (extract's parseDate). Kept, 9999-12-31 overflowed the store's
// Unix nanoseconds and came back as 1816, and a date years ahead would keep
// its story first in the ranked list for years. A plausible update time
// stands in for an implausible publication date, as for a missing one.
func TestImplausibleDatesDropped(t *testing.T) {
	t.Parallel()
	const head = `<rss version="2.0"><channel><title>T</title><link>https://d.example/</link>`
	next := time.Now().UTC().AddDate(0, 6, 0).Truncate(time.Second)
	tests := []struct {
		name, item string
		want       time.Time
	}{
		{"year 9999", `<pubDate>Fri, 31 Dec 9999 23:59:59 GMT</pubDate>`, time.Time{}},
		{"two years ahead", `<pubDate>` + time.Now().UTC().AddDate(2, 0, 0).Format(time.RFC1123Z) + `</pubDate>`, time.Time{}},
		{"year 1066", `<pubDate>Sat, 14 Oct 1066 09:00:00 GMT</pubDate>`, time.Time{}},
		{"updated only, year 9999", `<atom:updated xmlns:atom="http://www.w3.org/2005/Atom">9999-12-31T23:59:59Z</atom:updated>`, time.Time{}},
		{"a real date", `<pubDate>Tue, 10 Mar 2026 10:00:00 GMT</pubDate>`, time.Date(2026, 3, 10, 10, 0, 0, 0, time.UTC)},
		{"year 9999, a real update", `<pubDate>Fri, 31 Dec 9999 23:59:59 GMT</pubDate><atom:updated xmlns:atom="http://www.w3.org/2005/Atom">2026-03-10T10:00:00Z</atom:updated>`, time.Date(2026, 3, 10, 10, 0, 0, 0, time.UTC)},
		{"a real date, updated in 9999", `<pubDate>Tue, 10 Mar 2026 10:00:00 GMT</pubDate><atom:updated xmlns:atom="http://www.w3.org/2005/Atom">9999-12-31T23:59:59Z</atom:updated>`, time.Date(2026, 3, 10, 10, 0, 0, 0, time.UTC)},
		{"six months ahead, a scheduled post", `<pubDate>` + next.Format(time.RFC1123Z) + `</pubDate>`, next},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f, err := Parse([]byte(head+"<item><title>x</title><link>https://d.example/a</link>"+tt.item+"</item></channel></rss>"), "https://d.example/rss")
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, f.Items[0].Published); diff != "" {
				t.Errorf("Published (-want +got):\n%s", diff)
			}
		})
	}
}

// TestValidInstanceID checks the one rule for an instance ID, which the
// configuration and the store conformance suite both ask: a word that ends
// the generator's URN and is read back whole.
func TestValidInstanceID(t *testing.T) {
	t.Parallel()
	tests := []struct {
		id   string
		want bool
	}{
		{"desk-1.eu_west", true},
		{"ABCDEFGHIJKLMNOPQRSTUVWXYZ", true}, // crypto/rand.Text's alphabet
		{strings.Repeat("d", 64), true},
		{"", false},
		{strings.Repeat("d", 65), false},
		{"desk one", false},
		{"desk\tone", false},
		{"desk/one", false},
		{"déjà", false},
		{"desk:1", false},
	}
	for _, tt := range tests {
		if got := ValidInstanceID(tt.id); got != tt.want {
			t.Errorf("ValidInstanceID(%q) = %v, want %v", tt.id, got, tt.want)
		}
	}
}

// TestAuthorControlChars: a feed's author name, the article's byline, is
// held to the rule its text is (dropControls). XML refuses control
// characters, but a JSON feed's "\u0001" decodes to one, and the name was
// kept as given.
func TestAuthorControlChars(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, author, want string }{
		{"glued", `Ann\u0001 Lee`, "Ann Lee"},
		{"alone between spaces", `Ann \u007f Lee`, "Ann Lee"},
		{"at the ends", `\u0002 Ann Lee \u001f`, "Ann Lee"},
		{"plain", `Ann Lee`, "Ann Lee"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			doc := `{"version":"https://jsonfeed.org/version/1.1","title":"W","items":[{"id":"1","url":"https://d.example/a","title":"x","content_text":"y","authors":[{"name":"` + tt.author + `"}]}]}`
			f, err := Parse([]byte(doc), "https://d.example/feed.json")
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, f.Items[0].Author); diff != "" {
				t.Errorf("Author (-want +got):\n%s", diff)
			}
		})
	}
}
