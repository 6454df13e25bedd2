package cluster

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// randomStream returns n articles about a handful of made-up events, each
// with people and places of its own, some sharing a town, in time order
// with gaps from minutes to months, so that stories join, start threads,
// are forgotten, archived and revived by a late follow-up.
func randomStream(rng *rand.Rand, n int) []Doc {
	syll := []string{"ka", "ro", "mel", "dan", "vi", "tor", "sa", "len", "bru", "ost", "ik", "ne"}
	word := func() string {
		var b strings.Builder
		for range 2 + rng.IntN(2) {
			b.WriteString(syll[rng.IntN(len(syll))])
		}
		w := b.String()
		return strings.ToUpper(w[:1]) + w[1:]
	}
	type event struct {
		town   string
		people []string
		words  []string
	}
	towns := []string{word(), word(), word()}
	var events []event
	for range 6 + rng.IntN(6) {
		e := event{town: towns[rng.IntN(len(towns))]}
		for range 4 {
			e.people = append(e.people, word()+" "+word())
		}
		for range 6 {
			e.words = append(e.words, strings.ToLower(word()))
		}
		events = append(events, e)
	}
	common := []string{"police", "council", "report", "court", "fire", "storm", "vote", "school"}
	at := time.Date(2024, 1, 1, 8, 0, 0, 0, time.UTC)
	docs := make([]Doc, 0, n)
	for i := range n {
		switch r := rng.IntN(20); {
		case r == 0:
			at = at.Add(time.Duration(60+rng.IntN(200)) * 24 * time.Hour)
		case r < 4:
			at = at.Add(time.Duration(2+rng.IntN(20)) * 24 * time.Hour)
		default:
			at = at.Add(time.Duration(rng.IntN(12*60)) * time.Minute)
		}
		e := events[rng.IntN(len(events))]
		var b strings.Builder
		for range 3 + rng.IntN(4) {
			fmt.Fprintf(&b, "On Monday %s met %s in %s about the %s %s. ",
				e.people[rng.IntN(len(e.people))], e.people[rng.IntN(len(e.people))], e.town,
				e.words[rng.IntN(len(e.words))], common[rng.IntN(len(common))])
		}
		d := Doc{
			ID: int64(i + 1), Source: int64(1 + rng.IntN(5)), Time: at,
			Title: fmt.Sprintf("%s %s in %s", e.people[0], e.words[0], e.town),
			Text:  b.String(),
		}
		if rng.IntN(15) == 0 {
			d.Time = time.Time{} // undated
		}
		docs = append(docs, d)
	}
	return docs
}

// checkThreads verifies the links between stories and threads: every held
// story is a member of exactly one thread, its own; no thread is empty or
// filed under another ID; a thread counts the stories held among its
// members; every member is one the thread must keep (see keeps).
func checkThreads(t *testing.T, c *Clusterer) {
	t.Helper()
	in := map[int64]int{}
	for key, th := range c.threads {
		if th.id != key {
			t.Fatalf("thread filed under %d has ID %d", key, th.id)
		}
		if len(th.members) == 0 {
			t.Fatalf("thread %d has no member", key)
		}
		held := 0
		for id, s := range th.members {
			if s.id != id || s.thread != th.id {
				t.Fatalf("thread %d lists story %d (ID %d, thread %d)", key, id, s.id, s.thread)
			}
			if !c.keeps(s) {
				t.Fatalf("thread %d lists story %d, neither held, archived nor counted", key, id)
			}
			if c.stories[id] == s {
				held++
				in[id]++
			}
		}
		if held != th.stories {
			t.Fatalf("thread %d counts %d stories, holds %d", key, th.stories, held)
		}
	}
	for id, s := range c.stories {
		if in[id] != 1 {
			t.Fatalf("held story %d (thread %d) is a member of %d threads", id, s.thread, in[id])
		}
	}
}

// TestThreadInvariants feeds random streams, checks the links between
// stories and threads after every article (and after extra sweeps, so
// forgetting runs often), and that the assignments name stable IDs: a
// story's ID is never reused for another, and a restart replaying the
// assignments holds every story in the same thread.
func TestThreadInvariants(t *testing.T) {
	t.Parallel()
	const streams, articles = 16, 240
	for seed := range uint64(streams) {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			t.Parallel()
			stream := randomStream(rand.New(rand.NewPCG(seed, 17)), articles)
			cfg := DefaultConfig()
			cfg.MaxStories = 40 // forget by count too
			cfg.DFDocs = 120    // let articles leave the counts
			c := New(cfg)
			var as []Assignment
			first := map[int64]int64{} // story ID -> its first article
			for i, d := range stream {
				a := c.Add(d)
				as = append(as, a)
				if a.NewStory {
					if prev, ok := first[a.StoryID]; ok {
						t.Fatalf("article %d starts story %d, begun by article %d", d.ID, a.StoryID, prev)
					}
					first[a.StoryID] = d.ID
				} else if _, ok := first[a.StoryID]; !ok {
					t.Fatalf("article %d joins story %d, never begun", d.ID, a.StoryID)
				}
				if i%10 == 9 {
					c.sweep()
				}
				checkThreads(t, c)
			}
			r := New(cfg)
			for i, d := range stream {
				r.Restore(d, as[i])
				if i%10 == 9 {
					r.sweep()
				}
			}
			checkThreads(t, r)
			for id := range first {
				if got, want := r.ThreadOf(id), c.ThreadOf(id); got != want {
					t.Errorf("story %d: ThreadOf = %d after restart, want %d", id, got, want)
				}
			}
			if diff := cmp.Diff(c.Stats(), r.Stats()); diff != "" {
				t.Errorf("state after restart differs (-want +got):\n%s", diff)
			}
		})
	}
}
