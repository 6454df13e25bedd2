package brief

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/newsdesk/newsdesk/internal/news"
)

func TestVoices(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, text string
		want       []string // item texts
	}{
		{"a quote with its speaker", `"We will rebuild every home in the valley," said Ana Ruiz.`,
			[]string{"We will rebuild every home in the valley"}},
		// text.Words splits "know-it-all" in three: four words to it,
		// two to a reader.
		{"a short phrase of hyphenated words", `Ana Ruiz called the mayor "a know-it-all" on Monday.`, nil},
		{"a link alone", `Ana Ruiz tweeted: "http://nyti.ms/1RHiWiu."`, nil},
		{"a link alone, www", `Ana Ruiz tweeted: "www.example.com/plans/2026/valley-rebuild."`, nil},
		{"links alone", `Ana Ruiz tweeted: "http://nyti.ms/1RHiWiu https://example.com/a www.example.org/b"`, nil},
		{"words with a link", `"Read the whole plan here: http://nyti.ms/1RHiWiu," Ana Ruiz wrote.`,
			[]string{"Read the whole plan here: http://nyti.ms/1RHiWiu"}},
		// No attribution of its own, a sentence away from the last one:
		// not listed under the previous speaker's name (round 7).
		{"a quote with no speaker is not given the previous one's", "\"We will rebuild every home in the valley,\" said Ana Ruiz.\n\nThe vote is on Friday. \"The talks with the union start again next week.\"",
			[]string{"We will rebuild every home in the valley"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var got []string
			for _, it := range Voices([]news.Article{{ID: 1, Text: tc.text}}, nil, 6) {
				got = append(got, it.Text)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Voices(%q) mismatch (-want +got):\n%s", tc.text, diff)
			}
		})
	}
}

func TestVoiceCaption(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		it   news.Item
		want string
	}{
		{"speaker and role", news.Item{Speaker: "Ana Ruiz", Role: "the mayor"}, "Ana Ruiz, the mayor"},
		{"speaker", news.Item{Speaker: "Ana Ruiz"}, "Ana Ruiz"},
		{"role only", news.Item{Role: "a senior official"}, "a senior official (name not identified)"},
		{"neither", news.Item{}, "speaker not identified"},
	}
	for _, tc := range tests {
		if got := voiceCaption(tc.it); got != tc.want {
			t.Errorf("%s: voiceCaption = %q, want %q", tc.name, got, tc.want)
		}
	}
}
