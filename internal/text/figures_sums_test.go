package text

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestCommittedSums checks that two outlets' sizes of one sum set aside
// meet as one quantity, whether a sentence names it a fund, a plan, a
// package or only commits it by a verb ("announced 2.1 billion crowns for
// the recovery"), and that two sums do not: a sum on top of another, two
// funds their modifiers tell apart, two donors' pledges, one donor's sums
// for two places, a sum asked for and one committed, and a rounded figure
// and the exact one it rounds to. Each true row fails with SeparateSums;
// each false row guards the rule's bounds.
func TestCommittedSums(t *testing.T) {
	t.Parallel()
	tests := []disagreeCase{
		// One sum, two sizes: sources differ.
		{"a fund against a sum announced", side{"en", "Valdria's government on Monday announced a 2.3 billion crown fund to rebuild homes.", "2.3 billion crown"},
			side{"en", "The government on Monday announced 2.1 billion crowns for the recovery of the valley.", "2.1 billion crowns"}, true},
		{"a plan against a sum promised", side{"en", "The government's 2.3 billion crown plan to rebuild the city will need no new taxes.", "2.3 billion crown"},
			side{"en", "The government on Monday promised 2.1 billion crowns to help the city recover.", "2.1 billion crowns"}, true},
		{"a package against a plan", side{"en", "The $700 million package will pay for new flood walls.", "$700 million"},
			side{"en", "Officials said the $650 million plan would pay for new flood walls.", "$650 million"}, true},
		{"pledged past a bound", side{"en", "Donors pledged more than $3 billion at the conference.", "$3 billion"},
			side{"en", "The $2.5 billion fund will be run by the United Nations.", "$2.5 billion"}, true},
		{"un fondo contra una suma anunciada", side{"es", "El Gobierno aprobó este lunes un fondo de 2.300 millones de coronas para reconstruir viviendas.", "2.300 millones de coronas"},
			side{"es", "El Gobierno anunció 2.100 millones de coronas para la reconstrucción del valle.", "2.100 millones de coronas"}, true},
		{"un plan contra una suma destinada", side{"es", "El plan de 500 millones de euros pagará nuevos diques.", "500 millones de euros"},
			side{"es", "El Ejecutivo destinó 450 millones de euros a la reconstrucción.", "450 millones de euros"}, true},
		{"dos nombres del Gobierno", side{"es", "El Gobierno anunció 2.100 millones de euros para la reconstrucción.", "2.100 millones de euros"},
			side{"es", "El Ejecutivo destinó 2.300 millones de euros a la reconstrucción.", "2.300 millones de euros"}, true},
		{"the Government against the government", side{"en", "The Government pledged £2 billion for the recovery.", "£2 billion"},
			side{"en", "The government announced £2.5 billion for the recovery.", "£2.5 billion"}, true},
		{"a donor the other text names elsewhere", side{"en", "The World Bank pledged $50 million for the dam.", "$50 million"},
			side{"en", "The World Bank met donors on Monday. It pledged $40 million for the dam.", "$40 million"}, true},
		{"a fund in Spanish against one in English", side{"es", "El Gobierno prometió 2.100 millones de coronas para la reconstrucción.", "2.100 millones de coronas"},
			side{"en", "The government announced a 2.3 billion crown fund.", "2.3 billion crown"}, true},

		// Two sums: no disagreement.
		{"a further sum", side{"en", "The relief agency has pledged a further $40 million for flood defences.", "$40 million"},
			side{"en", "The government announced $60 million for flood defences.", "$60 million"}, false},
		{"otros millones", side{"es", "La agencia prometió otros 40 millones de euros para los diques.", "40 millones de euros"},
			side{"es", "El Gobierno anunció 60 millones de euros para los diques.", "60 millones de euros"}, false},
		{"two funds told apart", side{"en", "The $2 billion pension fund lost money last year.", "$2 billion"},
			side{"en", "The government announced a $3 billion recovery fund.", "$3 billion"}, false},
		{"two donors", side{"en", "The World Bank pledged $50 million for the dam.", "$50 million"},
			side{"en", "The Asian Development Bank pledged $40 million for the dam.", "$40 million"}, false},
		{"two places' sums", side{"en", "The government promised $2 million to Lanmere.", "$2 million"},
			side{"en", "The government promised $3 million to Dunmore.", "$3 million"}, false},
		{"a donor named on one side only", side{"en", "The EU pledged €500 million for the recovery.", "€500 million"},
			side{"en", "The government announced a €2 billion plan for the recovery.", "€2 billion"}, false},
		{"a recipient named on one side only", side{"en", "The government announced $2 million for the Red Cross.", "$2 million"},
			side{"en", "The government announced $3 million for schools.", "$3 million"}, false},
		{"un donante de un solo lado", side{"es", "La Unión Europea destinó 500 millones de euros a la reconstrucción.", "500 millones de euros"},
			side{"es", "El Gobierno anunció 2.000 millones de euros para la reconstrucción.", "2.000 millones de euros"}, false},
		{"two firms' pledges, each named again", side{"en", "Apple pledged $2.5 billion for housing. The pledge makes Apple the largest donor.", "$2.5 billion"},
			side{"en", "Google pledged $1 billion for housing. The pledge by Google came first.", "$1 billion"}, false},
		{"dos donantes", side{"es", "La Unión Europea destinó 50 millones de euros a la presa.", "50 millones de euros"},
			side{"es", "El Banco Mundial destinó 40 millones de euros a la presa.", "40 millones de euros"}, false},
		{"asked for against committed", side{"en", "The city requested a $5.7 billion fund for the wall.", "$5.7 billion"},
			side{"en", "Congress approved a $1.4 billion fund for the wall.", "$1.4 billion"}, false},
		{"rounded against exact", side{"en", "The government announced $43 million for the schools.", "$43 million"},
			side{"en", "The $43,885,310 fund pays for the schools.", "$43,885,310"}, false},
		{"a sum committed in another currency", side{"en", "The agency pledged $40 million for flood defences.", "$40 million"},
			side{"en", "The government announced a 2.3 billion crown fund.", "2.3 billion crown"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fa := sumFigure(t, tt.a.sentence, tt.a.lang, tt.a.figure, FigureOptions{})
			fb := sumFigure(t, tt.b.sentence, tt.b.lang, tt.b.figure, FigureOptions{})
			if got := Disagree(fa, fb); got != tt.want {
				t.Errorf("Disagree(%q (%q), %q (%q)) = %v, want %v", fa.Text, fa.Quantity, fb.Text, fb.Quantity, got, tt.want)
			}
			if !tt.want {
				return
			}
			// Without the rule the two sides are not one quantity.
			sa := sumFigure(t, tt.a.sentence, tt.a.lang, tt.a.figure, FigureOptions{SeparateSums: true})
			sb := sumFigure(t, tt.b.sentence, tt.b.lang, tt.b.figure, FigureOptions{SeparateSums: true})
			if Disagree(sa, sb) {
				t.Errorf("with SeparateSums, %q (%q) and %q (%q) still disagree: the row does not test the rule", sa.Text, sa.Quantity, sb.Text, sb.Quantity)
			}
		})
	}
}

