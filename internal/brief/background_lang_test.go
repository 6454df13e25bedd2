package brief

import (
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/newsdesk/newsdesk/internal/news"
)

// TestBackgroundReadsAsTheBriefing wants the background's entries in the
// language the briefing reads in (the desk's where an article of the story
// is in it, else the summary's): an English briefing of a drought listed
// three untranslated Spanish sentences of an almond festival the thread
// had linked by its town.
func TestBackgroundReadsAsTheBriefing(t *testing.T) {
	t.Parallel()
	day := time.Date(2026, 3, 7, 9, 0, 0, 0, time.UTC)
	earlier := []news.Article{
		{ID: 10, SourceID: 1, Lang: "en", PublishedAt: day.AddDate(0, 0, -3), URL: "https://wire.example/10", Title: "Reservoir falls",
			Text: "The La Encina reservoir that supplies Villa Serena fell to 40 percent of its capacity on Wednesday after a dry winter."},
		{ID: 11, SourceID: 2, Lang: "es", PublishedAt: day.AddDate(0, 0, -2), URL: "https://cronica.example/11", Title: "El embalse baja",
			Text: "El embalse de La Encina, que abastece a Villa Serena, bajó el jueves al 35 % de su capacidad tras un invierno seco."},
		{ID: 12, SourceID: 3, Lang: "pt", PublishedAt: day.AddDate(0, 0, -1), URL: "https://diario.example/12", Title: "A barragem desce",
			Text: "A barragem de La Encina, que abastece Villa Serena, desceu na sexta-feira para 33 % da sua capacidade depois de um inverno seco."},
	}
	english := []news.Article{
		{ID: 1, SourceID: 1, Lang: "en", PublishedAt: day, URL: "https://wire.example/1", Title: "Villa Serena restricts water use",
			Text: "Villa Serena will ban garden watering from Monday, after the La Encina reservoir fell to 31 percent of its capacity. The reservoir supplies about 45,000 people."},
	}
	spanish := []news.Article{
		{ID: 2, SourceID: 2, Lang: "es", PublishedAt: day, URL: "https://cronica.example/2", Title: "Villa Serena restringe el agua",
			Text: "Villa Serena prohibirá el riego de jardines desde el lunes, después de que el embalse de La Encina bajara al 31 % de su capacidad. El embalse abastece a unas 45.000 personas."},
	}
	// Tagged Portuguese, which the language guess would read as Spanish.
	portuguese := []news.Article{
		{ID: 3, SourceID: 3, Lang: "pt-BR", PublishedAt: day, URL: "https://diario.example/3", Title: "Villa Serena restringe a água",
			Text: "Villa Serena vai proibir a rega de jardins a partir de segunda-feira, depois de a barragem de La Encina ter descido para 31 % da sua capacidade. A barragem abastece cerca de 45.000 pessoas."},
	}
	sources := map[int64]news.Source{1: {ID: 1, Name: "Meridian Wire"}, 2: {ID: 2, Name: "Crónica del Sur"}, 3: {ID: 3, Name: "Diário do Sul"}}
	tests := []struct {
		name string
		arts []news.Article
		desk string
		want []int64 // the articles the background cites
	}{
		{"an English story on an English desk", english, "en", []int64{10}},
		{"a Spanish story on a Spanish desk", spanish, "es", []int64{11}},
		// No article in the desk's language: the background reads as the
		// summary does, in Spanish.
		{"a Spanish story on an English desk", spanish, "en", []int64{11}},
		{"a Portuguese story on an English desk", portuguese, "en", []int64{12}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			in := Input{Story: news.Story{ID: 1, Title: "Drought"}, Articles: tt.arts, Earlier: earlier, Sources: sources}
			b := Build(in, Options{Now: fixedNow, DeskLang: tt.desk})
			var got []int64
			if s, ok := b.Section(news.SectionBackground); ok {
				for _, it := range s.Items {
					if len(it.Citations) == 0 {
						t.Errorf("background item %q cites no article", it.Text)
						continue
					}
					got = append(got, it.Citations[0].ArticleID)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("background cites (-want +got):\n%s", diff)
			}
		})
	}
}

