package text

import (
	"strings"
	"testing"
	"time"
)

var fuzzSeeds = []string{
	"",
	`"We will," she said, "keep going."`,
	"—No cederemos —dijo el ministro—. Seguiremos.",
	"«Vamos a reforzar la atención primaria», afirmó la ministra de Sanidad, Carolina Darias.",
	"Mr. Smith paid $2.3bn. Unemployment rose to 5.2%. A 30-day ceasefire held 12 km away.",
	"El paro bajó al 3,5 %. Hubo 1.234 detenidos y treinta y cinco muertos.",
	"\"unclosed quote\n\n“another “nested” one",
	"¿Quién? ¡Yo! U.S. 3.5 e.g. ... ” “ « » — –",
	"On March 3, 2024 and 3 de marzo, yesterday, el martes pasado, hace tres días.",
	"\xff\xfe invalid utf8 \"quote here now\" said Bob",
}

func FuzzSentences(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		prev := 0
		for _, sp := range Sentences(s) {
			if !sp.Valid(len(s)) {
				t.Fatalf("span %v out of range (len %d)", sp, len(s))
			}
			if sp.Start < prev {
				t.Fatalf("span %v overlaps the previous sentence (end %d)", sp, prev)
			}
			prev = sp.End
			txt := sp.Of(s)
			if strings.TrimSpace(txt) != txt {
				t.Fatalf("sentence %q not trimmed", txt)
			}
		}
	})
}

func FuzzQuotes(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkQuotes(t, s, Quotes(s))
	})
}

func FuzzFigures(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s, "en")
		f.Add(s, "es")
	}
	f.Fuzz(func(t *testing.T, s, lang string) {
		checkFigures(t, s, Figures(s, lang))
	})
}

func FuzzEntities(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		prev := 0
		for _, e := range Entities(s) {
			if !e.Span.Valid(len(s)) || e.Span.Of(s) != e.Text {
				t.Fatalf("entity %q span %v does not match", e.Text, e.Span)
			}
			if e.Span.Start < prev {
				t.Fatalf("entity %v overlaps the previous one", e.Span)
			}
			prev = e.Span.End
		}
	})
}

func FuzzDates(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	ref := time.Date(2024, 3, 14, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s string) {
		prev := 0
		for _, d := range Dates(s, ref) {
			if !d.Span.Valid(len(s)) || d.Span.Start < prev {
				t.Fatalf("date span %v out of range or order", d.Span)
			}
			prev = d.Span.End
			if d.Time.IsZero() {
				t.Fatalf("date %q has no time", d.Span.Of(s))
			}
		}
	})
}
