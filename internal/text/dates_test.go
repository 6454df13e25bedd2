package text

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/newsdesk/newsdesk/internal/news"
)

type dateHit struct {
	Text, Day, Precision string
	Relative             bool
}

func dateHits(s string, ref time.Time) []dateHit {
	var out []dateHit
	for _, d := range Dates(s, ref) {
		out = append(out, dateHit{d.Span.Of(s), d.Time.Format("2006-01-02"), d.Precision, d.Relative})
	}
	return out
}

func TestDates(t *testing.T) {
	t.Parallel()
	ref := time.Date(2024, 3, 14, 15, 4, 0, 0, time.UTC) // a Thursday
	tests := []struct {
		name, in string
		ref      time.Time
		want     []dateHit
	}{
		{"iso", "Filed on 2024-03-05.", ref, []dateHit{{"2024-03-05", "2024-03-05", "day", false}}},
		{"iso slashes", "Filed on 2024/03/05.", ref, []dateHit{{"2024/03/05", "2024-03-05", "day", false}}},
		{"month day year", "On March 3, 2024, it began.", ref, []dateHit{{"March 3, 2024", "2024-03-03", "day", false}}},
		{"day month", "Talks end 3 March.", ref, []dateHit{{"3 March", "2024-03-03", "day", false}}},
		{"abbreviated month", "due Sept. 5", ref, []dateHit{{"Sept. 5", "2024-09-05", "day", false}}},
		{"year nearest ref", "It happened on Dec. 28.", ref, []dateHit{{"Dec. 28", "2023-12-28", "day", false}}},
		{"ordinal", "on March 3rd, 2023", ref, []dateHit{{"March 3rd, 2023", "2023-03-03", "day", false}}},
		{"spanish full", "el 12 de marzo de 2023", ref, []dateHit{{"12 de marzo de 2023", "2023-03-12", "day", false}}},
		{"spanish no year", "el 3 de marzo", ref, []dateHit{{"3 de marzo", "2024-03-03", "day", false}}},
		{"month and year", "In March 2024, prices rose.", ref, []dateHit{{"March 2024", "2024-03-01", "month", false}}},
		{"invalid day", "Feb. 30, 2024", ref, nil},
		{"may the verb", "It may rain 3 days.", ref, nil},
		{"yesterday", "Yesterday the vote failed.", ref, []dateHit{{"Yesterday", "2024-03-13", "day", true}}},
		{"ayer", "El Gobierno anunció ayer la medida.", ref, []dateHit{{"ayer", "2024-03-13", "day", true}}},
		{"weekday", "on Tuesday, police said", ref, []dateHit{{"Tuesday", "2024-03-12", "day", true}}},
		{"same weekday", "on Thursday", ref, []dateHit{{"Thursday", "2024-03-14", "day", true}}},
		{"last weekday", "last Thursday", ref, []dateHit{{"last Thursday", "2024-03-07", "day", true}}},
		{"next weekday", "next Monday", ref, []dateHit{{"next Monday", "2024-03-18", "day", true}}},
		{"spanish weekday", "el martes", ref, []dateHit{{"martes", "2024-03-12", "day", true}}},
		{"spanish past weekday", "el jueves pasado", ref, []dateHit{{"jueves pasado", "2024-03-07", "day", true}}},
		{"spanish next weekday", "el próximo lunes", ref, []dateHit{{"próximo lunes", "2024-03-18", "day", true}}},
		{"spanish next same weekday", "el próximo jueves", ref, []dateHit{{"próximo jueves", "2024-03-21", "day", true}}},
		{"spanish same weekday próximo", "el jueves próximo", ref, []dateHit{{"jueves próximo", "2024-03-21", "day", true}}},
		{"this same weekday", "this Thursday", ref, []dateHit{{"this Thursday", "2024-03-14", "day", true}}},
		{"days ago", "two days ago", ref, []dateHit{{"two days ago", "2024-03-12", "day", true}}},
		{"hace días", "hace tres días", ref, []dateHit{{"hace tres días", "2024-03-11", "day", true}}},
		{"no ref, no relative", "Yesterday, on March 3", time.Time{}, nil},
		{"no ref, absolute", "March 3, 2024", time.Time{}, []dateHit{{"March 3, 2024", "2024-03-03", "day", false}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if diff := cmp.Diff(tc.want, dateHits(tc.in, tc.ref)); diff != "" {
				t.Errorf("Dates(%q) mismatch (-want +got):\n%s", tc.in, diff)
			}
		})
	}
}

