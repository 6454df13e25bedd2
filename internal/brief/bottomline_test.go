package brief

import (
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/newsdesk/newsdesk/internal/news"
)

// TestBottomLineStandsAlone wants a bottom line that reads alone, as it
// does after the key facts: not one opening on a pronoun or on a quotation
// whose "she said" names nobody, and one in the desk's language while an
// article in it has a usable sentence.
func TestBottomLineStandsAlone(t *testing.T) {
	t.Parallel()
	day := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	first := news.Article{ID: 1, SourceID: 1, Lang: "en", Title: "Teachers accept pay deal", PublishedAt: day,
		Text: "Teachers in Valdria voted to accept a pay rise of 6 percent over two years, ending the threat of a national strike. The Valdrian Teachers' Federation said 71 percent of members backed the deal."}
	tests := []struct {
		name   string
		newest news.Article
		desk   string
		want   string
	}{
		{
			name: "a possessive pronoun opens the best sentence",
			newest: news.Article{ID: 2, SourceID: 2, Lang: "en", Title: "Pay deal reaction",
				Text: `Its president, Amira Haddad, called the teachers' pay deal "a fair result". Turnout in the vote was 64 percent.`},
			desk: "en",
			want: "Turnout in the vote was 64 percent.",
		},
		{
			name: "a quote whose speaker is a pronoun",
			newest: news.Article{ID: 2, SourceID: 2, Lang: "en", Title: "Pay deal reaction",
				Text: `"The teachers' pay deal is a fair result for every teacher," she said. Turnout in the vote was 64 percent.`},
			desk: "en",
			want: "Turnout in the vote was 64 percent.",
		},
		{
			name: "a connective and a demonstrative open the best sentence",
			newest: news.Article{ID: 2, SourceID: 2, Lang: "en", Title: "Pay deal reaction",
				Text: "But these are small complaints about a teachers' pay deal that took three years. Turnout in the vote was 64 percent."},
			desk: "en",
			want: "Turnout in the vote was 64 percent.",
		},
		{
			name: "an opening phrase pointing back with a pronoun",
			newest: news.Article{ID: 2, SourceID: 2, Lang: "en", Title: "Pay deal reaction",
				Text: "Next to it, on a small screen, a teacher explains what the teachers' pay deal means for her class. Turnout in the vote was 64 percent."},
			desk: "en",
			want: "Turnout in the vote was 64 percent.",
		},
		{
			name: "the outlet's own voice",
			newest: news.Article{ID: 2, SourceID: 2, Lang: "en", Title: "Pay deal reaction",
				Text: "Our reporter finds the teachers' pay deal generous to the teachers, if a little late. Turnout in the vote was 64 percent."},
			desk: "en",
			want: "Turnout in the vote was 64 percent.",
		},
		{
			name: "an opening phrase that names its place stands alone",
			newest: news.Article{ID: 2, SourceID: 2, Lang: "en", Title: "Pay deal reaction",
				Text: "In Eastgate, most teachers said the teachers' pay deal was a fair result after the strike threat. Turnout in the vote was 64 percent."},
			desk: "en",
			want: "In Eastgate, most teachers said the teachers' pay deal was a fair result after the strike threat.",
		},
		{
			name: "a demonstrative pointing back",
			newest: news.Article{ID: 2, SourceID: 2, Lang: "en", Title: "Pay deal reaction",
				Text: "That mix of pay and smaller classes is what makes the teachers' deal so good. Turnout in the vote was 64 percent."},
			desk: "en",
			want: "Turnout in the vote was 64 percent.",
		},
		{
			name: "the newest article is in another language than the desk's",
			newest: news.Article{ID: 2, SourceID: 2, Lang: "es", Title: "Los profesores aceptan",
				Text: "Los profesores de Valdria aceptaron una subida salarial del 6 % en dos años, lo que pone fin a la huelga."},
			desk: "en",
			want: "Teachers in Valdria voted to accept a pay rise of 6 percent over two years, ending the threat of a national strike.",
		},
		{
			name: "no article in the desk's language",
			newest: news.Article{ID: 2, SourceID: 2, Lang: "es", Title: "Los profesores aceptan",
				Text: "Los profesores de Valdria aceptaron una subida salarial del 6 % en dos años, lo que pone fin a la huelga."},
			desk: "fr",
			want: "Los profesores de Valdria aceptaron una subida salarial del 6 % en dos años, lo que pone fin a la huelga.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			newest := tt.newest
			newest.PublishedAt = day.Add(24 * time.Hour)
			arts := []news.Article{first, newest}
			langs := articleLangs(arts)
			// As Build reads them: the desk's articles, else (with no
			// summary or headline to name a language) every article.
			_, prefer := preferArticles(arts, langs, tt.desk, deskArticles(arts, langs, tt.desk), nil, news.Item{})
			it, ok := bottomLine(arts, langs, nil, newScored(arts, SummaryOptions{}.withDefaults()), prefer)
			if !ok || it.Text != tt.want {
				t.Errorf("bottom line = %q, %v; want %q", it.Text, ok, tt.want)
			}
		})
	}
}

