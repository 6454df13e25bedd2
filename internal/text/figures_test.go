package text

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/newsdesk/newsdesk/internal/news"
)

type fig struct {
	Text     string
	Value    float64
	Unit     string
	Kind     string
	Quantity string
}

func figures(s, lang string) []fig {
	var out []fig
	for _, f := range Figures(s, lang) {
		out = append(out, fig{f.Text, f.Value, f.Unit, f.Kind, f.Quantity})
	}
	return out
}

func TestFigures(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, lang, in string
		want           []fig
	}{
		{"count with event after", "en", "At least 30 people were killed in the attack.",
			[]fig{{"30 people", 30, "people", KindCount, "dead"}}},
		{"count with event before", "en", "The blast killed 12 civilians.",
			[]fig{{"12 civilians", 12, "people", KindCount, "dead"}}},
		{"event noun", "en", "There were 14 injured and 3 dead.",
			[]fig{{"14 injured", 14, "people", KindCount, "injured"}, {"3 dead", 3, "people", KindCount, "dead"}}},
		{"words", "en", "Thirty people were injured.",
			[]fig{{"Thirty people", 30, "people", KindCount, "injured"}}},
		{"a hundred: the article is part of the number", "en", "Visibility was less than a hundred metres.",
			[]fig{{"a hundred metres", 100, "m", KindDistance, ""}}},
		{"one hundred", "en", "Visibility was less than one hundred metres.",
			[]fig{{"one hundred metres", 100, "m", KindDistance, ""}}},
		{"crowns are money", "en", "Valdria announced a 2.3 billion crown fund on Monday.",
			[]fig{{"2.3 billion crown", 2.3e9, "crowns", KindMoney, "fund"}}},
		{"kronor and koruna name their country's currency", "en", "The fine was 40 million kronor, against 3 million koruna in Brno.",
			[]fig{{"40 million kronor", 4e7, "SEK", KindMoney, "fine"}, {"3 million koruna", 3e6, "CZK", KindMoney, ""}}},
		// The adjective of the currency's country between the number and
		// the currency: the unit is the currency, not "60 million" alone.
		{"a currency after its country's adjective", "en", "A 9 percent rise would add roughly 60 million valdrian crowns a year to the wage bill.",
			[]fig{{"9 percent", 9, "percent", KindPercent, "rise"}, {"60 million valdrian crowns", 6e7, "crowns", KindMoney, "percent rise"}}},
		{"a currency after a capitalised country adjective", "en", "The club paid 10 million Swiss francs for him.",
			[]fig{{"10 million Swiss francs", 1e7, "CHF", KindMoney, ""}}},
		{"dollars of a country that is not the US", "en", "The club paid 50 million Canadian dollars for him.",
			[]fig{{"50 million Canadian dollars", 5e7, "CAD", KindMoney, ""}}},
		{"pesos of a country that is not Mexico", "en", "The club paid 80 million Argentine pesos for him.",
			[]fig{{"80 million Argentine pesos", 8e7, "ARS", KindMoney, ""}}},
		{"a linking word is no adjective of the currency", "en", "They raised 3 million more dollars than planned.",
			[]fig{{"3 million", 3e6, "USD", KindMoney, ""}}},
		{"a crown alone is no money", "en", "She won a crown in 2010.", nil},
		{"a bare billion takes the currency the sentence names later", "en", "The fund was set at 2.1 billion, all of it paid in crowns.",
			[]fig{{"2.1 billion", 2.1e9, "crowns", KindMoney, "fund"}}},
		{"a later currency after another number is that number's", "en", "They raised 3 million and then 20 dollars more.",
			[]fig{{"3 million", 3e6, "", KindCount, ""}, {"20 dollars", 20, "USD", KindMoney, ""}}},
		{"forced out of their homes is an evacuation", "en", "The river forced 120 residents of the Millbrook district out of their homes.",
			[]fig{{"120 residents", 120, "people", KindCount, "evacuated"}}},
		{"forcing people to leave their homes is an evacuation", "en", "The river rose, forcing 150 people to leave their homes overnight.",
			[]fig{{"150 people", 150, "people", KindCount, "evacuated"}}},
		{"forced to do something else is no evacuation", "en", "The strike forced 30 workers to stay at the plant.",
			[]fig{{"30 workers", 30, "workers", KindCount, "workers"}}},
		{"a dozen", "en", "A dozen people were injured.",
			[]fig{{"A dozen people", 12, "people", KindCount, ""}}},
		{"compound words", "en", "twenty-five soldiers died",
			[]fig{{"twenty-five soldiers", 25, "soldiers", KindCount, "dead"}}},
		{"million", "en", "Some 1.5 million refugees have fled.",
			[]fig{{"1.5 million refugees", 1.5e6, "refugees", KindCount, "refugees"}}},
		{"money bn", "en", "The $2.3bn aid package was approved.",
			[]fig{{"$2.3bn", 2.3e9, "USD", KindMoney, "aid"}}},
		{"money billion", "en", "a budget of $2.3 billion", []fig{{"$2.3 billion", 2.3e9, "USD", KindMoney, "budget"}}},
		{"money pounds", "en", "He was fined £40,000.", []fig{{"£40,000", 40000, "GBP", KindMoney, "fine"}}},
		{"money word", "en", "It cost 300 million dollars.", []fig{{"300 million dollars", 3e8, "USD", KindMoney, "cost"}}},
		{"us dollars", "en", "a US$5m loan", []fig{{"US$5m", 5e6, "USD", KindMoney, "loan"}}},
		{"percent sign", "en", "Unemployment rose to 5.2%.", []fig{{"5.2%", 5.2, "percent", KindPercent, "unemployment"}}},
		{"percent word", "en", "Turnout was 61 percent.", []fig{{"61 percent", 61, "percent", KindPercent, "turnout"}}},
		{"percentage points", "en", "Support fell 3 percentage points.", []fig{{"3 percentage points", 3, "pp", KindPercent, "support"}}},
		{"hyphen duration", "en", "a 30-day ceasefire", []fig{{"30-day", 30, "day", KindDuration, "ceasefire"}}},
		{"month-long", "en", "a month-long strike", []fig{{"a month-long", 1, "month", KindDuration, "strike"}}},
		{"one-month", "en", "a one-month ceasefire", []fig{{"one-month", 1, "month", KindDuration, "ceasefire"}}},
		{"one alone is no duration", "en", "one ceasefire", nil},
		{"weeks in words", "en", "The siege lasted three weeks.", []fig{{"three weeks", 3, "week", KindDuration, "siege"}}},
		{"distance", "en", "The fire was 12 km from the border.", []fig{{"12 km", 12, "km", KindDistance, "border"}}},
		{"miles", "en", "a 10 miles long wall", []fig{{"10 miles", 16.09344, "km", KindDistance, "wall"}}},
		{"age", "en", "The 42-year-old was arrested.", []fig{{"42-year-old", 42, "year", KindAge, ""}}},
		// Ages written out are ages too, not lengths of time: a briefing
		// leaves a person's age out of its key facts.
		{"age years old", "en", "Brenner is 27 years old.", []fig{{"27 years old", 27, "year", KindAge, ""}}},
		{"age years of age", "en", "She is 31 years of age.", []fig{{"31 years", 31, "year", KindAge, ""}}},
		{"age turned", "en", "Brenner turned 27 years, his coach said.", []fig{{"27 years", 27, "year", KindAge, ""}}},
		{"edad tras un nombre", "es", "Sofía Alcántara, atleta de Villa Serena de 31 años, ganó la prueba.",
			[]fig{{"31 años", 31, "year", KindAge, ""}}},
		{"edad en aposición", "es", "El corredor, de 27 años, ganó.", []fig{{"27 años", 27, "year", KindAge, ""}}},
		{"edad nacida hace", "es", "Ana Lucía Moreno, nacida hace 44 años en Villa Serena, ganó.",
			[]fig{{"44 años", 44, "year", KindAge, ""}}},
		{"edad tiene", "es", "La atleta, que tiene 31 años, ganó.", []fig{{"31 años", 31, "year", KindAge, ""}}},
		{"tiene años de duración", "es", "El contrato tiene 3 años de duración.", []fig{{"3 años", 3, "year", KindDuration, ""}}},
		{"years ago no age", "es", "La presa se construyó hace 40 años.", []fig{{"40 años", 40, "year", KindDuration, ""}}},
		{"a hundred and fifty", "en", "No one had seen them for a hundred and fifty years.",
			[]fig{{"a hundred and fifty years", 150, "year", KindDuration, ""}}},
		{"hundred and twenty-five", "en", "Two hundred and twenty-five people were evacuated.",
			[]fig{{"Two hundred and twenty-five people", 225, "people", KindCount, "evacuated"}}},
		// A duration in several units is one figure, read whole: not "2
		// hours" out of a marathon time.
		{"compound duration", "en", "Brenner finished in 2 hours 11 minutes and 48 seconds.",
			[]fig{{"2 hours 11 minutes and 48 seconds", 2.196666, "hour", KindDuration, ""}}},
		{"compound duration and", "en", "The meeting lasted 1 hour and 20 minutes.",
			[]fig{{"1 hour and 20 minutes", 1.333333, "hour", KindDuration, ""}}},
		{"compound duration comma", "en", "He served 3 years, 4 months in prison.",
			[]fig{{"3 years, 4 months", 3.333333, "year", KindDuration, "prison"}}},
		{"compound and a half", "en", "The talks lasted two hours and a half.",
			[]fig{{"two hours and a half", 2.5, "hour", KindDuration, ""}}},
		{"duración compuesta", "es", "Ganó con un tiempo de 2 horas, 27 minutos y 5 segundos.",
			[]fig{{"2 horas, 27 minutos y 5 segundos", 2.451389, "hour", KindDuration, ""}}},
		{"horas y media", "es", "La reunión duró dos horas y media.", []fig{{"dos horas y media", 2.5, "hour", KindDuration, ""}}},
		{"durations listed", "en", "Sentences were 5 years, 3 years and 2 months.",
			[]fig{{"5 years", 5, "year", KindDuration, ""}, {"3 years and 2 months", 3.166667, "year", KindDuration, ""}}},
		{"half a dozen", "en", "They waited two hours and a half-dozen officers came.", []fig{{"two hours", 2, "hour", KindDuration, ""}, {"dozen officers", 12, "police", KindCount, ""}}},
		// "Two votes in three" and "9 out of 10 doctors" are shares, not
		// counts of votes or doctors.
		{"ratio in words", "en", "In the harbour districts, Moreno won almost two votes in three.", nil},
		{"ratio out of", "en", "Nine out of 10 doctors agreed.", nil},
		{"ratio before the noun", "en", "One in five people said they waited.", nil},
		{"count in places", "en", "The attacks killed 10 people in 3 villages.",
			[]fig{{"10 people", 10, "people", KindCount, "dead"}}},
		// "Puestos" are jobs only as "puestos de trabajo": "puestos de
		// control" are checkpoints, "los primeros puestos" places.
		{"puestos de trabajo", "es", "La planta creará 400 puestos de trabajo.",
			[]fig{{"400 puestos", 400, "jobs", KindCount, "jobs"}}},
		{"puestos de control", "es", "El convoy atravesó los tres nuevos puestos de control del ejército.", nil},
		{"ratio in Spanish", "es", "Dos de cada tres votantes eligieron a Moreno.", nil},
		{"years and dates skipped", "en", "On March 3, 2024 at 7 p.m. the G7 met for the 3rd time in 2023.", nil},
		{"bare numbers skipped", "en", "He scored 3 of 5.", nil},
		{"spanish millions of euros", "es", "Una ayuda de 40 millones de euros.",
			[]fig{{"40 millones de euros", 4e7, "EUR", KindMoney, "aid"}}},
		{"spanish euro sign", "es", "Costó €40 millones.", []fig{{"€40 millones", 4e7, "EUR", KindMoney, "cost"}}},
		{"spanish decimal comma percent", "es", "El paro bajó al 3,5 %.", []fig{{"3,5 %", 3.5, "percent", KindPercent, "unemployment"}}},
		{"spanish thousands dot", "es", "Hubo 1.234 detenidos.", []fig{{"1.234 detenidos", 1234, "people", KindCount, "arrested"}}},
		{"spanish words", "es", "Murieron treinta y cinco personas.",
			[]fig{{"treinta y cinco personas", 35, "people", KindCount, "dead"}}},
		// Spanish joins with "y" only after treinta to noventa: "diez y
		// dos" is two numbers, and "dos mil diez y dos mil once" was one
		// count of 2,012.
		{"spanish y only after the tens", "es", "Murieron dos mil diez y dos mil once personas.",
			[]fig{{"dos mil diez", 2010, "", KindCount, ""}, {"dos mil once personas", 2011, "people", KindCount, ""}}},
		{"spanish duration", "es", "La tregua de tres semanas terminó.", []fig{{"tres semanas", 3, "week", KindDuration, "ceasefire"}}},
		{"spanish alto el fuego", "es", "Acordaron un alto el fuego de 30 días.", []fig{{"30 días", 30, "day", KindDuration, "ceasefire"}}},
		{"spanish un mes", "es", "La tregua durará un mes.", []fig{{"un mes", 1, "month", KindDuration, "ceasefire"}}},
		{"spanish distance", "es", "a 12 kilómetros de la frontera", []fig{{"12 kilómetros", 12, "km", KindDistance, "border"}}},
		{"spanish mil millones", "es", "un rescate de 2.000 millones de euros", []fig{{"2.000 millones de euros", 2e9, "EUR", KindMoney, "bailout"}}},
		{"spanish percent words", "es", "El apoyo subió un 12 por ciento.", []fig{{"12 por ciento", 12, "percent", KindPercent, "support"}}},
		{"guess language", "", "El paro bajó al 3,5 % y hubo 1.234 detenidos.",
			[]fig{{"3,5 %", 3.5, "percent", KindPercent, "unemployment"}, {"1.234 detenidos", 1234, "people", KindCount, "arrested"}}},
		{"english thousands comma", "en", "1,500 people marched", []fig{{"1,500 people", 1500, "people", KindCount, "people"}}},
		{"after-number currency", "es", "La multa es de 300 €.", []fig{{"300 €", 300, "EUR", KindMoney, "fine"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if diff := cmp.Diff(tc.want, figures(tc.in, tc.lang)); diff != "" {
				t.Errorf("Figures(%q) mismatch (-want +got):\n%s", tc.in, diff)
			}
			checkFigures(t, tc.in, Figures(tc.in, tc.lang))
		})
	}
}

