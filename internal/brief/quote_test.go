package brief

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/text"
)

// markedCase is a text whose sentence asked about is marked with [ and
// ]; the marks are removed before the test.
type markedCase struct {
	name string
	text string
	want bool
}

// testMarked runs rule, named name, on each case's marked sentence.
func testMarked(t *testing.T, name string, rule func(string, news.Span) bool, tests []markedCase) {
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			a := strings.Index(tc.text, "[")
			b := strings.Index(tc.text, "]") - 1
			s := strings.Replace(strings.Replace(tc.text, "[", "", 1), "]", "", 1)
			if got := rule(s, news.Span{Start: a, End: b}); got != tc.want {
				t.Errorf("%s(%q) = %v, want %v", name, s[a:b], got, tc.want)
			}
		})
	}
}

func TestStartsInQuote(t *testing.T) {
	t.Parallel()
	testMarked(t, "startsInQuote", startsInQuote, []markedCase{
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
		{"curly single quote cut", "‘The dam was built to hold water. [Now it will help to power it, too,’ said the engineer.]", true},
		{"curly single quote closed before", "‘The dam holds water,’ he said. [It opened in 1990.]", false},
		{"curly single closed by a straight one", "He called it ‘a fine dam.' [It opened in 1990.]", false},
		{"curly single nested and closed", "“He called it ‘fine’ then. [It opened,” he said.]", true},
		{"curly single left open inside a closed double", "“He called it ‘fine then,” he said. [It opened in 1990.]", false},
		{"curly single as an apostrophe before digits", "It opened in the ‘90s. [It supplies the city.]", false},
		{"curly single as an apostrophe before a clipped word", "It will run ‘til May. [It supplies the city.]", false},
		{"curly single inside a word", "It opened in rock‘n’roll days. [It supplies the city.]", false},
		{"spanish curly single quote cut", "‘La presa se construyó para el agua. [Ahora dará energía’, dijo el ingeniero.]", true},
		{"german low single quote", "Er nannte es ‚gut‘. [Die Wahl ist im Mai.]", false},
		{"straight singles do not count", "'The dam was built to hold water. [Now it will help,' said the engineer.]", false},
		{"two closing singles close a double", "“The dam holds water,’’ he said. [It opened in 1990.]", false},
		{"double prime closes a curly mark", "Its engineer, Ana “Tex″ Ruiz, spoke. [It opened in 1990.]", false},
		{"curly single quote inside an open double one", "“The council voted last night. [‘We will close the Riverton bridge for 6 weeks,’ the mayor told them.] Repairs start Monday,” the clerk said.", true},
		{"double quote inside an open curly single one", "‘We lost badly on Saturday. [“It is over for this season,” the coach told us,’ the captain said.]", true},
		{"angle quote inside an open curly single one", "‘Perdimos el sábado. [«Se acabó», nos dijo el entrenador,’ contó el capitán.]", true},
		{"curly single quote after an unclosed one", "‘We lost badly on Saturday. [‘It is over,’ the coach said.]", false},
		{"curly single as an apostrophe, never closed", "The fans sang ‘ere we go all night. [It is quiet.]", false},
		{"curly single as an apostrophe, a possessive later", "The ‘Ndrangheta runs the port. [The dockers’ union is quiet.]", false},
		{"curly single as an apostrophe inside an open double", "“The fans sang ‘ere we go all night. [It was loud,” he said.]", true},
		{"curly single as an apostrophe opening a sentence", "‘Ndrangheta clans run the port. [It is quiet.]", false},
		{"curly single after a colon, its quotation running on", "She added: ‘I watched parents scramble. [Family after family came.]\n‘It was chaos.’", true},
		{"double prime after a digit", "The port lies at 40°26′46″N. [It is quiet.]", false},
		{"double prime after a digit before a space", "The port lies at 40°26′46″ north. [It is quiet.]", false},
	})
}

