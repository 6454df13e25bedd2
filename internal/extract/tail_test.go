package extract

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestTrimTail checks each kind of trailing run the text trimmer cuts, and
// the endings it must leave alone.
func TestTrimTail(t *testing.T) {
	t.Parallel()
	a, b := distinctWords("first", 200), distinctWords("last", 200)
	l := func(s string) para { return para{text: s} }
	tests := []struct {
		name string
		in   []para
		want []para
	}{
		{
			"newsletter prompt",
			[]para{a, b, l("Subscribe to our newsletter for weekly tips."), l("Email*")},
			[]para{a, b},
		},
		{
			"author bio",
			[]para{a, b, l("Jane Roe is a freelance writer based in Leeds. She covers gardens and allotments.")},
			[]para{a, b},
		},
		{
			"tags line after a short sign-off",
			[]para{a, b, l("Tags: gardening, compost, soil"), l("Share")},
			[]para{a, b},
		},
		{
			"teaser heading over titles and blurbs",
			[]para{a, b, l("You might also like:"), l("12 DIY Deck & Porch Projects"), l("Turn a Baby Changing Table into a Lego Table"),
				l("The salvation army handed out 1,500 hampers on Tuesday, and the day before the volunteers..."), l("Project Gallery")},
			[]para{a, b},
		},
		{
			"teaser heading in German",
			[]para{a, b, l("Lesen Sie auch:"), l("Die besten Wanderwege im Harz"), l("Zehn Tipps für den Herbst")},
			[]para{a, b},
		},
		{
			"a section named like a teaser heading stays",
			[]para{a, l("Recommended approach"), l("Ideation and brainstorming"), l("Strong fit")},
			[]para{a, l("Recommended approach"), l("Ideation and brainstorming"), l("Strong fit")},
		},
		{
			"a heading over prose stays",
			[]para{a, l("Related work"), distinctWords("prose", 40), distinctWords("more", 40)},
			[]para{a, l("Related work"), distinctWords("prose", 40), distinctWords("more", 40)},
		},
		{
			"copyright line stays",
			[]para{a, b, l("© 2019 Associated Press. All Rights Reserved.")},
			[]para{a, b, l("© 2019 Associated Press. All Rights Reserved.")},
		},
		{
			"a cue far from the end stays",
			[]para{a, l("Subscribe to our newsletter."), b},
			[]para{a, l("Subscribe to our newsletter."), b},
		},
		{
			"a run over a third of the body stays",
			[]para{a, l("Related posts"), distinctWords("teaser", 150)},
			[]para{a, l("Related posts"), distinctWords("teaser", 150)},
		},
		{
			"an article ending on a short line stays",
			[]para{a, b, l("Thanks for reading!")},
			[]para{a, b, l("Thanks for reading!")},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := trimTail(tt.in)
			if diff := cmp.Diff(texts(tt.want), texts(got)); diff != "" {
				t.Errorf("trimTail mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestTrimOutside checks that trailing paragraphs the page holds outside
// the article's block are cut, and only those.
func TestTrimOutside(t *testing.T) {
	t.Parallel()
	w := func(prefix string, n int) para { return distinctWords(prefix, n) }
	p := func(prefix string, n int) string { return "<p>" + w(prefix, n).text + "</p>" }
	page := `<html><body><div id="post"><div class="entry">` + p("story", 150) + p("more", 150) + p("end", 40) +
		`</div><div class="author-box">` + p("bio", 40) + `</div></div><div class="long">` + p("related", 200) + `</div></body></html>`
	tests := []struct {
		name string
		body []para
		want []para
	}{
		{"author box after the article", []para{w("story", 150), w("more", 150), w("end", 40), w("bio", 40)}, []para{w("story", 150), w("more", 150), w("end", 40)}},
		{"the article's own last paragraph", []para{w("story", 150), w("more", 150), w("end", 40)}, []para{w("story", 150), w("more", 150), w("end", 40)}},
		{"outside text over a third of the body", []para{w("story", 150), w("more", 150), w("related", 200)}, []para{w("story", 150), w("more", 150), w("related", 200)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := newOutline(parseHTML(t, page)).trimOutside(tt.body)
			if diff := cmp.Diff(texts(tt.want), texts(got)); diff != "" {
				t.Errorf("trimOutside mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestTailCues checks the phrases one by one, in and out of place.
func TestTailCues(t *testing.T) {
	t.Parallel()
	for s, want := range map[string]bool{
		"Related Posts:":                                            true,
		"More from SewCanShe:":                                      true,
		"Discover more from Tiny House Giant Journey":               true,
		"À lire aussi":                                              true,
		"Related work in the field of soil science":                 false,
		"Filed under: Gardening":                                    true,
		"As an Amazon Associate we earn from qualifying purchases.": true,
		"I use this soap (both are affiliate links).":               false,
		"About the Author":                                          true,
		"Mirel Zaman is the health and fitness director at PS.":     true,
		"The garden is a small plot behind the house.":              false,
		"Copyright © 2025 WABC-TV. All Rights Reserved.":            false,
	} {
		if got := tailCue(s, wordCount(s)); got != want {
			t.Errorf("tailCue(%q) = %v, want %v", s, got, want)
		}
	}
}
