package cluster

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestRelatedByWords checks Related's second way in: an earlier story
// outside the thread that shares too few names for RelatedMin but tells of
// the same things in the same words is offered only when nothing else is,
// and only with some names shared.
func TestRelatedByWords(t *testing.T) {
	t.Parallel()
	at := time.Date(2008, 10, 7, 0, 0, 0, 0, time.UTC)
	// keys returns terms first..first+n-1, each of weight 1.
	keys := func(first uint64, n int) []uint64 {
		var out []uint64
		for h := first; h < first+uint64(n); h++ {
			out = append(out, h)
		}
		return out
	}
	// The story names 1-10 and writes words 100-109.
	storyNames, storyWords := keys(1, 10), keys(100, 10)
	type earlierStory struct {
		names, words []uint64
	}
	tests := []struct {
		name    string
		wordMin float64
		earlier []earlierStory // IDs 1, 2, ... in order, all before the story
		want    []int64
	}{
		{
			name:    "same words, one name in ten",
			wordMin: 0.10,
			earlier: []earlierStory{{append(keys(1, 1), keys(20, 9)...), append(keys(100, 5), keys(200, 5)...)}},
			want:    []int64{1},
		},
		{
			name:    "off",
			earlier: []earlierStory{{append(keys(1, 1), keys(20, 9)...), append(keys(100, 5), keys(200, 5)...)}},
		},
		{
			name:    "same words, no name",
			wordMin: 0.10,
			earlier: []earlierStory{{keys(20, 10), append(keys(100, 5), keys(200, 5)...)}},
		},
		{
			name:    "one name, few words",
			wordMin: 0.10,
			earlier: []earlierStory{{append(keys(1, 1), keys(20, 9)...), append(keys(100, 1), keys(200, 19)...)}},
		},
		{
			name:    "a story sharing names comes first, and alone",
			wordMin: 0.10,
			earlier: []earlierStory{
				{append(keys(1, 1), keys(20, 9)...), append(keys(100, 5), keys(200, 5)...)},
				{append(keys(1, 5), keys(30, 5)...), keys(300, 10)},
			},
			want: []int64{2},
		},
		{
			name:    "the closer words first",
			wordMin: 0.10,
			earlier: []earlierStory{
				{append(keys(1, 1), keys(20, 9)...), append(keys(100, 8), keys(200, 2)...)},
				{append(keys(1, 1), keys(40, 9)...), append(keys(100, 3), keys(300, 7)...)},
			},
			want: []int64{1, 2},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cfg := DefaultConfig()
			cfg.RelatedWordMin = tt.wordMin
			c := New(cfg)
			add := func(id int64, first time.Time, names, words []uint64) {
				s := &story{id: id, thread: id, first: first, last: first, keys: map[uint64]bool{}}
				var ents, ws vector
				for _, h := range names {
					ents = append(ents, term{h, 1})
				}
				for _, h := range words {
					ws = append(ws, term{h, 1})
				}
				s.ents.add(ents, 0)
				s.words.add(ws, 0)
				// Indexed under its names and words, as apply does.
				for _, h := range append(append([]uint64(nil), names...), words...) {
					s.keys[h] = true
					c.posting[h] = append(c.posting[h], id)
				}
				th := newThread(id)
				th.stories, th.members[id] = 1, s
				c.threads[id], c.stories[id] = th, s
			}
			for i, e := range tt.earlier {
				add(int64(i+1), at.AddDate(0, 0, -10+i), e.names, e.words)
			}
			add(99, at, storyNames, storyWords)
			if diff := cmp.Diff(tt.want, c.Related(99, 5)); diff != "" {
				t.Errorf("Related (-want +got):\n%s", diff)
			}
		})
	}
}
