package brief

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/newsdesk/newsdesk/internal/news"
)

// TestDeskLanguage wants a briefing to read in the desk's language where
// an article is in it: the headline a title in it, the summary and the
// bottom line sentences of an article in it, and each voice opening on the
// speaker's quote in it. The story is told by two English outlets and a
// Spanish one, so that an English desk's summary, made of the sentences
// most outlets share, is the one a Spanish desk would read without the
// desk's language.
func TestDeskLanguage(t *testing.T) {
	t.Parallel()
	day := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	arts := []news.Article{
		{ID: 1, SourceID: 1, Lang: "en", PublishedAt: day, URL: "https://wire.example/1",
			Title: "Teachers accept 6 percent pay deal, calling off strike",
			Text: "Teachers in Valdria voted to accept a pay rise of 6 percent over two years, ending the threat of a national strike. " +
				`"This deal shows that talking works better than striking," said union leader Marta Quiles. ` +
				"The federation had planned to close schools across the country from Monday."},
		{ID: 2, SourceID: 2, Lang: "es", PublishedAt: day.Add(time.Hour), URL: "https://cronica.example/2",
			Title: "Los profesores aceptan una subida del 6 % y desconvocan la huelga",
			Text: "Los profesores de Valdria aceptaron una subida salarial del 6 % en dos años, lo que pone fin a la amenaza de una huelga nacional. " +
				"«Este acuerdo demuestra que hablar funciona mejor que hacer huelga», dijo la líder sindical Marta Quiles. " +
				"Las escuelas de la capital abrirán con normalidad el lunes por la mañana. " +
				"La federación había previsto cerrar los colegios de todo el país a partir del lunes."},
		{ID: 3, SourceID: 3, Lang: "en", PublishedAt: day.Add(2 * time.Hour), URL: "https://post.example/3",
			Title: "Valdria teachers vote for pay deal",
			Text: "Teachers in Valdria backed a pay rise of 6 percent over two years, ending the threat of a national strike. " +
				"Parents in the capital said they were relieved that schools would stay open next week."},
	}
	sources := map[int64]news.Source{1: {ID: 1, Name: "Meridian Wire"}, 2: {ID: 2, Name: "Crónica del Sur"}, 3: {ID: 3, Name: "Daily Post"}}
	in := Input{Story: news.Story{ID: 1, Title: "Pay deal"}, Articles: arts, Sources: sources}
	type got struct {
		HeadlineOutlet, BottomLineOutlet, FirstVoiceOutlet string
		SummaryLangs                                       string // the summary's articles', distinct
	}
	outletOf := map[int64]string{1: "Meridian Wire", 2: "Crónica del Sur", 3: "Daily Post"}
	byID := map[int64]news.Article{}
	for _, a := range arts {
		byID[a.ID] = a
	}
	english, spanish := "en", "es"
	tests := []struct {
		desk string
		want got
	}{
		{"", got{"Daily Post", "Daily Post", "Meridian Wire", english}},
		{"en", got{"Daily Post", "Daily Post", "Meridian Wire", english}},
		{"es", got{"Crónica del Sur", "Crónica del Sur", "Crónica del Sur", spanish}},
		{"es-MX", got{"Crónica del Sur", "Crónica del Sur", "Crónica del Sur", spanish}},
		// No article in the desk's language: the summary is made of the
		// sentences of the language most articles are in, English, not
		// half of each, and the headline and the bottom line read as it
		// does.
		{"fr", got{"Daily Post", "Daily Post", "Meridian Wire", english}},
	}
	for _, tt := range tests {
		t.Run(tt.desk, func(t *testing.T) {
			t.Parallel()
			b := Build(in, Options{Now: fixedNow, DeskLang: tt.desk})
			var g got
			if s, ok := b.Section(news.SectionHeadline); ok {
				g.HeadlineOutlet = s.Items[0].Outlet
			}
			if s, ok := b.Section(news.SectionBottomLine); ok {
				g.BottomLineOutlet = outletOf[s.Items[0].Citations[0].ArticleID]
			}
			if s, ok := b.Section(news.SectionVoices); ok {
				g.FirstVoiceOutlet = s.Items[0].Outlet
			}
			if s, ok := b.Section(news.SectionSummary); ok {
				var langs []string
				for _, it := range s.Items {
					if l := byID[it.Citations[0].ArticleID].Lang; !slices.Contains(langs, l) {
						langs = append(langs, l)
					}
				}
				slices.Sort(langs)
				g.SummaryLangs = strings.Join(langs, " ")
			}
			if diff := cmp.Diff(tt.want, g); diff != "" {
				t.Errorf("desk %q (-want +got):\n%s", tt.desk, diff)
			}
			if err := CheckGrounded(b, byID); err != nil {
				t.Error(err)
			}
		})
	}
}

