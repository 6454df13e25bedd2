package translate

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

var (
	_ Translator = Noop{}
	_ Translator = (*Glossary)(nil)
	_ Translator = (*HTTP)(nil)
	_ Translator = (*Cached)(nil)
)

func TestGlossaryTranslate(t *testing.T) {
	t.Parallel()
	g := NewGlossary()
	tests := []struct {
		in, want string
	}{
		{"El gobierno anunció un alto el fuego tras dos semanas de combates.",
			"The government announced a ceasefire after two weeks of fighting."},
		{"La policía detuvo a tres sospechosos.", "The police arrested to three suspects."},
		{"Pedro Sánchez visitó Alemania el lunes.", "Pedro Sánchez visited Germany the Monday."},
		{"Según el ministro, 1.500 personas murieron en la inundación.", "According to the minister, 1.500 people died in the flood."},
		{"ÚLTIMA HORA: terremoto en Chile", "BREAKING NEWS: earthquake in Chile"},
		{"Sin embargo, la huelga continúa.", "However, the strike continues."},
		{"«Estamos preparados», dijo la alcaldesa.", "«Are prepared», said the mayor."},
		{"Se reunieron en Bruselas.\n\nEl tribunal falló.", "Gathered in Brussels.\n\nThe court failed."},
		{"Xyzzy plugh.", "Xyzzy plugh."},
		{"Quiere presentarse y darles ayuda, diciéndoles la verdad.", "Wants present and give them aid, saying them the truth."},
		{"Los zorbarse y el mes.", "The zorbarse and the month."}, // unknown stem: unchanged
		{"", ""},
	}
	for _, tt := range tests {
		got, err := g.Translate(context.Background(), tt.in, "es", "en")
		if err != nil {
			t.Fatalf("Translate(%q): %v", tt.in, err)
		}
		if got != tt.want {
			t.Errorf("Translate(%q)\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
}

func TestGlossaryCoverage(t *testing.T) {
	t.Parallel()
	g := NewGlossary()
	if n := g.Len(); n < 1500 {
		t.Errorf("glossary has %d entries, want at least 1500", n)
	}
	want := map[string]string{
		"gobierno": "government", "policía": "police", "ataque": "attack", "elecciones": "elections",
		"ministro": "minister", "presidente": "president", "ayuda": "aid", "conversaciones": "talks",
		"alto el fuego": "ceasefire", "inundación": "flood", "huelga": "strike", "vacuna": "vaccine",
		"tribunal": "court", "terremoto": "earthquake", "refugiados": "refugees", "acuerdo": "agreement",
	}
	got := map[string]string{}
	for es := range want {
		got[es] = g.common[es]
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("news vocabulary (-want +got):\n%s", diff)
	}
}

func TestParseGlossary(t *testing.T) {
	t.Parallel()
	g, err := ParseGlossary("es", "en", "# comment\n\ncasa\tHouse\nNueva York\tNew York\nse\t\n")
	if err != nil {
		t.Fatal(err)
	}
	if g.Len() != 3 {
		t.Errorf("Len = %d, want 3", g.Len())
	}
	for _, bad := range []string{"no tab here\n", "\tempty source\n", "uno dos tres cuatro cinco seis\tsix words\n", "casa\thouse\nCasa\tHouse\ncasa\thome\n"} {
		if _, err := ParseGlossary("es", "en", bad); err == nil {
			t.Errorf("ParseGlossary(%q): no error", bad)
		}
	}
}

func TestLanguagePairs(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tests := []struct {
		name     string
		tr       Translator
		from, to string
		want     string
		wantErr  error
	}{
		{"noop same", Noop{}, "en", "en", "casa", nil},
		{"noop same primary", Noop{}, "en-GB", "EN", "casa", nil},
		{"noop unknown source", Noop{}, "", "en", "casa", nil},
		{"noop different", Noop{}, "es", "en", "", ErrUnsupported},
		{"glossary same", NewGlossary(), "fr", "fr", "casa", nil},
		{"glossary other pair", NewGlossary(), "fr", "en", "", ErrUnsupported},
		{"glossary regional tag", NewGlossary(), "es-MX", "en-US", "house", nil},
	}
	for _, tt := range tests {
		got, err := tt.tr.Translate(ctx, "casa", tt.from, tt.to)
		if !errors.Is(err, tt.wantErr) || got != tt.want {
			t.Errorf("%s: got %q, %v; want %q, %v", tt.name, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestNew(t *testing.T) {
	t.Parallel()
	tests := []struct {
		spec    string
		want    string // type name
		wantErr bool
	}{
		{"", "translate.Noop", false},
		{"none", "translate.Noop", false},
		{" glossary ", "*translate.Glossary", false},
		{"libretranslate:http://127.0.0.1:5000", "*translate.Cached", false},
		{"libretranslate:", "", true},
		{"libretranslate:ftp://x", "", true},
		{"deepl", "", true},
	}
	for _, tt := range tests {
		tr, err := New(tt.spec)
		if (err != nil) != tt.wantErr {
			t.Errorf("New(%q) error %v, want error %v", tt.spec, err, tt.wantErr)
			continue
		}
		if got := fmt.Sprintf("%T", tr); err == nil && got != tt.want {
			t.Errorf("New(%q) = %s, want %s", tt.spec, got, tt.want)
		}
	}
}

// fakeLibre is a LibreTranslate stand-in that upper-cases its input.
func fakeLibre(t *testing.T, calls *atomic.Int32) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		if r.Method != http.MethodPost || r.URL.Path != "/translate" || r.Header.Get("Content-Type") != "application/json" {
			http.Error(w, `{"error":"bad request shape"}`, http.StatusBadRequest)
			return
		}
		var req struct{ Q, Source, Target, Format, APIKey string }
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			http.Error(w, `{"error":"bad json"}`, http.StatusBadRequest)
			return
		}
		switch {
		case req.Format != "text":
			http.Error(w, `{"error":"format"}`, http.StatusBadRequest)
		case req.Source == "xx":
			w.WriteHeader(http.StatusBadRequest)
			fmt.Fprint(w, `{"error":"xx is not supported"}`)
		case req.Q == "slow":
			<-r.Context().Done()
		case req.Q == "boom":
			w.WriteHeader(http.StatusInternalServerError)
		case req.Q == "garbage":
			fmt.Fprint(w, "<html>")
		default:
			json.NewEncoder(w).Encode(map[string]string{"translatedText": strings.ToUpper(req.Q) + " [" + req.Source + ">" + req.Target + "]"})
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestHTTP(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	srv := fakeLibre(t, &calls)
	h, err := NewHTTP(srv.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	h.Timeout = 200 * time.Millisecond
	ctx := context.Background()
	tests := []struct {
		text, from, to string
		want           string
		errHas         string
		unsupported    bool
	}{
		{"hola", "es", "en", "HOLA [es>en]", "", false},
		{"hola", "es-ES", "en-GB", "HOLA [es>en]", "", false},
		{"hola", "", "en", "HOLA [auto>en]", "", false},
		{"hello", "en", "en", "hello", "", false}, // no call needed
		{"  ", "es", "en", "  ", "", false},       // nothing to translate
		{"hola", "xx", "en", "", "HTTP 400: xx is not supported", true},
		{"boom", "es", "en", "", "HTTP 500: Internal Server Error", false},
		{"garbage", "es", "en", "", "bad response", false},
		{"slow", "es", "en", "", "context deadline exceeded", false},
	}
	for _, tt := range tests {
		got, err := h.Translate(ctx, tt.text, tt.from, tt.to)
		if tt.errHas == "" {
			if err != nil || got != tt.want {
				t.Errorf("Translate(%q): got %q, %v; want %q", tt.text, got, err, tt.want)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tt.errHas) {
			t.Errorf("Translate(%q): error %v, want it to contain %q", tt.text, err, tt.errHas)
		}
		if errors.Is(err, ErrUnsupported) != tt.unsupported {
			t.Errorf("Translate(%q): ErrUnsupported = %v, want %v", tt.text, !tt.unsupported, tt.unsupported)
		}
	}
	if n := calls.Load(); n != 7 {
		t.Errorf("server called %d times, want 7", n)
	}
}

// countingTranslator echoes with a counter and fails on "fail".
type countingTranslator struct{ calls atomic.Int32 }

func (c *countingTranslator) Translate(ctx context.Context, text, from, to string) (string, error) {
	c.calls.Add(1)
	if text == "fail" {
		return "", errors.New("failed")
	}
	return from + ">" + to + ":" + text, nil
}

func TestCached(t *testing.T) {
	t.Parallel()
	next := &countingTranslator{}
	c := NewCached(next, 2)
	ctx := context.Background()
	steps := []struct {
		text, from string
		want       string
		calls      int32
	}{
		{"a", "es", "es>en:a", 1},
		{"a", "es", "es>en:a", 1}, // hit
		{"a", "fr", "fr>en:a", 2}, // the pair is part of the key
		{"b", "es", "es>en:b", 3}, // evicts ("a", es)
		{"a", "fr", "fr>en:a", 3}, // still cached, now most recent
		{"a", "es", "es>en:a", 4}, // was evicted
		{"fail", "es", "", 5},
		{"fail", "es", "", 6}, // errors are not cached
	}
	for i, s := range steps {
		got, err := c.Translate(ctx, s.text, s.from, "en")
		if (err != nil) != (s.want == "") || got != s.want || next.calls.Load() != s.calls {
			t.Errorf("step %d: got %q, %v after %d calls; want %q after %d", i, got, err, next.calls.Load(), s.want, s.calls)
		}
	}
	if c.Len() != 2 {
		t.Errorf("Len = %d, want 2", c.Len())
	}
}

func ExampleGlossary() {
	g := NewGlossary()
	out, err := g.Translate(context.Background(), "El presidente visitó la zona afectada por las inundaciones.", "es", "en")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(out)
	// Output:
	// The president visited the area affected by the floods.
}

func ExampleNew() {
	tr, err := New("glossary")
	if err != nil {
		fmt.Println(err)
		return
	}
	out, _ := tr.Translate(context.Background(), "Huelga de médicos en Madrid", "es", "en")
	fmt.Println(out)
	// Output:
	// Strike of doctors in Madrid
}

func BenchmarkGlossaryTranslate(b *testing.B) {
	g := NewGlossary()
	text := strings.Repeat("El gobierno anunció el lunes nuevas medidas para ayudar a las familias afectadas por las inundaciones en el sur del país. ", 50)
	b.SetBytes(int64(len(text)))
	ctx := context.Background()
	for b.Loop() {
		if _, err := g.Translate(ctx, text, "es", "en"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseGlossary(b *testing.B) {
	for b.Loop() {
		if _, err := ParseGlossary("es", "en", esEnData); err != nil {
			b.Fatal(err)
		}
	}
}

func FuzzGlossaryTranslate(f *testing.F) {
	for _, s := range []string{"El gobierno anunció un alto el fuego.", "Se fue. Se", "ÚLTIMA HORA", "¿Qué?", "a\u0301b", "\xff"} {
		f.Add(s)
	}
	g := NewGlossary()
	f.Fuzz(func(t *testing.T, in string) {
		out, err := g.Translate(context.Background(), in, "es", "en")
		if err != nil {
			t.Fatal(err)
		}
		if utf8.ValidString(in) && !utf8.ValidString(out) {
			t.Fatalf("Translate(%q) = %q: invalid UTF-8", in, out)
		}
		if !strings.ContainsFunc(in, unicode.IsLetter) && out != in {
			t.Fatalf("Translate(%q) = %q: text without words changed", in, out)
		}
	})
}

func TestHTTPSplitsLongText(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	srv := fakeLibre(t, &calls)
	h, err := NewHTTP(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	h.MaxChars = 20
	in := "Primer párrafo corto.\n\nSegundo párrafo, que es bastante más largo. Tiene dos frases."
	got, err := h.Translate(context.Background(), in, "es", "en")
	if err != nil {
		t.Fatal(err)
	}
	// "Primer párrafo corto." is 21 runes, so even it is cut, at a space.
	want := "PRIMER PÁRRAFO [es>en] CORTO. [es>en]\n\nSEGUNDO PÁRRAFO, QUE [es>en] ES BASTANTE MÁS [es>en] LARGO [es>en]. TIENE DOS FRASES. [es>en]"
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func FuzzSplitText(f *testing.F) {
	f.Add("uno dos. tres\n\ncuatro\ncinco", 5)
	f.Add("sinseparadoresaquí", 3)
	f.Add("", 1)
	f.Fuzz(func(t *testing.T, text string, limit int) {
		if limit < 1 || limit > 1000 || !utf8.ValidString(text) {
			return
		}
		var b strings.Builder
		for _, p := range splitText(text, limit) {
			if n := utf8.RuneCountInString(p.text); n > limit {
				t.Fatalf("piece %q has %d runes, limit %d", p.text, n, limit)
			}
			b.WriteString(p.text + p.sep)
		}
		if b.String() != text {
			t.Fatalf("pieces rejoin to %q, want %q", b.String(), text)
		}
	})
}