// TestLeavesQuoteOpen is the table of the rule for a sentence that opens
// a quotation and does not close it: shown alone it would leave the
// quotation open.
func TestLeavesQuoteOpen(t *testing.T) {
	t.Parallel()
	testMarked(t, "leavesQuoteOpen", leavesQuoteOpen, []markedCase{
		{"plain", "[The dam opened in 1990.] It supplies the city.", false},
		{"quote closed later", `["We will fight.] We will win," he said.`, true},
		{"curly quote closed later", "[“We will fight.] We will win,” he said.", true},
		{"quote never closed", "[He said: “We will fight.]", true},
		{"quote cut off with the text", "[He said “we will fight and]", true},
		{"quote closed within", "[“We will fight,” he said.] It was May.", false},
		{"quote closed, a new one opened", `["We will fight," he said, "and we will win.] We always do."`, true},
		{"quote opened and closed within, after a colon", "[He said:“We will fight.”] It was May.", false},
		{"quote inside", "[He called it “a fine dam” on Tuesday.]", false},
		{"quote opened in an earlier sentence", "“We will fight. [We will win,” he said.]", false},
		{"inches", `[The pipe is 12" wide.]`, false},
		{"apostrophes", "[It’s the city’s water, ‘mostly’.]", false},
		{"curly single quote closed later", "[‘We will fight.] We will win,’ he said.", true},
		{"curly single quote closed within", "[He called it ‘a fine dam’ on Tuesday.]", false},
		{"curly single apostrophe before digits", "[It opened in the ‘90s.]", false},
		{"two closing singles close it", "[“We will fight,’’ he said.]", false},
		{"spanish angle quote closed later", "[«Vamos a luchar.] Vamos a ganar», dijo.", true},
		{"spanish angle quote closed within", "[«Vamos a luchar», dijo el alcalde.]", false},
		{"spanish curly quote never closed", "[El alcalde dijo: “Vamos a luchar.]", true},
		{"german low quote closed later", "[„Wir werden kämpfen.] Wir werden gewinnen“, sagte er.", true},
		{"german low quote closed within", "[„Wir werden kämpfen“, sagte er.]", false},
		{"german angle quote closed later", "[Er sagte: »Wir kämpfen.] Wir gewinnen.«", true},
		{"german angle quote closed within", "[Er sagte: »Wir kämpfen.« Dann ging er.]", false},
		{"german low single quote closed within", "[Er nannte es ‚gut‘ und ging.]", false},
		{"swedish quote closed later", "[”Vi kommer att kämpa.] Vi vinner”, sa han.", true},
		{"polish quote closed later", "[„Będziemy walczyć.] Wygramy”, powiedział.", true},
		{"curly single as an apostrophe, never closed", "[The fans sang ‘ere we go all night.] It is quiet.", false},
		{"double prime after a digit", "[The port lies at 40°26′46″N.] It is quiet.", false},
		{"curly single quote running on into the next paragraph", "[‘Jonah was a fun-loving kid.]\n‘He ran away when he heard the shots.’", true},
	})
}

// TestCandidatesSkipSentenceInQuote wants the summary's candidates to
// leave out a sentence that starts inside a quotation or leaves one open,
// and keep the rest.
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
		`"The dam at Lake Mira will help to power the city," its engineer said on Monday.`,
		"The turbines arrive in May from Spain.",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("candidates (-want +got):\n%s", diff)
	}
}

// TestDemoNoSentenceInQuote builds every demo story and wants no lone
// sentence (summary, background, key fact, bottom line) that starts
// inside a quotation or opens one it does not close.
func TestDemoNoSentenceInQuote(t *testing.T) {
	t.Parallel()
	cut := 0 // demo sentences the rule is there for
	for key, in := range demoInputs(t) {
		texts := map[int64]string{}
		for _, a := range append(append([]news.Article(nil), in.Articles...), in.Earlier...) {
			texts[a.ID] = a.Text
			for _, c := range quoteCuts(a.Text, text.Sentences(a.Text)) {
				if c.any() {
					cut++
				}
			}
		}
		// A long summary shows most of a story's sentences, so the rule
		// is tested on more than the few the default budget takes.
		for _, words := range []int{0, 400} {
			b := Build(in, Options{SummaryWords: words})
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
							t.Errorf("%s, %d words: %s item %q starts inside a quotation", key, words, sec.Kind, c.Span().Of(s))
						}
						if leavesQuoteOpen(s, c.Span()) {
							t.Errorf("%s, %d words: %s item %q leaves a quotation open", key, words, sec.Kind, c.Span().Of(s))
						}
					}
				}
			}
		}
	}
	if cut == 0 {
		t.Error("no demo sentence starts inside a quotation or leaves one open: the test checks nothing")
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
// sentence starts inside a quotation or leaves one open, near the top of
// its article or beyond the summary's candidates.
func TestFactsSkipSentenceInQuote(t *testing.T) {
	t.Parallel()
	// The first sentence opens a quotation and the second starts inside
	// it: neither is shown alone.
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
			for _, it := range allFacts([]news.Article{{ID: 1, Title: "Dam", Text: tc.text}}, nil, 8, nil) {
				got = append(got, it.Figure.Text)
			}
			if diff := cmp.Diff([]string{"30,000 people"}, got); diff != "" {
				t.Errorf("facts (-want +got):\n%s", diff)
			}
		})
	}
}