// TestReaderLang wants the briefing's language to be its summary's, else
// its headline's, each read from the article's own tag first, and the
// articles the briefing then reads in to be those in that language.
func TestReaderLang(t *testing.T) {
	t.Parallel()
	mixed := []news.Article{
		{ID: 1, Lang: "es", URL: "https://cronica.example/a", Text: "Villa Serena se prepara para la fiesta."},
		{ID: 2, Lang: "en", URL: "https://wire.example/b", Text: "Villa Serena won the cup."},
	}
	// The language guess knows English and Spanish only, and would read
	// these as one of them.
	portuguese := []news.Article{
		{ID: 1, Lang: "pt-BR", URL: "https://cronica.example/a", Text: "Villa Serena prepara-se para a festa."},
		{ID: 2, Lang: "pt", URL: "https://wire.example/b", Text: "Villa Serena ganhou a taça."},
	}
	head := news.Item{Text: "Villa Serena se prepara", URL: "https://cronica.example/a"}
	tests := []struct {
		name        string
		arts        []news.Article
		summary     []news.Item
		want        string
		wantReaders []bool // preferArticles with no article in the desk's language
	}{
		{"the summary's first sentence", mixed, []news.Item{{Citations: []news.Citation{{ArticleID: 2}}}}, "en", []bool{false, true}},
		{"no summary: the headline's", mixed, nil, "es", []bool{true, false}},
		{"tagged Portuguese", portuguese, []news.Item{{Citations: []news.Citation{{ArticleID: 2}}}}, "pt", []bool{true, true}},
	}
	// While an article is in the desk's language, the briefing reads the
	// desk's articles, whatever the summary cites.
	if reading, prefer := preferArticles(mixed, articleLangs(mixed), "en", []bool{false, true}, tests[1].summary, head); reading != "en" || !cmp.Equal(prefer, []bool{false, true}) {
		t.Errorf("preferArticles with a desk article = %q, %v; want en, [false true]", reading, prefer)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			langs := articleLangs(tt.arts)
			got := readerLang(tt.arts, langs, tt.summary, head)
			if got != tt.want {
				t.Errorf("readerLang = %q, want %q", got, tt.want)
			}
			reading, readers := preferArticles(tt.arts, langs, "fr", make([]bool, len(tt.arts)), tt.summary, head)
			if reading != tt.want {
				t.Errorf("preferArticles reads in %q, want %q", reading, tt.want)
			}
			if diff := cmp.Diff(tt.wantReaders, readers); diff != "" {
				t.Errorf("preferArticles (-want +got):\n%s", diff)
			}
		})
	}
}

