// Package clustereval implements "newsdesk eval cluster": it replays a
// labelled set of articles through the clusterer the server uses, in date
// order and without look-ahead, and scores the stories it forms.
//
// Modes:
//
//	newsdesk eval cluster --data FILE.jsonl [--json] [--baseline]
//	newsdesk eval cluster --threads --data t17-dev-articles.jsonl [--json]
//	newsdesk eval cluster --scale N [--json]
//	newsdesk eval cluster --demo [--json]
//
// The first scores stories (BCubed, pairwise F1, ARI); --baseline also runs a
// plain TF-IDF single-pass clusterer on the same stream. --threads scores
// thread linking on Timeline17 (threads per topic, threads mixing topics).
// --scale replays N generated articles and prints the cost per article
// against the number seen. --demo shows cross-lingual grouping on the demo
// corpus, without a translator and with the glossary one.
//
// The flags marked "experiment:" override one field of
// cluster.DefaultConfig each, for sweeps (docs/clustering.md); every
// reported figure uses the defaults.
package clustereval

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"hash/fnv"
	"io"
	"log/slog"
	"os"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/newsdesk/newsdesk/internal/cluster"
	"github.com/newsdesk/newsdesk/internal/eval"
	"github.com/newsdesk/newsdesk/internal/text"
)

// Article is one line of a clustering data file.
type Article struct {
	ID     string          `json:"id"`
	Story  json.RawMessage `json:"story"`
	Date   *string         `json:"date"`
	Title  string          `json:"title"`
	Text   string          `json:"text"`
	URL    string          `json:"url"`
	Lang   string          `json:"lang"`
	Source string          `json:"source"`
	// Timeline17 files carry a topic instead of a story.
	Topic string `json:"topic"`
	DocID string `json:"doc_id"`
}

// Label is the gold story (or topic) as a string.
func (a Article) Label() string {
	if len(a.Story) > 0 {
		var s string
		if json.Unmarshal(a.Story, &s) == nil {
			return s
		}
		return string(a.Story)
	}
	return a.Topic
}

// Half keeps the articles of the stories whose number is even or odd
// (half "even" or "odd"), in file order: two halves of a set that share no
// story, one to choose a setting on and one to check it on. A label
// "N_name" (ECB+: "1_ecb" and "1_ecbplus" are two events of topic 1)
// counts by its topic number N, so that the two look-alike events of a
// topic, which a setting must tell apart, stay in one half. A label that
// is no number is halved by its hash.
func Half(arts []Article, half string) ([]Article, error) {
	if half != "even" && half != "odd" {
		return nil, fmt.Errorf("half %q: want even or odd", half)
	}
	var out []Article
	for _, a := range arts {
		label, _, _ := strings.Cut(a.Label(), "_")
		n, err := strconv.ParseInt(label, 10, 64)
		if err != nil {
			// A story named by a string (BASIL's UUIDs) has no number
			// to take the parity of: its name's FNV-1a hash stands in,
			// which is as stable from run to run and splits the names
			// about evenly.
			h := fnv.New32a()
			h.Write([]byte(label))
			n = int64(h.Sum32())
		}
		if (n%2 == 0) == (half == "even") {
			out = append(out, a)
		}
	}
	return out, nil
}

// KeepLabels keeps the articles whose label (story, or topic) is one of
// labels, in file order.
func KeepLabels(arts []Article, labels []string) []Article {
	var out []Article
	for _, a := range arts {
		if slices.Contains(labels, a.Label()) {
			out = append(out, a)
		}
	}
	return out
}

