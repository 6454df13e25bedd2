package extract

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// distinctWords returns a paragraph of n words tagged by prefix, distinct
// from each other and from those of other prefixes, so that shared and
// one-sided paragraphs are exact.
func distinctWords(prefix string, n int) para {
	ws := make([]string, n)
	for i := range ws {
		ws[i] = prefix + strings.Repeat("x", i%7) + string(rune('a'+i%26)) + strings.Repeat("y", i/26)
	}
	return para{text: strings.Join(ws, " ")}
}

func FuzzCollapseSpace(f *testing.F) {
	for _, s := range []string{"", "  a  b\n\tc ", "\u00a0x\u2003y\u00a0", "\xff  \xfe", "one", "a b c", " a b ", "a b\nc d"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := strings.Join(strings.Fields(s), " ")
		if got := collapseSpace(s); got != want {
			t.Errorf("collapseSpace(%q) = %q, want %q", s, got, want)
		}
	})
}

// FuzzWordCount checks that counting words, alone or while collapsing
// white space, agrees with normalising the text and splitting it.
func FuzzWordCount(f *testing.F) {
	for _, s := range []string{"", "Hello, World!", " a\u00a0b\u2003 c_d-e ", "ÉTÉ à Paris_2024 — ok", "\xffA\xfeb", "x\u0085y"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := len(strings.Fields(normWords(s)))
		if got := wordCount(s); got != want {
			t.Errorf("wordCount(%q) = %d, want %d", s, got, want)
		}
		wantText := strings.Join(strings.Fields(s), " ")
		if got, n := collapseCount(s); got != wantText || n != want {
			t.Errorf("collapseCount(%q) = %q, %d, want %q, %d", s, got, n, wantText, want)
		}
	})
}

// FuzzWordHashes checks that hashing words while scanning agrees with
// normalising the text and splitting it.
func FuzzWordHashes(f *testing.F) {
	for _, s := range []string{"", "Hello, World!", "ÉTÉ à Paris_2024 — ok", "\xffA\xfeb", "İstanbul ǅ x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var want []uint64
		for _, w := range strings.Fields(normWords(s)) {
			h := uint64(fnvOffset)
			for i := 0; i < len(w); i++ {
				h = (h ^ uint64(w[i])) * fnvPrime
			}
			want = append(want, h)
		}
		if diff := cmp.Diff(want, wordHashes(s)); diff != "" {
			t.Errorf("wordHashes(%q) mismatch (-want +got):\n%s", s, diff)
		}
	})
}

func TestGramTable(t *testing.T) {
	t.Parallel()
	g := newGramTable(3)
	added := []uint64{0, 1, 17, 33, 1 << 40, 16}
	for _, h := range added {
		g.add(h)
	}
	tests := []struct {
		h    uint64
		want bool
	}{
		{0, true}, {1, true}, {17, true}, {33, true}, {1 << 40, true}, {16, true},
		{2, false}, {49, false}, {1<<40 + 1, false},
	}
	for _, tt := range tests {
		if got := g.has(tt.h); got != tt.want {
			t.Errorf("has(%d) = %v, want %v", tt.h, got, tt.want)
		}
	}
}

// TestChooseLead checks that readability's tighter body loses to
// go-trafilatura's when go-trafilatura's text starts well before it (see
// leadMin), and only then. Words are generated distinct so that shared and
// one-sided paragraphs are exact.
// chooseCase is a pair of bodies and the rule chooseBody should pick by.
type chooseCase struct {
	name       string
	t, r       []para
	wantChoice string
}

