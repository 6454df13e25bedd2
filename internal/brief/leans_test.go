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
