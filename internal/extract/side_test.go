package extract

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestDropSide checks that the body loses what the page holds in small
// side elements (captions, author boxes, forms, meta lines, related
// posts), and keeps a side element's text when it is most of the body
// (a wrapper) or when the page also holds it outside.
func TestDropSide(t *testing.T) {
	t.Parallel()
	w := func(prefix string, n int) para { return distinctWords(prefix, n) }
	p := func(prefix string, n int) string { return "<p>" + w(prefix, n).text + "</p>" }
	body := []para{w("intro", 80), w("caption", 8), w("middle", 80), w("bio", 30)}
	texts := func(ps []para) []string {
		out := make([]string, len(ps))
		for i, p := range ps {
			out[i] = p.text
		}
		return out
	}
	tests := []struct {
		name string
		page string
		body []para
		want []para
	}{
		{
			name: "figure caption and author box",
			page: `<html><body><article>` + p("intro", 80) + `<figure><img src="a.jpg"><figcaption>` + w("caption", 8).text +
				`</figcaption></figure>` + p("middle", 80) + `<div class="post-author-box">` + p("bio", 30) + `</div></article></body></html>`,
			body: body,
			want: []para{w("intro", 80), w("middle", 80)},
		},
		{
			name: "caption class on a div, newsletter form",
			page: `<html><body><div id="post">` + p("intro", 80) + `<div class="wp-caption">` + p("caption", 8) + `</div>` +
				p("middle", 80) + `<form action="/join"><div>` + p("bio", 30) + `</div></form></div></body></html>`,
			body: body,
			want: []para{w("intro", 80), w("middle", 80)},
		},
		{
			name: "side inside a span's class, meta line",
			page: `<html><body><div id="post"><span class="entry-meta">` + p("caption", 8) + `</span>` + p("intro", 80) +
				p("middle", 80) + p("bio", 30) + `</div></body></html>`,
			body: []para{w("caption", 8), w("intro", 80), w("middle", 80), w("bio", 30)},
			want: []para{w("intro", 80), w("middle", 80), w("bio", 30)},
		},
		{
			name: "a wrapper named for its author holds the article",
			page: `<html><body><div class="author-post">` + p("intro", 80) + p("caption", 8) + p("middle", 80) + p("bio", 30) +
				`</div></body></html>`,
			body: body,
			want: body,
		},
		{
			name: "side names only as a part of a word",
			page: `<html><body><div class="metadata">` + p("caption", 8) + `</div><div class="authors">` + p("bio", 30) + `</div>` +
				p("intro", 80) + p("middle", 80) + `</body></html>`,
			body: body,
			want: body,
		},
		{
			name: "every paragraph in its own small side element",
			page: `<html><body>` + strings.Repeat(`<div class="post-meta">`+p("post", 20)+`</div>`, 5) + `</body></html>`,
			body: []para{w("post", 20), w("post", 20), w("post", 20), w("post", 20), w("post", 20)},
			want: []para{w("post", 20), w("post", 20), w("post", 20), w("post", 20), w("post", 20)},
		},
		{
			name: "the page holds the text outside a side element first",
			page: `<html><body>` + p("intro", 80) + p("caption", 8) + p("middle", 80) + p("bio", 30) +
				`<div class="related-posts">` + p("caption", 8) + `</div></body></html>`,
			body: body,
			want: []para{w("intro", 80), w("caption", 8), w("middle", 80), w("bio", 30)},
		},
		{
			name: "the article's header at the body's start",
			page: `<html><body><article><header><h1>Title</h1>` + p("caption", 8) + `</header>` + p("intro", 80) +
				p("middle", 80) + p("bio", 30) + `</article></body></html>`,
			body: []para{w("caption", 8), w("intro", 80), w("middle", 80), w("bio", 30)},
			want: []para{w("intro", 80), w("middle", 80), w("bio", 30)},
		},
		{
			name: "a section's header after the body's start",
			page: `<html><body><article>` + p("intro", 80) + `<section><header>` + p("caption", 8) + `</header>` +
				p("middle", 80) + p("bio", 30) + `</section></article></body></html>`,
			body: body,
			want: body,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			doc := parseHTML(t, tt.page)
			got := newOutline(doc).dropSide(tt.body)
			if diff := cmp.Diff(texts(tt.want), texts(got)); diff != "" {
				t.Errorf("dropSide mismatch (-want +got):\n%s", diff)
			}
		})
	}
}
