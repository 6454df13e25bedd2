package brief

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/newsdesk/newsdesk/internal/news"
)

// TestReportsDay is the table of when a day a sentence names dates it: the
// sentence must report an event of that day, not a plan, not a noun the
// day qualifies and not a relative clause about something else.
func TestReportsDay(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		sentence, mention string
		want              bool
	}{
		{"The authority released water from the dam on Monday.", "on Monday", true},
		{"On Monday, the authority released water from the dam.", "On Monday", true},
		{"Yesterday the council approved the budget.", "Yesterday", true},
		{"The minister said on Monday that the plant will close.", "on Monday", true},
		{"The river flooded the district on Tuesday , officials said .", "on Tuesday", true},
		// The flood story's defect: a plan, whatever day it names.
		{"The inquiry will be led by Marguerite Stahl, a retired judge, and will look at the condition of the dam, the decision to release water from it on Monday, and the warnings given.", "on Monday", false},
		{"The vote is due to take place on March 10.", "on March 10", false},
		{"The company expects that talks could resume on Tuesday.", "on Tuesday", false},
		{"The union won't strike on Friday.", "on Friday", false},
		{"On Monday, the council will vote on the budget.", "Monday", false},
		{"Yesterday the minister said he will resign.", "Yesterday", true},
		{"On Friday the vote is expected to go ahead.", "Friday", false},
		{"On Monday the authority announced it would lower the reservoir.", "Monday", true},
		{"The court may rule on Thursday.", "on Thursday", false},
		{"Shares rose in May after the results.", "May", true},
		// A Spanish plan: the Crónica del Sur festival's visitors.
		{"La organización espera más de 20.000 visitantes entre el viernes y el domingo.", "domingo", false},
		{"El ayuntamiento prevé abrir el lunes.", "lunes", false},
		{"La feria se celebrará el sábado.", "sábado", false},
		{"Las restricciones rigen a partir del lunes.", "lunes", false},
		// text.SpanishPlan's "próximo", before or after the day; the
		// mention is the words text.Dates reads as the day.
		{"La feria abre sus puertas el próximo lunes.", "lunes", false},
		{"La feria abre sus puertas el próximo lunes.", "próximo lunes", false},
		{"La feria abre sus puertas el lunes próximo.", "lunes próximo", false},
		{"Unas 500 personas volvían a casa el domingo próximo.", "domingo próximo", false},
		{"La feria abre la próxima semana, el lunes.", "lunes", false},
		{"La feria abre el próximo 3 de marzo.", "3 de marzo", false},
		// The plurals: "las próximas semanas", "los próximos días".
		{"El juez decidirá en las próximas semanas si el alcalde declara el lunes.", "lunes", false},
		{"En los próximos días, las obras empiezan el lunes.", "lunes", false},
		{"El lunes, las obras empiezan en los próximos días.", "lunes", false},
		// English plans, by text.EnglishPlan: the day's own "next" or
		// "this coming", or the clause's "will".
		{"The council meets next Monday.", "next Monday", false},
		{"The council meets this coming Monday.", "this coming Monday", false},
		{"The council will meet on Monday.", "on Monday", false},
		{"Next Monday, the council meets to vote.", "Next Monday", false},
		{"In the coming weeks the council meets on Monday.", "on Monday", false},
		{"The council met on Monday.", "on Monday", true},
		{"The next day, police arrested the man on Monday.", "on Monday", true},
		// "próximo" as "near" is no plan.
		{"En un bar próximo a la estación, la policía detuvo al hombre el domingo.", "domingo", true},
		{"El alcalde anunció el lunes las restricciones.", "lunes", true},
		{"La policía detuvo al hombre el domingo.", "domingo", true},
		// The day qualifies a noun.
		{"The mayor repeated his call for an inquiry into Monday's release of water.", "Monday", false},
		{"The mayor criticised Monday 's release of water .", "Monday", false},
		// The day belongs to a relative clause.
		{"In Lanmere, where the River Osk flooded the Millbrook district on Tuesday, the news was met with anger.", "on Tuesday", false},
		{"The bank, which collapsed on Monday, had 40 branches.", "on Monday", false},
	} {
		t.Run(tt.sentence, func(t *testing.T) {
			t.Parallel()
			i := strings.Index(tt.sentence, tt.mention)
			if i < 0 {
				t.Fatalf("mention %q not in the sentence", tt.mention)
			}
			if got := reportsDay(tt.sentence, news.Span{Start: i, End: i + len(tt.mention)}); got != tt.want {
				t.Errorf("reportsDay(%q, %q) = %v, want %v", tt.sentence, tt.mention, got, tt.want)
			}
		})
	}
}

// TestTimelineDatesByEvent checks the dates Timeline gives: a sentence is
// dated by the day it names only when it reports that day's event, and a
// weekday is the calendar day it names in the article's own zone.
func TestTimelineDatesByEvent(t *testing.T) {
	t.Parallel()
	date := func(d int) time.Time { return time.Date(2026, 3, d, 0, 0, 0, 0, time.UTC) }
	east := time.FixedZone("UTC+5", 5*3600)
	for _, tt := range []struct {
		name string
		pub  time.Time
		text string
		want time.Time
	}{
		{"past event", time.Date(2026, 3, 6, 12, 0, 0, 0, time.UTC),
			"The authority released water from the Tarrow Dam on Monday.", date(2)},
		{"plan", time.Date(2026, 3, 6, 12, 0, 0, 0, time.UTC),
			"The inquiry will look at the decision to release water from the dam on Monday.", date(6)},
		{"relative clause", time.Date(2026, 3, 6, 12, 0, 0, 0, time.UTC),
			"In Lanmere, where the river flooded the district on Tuesday, residents were angry.", date(6)},
		// "el domingo próximo" is a plan, read with the day itself.
		{"spanish weekday próximo", time.Date(2026, 3, 6, 12, 0, 0, 0, time.UTC),
			"Unas 500 personas vuelven a casa el domingo próximo.", date(6)},
		// "next Monday" is a plan: the council has not met yet.
		{"english next weekday", time.Date(2026, 3, 6, 12, 0, 0, 0, time.UTC),
			"The council meets next Monday to vote on the budget.", date(6)},
		{"spanish próximo a", time.Date(2026, 3, 6, 12, 0, 0, 0, time.UTC),
			"En un bar próximo a la estación, la policía detuvo al hombre el domingo.", date(1)},
		// Friday 6 March, 02:00 in UTC+5 is still Thursday in UTC: the
		// writer's "on Thursday" is 5 March, not the day before.
		{"weekday east of UTC", time.Date(2026, 3, 6, 2, 0, 0, 0, east),
			"The authority released water from the Tarrow Dam on Thursday.", date(5)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			arts := []news.Article{{ID: 1, PublishedAt: tt.pub, Title: "Dam", Text: tt.text}}
			var got []time.Time
			for _, it := range Timeline(arts, TimelineOptions{MinWords: 3}) {
				got = append(got, *it.Date)
			}
			if diff := cmp.Diff([]time.Time{tt.want}, got); diff != "" {
				t.Errorf("dates (-want +got):\n%s", diff)
			}
		})
	}
}
