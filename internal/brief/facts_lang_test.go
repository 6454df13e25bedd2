package brief

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/text"
)

// TestFactsReaderLanguage wants a key fact listed on its own line only
// from an article in the language the briefing reads in: under an English
// summary, "**tres días**: Los bomberos de Lanmere evacuaron…" is a line
// the reader cannot read. A briefing that reads in Spanish lists Spanish
// facts.
func TestFactsReaderLanguage(t *testing.T) {
	t.Parallel()
	flood := []news.Article{
		{ID: 1, SourceID: 1, Lang: "en", Title: "Flood in Lanmere", Text: "Prime Minister Helena Varro on Tuesday ordered an army engineering unit to Lanmere, where the River Osk reached its highest level on record overnight and forced 120 residents of the Millbrook district out of their homes."},
		{ID: 2, SourceID: 2, Lang: "en", Title: "Flood in Lanmere", Text: "Firefighters evacuated 150 people from the Millbrook district of Lanmere overnight, after the River Osk burst its banks following three days of heavy rain."},
		{ID: 3, SourceID: 3, Lang: "es", Title: "Inundación en Lanmere", Text: "Los bomberos de Lanmere evacuaron durante la noche a 150 personas del barrio de Millbrook, después de que el río Osk se desbordara tras cuatro días de lluvias intensas en el norte de Valdria."},
	}
	sources := map[int64]news.Source{1: {ID: 1, Name: "One"}, 2: {ID: 2, Name: "Two"}, 3: {ID: 3, Name: "Tres"}}
	tests := []struct {
		name   string
		arts   []news.Article
		prefer []bool
		want   [][]string // each item's figure, then its variants' figures
	}{
		{
			name: "every article read: the Spanish sentence is a fact of its own",
			arts: flood,
			// "cuatro días", which no English sentence gives: "tres días"
			// would restate the "three days" its item's sentence shows.
			want: [][]string{{"150 people", "120 residents"}, {"cuatro días"}},
		},
		{
			name:   "an English briefing leaves it out",
			arts:   flood,
			prefer: []bool{true, true, false},
			want:   [][]string{{"150 people", "120 residents"}},
		},
		{
			name:   "a Spanish briefing lists Spanish facts",
			arts:   flood,
			prefer: []bool{false, false, true},
			want:   [][]string{{"150 personas"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			items := facts(tt.arts, articleLangs(tt.arts), articleQuotes(tt.arts), sources, 8, nil, newScored(tt.arts, SummaryOptions{}.withDefaults()), tt.prefer, text.FigureOptions{})
			got := itemFigures(items)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("facts' figures (-want +got):\n%s", diff)
			}
		})
	}
}

// TestFactsReadInListedSentence wants a figure the reader has read in a
// listed key fact's sentence not listed again from another sentence: the
// demo's teachers listed "**6 percent**: …a pay rise of 6 percent over two
// years" and then "**two years**: …6 percent over two years", and the
// election "**61 percent**: Turnout was 61 percent, the highest … for
// twenty years" and then "**twenty years**" from another outlet's copy.
func TestFactsReadInListedSentence(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		arts []news.Article
		want [][]string
	}{
		{
			name: "another figure of the listed sentence, from another sentence",
			arts: []news.Article{
				{ID: 1, SourceID: 1, Lang: "en", Title: "Teachers accept deal", Text: "Teachers in Valdria have voted to accept a pay rise of 6 percent over two years, ending the threat of a national school strike."},
				{ID: 2, SourceID: 2, Lang: "en", Title: "Teachers accept deal", Text: "Head teachers in Lanmere were relieved that the strike had been called off, after teachers accepted a pay rise over two years."},
			},
			want: [][]string{{"6 percent"}},
		},
		{
			name: "a figure no listed sentence gives is listed",
			arts: []news.Article{
				{ID: 1, SourceID: 1, Lang: "en", Title: "Teachers accept deal", Text: "Teachers in Valdria have voted to accept a pay rise of 6 percent over two years, ending the threat of a national school strike."},
				{ID: 2, SourceID: 2, Lang: "en", Title: "Teachers accept deal", Text: "Head teachers in Lanmere were relieved that the strike, which would have closed schools for three days, had been called off."},
			},
			want: [][]string{{"6 percent"}, {"three days"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if diff := cmp.Diff(tt.want, factFigures(tt.arts, nil)); diff != "" {
				t.Errorf("facts' figures (-want +got):\n%s", diff)
			}
		})
	}
}

