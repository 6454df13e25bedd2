package summeval

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"

	"github.com/newsdesk/newsdesk/internal/brief"
	"github.com/newsdesk/newsdesk/internal/eval"
	"github.com/newsdesk/newsdesk/internal/eval/neus"
	"github.com/newsdesk/newsdesk/internal/eval/rouge"
	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/text"
)

// SummarizeResult is the outcome of "eval summarize".
type SummarizeResult struct {
	Split     string           `json:"split"`
	Half      string           `json:"half,omitempty"` // "even" or "odd" with --half
	Docs      int              `json:"docs"`
	Words     int              `json:"words"`
	Stemming  bool             `json:"stemming"`
	Reference string           `json:"reference"`
	Rouge                      // ours, at the top level
	Baselines map[string]Rouge `json:"baselines"`
}

// Cluster is one NeuS example: the articles of a story and the editors'
// summary.
type Cluster = neus.Story

// ReadNeuS reads NAME.source and NAME.target from dir (see neus.Read).
func ReadNeuS(dir, split string) ([]Cluster, error) {
	return neus.Read(dir, split)
}

// RunSummarize implements "newsdesk eval summarize".
func RunSummarize(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("eval summarize", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dir := fs.String("data", "", "folder with NAME.source and NAME.target in the NeuS layout")
	split := fs.String("split", "val", "split NAME to read")
	asJSON := fs.Bool("json", false, "print the result as JSON")
	limit := fs.Int("limit", 0, "score only the first N stories (0: all; read after --half)")
	half := fs.String("half", "", "score only the stories whose index in the split is even (the 1st, 3rd, …) or odd (even|odd): settings are chosen on one half and checked on the other")
	var opt brief.SummaryOptions
	fs.IntVar(&opt.Words, "words", brief.DefaultSummaryWords, "length budget in words, for every system")
	fs.IntVar(&opt.Shortlist, "shortlist", 0, "how many of the best sentences the summariser chooses among (0: the trained model's)")
	fs.BoolVar(&opt.BackReferenceOpeners, "back-reference-openers", false, "let the summary open on a sentence that refers back (\"Most of the cases…\"), as before the rule")
	if err := eval.ParseFlags(fs, args); err != nil {
		return err
	}
	if *dir == "" {
		return errors.New("eval summarize: --data DIR is required")
	}
	if *half != "" && *half != "even" && *half != "odd" {
		return fmt.Errorf("eval summarize: --half %q: want even or odd", *half)
	}
	clusters, err := ReadNeuS(*dir, *split)
	if err != nil {
		return fmt.Errorf("eval summarize: %w", err)
	}
	if *half != "" {
		var kept []Cluster
		for i, c := range clusters {
			if inHalf(i, *half) {
				kept = append(kept, c)
			}
		}
		clusters = kept
	}
	if *limit > 0 && *limit < len(clusters) {
		clusters = clusters[:*limit]
	}
	res, err := Summarize(ctx, clusters, opt)
	if err != nil {
		return fmt.Errorf("eval summarize: %w", err)
	}
	res.Split, res.Half = *split, *half
	if *asJSON {
		return writeJSON(stdout, res)
	}
	name := res.Split
	if res.Half != "" {
		name += " (" + res.Half + " half)"
	}
	fmt.Fprintf(stdout, "NeuS %s: %d stories, budget %d words; ROUGE F1 (rouge-score tokens, no stemming; reference: the summary without its title)\n", name, res.Docs, res.Words)
	fmt.Fprintf(stdout, "%-10s %8s %8s %8s\n", "system", "ROUGE-1", "ROUGE-2", "ROUGE-L")
	row := func(name string, r Rouge) { fmt.Fprintf(stdout, "%-10s %8.4f %8.4f %8.4f\n", name, r.R1, r.R2, r.RL) }
	row("newsdesk", res.Rouge)
	row("lead", res.Baselines["lead"])
	row("lead-each", res.Baselines["lead-each"])
	row("textrank", res.Baselines["textrank"])
	return nil
}

// Summarize scores brief.Summarize and the LEAD and TextRank baselines on
// the clusters, all under the same word budget.
func Summarize(ctx context.Context, clusters []Cluster, opt brief.SummaryOptions) (SummarizeResult, error) {
	if opt.Words <= 0 {
		opt.Words = brief.DefaultSummaryWords
	}
	var ours, lead, each, tr rougeSum
	for _, c := range clusters {
		if err := ctx.Err(); err != nil {
			return SummarizeResult{}, err
		}
		var sb strings.Builder
		for _, it := range brief.Summarize(c.Articles, opt) {
			sb.WriteString(it.Text + " ")
		}
		ours.add(sb.String(), c.Target)
		lead.add(Lead(c.Articles, opt.Words), c.Target)
		each.add(LeadEach(c.Articles, opt.Words), c.Target)
		tr.add(TextRank(c.Articles, opt.Words), c.Target)
	}
	return SummarizeResult{
		Docs: len(clusters), Words: opt.Words, Reference: "target ARTICLE part",
		Rouge:     ours.mean(),
		Baselines: map[string]Rouge{"lead": lead.mean(), "lead-each": each.mean(), "textrank": tr.mean()},
	}, nil
}

// sentence is a baseline's candidate.
type sentence struct {
	doc, pos int
	text     string
	words    int
}

func sentencesOf(articles []news.Article) []sentence {
	var out []sentence
	for d, a := range articles {
		for i, sp := range text.Sentences(a.Text) {
			s := sp.Of(a.Text)
			out = append(out, sentence{doc: d, pos: i, text: s, words: len(text.Words(s))})
		}
	}
	return out
}

// fill takes sentences in the given order while they fit the budget (the
// first always does), then returns them in reading order.
func fill(cands []sentence, budget int) string {
	var took []sentence
	total := 0
	for _, s := range cands {
		if total >= budget {
			break
		}
		if s.words == 0 || total > 0 && total+s.words > budget {
			continue
		}
		took = append(took, s)
		total += s.words
	}
	sort.SliceStable(took, func(i, j int) bool {
		if took[i].doc != took[j].doc {
			return took[i].doc < took[j].doc
		}
		return took[i].pos < took[j].pos
	})
	parts := make([]string, len(took))
	for i, s := range took {
		parts[i] = s.text
	}
	return strings.Join(parts, " ")
}

// Lead is the LEAD baseline: the first sentences of the articles, in the
// order given, under the word budget.
func Lead(articles []news.Article, budget int) string {
	return fill(sentencesOf(articles), budget)
}

// LeadEach is LEAD across sources: the first sentence of every article,
// then the second of every article and so on, under the word budget.
func LeadEach(articles []news.Article, budget int) string {
	ss := sentencesOf(articles)
	sort.SliceStable(ss, func(i, j int) bool { return ss[i].pos < ss[j].pos })
	return fill(ss, budget)
}

// TextRank is the TextRank baseline (Mihalcea and Tarau, 2004): sentences
// of all the articles ranked by PageRank over their word-overlap
// similarity, taken best first under the word budget.
func TextRank(articles []news.Article, budget int) string {
	ss := sentencesOf(articles)
	n := len(ss)
	if n == 0 {
		return ""
	}
	bags := make([]map[string]bool, n)
	for i, s := range ss {
		bags[i] = map[string]bool{}
		for _, w := range rouge.Tokens(s.text) {
			bags[i][w] = true
		}
	}
	w := make([][]float64, n)
	out := make([]float64, n)
	for i := range w {
		w[i] = make([]float64, n)
	}
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			li, lj := len(bags[i]), len(bags[j])
			if li < 2 || lj < 2 {
				continue
			}
			common := 0
			for t := range bags[i] {
				if bags[j][t] {
					common++
				}
			}
			sim := float64(common) / (math.Log(float64(li)) + math.Log(float64(lj)))
			w[i][j], w[j][i] = sim, sim
			out[i] += sim
			out[j] += sim
		}
	}
	rank := make([]float64, n)
	for i := range rank {
		rank[i] = 1
	}
	const d = 0.85
	for iter := 0; iter < 50; iter++ {
		next := make([]float64, n)
		for i := 0; i < n; i++ {
			var s float64
			for j := 0; j < n; j++ {
				if w[j][i] > 0 {
					s += w[j][i] / out[j] * rank[j]
				}
			}
			next[i] = 1 - d + d*s
		}
		rank = next
	}
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return rank[idx[a]] > rank[idx[b]] })
	cands := make([]sentence, n)
	for i, k := range idx {
		cands[i] = ss[k]
	}
	return fill(cands, budget)
}
