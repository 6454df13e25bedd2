package brief

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/newsdesk/newsdesk/internal/text"
)

// TestBoundedFigureLabel checks that a key fact's label keeps the words
// that bound its value: "300 adults" stood above "The researchers counted
// fewer than 300 adults", a figure the article does not give.
func TestBoundedFigureLabel(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, lang, in string
		want           []string
	}{
		{"fewer than", "en", "The researchers counted fewer than 300 adults in the hills.", []string{"fewer than 300 adults"}},
		{"up to", "en", "People who break the rules can be fined up to 600 crowns.", []string{"up to 600 crowns"}},
		{"as much as", "en", "The repairs could cost as much as $15 million, he said.", []string{"as much as $15 million"}},
		{"more than", "en", "More than 9,200 people ran the race.", []string{"More than 9,200 people"}},
		{"about", "en", "The reservoir supplies about 45,000 people.", []string{"about 45,000 people"}},
		{"exact stays", "en", "The fire forced 212 people from their homes.", []string{"212 people"}},
		{"hasta", "es", "Las multas podrán llegar hasta 600 euros.", []string{"hasta 600 euros"}},
		{"más de", "es", "La organización espera más de 20.000 personas.", []string{"más de 20.000 personas"}},
		{"supera el", "es", "La ocupación de los hoteles supera el 90 % para el sábado.", []string{"supera el 90 %"}},
		{"exceeds", "en", "Hotel occupancy exceeds 90 percent for Saturday.", []string{"exceeds 90 percent"}},
		{"every", "en", "The town council will review the measures every two weeks.", []string{"every two weeks"}},
		{"cada", "es", "El ayuntamiento revisará las medidas cada dos semanas.", []string{"cada dos semanas"}},
		{"a duration stays", "en", "The strike lasted two weeks.", []string{"two weeks"}},
		{"unos", "es", "Fueron evacuados unos 150 vecinos.", []string{"unos 150 vecinos"}},
		// Words text reads a bound from that a list kept here lacked.
		{"maximum", "en", "The hall seats maximum 300 people.", []string{"maximum 300 people"}},
		{"range top stays", "en", "Sentences run from 46 to 57 months.", []string{"57 months"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var got []string
			for _, f := range text.Figures(tt.in, tt.lang) {
				got = append(got, boundedSpan(tt.in, f).Of(tt.in))
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("labels of %q (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}
