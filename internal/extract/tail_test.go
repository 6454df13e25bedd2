package extract

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestTrimTail checks each kind of trailing run the text trimmer cuts, and
// the endings it must leave alone.
func TestTrimTail(t *testing.T) {
	t.Parallel()
	a, b := distinctWords("first", 200), distinctWords("last", 200)
	l := func(s string) para { return para{text: s} }
	var teasers []para // 20 titles of 5 words: over 0.3 of a's 200
	for i := range 20 {
		teasers = append(teasers, distinctWords(fmt.Sprintf("t%d", i), 5))
	}
	// Teaser cards: a linked title, then a 40-word blurb; four of them are
	// 180 words, over 0.3 of a body of a, b and the cards.
	card := func(i int, linked float64) []para {
		return []para{
			{text: distinctWords(fmt.Sprintf("c%d", i), 5).text, linkShare: linked},
			{text: distinctWords(fmt.Sprintf("blurb%d", i), 39).text + "."},
		}
	}
	cards := func(n int, linked float64) []para {
		out := []para{a, b}
		for i := range n {
			out = append(out, card(i, linked)...)
		}
		return out
	}
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
			[]para{a, l("Related reading"), distinctWords("prose", 40), distinctWords("more", 40)},
			[]para{a, l("Related reading"), distinctWords("prose", 40), distinctWords("more", 40)},
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
			"a teaser list over the share limit stays",
			append([]para{a, l("Related posts")}, teasers...),
			append([]para{a, l("Related posts")}, teasers...),
		},
		{
			"a review ending on its verdict stays",
			[]para{a, b, l("Recommended")},
			[]para{a, b, l("Recommended")},
		},
		{
			"a heading over quotations stays",
			[]para{a, b, l("See also"), l(`"We will keep going," she said.`), l(`"It is not over."`)},
			[]para{a, b, l("See also"), l(`"We will keep going," she said.`), l(`"It is not over."`)},
		},
		{
			"closing sentences that mention sign-ups, newsletters and footnotes stay",
			[]para{a, b, l("Residents can sign up for flood alerts on the county website, officials said."),
				l("The newsletter, launched in 2019, now has 40,000 readers."), l("Join us next week as we continue the series."),
				l("The service costs $4.99 a month, before tax and fees*")},
			[]para{a, b, l("Residents can sign up for flood alerts on the county website, officials said."),
				l("The newsletter, launched in 2019, now has 40,000 readers."), l("Join us next week as we continue the series."),
				l("The service costs $4.99 a month, before tax and fees*")},
		},
		{
			"a closing sentence about someone in the story stays",
			[]para{a, b, l("Lee is the director of the Institute for Fiscal Studies, which advises the Treasury."),
				l("She was the founder of the Leeds food bank."), l("Mr. Brown was a producer at the BBC for 20 years.")},
			[]para{a, b, l("Lee is the director of the Institute for Fiscal Studies, which advises the Treasury."),
				l("She was the founder of the Leeds food bank."), l("Mr. Brown was a producer at the BBC for 20 years.")},
		},
		{
			"linked teaser cards over the share limit",
			cards(4, 1),
			[]para{a, b},
		},
		{
			"linked cards over half the body are cut only as far as the limit",
			cards(10, 1),
			cards(1, 1),
		},
		{
			"three linked cards stay",
			cards(3, 1),
			cards(3, 1),
		},
		{
			"sections under headings that are not links stay",
			cards(4, 0),
			cards(4, 0),
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
