package brief

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/newsdesk/newsdesk/internal/news"
)

func TestVoices(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, text string
		want       []string // item texts
	}{
		{"a quote with its speaker", `"We will rebuild every home in the valley," said Ana Ruiz.`,
			[]string{"We will rebuild every home in the valley"}},
		// text.Words splits "know-it-all" in three: four words to it,
		// two to a reader.
		{"a short phrase of hyphenated words", `Ana Ruiz called the mayor "a know-it-all" on Monday.`, nil},
		{"a link alone", `Ana Ruiz tweeted: "http://nyti.ms/1RHiWiu."`, nil},
		{"a link alone, www", `Ana Ruiz tweeted: "www.example.com/plans/2026/valley-rebuild."`, nil},
		{"links alone", `Ana Ruiz tweeted: "http://nyti.ms/1RHiWiu https://example.com/a www.example.org/b"`, nil},
		{"words with a link", `"Read the whole plan here: http://nyti.ms/1RHiWiu," Ana Ruiz wrote.`,
			[]string{"Read the whole plan here: http://nyti.ms/1RHiWiu"}},
		// No attribution of its own, a sentence away from the last one:
		// not listed under the previous speaker's name (round 7).
		{"a quote with no speaker is not given the previous one's", "\"We will rebuild every home in the valley,\" said Ana Ruiz.\n\nThe vote is on Friday. \"The talks with the union start again next week.\"",
			[]string{"We will rebuild every home in the valley"}},
		// A phrase of the speaker's embedded in the writer's sentence
		// (reported speech) is no voice: shown alone it would read as
		// something said whole. Introduced by a colon or a comma, or
		// opening with a capital, the quotation is the speaker's own.
		{"a partial indirect quote", `Prime Minister Helena Varro said the government would "work closely with the new mayor on housing and transport".`, nil},
		{"a partial indirect quote after a verb", `Trust chair Olga Dunne said the discovery showed "how much we still have to learn from our own hills".`, nil},
		{"a partial indirect quote then a full one", `Energy minister Leif Sandvik said the government was "aware of the bottleneck" and had asked the grid operator to speed up the work. "Clean energy must reach every part of the country," he said.`,
			[]string{"Clean energy must reach every part of the country"}},
		{"es: cita parcial", `El líder del PP, Alberto Núñez Feijóo, criticó la gestión y exigió "responsabilidades políticas inmediatas y completas".`, nil},
		{"es: cita introducida por una coma", `Según Juan Pérez, “la medida llega tarde pero llega bien”.`,
			[]string{"la medida llega tarde pero llega bien"}},
		{"a quotation introduced by a colon", `Ana Ruiz told reporters: "we will rebuild every home in the valley."`,
			[]string{"we will rebuild every home in the valley."}},
		{"a full sentence quoted after said", `Ana Ruiz said "We will rebuild every home in the valley."`,
			[]string{"We will rebuild every home in the valley."}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var got []string
			for _, it := range englishVoices([]news.Article{{ID: 1, Text: tc.text}}, nil, 6) {
				got = append(got, it.Text)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("englishVoices(%q) mismatch (-want +got):\n%s", tc.text, diff)
			}
		})
	}
}

// TestVoicesOneEntryPerSpeaker wants each speaker listed once, their quotes
// from every outlet under that entry (up to QuotesPerVoice), each quote
// keeping its own citation, outlet and role, and the cap on voices
// counting speakers rather than quotes.
func TestVoicesOneEntryPerSpeaker(t *testing.T) {
	t.Parallel()
	sources := map[int64]news.Source{1: {ID: 1, Name: "One"}, 2: {ID: 2, Name: "Two"}, 3: {ID: 3, Name: "Three"}}
	arts := []news.Article{
		{ID: 1, SourceID: 1, Lang: "en", Text: `"We knocked on every door between the bridge and the brewery," said Bram Oster, the town's fire chief.` + "\n\n" +
			`"The people of this town will have every pump we can find," said Helena Varro, the prime minister.`},
		{ID: 2, SourceID: 2, Lang: "en", Text: `"The water came faster than anyone expected," said fire chief Bram Oster.` + "\n\n" +
			`"Some of the older residents had to be carried out," said Bram OSTER.`},
		{ID: 3, SourceID: 3, Lang: "en", Text: `"We will not leave anyone behind this winter," said Maria Okafor, the health minister.` + "\n\n" +
			`"Our crews worked through the night without a single break," said Bram Oster.`},
	}
	type quote struct{ Text, Outlet string }
	type voice struct {
		Speaker string
		Quotes  []quote
	}
	summarise := func(items []news.Item) []voice {
		var out []voice
		for _, it := range items {
			v := voice{Speaker: it.Speaker}
			for _, q := range append([]news.Item{it}, it.Quotes...) {
				v.Quotes = append(v.Quotes, quote{q.Text, q.Outlet})
			}
			out = append(out, v)
		}
		return out
	}
	// Quotes come in turn from each article: the first of each, then the
	// second of each, so Three's second quote is past the speaker's cap.
	oster := voice{Speaker: "Bram Oster", Quotes: []quote{
		{"We knocked on every door between the bridge and the brewery", "One"},
		{"The water came faster than anyone expected", "Two"},
		{"Some of the older residents had to be carried out", "Two"},
	}}
	tests := []struct {
		name string
		n    int
		want []voice
	}{
		{"every speaker", 6, []voice{
			oster,
			{Speaker: "Maria Okafor", Quotes: []quote{{"We will not leave anyone behind this winter", "Three"}}},
			{Speaker: "Helena Varro", Quotes: []quote{{"The people of this town will have every pump we can find", "One"}}},
		}},
		// Two voices: two speakers, the first speaker's quotes all there.
		{"the cap counts speakers", 2, []voice{
			oster,
			{Speaker: "Maria Okafor", Quotes: []quote{{"We will not leave anyone behind this winter", "Three"}}},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			items := englishVoices(arts, sources, tc.n)
			if diff := cmp.Diff(tc.want, summarise(items)); diff != "" {
				t.Errorf("voices (-want +got):\n%s", diff)
			}
			// Each quote cites its own article, and a briefing of them is
			// grounded: CheckGrounded reads the further quotes too.
			byID := map[int64]news.Article{}
			for _, a := range arts {
				byID[a.ID] = a
			}
			b := news.Briefing{Sections: []news.Section{{Kind: news.SectionVoices, Items: items}}}
			if err := CheckGrounded(b, byID); err != nil {
				t.Errorf("CheckGrounded: %v", err)
			}
			if items[0].Role == "" {
				t.Errorf("the first voice has no role, want the one its first article gives")
			}
		})
	}
}

