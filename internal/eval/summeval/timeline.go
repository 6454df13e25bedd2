package summeval

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"sort"
	"time"

	"github.com/newsdesk/newsdesk/internal/brief"
	"github.com/newsdesk/newsdesk/internal/eval"
	"github.com/newsdesk/newsdesk/internal/eval/rouge"
	"github.com/newsdesk/newsdesk/internal/news"
)

// T17Article is one line of Timeline17's articles file.
type T17Article struct {
	Topic string `json:"topic"`
	DocID string `json:"doc_id"`
	Date  string `json:"date"`
	Text  string `json:"text"`
}

// T17Timeline is one line of Timeline17's timelines file.
type T17Timeline struct {
	Topic   string `json:"topic"`
	Entries []struct {
		Date      string   `json:"date"`
		Sentences []string `json:"sentences"`
	} `json:"entries"`
}

// Timeline is a dated summary: sentences per day.
type Timeline map[time.Time][]string

// ReadT17Articles reads the articles file into news articles by topic, with
// IDs synthesised from the line number (1-based).
func ReadT17Articles(path string) (map[string][]news.Article, error) {
	out := map[string][]news.Article{}
	n := 0
	err := readJSONL(path, func(raw []byte) error {
		n++
		var a T17Article
		if err := json.Unmarshal(raw, &a); err != nil {
			return err
		}
		d, err := time.Parse("2006-01-02", a.Date)
		if err != nil {
			return fmt.Errorf("article %s: %w", a.DocID, err)
		}
		out[a.Topic] = append(out[a.Topic], news.Article{
			ID: int64(n), URL: "t17:" + a.DocID, Text: a.Text, PublishedAt: d, Lang: "en",
			Extraction: news.ExtractFull,
		})
		return nil
	})
	return out, err
}

// ReadT17Timelines reads the reference timelines by topic.
func ReadT17Timelines(path string) (map[string]Timeline, error) {
	out := map[string]Timeline{}
	err := readJSONL(path, func(raw []byte) error {
		var tl T17Timeline
		if err := json.Unmarshal(raw, &tl); err != nil {
			return err
		}
		if out[tl.Topic] == nil {
			out[tl.Topic] = Timeline{}
		}
		for _, e := range tl.Entries {
			d, err := time.Parse("2006-01-02", e.Date)
			if err != nil {
				return fmt.Errorf("topic %s: %w", tl.Topic, err)
			}
			out[tl.Topic][d] = append(out[tl.Topic][d], e.Sentences...)
		}
		return nil
	})
	return out, err
}

// readJSONL calls each with every non-empty line of the file at path.
func readJSONL(path string, each func([]byte) error) error {
	return eachLine(path, func(line int, b []byte) error {
		if len(b) == 0 {
			return nil
		}
		if err := each(b); err != nil {
			return fmt.Errorf("%s line %d: %w", path, line, err)
		}
		return nil
	})
}

// TimelineScore is the score of one predicted timeline.
type TimelineScore struct {
	Topic  string  `json:"topic,omitempty"`
	Dates  int     `json:"dates"`
	DateF1 float64 `json:"date_f1"`
	AR1    float64 `json:"ar1_f1"`
	AR2    float64 `json:"ar2_f1"`
}

// TimelineResult is the outcome of "eval timeline": the mean over topics
// and each topic's score.
type TimelineResult struct {
	TimelineScore
	Metric string          `json:"metric"`
	Topics []TimelineScore `json:"topics"`
}

