package quoteeval

import (
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/text"
)

func TestZZExplore(t *testing.T) {
	split := os.Getenv("QX_SPLIT")
	if split == "" {
		split = "train"
	}
	docs, err := LoadDir(sharedDir(t, split))
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string][2]int{}
	var exs []string
	sentEnd := regexp.MustCompile(`[.?!]["”’]?\s+\S`)
	for _, d := range docs {
		segs := quotedSegments(d.Text)
		owner := make([]int, len(segs))
		for i, sg := range segs {
			owner[i] = -1
			for gi, g := range d.Quotes {
				for _, p := range g.Parts {
					if p.Start < sg.End && sg.Start < p.End {
						owner[i] = gi
					}
				}
			}
		}
		for i := 1; i < len(segs); i++ {
			a, b := segs[i-1], segs[i]
			if owner[i-1] < 0 || owner[i] < 0 {
				continue
			}
			if strings.Contains(d.Text[a.End:b.Start], "\n") {
				continue
			}
			gap := d.Text[a.End:b.Start]
			kind := "insent"
			if sentEnd.MatchString(gap) {
				kind = "sentbreak"
				if strings.HasPrefix(strings.TrimLeft(gap, "\"”"), ",") {
					kind = "sentbreak-comma"
				}
			}
			j := 0
			if owner[i-1] == owner[i] {
				j = 1
			}
			c := counts[kind]
			c[j]++
			counts[kind] = c
			if kind != "" {
				exs = append(exs, fmt.Sprintf("%s %d %q | %q | %q", kind, j, tail(a.Of(d.Text)), gap, head(b.Of(d.Text))))
			}
		}
	}
	t.Logf("%v", counts)
	os.WriteFile("/tmp/qx/joins.txt", []byte(strings.Join(exs, "\n")), 0o644)
}

func tail(s string) string {
	if len(s) > 60 {
		return s[len(s)-60:]
	}
	return s
}
func head(s string) string {
	if len(s) > 60 {
		return s[:60]
	}
	return s
}

func TestZZPred(t *testing.T) {
	split := os.Getenv("QX_SPLIT")
	if split == "" {
		split = "train"
	}
	docs, err := LoadDir(sharedDir(t, split))
	if err != nil {
		t.Fatal(err)
	}
	var exs []string
	counts := map[string]int{}
	for _, d := range docs {
		preds := text.QuotesLang(d.Text, "en")
		ownerOf := func(sp news.Span) int {
			for gi, g := range d.Quotes {
				for _, p := range g.Parts {
					if p.Start < sp.End && sp.Start < p.End {
						return gi
					}
				}
			}
			return -1
		}
		// joins made by the prediction
		for _, p := range preds {
			for k := 1; k < len(p.Parts); k++ {
				a, b := p.Parts[k-1], p.Parts[k]
				oa, ob := ownerOf(a), ownerOf(b)
				if oa < 0 || ob < 0 {
					continue
				}
				same := strings.Contains(d.Text[a.End:b.Start], "\n")
				kind := "join-ok"
				if oa != ob {
					kind = "join-bad"
				}
				if same {
					kind += "-para"
				}
				counts[kind]++
				exs = append(exs, fmt.Sprintf("%s %q | %q | %q", kind, tail(a.Of(d.Text)), d.Text[a.End:b.Start], head(b.Of(d.Text))))
			}
		}
		for k := 1; k < len(preds); k++ {
			a, b := preds[k-1].Parts[len(preds[k-1].Parts)-1], preds[k].Parts[0]
			oa, ob := ownerOf(a), ownerOf(b)
			if oa < 0 || ob < 0 {
				continue
			}
			kind := "split-ok"
			if oa == ob {
				kind = "split-bad"
			}
			if strings.Contains(d.Text[a.End:b.Start], "\n") {
				kind += "-para"
			}
			counts[kind]++
			exs = append(exs, fmt.Sprintf("%s %q | %q | %q", kind, tail(a.Of(d.Text)), d.Text[a.End:b.Start], head(b.Of(d.Text))))
		}
	}
	t.Logf("%v", counts)
	os.WriteFile("/tmp/qx/pred.txt", []byte(strings.Join(exs, "\n")), 0o644)
}

func TestZZNoSpk(t *testing.T) {
	split := os.Getenv("QX_SPLIT")
	if split == "" {
		split = "train"
	}
	docs, err := LoadDir(sharedDir(t, split))
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	for _, d := range docs {
		for _, p := range text.QuotesLang(d.Text, "en") {
			best := 0
			for _, g := range d.Quotes {
				if sh := shared(g.Parts, p.Parts); float64(sh) >= MinOverlap*float64(max(total(g.Parts), total(p.Parts))) {
					best = 2
				} else if sh > 0 && best == 0 {
					best = 1
				}
			}
			k := "spk"
			if p.Speaker == "" {
				k = "nospk"
				if p.Mention.Len() > 0 {
					k = "nospk-mention"
				}
			}
			if titleish(p.Text) {
				k += "-title"
			}
			counts[fmt.Sprintf("%s %d", k, best)]++
		}
	}
	t.Logf("%v", counts)
}

func titleish(s string) bool {
	n, c := 0, 0
	for _, w := range strings.Fields(s) {
		n++
		if w[0] >= 'A' && w[0] <= 'Z' {
			c++
		}
	}
	return n > 0 && float64(c)/float64(n) >= 0.6
}

func TestZZBound(t *testing.T) {
	split := os.Getenv("QX_SPLIT")
	if split == "" {
		split = "train"
	}
	docs, err := LoadDir(sharedDir(t, split))
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	var exs []string
	for _, d := range docs {
		segs := quotedSegments(d.Text)
		segset := func(parts []news.Span) map[int]bool {
			m := map[int]bool{}
			for i, s := range segs {
				for _, p := range parts {
					if p.Start < s.End && s.Start < p.End {
						m[i] = true
					}
				}
			}
			return m
		}
		preds := text.QuotesLang(d.Text, "en")
		for _, g := range d.Quotes {
			bi, bs := -1, 0
			matched := false
			for pi, p := range preds {
				sh := shared(g.Parts, p.Parts)
				if float64(sh) >= MinOverlap*float64(max(total(g.Parts), total(p.Parts))) {
					matched = true
				}
				if sh > bs {
					bi, bs = pi, sh
				}
			}
			if matched || bi < 0 {
				continue
			}
			gs, ps := segset(g.Parts), segset(preds[bi].Parts)
			sub := func(a, b map[int]bool) bool {
				for k := range a {
					if !b[k] {
						return false
					}
				}
				return true
			}
			kind := "mixed"
			switch {
			case sub(gs, ps) && sub(ps, gs):
				kind = "same-segs"
			case sub(ps, gs):
				kind = "under-join"
			case sub(gs, ps):
				kind = "over-join"
			}
			counts[kind]++
			exs = append(exs, fmt.Sprintf("%s %s\n   gold %q\n   pred %q", kind, d.Name, joinParts(d.Text, g.Parts), preds[bi].Text))
		}
	}
	t.Logf("%v", counts)
	os.WriteFile("/tmp/qx/bound.txt", []byte(strings.Join(exs, "\n")), 0o644)
}