// Run parses args (the words after "eval cluster") and prints the evaluation.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("eval cluster", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", "", "JSONL file of labelled articles")
	asJSON := fs.Bool("json", false, "print one JSON object")
	baseline := fs.Bool("baseline", false, "also run the plain TF-IDF single-pass baseline")
	threads := fs.Bool("threads", false, "score thread linking (Timeline17 file: labels are topics)")
	monthFirst := fs.Bool("month-first", false, "read a date that gives a month but no day (\"2005/11/\") as the 1st of the month, as before round 11 of issue 4 (default: no day, the year as an address's)")
	half := fs.String("half", "", "keep only the stories numbered even or odd (even|odd): the halves settings are chosen and checked on")
	labels := fs.String("labels", "", "keep only the articles of these stories or topics (comma-separated labels): for sets with few labels, such as Timeline17's five topics")
	scale := fs.Int("scale", 0, "replay this many generated articles and print cost per article")
	demoMode := fs.Bool("demo", false, "cross-lingual check on the demo corpus, without and with the glossary translator")
	// Overrides for experiments; reported figures use the defaults.
	cfg := cluster.DefaultConfig()
	fs.Float64Var(&cfg.Threshold, "threshold", cfg.Threshold, "experiment: join threshold")
	fs.Float64Var(&cfg.ThreadThreshold, "thread-threshold", cfg.ThreadThreshold, "experiment: thread threshold")
	fs.Float64Var(&cfg.WordWeight, "w-words", cfg.WordWeight, "experiment: word weight")
	fs.Float64Var(&cfg.EntityWeight, "w-names", cfg.EntityWeight, "experiment: name weight")
	fs.Float64Var(&cfg.NumberWeight, "w-numbers", cfg.NumberWeight, "experiment: number weight")
	fs.Float64Var(&cfg.TitleWeight, "w-title", cfg.TitleWeight, "experiment: title weight")
	fs.Float64Var(&cfg.TimePenalty, "time-penalty", cfg.TimePenalty, "experiment: time penalty")
	fs.DurationVar(&cfg.Window, "window", cfg.Window, "experiment: join window")
	fs.DurationVar(&cfg.ThreadWindow, "thread-window", cfg.ThreadWindow, "experiment: thread window")
	fs.IntVar(&cfg.ThreadNames, "thread-names", cfg.ThreadNames, "experiment: names belonging to the thread that a link needs")
	fs.Float64Var(&cfg.ThreadSpecific, "thread-specific", cfg.ThreadSpecific, "experiment: most recent articles, per thread article, naming a name that belongs to the thread")
	fs.Float64Var(&cfg.ThreadMerge, "thread-merge", cfg.ThreadMerge, "experiment: least thread score for a story to merge its thread with another it continues (0: off)")
	fs.IntVar(&cfg.ThreadTopicNames, "thread-topic-names", cfg.ThreadTopicNames, "experiment: topic names of a thread a new story must carry to continue it (0: off)")
	fs.Float64Var(&cfg.ThreadTopicScore, "thread-topic-score", cfg.ThreadTopicScore, "experiment: least thread score for a link by topic names")
	fs.IntVar(&cfg.ThreadTopicMin, "thread-topic-min", cfg.ThreadTopicMin, "experiment: least recent articles of the thread carrying a topic name")
	fs.Float64Var(&cfg.ThreadTopicShare, "thread-topic-share", cfg.ThreadTopicShare, "experiment: least share of the recent articles carrying a topic name that are in the thread")
	fs.IntVar(&cfg.ThreadVotes, "thread-votes", cfg.ThreadVotes, "experiment: candidate stories in one thread that let a new story continue it (0: off)")
	fs.Float64Var(&cfg.ThreadVoteScore, "thread-vote-score", cfg.ThreadVoteScore, "experiment: least thread score for a link by votes")
	fs.IntVar(&cfg.ThreadWeakLinks, "thread-weak-links", cfg.ThreadWeakLinks, "experiment: threads a new story must weakly link to, name check passed, to continue the best (0: off)")
	fs.Float64Var(&cfg.ThreadWeakScore, "thread-weak-score", cfg.ThreadWeakScore, "experiment: least thread score of a weak link")
	fs.IntVar(&cfg.ThreadLeadNames, "thread-lead-names", cfg.ThreadLeadNames, "experiment: shared thread names a story's headlines and leads must give to link or merge by its centroids (0: off)")
	fs.IntVar(&cfg.ThreadSideNames, "thread-side-names", cfg.ThreadSideNames, "experiment: shared thread names the thread must give in a lead or in half its articles for a story to link or merge by its centroids (0: off)")
	fs.IntVar(&cfg.ThreadMergeTopics, "thread-merge-topics", cfg.ThreadMergeTopics, "experiment: topic names each of two threads must hold that the other lacks for a merge between them to be refused (0: off)")
	fs.IntVar(&cfg.DevelopSources, "develop-sources", cfg.DevelopSources, "experiment: outlets a story must have for a report after a pause that leads with a new event to start a new story in its thread (0: off)")
	fs.DurationVar(&cfg.DevelopPause, "develop-pause", cfg.DevelopPause, "experiment: least pause since a story's last article before a report can be a new development of it")
	fs.BoolVar(&cfg.PlaceThreads, "place-threads", cfg.PlaceThreads, "experiment: keep a report place-ratio held apart from a story out of that story's thread when it starts a story (false: off)")
	fs.Float64Var(&cfg.PlaceRatio, "place-ratio", cfg.PlaceRatio, "experiment: how many times more a report must agree with a story of few outlets in names than in words, its headline sharing only common names, to be kept apart as another event of the place (0: off)")
	fs.IntVar(&cfg.DevelopWords, "develop-words", cfg.DevelopWords, "experiment: headline words none of the story's headlines gives that a new development needs")
	fs.Float64Var(&cfg.ThreadNameWeight, "thread-w-names", cfg.ThreadNameWeight, "experiment: weight of names in the thread score")
	fs.IntVar(&cfg.IndexKeys, "index-keys", cfg.IndexKeys, "experiment: index keys")
	fs.IntVar(&cfg.Candidates, "candidates", cfg.Candidates, "experiment: candidates")
	fs.DurationVar(&cfg.UnknownGap, "unknown-gap", cfg.UnknownGap, "experiment: gap assumed without a time")
	fs.IntVar(&cfg.UndatedKeep, "undated-keep", cfg.UndatedKeep, "experiment: articles a story past the thread window stays held while undated articles arrive (0: forgotten by time alone)")
	fs.Float64Var(&cfg.NamesOnlyWeight, "names-only-weight", cfg.NamesOnlyWeight, "experiment: weight of the names in an undated article's score against a dated story past the join window (0: the names' weight)")
	fs.IntVar(&cfg.UndatedHold, "undated-hold", cfg.UndatedHold, "experiment: articles after its last change that a story without times can still take one (0: held open)")
	fs.IntVar(&cfg.MaxPosting, "max-posting", cfg.MaxPosting, "experiment: longest posting list used")
	fs.IntVar(&cfg.CentroidTerms, "centroid-terms", cfg.CentroidTerms, "experiment: centroid size")
	fs.Float64Var(&cfg.GapRelief, "gap-relief", cfg.GapRelief, "experiment: time-penalty relief by name cosine")
	fs.Float64Var(&cfg.FurnitureTitle, "furniture-title", cfg.FurnitureTitle, "experiment: least share of title words in a copied body")
	fs.IntVar(&cfg.FurnitureWords, "furniture-words", cfg.FurnitureWords, "experiment: longest body taken for page furniture")
	fs.IntVar(&cfg.ThinWords, "thin-words", cfg.ThinWords, "experiment: longest body that copies nothing taken for furniture when it strays from its title (0: off)")
	fs.Float64Var(&cfg.TitleThreshold, "title-threshold", cfg.TitleThreshold, "experiment: join threshold when the article or every article of the story is read from its title alone (0: the join threshold)")
	fs.Float64Var(&cfg.YearConflict, "year-conflict", cfg.YearConflict, "experiment: score discount for articles of another year when one side is undated")
	fs.Float64Var(&cfg.AnchorThreshold, "anchor-threshold", cfg.AnchorThreshold, "experiment: join threshold for a story sharing an address or a named person's age with the article (0: off)")
	fs.Float64Var(&cfg.StreetConflict, "street-conflict", cfg.StreetConflict, "experiment: score discount when article and story give addresses on different streets")
	fs.Float64Var(&cfg.AgeThreshold, "age-threshold", cfg.AgeThreshold, "experiment: join threshold for the best story when it gives an age the article gives (0: off)")
	fs.Float64Var(&cfg.AgeConflict, "age-conflict", cfg.AgeConflict, "experiment: score discount when the article's and the story's headlines give ages neither side shares (0: off)")
	fs.Float64Var(&cfg.CountConflict, "count-conflict", cfg.CountConflict, "experiment: score discount when the article's and the story's headlines count victims and share no count (0: off)")
	fs.Float64Var(&cfg.NameConflict, "name-conflict", cfg.NameConflict, "experiment: score discount when one side is undated and the article's and the story's leads name different events (0: off)")
	fs.Float64Var(&cfg.WrittenYearConflict, "written-year-conflict", cfg.WrittenYearConflict, "experiment: score discount when an undated article's full date gives a year an undated story's texts never write (0: off)")
	fs.Float64Var(&cfg.YearlessSeveral, "yearless-several", cfg.YearlessSeveral, "experiment: the yearless discount instead when at least two of the story's reports give no year (0: yearless-conflict for every story)")
	fs.Float64Var(&cfg.OfficeConflict, "office-conflict", cfg.OfficeConflict, "experiment: discount when the article and the story name one post (\"Interior Secretary\") held by people sharing no name (0: off)")
	fs.Float64Var(&cfg.LeadNameConflict, "lead-name-conflict", cfg.LeadNameConflict, "experiment: discount when one side is undated and a name of the story's first headline is missing from the article's lead (0: off)")
	fs.DurationVar(&cfg.DatelineWindow, "dateline-window", cfg.DatelineWindow, "experiment: no year conflict for an undated article whose text's full date is within this of a dated story (0: off)")
	fs.BoolVar(&cfg.HeadNameEvery, "head-name-every", cfg.HeadNameEvery, "experiment: the story's-headline way of the head-name discount only when the article names none of its names (false: any one missing)")
	fs.BoolVar(&cfg.YearRivalConflict, "year-rival-conflict", cfg.YearRivalConflict, "experiment: the year-rival discount also for a story of another year when the rival scores the threshold (false: off)")
	fs.BoolVar(&cfg.NameConflictYear, "name-conflict-year", cfg.NameConflictYear, "experiment: no name conflict between a dated article and an undated story whose datelines give its year (false: off)")
	fs.Float64Var(&cfg.YearAdjacent, "year-adjacent", cfg.YearAdjacent, "experiment: share taken off the year-conflict discount when the story has a year one off the article's (0: off)")
	fs.Float64Var(&cfg.YearlessConflict, "yearless-conflict", cfg.YearlessConflict, "experiment: score discount when the article's year is known and the story gives no year at all (0: off)")
	fs.Float64Var(&cfg.YearRival, "year-rival", cfg.YearRival, "experiment: further score discount of a story giving no year when another candidate confirms the undated article's year (0: off)")
	fs.Float64Var(&cfg.YearRivalScore, "year-rival-score", cfg.YearRivalScore, "experiment: least score of the confirming story, as a share of the threshold")
	fs.BoolVar(&cfg.WrittenYearDated, "written-year-dated", cfg.WrittenYearDated, "experiment: the written-year discount for dated articles too (false: off)")
	fs.BoolVar(&cfg.PersonAges, "person-ages", cfg.PersonAges, "experiment: leave ages of things (\"a 41-year-old murder case\") out of the age rules (false: off)")
	fs.Float64Var(&cfg.HeadNameConflict, "head-name-conflict", cfg.HeadNameConflict, "experiment: score discount when one side is undated and the article's headline names a two-word name the story never names (0: off)")
	fs.Float64Var(&cfg.FigureConflict, "figure-conflict", cfg.FigureConflict, "experiment: score discount when the article's and the story's headlines and leads give a game score or a quake magnitude and share none (0: off)")
	fs.IntVar(&cfg.MagnitudeSlack, "magnitude-slack", cfg.MagnitudeSlack, "experiment: tenths two quake magnitudes may differ by and still agree for figure-conflict")
	fs.IntVar(&cfg.AmountSlack, "amount-slack", cfg.AmountSlack, "experiment: tenths of a decade two amounts of money may differ by and still agree for figure-conflict")
	fs.IntVar(&cfg.HeadlineWords, "headline-words", cfg.HeadlineWords, "experiment: most words of a title read as a headline for head-name-conflict (0: none)")
	fs.Float64Var(&cfg.NameConflictShare, "name-conflict-share", cfg.NameConflictShare, "experiment: least share of each side's lead names missing from the other for a name conflict")
	fs.IntVar(&cfg.StreetMentions, "street-mentions", cfg.StreetMentions, "experiment: street names a story keeps from its text for the street discount (0: addresses only)")
	fs.Float64Var(&cfg.TollThreshold, "toll-threshold", cfg.TollThreshold, "experiment: join threshold for the best story when it gives the article's toll of three or more (0: off)")
	fs.DurationVar(&cfg.ArchiveWindow, "archive-window", cfg.ArchiveWindow, "experiment: how long past its last article a story can take a late follow-up by names (0: off)")
	fs.IntVar(&cfg.ArchiveMixedNames, "archive-mixed-names", cfg.ArchiveMixedNames, "experiment: two-word names a late follow-up must share when its rare names belong to more than one story (0: archive-names)")
	fs.IntVar(&cfg.ArchiveNames, "archive-names", cfg.ArchiveNames, "experiment: two-word names a late follow-up must share with the story")
	fs.IntVar(&cfg.ArchiveRare, "archive-rare", cfg.ArchiveRare, "experiment: most recent articles besides the story's own carrying a shared name")
	fs.IntVar(&cfg.ArchiveWholeNames, "archive-whole-names", cfg.ArchiveWholeNames, "experiment: whole names (two-word names sharing a word count once) the shared two-word names must make up (0: off)")
	fs.Float64Var(&cfg.ArchiveCase, "archive-case", cfg.ArchiveCase, "experiment: most recent articles using a shared name's word, per article writing it as a name (0: off)")
	fs.IntVar(&cfg.ArchiveCore, "archive-core", cfg.ArchiveCore, "experiment: shared rare names, each carried by half the story's articles, that let a late follow-up rejoin with fewer than archive-names (0: off)")
	fs.IntVar(&cfg.ArchiveCoreArticles, "archive-core-articles", cfg.ArchiveCoreArticles, "experiment: least articles of a story for archive-core")
	fs.IntVar(&cfg.ArchiveCoreShare, "archive-core-share", cfg.ArchiveCoreShare, "experiment: a core name's other carriers times this at most the story's carriers (0: any)")
	bthr := fs.Float64("baseline-threshold", DefaultBaselineThreshold, "baseline cosine threshold")
	if err := eval.ParseFlags(fs, args); err != nil {
		return err
	}
	if err := cfg.Validate(); err != nil {
		return fmt.Errorf("eval cluster: %w", err)
	}
	if *demoMode {
		return runDemo(ctx, cfg, *asJSON, stdout, slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))
	}
	if *scale > 0 {
		return runScale(ctx, cfg, *scale, *asJSON, stdout)
	}
	if *data == "" {
		return errors.New("eval cluster: --data FILE.jsonl is required")
	}
	arts, err := Load(*data)
	if err != nil {
		return err
	}
	if *half != "" {
		if arts, err = Half(arts, *half); err != nil {
			return fmt.Errorf("eval cluster: %w", err)
		}
	}
	if *labels != "" {
		arts = KeepLabels(arts, strings.Split(*labels, ","))
	}
	ordered := order(arts, *monthFirst)
	if *threads {
		return runThreads(ctx, cfg, ordered, *asJSON, stdout)
	}
	res, err := Evaluate(ctx, cfg, ordered)
	if err != nil {
		return err
	}
	out := map[string]any{"data": *data, "articles": len(ordered)}
	putScores(out, "", res.Scores)
	out["articles_per_second"] = res.PerSecond
	out["peak_heap_mb"] = res.PeakHeapMB
	out["duplicates"] = res.Duplicates
	var base Result
	if *baseline {
		base = Baseline(ordered, *bthr)
		putScores(out, "baseline_", base.Scores)
		out["baseline_articles_per_second"] = base.PerSecond
	}
	if *asJSON {
		return json.NewEncoder(stdout).Encode(out)
	}
	fmt.Fprintf(stdout, "data %s: %d articles, replayed in date order\n", *data, len(ordered))
	printRow := func(name string, r Result) {
		s := r.Scores
		fmt.Fprintf(stdout, "%-9s BCubed P %.4f R %.4f F1 %.4f | pairwise F1 %.4f | ARI %.4f | stories %d (gold %d) | %.0f articles/s\n",
			name, s.BCubedPrecision, s.BCubedRecall, s.BCubedF1, s.PairwiseF1, s.ARI, s.Stories, s.GoldStories, r.PerSecond)
	}
	printRow("newsdesk", res)
	if *baseline {
		printRow("baseline", base)
	}
	fmt.Fprintf(stdout, "copies detected %d; peak heap %.1f MB\n", res.Duplicates, res.PeakHeapMB)
	return nil
}