// TestSpanishPlanProximo: "próximo" is a plan beside a day, month or span,
// before or after it, and not as "near".
func TestSpanishPlanProximo(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{"el próximo lunes", true},
		{"el lunes próximo", true},
		{"el domingo próximo", true},
		{"la próxima semana", true},
		{"el próximo mes de marzo", true},
		{"en marzo próximo", true},
		{"el próximo 3 de marzo", true},
		{"el próximo día 3", true},
		{"un bar próximo a la estación", false},
		{"una calle próxima al río", false},
		// The plurals are plans too, and "near" when no span follows.
		{"en las próximas semanas", true},
		{"en los próximos días", true},
		{"en los próximos meses", true},
		{"en las próximas 48 horas", true},
		{"unos barrios próximos al río", false},
	} {
		t.Run(tc.in, func(t *testing.T) {
			t.Parallel()
			if got := planIn(tc.in, SpanishPlan); got != tc.want {
				t.Errorf("a plan in %q = %v, want %v", tc.in, got, tc.want)
			}
		})
	}
}

// TestEnglishPlan: "next" is a plan before a day, month or span, not in
// a story's "the next day"; "coming", "will" and "later this" are plans.
func TestEnglishPlan(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{"next Monday", true},
		{"next week", true},
		{"next March", true},
		{"next year", true},
		{"this coming Monday", true},
		{"in the coming weeks", true},
		{"the upcoming vote", true},
		{"they will meet", true},
		{"they 'll meet", true},
		{"later this month", true},
		{"the next day", false},
		{"the next morning", false},
		{"next to the station", false},
		{"later that day", false},
		{"on Monday", false},
		{"next marzo", false},
		{"next lunes", false},
	} {
		t.Run(tc.in, func(t *testing.T) {
			t.Parallel()
			english := func(key, _, _, next string) bool { return EnglishPlan(key, next) }
			if got := planIn(tc.in, english); got != tc.want {
				t.Errorf("a plan in %q = %v, want %v", tc.in, got, tc.want)
			}
		})
	}
}

// planIn reports whether plan finds a plan at any word of s, given each
// word's Key, lower-cased text and its neighbours' Keys.
func planIn(s string, plan func(key, low, prev, next string) bool) bool {
	w := figWords(s, news.Span{Start: 0, End: len(s)})
	for k := range w {
		prev, next := "", ""
		if k > 0 {
			prev = w[k-1].key
		}
		if k+1 < len(w) {
			next = w[k+1].key
		}
		if plan(w[k].key, strings.ToLower(w[k].text), prev, next) {
			return true
		}
	}
	return false
}