// TestFactsSentenceStandsAlone wants a key fact shown with a sentence that
// reads alone where one gives its figure: "But these are small complaints
// about a project that cost 85 million crowns" leans on the paragraph
// before it: a sentence that opens on a pronoun or a connective is left
// out, as the bottom line leaves it out.
func TestFactsSentenceStandsAlone(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		texts []string
		skip  int      // the index of the text whose first sentence the summary shows, or -1
		want  []string // each item's sentence
	}{
		{
			name: "the summary's sentence is not stood in for by a leaning one",
			texts: []string{
				"The National Museum reopened on Sunday after a three-year renovation that cost 85 million crowns.",
				"The galleries are crowded and the signs are small. But these are small complaints about a project that cost 85 million crowns.",
			},
			skip: 0,
			want: []string{"The National Museum reopened on Sunday after a three-year renovation that cost 85 million crowns."},
		},
		{
			name: "a leaning sentence is left out",
			texts: []string{
				"She said the roof alone cost 40 million crowns. About 48 percent of the visitors came from abroad.",
				"About 48 percent of the visitors came from abroad, the ministry said.",
			},
			skip: -1,
			want: []string{"About 48 percent of the visitors came from abroad."},
		},
	}
	sources := map[int64]news.Source{1: {ID: 1, Name: "One"}, 2: {ID: 2, Name: "Two"}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var arts []news.Article
			for i, tx := range tt.texts {
				arts = append(arts, news.Article{ID: int64(i + 1), SourceID: int64(i + 1), Lang: "en", Title: "Museum", Text: tx})
			}
			skip := map[news.Citation]bool{}
			if tt.skip >= 0 {
				a := arts[tt.skip]
				end := strings.Index(a.Text, ". ") + 1
				if end == 0 {
					end = len(a.Text)
				}
				skip[news.Cite(a.ID, news.Span{Start: 0, End: end})] = true
			}
			var got []string
			for _, it := range allFacts(arts, sources, 8, skip) {
				got = append(got, it.Text)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("facts' sentences (-want +got):\n%s", diff)
			}
		})
	}
}

// TestNamesFigureBack pins which sentences name their number only as
// "the figure", for the bottom line and the key facts.
func TestNamesFigureBack(t *testing.T) {
	t.Parallel()
	tests := []struct {
		s    string
		want bool
	}{
		{"In Eastgate, the figure was 54 percent.", true},
		{"That figure rose to 12 percent in Lanmere.", true},
		{"En Eastgate, la cifra fue del 54 %.", true},
		{"La cifra asciende a 3.000 personas.", true},
		{"The figure skater won $2 million in prize money.", false},
		{"He was the figure of the president's campaign in 2020.", false},
		{"It was only that figure of speech, 40 years old.", false},
		{"La cifra de 2024 aún no se conoce.", false},
		{"Nationally, 71 percent of members accepted the offer.", false},
		{"Official figures showed inflation at 4.8 percent.", false},
		{"The figures, published on Tuesday, showed unemployment at 5 percent.", false},
	}
	for _, tt := range tests {
		if got := namesFigureBack(tt.s); got != tt.want {
			t.Errorf("namesFigureBack(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
	// A key fact is not shown with such a sentence.
	arts := []news.Article{{ID: 1, SourceID: 1, Lang: "en", Title: "Teachers accept deal",
		Text: "Nationally, 71 percent of members of the teachers' federation accepted the pay offer on Friday. In Eastgate, the figure was 54 percent."}}
	if diff := cmp.Diff([][]string{{"71 percent"}}, factFigures(arts, nil)); diff != "" {
		t.Errorf("facts' figures (-want +got):\n%s", diff)
	}
}

func TestOpensOnLinkPhrase(t *testing.T) {
	t.Parallel()
	tests := []struct {
		s    string
		want bool
	}{
		{"Next to it, on a small screen, a woman of ninety describes gutting fish.", true},
		{"After that, the convoys stopped.", true},
		{"Despite all of this, the museum opened.", true},
		{"Junto a ella, una pantalla muestra el puerto.", true},
		{"In Eastgate, the figure was 54 percent.", false},
		{"On Tuesday, the river rose.", false},
		{"That night, floodwater reached the old town.", false},
		{"That same day, the convoys stopped.", false},
		// A long opening clause is one of its own, whatever it holds.
		{"When the water reached the houses that stand by it, families left.", false},
		{"The museum reopened on Sunday.", false},
	}
	for _, tt := range tests {
		if got := opensOnLinkPhrase(tt.s); got != tt.want {
			t.Errorf("opensOnLinkPhrase(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}
