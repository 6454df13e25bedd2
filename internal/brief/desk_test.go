package brief

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/newsdesk/newsdesk/internal/news"
)

// TestDeskLanguage wants a briefing to read in the desk's language where
// an article is in it: the headline a title in it, the bottom line a
// sentence of an article in it, and each voice opening on the speaker's
// quote in it. The story is told by two English outlets and a Spanish
// one, which the summary, made of the sentences most outlets share,
// reads in English whatever the desk.
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
				"Las escuelas de la capital abrirán con normalidad el lunes por la mañana."},
		{ID: 3, SourceID: 3, Lang: "en", PublishedAt: day.Add(2 * time.Hour), URL: "https://post.example/3",
			Title: "Valdria teachers vote for pay deal",
			Text: "Teachers in Valdria backed a pay rise of 6 percent over two years, ending the threat of a national strike. " +
				"Parents in the capital said they were relieved that schools would stay open next week."},
	}
	sources := map[int64]news.Source{1: {ID: 1, Name: "Meridian Wire"}, 2: {ID: 2, Name: "Crónica del Sur"}, 3: {ID: 3, Name: "Daily Post"}}
	in := Input{Story: news.Story{ID: 1, Title: "Pay deal"}, Articles: arts, Sources: sources}
	type got struct {
		HeadlineOutlet, BottomLineOutlet, FirstVoiceOutlet string
	}
	outletOf := map[int64]string{1: "Meridian Wire", 2: "Crónica del Sur", 3: "Daily Post"}
	byID := map[int64]news.Article{}
	for _, a := range arts {
		byID[a.ID] = a
	}
	tests := []struct {
		desk string
		want got
	}{
		{"", got{"Daily Post", "Daily Post", "Meridian Wire"}},
		{"en", got{"Daily Post", "Daily Post", "Meridian Wire"}},
		{"es", got{"Crónica del Sur", "Crónica del Sur", "Crónica del Sur"}},
		{"es-MX", got{"Crónica del Sur", "Crónica del Sur", "Crónica del Sur"}},
		// No article in the desk's language: the headline and the bottom
		// line read as the summary does, in English.
		{"fr", got{"Daily Post", "Daily Post", "Meridian Wire"}},
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
			if diff := cmp.Diff(tt.want, g); diff != "" {
				t.Errorf("desk %q (-want +got):\n%s", tt.desk, diff)
			}
			if err := CheckGrounded(b, byID); err != nil {
				t.Error(err)
			}
		})
	}
}
