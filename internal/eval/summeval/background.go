package summeval

import (
	"context"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/newsdesk/newsdesk/internal/brief"
	"github.com/newsdesk/newsdesk/internal/eval"
	"github.com/newsdesk/newsdesk/internal/eval/rouge"
	"github.com/newsdesk/newsdesk/internal/news"
)

// BackgroundTopics maps the background data set's events to the
// Timeline17 topics that hold their articles.
var BackgroundTopics = map[string]string{
	"financial_crisis":   "finan",
	"haitian_earthquake": "haiti",
	"iraq_war":           "iraq",
	"mj_death":           "mj",
	"swine_flu":          "h1n1",
}

// BackgroundDay is one date of an event with the backgrounds its
// annotators wrote for it.
type BackgroundDay struct {
	Date       time.Time
	References []string
}

// ReadBackgrounds reads dir/<event>/annotator*.tsv (Date, Update,
// Background) and returns the dates with at least one non-empty Background,
// in date order.
func ReadBackgrounds(dir string) ([]BackgroundDay, error) {
	files, err := filepath.Glob(filepath.Join(dir, "annotator*.tsv"))
	if err != nil || len(files) == 0 {
		return nil, fmt.Errorf("no annotator*.tsv in %s", dir)
	}
	byDate := map[time.Time][]string{}
	for _, path := range files {
		f, err := os.Open(path)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", path, err)
		}
		r := csv.NewReader(f)
		r.Comma = '\t'
		r.FieldsPerRecord = -1
		r.LazyQuotes = true
		rows, err := r.ReadAll()
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", path, err)
		}
		for _, row := range rows {
			if len(row) < 3 || strings.TrimSpace(row[2]) == "" {
				continue
			}
			d, err := time.Parse("2006-01-02", strings.Trim(strings.TrimSpace(row[0]), "[]"))
			if err != nil {
				continue // the header
			}
			byDate[d] = append(byDate[d], strings.TrimSpace(row[2]))
		}
	}
	out := make([]BackgroundDay, 0, len(byDate))
	for d, refs := range byDate {
		out = append(out, BackgroundDay{Date: d, References: refs})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Date.Before(out[j].Date) })
	return out, nil
}

// BackgroundScore is ROUGE of one system over a set of dates.
type BackgroundScore struct {
	Event string  `json:"event,omitempty"`
	Dates int     `json:"dates"`
	Words float64 `json:"mean_words"`
	// Empty is how many of the dates got no background at all.
	Empty int `json:"empty_dates"`
	Rouge
}

// BackgroundResult is the outcome of "eval background". The main score
// gives Background every earlier article of the gold topic; Server gives it
// what the server would (see serverInputs).
type BackgroundResult struct {
	BackgroundScore
	Baseline     BackgroundScore   `json:"baseline_latest"`
	Events       []BackgroundScore `json:"events"`
	Server       BackgroundScore   `json:"server_path"`
	ServerEvents []BackgroundScore `json:"server_path_events"`
}

