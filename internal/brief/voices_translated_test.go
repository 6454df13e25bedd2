package brief

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/newsdesk/newsdesk/internal/news"
)

// TestVoicesTranslatedQuote wants a foreign outlet's quote left out when
// its stored machine translation renders a quote of the same speaker in
// the desk's language, and kept otherwise: a translation that says
// something else, another speaker, no translation stored, or one whose
// paragraphs do not align with the article's.
func TestVoicesTranslatedQuote(t *testing.T) {
	t.Parallel()
	english := news.Article{ID: 1, SourceID: 1, Lang: "en",
		Text: "Firefighters evacuated 150 people overnight.\n\n" +
			`"We knocked on every door between the bridge and the brewery," said fire chief Bram Oster.`}
	spanish := "Los bomberos evacuaron a 150 personas.\n\n" +
		"«Llamamos a todas las puertas entre el puente y la fábrica de cerveza», dijo el jefe de bomberos, Bram Oster."
	// The glossary translator's rendering, title first.
	gloss := "Firefighters evacuate\n\nThe firefighters evacuated to 150 people.\n\n" +
		"«Call to all the doors between the bridge and the factory of cerveza», said the chief of firefighters, Bram Oster."
	tests := []struct {
		name    string
		spanish string
		tr      string
		want    []string // each voice's quotes
	}{
		{"a translation of the English quote", spanish, gloss,
			[]string{"We knocked on every door between the bridge and the brewery"}},
		{"no translation stored", spanish, "",
			[]string{"We knocked on every door between the bridge and the brewery", "Llamamos a todas las puertas entre el puente y la fábrica de cerveza"}},
		{"paragraphs that do not align", spanish, "Firefighters evacuate\n\n«Call to all the doors between the bridge and the factory of cerveza», said the chief.\n\nThe firefighters evacuated to 150 people.",
			[]string{"We knocked on every door between the bridge and the brewery", "Llamamos a todas las puertas entre el puente y la fábrica de cerveza"}},
		{"another remark of the speaker",
			"Los bomberos evacuaron a 150 personas.\n\n«El agua subió más rápido de lo que nadie esperaba», dijo el jefe de bomberos, Bram Oster.",
			"Firefighters evacuate\n\nThe firefighters evacuated to 150 people.\n\n«The water rose more fast of what nobody expected», said the chief of firefighters, Bram Oster.",
			[]string{"We knocked on every door between the bridge and the brewery", "El agua subió más rápido de lo que nadie esperaba"}},
		{"another speaker",
			"Los bomberos evacuaron a 150 personas.\n\n«Llamamos a todas las puertas entre el puente y la fábrica de cerveza», dijo la alcaldesa, Dolores Arriaga.",
			"Firefighters evacuate\n\nThe firefighters evacuated to 150 people.\n\n«Call to all the doors between the bridge and the factory of cerveza», said the mayor, Dolores Arriaga.",
			[]string{"We knocked on every door between the bridge and the brewery", "Llamamos a todas las puertas entre el puente y la fábrica de cerveza"}},
	}
	sources := map[int64]news.Source{1: {ID: 1, Name: "One"}, 2: {ID: 2, Name: "Dos"}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			es := news.Article{ID: 2, SourceID: 2, Lang: "es", Text: tt.spanish,
				Translation: news.Translation{From: "es", To: "en", Text: tt.tr}}
			var got []string
			for _, v := range englishVoices([]news.Article{english, es}, sources, 6) {
				got = append(got, v.Text)
				for _, q := range v.Quotes {
					got = append(got, q.Text)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("voices (-want +got):\n%s", diff)
			}
		})
	}
}

// TestVoicesDeskLanguageFirst wants a voice to open on the speaker's quote
// in the desk's language, and the role it gives, when an article in
// another language quoted them first, machine-translated or not.
func TestVoicesDeskLanguageFirst(t *testing.T) {
	t.Parallel()
	en := news.Article{ID: 2, SourceID: 1, Lang: "en",
		Text: `"The dam is safe, but we will not take any chances," said Samuel Idowu, the authority's chief engineer.`}
	sources := map[int64]news.Source{1: {ID: 1, Name: "One"}, 2: {ID: 2, Name: "Dos"}}
	type quote struct{ Text, Outlet string }
	want := []quote{
		{"The dam is safe, but we will not take any chances", "One"},
		{"La vigilamos muy de cerca todos los días", "Dos"},
	}
	for _, tt := range []struct {
		name string
		tr   news.Translation
	}{
		{"translated", news.Translation{From: "es", To: "en", Text: "Dam\n\n«The monitor very of near all the days», stated Samuel Idowu, engineer chief of the authority."}},
		{"no translation stored", news.Translation{}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			es := news.Article{ID: 1, SourceID: 2, Lang: "es", Translation: tt.tr,
				Text: "«La vigilamos muy de cerca todos los días», afirmó Samuel Idowu, ingeniero jefe de la autoridad."}
			var got []quote
			var role string
			for _, v := range englishVoices([]news.Article{es, en}, sources, 6) {
				role = v.Role
				got = append(got, quote{v.Text, v.Outlet})
				for _, q := range v.Quotes {
					got = append(got, quote{q.Text, q.Outlet})
				}
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("voices (-want +got):\n%s", diff)
			}
			if role != "the authority's chief engineer" {
				t.Errorf("role = %q, want the English article's", role)
			}
		})
	}
}

