package pipeline

import "testing"

// TestDetectLang checks the order of the article's language sources, and
// that a declared tag or a source's hint is kept as its primary subtag
// however it is written.
func TestDetectLang(t *testing.T) {
	t.Parallel()
	const spanish = "El gobierno anunció nuevas medidas el lunes por la noche tras la reunión del gabinete."
	tests := []struct {
		name, text, declared, hint, want string
	}{
		{"detected", spanish, "en", "fr", "es"},
		{"declared", "", "en-GB", "fr", "en"},
		{"declared, underscore", "", "EN_us", "fr", "en"},
		{"hint", "", "", "fr", "fr"},
		{"hint with region", "", "", "en-GB", "en"},
		{"hint in capitals", "", "", "PT-br", "pt"},
		{"nothing", "", "", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := detectLang(tc.text, tc.declared, tc.hint); got != tc.want {
				t.Errorf("detectLang(%q, %q, %q) = %q, want %q", tc.text, tc.declared, tc.hint, got, tc.want)
			}
		})
	}
}
