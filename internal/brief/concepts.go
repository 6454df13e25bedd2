package brief

import (
	"strings"

	"github.com/newsdesk/newsdesk/internal/text"
)

// conceptsOf returns the concepts a sentence covers: its content words and
// the bigrams of its words that are not both stop words. Covering the
// concepts many sources share is what a multi-source summary is for
// (Gillick and Favre's concept model).
func conceptsOf(s string) []string {
	ws := text.Words(s)
	seen := map[string]bool{}
	var out []string
	add := func(c string) {
		if !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	for i, w := range ws {
		w = fold(w)
		ws[i] = w
		if !stopWords[w] && len(w) > 1 {
			add(w)
		}
	}
	for i := 1; i < len(ws); i++ {
		if !(stopWords[ws[i-1]] && stopWords[ws[i]]) {
			add(ws[i-1] + " " + ws[i])
		}
	}
	return out
}

// fold is the light plural fold contentWords applies.
func fold(w string) string {
	if len(w) > 4 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") {
		return w[:len(w)-1]
	}
	return w
}
