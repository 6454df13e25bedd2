package text

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestFiguresReview holds the reading bugs a review found: a count
// before a year read as a share ("300 people in 2003" like "two votes in
// three"), Spanish event verbs and their feminine forms, and fractions
// after a whole number.
func TestFiguresReview(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, lang, in string
		want           []fig
	}{
		// 1. A year after the count is no share's other side.
		{"count before a year", "en", "An earthquake killed 300 people in 2003.",
			[]fig{{"300 people", 300, "people", KindCount, "dead"}}},
		{"count before a year and a place", "en", "It killed 31,000 people in 2003 in Bam.",
			[]fig{{"31,000 people", 31000, "people", KindCount, "dead"}}},
		{"share still read", "en", "One in five people said they waited.", nil},
		{"count before a year es", "es", "Un terremoto mató a 300 personas en 2003.",
			[]fig{{"300 personas", 300, "people", KindCount, "dead"}}},
		// 2. Spanish events.
		{"mato a", "es", "El terremoto mató a 300 personas.",
			[]fig{{"300 personas", 300, "people", KindCount, "dead"}}},
		{"mato a soldiers", "es", "El ataque mató a 12 soldados.",
			[]fig{{"12 soldados", 12, "soldiers", KindCount, "dead"}}},
		{"murieron", "es", "Murieron 300 personas.",
			[]fig{{"300 personas", 300, "people", KindCount, "dead"}}},
		{"han muerto", "es", "Doce personas han muerto.",
			[]fig{{"Doce personas", 12, "people", KindCount, "dead"}}},
		{"perdieron la vida", "es", "12 personas perdieron la vida.",
			[]fig{{"12 personas", 12, "people", KindCount, "dead"}}},
		{"dejo muertos", "es", "El ataque dejó 12 muertos.",
			[]fig{{"12 muertos", 12, "people", KindCount, "dead"}}},
		{"fallecidos", "es", "Hay 12 fallecidos.",
			[]fig{{"12 fallecidos", 12, "people", KindCount, "dead"}}},
		{"heridos", "es", "Hay 40 heridos.",
			[]fig{{"40 heridos", 40, "people", KindCount, "injured"}}},
		{"resultaron heridas", "es", "Resultaron heridas 40 personas.",
			[]fig{{"40 personas", 40, "people", KindCount, "injured"}}},
		{"personas heridas", "es", "Hubo 5 personas heridas.",
			[]fig{{"5 personas", 5, "people", KindCount, "injured"}}},
		{"hirio a", "es", "La explosión hirió a 30 personas.",
			[]fig{{"30 personas", 30, "people", KindCount, "injured"}}},
		{"dead and injured es", "es", "Al menos 17 personas murieron y 40 resultaron heridas.",
			[]fig{{"17 personas", 17, "people", KindCount, "dead"}, {"40 resultaron heridas", 40, "people", KindCount, "injured"}}},
		{"evacuadas", "es", "Fueron evacuadas 500 personas.",
			[]fig{{"500 personas", 500, "people", KindCount, "evacuated"}}},
		{"evacuar a", "es", "El incendio obligó a evacuar a 500 personas.",
			[]fig{{"500 personas", 500, "people", KindCount, "evacuated"}}},
		{"desalojados", "es", "Más de 3.000 vecinos fueron desalojados.",
			[]fig{{"3.000 vecinos", 3000, "people", KindCount, "evacuated"}}},
		{"killed en", "en", "The quake killed 300 people.",
			[]fig{{"300 people", 300, "people", KindCount, "dead"}}},
		{"evacuate en", "en", "Officials ordered 500 people to evacuate.",
			[]fig{{"500 people", 500, "people", KindCount, "evacuated"}}},
		// 3. Fractions after a whole number.
		{"fraction glyph", "en", "The strike lasted 4½ months.",
			[]fig{{"4½ months", 4.5, "month", KindDuration, "strike"}}},
		{"fraction glyph apart", "en", "The strike lasted 4 ½ months.",
			[]fig{{"4 ½ months", 4.5, "month", KindDuration, "strike"}}},
		{"fraction thin space", "en", "He scored in the first 7\u2009½ minutes.",
			[]fig{{"7\u2009½ minutes", 7.5, "minute", KindDuration, ""}}},
		{"fraction quarter", "en", "He got 2¼ years in prison.",
			[]fig{{"2¼ years", 2.25, "year", KindDuration, "prison"}}},
		{"fraction in digits", "en", "He was sentenced to 2 1/2 years in prison.",
			[]fig{{"2 1/2 years", 2.5, "year", KindDuration, "prison"}}},
		{"fraction hyphenated", "en", "He served 9 months of a 2-1/2 year sentence.",
			[]fig{{"9 months", 9, "month", KindDuration, ""}, {"2-1/2 year", 2.5, "year", KindDuration, "sentence"}}},
		{"fraction es", "es", "La huelga duró 4½ meses.",
			[]fig{{"4½ meses", 4.5, "month", KindDuration, "strike"}}},
		{"not a fraction: date", "en", "On 3 1/2/2020 nothing.", nil},
		{"not a fraction: 9/11", "en", "After 9/11 the rules changed.", nil},
		// Money with a scale after a currency sign is read whole.
		{"pounds m", "en", "A £1.3m fine.", []fig{{"£1.3m", 1.3e6, "GBP", KindMoney, "fine"}}},
		{"dollars bn", "en", "A $1.3bn deal.", []fig{{"$1.3bn", 1.3e9, "USD", KindMoney, "deal"}}},
		{"euros millones", "es", "Una ayuda de €2,5 millones.", []fig{{"€2,5 millones", 2.5e6, "EUR", KindMoney, "aid"}}},
		// A tokenised text sets the decimals apart from the point, which
		// then ends a sentence: half a figure ("£1") is not shown.
		{"decimals set apart", "en", "Jewellery and watches worth £1. 7m have been stolen.", nil},
		{"decimals set apart, million", "en", "The fine was $1. 25 million, the judge said.", nil},
		{"decimals set apart es", "es", "El botín vale €1. 7 millones.", nil},
		{"a sentence ends after money", "en", "It cost $12. 7 people died.",
			[]fig{{"$12", 12, "USD", KindMoney, "cost"}, {"7 people", 7, "people", KindCount, "dead"}}},
		{"metres after money", "en", "It cost $1. 7 m of wall were built.",
			[]fig{{"$1", 1, "USD", KindMoney, "cost"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if diff := cmp.Diff(tc.want, figures(tc.in, tc.lang)); diff != "" {
				t.Errorf("Figures(%q) (-want +got):\n%s", tc.in, diff)
			}
		})
	}
}

