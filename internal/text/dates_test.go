package text

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
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