// TestBackgroundNotInSummary wants no background entry that repeats a
// summary sentence: a story's own articles from before its latest day are
// its background, and its summary can take a sentence of one of them (the
// demo's almond festival listed "La organización espera más de 20.000
// visitantes…" in both).
func TestBackgroundNotInSummary(t *testing.T) {
	t.Parallel()
	for key, in := range demoInputs(t) {
		t.Run(key, func(t *testing.T) {
			t.Parallel()
			b := Build(in, Options{Now: fixedNow})
			sum, _ := b.Section(news.SectionSummary)
			bg, _ := b.Section(news.SectionBackground)
			for _, it := range bg.Items {
				if slices.ContainsFunc(sum.Items, func(s news.Item) bool { return slices.Equal(s.Citations, it.Citations) }) {
					t.Errorf("background repeats the summary's %q", it.Text)
				}
			}
		})
	}
}

// TestBackgroundOwnUntaggedArticles is TestBackgroundReadsAsTheBriefing
// for the story's own older articles with no language tag: their language
// is the guess the briefing's analysis made of them, so an English
// briefing's background keeps the older English report and leaves out the
// Spanish one, and a Spanish briefing's the other way round.
func TestBackgroundOwnUntaggedArticles(t *testing.T) {
	t.Parallel()
	day := time.Date(2026, 3, 7, 9, 0, 0, 0, time.UTC)
	arts := []news.Article{
		{ID: 1, SourceID: 1, PublishedAt: day.AddDate(0, 0, -3), URL: "https://wire.example/1", Title: "Reservoir falls",
			Text: "The La Encina reservoir that supplies Villa Serena fell to 40 percent of its capacity on Wednesday after a dry winter. Farmers in the valley said their wells were running low. On Tuesday the regional water board met in Villa Serena to discuss limits on garden watering and car washing."},
		{ID: 2, SourceID: 2, PublishedAt: day.AddDate(0, 0, -2), URL: "https://cronica.example/2", Title: "El embalse baja",
			Text: "El embalse de La Encina, que abastece a Villa Serena, bajó el jueves al 35 % de su capacidad tras un invierno seco. Los agricultores del valle dijeron que sus pozos se estaban secando. El miércoles la junta regional del agua se reunió en Villa Serena para estudiar límites al riego de jardines."},
		{ID: 3, SourceID: 1, PublishedAt: day, URL: "https://wire.example/3", Title: "Villa Serena restricts water use",
			Text: "Villa Serena will ban garden watering from Monday, after the La Encina reservoir fell to 31 percent of its capacity. The reservoir supplies about 45,000 people."},
	}
	sources := map[int64]news.Source{1: {ID: 1, Name: "Meridian Wire"}, 2: {ID: 2, Name: "Crónica del Sur"}}
	for _, tt := range []struct {
		desk string
		want map[int64]bool // the articles the background cites
	}{
		{"en", map[int64]bool{1: true}},
		{"es", map[int64]bool{2: true}},
	} {
		t.Run(tt.desk, func(t *testing.T) {
			t.Parallel()
			b := Build(Input{Story: news.Story{ID: 1, Title: "Drought"}, Articles: arts, Sources: sources}, Options{Now: fixedNow, DeskLang: tt.desk})
			cited := map[int64]bool{}
			if s, ok := b.Section(news.SectionBackground); ok {
				for _, it := range s.Items {
					if len(it.Citations) == 0 {
						t.Errorf("background item %q cites no article", it.Text)
						continue
					}
					cited[it.Citations[0].ArticleID] = true
				}
			}
			if diff := cmp.Diff(tt.want, cited); diff != "" {
				t.Errorf("background cites (-want +got):\n%s", diff)
			}
		})
	}
}
