package extract

import (
	"fmt"
	"strings"
	"testing"
	"unicode"

	"github.com/google/go-cmp/cmp"
)

// TestAddHeadings checks that a section heading directly above a body
// paragraph other than the first comes back, and that teaser titles,
// link headings among links, side elements' headings, the title and
// headings above nothing the body holds stay out. Each case runs with
// the default rules and with strict (Options.StrictHeadings): the cases
// whose wantStrict differs fail without round 16's rules.
func TestAddHeadings(t *testing.T) {
	t.Parallel()
	w := func(prefix string, n int) para { return distinctWords(prefix, n) }
	p := func(prefix string, n int) string { return "<p>" + w(prefix, n).text + "</p>" }
	body := []para{w("intro", 80), w("middle", 80), w("end", 40)}
	texts := func(ps []para) []string {
		out := make([]string, len(ps))
		for i, p := range ps {
			out[i] = p.text
		}
		return out
	}
	tests := []struct {
		name  string
		page  string
		body  []para // nil: body
		title string
		want  []string
		// wantStrict: with strict; nil: want.
		wantStrict []string
	}{
		{
			name: "section headings between paragraphs",
			page: `<html><body><article>` + p("intro", 80) + `<h2>How it <em>works</em></h2>` + p("middle", 80) +
				`<h3>What next</h3>` + p("end", 40) + `</article></body></html>`,
			want: []string{w("intro", 80).text, "How it works", w("middle", 80).text, "What next", w("end", 40).text},
		},
		{
			name: "a heading above a list item the body holds",
			page: `<html><body><article>` + p("intro", 80) + `<h2>Steps</h2><ul><li>` + w("middle", 80).text + `</li></ul>` +
				p("end", 40) + `</article></body></html>`,
			want: []string{w("intro", 80).text, "Steps", w("middle", 80).text, w("end", 40).text},
		},
		{
			name: "a heading above the body's first paragraph",
			page: `<html><body><article><h2>Overview</h2>` + p("intro", 80) + p("middle", 80) + p("end", 40) +
				`</article></body></html>`,
			want: texts(body),
		},
		{
			name: "a heading above a paragraph the body lacks",
			page: `<html><body><article>` + p("intro", 80) + `<h2>Comments</h2>` + p("other", 30) + p("middle", 80) +
				p("end", 40) + `</article></body></html>`,
			want: texts(body),
		},
		{
			name: "a teaser card's linked heading under its kicker, and one in a list item",
			page: `<html><body><article>` + p("intro", 80) + `<div><a href="/s">Life</a><h3><a href="/x">Another story entirely</a></h3></div>` +
				p("middle", 80) + `<ul><li><h4>A card title</h4>` + p("end", 40) + `</li></ul>` +
				`</article></body></html>`,
			want: texts(body),
		},
		{
			name: "a linked heading above a linked line",
			page: `<html><body><article>` + p("intro", 80) + `<h3><a href="/x">Another story</a></h3><p><a href="/y">` +
				w("middle", 80).text + `</a></p>` + p("end", 40) + `</article></body></html>`,
			want: texts(body),
		},
		{
			name: "a linked heading under a linked line and a spacer",
			page: `<html><body><article>` + p("intro", 80) + `<p><a href="/y">Another story entirely</a></p><p>&#8205;</p>` +
				`<h3><a href="/x">Yet another story</a></h3>` + p("middle", 80) + p("end", 40) + `</article></body></html>`,
			want: texts(body),
		},
		{
			name: "a linked section heading between paragraphs of text",
			page: `<html><body><article>` + p("intro", 80) + `<h2><a href="#how">How it works</a></h2>` + p("middle", 80) +
				p("end", 40) + `</article></body></html>`,
			want:       []string{w("intro", 80).text, "How it works", w("middle", 80).text, w("end", 40).text},
			wantStrict: texts(body),
		},
		{
			name: "headings in a side element that wraps the body",
			page: `<html><body><div class="entry-meta">` + p("intro", 80) + `<h2>How it works</h2>` + p("middle", 80) +
				`<div class="author-box"><h4>About us</h4></div>` + p("end", 40) + `</div></body></html>`,
			want:       []string{w("intro", 80).text, "How it works", w("middle", 80).text, w("end", 40).text},
			wantStrict: texts(body),
		},
		{
			name: "a heading above a spacer",
			page: `<html><body><article>` + p("intro", 80) + `<h2>How it works</h2><p>&#8205;</p>` + p("middle", 80) +
				p("end", 40) + `</article></body></html>`,
			want:       []string{w("intro", 80).text, "How it works", w("middle", 80).text, w("end", 40).text},
			wantStrict: texts(body),
		},
		{
			name: "a heading above a caption, and one above a linked list",
			page: `<html><body><article>` + p("intro", 80) + `<h2>How it works</h2><figure><img src="a.png">` +
				`<figcaption>Photo: A. Person</figcaption></figure>` + p("middle", 80) +
				`<h2>Related</h2><div class="related-posts"><a href="/y">Another story entirely</a></div>` + p("end", 40) +
				`</article></body></html>`,
			want:       []string{w("intro", 80).text, "How it works", w("middle", 80).text, w("end", 40).text},
			wantStrict: texts(body),
		},
		{
			name: "a heading above a paragraph whose spaces go-trafilatura dropped",
			page: `<html><body><article>` + p("intro", 80) + `<h2>How it works</h2><p>Read the <em>guide</em> ` +
				w("middle", 80).text + `</p>` + p("end", 40) + `</article></body></html>`,
			body:       []para{w("intro", 80), {text: "Read theguide " + w("middle", 80).text}, w("end", 40)},
			want:       []string{w("intro", 80).text, "How it works", "Read theguide " + w("middle", 80).text, w("end", 40).text},
			wantStrict: []string{w("intro", 80).text, "Read theguide " + w("middle", 80).text, w("end", 40).text},
		},
		{
			name: "a heading in an author box",
			page: `<html><body><article>` + p("intro", 80) + `<div class="author-box"><h4>About us</h4></div>` +
				p("middle", 80) + `<h2>Related: Another story entirely</h2>` + p("end", 40) + `</article></body></html>`,
			want: texts(body),
		},
		{
			name:  "the title as a section heading",
			page:  `<html><body><article>` + p("intro", 80) + `<h2>The Headline</h2>` + p("middle", 80) + p("end", 40) + `</article></body></html>`,
			title: "The Headline",
			want:  texts(body),
		},
		{
			name: "headings of cards above a line the page repeats",
			page: `<html><body><article>` + p("intro", 80) + `<h3>First product</h3>` + p("middle", 80) +
				`<h3>Second product</h3>` + p("middle", 80) + p("end", 40) + `</article></body></html>`,
			want: texts(body),
		},
		{
			name: "a heading of more than headMax words",
			page: `<html><body><article>` + p("intro", 80) + `<h2>` + w("long", headMax+1).text + `</h2>` + p("middle", 80) +
				p("end", 40) + `</article></body></html>`,
			want: texts(body),
		},
		{
			name: "a heading the body already holds",
			page: `<html><body><article>` + p("intro", 80) + `<h2>Steps</h2>` + p("middle", 80) + p("end", 40) +
				`</article></body></html>`,
			body: []para{w("intro", 80), {text: "Steps"}, w("middle", 80), w("end", 40)},
			want: []string{w("intro", 80).text, "Steps", w("middle", 80).text, w("end", 40).text},
		},
	}
	for _, tt := range tests {
		for _, strict := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/strict=%v", tt.name, strict), func(t *testing.T) {
				t.Parallel()
				doc := parseHTML(t, tt.page)
				in := tt.body
				if in == nil {
					in = body
				}
				want := tt.want
				if strict && tt.wantStrict != nil {
					want = tt.wantStrict
				}
				// As in Extract: dropSide runs first, and marks the side
				// elements that wrap the body.
				o := newOutline(doc)
				got := o.addHeadings(o.dropSide(in), tt.title, strict)
				if diff := cmp.Diff(want, texts(got)); diff != "" {
					t.Errorf("addHeadings mismatch (-want +got):\n%s", diff)
				}
			})
		}
	}
}

