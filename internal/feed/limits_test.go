package feed

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// hostileFeed builds a feed of n items in format ("rss", "rdf", "atom",
// "atom-prefixed", "json"), item i linking http://example.com/i.
func hostileFeed(format string, n int) string {
	var b strings.Builder
	switch format {
	case "rss":
		b.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>Flood</title>`)
		for i := range n {
			fmt.Fprintf(&b, "<item><title>t%d</title><link>http://example.com/%d</link></item>", i, i)
		}
		b.WriteString("</channel></rss>")
	case "rdf":
		b.WriteString(`<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel><title>Flood</title><link>http://example.com/</link></channel>`)
		for i := range n {
			fmt.Fprintf(&b, "<item><title>t%d</title><link>http://example.com/%d</link></item>", i, i)
		}
		b.WriteString("</rdf:RDF>")
	case "atom":
		b.WriteString(`<?xml version="1.0" encoding="ISO-8859-1"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Flood</title>`)
		for i := range n {
			fmt.Fprintf(&b, `<entry><title>t%d</title><id>urn:%d</id><link href="http://example.com/%d"/></entry>`, i, i, i)
		}
		b.WriteString("</feed>")
	case "atom-prefixed":
		// bound counts only unprefixed item elements; Parse's own cap
		// keeps the rest.
		b.WriteString(`<?xml version="1.0"?><atom:feed xmlns:atom="http://www.w3.org/2005/Atom"><atom:title>Flood</atom:title>`)
		for i := range n {
			fmt.Fprintf(&b, `<atom:entry><atom:title>t%d</atom:title><atom:id>urn:%d</atom:id><atom:link href="http://example.com/%d"/></atom:entry>`, i, i, i)
		}
		b.WriteString("</atom:feed>")
	case "json":
		items := make([]map[string]string, n)
		for i := range items {
			items[i] = map[string]string{"id": fmt.Sprint(i), "url": fmt.Sprintf("http://example.com/%d", i), "title": fmt.Sprintf("t%d", i)}
		}
		out, _ := json.Marshal(map[string]any{"version": "https://jsonfeed.org/version/1.1", "title": "Flood", "items": items})
		b.Write(out)
	}
	return b.String()
}

// TestParseKeepsFirstItems checks that a feed of more than MaxItems items
// is cut to its first MaxItems, in every format, before gofeed builds them
// all: a 15 MiB feed of bare items took 22 s and 4.8 GB of allocations,
// and queued an article job per item.
func TestParseKeepsFirstItems(t *testing.T) {
	t.Parallel()
	// As many bare items as fit in fetch's 15 MiB body cap.
	const flood = 400_000
	tests := []struct {
		format string
		n      int
		want   int
	}{
		{"rss", MaxItems, MaxItems},
		{"rss", MaxItems + 1, MaxItems},
		{"rss", flood, MaxItems},
		{"rdf", MaxItems + 5, MaxItems},
		{"atom", MaxItems + 5, MaxItems},
		{"atom", 3, 3},
		{"atom-prefixed", MaxItems + 2, MaxItems},
		{"json", MaxItems + 5, MaxItems},
		{"json", MaxItems, MaxItems},
		{"json", flood, MaxItems},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s/%d", tt.format, tt.n), func(t *testing.T) {
			t.Parallel()
			f, err := Parse([]byte(hostileFeed(tt.format, tt.n)), "http://example.com/feed")
			if err != nil {
				t.Fatal(err)
			}
			if f.Title != "Flood" {
				t.Errorf("title %q, want Flood", f.Title)
			}
			if len(f.Items) != tt.want {
				t.Fatalf("%d items, want %d", len(f.Items), tt.want)
			}
			got := []string{f.Items[0].URL, f.Items[len(f.Items)-1].URL}
			want := []string{"http://example.com/0", fmt.Sprintf("http://example.com/%d", tt.want-1)}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("first and last item (-want +got):\n%s", diff)
			}
		})
	}
}

// TestBoundCutsItems checks bound itself, which Parse's own cap would
// hide: a feed of more than MaxItems items comes out shorter, with exactly
// MaxItems item ends, whatever bytes its text holds.
func TestBoundCutsItems(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ name, doc string }{
		{"utf-8", hostileFeed("rss", MaxItems+50)},
		{"latin-1 byte", strings.Replace(hostileFeed("rss", MaxItems+50), "<title>Flood</title>", "<title>Caf\xe9</title>", 1)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			out, err := bound([]byte(tt.doc))
			if err != nil {
				t.Fatal(err)
			}
			if len(out) >= len(tt.doc) {
				t.Fatalf("bound kept %d of %d bytes, want a cut", len(out), len(tt.doc))
			}
			if n := strings.Count(string(out), "</item>"); n != MaxItems {
				t.Errorf("%d items kept, want %d", n, MaxItems)
			}
		})
	}
}

// TestParseRefusesDeepNesting checks that XML nested deeper than MaxDepth
// is refused before gofeed walks it (1.4 million nested extension elements
// took it 21 s), and that a feed nested as deeply as MaxDepth is read; and
// that JSON Feed is refused too, by encoding/json's own limit.
func TestParseRefusesDeepNesting(t *testing.T) {
	t.Parallel()
	nested := func(depth int, open, closeTag string) []byte {
		// rss, channel and item are 3 levels; the rest nests in the item.
		inner := depth - 3
		return []byte(`<rss version="2.0" xmlns:x="http://x.example/"><channel><title>Deep</title><item><link>http://example.com/1</link>` +
			strings.Repeat(open, inner) + strings.Repeat(closeTag, inner) + `</item></channel></rss>`)
	}
	tooDeep := fmt.Sprintf("nested deeper than %d levels", MaxDepth)
	tests := []struct {
		name    string
		doc     []byte
		wantErr string
	}{
		{"at the limit", nested(MaxDepth, "<x:a>", "</x:a>"), ""},
		{"one past", nested(MaxDepth+1, "<x:a>", "</x:a>"), tooDeep},
		{"a million extension elements", nested(1_000_000, "<x:a>", "</x:a>"), tooDeep},
		{"a million plain elements", nested(1_000_000, "<a>", "</a>"), tooDeep},
		{"unclosed", []byte(`<rss version="2.0"><channel><title>Deep</title>` + strings.Repeat("<a>", 1_000_000)), tooDeep},
		// A Latin-1 byte in the text stopped the depth scan, which reads
		// UTF-8, while gofeed decodes the declared charset and walked on.
		{"Latin-1 text before the nesting", []byte(`<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>Caf` + "\xe9" + `</title><item><link>http://example.com/1</link>` + strings.Repeat("<a>", 100_000) + strings.Repeat("</a>", 100_000) + `</item></channel></rss>`), tooDeep},
		// encoding/json, which gofeed reads JSON Feed with, has a depth
		// limit of its own.
		{"JSON a million arrays deep", []byte(`{"version":"https://jsonfeed.org/version/1.1","title":"Deep","items":` + strings.Repeat("[", 1_000_000) + strings.Repeat("]", 1_000_000) + `}`), "exceeded max depth"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f, err := Parse(tt.doc, "http://example.com/feed")
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want one saying %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(f.Items) != 1 || f.Items[0].URL != "http://example.com/1" {
				t.Errorf("items %+v", f.Items)
			}
		})
	}
}