// TestSummaryArticles wants the summary made of one language's sentences:
// the desk's while some but not all articles are in it, else the one most
// articles are in, and every article's when all share one.
func TestSummaryArticles(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		langs []string // each article's own tag
		desk  string
		want  []bool
	}{
		{"all in the desk's language", []string{"en", "en-GB"}, "en", nil},
		{"some in the desk's language", []string{"en", "es", "en"}, "es", []bool{false, true, false}},
		{"a regional tag", []string{"en", "es-MX"}, "es", []bool{false, true}},
		{"none in it: the most articles' language", []string{"es", "en", "en"}, "fr", []bool{false, true, true}},
		{"none in it, a tie: the earliest article's", []string{"es", "en"}, "fr", []bool{true, false}},
		{"none in it, one language", []string{"en", "en"}, "fr", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			arts := make([]news.Article, len(tt.langs))
			for i, l := range tt.langs {
				arts[i] = news.Article{ID: int64(i + 1), Lang: l, Text: "Words."}
			}
			langs := articleLangs(arts)
			desk := deskLanguage(tt.desk)
			got, _ := summaryArticles(arts, langs, deskArticles(arts, langs, desk), desk)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("summaryArticles (-want +got):\n%s", diff)
			}
		})
	}
}

// TestSummaryDeskTranslations wants a summary in the desk's language that
// cites only the stored text of the articles in it: an article in another
// language with a machine translation into the desk's is agreed with by
// its translation, never cited, and with no usable sentence in the desk's
// language the summary is the whole story's rather than none.
func TestSummaryDeskTranslations(t *testing.T) {
	t.Parallel()
	day := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	const (
		enLead  = "Teachers in Valdria voted to accept a pay rise of 6 percent over two years, ending the threat of a national strike."
		enMore  = "The federation had planned to close schools across the country from Monday."
		esLead  = "Los profesores de Valdria aceptaron una subida salarial del 6 % en dos años, lo que pone fin a la amenaza de una huelga nacional."
		esMore  = "La federación había previsto cerrar los colegios de todo el país a partir del lunes."
		enTitle = "Teachers accept 6 percent pay deal"
		esTitle = "Los profesores aceptan una subida del 6 %"
	)
	story := func(translatedTo, spanish string) []news.Article {
		arts := []news.Article{
			{ID: 1, SourceID: 1, Lang: "en", PublishedAt: day, URL: "https://wire.example/1", Title: enTitle, Text: enLead + " " + enMore},
			{ID: 2, SourceID: 2, Lang: "es", PublishedAt: day.Add(time.Hour), URL: "https://cronica.example/2", Title: esTitle, Text: spanish},
			{ID: 3, SourceID: 3, Lang: "en", PublishedAt: day.Add(2 * time.Hour), URL: "https://post.example/3", Title: "Valdria teachers vote for pay deal",
				Text: "Teachers in Valdria backed a pay rise of 6 percent over two years. " + enMore},
		}
		for i, a := range arts {
			switch {
			case translatedTo == "en" && a.Lang == "es":
				arts[i].Translation = news.Translation{From: "es", To: "en", Text: enTitle + "\n\n" + enLead + " " + enMore}
			case translatedTo == "es" && a.Lang == "en":
				arts[i].Translation = news.Translation{From: "en", To: "es", Text: esTitle + "\n\n" + esLead + " " + esMore}
			}
		}
		return arts
	}
	tests := []struct {
		name, desk, translatedTo, spanish string
		want                              string // the summary's articles' languages
	}{
		{"English desk, Spanish article translated", "en", "en", esLead + " " + esMore, "en"},
		{"English desk, no translation", "en", "", esLead + " " + esMore, "en"},
		{"Spanish desk, English articles translated", "es", "es", esLead + " " + esMore, "es"},
		{"Spanish desk, no translation", "es", "", esLead + " " + esMore, "es"},
		{"Spanish desk, no usable Spanish sentence", "es", "", "Huelga desconvocada.", "en"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			arts := story(tt.translatedTo, tt.spanish)
			byID := map[int64]news.Article{}
			for _, a := range arts {
				byID[a.ID] = a
			}
			b := Build(Input{Story: news.Story{ID: 1}, Articles: arts}, Options{Now: fixedNow, DeskLang: tt.desk})
			s, ok := b.Section(news.SectionSummary)
			if !ok {
				t.Fatal("no summary")
			}
			var langs []string
			for _, it := range s.Items {
				if l := byID[it.Citations[0].ArticleID].Lang; !slices.Contains(langs, l) {
					langs = append(langs, l)
				}
			}
			slices.Sort(langs)
			if got := strings.Join(langs, " "); got != tt.want {
				t.Errorf("summary in %q, want %q: %v", got, tt.want, s.Items)
			}
			if err := CheckGrounded(b, byID); err != nil {
				t.Error(err)
			}
		})
	}
}