// TestCheckGroundedVoiceQuotes wants a further quote whose text is not its
// cited bytes refused, as a voice's own text is.
func TestCheckGroundedVoiceQuotes(t *testing.T) {
	t.Parallel()
	arts := map[int64]news.Article{1: {ID: 1, Text: `"We knocked on every door," said Bram Oster. "We will stay," said Bram Oster.`}}
	good := news.Item{Text: "We knocked on every door", Speaker: "Bram Oster", Citations: []news.Citation{{ArticleID: 1, Start: 1, End: 25}}}
	bad := good
	bad.Quotes = []news.Item{{Text: "We will leave", Speaker: "Bram Oster", Citations: []news.Citation{{ArticleID: 1, Start: 47, End: 59}}}}
	if err := CheckGrounded(news.Briefing{Sections: []news.Section{{Kind: news.SectionVoices, Items: []news.Item{good}}}}, arts); err != nil {
		t.Fatalf("CheckGrounded(good) = %v", err)
	}
	if err := CheckGrounded(news.Briefing{Sections: []news.Section{{Kind: news.SectionVoices, Items: []news.Item{bad}}}}, arts); err == nil {
		t.Error("CheckGrounded accepted a further quote that is not its cited bytes")
	}
}

// TestVoicesQuoteCap wants every speaker heard before anyone's second
// quote, and the section's quotes capped at MaxVoiceQuotes.
func TestVoicesQuoteCap(t *testing.T) {
	t.Parallel()
	names := []string{"Ana Ruiz", "Bram Oster", "Carla Diaz", "Dev Patel", "Eva Lind", "Femi Adeyemi"}
	var arts []news.Article
	for a := range 3 {
		text := ""
		for i, name := range names {
			text += fmt.Sprintf("%q said %s.\n\n", fmt.Sprintf("Remark %d of speaker %d about the flood in the valley", a+1, i+1), name)
		}
		arts = append(arts, news.Article{ID: int64(a + 1), Lang: "en", Text: text})
	}
	items := englishVoices(arts, nil, 6)
	var speakers []string
	total := 0
	for _, it := range items {
		speakers = append(speakers, it.Speaker)
		total += 1 + len(it.Quotes)
		if 1+len(it.Quotes) > QuotesPerVoice {
			t.Errorf("%s: %d quotes, cap %d", it.Speaker, 1+len(it.Quotes), QuotesPerVoice)
		}
	}
	if diff := cmp.Diff(names, speakers); diff != "" {
		t.Errorf("speakers (-want +got):\n%s", diff)
	}
	if total != MaxVoiceQuotes {
		t.Errorf("%d quotes in all, want the cap %d", total, MaxVoiceQuotes)
	}
}

// TestVoicesFullerQuoteReplaces wants a speaker's quote that another outlet
// printed in full replaced by the fuller one, not shown beside it with its
// words repeated; the fuller quote keeps its own citation and outlet.
func TestVoicesFullerQuoteReplaces(t *testing.T) {
	t.Parallel()
	sources := map[int64]news.Source{1: {ID: 1, Name: "One"}, 2: {ID: 2, Name: "Two"}}
	arts := []news.Article{
		{ID: 1, SourceID: 1, Lang: "en", Text: `"This city is bigger than any of us," said Walter Greaves, the outgoing mayor.`},
		{ID: 2, SourceID: 2, Lang: "en", Text: `"The people have spoken, and I wish her every success," said Walter Greaves. "This city is bigger than any of us."`},
	}
	items := englishVoices(arts, sources, 6)
	if len(items) != 1 {
		t.Fatalf("%d voices, want 1: %+v", len(items), items)
	}
	type quote struct{ Text, Outlet, Role string }
	var got []quote
	for _, q := range append([]news.Item{items[0]}, items[0].Quotes...) {
		got = append(got, quote{q.Text, q.Outlet, q.Role})
	}
	want := []quote{{"The people have spoken, and I wish her every success" + news.QuoteJoiner + "This city is bigger than any of us.", "Two", "outgoing mayor"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("quotes (-want +got):\n%s", diff)
	}
	byID := map[int64]news.Article{1: arts[0], 2: arts[1]}
	if err := CheckGrounded(news.Briefing{Sections: []news.Section{{Kind: news.SectionVoices, Items: items}}}, byID); err != nil {
		t.Errorf("CheckGrounded: %v", err)
	}
}