// TestVoicesRoleStandsAlone wants a caption's role that reads alone: a
// role opening on a possessive pronoun ("its president") points at a
// sentence the caption does not show, and gives way to another quote's
// role or to none.
func TestVoicesRoleStandsAlone(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		texts []string
		want  string
	}{
		{"its", []string{`The pharmacists' association warned of shortages. Its president, Miriam Oyelaran, called for a reserve. "A three-week delay should not put lives at risk," she said.`}, ""},
		{"his", []string{`Brenner trained in Lanmere. His former coach at the club, Ingrid Moss, watched on television. "We stopped for two hours at the club," she said.`}, ""},
		{"its, after the verb", []string{`"The safety of our passengers is all that matters," said its managing director, Sven Halle.`}, ""},
		{"another quote's role", []string{
			`The pharmacists' association warned of shortages. Its president, Miriam Oyelaran, called for a reserve. "A three-week delay should not put lives at risk," she said.`,
			`"Every year we say never again," said Miriam Oyelaran, president of the pharmacists' association.`,
		}, "president of the pharmacists' association"},
		{"a role that reads alone", []string{`"Every year we say never again," said Miriam Oyelaran, the association's president.`}, "the association's president"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var arts []news.Article
			for i, s := range tt.texts {
				arts = append(arts, news.Article{ID: int64(i + 1), SourceID: int64(i + 1), Lang: "en", Text: s})
			}
			vs := englishVoices(arts, nil, 6)
			if len(vs) != 1 {
				t.Fatalf("%d voices, want 1: %+v", len(vs), vs)
			}
			if vs[0].Role != tt.want {
				t.Errorf("role = %q, want %q", vs[0].Role, tt.want)
			}
		})
	}
}

// TestSameRemark pins when a translated quote renders another.
func TestSameRemark(t *testing.T) {
	t.Parallel()
	tests := []struct {
		gloss, said string
		want        bool
	}{
		{"Call to all the doors between the bridge and the factory of cerveza", "We knocked on every door between the bridge and the brewery", true},
		{"I will be the mayor of who me voted and also of who not it did", "Tonight Port Anselm chose to look forward … I will be the mayor of those who voted for me and of those who did not.", true},
		{"and now has to arrive fast", "It is what we asked for … and now it has to arrive quickly.", false},
		{"The water rose more fast of what nobody expected", "We knocked on every door between the bridge and the brewery", false},
		{"Is what ask", "It is what we asked for", false},
	}
	for _, tt := range tests {
		if got := sameRemark(remarkStems(tt.gloss), remarkStems(tt.said)); got != tt.want {
			t.Errorf("sameRemark(%q, %q) = %v, want %v", tt.gloss, tt.said, got, tt.want)
		}
	}
}

// TestRendersByBaseLanguage wants a quote's translation compared only with
// quotes in another language, told by the tags' primary subtags, else by
// the guessed languages: an "en-GB" article's quote is in the "en" desk's
// language already, and so is an untagged one guessed English.
func TestRendersByBaseLanguage(t *testing.T) {
	t.Parallel()
	said := remark{"bram oster", remarkStems("We knocked on every door between the bridge and the brewery")}
	gloss := remark{"bram oster", remarkStems("Call to all the doors between the bridge and the factory of cerveza")}
	tests := []struct {
		desk, quoted string // the desk article's tag and the glossed one's
		guesses      []string
		want         bool
	}{
		{"en", "es", nil, true},
		{"en-US", "es-MX", nil, true},
		{"en", "en-GB", nil, false},
		{"en-us", "EN_GB", nil, false},
		{"es", "es-AR", nil, false},
		// Untagged: their guesses tell.
		{"", "", []string{"en", "es"}, true},
		{"", "", []string{"en", "en"}, false},
		{"en", "", []string{"", "en"}, false},
		// A tag is the article's own, whatever the guess says.
		{"en", "es", []string{"en", "en"}, true},
	}
	for _, tt := range tests {
		arts := []news.Article{{ID: 1, Lang: tt.desk}, {ID: 2, Lang: tt.quoted}}
		remarks := [][]remark{{said}, nil}
		langs := tt.guesses
		if langs == nil {
			langs = []string{"", ""}
		}
		if got := renders(arts, []bool{true, false}, langs, remarks, 1, gloss); got != tt.want {
			t.Errorf("renders(%q quote guessed %q by a %q one) = %v, want %v", tt.quoted, langs, tt.desk, got, tt.want)
		}
	}
}