// TestSpacelessIndex checks that addHeadings' index finds a body
// paragraph by its text without white space, as a spaceless copy would:
// a text held twice gives -1, a hash two texts share is resolved by
// comparing them, and an invalid byte reads as utf8.RuneError.
func TestSpacelessIndex(t *testing.T) {
	t.Parallel()
	body := []para{{text: "Read theguide now"}, {text: "How it works"}, {text: "Twice said"}, {text: "Twice  said"}, {text: "bad\xffbyte"}}
	// collided: one hash for two different texts, as if they collided.
	collided := spacelessIndex{body: body, at: map[uint64]int{spacelessHash("Howitworks"): -1}}
	type result struct {
		At int
		OK bool
	}
	tests := []struct {
		name string
		x    spacelessIndex
		s    string
		want result
	}{
		{"spaces differ", newSpacelessIndex(body), "Read the guide now", result{0, true}},
		{"tabs and no-break spaces", newSpacelessIndex(body), "How\tit\u00a0works", result{1, true}},
		{"held twice", newSpacelessIndex(body), "Twicesaid", result{-1, true}},
		{"absent", newSpacelessIndex(body), "How it worked", result{0, false}},
		{"a prefix", newSpacelessIndex(body), "How it", result{0, false}},
		{"invalid byte as RuneError", newSpacelessIndex(body), "bad\ufffdbyte", result{4, true}},
		{"a shared hash, resolved", collided, "How it works", result{1, true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			at, ok := tt.x.find(tt.s)
			if diff := cmp.Diff(tt.want, result{at, ok}); diff != "" {
				t.Errorf("find(%q) mismatch (-want +got):\n%s", tt.s, diff)
			}
		})
	}
}

// TestEqualSpaceless checks equalSpaceless against a spaceless copy made
// by strings.Map, which it replaces.
func TestEqualSpaceless(t *testing.T) {
	t.Parallel()
	copyless := func(s string) string {
		return strings.Map(func(r rune) rune {
			if unicode.IsSpace(r) {
				return -1
			}
			return r
		}, s)
	}
	texts := []string{"", " ", "a", " a ", "ab", "a b", "a\u2003b", "ba", "abc", "\xff", "\ufffd", "é", "e\u0301", "ab "}
	for _, a := range texts {
		for _, b := range texts {
			want := copyless(a) == copyless(b)
			if got := equalSpaceless(a, b); got != want {
				t.Errorf("equalSpaceless(%q, %q) = %v, want %v", a, b, got, want)
			}
			if want && spacelessHash(a) != spacelessHash(b) {
				t.Errorf("spacelessHash(%q) != spacelessHash(%q) for texts equal but for spaces", a, b)
			}
		}
	}
}
