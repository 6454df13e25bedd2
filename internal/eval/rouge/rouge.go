// Package rouge holds the tokens and n-gram counts ROUGE is computed on,
// as Google's rouge-score package computes them without stemming.
//
// It is a leaf so that both scorers of summaries share one definition:
// package summeval, and package brief's training of its summary model,
// which cannot import summeval (summeval imports brief). Two copies could
// drift, and the model would then be fitted to another ROUGE than the one
// docs/briefing.md reports.
package rouge

import "strings"

// Tokens splits s the way rouge-score does without stemming: lower-case,
// every run of characters other than [a-z0-9] is a separator. Non-ASCII
// letters therefore split words, as they do there.
func Tokens(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	})
}

// NGrams counts the n-grams of toks, each keyed by its tokens joined with
// single spaces.
func NGrams(toks []string, n int) map[string]int {
	m := map[string]int{}
	for i := 0; i+n <= len(toks); i++ {
		m[strings.Join(toks[i:i+n], " ")]++
	}
	return m
}
