package pipeline

import (
	"context"
	"log/slog"
	"strings"
	"testing"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/translate"
)

// upperTranslator "translates" by upper-casing, and supports Spanish only.
type upperTranslator struct{ calls int }

func (u *upperTranslator) Translate(ctx context.Context, text, from, to string) (string, error) {
	u.calls++
	if from != "es" {
		return "", translate.ErrUnsupported
	}
	return strings.ToUpper(text), nil
}

func TestClusterDocTranslates(t *testing.T) {
	t.Parallel()
	logger := slog.New(slog.DiscardHandler)
	tests := []struct {
		name string
		tr   translate.Translator
		lang string
		want string
	}{
		{"no translator", nil, "es", ""},
		{"desk language", &upperTranslator{}, "en", ""},
		{"unknown language", &upperTranslator{}, "", ""},
		{"foreign", &upperTranslator{}, "es", "PUENTE\n\nEL PUENTE ABRE."},
		{"unsupported pair", &upperTranslator{}, "fr", ""},
	}
	for _, tc := range tests {
		a := news.Article{ID: 1, Title: "Puente", Text: "El puente abre.", Lang: tc.lang}
		d := clusterDoc(context.Background(), a, tc.tr, "en", logger)
		if d.Translated != tc.want {
			t.Errorf("%s: Translated = %q, want %q", tc.name, d.Translated, tc.want)
		}
		if d.Text != a.Text || d.Title != a.Title || d.Lang != a.Lang {
			t.Errorf("%s: doc %+v does not keep the original", tc.name, d)
		}
	}
}