// noMoney, as a TestCommittedSumKeys row's key, wants no money figure in
// the sentence at all.
const noMoney = "(no money)"

// TestCommittedSumKeys pins the key a sum set aside is given, and that
// words which are not money give none.
func TestCommittedSumKeys(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name                   string
		lang, sentence, figure string
		o                      FigureOptions
		want                   string
	}{
		{"a sum promised", "en", "The government on Monday promised 2.1 billion crowns to help the city recover.", "2.1 billion crowns", FigureOptions{}, "fund"},
		{"a sum promised, separate sums", "en", "The government on Monday promised 2.1 billion crowns to help the city recover.", "2.1 billion crowns", FigureOptions{SeparateSums: true}, ""},
		{"a plan", "en", "The government's 2.3 billion crown plan will need no new taxes.", "2.3 billion crown", FigureOptions{}, "fund"},
		{"a plan, separate sums", "en", "The government's 2.3 billion crown plan will need no new taxes.", "2.3 billion crown", FigureOptions{SeparateSums: true}, "plan"},
		{"a package keeps its modifier", "en", "The $447 billion jobs package failed.", "$447 billion", FigureOptions{}, "jobs fund"},
		{"a further sum", "en", "The agency has pledged a further $40 million.", "$40 million", FigureOptions{}, ""},
		{"a sum raised", "en", "Sunday's marathon alone raised 310,000 crowns.", "310,000 crowns", FigureOptions{}, ""},
		{"a duration's plan", "en", "The 10-year plan was approved.", "10-year", FigureOptions{}, "plan"},
		{"a fraud committed", "en", "He committed a $2 million fraud.", "$2 million", FigureOptions{}, ""},
		{"a buyback announced", "en", "Apple announced a $90 billion buyback.", "$90 billion", FigureOptions{}, ""},
		{"a sum committed to a purpose", "en", "The firm committed $4 billion to hiring.", "$4 billion", FigureOptions{}, "fund"},
		{"a sum announced on a day", "en", "The government announced $2 billion on Monday.", "$2 billion", FigureOptions{}, "fund"},
		{"a sum announced, then what it does", "en", "The government announced $2 billion that would rebuild homes.", "$2 billion", FigureOptions{}, "fund"},
		{"anunciada el pasado lunes", "es", "El Gobierno anunció el pasado lunes 2.100 millones de euros para la reconstrucción.", "2.100 millones de euros", FigureOptions{}, "fund"},
		{"announced last Monday", "en", "The government announced last Monday $2 billion for the recovery.", "$2 billion", FigureOptions{}, "fund"},
		{"a sum set aside", "en", "The Treasury set aside $2 billion for schools.", "$2 billion", FigureOptions{}, "fund"},
		{"aside alone commits nothing", "en", "With politics aside $2 million is a lot of money.", "$2 million", FigureOptions{}, ""},
		{"una suma destinada", "es", "El Ejecutivo destinó 450 millones de euros a la reconstrucción.", "450 millones de euros", FigureOptions{}, "fund"},
		{"un fondo", "es", "El Gobierno aprobó un fondo de 2.300 millones de coronas.", "2.300 millones de coronas", FigureOptions{}, "fund"},
		{"un premio en coronas suecas", "es", "Lanza recibió una placa y 500 coronas suecas.", "500 coronas", FigureOptions{}, ""},
		// Spanish "coronas" are wreaths far more often than money: no
		// money without a scale word or the currency's country.
		{"coronas de flores", "es", "Los Reyes depositaron dos coronas de flores ante el monumento.", "dos coronas", FigureOptions{}, noMoney},
		{"coronas fúnebres", "es", "Los vecinos colocaron 30 coronas fúnebres en la plaza.", "30 coronas", FigureOptions{}, noMoney},
		{"coronas sin escala", "es", "Lanza recibió una placa y 500 coronas.", "500 coronas", FigureOptions{}, noMoney},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if tt.want == noMoney {
				for _, f := range FiguresWith(tt.sentence, tt.lang, tt.o) {
					if f.Kind == KindMoney {
						t.Errorf("%q: money figure %q (%s), want none", tt.sentence, f.Text, f.Unit)
					}
				}
				return
			}
			f := sumFigure(t, tt.sentence, tt.lang, tt.figure, tt.o)
			if diff := cmp.Diff(tt.want, f.Quantity); diff != "" {
				t.Errorf("%q in %q (%+v): key (-want +got):\n%s", tt.figure, tt.sentence, tt.o, diff)
			}
		})
	}
}

// sumFigure returns the figure whose text is figure in sentence, read with o.
func sumFigure(t *testing.T, sentence, lang, figure string, o FigureOptions) Figure {
	t.Helper()
	for _, f := range FiguresWith(sentence, lang, o) {
		if f.Text == figure {
			return f
		}
	}
	t.Fatalf("no figure %q in %q: %+v", figure, sentence, FiguresWith(sentence, lang, o))
	return Figure{}
}
