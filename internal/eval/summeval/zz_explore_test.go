package summeval

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/newsdesk/newsdesk/internal/brief"
)

func TestZZExplore(t *testing.T) {
	if os.Getenv("H5X") == "" {
		t.Skip()
	}
	cs, err := ReadNeuS("../../../../shared/data/summarize/neus", "train")
	if err != nil {
		t.Fatal(err)
	}
	var oracle, ml, ours rougeSum
	stat := map[string]int{}
	defer func() { fmt.Println(stat) }()
	var lo, ll, lm float64
	for _, c := range cs {
		ss := sentencesOf(c.Articles)
		// greedy oracle on R1+R2
		var took []sentence
		cur := ""
		total := 0
		for {
			best, bs := -1, -1.0
			base := RougeN(Tokens(cur), Tokens(c.Target), 1).F + RougeN(Tokens(cur), Tokens(c.Target), 2).F
			for i, s := range ss {
				if total > 0 && total+s.words > 65 {
					continue
				}
				cand := cur + " " + s.text
				sc := RougeN(Tokens(cand), Tokens(c.Target), 1).F + RougeN(Tokens(cand), Tokens(c.Target), 2).F
				if sc > bs && sc > base {
					best, bs = i, sc
				}
			}
			if best < 0 {
				break
			}
			took = append(took, ss[best])
			cur += " " + ss[best].text
			total += ss[best].words
			ss = append(ss[:best:best], ss[best+1:]...)
		}
		oracle.add(cur, c.Target)
		for _, s := range took {
			stat[fmt.Sprintf("doc%d pos%d", s.doc, min(s.pos, 3))]++
		}
		// multi lead: first sentence of each article
		var fl []sentence
		for _, s := range sentencesOf(c.Articles) {
			if s.pos == 0 {
				fl = append(fl, s)
			}
		}
		m := fill(fl, 65)
		ml.add(m, c.Target)
		var sb strings.Builder
		for _, it := range brief.Summarize(c.Articles, brief.SummaryOptions{}) {
			sb.WriteString(it.Text + " ")
		}
		ours.add(sb.String(), c.Target)
		lo += float64(len(Tokens(sb.String())))
		ll += float64(len(Tokens(Lead(c.Articles, 65))))
		lm += float64(len(Tokens(m)))
	}
	n := float64(len(cs))
	fmt.Println("oracle", oracle.mean(), "multilead", ml.mean(), "ours", ours.mean())
	fmt.Println("len ours", lo/n, "lead", ll/n, "ml", lm/n)
}

func TestZZShow(t *testing.T) {
	if os.Getenv("H5S") == "" {
		t.Skip()
	}
	cs, _ := ReadNeuS("../../../../shared/data/summarize/neus", "train")
	for _, c := range cs[100:106] {
		fmt.Println("TARGET:", c.Target)
		for _, it := range brief.Summarize(c.Articles, brief.SummaryOptions{}) {
			fmt.Println("  OURS:", it.Citations[0].ArticleID, it.Text)
		}
		fmt.Println("  LEAD:", Lead(c.Articles, 65))
		fmt.Println()
	}
}