// TestFiguresNews reads figures from varied news sentences, English and
// Spanish, as the API shows them: value, unit, kind and key.
func TestFiguresNews(t *testing.T) {
	t.Parallel()
	tests := []struct {
		lang, in string
		want     []fig
	}{
		{"en", "The government approved 1.2 billion dollars in aid.", []fig{{"1.2 billion dollars", 1.2e9, "USD", KindMoney, "aid"}}},
		{"en", "The EU pledged €3bn in aid to the region.", []fig{{"€3bn", 3e9, "EUR", KindMoney, "aid"}}},
		{"en", "Apple reported revenue of $94.8 billion for the quarter.", []fig{{"$94.8 billion", 9.48e10, "USD", KindMoney, "revenue"}}},
		{"en", "The company was fined £20m by the regulator.", []fig{{"£20m", 2e7, "GBP", KindMoney, "fine"}}},
		{"en", "The ransom demand was 5 million euros.", []fig{{"5 million euros", 5e6, "EUR", KindMoney, "ransom"}}},
		{"en", "The firm posted losses of $2 billion.", []fig{{"$2 billion", 2e9, "USD", KindMoney, "loss"}}},
		{"en", "Unemployment fell to 12% in March.", []fig{{"12%", 12, "percent", KindPercent, "unemployment"}}},
		{"en", "Inflation reached 12 per cent last month.", []fig{{"12 per cent", 12, "percent", KindPercent, "inflation"}}},
		{"en", "Turnout was 67 percent, officials said.", []fig{{"67 percent", 67, "percent", KindPercent, "turnout"}}},
		{"en", "Prices rose 3.4% over the year.", []fig{{"3.4%", 3.4, "percent", KindPercent, "price"}}},
		{"en", "Residents within a 3-mile radius were evacuated.", []fig{{"3-mile", 4.828032, "km", KindDistance, "radius"}}},
		{"en", "The convoy travelled 3 miles before it was stopped.", []fig{{"3 miles", 4.828032, "km", KindDistance, ""}}},
		{"en", "The wall will be 30 feet high.", []fig{{"30 feet", 9.144, "m", KindDistance, "wall"}}},
		{"en", "Police chased him on a foot chase for 300 feet.", []fig{{"300 feet", 91.44, "m", KindDistance, ""}}},
		{"en", "The suspect is about 5-foot-8.", nil},
		{"en", "He fell about 2, 000 feet.", nil},
		{"en", "The 60s protesters marched again.", nil},
		{"en", "He earns a salary of $450,000 a year.", []fig{{"$450,000", 450000, "USD", KindMoney, "salary"}}},
		{"en", "He was given a suspended sentence of six months.", []fig{{"six months", 6, "month", KindDuration, "suspended sentence"}}},
		{"en", "Seasonal flu kills 250,000 to 500,000 people a year.",
			[]fig{{"500,000 people", 500000, "people", KindCount, "dead"}}},
		{"en", "The fire was 5 km from the border.", []fig{{"5 km", 5, "km", KindDistance, "border"}}},
		{"en", "The strikers began a month-long walkout.", []fig{{"a month-long", 1, "month", KindDuration, "strike"}}},
		{"en", "The ceasefire will last thirty days.", []fig{{"thirty days", 30, "day", KindDuration, "ceasefire"}}},
		{"en", "Both sides agreed to a 30-day truce.", []fig{{"30-day", 30, "day", KindDuration, "ceasefire"}}},
		{"en", "He was sentenced to 25 years in prison.", []fig{{"25 years", 25, "year", KindDuration, "prison"}}},
		{"en", "At least 17 people were killed and 40 wounded in the blast.",
			[]fig{{"17 people", 17, "people", KindCount, "dead"}, {"40 wounded", 40, "people", KindCount, "injured"}}},
		{"en", "The storm left 2,300 people homeless.", []fig{{"2,300 people", 2300, "people", KindCount, "homeless"}}},
		{"en", "Police arrested 14 protesters on Sunday.", []fig{{"14 protesters", 14, "protesters", KindCount, "arrested"}}},
		{"en", "The floods displaced 1.3 million people.", []fig{{"1.3 million people", 1.3e6, "people", KindCount, "displaced"}}},
		{"en", "Two police officers were wounded.", []fig{{"Two police officers", 2, "police", KindCount, "injured"}}},
		{"en", "A 55-year-old man was charged.", []fig{{"55-year-old", 55, "year", KindAge, ""}}},
		{"es", "El Gobierno aprobó una ayuda de 2,5 millones de euros.", []fig{{"2,5 millones de euros", 2.5e6, "EUR", KindMoney, "aid"}}},
		{"es", "La empresa registró pérdidas de 1.200 millones de euros.", []fig{{"1.200 millones de euros", 1.2e9, "EUR", KindMoney, "loss"}}},
		{"es", "Una multa de 20 millones de libras.", []fig{{"20 millones de libras", 2e7, "GBP", KindMoney, "fine"}}},
		{"es", "El sueldo es de 450.000 dólares.", []fig{{"450.000 dólares", 450000, "USD", KindMoney, "salary"}}},
		{"es", "El paro bajó al 12 por ciento.", []fig{{"12 por ciento", 12, "percent", KindPercent, "unemployment"}}},
		{"es", "La inflación se situó en el 3,4%.", []fig{{"3,4%", 3.4, "percent", KindPercent, "inflation"}}},
		{"es", "La participación fue del 67 %.", []fig{{"67 %", 67, "percent", KindPercent, "turnout"}}},
		{"es", "El fuego quemó 12 km de costa.", []fig{{"12 km", 12, "km", KindDistance, "coast"}}},
		{"es", "El convoy recorrió 300 kilómetros.", []fig{{"300 kilómetros", 300, "km", KindDistance, ""}}},
		{"es", "La tregua durará treinta días.", []fig{{"treinta días", 30, "day", KindDuration, "ceasefire"}}},
		{"es", "Fue condenado a 25 años de cárcel.", []fig{{"25 años", 25, "year", KindDuration, "prison"}}},
		{"es", "El confinamiento duró dos semanas.", []fig{{"dos semanas", 2, "week", KindDuration, "lockdown"}}},
		{"es", "La policía detuvo a 14 manifestantes.", []fig{{"14 manifestantes", 14, "protesters", KindCount, "arrested"}}},
		{"es", "Las inundaciones desplazaron a 1,3 millones de personas.",
			[]fig{{"1,3 millones de personas", 1.3e6, "people", KindCount, "displaced"}}},
		{"es", "La empresa despedirá a 1.200 trabajadores.", []fig{{"1.200 trabajadores", 1200, "workers", KindCount, "laid-off"}}},
		{"es", "Un hombre de 55 años fue detenido.", []fig{{"55 años", 55, "year", KindAge, ""}}},
		{"es", "Juan Pérez, de 55 años, fue detenido.", []fig{{"55 años", 55, "year", KindAge, ""}}},
		{"es", "Fue condenado a 55 años de prisión.", []fig{{"55 años", 55, "year", KindDuration, "prison"}}},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			t.Parallel()
			if diff := cmp.Diff(tc.want, figures(tc.in, tc.lang)); diff != "" {
				t.Errorf("Figures(%q) (-want +got):\n%s", tc.in, diff)
			}
		})
	}
}