func putScores(m map[string]any, prefix string, s Scores) {
	m[prefix+"bcubed_precision"] = s.BCubedPrecision
	m[prefix+"bcubed_recall"] = s.BCubedRecall
	m[prefix+"bcubed_f1"] = s.BCubedF1
	m[prefix+"pairwise_f1"] = s.PairwiseF1
	m[prefix+"ari"] = s.ARI
	m[prefix+"stories"] = s.Stories
	m[prefix+"gold_stories"] = s.GoldStories
}

// Load reads a JSONL file of articles.
func Load(path string) ([]Article, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open cluster data: %w", err)
	}
	defer f.Close()
	var out []Article
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	line := 0
	for sc.Scan() {
		line++
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var a Article
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, line, err)
		}
		out = append(out, a)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return out, nil
}

// ParseDate reads the dates of the data files: "2013-05-02", "2013/05/02",
// "2013/may/03" (a month's name or its three letters, monthNumber),
// compact "20130502" and "2013/0502". It reports false for no date, for a
// year alone ("2013-bas", "2013/film", "2013/decision": ECB+'s dates are
// read from its pages' addresses) and for a month alone ("2005/11/"),
// which give no day to put the article at; DateYear reads their year.
// Read as the 1st, a month alone put a report of a quake on the 27th
// 26 days before it, past the join window.
func ParseDate(s string) (time.Time, bool) { return parseDate(s, false) }

