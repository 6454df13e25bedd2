package brief

import "testing"

// TestLeansOnContext wants a summary sentence whose speaker only the
// sentence before it names left out: a pronoun attribution after the
// quotation's comma, Spanish with the subject dropped, and a quotation
// standing alone.
func TestLeansOnContext(t *testing.T) {
	t.Parallel()
	tests := []struct {
		s    string
		want bool
	}{
		{`Measles is one of the most contagious diseases, she said.`, true},
		{`"Measles is one of the most contagious diseases we know," she said.`, true},
		{`“We will look at every radio call,” he said.`, true},
		{`«La vigilamos de cerca», afirmó.`, true},
		{`"A hundred safe convoys will be."`, true},
		{`“A hundred safe convoys will be.”`, true},
		{`"Measles is one of the most contagious diseases we know," said Priya Anand.`, false},
		{`Priya Anand said measles was "one of the most contagious diseases".`, false},
		{`"One convoy is not a victory," he said. "A hundred safe convoys will be."`, true},
		{`"Trust" and "hope" were the words of the day.`, false},
		{`Ilse Varga, leader of the Kessel Valley Council, said the road wardens had patrolled through the night.`, false},
	}
	for _, tt := range tests {
		if got := leansOnContext(tt.s); got != tt.want {
			t.Errorf("leansOnContext(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

// TestOpensLeaning is the one test of leaning on the sentence before,
// which the bottom line and the key facts both read.
func TestOpensLeaning(t *testing.T) {
	t.Parallel()
	tests := []struct {
		s, lang string
		want    bool
	}{
		{"She said the dam held.", "en", true},
		{"But these are small complaints about a project that cost 85 million crowns.", "en", true},
		{"Next to it, on a small screen, a woman reads the news.", "en", true},
		{"We visited the site on Monday.", "en", true},
		{"Pero la presa resistió.", "es", true},
		{"That mix of large objects is rare.", "en", true},
		{"The dam held through the night, officials said.", "en", false},
		{"La presa resistió toda la noche.", "es", false},
		// The summary's openers (refersBack) and these lines agree.
		{"Sin embargo, la presa resistió.", "es", true},
		{"No obstante, el banco mantuvo su previsión.", "es", true},
		{"Meanwhile, the river kept rising.", "en", true},
		{"Most of the cases are children at two primary schools.", "en", true},
		{"The move follows weeks of protests.", "en", true},
		{"Este jueves el ayuntamiento votó el cierre del puente.", "es", false},
		{"That night, floodwater reached the old town.", "en", false},
	}
	for _, tt := range tests {
		if got := opensLeaning(tt.s, tt.lang); got != tt.want {
			t.Errorf("opensLeaning(%q, %q) = %v, want %v", tt.s, tt.lang, got, tt.want)
		}
	}
}
