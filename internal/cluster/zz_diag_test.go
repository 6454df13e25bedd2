package cluster

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"sort"
	"testing"
	"time"
)

func TestZZThreadDiag(t *testing.T) {
	if os.Getenv("ZZ") == "" {
		t.Skip()
	}
	f, _ := os.Open(os.Getenv("ZZ"))
	type art struct {
		Topic, Date, Text, Title string
		Story                    json.RawMessage
		t                        time.Time
	}
	var arts []art
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var a art
		json.Unmarshal(sc.Bytes(), &a)
		a.t, _ = time.Parse("2006-01-02", a.Date)
		if len(a.Story) > 0 {
			a.Topic = string(a.Story)
		}
		arts = append(arts, a)
	}
	sort.SliceStable(arts, func(i, j int) bool { return arts[i].t.Before(arts[j].t) })
	c := New(DefaultConfig())
	threadTopic := map[int64]map[string]int{}
	major := func(id int64) string {
		best, bn := "", 0
		for tp, n := range threadTopic[id] {
			if n > bn {
				best, bn = tp, n
			}
		}
		return best
	}
	var retrievalMiss, scoreMiss, linked, wrong, none int
	var missScores []float64
	variants := map[string][]float64{}
	for i, a := range arts {
		d := Doc{ID: int64(i + 1), Title: a.Title, Text: a.Text, Time: a.t}
		p := c.prepare(d)
		as := c.decide(d, &p)
		if as.NewStory {
			// Best same-topic thread over all threads.
			bestSame, bestOther := math.Inf(-1), math.Inf(-1)
			var bestSameID int64
			for id, th := range c.threads {
				s := c.threadScore(&p, th)
				if major(id) == a.Topic {
					if s > bestSame {
						bestSame, bestSameID = s, id
					}
				} else if s > bestOther {
					bestOther = s
				}
			}
			_ = bestOther
			for _, name := range []string{"cur", "names", "words", "rare2", "rare3"} {
				bs, bo := 0.0, 0.0
				for id, th := range c.threads {
					var sc float64
					switch name {
					case "cur":
						sc = c.threadScore(&p, th)
					case "names":
						sc = th.ents.cos(p.ents)
					case "words":
						sc = th.words.cos(p.words)
					case "rare2":
						sc = c.threadScore(&p, th)
						if c.sharedRare(p.ents, &th.ents, 0.02) < 2 {
							sc = 0
						}
					case "rare3":
						sc = c.threadScore(&p, th)
						if c.sharedRare(p.ents, &th.ents, 0.02) < 3 {
							sc = 0
						}
					}
					if major(id) == a.Topic {
						bs = max(bs, sc)
					} else {
						bo = max(bo, sc)
					}
				}
				variants[name+"s"] = append(variants[name+"s"], bs)
				variants[name+"o"] = append(variants[name+"o"], bo)
			}
			switch {
			case as.ThreadID != as.StoryID && major(as.ThreadID) == a.Topic:
				linked++
			case as.ThreadID != as.StoryID:
				wrong++
			case bestSame >= c.cfg.ThreadThreshold:
				retrievalMiss++
			case bestSameID != 0:
				scoreMiss++
				missScores = append(missScores, bestSame)
			default:
				none++
			}
		}
		c.apply(d, &p, as)
		th := c.stories[as.StoryID].thread
		if threadTopic[th] == nil {
			threadTopic[th] = map[string]int{}
		}
		threadTopic[th][a.Topic]++
	}
	sort.Float64s(missScores)
	for v, name := range []string{"cur", "names", "words", "rare2", "rare3"} {
		_ = v
		ss, oo := variants[name+"s"], variants[name+"o"]
		for _, T := range []float64{0.08, 0.1, 0.12, 0.15, 0.18, 0.22, 0.26, 0.3, 0.35, 0.4, 0.5} {
			good, bad := 0, 0
			for k := range ss {
				if ss[k] >= T && ss[k] >= oo[k] {
					good++
				} else if oo[k] >= T {
					bad++
				}
			}
			fmt.Printf("%-10s T=%.2f good %d bad %d\n", name, T, good, bad)
		}
	}
	fmt.Println("linked", linked, "wrong", wrong, "retrievalMiss", retrievalMiss, "scoreMiss", scoreMiss, "none", none)
	q := func(x float64) float64 { return missScores[int(x*float64(len(missScores)-1))] }
	fmt.Printf("miss scores q10 %.3f q25 %.3f q50 %.3f q75 %.3f q90 %.3f\n", q(.1), q(.25), q(.5), q(.75), q(.9))
}

func cover(v vector, th *centroid) float64 {
	var in, all float64
	for _, t := range v {
		all += t.w * t.w
		if th.weight(t.h) > 0 {
			in += t.w * t.w
		}
	}
	if all == 0 {
		return 0
	}
	return in / all
}

func (c *Clusterer) sharedRare(v vector, th *centroid, share float64) int {
	limit := share * float64(len(c.dfQueue))
	n := 0
	for _, t := range v {
		if float64(c.df[t.h]) <= limit && th.weight(t.h) > 0 {
			n++
		}
	}
	return n
}
