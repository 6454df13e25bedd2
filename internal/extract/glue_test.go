package extract

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestSplitGlued checks that words go-trafilatura glued across inline
// elements are split where the page shows them apart, and that words the
// page itself writes as one are left alone.
func TestSplitGlued(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		page string
		body string
		want string
	}{
		{
			name: "tail after an inline element",
			page: `<p>What <strong>styles, themes, colors </strong>are you drawn to?</p>`,
			body: "What styles, themes, colorsare you drawn to?",
			want: "What styles, themes, colors are you drawn to?",
		},
		{
			name: "link text and the bold text after it",
			page: `<p>Book a <a href="/demo"><b>free FieldEdge demo</b></a><b> and see</b> how.</p>`,
			body: "Book a free FieldEdge demoand see how.",
			want: "Book a free FieldEdge demo and see how.",
		},
		{
			name: "three words, the middle one a tail between two elements",
			page: `<li>Digital Marketing from <i>Accenture</i> via <i>FutureLearn</i></li>`,
			body: "Digital Marketing from AccentureviaFutureLearn",
			want: "Digital Marketing from Accenture via FutureLearn",
		},
		{
			name: "styled parts of one word",
			page: `<p>Read it on Silicon<span>ANGLE</span> today.</p>`,
			body: "Read it on SiliconANGLE today.",
			want: "Read it on SiliconANGLE today.",
		},
		{
			name: "pieces never side by side in the page",
			page: `<p>The colors of autumn.</p><p>Some are red.</p>`,
			body: "The colorsare red.",
			want: "The colorsare red.",
		},
		{
			name: "longer than a glued word can be",
			page: `<p>` + strings.Repeat("ab", 20) + ` ` + strings.Repeat("cd", 20) + `</p>`,
			body: strings.Repeat("ab", 20) + strings.Repeat("cd", 20),
			want: strings.Repeat("ab", 20) + strings.Repeat("cd", 20),
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			o := newOutline(parseHTML(t, "<html><body>"+tc.page+"</body></html>"))
			got := o.splitGlued([]para{{text: tc.body, linkShare: 0.5}})
			want := []para{{text: tc.want, linkShare: 0.5}}
			if diff := cmp.Diff(want, got, cmp.AllowUnexported(para{})); diff != "" {
				t.Errorf("splitGlued (-want +got):\n%s", diff)
			}
		})
	}
}

// TestFixMojibake checks that UTF-8 read as Latin-1 or Windows-1252 is
// undone, and that text without whole sequences is left as it is.
func TestFixMojibake(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, in, want string }{
		{"Windows-1252 apostrophe", "doesnâ€™t", "doesn’t"},
		{"Latin-1, C1 controls", "doesn\u00e2\u0080\u0099t and it\u00e2\u0080\u0094then", "doesn’t and it—then"},
		{"two-byte sequence", "CafÃ© and naÃ¯ve", "Café and naïve"},
		{"trademark", "Network\u00e2\u201e\u00a2 today", "Network™ today"},
		{"emoji", "ð\u009f\u0098\u0080 yes", "😀 yes"},
		// Left alone.
		{"ASCII", "plain text", "plain text"},
		{"proper UTF-8", "Café, naïve, São Paulo — “quoted”", "Café, naïve, São Paulo — “quoted”"},
		{"lead without continuation", "Ã la carte", "Ã la carte"},
		{"cut short at the end", "endsâ€", "endsâ€"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := fixMojibake(tc.in); got != tc.want {
				t.Errorf("fixMojibake(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}
