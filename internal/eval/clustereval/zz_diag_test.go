package clustereval

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"testing"

	"github.com/newsdesk/newsdesk/internal/cluster"
)

func TestZZDiag(t *testing.T) {
	if os.Getenv("ZZ") == "" {
		t.Skip()
	}
	arts, _ := Load("../../../../shared/data/timeline/t17-dev-articles.jsonl")
	ord := Order(arts)
	cfg := cluster.DefaultConfig()
	if v := os.Getenv("TT"); v != "" {
		cfg.ThreadThreshold, _ = strconv.ParseFloat(v, 64)
	}
	res, _ := Evaluate(context.Background(), cfg, ord)
	fin := FinalThreads(res.Assignments)
	by := map[int64]map[string][]int{}
	for i, th := range fin {
		if by[th] == nil {
			by[th] = map[string][]int{}
		}
		by[th][ord[i].Label()] = append(by[th][ord[i].Label()], i)
	}
	for th, m := range by {
		if len(m) < 2 {
			continue
		}
		fmt.Println("THREAD", th)
		for tp, is := range m {
			for k, i := range is {
				if k > 4 {
					break
				}
				fmt.Printf("  %s story=%d %v %.80q\n", tp, res.Assignments[i].StoryID, ord[i].Time.Format("2006-01-02"), ord[i].Title+" | "+ord[i].Text)
			}
			fmt.Println("  ", tp, len(is))
		}
	}
}

func TestZZSizes(t *testing.T) {
	if os.Getenv("ZZ") == "" {
		t.Skip()
	}
	arts, _ := Load("../../../../shared/data/timeline/t17-dev-articles.jsonl")
	ord := Order(arts)
	cfg := cluster.DefaultConfig()
	if v := os.Getenv("TT"); v != "" {
		cfg.ThreadThreshold, _ = strconv.ParseFloat(v, 64)
	}
	res, _ := Evaluate(context.Background(), cfg, ord)
	fin := FinalThreads(res.Assignments)
	size := map[string]map[int64]int{}
	for i, th := range fin {
		tp := ord[i].Label()
		if size[tp] == nil {
			size[tp] = map[int64]int{}
		}
		size[tp][th]++
	}
	for tp, m := range size {
		var h [4]int
		for _, n := range m {
			switch {
			case n == 1:
				h[0]++
			case n < 5:
				h[1]++
			case n < 20:
				h[2]++
			default:
				h[3]++
			}
		}
		fmt.Println(tp, "1:", h[0], "2-4:", h[1], "5-19:", h[2], "20+:", h[3])
	}
	if os.Getenv("TOPIC") != "" {
		for i, th := range fin {
			if ord[i].Label() == os.Getenv("TOPIC") && size[ord[i].Label()][th] == 1 {
				fmt.Printf("  story=%d %v %.100q\n", res.Assignments[i].StoryID, ord[i].Time.Format("2006-01-02"), ord[i].Title+" | "+ord[i].Text)
			}
		}
	}
}