// parseDate is ParseDate, reading a month alone as its 1st when
// monthFirst is set (the evaluation's reading before round 11 of issue 4,
// kept for comparison: --month-first).
func parseDate(s string, monthFirst bool) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC(), true
	}
	parts := dateParts(s)
	y := partsYear(parts)
	if y == 0 {
		return time.Time{}, false
	}
	m, d := 0, 1
	compact := false
	if len(parts) > 1 {
		if v, err := strconv.Atoi(parts[1]); err == nil && len(parts[1]) == 4 && len(parts) == 2 {
			m, d = v/100, v%100 // "2005/0726"
			compact = true
		} else if err == nil {
			m = v
		} else {
			m = monthNumber(parts[1])
		}
	}
	if len(parts) > 2 {
		if v, err := strconv.Atoi(parts[2]); err == nil {
			d = v
		}
	} else if len(parts) == 2 && m > 0 && !compact && !monthFirst {
		return time.Time{}, false
	}
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return time.Time{}, false
	}
	return time.Date(y, time.Month(m), d, 12, 0, 0, 0, time.UTC), true
}

// monthNumber is the month w names, 0 for any other word: text's month
// list (text.MonthNumber), so a whole name or its three letters ("may",
// "December", "Dec", "Sept") in any case, and a Spanish name too
// ("mayo"), which no data file's date has. A word that only starts like
// a month is none: "2013/decision" and "2013/market" are ECB+ addresses
// giving a year alone.
func monthNumber(w string) int {
	m, _ := text.MonthNumber(text.Key(w))
	return m
}

