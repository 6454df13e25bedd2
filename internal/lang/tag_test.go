package lang

import "testing"

func TestSame(t *testing.T) {
	t.Parallel()
	tests := []struct {
		a, b    string
		primary string // Primary(a)
		want    bool
	}{
		{"en", "en", "en", true},
		{"en-GB", "en", "en", true},
		{"EN", "en", "en", true},
		{"en-US", "en-GB", "en", true},
		{"en_US", "EN", "en", true},
		{" es-419 ", "es", "es", true},
		{"zh-Hant-TW", "zh", "zh", true},
		{"es", "en", "es", false},
		{"en", "eng", "en", false},
		{"", "en", "", false},
		{"en", "", "en", false},
		{"", "", "", false},
		{"-", "_", "", false},
	}
	for _, tc := range tests {
		if got := Same(tc.a, tc.b); got != tc.want {
			t.Errorf("Same(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
		if got := Same(tc.b, tc.a); got != tc.want {
			t.Errorf("Same(%q, %q) = %v, want %v", tc.b, tc.a, got, tc.want)
		}
		if got := Primary(tc.a); got != tc.primary {
			t.Errorf("Primary(%q) = %q, want %q", tc.a, got, tc.primary)
		}
	}
}
