package brief

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/newsdesk/newsdesk/internal/news"
)

func TestStartsInQuote(t *testing.T) {
	t.Parallel()
	// Each text marks the sentence asked about with [ and ]; the marks are
	// removed before the test.
	tests := []struct {
		name string
		text string
		want bool
	}{
		{"plain", "The dam opened in 1990. [It supplies the city.]", false},
		{"straight quote cut", `"The dam was built to hold water. [Now it will help to power it, too," said the engineer.]`, true},
		{"curly quote cut", "“The dam was built to hold water. [Now it will help to power it, too,” said the engineer.]", true},
		{"angle quote cut", "«La presa se construyó para el agua. [Ahora ayudará a dar energía», dijo el ingeniero.]", true},
		{"curly closed by straight", "“The dam was built to hold water. [Now it will help, too,\" said the engineer.]", true},
		{"open quote before, three sentences", `"We waited. We hoped. [We will not wait again."]`, true},
		{"closing mark only, opened a paragraph before", "\"The dam was built to hold water.\n\n[Now it will help to power it, too,\" said the engineer.]", true},
		{"curly closing mark only", "[Now it will help to power it, too,” said the engineer.]", true},
		{"angle closing mark only", "[Ahora ayudará a dar energía», dijo el ingeniero.]", true},
		{"quote closed before", `"The dam holds water," he said. [It opened in 1990.]`, false},
		{"quote opens the sentence", `The engineer spoke. ["Now it will help to power it, too," she said.]`, false},
		{"quote inside", `[The engineer called it "a fine dam" on Tuesday.]`, false},
		{"curly quote inside", "[The engineer called it “a fine dam” on Tuesday.]", false},
		{"angle quote with a nested one", "[El ingeniero dijo: «Es una “gran” presa».]", false},
		{"quote after a colon", `[The engineer said:"It will help."]`, false},
		{"open quote in an earlier paragraph", "\"The dam holds water.\n\n[It opened in 1990.]", false},
		{"quote left open at its end", `["The dam holds water.] It opened in 1990."`, false},
		{"inches after a digit", `The pipe is 12" wide. [It carries water.]`, false},
		{"inches in the sentence", `[The pipe is 12" wide.]`, false},
		{"stray closing mark before", `The pipe is wide," it said. [It carries water.]`, false},
		{"apostrophes", "The engineer’s dam. [It’s the city’s water, ‘mostly’.]", false},
		{"unclosed quote before a new one", "“He convicted himself. [“He violated his oath,” Biden said.]", false},
		{"unclosed quote, a new one opened before", "“He convicted himself. “He violated his oath. [He betrayed the nation,” Biden said.]", true},
		{"unclosed straight quote before a new one", `"He convicted himself. ["He violated his oath," Biden said.]`, false},
		{"straight quote closed after nested curly", `"He called it “fine” then. [It opened," he said.]`, true},
		{"german low quote closed", "„Wir werden gewinnen“, sagte der Bürgermeister am Montag. [Die Wahl findet im Mai statt.]", false},
		{"german low quote cut", "„Wir werden gewinnen. [Die Wahl ist im Mai“, sagte er.]", true},
		{"german angle quote inside", "[Er sagte: »Wir gewinnen.« Die Wahl ist im Mai.]", false},
		{"german angle quote closed", "»Wir gewinnen«, sagte er. [Die Wahl ist im Mai.]", false},
		{"german angle quote cut", "»Wir gewinnen. [Die Wahl ist im Mai«, sagte er.]", true},
		{"german angle quote nested in low one", "„Er rief »Ja« und ging. [Dann kam er zurück“, sagte sie.]", true},
		{"swedish quote inside", "[Han sa: ”Vi kommer att vinna.”]", false},
		{"swedish quote closed", "”Vi kommer att vinna”, sa han. [Valet är i maj.]", false},
		{"swedish quote cut", "”Vi kommer att vinna. [Valet är i maj”, sa han.]", true},
		{"polish quote closed", "„Wygramy”, powiedział burmistrz. [Wybory są w maju.]", false},
		{"polish quote cut", "„Wygramy te wybory. [Są w maju”, powiedział.]", true},
		{"closing right angle after a space", "[Ahora ayudará a dar energía », dijo el ingeniero.]", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			a := strings.Index(tc.text, "[")
			b := strings.Index(tc.text, "]") - 1
			s := strings.Replace(strings.Replace(tc.text, "[", "", 1), "]", "", 1)
			if got := startsInQuote(s, news.Span{Start: a, End: b}); got != tc.want {
				t.Errorf("startsInQuote(%q) = %v, want %v", s[a:b], got, tc.want)
			}
		})
	}
}

