package lang

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestDetect(t *testing.T) {
	t.Parallel()
	tests := []struct {
		text, want string
	}{
		{"", ""},
		{"   ", ""},
		{"Breaking news", ""},           // under MinRunes
		{"¿Qué pasó aquí?", ""},         // under MinRunes
		{"12345 67890 12345 67890", ""}, // no letters, no language
		{"The government announced new measures on Monday.", "en"},
		{"El gobierno anunció nuevas medidas el lunes por la noche.", "es"},
		{"Le gouvernement a annoncé de nouvelles mesures lundi soir.", "fr"},
		{"Die Regierung kündigte am Montagabend neue Maßnahmen an.", "de"},
		{"Il governo ha annunciato nuove misure lunedì sera.", "it"},
		{"O governo anunciou novas medidas na segunda-feira à noite.", "pt"},
		{"Правительство объявило о новых мерах в понедельник вечером.", "ru"},
	}
	for _, tt := range tests {
		got, conf := Detect(tt.text)
		if got != tt.want {
			t.Errorf("Detect(%q) = %q (%.2f), want %q", tt.text, got, conf, tt.want)
		}
		if conf < 0 || conf > 1 || (got == "" && conf != 0) {
			t.Errorf("Detect(%q) confidence %v out of range", tt.text, conf)
		}
	}
}

// TestDetectSamples runs the sample sentences the library choice was made
// on: all must be detected.
func TestDetectSamples(t *testing.T) {
	t.Parallel()
	f, err := os.Open("testdata/samples.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || line == "" {
			continue
		}
		want, text, _ := strings.Cut(line, "\t")
		n++
		got, conf := Detect(text)
		if got != want || conf <= 0 {
			t.Errorf("Detect(%q) = %q (%.2f), want %q", text, got, conf, want)
		}
	}
	if n < 40 {
		t.Errorf("only %d samples read", n)
	}
}

func TestDetectLongText(t *testing.T) {
	t.Parallel()
	// Longer than the examined prefix, cut inside a multi-byte rune.
	text := strings.Repeat("é", 3) + strings.Repeat("La policía detuvo a tres sospechosos tras el robo. ", 400)
	if got, _ := Detect(text); got != "es" {
		t.Errorf("Detect(long Spanish) = %q", got)
	}
}

func BenchmarkDetect(b *testing.B) {
	text := strings.Repeat("The central bank raised interest rates by a quarter of a point, citing persistent inflation. ", 40)
	b.SetBytes(int64(min(len(text), maxBytes)))
	for b.Loop() {
		Detect(text)
	}
}

func ExampleDetect() {
	code, conf := Detect("El gobierno anunció un alto el fuego tras dos semanas de combates.")
	fmt.Println(code, conf > 0)
	code, _ = Detect("Hi there")
	fmt.Printf("%q\n", code)
	// Output:
	// es true
	// ""
}

// FuzzDetect runs Detect on untrusted text (feed titles, page bodies):
// it must not panic, must answer a two-letter code or nothing, a
// confidence in [0, 1], no language for no confidence, and nothing for
// texts under MinRunes.
func FuzzDetect(f *testing.F) {
	f.Add("The government announced new measures on Monday.")
	f.Add("Правительство объявило о новых мерах в понедельник вечером.")
	f.Add("short")
	f.Add(strings.Repeat("é", maxBytes/2+1) + "x") // cut inside a rune
	f.Add("\xff\xfe invalid UTF-8 \xc3 in a long enough sentence")
	f.Fuzz(func(t *testing.T, text string) {
		code, conf := Detect(text)
		if conf < 0 || conf > 1 {
			t.Errorf("Detect(%q) confidence %v outside [0, 1]", text, conf)
		}
		if code != "" && len(code) != 2 {
			t.Errorf("Detect(%q) code %q, want ISO 639-1", text, code)
		}
		if code == "" && conf != 0 {
			t.Errorf("Detect(%q) = no language at confidence %v", text, conf)
		}
		if utf8.RuneCountInString(strings.TrimSpace(text)) < MinRunes && code != "" {
			t.Errorf("Detect(%q) = %q for a text under MinRunes", text, code)
		}
	})
}