// RunTimeline implements "newsdesk eval timeline".
func RunTimeline(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("eval timeline", flag.ContinueOnError)
	fs.SetOutput(stderr)
	artPath := fs.String("articles", "", "Timeline17 articles JSONL")
	tlPath := fs.String("timelines", "", "Timeline17 reference timelines JSONL")
	asJSON := fs.Bool("json", false, "print the result as JSON")
	if err := eval.ParseFlags(fs, args); err != nil {
		return err
	}
	if *artPath == "" || *tlPath == "" {
		return errors.New("eval timeline: --articles FILE and --timelines FILE are required")
	}
	arts, err := ReadT17Articles(*artPath)
	if err != nil {
		return fmt.Errorf("eval timeline: %w", err)
	}
	refs, err := ReadT17Timelines(*tlPath)
	if err != nil {
		return fmt.Errorf("eval timeline: %w", err)
	}
	res, err := EvalTimelines(ctx, arts, refs, brief.TimelineOptions{})
	if err != nil {
		return fmt.Errorf("eval timeline: %w", err)
	}
	if *asJSON {
		return writeJSON(stdout, res)
	}
	fmt.Fprintf(stdout, "Timeline17: %d topics; %s\n", len(res.Topics), res.Metric)
	fmt.Fprintf(stdout, "%-8s %6s %8s %8s %8s\n", "topic", "dates", "Date-F1", "AR1-F", "AR2-F")
	for _, t := range append(res.Topics, res.TimelineScore) {
		fmt.Fprintf(stdout, "%-8s %6d %8.4f %8.4f %8.4f\n", t.Topic, t.Dates, t.DateF1, t.AR1, t.AR2)
	}
	fmt.Fprintln(stdout, "published DATEWISE on all of Timeline17: Date-F1 0.544, AR1-F 0.120, AR2-F 0.035")
	return nil
}

// EvalTimelines builds each topic's timeline with brief.Timeline, as
// news-tls does: as many dates as the reference has, as many sentences per
// date as its mean (rounded), from the articles published within the
// reference's first and last date. Scores are averaged over topics.
func EvalTimelines(ctx context.Context, arts map[string][]news.Article, refs map[string]Timeline, base brief.TimelineOptions) (TimelineResult, error) {
	topics := make([]string, 0, len(refs))
	for t := range refs {
		topics = append(topics, t)
	}
	sort.Strings(topics)
	res := TimelineResult{Metric: "Date-F1; AR-N F1 = tilse align+ m:1 ROUGE-N (tokens [a-z0-9]+, stop words removed, no stemming)"}
	for _, topic := range topics {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		ref := refs[topic]
		dates := ref.dates()
		sents := 0
		for _, d := range dates {
			sents += len(ref[d])
		}
		opt := base
		opt.MaxDates = len(dates)
		opt.PerDate = max(1, int(math.Round(float64(sents)/float64(len(dates)))))
		var in []news.Article
		for _, a := range arts[topic] {
			if !a.PublishedAt.Before(dates[0]) && !a.PublishedAt.After(dates[len(dates)-1]) {
				in = append(in, a)
			}
		}
		pred := Timeline{}
		for _, it := range brief.Timeline(in, opt) {
			pred[*it.Date] = append(pred[*it.Date], it.Text)
		}
		s := ScoreTimeline(pred, ref)
		s.Topic = topic
		res.Topics = append(res.Topics, s)
	}
	for _, s := range res.Topics {
		n := float64(len(res.Topics))
		res.DateF1 += s.DateF1 / n
		res.AR1 += s.AR1 / n
		res.AR2 += s.AR2 / n
		res.Dates += s.Dates
	}
	res.Topic = "mean"
	return res, nil
}

func (t Timeline) dates() []time.Time {
	out := make([]time.Time, 0, len(t))
	for d := range t {
		out = append(out, d)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Before(out[j]) })
	return out
}

