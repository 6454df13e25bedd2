package extract

import (
	"io"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestControlCharsDropped: C0 control characters other than white space,
// and DEL, are no text: a browser draws nothing for them, and kept they
// reached the stored text, the briefings citing it and the Markdown
// export. They are dropped whether the page holds them raw, as character
// references or as JSON-LD escapes (the last two are decoded after the
// page is read, so they were kept when raw ones were first dropped). A raw
// NUL must go before the page is parsed, which reads it in a title as
// U+FFFD.
func TestControlCharsDropped(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name                          string
		title, ld, ferry, run, demand string // where each control stands
		head                          string // a charset's <meta>, say
	}{
		{"raw", "Ferry\x00\x01 timetable", "", "ferry\x0b will", "run\x01 four", "crossings\x1f", ""},
		// Not UTF-8 (0x93 and 0x94 are curly quotes): decoded, then dropped.
		{"raw, windows-1252", "Ferry\x00\x01 timetable", "", "ferry\x0b will", "run\x01 four", "crossings\x1f", `<meta charset="windows-1252"><meta name="keywords" content="\x93ferry\x94">`},
		{"references", "Ferry&#1; timetable", "", "ferry&#11; will", "run &#x7f; four", "crossings &#x1f;", ""},
		{"json-ld escapes", "Ferry timetable", `"headline":"Ferry\u0001 timetable changes for the winter","author":{"@type":"Person","name":"Ann\u0002 Lee"},`, "ferry will", "run four", "crossings", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			// The padding puts the title past the first KiB, where a NUL is
			// no sign of a binary file.
			page := "<!doctype html><html><head>" + tt.head + "<!--" + strings.Repeat(" ", 1024) + "--><meta name=\"description\" content=\"" + tt.title + " changes\"><title>" + tt.title + " changes for the winter</title>" +
				`<script type="application/ld+json">{"@type":"NewsArticle",` + tt.ld + `"inLanguage":"en"}</script></head><body><article>` +
				"<h1>" + tt.title + " changes for the winter</h1>" +
				"<p>The island " + tt.ferry + " " + tt.run + " times a day from December, the operator Brannock Lines said on Monday, cutting two evening " + tt.demand + " because of falling demand.</p>" +
				"<p>Commuters said&#12; the change would make it harder to reach jobs in Port Anselm, and the island council asked the operator to keep one late crossing on Fridays.</p>" +
				"</article></body></html>"
			res, err := Extract([]byte(page), "https://ferry.example/news/timetable")
			if err != nil {
				t.Fatal(err)
			}
			control := func(s string) []string {
				var out []string
				for _, r := range s {
					if (r < 0x20 && r != '\n') || r == 0x7f || r == '\uFFFD' {
						out = append(out, string(r))
					}
				}
				return out
			}
			got := map[string][]string{"title": control(res.Title), "byline": control(res.Byline), "description": control(res.Description), "text": control(res.Text)}
			if diff := cmp.Diff(map[string][]string{"title": nil, "byline": nil, "description": nil, "text": nil}, got); diff != "" {
				t.Errorf("control characters kept (-want +got):\n%s\ntitle %q, byline %q, description %q, text: %q", diff, res.Title, res.Byline, res.Description, res.Text)
			}
			for _, want := range []string{"The island ferry will run four times a day", "crossings because of falling demand", "Commuters said the change"} {
				if !strings.Contains(res.Text, want) {
					t.Errorf("text lacks %q: %q", want, res.Text)
				}
			}
			if want := "Ferry timetable changes for the winter"; res.Title != want {
				t.Errorf("title %q, want %q", res.Title, want)
			}
		})
	}
}

