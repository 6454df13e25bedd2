package brief

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/newsdesk/newsdesk/internal/news"
)

// TestFactsAges wants a person's age left out of the key facts (it
// describes the person, it is no figure of the story), unless two sources
// give one person different ages: that disagreement is shown, as any
// other is.
func TestFactsAges(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		texts [2]string
		want  [][]string // each item's figure, then its variants' figures
	}{
		{
			name: "an age beside the story's figure",
			texts: [2]string{
				"Brenner, a 27-year-old from Lanmere, finished in 2 hours 11 minutes and 48 seconds, as 9,200 runners took part.",
				"Kofi Brenner won the Port Anselm Marathon on Sunday.",
			},
			want: [][]string{{"2 hours 11 minutes and 48 seconds"}},
		},
		{
			name: "edad en español",
			texts: [2]string{
				"Sofía Alcántara, atleta de Villa Serena de 31 años, ganó la prueba femenina con un tiempo de 2 horas, 27 minutos y 5 segundos.",
				"Ana Lucía Moreno, nacida hace 44 años en Villa Serena, ganó las elecciones con el 52,4 % de los votos.",
			},
			want: [][]string{{"52,4 %"}, {"2 horas, 27 minutos y 5 segundos"}},
		},
		{
			name: "the same age twice",
			texts: [2]string{
				"Kofi Brenner, 27 years old, won the race.",
				"Brenner, a 27-year-old from Lanmere, broke the course record.",
			},
			want: nil,
		},
		{
			name: "two sources, one person, two ages",
			texts: [2]string{
				"Kofi Brenner, a 27-year-old from Lanmere, won the race.",
				"Brenner, a 28-year-old from Lanmere, broke the course record.",
			},
			want: [][]string{{"27-year-old", "28-year-old"}},
		},
		{
			// Two people of one town: the town is no person.
			name: "es: dos vecinas de un pueblo",
			texts: [2]string{
				"Remedios Lanza, vecina de Villa Serena de 81 años, ganó el concurso de repostería. El segundo premio fue para Hugo Bermejo, un estudiante de 19 años.",
				"Sofía Alcántara, atleta de Villa Serena de 31 años, ganó la prueba femenina.",
			},
			want: nil,
		},
		{
			name: "es: una persona, dos edades",
			texts: [2]string{
				"Remedios Lanza, vecina de Villa Serena de 81 años, ganó el concurso.",
				"Remedios Lanza, de 82 años, recogió el premio.",
			},
			want: [][]string{{"82 años", "81 años"}},
		},
		{
			name: "two people's ages",
			texts: [2]string{
				"Kofi Brenner, a 27-year-old from Lanmere, won the race.",
				"Ingrid Moss, a 48-year-old coach, watched from the harbour.",
			},
			want: nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			arts := []news.Article{
				{ID: 1, SourceID: 1, Title: "Marathon", Text: tt.texts[0]},
				{ID: 2, SourceID: 2, Title: "Marathon", Text: tt.texts[1]},
			}
			got := factFigures(arts, twoSources)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("facts' figures (-want +got):\n%s", diff)
			}
		})
	}
}