// DateYear is the year a data file's date gives, with or without a day
// (0 for none): "2013-bas" gives 2013, which an undated article's Doc.Year
// then carries.
func DateYear(s string) int { return partsYear(dateParts(strings.TrimSpace(s))) }

// partsYear is the year that the first of a date's parts (dateParts)
// gives, 1800 to 2200; 0 for none.
func partsYear(parts []string) int {
	if len(parts) == 0 {
		return 0
	}
	y, err := strconv.Atoi(parts[0])
	if err != nil || y < 1800 || y > 2200 {
		return 0
	}
	return y
}

// dateParts splits a data file's date at its separators, and a compact
// "20130502" into year, month and day.
func dateParts(s string) []string {
	if len(s) == 8 && strings.Trim(s, "0123456789") == "" {
		return []string{s[:4], s[4:6], s[6:]}
	}
	return strings.FieldsFunc(s, func(r rune) bool { return r == '-' || r == '/' || r == ' ' || r == 'T' })
}

// Dated is an article with its parsed time (zero if undated).
type Dated struct {
	Article
	Time time.Time
}

// Order puts articles in replay order: dated articles in date order (ties
// in file order), each undated article at its own place in the file. The
// places of dated articles in the file are refilled with the dated articles
// sorted by date, so neither group is reordered relative to the file more
// than the dates demand, and nothing later in time is seen early.
func Order(arts []Article) []Dated { return order(arts, false) }

