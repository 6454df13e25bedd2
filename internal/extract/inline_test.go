package extract

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestDropInline checks the teaser lines and placeholder text dropInline
// removes from anywhere in the body, and the lines it must leave alone.
func TestDropInline(t *testing.T) {
	t.Parallel()
	a, b := distinctWords("first", 50), distinctWords("last", 50)
	l := func(s string) para { return para{text: s} }
	tests := []struct {
		name string
		in   []para
		want []para
	}{
		{"related line between paragraphs", []para{a, l("Related: Cybersecurity M&A Roundup: 40 Deals Announced in September 2024"), b}, []para{a, b}},
		{"read more in capitals", []para{a, l("READ MORE: China plague outbreak confirmed"), b}, []para{a, b}},
		{"also read with link text", []para{a, {text: "Also read: 10 Days in Japan: An Immersive Itinerary", linkShare: 0.9}, b}, []para{a, b}},
		{"see also without a space", []para{a, l("See also:A Brief History of Photography"), b}, []para{a, b}},
		{"title in quotes", []para{a, l(`Related reading: "The Smart Thermostat Buying Guide"`), b}, []para{a, b}},
		{"placeholder text", []para{a, l("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor."), b}, []para{a, b}},
		{"placeholder in capitals", []para{a, l("LOREM IPSUM DOLOR SIT AMET"), b}, []para{a, b}},
		{"table of contents label", []para{l("Table of Contents"), a, b}, []para{a, b}},
		{"on this page label with a colon", []para{a, l("On this page:"), b}, []para{a, b}},
		{"jump to label", []para{a, l("JUMP TO:"), b}, []para{a, b}},
		// Left alone.
		{"heading without a colon", []para{a, l("Related Articles"), b}, []para{a, l("Related Articles"), b}},
		{"label with nothing after it", []para{a, l("Recommended courses:"), b}, []para{a, l("Recommended courses:"), b}},
		{"one word after the label", []para{a, l("Read more: here"), b}, []para{a, l("Read more: here"), b}},
		{"a sentence after the label", []para{a, l("See also: the court's ruling, which set the terms."), b}, []para{a, l("See also: the court's ruling, which set the terms."), b}},
		{"a question after the label", []para{a, l("Related: why did the council vote no?"), b}, []para{a, l("Related: why did the council vote no?"), b}},
		{"a long line after the label", []para{a, l("Related: " + distinctWords("w", 25).text), b}, []para{a, l("Related: " + distinctWords("w", 25).text), b}},
		{"label inside a sentence", []para{a, l("The report, related: a study of 40 deals"), b}, []para{a, l("The report, related: a study of 40 deals"), b}},
		{"contents in a sentence", []para{a, l("Contents of the box"), b}, []para{a, l("Contents of the box"), b}},
		{"table of contents as a topic", []para{a, l("Why a table of contents helps readers"), b}, []para{a, l("Why a table of contents helps readers"), b}},
		{"lorem ipsum discussed", []para{a, l("Lorem ipsum is the placeholder text designers use."), b}, []para{a, l("Lorem ipsum is the placeholder text designers use."), b}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got := dropInline(tc.in)
			if diff := cmp.Diff(tc.want, got, cmp.AllowUnexported(para{})); diff != "" {
				t.Errorf("dropInline (-want +got):\n%s", diff)
			}
		})
	}
}