// ScoreTimeline scores a predicted timeline against a reference: Date-F1
// over the two sets of dates, and ROUGE-1 and ROUGE-2 F1 under tilse's
// "align+ m:1" (Martschat and Markert, 2017): each predicted date is
// matched to the reference date of least cost (date distance times content
// dissimilarity) for precision, each reference date likewise for recall,
// and matched n-gram counts are weighted by 1/(days apart + 1).
func ScoreTimeline(pred, ref Timeline) TimelineScore {
	pd, rd := pred.dates(), ref.dates()
	s := TimelineScore{Dates: len(pd)}
	common := 0
	for _, d := range pd {
		if _, ok := ref[d]; ok {
			common++
		}
	}
	s.DateF1 = prf(common, len(pd), len(rd)).F
	if len(pd) == 0 || len(rd) == 0 {
		return s
	}
	ptoks := make([][][]string, len(pd))
	for i, d := range pd {
		ptoks[i] = contentTokens(pred[d])
	}
	rtoks := make([][][]string, len(rd))
	for i, d := range rd {
		rtoks[i] = contentTokens(ref[d])
	}
	// The alignment depends on dates and words only, so it is found once
	// for both n-gram orders, from each date's words counted once.
	pbags, rbags := make([]bag, len(pd)), make([]bag, len(rd))
	for i, d := range pd {
		pbags[i] = bagOf(pred[d])
	}
	for j, d := range rd {
		rbags[j] = bagOf(ref[d])
	}
	cost := make([][]float64, len(pd))
	for i := range pd {
		cost[i] = make([]float64, len(rd))
		for j := range rd {
			cost[i][j] = (1 - 1/(daysApart(pd[i], rd[j])+1)) * (1 - approxRouge1(pbags[i], rbags[j]))
		}
	}
	toRef := make([]int, len(pd))  // each predicted date's reference date
	toPred := make([]int, len(rd)) // each reference date's predicted date
	for i := range pd {
		for j := range rd {
			if cost[i][j] < cost[i][toRef[i]] {
				toRef[i] = j
			}
		}
	}
	for j := range rd {
		for i := range pd {
			if cost[i][j] < cost[toPred[j]][j] {
				toPred[j] = i
			}
		}
	}
	for _, ar := range []struct {
		n   int
		out *float64
	}{{1, &s.AR1}, {2, &s.AR2}} {
		var pNum, pDen, rNum, rDen float64
		for i, j := range toRef {
			h, p, _ := ngramCounts(ptoks[i], rtoks[j], ar.n)
			pNum += h / (daysApart(pd[i], rd[j]) + 1)
			pDen += p
		}
		for j, i := range toPred {
			h, _, m := ngramCounts(ptoks[i], rtoks[j], ar.n)
			rNum += h / (daysApart(pd[i], rd[j]) + 1)
			rDen += m
		}
		var p, r float64
		if pDen > 0 {
			p = pNum / pDen
		}
		if rDen > 0 {
			r = rNum / rDen
		}
		if p+r > 0 {
			*ar.out = 2 * p * r / (p + r)
		}
	}
	return s
}

// daysApart is the distance between two dates in days.
func daysApart(a, b time.Time) float64 {
	return math.Abs(a.Sub(b).Hours() / 24)
}

// contentTokens tokenises each sentence and drops stop words, as tilse's
// ROUGE (ignore_stopwords) does.
func contentTokens(sents []string) [][]string {
	out := make([][]string, len(sents))
	for i, s := range sents {
		for _, t := range rouge.Tokens(s) {
			if !rougeStop[t] {
				out[i] = append(out[i], t)
			}
		}
	}
	return out
}

// ngramCounts returns the matched, predicted and reference n-gram counts of
// two summaries; n-grams do not cross sentences.
func ngramCounts(pred, ref [][]string, n int) (hit, p, m float64) {
	pc, rc := map[string]int{}, map[string]int{}
	for _, s := range pred {
		for g, c := range rouge.NGrams(s, n) {
			pc[g] += c
		}
	}
	for _, s := range ref {
		for g, c := range rouge.NGrams(s, n) {
			rc[g] += c
		}
	}
	for g, c := range pc {
		hit += float64(min(c, rc[g]))
		p += float64(c)
	}
	for _, c := range rc {
		m += float64(c)
	}
	return hit, p, m
}

// bag counts the tokens of one date's sentences, stop words kept.
type bag struct {
	counts map[string]int
	n      int
}

func bagOf(sents []string) bag {
	b := bag{counts: map[string]int{}}
	for _, s := range sents {
		for _, t := range rouge.Tokens(s) {
			b.counts[t]++
			b.n++
		}
	}
	return b
}

// approxRouge1 is tilse's cheap ROUGE-1 F1 (here on Tokens, stop words
// kept), used only to align dates.
func approxRouge1(pred, ref bag) float64 {
	match := 0
	for t, c := range pred.counts {
		match += min(c, ref.counts[t])
	}
	return prf(match, pred.n, ref.n).F
}
