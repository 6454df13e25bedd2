package feed

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestHTMLText(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, want string
	}{
		{"plain", "Just text.", "Just text."},
		{"plain paragraphs", "One.\n\nTwo\nlines.\r\n\r\nThree.", "One.\n\nTwo lines.\n\nThree."},
		{"entities in plain text", "Fish &amp; chips &#8212; &eacute;t&eacute;", "Fish & chips — été"},
		{"a less-than sign is not a tag", "3 < 4 and 5 > 2", "3 < 4 and 5 > 2"},
		{"paragraphs", "<p>One.</p><p>Two.</p>", "One.\n\nTwo."},
		{"br", "<p>Line one<br/>line two</p>", "Line one\nline two"},
		{"inline elements join", "<p>A <b>bold</b> <a href='#'>link</a>.</p>", "A bold link."},
		{"script and style dropped", "<p>Keep</p><script>var x = '<p>no</p>';</script><style>p{}</style><p>this</p>", "Keep\n\nthis"},
		{"whitespace collapsed", "<div>\n   lots   of\n\tspace  </div>", "lots of space"},
		{"nested blocks", "<div><div><p>Deep</p></div>tail</div>", "Deep\n\ntail"},
		{"list", "<ul><li>a</li><li>b</li></ul>", "a\n\nb"},
		{"table cells", "<table><tr><td>1</td><td>2</td></tr></table>", "1 2"},
		{"comment", "<p>a<!-- hidden -->b</p>", "ab"},
		{"iframe and form", "<p>x</p><iframe src=x>y</iframe><form><input></form>", "x"},
		{"nbsp", "<p>a&nbsp;b</p>", "a b"},
		{"empty", "", ""},
		{"only tags", "<p></p><br><div> </div>", ""},
		{"control characters in plain text", "Ferry\x01 runs\x1f four\x7f times\x08.", "Ferry runs four times."},
		{"control characters in html", "<p>Ferry\x01 runs&#1; four&#x1f; times.</p>", "Ferry runs four times."},
	}
	for _, tt := range tests {
		if got := HTMLText(tt.in); got != tt.want {
			t.Errorf("%s: HTMLText(%q) = %q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
}

func ExampleHTMLText() {
	fmt.Println(HTMLText(`<p>Rain &amp; wind<br>tonight.</p><script>x()</script><p>Dry by noon.</p>`))
	// Output:
	// Rain & wind
	// tonight.
	//
	// Dry by noon.
}

func FuzzHTMLText(f *testing.F) {
	for _, s := range []string{"<p>a</p><p>b</p>", "x<br>y", "&amp;&#0;&#xFFFFFF;", "<script>", "a\n\n\nb", "<table><td>1<td>2", "<p>\u00a0</p>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := HTMLText(in)
		if strings.Contains(out, "\n\n\n") {
			t.Fatalf("HTMLText(%q) = %q: more than one blank line", in, out)
		}
		if strings.TrimSpace(out) != out {
			t.Fatalf("HTMLText(%q) = %q: untrimmed", in, out)
		}
		if utf8.ValidString(in) && !utf8.ValidString(out) {
			t.Fatalf("HTMLText(%q) = %q: invalid UTF-8", in, out)
		}
	})
}