// TestIndexControl checks the eight-bytes-at-a-time scan against a byte
// at a time, for every byte value at every place of a word and of the
// tail, among white space (which a word's first test lets through), and
// followed by control bytes, so that of two in one word the first is
// answered, not the last.
func TestIndexControl(t *testing.T) {
	t.Parallel()
	naive := func(p []byte) int {
		for i, c := range p {
			if c < 0x20 && (c < '\t' || c > '\r') || c == 0x7f {
				return i
			}
		}
		return -1
	}
	for _, fill := range []byte{'a', ' ', '\n', 0x80, 0xff, '~'} {
		for size := range 20 {
			for at := range size {
				for c := range 256 {
					p := []byte(strings.Repeat(string([]byte{fill}), size))
					p[at] = byte(c)
					if got, want := indexControl(p), naive(p); got != want {
						t.Fatalf("indexControl(%q) = %d, want %d", p, got, want)
					}
					for i := at + 1; i < size; i++ {
						p[i] = 0x01
					}
					if got, want := indexControl(p), naive(p); got != want {
						t.Fatalf("indexControl(%q) = %d, want %d", p, got, want)
					}
				}
			}
		}
	}
}

// TestDropControlText: the controls decoded from the parsed page go, and so
// does a space they would leave doubled or at an end; other text is
// returned as it is.
func TestDropControlText(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"", ""},
		{"no control  here \n", "no control  here \n"},
		{"ferry\x01 will", "ferry will"},
		{"ferry \x01 will", "ferry will"},
		{"ferry \x01\x7f will", "ferry will"},
		{"ferry\x01will", "ferrywill"},
		{"\x01 ferry", "ferry"},
		{"ferry \x01", "ferry"},
		{"crossings \x1f\n\nCommuters", "crossings\n\nCommuters"},
		{"crossings\n\n\x1f Commuters", "crossings\n\nCommuters"},
		{"tab\tand\vfeed\fstay", "tab\tand\vfeed\fstay"},
		{"Zürich \x01 “quoted”", "Zürich “quoted”"},
	}
	for _, tt := range tests {
		if got := dropControlText(tt.in); got != tt.want {
			t.Errorf("dropControlText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestWithoutControls: a page without control bytes is read as it is, one
// with them without them.
func TestWithoutControls(t *testing.T) {
	t.Parallel()
	for _, page := range []string{"", "<p>plain</p>\n", "<p>a\x01b\x7f</p>\x00", "\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f<p>x</p>"} {
		got, err := io.ReadAll(withoutControls([]byte(page)))
		if err != nil {
			t.Fatal(err)
		}
		want := strings.Map(func(r rune) rune {
			if isControl(r) {
				return -1
			}
			return r
		}, page)
		if string(got) != want {
			t.Errorf("withoutControls(%q) = %q, want %q", page, got, want)
		}
	}
}

// TestDropControlParagraphs: a paragraph that was nothing but control
// characters goes, rather than leaving "\n\n\n\n" in the text, whose
// paragraphs are separated by exactly "\n\n".
func TestDropControlParagraphs(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"a\n\nb", "a\n\nb"},
		{"a\n\n\x01\n\nb", "a\n\nb"},
		{"\x01 \n\na \x01\n\nb", "a\n\nb"},
		{"a\n\n\x7f", "a"},
	}
	for _, tt := range tests {
		if got := dropControlParagraphs(tt.in); got != tt.want {
			t.Errorf("dropControlParagraphs(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestControlOnlyParagraph: a page's paragraph of nothing but a control
// reference (<p>&#1;</p>) leaves no empty paragraph in the text.
func TestControlOnlyParagraph(t *testing.T) {
	t.Parallel()
	const page = `<!doctype html><html><head><title>Ferry timetable changes for the winter</title></head><body><article><h1>Ferry timetable changes for the winter</h1>
<p>The island ferry will run four times a day from December, the operator Brannock Lines said on Monday, cutting two evening crossings because of falling demand.</p>
<p>&#1;</p>
<p>Commuters said the change would make it harder to reach jobs in Port Anselm, and the island council asked the operator to keep one late crossing on Fridays.</p></article></body></html>`
	res, err := Extract([]byte(page), "https://ferry.example/news/timetable")
	if err != nil {
		t.Fatal(err)
	}
	if want := "falling demand.\n\nCommuters said"; !strings.Contains(res.Text, want) {
		t.Errorf("text lacks %q: %q", want, res.Text)
	}
}