// order is Order, reading a month alone as its 1st when monthFirst is
// set (see parseDate).
func order(arts []Article, monthFirst bool) []Dated {
	out := make([]Dated, len(arts))
	var slots []int
	var dated []Dated
	for i, a := range arts {
		var t time.Time
		if a.Date != nil {
			t, _ = parseDate(*a.Date, monthFirst)
		}
		out[i] = Dated{Article: a, Time: t}
		if !t.IsZero() {
			slots = append(slots, i)
			dated = append(dated, out[i])
		}
	}
	sort.SliceStable(dated, func(i, j int) bool { return dated[i].Time.Before(dated[j].Time) })
	for k, i := range slots {
		out[i] = dated[k]
	}
	return out
}

// Result is the outcome of one replay.
type Result struct {
	Scores
	Assignments []cluster.Assignment
	PerSecond   float64
	PeakHeapMB  float64
	Duplicates  int
}

// Docs converts replay-ordered articles to clusterer documents; IDs are
// positions in the replay, from 1.
func Docs(arts []Dated) []cluster.Doc {
	sources := map[string]int64{}
	docs := make([]cluster.Doc, len(arts))
	for i, a := range arts {
		src := sources[a.Source]
		if src == 0 && a.Source != "" {
			src = int64(len(sources) + 1)
			sources[a.Source] = src
		}
		year := cluster.URLYear(a.URL)
		if year == 0 && a.Time.IsZero() && a.Date != nil {
			// A date that gives its year alone dates the article's era.
			year = DateYear(*a.Date)
		}
		docs[i] = cluster.Doc{ID: int64(i + 1), Title: a.Title, Text: a.Text, Lang: a.Lang, Source: src, Time: a.Time, Year: year}
	}
	return docs
}