// TestDatesWeekdayTense: a weekday with no "last" or "next" is read by its
// sentence's tense, nearest marker first: a plan or the future looks
// ahead, the past (the default) looks back, and the publication's own
// weekday is that day.
func TestDatesWeekdayTense(t *testing.T) {
	t.Parallel()
	wed := time.Date(2026, 3, 4, 9, 0, 0, 0, time.UTC) // a Wednesday
	tests := []struct {
		name, in string
		want     []dateHit
	}{
		{"spanish plan espera", "La organización espera más de 20.000 visitantes entre el viernes y el domingo.",
			[]dateHit{{"viernes", "2026-03-06", "day", true}, {"domingo", "2026-03-08", "day", true}}},
		{"spanish prevé", "El ayuntamiento prevé abrir el lunes.", []dateHit{{"lunes", "2026-03-09", "day", true}}},
		{"spanish future tense", "La feria se celebrará el sábado.", []dateHit{{"sábado", "2026-03-07", "day", true}}},
		{"spanish a partir del", "Las restricciones rigen a partir del lunes.", []dateHit{{"lunes", "2026-03-09", "day", true}}},
		{"spanish weekday próximo", "Abrirá el viernes próximo.", []dateHit{{"viernes próximo", "2026-03-06", "day", true}}},
		{"spanish past", "La policía detuvo al hombre el domingo.", []dateHit{{"domingo", "2026-03-01", "day", true}}},
		{"spanish pasado", "Llegó el viernes pasado.", []dateHit{{"viernes pasado", "2026-02-27", "day", true}}},
		{"english will", "The council will vote on Friday.", []dateHit{{"Friday", "2026-03-06", "day", true}}},
		{"english fronted will", "On Monday, the council will vote.", []dateHit{{"Monday", "2026-03-09", "day", true}}},
		{"english expected", "The ship is expected to dock on Saturday.", []dateHit{{"Saturday", "2026-03-07", "day", true}}},
		{"english plans", "The union plans a march on Tuesday.", []dateHit{{"Tuesday", "2026-03-10", "day", true}}},
		{"english this coming", "They meet this coming Sunday.", []dateHit{{"this coming Sunday", "2026-03-08", "day", true}}},
		{"english next week", "Police arrested a man on Friday; he appears in court next week.", []dateHit{{"Friday", "2026-02-27", "day", true}}},
		{"english next week ahead", "The union marches on Friday and strikes next week.", []dateHit{{"Friday", "2026-03-06", "day", true}}},
		{"english the next day", "The next day brought news of the crash on Friday.", []dateHit{{"Friday", "2026-02-27", "day", true}}},
		{"english passive future", "Some 500 people will be evacuated on Sunday.", []dateHit{{"Sunday", "2026-03-08", "day", true}}},
		{"english passive past", "Some 500 people were evacuated on Sunday.", []dateHit{{"Sunday", "2026-03-01", "day", true}}},
		{"english past", "Police arrested a man on Friday.", []dateHit{{"Friday", "2026-02-27", "day", true}}},
		{"english last", "The vote was held last Monday.", []dateHit{{"last Monday", "2026-03-02", "day", true}}},
		{"english said then will", "She said on Tuesday that she will resign.", []dateHit{{"Tuesday", "2026-03-03", "day", true}}},
		{"english past nearer than will", "He will appear in court after he was arrested on Monday.", []dateHit{{"Monday", "2026-03-02", "day", true}}},
		{"english plan in an earlier sentence", "The fair will open soon. Police arrested a man on Friday.", []dateHit{{"Friday", "2026-02-27", "day", true}}},
		{"present same day", "The museum opens its doors on Wednesday.", []dateHit{{"Wednesday", "2026-03-04", "day", true}}},
		{"future same day", "The council will vote on Wednesday.", []dateHit{{"Wednesday", "2026-03-04", "day", true}}},
		{"english planned adjective", "The planned strike on Monday will close schools.", []dateHit{{"Monday", "2026-03-09", "day", true}}},
		{"english expected adjective", "The expected vote on Friday could topple the government.", []dateHit{{"Friday", "2026-03-06", "day", true}}},
		{"english had planned", "They had planned a march on Tuesday.", []dateHit{{"Tuesday", "2026-03-03", "day", true}}},
		{"english than expected", "Prices rose more than expected on Monday.", []dateHit{{"Monday", "2026-03-02", "day", true}}},
		{"english due", "The hearing is due on Friday.", []dateHit{{"Friday", "2026-03-06", "day", true}}},
		{"english due to the", "Flights were cancelled due to the storm on Friday.", []dateHit{{"Friday", "2026-02-27", "day", true}}},
		{"english planned past", "They planned a march on Tuesday.", []dateHit{{"Tuesday", "2026-03-03", "day", true}}},
		{"english expected past", "Police expected trouble on Friday.", []dateHit{{"Friday", "2026-02-27", "day", true}}},
		{"english due to no determiner", "Flights were cancelled due to heavy rain on Friday.", []dateHit{{"Friday", "2026-02-27", "day", true}}},
		{"english closed due to", "Schools closed due to snow on Monday.", []dateHit{{"Monday", "2026-03-02", "day", true}}},
		{"english is due to vote", "The council is due to vote on Friday.", []dateHit{{"Friday", "2026-03-06", "day", true}}},
		{"english name in -ed", "On Friday, Ahmed will speak.", []dateHit{{"Friday", "2026-03-06", "day", true}}},
		{"english hundred", "On Friday, a hundred people will march.", []dateHit{{"Friday", "2026-03-06", "day", true}}},
		{"english indeed", "On Friday, indeed, the council will vote.", []dateHit{{"Friday", "2026-03-06", "day", true}}},
		{"spanish present same day", "El museo abre sus puertas el miércoles.", []dateHit{{"miércoles", "2026-03-04", "day", true}}},
		// "próximo" as "near" is no plan: the past verb reads the day back.
		{"spanish próximo a", "El domingo, un bar próximo a la estación cerró.", []dateHit{{"domingo", "2026-03-01", "day", true}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if diff := cmp.Diff(tc.want, dateHits(tc.in, wed)); diff != "" {
				t.Errorf("Dates(%q) mismatch (-want +got):\n%s", tc.in, diff)
			}
		})
	}
}
