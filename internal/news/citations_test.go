package news

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestWithCitationLists wants every item's citations a JSON list, nested
// variants and quotes too, and the briefing it was given left as it was.
func TestWithCitationLists(t *testing.T) {
	t.Parallel()
	cited := []Citation{{ArticleID: 1, Start: 0, End: 4}}
	b := Briefing{Sections: []Section{
		{Kind: SectionHeadline, Items: []Item{{Text: "Flood"}}},
		{Kind: SectionVoices, Items: []Item{{Text: "We", Citations: cited, Quotes: []Item{{Text: "Us"}}}}},
		{Kind: SectionFacts, Items: []Item{{Text: "Four", Citations: cited, Variants: []Item{{Text: "Five"}}}}},
	}}
	out, err := json.Marshal(b.WithCitationLists())
	if err != nil {
		t.Fatal(err)
	}
	if got := string(out); strings.Contains(got, `"citations":null`) || strings.Count(got, `"citations":[]`) != 3 {
		t.Errorf("JSON %s: want three empty lists and no null", got)
	}
	if b.Sections[0].Items[0].Citations != nil || b.Sections[1].Items[0].Quotes[0].Citations != nil {
		t.Error("WithCitationLists changed the briefing it was given")
	}
}