func checkChoices(t *testing.T, tests []chooseCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := chooseBody(tt.t, tt.r).choice
			if diff := cmp.Diff(tt.wantChoice, got); diff != "" {
				t.Errorf("choice mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestChooseLead(t *testing.T) {
	t.Parallel()
	words := distinctWords
	shared := []para{words("shared", 200), words("more", 200)}
	share := para{text: "Share on Facebook Share on X"}
	lead := func(n int) []para { return []para{words("intro", n)} }
	tests := []chooseCase{
		{"same text", shared, shared, "trafilatura"},
		{"trafilatura keeps a share bar", append([]para{share}, append(shared, words("caption", 20))...), shared, "readability-tighter"},
		{"short lead: the standfirst", append(lead(40), shared...), shared, "readability-tighter"},
		{"long lead: readability took one section", append(lead(leadMin), shared...), shared, "trafilatura-earlier-start"},
		{"long trailer, no lead", append(append([]para{}, shared...), words("comments", leadMin)), shared, "readability-tighter"},
	}
	checkChoices(t, tests)
}

// TestChoosePlace checks the rules that weigh where one body's extra text
// sits: readability's text inside go-trafilatura's span (a table or list
// go-trafilatura dropped) and a tighter readability body that is only a
// fragment of go-trafilatura's.
func TestChoosePlace(t *testing.T) {
	t.Parallel()
	a, c := distinctWords("first", 200), distinctWords("last", 200)
	table := distinctWords("table", 100) // a quarter of go-trafilatura's body
	teaser := distinctWords("teaser", 100)
	summary := distinctWords("summary", 30)
	small := distinctWords("small", 40) // a tenth of go-trafilatura's body
	tests := []chooseCase{
		{"readability keeps a table from the middle", []para{a, c}, []para{a, table, c}, "readability-inner"},
		{"readability's extra text follows the article", []para{a, c}, []para{a, c, teaser}, "trafilatura"},
		{"readability's extra text precedes the article", []para{a, c}, []para{teaser, a, c}, "trafilatura"},
		{"table plus a few words outside", []para{a, c}, []para{distinctWords("label", 10), a, table, c}, "readability-inner"},
		{"table plus a teaser outside", []para{a, c}, []para{a, table, c, distinctWords("more", 20)}, "trafilatura"},
		{"readability holds only the summary", []para{summary, a, c}, []para{summary}, "trafilatura-fragment"},
		{"readability leaves out a share bar", []para{a, c, distinctWords("share", 10)}, []para{a, c}, "readability-tighter"},
		{"a smaller table, readability holding all else", []para{a, c}, []para{a, small, c}, "readability-contains"},
		{"a smaller table, go-trafilatura keeping a line of its own", []para{a, distinctWords("own", 10), c}, []para{a, small, c}, "trafilatura"},
		{"a smaller table and a line after the article", []para{a, c}, []para{a, small, c, distinctWords("more", 5)}, "trafilatura"},
		{"a table under the smaller share", []para{a, c}, []para{a, distinctWords("table", 30), c}, "trafilatura"},
	}
	checkChoices(t, tests)
}

// TestRecover checks that a body holding scattered items of a block gets
// the whole block, and that a body followed (or preceded) by other text in
// its block is left alone.
func TestRecover(t *testing.T) {
	t.Parallel()
	p := func(prefix string, n int) string { return "<p>" + distinctWords(prefix, n).text + "</p>" }
	var grid strings.Builder
	for i := range 4 {
		fmt.Fprintf(&grid, `<div class="col"><h6>Plant %c</h6>%s</div>`, 'A'+i, p(fmt.Sprintf("plant%c", 'a'+i), 60))
	}
	gridPage := `<html><body><nav><p>Home About</p></nav><div id="main">` + p("intro", 40) +
		`<div class="row">` + grid.String() + `</div>` + p("outro", 30) + `</div><div class="footer">` + p("footer", 50) + `</div></body></html>`
	commentPage := `<html><body><div id="main">` + p("story", 150) + p("more", 150) +
		`<div class="thread">` + p("reader", 200) + p("other", 200) + `</div></div></body></html>`
	li := func(prefix string, n int) string { return "<li>" + distinctWords(prefix, n).text + "</li>" }
	listPage := `<html><body><nav><p>Home About</p></nav><div id="post">` + p("intro", 60) + `<h2>Why it works</h2><ul>` +
		li("first", 30) + li("second", 30) + `</ul>` + p("middle", 60) + `<ol>` + li("third", 20) + `</ol>` + p("end", 60) +
		`</div><div class="footer">` + p("footer", 50) + `</div></body></html>`
	linkedPage := `<html><body><div id="post">` + p("intro", 60) + `<ul><li><a href="/a">` + distinctWords("first", 30).text +
		`</a></li><li><a href="/b">` + distinctWords("second", 30).text + `</a></li></ul>` + p("middle", 60) + p("end", 60) + `</div></body></html>`
	tailPage := `<html><body><div id="post">` + p("intro", 60) + `<ul>` + li("first", 30) + `</ul>` + p("middle", 60) + p("end", 60) +
		`<ul>` + li("last", 20) + li("lastb", 20) + `</ul></div></body></html>`
	listAfterPage := `<html><body><div id="post">` + p("intro", 60) + p("middle", 60) + p("end", 60) +
		`<ul>` + li("last", 20) + li("lastb", 20) + `</ul></div></body></html>`
	texts := func(ps []para) []string {
		out := make([]string, len(ps))
		for i, p := range ps {
			out[i] = collapseSpace(p.text)
		}
		return out
	}
	w := func(prefix string, n int) para { return distinctWords(prefix, n) }
	tests := []struct {
		name string
		page string
		body []para
		want []para
	}{
		{
			name: "first and last items of a grid",
			page: gridPage,
			body: []para{w("intro", 40), {text: "Plant A"}, w("planta", 60), w("outro", 30)},
			want: []para{w("intro", 40), {text: "Plant A"}, w("planta", 60), {text: "Plant B"}, w("plantb", 60),
				{text: "Plant C"}, w("plantc", 60), {text: "Plant D"}, w("plantd", 60), w("outro", 30)},
		},
		{
			name: "the grid's first item only: the rest follows the body",
			page: gridPage,
			body: []para{w("intro", 40), {text: "Plant A"}, w("planta", 60)},
			want: []para{w("intro", 40), {text: "Plant A"}, w("planta", 60)},
		},
		{
			name: "comments after the article",
			page: commentPage,
			body: []para{w("story", 150), w("more", 150)},
			want: []para{w("story", 150), w("more", 150)},
		},
		{
			name: "list items and headings lost between the body's paragraphs",
			page: listPage,
			body: []para{w("intro", 60), w("middle", 60), w("end", 60)},
			want: []para{w("intro", 60), {text: "Why it works"}, w("first", 30), w("second", 30), w("middle", 60), w("third", 20), w("end", 60)},
		},
		{
			name: "a list of links between the paragraphs stays out",
			page: linkedPage,
			body: []para{w("intro", 60), w("middle", 60), w("end", 60)},
			want: []para{w("intro", 60), w("middle", 60), w("end", 60)},
		},
		{
			name: "with list items lost inside the body, a list after it is the article's too",
			page: tailPage,
			body: []para{w("intro", 60), w("middle", 60), w("end", 60)},
			want: []para{w("intro", 60), w("first", 30), w("middle", 60), w("end", 60), w("last", 20), w("lastb", 20)},
		},
		{
			name: "a list after a whole body stays out",
			page: listAfterPage,
			body: []para{w("intro", 60), w("middle", 60), w("end", 60)},
			want: []para{w("intro", 60), w("middle", 60), w("end", 60)},
		},
		{
			name: "most of the block already",
			page: gridPage,
			body: []para{w("intro", 40), w("planta", 60), w("plantb", 60), w("plantc", 60), w("outro", 30)},
			want: []para{w("intro", 40), w("planta", 60), w("plantb", 60), w("plantc", 60), w("outro", 30)},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			doc := parseHTML(t, tt.page)
			got := newOutline(doc).recoverChosen(chosen{paras: tt.body})
			if diff := cmp.Diff(texts(tt.want), texts(got)); diff != "" {
				t.Errorf("recover mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDropRepeats(t *testing.T) {
	t.Parallel()
	a, b := distinctWords("alpha", 60), distinctWords("beta", 60)
	quote := distinctWords("quote", 12)
	label := para{text: "Eat every 2-3 hours"}
	tests := []struct {
		name string
		in   []para
		want []para
	}{
		{"article rendered twice", []para{a, b, a, b}, []para{a, b}},
		{"article rendered three times", []para{a, b, a, b, a, b}, []para{a, b}},
		{"pull quote repeated", []para{quote, a, quote, b}, []para{quote, a, quote, b}},
		{"a label in every section", []para{label, a, label, b}, []para{label, a, label, b}},
		{"one long paragraph repeated", []para{a, b, a}, []para{a, b, a}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := dropRepeats(tt.in)
			if diff := cmp.Diff(texts(tt.want), texts(got)); diff != "" {
				t.Errorf("dropRepeats mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestRecoverChosenReuse checks that the words and gram set chooseBody
// hands to recoverChosen give what recoverChosen finds hashing the chosen
// paragraphs afresh, for every rule chooseBody picks by, readability's
// body with a link list dropped included. The page holds both bodies'
// paragraphs with list items between them, so that some bodies are
// completed from the page and others are not.
func TestRecoverChosenReuse(t *testing.T) {
	t.Parallel()
	w := distinctWords
	a, c := w("first", 200), w("last", 200)
	links := para{text: w("related", 20).text, linkShare: 0.9}
	shared := []para{w("shared", 200), w("more", 200)}
	tests := []chooseCase{
		{"trafilatura", []para{a, c}, []para{a, c, w("teaser", 100)}, "trafilatura"},
		{"trafilatura-earlier-start", append([]para{w("intro", leadMin)}, shared...), shared, "trafilatura-earlier-start"},
		{"trafilatura-fragment", []para{w("summary", 30), a, c}, []para{w("summary", 30)}, "trafilatura-fragment"},
		{"readability-tighter", []para{a, c, w("share", 10)}, []para{a, c}, "readability-tighter"},
		{"readability-tighter, a link list dropped", []para{a, c, w("share", 10)}, []para{a, c, links}, "readability-tighter"},
		{"readability-more", []para{a}, []para{a, w("gain", 150)}, "readability-more"},
		{"readability-inner", []para{a, c}, []para{a, w("table", 100), c}, "readability-inner"},
		{"readability-inner, a link list dropped", []para{a, c}, []para{a, w("table", 100), links, c}, "readability-inner"},
		{"readability-contains", []para{a, c}, []para{a, w("small", 40), c}, "readability-contains"},
		{"readability, go-trafilatura wordless", []para{{text: "—"}}, []para{a, c}, "readability"},
		{"trafilatura alone", []para{a, c}, nil, "trafilatura"},
		{"readability alone", nil, []para{a, c}, "readability"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var page strings.Builder
			page.WriteString(`<html><body><div id="post">`)
			seen := map[string]bool{}
			for i, p := range append(append([]para{}, tt.r...), tt.t...) {
				if seen[p.text] {
					continue
				}
				seen[p.text] = true
				fmt.Fprintf(&page, "<p>%s</p><ul><li>%s</li></ul>", p.text, w(fmt.Sprintf("item%c", 'a'+i), 30).text)
			}
			page.WriteString(`</div></body></html>`)
			o := newOutline(parseHTML(t, page.String()))
			got := chooseBody(tt.t, tt.r)
			if diff := cmp.Diff(tt.wantChoice, got.choice); diff != "" {
				t.Fatalf("choice mismatch (-want +got):\n%s", diff)
			}
			want := o.recoverChosen(chosen{paras: got.paras})
			if diff := cmp.Diff(texts(want), texts(o.recoverChosen(got))); diff != "" {
				t.Errorf("recoverChosen with chooseBody's hashes mismatch (-fresh +reused):\n%s", diff)
			}
		})
	}
}