// checkFigures asserts each figure's spans: in range, the figure inside its
// sentence, Text equal to the figure's bytes, figures in order.
func checkFigures(t *testing.T, s string, fs []Figure) {
	t.Helper()
	prev := 0
	for _, f := range fs {
		if !f.Span.Valid(len(s)) || !f.Sentence.Valid(len(s)) {
			t.Fatalf("figure %q: span %v or sentence %v out of range", f.Text, f.Span, f.Sentence)
		}
		if f.Span.Start < f.Sentence.Start || f.Span.End > f.Sentence.End {
			t.Errorf("figure %v outside its sentence %v", f.Span, f.Sentence)
		}
		if f.Span.Of(s) != f.Text {
			t.Errorf("Text %q, span text %q", f.Text, f.Span.Of(s))
		}
		if f.Citation.Span() != f.Span {
			t.Errorf("citation %v, span %v", f.Citation.Span(), f.Span)
		}
		if f.Span.Start < prev {
			t.Errorf("figure %v overlaps the previous one (end %d)", f.Span, prev)
		}
		prev = f.Span.End
	}
}

func TestComparable(t *testing.T) {
	t.Parallel()
	first := func(s string) Figure {
		t.Helper()
		fs := Figures(s, "")
		if len(fs) == 0 {
			t.Fatalf("no figure in %q", s)
		}
		return fs[0]
	}
	tests := []struct {
		a, b           string
		comparable, eq bool
	}{
		{"a 30-day ceasefire", "a month-long ceasefire", true, true},
		{"a 30-day ceasefire", "a ceasefire of thirty days", true, true},
		{"a 30-day ceasefire", "a two-week ceasefire", true, false},
		{"a 30-day ceasefire", "a one-month ceasefire", true, true},
		{"a thirty-day ceasefire", "the ceasefire will last a month", true, true},
		{"a month-long ceasefire", "a 31-day ceasefire", true, true},
		{"a 30-day ceasefire", "una tregua de treinta días", true, true},
		{"a month-long ceasefire", "un alto el fuego de 30 días", true, true},
		{"una tregua de un mes", "una tregua de 30 días", true, true},
		{"a 30-day ceasefire", "a 31-day ceasefire", true, false},
		{"30 people were killed", "the blast killed 35 civilians", true, false},
		{"30 people were killed", "treinta personas murieron", true, true},
		{"30 people were killed", "30 people were injured", false, false},
		{"$2.3bn in aid", "aid of $2.3 billion", true, true},
		{"$2.3bn in aid", "€2.3bn in aid", false, false},
		{"unemployment of 5%", "unemployment of 5.0 percent", true, true},
		{"12 km from the border", "7.5 miles from the border", true, false},
	}
	for _, tc := range tests {
		a, b := first(tc.a), first(tc.b)
		if got := Comparable(a, b); got != tc.comparable {
			t.Errorf("Comparable(%q, %q) = %v, want %v (%+v / %+v)", tc.a, tc.b, got, tc.comparable, a.Figure, b.Figure)
		}
		if got := tc.comparable && SameValue(a.Figure, b.Figure); got != tc.eq {
			t.Errorf("SameValue(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.eq)
		}
	}
	if SameQuantity(news.Figure{Kind: KindCount, Unit: "people"}, news.Figure{Kind: KindCount, Unit: "people"}) {
		t.Error("figures without a quantity key must not be comparable")
	}
}