// RunBackground implements "newsdesk eval background".
func RunBackground(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("eval background", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dataDir := fs.String("data", "../shared/data/background", "background data folder, one sub-folder per event")
	artPath := fs.String("articles", "../shared/data/timeline/t17-dev-articles.jsonl", "Timeline17 articles JSONL")
	asJSON := fs.Bool("json", false, "print the result as JSON")
	every := fs.Int("every", 1, "score every Nth date only, to run faster")
	half := fs.String("half", "", "score only the dates whose index within their event is even or odd (even|odd): settings are chosen on one half and checked on the other")
	if err := eval.ParseFlags(fs, args); err != nil {
		return err
	}
	if *half != "" && *half != "even" && *half != "odd" {
		return fmt.Errorf("eval background: --half %q: want even or odd", *half)
	}
	arts, err := ReadT17Articles(*artPath)
	if err != nil {
		return fmt.Errorf("eval background: %w", err)
	}
	res, err := EvalBackground(ctx, *dataDir, arts, max(*every, 1), *half)
	if err != nil {
		return fmt.Errorf("eval background: %w", err)
	}
	if *asJSON {
		return writeJSON(stdout, res)
	}
	fmt.Fprintln(stdout, "Background vs the annotators' Background texts: ROUGE F1 (rouge-score tokens, no stemming), mean over annotators, then dates")
	fmt.Fprintln(stdout, "gold topic: Background over every earlier article of the event's Timeline17 topic")
	fmt.Fprintln(stdout, "server path: Background over what the server gives it: the clusterer's story of the day (all topics replayed as one stream), its earlier articles and those of the stories Clusterer.Related returns (thread, then shared names)")
	fmt.Fprintf(stdout, "%-12s %-20s %6s %6s %6s %8s %8s %8s\n", "input", "event", "dates", "empty", "words", "ROUGE-1", "ROUGE-2", "ROUGE-L")
	row := func(input string, s BackgroundScore) {
		fmt.Fprintf(stdout, "%-12s %-20s %6d %6d %6.0f %8.4f %8.4f %8.4f\n", input, s.Event, s.Dates, s.Empty, s.Words, s.R1, s.R2, s.RL)
	}
	for _, s := range append(res.Events, res.BackgroundScore) {
		row("gold topic", s)
	}
	for _, s := range append(res.ServerEvents, res.Server) {
		row("server path", s)
	}
	row("", res.Baseline)
	return nil
}

// EvalBackground replays each event: for every annotated date, the story
// is the topic's articles published that day and the earlier articles are
// those published before it; brief.Background builds the section with the
// options Build uses (brief.DefaultBackground). The server path builds it
// again from the articles the server would give it (serverInputs); a date
// whose topic has no article that day has no server-path story and is
// scored as an empty background. The baseline "latest" takes the first sentence of the
// newest earlier article of each of the last brief.DefaultBackgroundDates
// days. Only every Nth date of an event is scored, and with half "even" or
// "odd" only the dates whose index within their event is even or odd.
func EvalBackground(ctx context.Context, dir string, arts map[string][]news.Article, every int, half string) (BackgroundResult, error) {
	return evalBackground(ctx, dir, arts, every, half, brief.DefaultBackground())
}

// inHalf reports whether the i-th date of an event, or the i-th story of
// a NeuS split, belongs to half ("" for every one).
func inHalf(i int, half string) bool {
	switch half {
	case "even":
		return i%2 == 0
	case "odd":
		return i%2 == 1
	}
	return true
}

func evalBackground(ctx context.Context, dir string, arts map[string][]news.Article, every int, half string, bo brief.TimelineOptions) (BackgroundResult, error) {
	events := make([]string, 0, len(BackgroundTopics))
	for e := range BackgroundTopics {
		events = append(events, e)
	}
	sort.Strings(events)
	var res BackgroundResult
	byEvent := map[string][]BackgroundDay{}
	var cps []checkpoint
	for _, ev := range events {
		if _, err := os.Stat(filepath.Join(dir, ev)); errors.Is(err, os.ErrNotExist) {
			continue // an event the data set does not hold
		}
		days, err := ReadBackgrounds(filepath.Join(dir, ev))
		if err != nil {
			return res, err
		}
		byEvent[ev] = days
		for i, day := range days {
			if i%every == 0 && inHalf(i, half) {
				cps = append(cps, checkpoint{BackgroundTopics[ev], day.Date})
			}
		}
	}
	server, err := serverInputs(ctx, arts, cps)
	if err != nil {
		return res, err
	}
	var all, base, srvAll rougeSum
	var allWords, baseWords, srvAllWords float64
	var allEmpty, srvAllEmpty int
	for _, ev := range events {
		days, ok := byEvent[ev]
		if !ok {
			continue
		}
		topic := arts[BackgroundTopics[ev]]
		var sum, srvSum rougeSum
		var words, srvWords float64
		var empty, srvEmpty int
		for i, day := range days {
			if i%every != 0 || !inHalf(i, half) {
				continue
			}
			if err := ctx.Err(); err != nil {
				return res, err
			}
			var earlier, today []news.Article
			for _, a := range topic {
				switch {
				case a.PublishedAt.Before(day.Date):
					earlier = append(earlier, a)
				case a.PublishedAt.Equal(day.Date):
					today = append(today, a)
				}
			}
			got := backgroundText(earlier, today, bo)
			si := server[checkpoint{BackgroundTopics[ev], day.Date}]
			srv := backgroundText(si.earlier, si.focus, bo)
			lat := latest(earlier, brief.DefaultBackgroundDates)
			if got == "" {
				empty++
			}
			if srv == "" {
				srvEmpty++
			}
			for _, ref := range day.References {
				wt := 1 / float64(len(day.References))
				sum.addWeighted(got, ref, wt)
				all.addWeighted(got, ref, wt)
				srvSum.addWeighted(srv, ref, wt)
				srvAll.addWeighted(srv, ref, wt)
				base.addWeighted(lat, ref, wt)
			}
			w := float64(len(rouge.Tokens(got)))
			words += w
			allWords += w
			w = float64(len(rouge.Tokens(srv)))
			srvWords += w
			srvAllWords += w
			baseWords += float64(len(rouge.Tokens(lat)))
		}
		res.Events = append(res.Events, scoreOf(ev, sum, words, empty))
		res.ServerEvents = append(res.ServerEvents, scoreOf(ev, srvSum, srvWords, srvEmpty))
		allEmpty += empty
		srvAllEmpty += srvEmpty
	}
	res.Server = scoreOf("all", srvAll, srvAllWords, srvAllEmpty)
	n := int(all.w + 0.5)
	res.BackgroundScore = BackgroundScore{Event: "all", Dates: n, Empty: allEmpty, Rouge: all.mean()}
	res.Baseline = BackgroundScore{Event: "baseline: latest", Dates: n, Rouge: base.mean()}
	if n > 0 {
		res.Words = allWords / float64(n)
		res.Baseline.Words = baseWords / float64(n)
	}
	return res, nil
}

// backgroundText is the background section for a story with focus
// articles, as text, one item a line.
func backgroundText(earlier, focus []news.Article, bo brief.TimelineOptions) string {
	bo.Focus = focus
	var sb strings.Builder
	for _, it := range brief.Background(earlier, bo) {
		sb.WriteString(it.Text + "\n")
	}
	return sb.String()
}

// scoreOf is the mean of sum over its dates, with the mean length and the
// dates left empty.
func scoreOf(event string, sum rougeSum, words float64, empty int) BackgroundScore {
	s := BackgroundScore{Event: event, Dates: int(sum.w + 0.5), Empty: empty, Rouge: sum.mean()}
	if s.Dates > 0 {
		s.Words = words / float64(s.Dates)
	}
	return s
}

// latest is the baseline: the first sentence of the newest article of each
// of the last n days before the story.
func latest(earlier []news.Article, n int) string {
	byDay := map[time.Time]news.Article{}
	for _, a := range earlier {
		d := a.PublishedAt
		if b, ok := byDay[d]; !ok || a.ID > b.ID {
			byDay[d] = a
		}
	}
	days := make([]time.Time, 0, len(byDay))
	for d := range byDay {
		days = append(days, d)
	}
	sort.Slice(days, func(i, j int) bool { return days[i].After(days[j]) })
	var parts []string
	for _, d := range days[:min(n, len(days))] {
		t := byDay[d].Text
		if i := strings.IndexByte(t, '\n'); i >= 0 {
			t = t[:i]
		}
		parts = append(parts, t)
	}
	return strings.Join(parts, "\n")
}
