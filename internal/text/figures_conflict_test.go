package text

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// figureIn finds the figure written as want in s.
func figureIn(t *testing.T, s, lang, want string) Figure {
	t.Helper()
	var got []string
	for _, f := range Figures(s, lang) {
		if f.Text == want {
			return f
		}
		got = append(got, f.Text)
	}
	t.Fatalf("no figure %q in %q (found %q)", want, s, got)
	return Figure{}
}

// side is one outlet's sentence and the figure in it a disagreement test
// reads.
type side struct{ lang, sentence, figure string }

// disagreeCase is one row of a Disagree table: two outlets' sides and
// whether they may be shown as disagreeing.
type disagreeCase struct {
	name string
	a, b side
	want bool
}

// TestConflict checks which pairs of figures from two sources a briefing
// may show as a disagreement: only the same quantity, measured alike, with
// values that cannot both be true.
func TestConflict(t *testing.T) {
	t.Parallel()
	tests := []disagreeCase{
		// True disagreements stay.
		{"death toll", side{"en", "The blast killed 12 people.", "12 people"}, side{"en", "The blast killed 15 people.", "15 people"}, true},
		{"death toll es", side{"es", "Murieron 12 personas.", "12 personas"}, side{"es", "Murieron 15 personas en la explosión.", "15 personas"}, true},
		{"aid", side{"en", "Donors pledged $2bn in aid.", "$2bn"}, side{"en", "The $2.5bn aid package was approved.", "$2.5bn"}, true},
		{"aid es", side{"es", "Aprobaron una ayuda de 2.000 millones de dólares.", "2.000 millones de dólares"},
			side{"es", "La ayuda de 2.500 millones de dólares llegará en marzo.", "2.500 millones de dólares"}, true},
		{"ceasefire", side{"en", "Both sides agreed a 30-day ceasefire.", "30-day"}, side{"en", "They agreed a ceasefire of 45 days.", "45 days"}, true},
		{"consumer prices across languages", side{"en", "Consumer prices rose 4.8 percent in February.", "4.8 percent"},
			side{"es", "Los precios al consumo subieron un 5,1 % en febrero.", "5,1 %"}, true},
		{"about is not exact", side{"es", "Unos 120 evacuados llegaron al refugio.", "120 evacuados"}, side{"es", "Hubo 150 evacuados.", "150 evacuados"}, true},
		{"others after another event", side{"en", "A woman was killed and three other people were injured.", "three other people"},
			side{"en", "Four people were injured.", "Four people"}, true},

		{"a month is not two weeks", side{"en", "Both sides agreed a month-long ceasefire.", "a month-long"},
			side{"en", "They agreed a ceasefire of two weeks.", "two weeks"}, true},
		{"a month is not 45 days es", side{"es", "Acordaron una tregua de un mes.", "un mes"},
			side{"es", "Acordaron un alto el fuego de 45 días.", "45 días"}, true},
		// A month is four weeks to 31 days.
		{"four weeks is a month", side{"en", "Workers began a four-week strike.", "four-week"},
			side{"en", "Workers began a month-long strike.", "a month-long"}, false},
		{"three months and 12 weeks", side{"en", "The siege lasted three months.", "three months"},
			side{"en", "The siege lasted 12 weeks.", "12 weeks"}, false},
		{"un mes y cuatro semanas es", side{"es", "La huelga durará un mes.", "un mes"},
			side{"es", "La huelga durará cuatro semanas.", "cuatro semanas"}, false},
		// The length of a strike is not the time since the last one.
		{"strike length vs time since", side{"en", "A 24-hour strike by rail workers halted most trains.", "24-hour"},
			side{"en", "The first national rail strike in six years cancelled most trains.", "six years"}, false},
		{"strike length vs time since es", side{"es", "Una huelga de 24 horas paralizó los trenes.", "24 horas"},
			side{"es", "Es la primera huelga ferroviaria en seis años.", "seis años"}, false},
		{"time after an event", side{"en", "He hosted the show 11 days after the strike ended.", "11 days"},
			side{"en", "The 14-week writers strike ended in February.", "14-week"}, false},
		// A modifier that names another quantity is part of the key.
		{"consumer vs food prices", side{"en", "Consumer prices rose 4.8 percent in February.", "4.8 percent"},
			side{"en", "Food prices rose even faster, by 7 percent.", "7 percent"}, false},
		{"consumer vs food prices es", side{"es", "Los precios al consumo subieron un 4,8 %.", "4,8 %"},
			side{"es", "Los precios de los alimentos subieron un 7 %.", "7 %"}, false},
		{"rate vs inflation in another clause", side{"en", "The bank raised its main interest rate to 3.5 percent, saying inflation was still too high.", "3.5 percent"},
			side{"en", "Annual inflation reached 4.8 percent.", "4.8 percent"}, false},
		// Vague words are no value.
		{"dozens vs exact", side{"en", "The flood destroyed 700 homes.", "700 homes"}, side{"en", "Dozens of houses were destroyed.", "Dozens of houses"}, false},
		{"a dozen vs exact", side{"en", "Nineteen people were wounded at the parade.", "Nineteen people"}, side{"en", "Dozen injured in parade shooting.", "Dozen injured"}, false},
		{"hundreds vs exact", side{"en", "The quake killed 612 people.", "612 people"}, side{"en", "The quake killed hundreds of people.", "hundreds of people"}, false},
		// Round numbers in words: "a few" is vague, the article alone about.
		{"a few hundred vs exact", side{"en", "A few hundred people were evacuated.", "A few hundred people"},
			side{"en", "Officials said 350 people were evacuated.", "350 people"}, false},
		{"varios cientos vs exact es", side{"es", "Varios cientos de personas fueron evacuadas.", "cientos de personas"},
			side{"es", "Fueron evacuadas 350 personas.", "350 personas"}, false},
		{"cientos de vs exact es", side{"es", "Cientos de personas fueron evacuadas.", "Cientos de personas"},
			side{"es", "Fueron evacuadas 350 personas.", "350 personas"}, false},
		{"about a thousand vs close", side{"en", "About a thousand people were evacuated.", "a thousand people"},
			side{"en", "Officials said 1,050 people were evacuated.", "1,050 people"}, false},
		{"a thousand is round", side{"en", "A thousand people were evacuated.", "A thousand people"},
			side{"en", "Officials said 1,050 people were evacuated.", "1,050 people"}, false},
		{"a thousand vs far", side{"en", "A thousand people were evacuated.", "A thousand people"},
			side{"en", "Officials said 1,500 people were evacuated.", "1,500 people"}, true},
		{"unos mil vs far es", side{"es", "Unos mil vecinos fueron evacuados.", "mil vecinos"},
			side{"es", "Fueron evacuadas 1.500 personas.", "1.500 personas"}, true},
		// Bounds that both values meet.
		{"at least", side{"en", "At least 30 people were killed.", "30 people"}, side{"en", "The attack killed 32 people.", "32 people"}, false},
		{"at least es", side{"es", "Al menos 30 personas murieron.", "30 personas"}, side{"es", "Murieron 32 personas.", "32 personas"}, false},
		{"two lower bounds", side{"en", "At least 20 people were injured.", "20 people"}, side{"en", "At least 22 others were injured after the fight.", "22 others were injured"}, false},
		{"up to", side{"en", "As many as seven officers returned fire.", "seven officers"}, side{"en", "Five officers returned fire.", "Five officers"}, false},
		{"more than es", side{"es", "Más de 100 personas resultaron heridas.", "100 personas"}, side{"es", "Hubo 140 heridos.", "140 heridos"}, false},
		{"about and at least", side{"en", "About 100 people have been injured.", "100 people"}, side{"en", "The riots left at least 70 people injured.", "70 people"}, false},
		// The top of a range is a bound.
		{"range", side{"en", "Prosecutors recommended a sentence of 46 to 57 months in prison.", "57 months"},
			side{"en", "The charge carries a maximum of three years in prison.", "three years"}, false},
		{"range es", side{"es", "Lo condenaron a entre 2 y 5 años de cárcel.", "5 años"}, side{"es", "Pasará 4 años en la cárcel.", "4 años"}, false},
		// The event after "and" is another group's.
		{"killed and injured", side{"en", "It killed 13 people and injured more than 30 others.", "13 people"},
			side{"en", "In all 30 people were injured.", "30 people"}, false},
		// Part of a group is not its count.
		{"others", side{"en", "Police said two others were injured.", "two others were injured"}, side{"en", "Four people were injured.", "Four people"}, false},
		{"of the", side{"en", "Three of the dead were children.", "Three of the dead"}, side{"en", "Five people died.", "Five people"}, false},
		{"de los es", side{"es", "Dos de los heridos siguen graves.", "Dos de los heridos"}, side{"es", "Hubo cinco heridos.", "cinco heridos"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			a := figureIn(t, tt.a.sentence, tt.a.lang, tt.a.figure)
			b := figureIn(t, tt.b.sentence, tt.b.lang, tt.b.figure)
			if got := Conflict(a.Figure, b.Figure); got != tt.want {
				t.Errorf("Conflict(%q [%s %s], %q [%s %s]) = %v, want %v", a.Text, a.Quantity, a.Bound, b.Text, b.Quantity, b.Bound, got, tt.want)
			}
		})
	}
}

