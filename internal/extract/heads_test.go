package extract

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestAddHeadings checks that a section heading directly above a body
// paragraph other than the first comes back, and that teaser titles,
// link headings, side elements' headings, the title and headings above
// nothing the body holds stay out.
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
			name: "a linked heading, and one in a list item",
			page: `<html><body><article>` + p("intro", 80) + `<h3><a href="/x">Another story entirely</a></h3>` +
				p("middle", 80) + `<ul><li><h4>A card title</h4>` + p("end", 40) + `</li></ul>` +
				`</article></body></html>`,
			want: texts(body),
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
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			doc := parseHTML(t, tt.page)
			in := tt.body
			if in == nil {
				in = body
			}
			got := newOutline(doc).addHeadings(in, tt.title)
			if diff := cmp.Diff(tt.want, texts(got)); diff != "" {
				t.Errorf("addHeadings mismatch (-want +got):\n%s", diff)
			}
		})
	}
}
