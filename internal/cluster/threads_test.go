package cluster

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestTopicNames(t *testing.T) {
	t.Parallel()
	// a: 12 of the 20 recent articles naming it are the thread's, a topic
	// name; b: all 12; c: all, but only 3 (a small thread has none); d: 12
	// of 40, a name many threads carry (a city).
	const a, b, c, d, e = 1, 2, 3, 4, 5
	th := newThread(1)
	th.named = map[uint64]int{a: 12, b: 12, c: 3, d: 12}
	cl := New(DefaultConfig())
	cl.df = map[uint64]int{a: 20, b: 12, c: 3, d: 40, e: 5}
	vec := func(hs ...uint64) vector {
		var v vector
		for _, h := range hs {
			v = append(v, term{h, 1})
		}
		return v
	}
	tests := []struct {
		name  string
		v     vector
		share float64
		want  int
	}{
		{"two topic names", vec(a, b), 0.5, 2},
		{"small count and common name do not count", vec(a, c, d), 0.5, 1},
		{"a name the thread lacks", vec(e), 0.5, 0},
		{"a lower share admits the city", vec(a, b, d), 0.3, 3},
		{"off", vec(a, b), 0, 0},
	}
	for _, tt := range tests {
		cl.cfg.ThreadTopicShare = tt.share
		if diff := cmp.Diff(tt.want, cl.topicNames(tt.v, th)); diff != "" {
			t.Errorf("%s: topicNames (-want +got):\n%s", tt.name, diff)
		}
	}
}