// TestBottomLineNotAFact wants, in every demo-corpus briefing, a bottom
// line that repeats neither a summary sentence nor a key fact's: the
// reader has just read those.
func TestBottomLineNotAFact(t *testing.T) {
	t.Parallel()
	for name, in := range demoInputs(t) {
		b := Build(in, Options{})
		bl, ok := b.Section(news.SectionBottomLine)
		if !ok {
			continue
		}
		shown := map[news.Citation]string{}
		said := map[string]string{} // the same words, cited from another outlet
		for _, k := range []news.SectionKind{news.SectionSummary, news.SectionFacts} {
			if s, ok := b.Section(k); ok {
				for _, it := range s.Items {
					for _, v := range append([]news.Item{it}, it.Variants...) {
						for _, c := range v.Citations {
							shown[c] = string(k)
						}
						said[v.Text] = string(k)
					}
				}
			}
		}
		if k, ok := shown[bl.Items[0].Citations[0]]; ok {
			t.Errorf("%s: bottom line %q repeats a %s sentence", name, bl.Items[0].Text, k)
		}
		if k, ok := said[bl.Items[0].Text]; ok {
			t.Errorf("%s: bottom line %q repeats a %s sentence of another outlet", name, bl.Items[0].Text, k)
		}
	}
}

// TestBottomLineNotRestated wants a bottom line that does not say again
// what a shown sentence of another article says: two outlets often write
// one sentence word for word, or nearly.
func TestBottomLineNotRestated(t *testing.T) {
	t.Parallel()
	day := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		name, shown, newest, want string
	}{
		{
			name:   "word for word",
			shown:  "Ana Moreno will take office as mayor of Port Anselm on 1 April.",
			newest: "Ana Moreno will take office as mayor of Port Anselm on 1 April. Turnout in the city election was 61 percent, the highest for twenty years.",
			want:   "Turnout in the city election was 61 percent, the highest for twenty years.",
		},
		{
			name:   "in other words",
			shown:  "One in four pharmacies in Valdria has run out of long-acting insulin, the national pharmacists' association said on Tuesday.",
			newest: "Across Valdria one in four pharmacies has run out of insulin, according to the national pharmacists' association. Eastgate's hospital has opened a helpline.",
			want:   "Eastgate's hospital has opened a helpline.",
		},
		{
			name:   "the same name, another fact",
			shown:  "Ana Moreno will take office as mayor of Port Anselm on 1 April.",
			newest: "Ana Moreno thanked the voters of Port Anselm's harbour districts for their support. Turnout in the city election was 61 percent, the highest for twenty years.",
			want:   "Ana Moreno thanked the voters of Port Anselm's harbour districts for their support.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			arts := []news.Article{
				{ID: 1, SourceID: 1, Lang: "en", Title: "Shown", PublishedAt: day, Text: tt.shown},
				{ID: 2, SourceID: 2, Lang: "en", Title: "Newest", PublishedAt: day.Add(time.Hour), Text: tt.newest},
			}
			skip := map[news.Citation]bool{news.Cite(1, news.Span{Start: 0, End: len(tt.shown)}): true}
			it, ok := bottomLine(arts, articleLangs(arts), skip, newScored(arts, SummaryOptions{}.withDefaults()), nil)
			if !ok || it.Text != tt.want {
				t.Errorf("bottom line = %q, %v; want %q", it.Text, ok, tt.want)
			}
		})
	}
}

// TestOpenerSets pins the set of back-pointing first words built from
// linkWords: danglers must stay the set the sentence scorer's "dangling"
// weight was fitted with. The bottom line and the key facts read
// refersBack, as the summary's opener does (opensLeaning).
func TestOpenerSets(t *testing.T) {
	t.Parallel()
	keys := func(m map[string]bool) []string {
		out := make([]string, 0, len(m))
		for w := range m {
			out = append(out, w)
		}
		slices.Sort(out)
		return out
	}
	tests := []struct {
		name string
		got  map[string]bool
		want []string
	}{
		{"danglers", danglers, []string{"also", "and", "but", "he", "her", "his", "however", "it", "its", "or", "she", "so",
			"still", "that", "their", "these", "they", "this", "those", "yet"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if diff := cmp.Diff(tt.want, keys(tt.got)); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tt.name, diff)
			}
		})
	}
}