// TestCandidatesSkipSentenceInQuote wants the summary's candidates to
// leave out a sentence that starts inside a quotation and keep the rest.
func TestCandidatesSkipSentenceInQuote(t *testing.T) {
	t.Parallel()
	arts := []news.Article{
		{ID: 1, Title: "Dam to power the city", Text: "“The dam at Lake Mira was built to hold water for the city. Now the dam at Lake Mira will help to power the city too,” said the engineer Ana Ruiz on Monday."},
		{ID: 2, Title: "Lake Mira dam to power the city", Text: `"The dam at Lake Mira will help to power the city," its engineer said on Monday. The turbines arrive in May from Spain.`},
	}
	units, _ := usableFeatures(analyze(arts), SummaryOptions{}.withDefaults())
	var got []string
	for _, u := range units {
		got = append(got, u.text)
	}
	want := []string{
		"“The dam at Lake Mira was built to hold water for the city.",
		`"The dam at Lake Mira will help to power the city," its engineer said on Monday.`,
		"The turbines arrive in May from Spain.",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("candidates (-want +got):\n%s", diff)
	}
}

// TestDemoNoSentenceInQuote builds every demo story and wants no lone
// sentence (summary, background, key fact, bottom line) that starts
// inside a quotation.
func TestDemoNoSentenceInQuote(t *testing.T) {
	t.Parallel()
	for key, in := range demoInputs(t) {
		texts := map[int64]string{}
		for _, a := range append(append([]news.Article(nil), in.Articles...), in.Earlier...) {
			texts[a.ID] = a.Text
		}
		b := Build(in, Options{})
		for _, sec := range b.Sections {
			switch sec.Kind {
			case news.SectionSummary, news.SectionBackground, news.SectionFacts, news.SectionBottomLine:
			default:
				continue
			}
			for _, it := range sec.Items {
				for _, c := range it.Citations {
					s := texts[c.ArticleID]
					if startsInQuote(s, c.Span()) {
						t.Errorf("%s: %s item %q starts inside a quotation", key, sec.Kind, c.Span().Of(s))
					}
				}
			}
		}
	}
}

// BenchmarkSplitUnitsLongLine splits a one-line article of 1,600
// sentences, some quoted: whether each starts inside a quotation must not
// cost a rescan of the line per sentence.
func BenchmarkSplitUnitsLongLine(b *testing.B) {
	var sb strings.Builder
	for i := range 1600 {
		if i%4 == 0 {
			sb.WriteString(`"The dam holds water," he said. `)
			continue
		}
		sb.WriteString("The dam opened in 1990 after years of work. ")
	}
	arts := []news.Article{{ID: 1, Text: sb.String()}}
	b.ReportAllocs()
	for b.Loop() {
		splitUnits(arts)
	}
}

// TestFactsSkipSentenceInQuote wants key facts to leave out a figure whose
// sentence starts inside a quotation, near the top of its article or
// beyond the summary's candidates.
func TestFactsSkipSentenceInQuote(t *testing.T) {
	t.Parallel()
	const quoted = "“The dam cost $40 million to build. Now the city needs 12 km of new pipe,” said the engineer. The city has 30,000 people."
	tests := []struct {
		name string
		text string
	}{
		{"near the top", quoted},
		{"beyond the candidates", strings.Repeat("The engineer spoke on Monday. ", maxSentencesPerArticle+5) + quoted},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var got []string
			for _, it := range Facts([]news.Article{{ID: 1, Title: "Dam", Text: tc.text}}, nil, 8) {
				got = append(got, it.Figure.Text)
			}
			if diff := cmp.Diff([]string{"$40 million", "30,000 people"}, got); diff != "" {
				t.Errorf("facts (-want +got):\n%s", diff)
			}
		})
	}
}