// TestFractionsAreNotFigures checks that "4 1/2 months" and ranges are not
// read as "2 months" or "18 injured".
func TestFractionsAreNotFigures(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"He served 4 1/2 months in federal prison.", "Four males, ages 16-18, were also injured."} {
		for _, f := range Figures(s, "en") {
			if f.Text == "2 months" || f.Text == "18, were also injured" || f.Value == 18 {
				t.Errorf("Figures(%q) reads %q", s, f.Text)
			}
		}
	}
}

// TestFigureDisplayUnit checks that a figure keeps the metric unit its
// article wrote, so a briefing shows "4.2 m" and not "0.0042 km", while
// the base value still compares it with figures in other units.
func TestFigureDisplayUnit(t *testing.T) {
	t.Parallel()
	type shown struct {
		Value     float64
		Unit      string
		BaseValue float64
		BaseUnit  string
	}
	tests := []struct {
		lang, in, figure string
		want             shown
	}{
		{"en", "The river rose 4.2 metres above its normal level.", "4.2 metres", shown{4.2, "m", 0.0042, "km"}},
		{"es", "El río subió 4,2 metros.", "4,2 metros", shown{4.2, "m", 0.0042, "km"}},
		{"en", "The fire was 12 km from the border.", "12 km", shown{12, "km", 12, "km"}},
		{"en", "Police seized 3 tonnes of cocaine.", "3 tonnes", shown{3, "t", 3000, "kg"}},
		{"es", "Incautaron 500 gramos de cocaína.", "500 gramos", shown{500, "g", 0.5, "kg"}},
	}
	for _, tt := range tests {
		f := figureIn(t, tt.in, tt.lang, tt.figure)
		if diff := cmp.Diff(tt.want, shown{f.Value, f.Unit, f.BaseValue, f.BaseUnit}); diff != "" {
			t.Errorf("%q (-want +got):\n%s", tt.in, diff)
		}
	}
	m := figureIn(t, "The wall is 800 metres long.", "en", "800 metres")
	km := figureIn(t, "The wall is 0.8 km long.", "en", "0.8 km")
	if !SameValue(m.Figure, km.Figure) {
		t.Errorf("SameValue(800 metres, 0.8 km) = false")
	}
}
