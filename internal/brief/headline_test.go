package brief

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/newsdesk/newsdesk/internal/news"
)

// TestHeadline checks the editor's rule for a story's headline: a title in
// the desk's language, plain, central to the coverage, the earliest on a
// tie; always one article's title (cleaned), naming its outlet.
func TestHeadline(t *testing.T) {
	t.Parallel()
	day := time.Date(2026, 3, 4, 8, 0, 0, 0, time.UTC)
	sources := map[int64]news.Source{
		1: {ID: 1, Name: "Crónica del Sur"}, 2: {ID: 2, Name: "Meridian Wire Service"},
		3: {ID: 3, Name: "Northline News"}, 4: {ID: 4, Name: "The Harbor Courier"},
	}
	art := func(id, src int64, lang, title, text string) news.Article {
		return news.Article{ID: id, SourceID: src, Lang: lang, Title: title, Text: text,
			URL: "https://example.org/" + string(rune('a'+id)), PublishedAt: day.Add(time.Duration(id) * time.Hour)}
	}
	festivalES := art(1, 1, "es", "Villa Serena se prepara para una Fiesta del Almendro récord",
		"Villa Serena espera a miles de visitantes para la Fiesta del Almendro.")
	festivalEN := art(2, 2, "en", "Villa Serena readies record almond festival",
		"Villa Serena expects a record crowd at its almond festival this weekend.")
	festivalEN2 := art(3, 3, "en", "Almond growers count on a good harvest",
		"Growers hope the harvest matches the record Villa Serena almond festival.")
	// A second Spanish outlet makes the Spanish title the most central.
	festivalES2 := art(4, 4, "es", "Fiesta del Almendro récord en Villa Serena",
		"Villa Serena se prepara para una Fiesta del Almendro récord, con miles de visitantes.")
	tests := []struct {
		name        string
		arts        []news.Article
		desk        string
		want        string
		wantOutlet  string
		storyTitle  string
		wantNoItems bool
	}{
		{
			name: "Spanish first report, English coverage: an English headline",
			arts: []news.Article{festivalES, festivalEN, festivalEN2, festivalES2}, storyTitle: festivalES.Title,
			want: "Villa Serena readies record almond festival", wantOutlet: "Meridian Wire Service",
		},
		{
			name: "a Spanish desk keeps the Spanish title",
			arts: []news.Article{festivalES, festivalEN, festivalEN2}, desk: "es",
			want: festivalES.Title, wantOutlet: "Crónica del Sur",
		},
		{
			// Tagged German, with "in" in its title and no Spanish word: a
			// guess from the words would have passed it for English.
			name: "a title tagged in a third language is not the desk's",
			arts: []news.Article{
				art(1, 4, "de", "Record in Villa Serena: almond festival in Sicht", "Villa Serena in Valdria erwartet ein record almond festival."),
				festivalEN,
			},
			want: "Villa Serena readies record almond festival", wantOutlet: "Meridian Wire Service",
		},
		{
			name: "only Spanish coverage: a Spanish title rather than none",
			arts: []news.Article{festivalES},
			want: festivalES.Title, wantOutlet: "Crónica del Sur",
		},
		{
			name: "a LIVE: title loses to a plain one",
			arts: []news.Article{
				art(1, 2, "en", "LIVE: Rail strike halts trains across Valdria", "A rail strike halts trains across Valdria."),
				art(2, 3, "en", "Trains stop in Valdria", "A rail strike halts trains across Valdria."),
				art(3, 4, "en", "Commuters stranded", "Rail strike halts trains across Valdria."),
			},
			want: "Trains stop in Valdria", wantOutlet: "Northline News",
		},
		{
			name: "a question loses to a plain one",
			arts: []news.Article{
				art(1, 2, "en", "Will the rail strike halt trains across Valdria?", "A rail strike halted trains across Valdria."),
				art(2, 3, "en", "Rail strike halts trains across Valdria", "A rail strike halted trains across Valdria."),
			},
			want: "Rail strike halts trains across Valdria", wantOutlet: "Northline News",
		},
		{
			name: "Analysis: and all capitals lose to a plain one",
			arts: []news.Article{
				art(1, 2, "en", "Analysis: Rail strike halts trains across Valdria", "A rail strike halted trains across Valdria."),
				art(2, 3, "en", "RAIL STRIKE HALTS TRAINS ACROSS VALDRIA", "A rail strike halted trains across Valdria."),
				art(3, 4, "en", "Rail strike stops Valdria trains", "A rail strike halted trains across Valdria."),
			},
			want: "Rail strike stops Valdria trains", wantOutlet: "The Harbor Courier",
		},
		{
			name: "an explainer loses to the news",
			arts: []news.Article{
				art(1, 2, "en", "Government announces money for Lanmere", "The government announced a flood recovery fund."),
				art(2, 3, "en", "Flood recovery fund: what it pays for", "The flood recovery fund pays for homes and roads."),
				art(3, 4, "en", "Lanmere rebuild to begin", "A flood recovery fund for Lanmere pays for homes."),
			},
			want: "Government announces money for Lanmere", wantOutlet: "Meridian Wire Service",
		},
		{
			name: "a site name suffix is cleaned",
			arts: []news.Article{
				art(1, 4, "en", "Ferry and cargo ship collide in harbour fog | The Harbor Courier", "A ferry and a cargo ship collided in fog."),
			},
			want: "Ferry and cargo ship collide in harbour fog", wantOutlet: "The Harbor Courier",
		},
		{
			name: "the central title beats the first one",
			arts: []news.Article{
				art(1, 2, "en", "Commuters face long day", "Commuters faced a long day as the rail strike halted trains."),
				art(2, 3, "en", "Rail strike halts trains across Valdria", "A rail strike halted trains across Valdria."),
				art(3, 4, "en", "Valdria rail workers walk out", "A rail strike halts trains across Valdria."),
			},
			want: "Rail strike halts trains across Valdria", wantOutlet: "Northline News",
		},
		{
			name: "a tie keeps the earliest",
			arts: []news.Article{
				art(1, 2, "en", "Rail strike halts trains", "Rail strike halts trains."),
				art(2, 3, "en", "Rail strike halts trains", "Rail strike halts trains."),
			},
			want: "Rail strike halts trains", wantOutlet: "Meridian Wire Service",
		},
		{
			name: "no titles: the story's",
			arts: []news.Article{art(1, 2, "en", "", "A rail strike halted trains.")}, storyTitle: "Rail strike",
			want: "Rail strike",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			arts := usable(tc.arts)
			desk := deskLanguage(tc.desk)
			got := headline(news.Story{ID: 9, Title: tc.storyTitle}, arts, deskArticles(arts, articleLangs(arts), desk), sources, desk)
			if diff := cmp.Diff(tc.want, got.Text); diff != "" {
				t.Errorf("headline (-want +got):\n%s", diff)
			}
			if got.Outlet != tc.wantOutlet {
				t.Errorf("headline outlet = %q, want %q", got.Outlet, tc.wantOutlet)
			}
			// The headline is an article's title: its URL names that article.
			if tc.wantOutlet != "" {
				found := false
				for _, a := range tc.arts {
					found = found || a.URL == got.URL
				}
				if !found {
					t.Errorf("headline URL %q names no article", got.URL)
				}
			}
		})
	}
}
