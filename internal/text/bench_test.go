package text

import (
	"strings"
	"testing"
	"time"
)

// benchText is a news-like article of about 6 KB in both languages.
var benchText = strings.Repeat(`Governor Maria Lopez, a Democrat, visited Houston on Tuesday. "We will rebuild every home," she said, "and we will do it fast." At least 30 people were killed and the $2.3bn aid package will fund a 30-day ceasefire, officials said.

«Vamos a reforzar la atención primaria», afirmó la ministra de Sanidad, Carolina Darias. El paro bajó al 3,5 % y hubo 1.234 detenidos el 3 de marzo de 2024.

`, 12)

func BenchmarkSentences(b *testing.B) {
	b.SetBytes(int64(len(benchText)))
	for b.Loop() {
		Sentences(benchText)
	}
}

func BenchmarkEntities(b *testing.B) {
	b.SetBytes(int64(len(benchText)))
	for b.Loop() {
		Entities(benchText)
	}
}

func BenchmarkQuotes(b *testing.B) {
	b.SetBytes(int64(len(benchText)))
	for b.Loop() {
		Quotes(benchText)
	}
}

func BenchmarkFigures(b *testing.B) {
	b.SetBytes(int64(len(benchText)))
	for b.Loop() {
		Figures(benchText, "")
	}
}

func BenchmarkDates(b *testing.B) {
	ref := time.Date(2024, 3, 14, 0, 0, 0, 0, time.UTC)
	b.SetBytes(int64(len(benchText)))
	for b.Loop() {
		Dates(benchText, ref)
	}
}