// Evaluate replays arts through a new clusterer and scores it.
func Evaluate(ctx context.Context, cfg cluster.Config, arts []Dated) (Result, error) {
	docs := Docs(arts)
	c := cluster.New(cfg)
	res := Result{Assignments: make([]cluster.Assignment, len(docs))}
	pred := make([]int64, len(docs))
	gold := make([]string, len(docs))
	var peak uint64
	var ms runtime.MemStats
	var elapsed time.Duration
	for i, d := range docs {
		if i%256 == 0 {
			if err := ctx.Err(); err != nil {
				return Result{}, fmt.Errorf("eval cluster: %w", err)
			}
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapAlloc)
		}
		start := time.Now()
		a := c.Add(d)
		elapsed += time.Since(start)
		res.Assignments[i] = a
		pred[i] = a.StoryID
		gold[i] = arts[i].Label()
		if a.DuplicateOf != 0 {
			res.Duplicates++
		}
	}
	runtime.ReadMemStats(&ms)
	peak = max(peak, ms.HeapAlloc)
	res.Scores = Score(pred, gold)
	if elapsed > 0 {
		res.PerSecond = float64(len(docs)) / elapsed.Seconds()
	}
	res.PeakHeapMB = float64(peak) / (1 << 20)
	return res, nil
}
