package extract

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

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
			name: "three words found only past the rest's first split",
			page: `<p>Feed the <b>cats </b>now.</p><p>A cat snow day.</p>`,
			body: "Feed thecatsnow.",
			want: "Feed the cats now.",
		},
		// Left alone.
		{
			name: "a pair side by side only across paragraphs",
			page: `<p>The colors</p><p>are red.</p>`,
			body: "The colorsare red.",
			want: "The colorsare red.",
		},
		{
			name: "a word split by a soft hyphen",
			page: `<p>An extra&shy;ordinary result.</p>`,
			body: "An extraordinary result.",
			want: "An extraordinary result.",
		},
		{
			name: "a word split by a zero-width space",
			page: `<p>See the data&#8203;base now.</p>`,
			body: "See the database now.",
			want: "See the database now.",
		},
		{
			// The words stand apart in a list of tags elsewhere.
			name: "Chinese glued across inline elements",
			page: `<p>我爱<b>北京</b>天安门</p><p>北京 天安门</p>`,
			body: "北京天安门",
			want: "北京天安门",
		},
		{
			name: "Thai glued across inline elements",
			page: `<p>ภาษา<b>ไทย</b>ง่าย</p><p>ภาษา ไทย</p>`,
			body: "ภาษาไทย",
			want: "ภาษาไทย",
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

// TestSplitGluedBudget checks that a page made of many long words that
// split in many ways costs splitGlued a bounded number of lookups, and
// that one such word costs no more than the square of its length.
func TestSplitGluedBudget(t *testing.T) {
	t.Parallel()
	var page strings.Builder
	page.WriteString("<p>")
	for n := 1; n < gluedMax; n++ {
		page.WriteString(strings.Repeat("a", n) + " ")
	}
	page.WriteString("</p>")
	o := newOutline(parseHTML(t, "<html><body>"+page.String()+"</body></html>"))

	one := splitter{budget: glueBudget, page: o.wordPairs()}
	one.cuts(strings.Repeat("a", gluedMax-1) + "b")
	if limit := gluedMax * gluedMax; one.lookups > limit {
		t.Errorf("one word of %d bytes: %d lookups, want at most %d", gluedMax, one.lookups, limit)
	}

	// Distinct words, so that none is answered from the words done.
	words := make([]string, 0, 20000)
	for i := range cap(words) {
		words = append(words, strings.Repeat("a", gluedMax-5)+fmt.Sprintf("%05d", i)[:5])
	}
	body := []para{{text: strings.Join(words, " ")}}
	s := splitter{budget: glueBudget, page: o.wordPairs()}
	for _, w := range words {
		s.cuts(w)
	}
	if s.lookups > glueBudget {
		t.Errorf("%d words: %d lookups, want at most %d", len(words), s.lookups, glueBudget)
	}
	if s.lookups < glueBudget {
		t.Errorf("%d words: %d lookups, want the page to spend the budget of %d", len(words), s.lookups, glueBudget)
	}
	if got := o.splitGlued(body); got[0].text != body[0].text {
		t.Error("splitGlued changed words the page does not split")
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
		{"German ß before a closing quote", "„Spaß“", "„Spaß“"},
		{"German ß before a dash", "Maß–Zahl", "Maß–Zahl"},
		{"French capital before a guillemet", "« ÉTÉ»", "« ÉTÉ»"},
		{"capital before an apostrophe", "CAFÉ’S", "CAFÉ’S"},
		{"capital before an ellipsis", "PELÉ…", "PELÉ…"},
		{"times and a half", "2×½", "2×½"},
		{"Portuguese capital Ã before punctuation", "“IRMÃ”, disse a IRMÃ…", "“IRMÃ”, disse a IRMÃ…"},
		{"French", "« Où est l’été ? » À bientôt, ÇA VA ! Noël, façade, cœur.", "« Où est l’été ? » À bientôt, ÇA VA ! Noël, façade, cœur."},
		{"German", "Größe, Übermaß, „Äpfel“ und STRAẞE – süß…", "Größe, Übermaß, „Äpfel“ und STRAẞE – süß…"},
		{"Spanish", "¿Qué tal? ¡Olé! AÑO, niño, «útil», canción…", "¿Qué tal? ¡Olé! AÑO, niño, «útil», canción…"},
		{"Portuguese", "NÃO, irmã; coração, São Paulo — “maçã”", "NÃO, irmã; coração, São Paulo — “maçã”"},
		{"Polish", "Zażółć gęślą jaźń — „ŁÓDŹ” i ÓSMY…", "Zażółć gęślą jaźń — „ŁÓDŹ” i ÓSMY…"},
		{"an ambiguous sequence alone", "Ã\u00a0 la", "Ã\u00a0 la"},
		// Ambiguous sequences in text misread elsewhere as well.
		{"ambiguous beside unambiguous", "Ã\u00a0 la carte, cafÃ© and thÃ©", "à la carte, café and thé"},
		{"Russian, sequences run together", "ÐŸÑ€Ð¸Ð²ÐµÑ‚", "Привет"},
		{"misread capital", "PELÃ‰ and CAFÃ‰", "PELÉ and CAFÉ"},
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

// TestExtractMojibakeMeta checks that the page's misread bytes are undone
// in its title, description and byline as well as in its text.
func TestExtractMojibakeMeta(t *testing.T) {
	t.Parallel()
	para := "<p>The council met on Tuesday and said the bridge wonâ€™t reopen before spring, as the repairs to its deck take longer than planned and the contractor needs another season.</p>"
	page := `<html><head><title>Bridge wonâ€™t reopen</title>
<meta name="description" content="Councilâ€™s delay">
<meta name="author" content="JosÃ© Müller">
</head><body><article><h1>Bridge wonâ€™t reopen</h1>` + strings.Repeat(para, 4) + `</article></body></html>`
	res, err := Extract([]byte(page), "https://example.com/news/bridge")
	if err != nil {
		t.Fatal(err)
	}
	got := []string{res.Title, res.Description, res.Byline, strings.SplitN(res.Text, "\n", 2)[0]}
	want := []string{"Bridge won’t reopen", "Council’s delay", "José Müller", strings.ReplaceAll(para[3:len(para)-4], "â€™", "’")}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("title, description, byline, first paragraph (-want +got):\n%s", diff)
	}
}

// FuzzFixMojibake checks that fixMojibake keeps valid text valid and
// never lengthens it: a sequence of two to four characters becomes one.
func FuzzFixMojibake(f *testing.F) {
	for _, s := range []string{"doesnâ€™t", "„Spaß“", "CafÃ© Ã\u00a0 la", "ÐŸÑ€Ð¸Ð²ÐµÑ‚", "ð\u009f\u0098\u0080"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		got := fixMojibake(s)
		if !utf8.ValidString(got) || len(got) > len(s) {
			t.Fatalf("fixMojibake(%q) = %q", s, got)
		}
	})
}
