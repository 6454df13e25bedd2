// Package extracteval implements "newsdesk eval extract": it scores
// newsdesk's article extractor, and optionally its Go peers side by side,
// on a labelled set of pages for text quality, metadata and speed.
package extracteval

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/newsdesk/newsdesk/internal/eval"
	"github.com/newsdesk/newsdesk/internal/extract"
)

// Config selects what Run evaluates.
type Config struct {
	Data    string // data set directory (required)
	JSON    bool   // print one JSON object instead of a table
	Compare bool   // run the peer extractors too
	Limit   int    // evaluate at most this many pages (0: all)
	Worst   int    // how many worst pages to list (default 10)
	Dump    string // if set, write each extraction to Dump/<system>/<id>.txt
	// Half keeps only the pages whose ID hashes to "even" or "odd" (see
	// InHalf), so rules can be developed on one half and confirmed on the
	// other; "" keeps every page.
	Half string
	// Misses lists up to this many pages whose title or date newsdesk got
	// wrong, with the truth beside the prediction.
	Misses int
	// StrictHeadings runs newsdesk with extract.Options.StrictHeadings,
	// to measure the section-heading rules it turns off.
	StrictHeadings bool
}

// Run parses args (the words after "eval extract") and prints the evaluation.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("eval extract", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var cfg Config
	fs.StringVar(&cfg.Data, "data", "", "data set directory (scrapinghub or wcxb layout)")
	fs.BoolVar(&cfg.JSON, "json", false, "print one JSON object")
	fs.BoolVar(&cfg.Compare, "compare", false, "also run go-trafilatura (plain and with fallback) and go-readability")
	fs.IntVar(&cfg.Limit, "limit", 0, "evaluate at most N pages (0: all)")
	fs.IntVar(&cfg.Worst, "worst", 10, "list the N worst pages by word F1")
	fs.StringVar(&cfg.Dump, "dump", "", "write each extraction to DIR/<system>/<id>.txt for inspection")
	fs.StringVar(&cfg.Half, "half", "", "evaluate only the pages whose ID hashes to even or odd")
	fs.IntVar(&cfg.Misses, "misses", 0, "list up to N pages whose title or date newsdesk missed")
	fs.BoolVar(&cfg.StrictHeadings, "strict-headings", false, "put back only the section headings round 11's rule did (extract.Options.StrictHeadings)")
	if err := eval.ParseFlags(fs, args); err != nil {
		return err
	}
	if cfg.Data == "" {
		return errors.New("eval extract: --data DIR is required")
	}
	if cfg.Half != "" && cfg.Half != "even" && cfg.Half != "odd" {
		return fmt.Errorf("eval extract: --half %q: want even or odd", cfg.Half)
	}
	rep, err := Evaluate(ctx, cfg)
	if err != nil {
		return err
	}
	if cfg.JSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	}
	return rep.print(stdout)
}

// Score is one system's figures over a set. Accuracies are nil when the
// truth never records the field.
type Score struct {
	Pages           int      `json:"pages"`
	WordF1          float64  `json:"word_f1"`
	WordPrecision   float64  `json:"word_precision"`
	WordRecall      float64  `json:"word_recall"`
	ShingleF1       *float64 `json:"shingle_f1,omitempty"`
	ShinglePrec     *float64 `json:"shingle_precision,omitempty"`
	ShingleRecall   *float64 `json:"shingle_recall,omitempty"`
	TitleAccuracy   *float64 `json:"title_accuracy"`
	DateAccuracy    *float64 `json:"date_accuracy"`
	DateAnyAccuracy *float64 `json:"date_published_or_modified_accuracy,omitempty"`
	BylineAccuracy  *float64 `json:"byline_accuracy"`
	// BylineExactAccuracy counts a byline only when its name set is the
	// truth's; BylineAccuracy also accepts the first name listed alone.
	BylineExactAccuracy *float64 `json:"byline_exact_accuracy"`
	TitleN              int      `json:"title_n"`
	DateN               int      `json:"date_n"`
	BylineN             int      `json:"byline_n"`
	PagesPerSecond      float64  `json:"pages_per_second"`
	PagesPerSecWall     float64  `json:"pages_per_second_wall"`
	MaxPageSeconds      float64  `json:"max_page_seconds"`
	MaxPageWall         float64  `json:"max_page_seconds_wall"`
	SlowestPage         string   `json:"slowest_page"`
	PagesOver1s         int      `json:"pages_over_1s"`
	// PeakHeapMB is the highest heap in use after a call less BaseHeapMB,
	// the heap in use before the first: see runSystems.
	PeakHeapMB float64 `json:"peak_heap_over_base_mb"`
	BaseHeapMB float64 `json:"base_heap_mb"`
	// MaxCallAllocMB is the most one call allocated: an upper bound on the
	// heap one extraction needs beyond its page, whatever the collector
	// did meanwhile.
	MaxCallAllocMB float64 `json:"max_call_alloc_mb"`
	AllocMBPerPage float64 `json:"alloc_mb_per_page"`
	Errors         int     `json:"errors"`
	Panics         int     `json:"panics"`
	Worst          []Worst `json:"worst"`
	perPage        []PRF
	errorsByPage   map[string]string
}

// Worst is a low-scoring page.
type Worst struct {
	ID        string  `json:"id"`
	URL       string  `json:"url"`
	F1        float64 `json:"f1"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	Error     string  `json:"error,omitempty"`
}

// Report is the whole evaluation.
type Report struct {
	Set       string `json:"set"`
	Half      string `json:"half,omitempty"`
	Layout    Layout `json:"layout"`
	Pages     int    `json:"pages"`
	GoVersion string `json:"go_version"`
	Score
	Peers     map[string]*Score  `json:"peers,omitempty"`
	Ratios    map[string]float64 `json:"speed_ratio_vs,omitempty"`
	PeakRSSMB float64            `json:"peak_rss_mb"`
	peerOrder []string
	misses    []string
}

// InHalf reports whether a page ID falls in half ("even" or "odd"): the
// parity of the ID's FNV-1a hash, which splits a set independently of its
// order and of the sites in it.
func InHalf(id, half string) bool {
	h := fnv.New32a()
	h.Write([]byte(id))
	even := h.Sum32()%2 == 0
	return even == (half == "even")
}

// metaMisses describes up to n pages whose title or date newsdesk missed.
func metaMisses(pages []Page, res []result, n int) []string {
	var out []string
	for i, p := range pages {
		if len(out) >= n {
			break
		}
		o := res[i].out
		if p.Title != "" && !titleMatch(p.Title, o.Title) {
			out = append(out, fmt.Sprintf("%s title  truth %q\n              got   %q", p.ID, p.Title, o.Title))
		}
		if _, ok := parseTruthDate(p.Published); ok && !dateMatch(p.Published, o.Published) {
			out = append(out, fmt.Sprintf("%s date   truth %s got %s (modified %s)", p.ID, p.Published, fmtTime(o.Published), fmtTime(o.Modified)))
		}
	}
	return out
}

func fmtTime(t time.Time) string {
	if t.IsZero() {
		return "none"
	}
	return t.Format(time.RFC3339)
}

// Evaluate runs newsdesk's extractor (and, with Compare, its peers) over the
// set. Extraction runs on one core (GOMAXPROCS=1) so pages per second is a
// single-core figure; scoring happens afterwards and is not timed.
func Evaluate(ctx context.Context, cfg Config) (*Report, error) {
	if cfg.Worst == 0 {
		cfg.Worst = 10
	}
	layout, pages, err := Load(cfg.Data, 0)
	if err != nil {
		return nil, fmt.Errorf("eval extract: %w", err)
	}
	if cfg.Half != "" {
		kept := pages[:0]
		for _, p := range pages {
			if InHalf(p.ID, cfg.Half) {
				kept = append(kept, p)
			}
		}
		pages = kept
	}
	if cfg.Limit > 0 && len(pages) > cfg.Limit {
		pages = pages[:cfg.Limit]
	}
	if len(pages) == 0 {
		return nil, fmt.Errorf("eval extract: %s: no pages in the selection", cfg.Data)
	}
	rep := &Report{Set: filepath.Base(filepath.Clean(cfg.Data)), Half: cfg.Half, Layout: layout, Pages: len(pages), GoVersion: runtime.Version()}
	systems := []System{Ours(extract.Options{StrictHeadings: cfg.StrictHeadings})}
	if cfg.Compare {
		systems = append(systems, Peers()...)
		rep.Peers = map[string]*Score{}
		rep.Ratios = map[string]float64{}
	}
	outs, timings, err := runSystems(ctx, systems, pages)
	if err != nil {
		return nil, err
	}
	for i, sys := range systems {
		outs, timing := outs[i], timings[i]
		sc := score(layout, pages, outs, timing, cfg.Worst)
		if cfg.Dump != "" {
			if err := dump(filepath.Join(cfg.Dump, sys.Name), pages, outs); err != nil {
				return nil, err
			}
		}
		if i == 0 {
			rep.Score = *sc
			rep.misses = metaMisses(pages, outs, cfg.Misses)
			continue
		}
		rep.Peers[sys.Name] = sc
		rep.peerOrder = append(rep.peerOrder, sys.Name)
		if sc.PagesPerSecond > 0 {
			rep.Ratios[sys.Name] = rep.PagesPerSecond / sc.PagesPerSecond
		}
	}
	rep.PeakRSSMB = peakRSSMB()
	return rep, nil
}

type result struct {
	out   Output
	err   error
	panic bool
	dur   time.Duration // CPU time
	wall  time.Duration
}

type timing struct {
	total     time.Duration // CPU time
	wall      time.Duration
	peakHeap  uint64
	baseHeap  uint64 // heap in use before the first call
	maxAlloc  uint64 // the most one call allocated
	allocated uint64
}

// cpuTime is the process's user plus system CPU time. With GOMAXPROCS=1
// it is the time one core spent on extraction (garbage collection
// included), which other processes on a busy machine do not inflate the way
// they inflate wall time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// runSystems extracts every page with every system on one core. The
// systems take turns page by page, in an order that rotates from page to
// page, so that a machine that slows down or speeds up during the run (a
// shared or throttled core: one system's speed was seen to move by a fifth
// between back-to-back runs) weighs on every system alike, and none always
// reads a page first or after the same peer. Memory is sampled around each
// call (outside the timed part): the bytes a call allocates are its
// system's, and HeapInuse just after a call, less the heap in use before
// the first (the truth and the harness, after a collection), bounds the
// heap it needed. A page's HTML is read just before its turn (untimed) and
// dropped after it, so that bound is not the set's size; it still counts
// the outputs kept for scoring and garbage the collector has not reclaimed
// yet, a peer's included.
func runSystems(ctx context.Context, systems []System, pages []Page) ([][]result, []timing, error) {
	prev := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(prev)
	res := make([][]result, len(systems))
	for k := range res {
		res[k] = make([]result, len(pages))
	}
	tm := make([]timing, len(systems))
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	for k := range tm {
		tm[k].baseHeap = ms.HeapInuse
	}
	for i, p := range pages {
		if err := ctx.Err(); err != nil {
			return nil, nil, fmt.Errorf("eval extract: %w", err)
		}
		html, err := p.ReadHTML()
		if err != nil {
			return nil, nil, fmt.Errorf("eval extract: %w", err)
		}
		for j := range systems {
			k := (i + j) % len(systems)
			runtime.ReadMemStats(&ms)
			alloc0 := ms.TotalAlloc
			start, cpu0 := time.Now(), cpuTime()
			r := runOne(systems[k], html, p.URL)
			r.wall = time.Since(start)
			r.dur = cpuTime() - cpu0
			runtime.ReadMemStats(&ms)
			res[k][i] = r
			tm[k].total += r.dur
			tm[k].wall += r.wall
			tm[k].allocated += ms.TotalAlloc - alloc0
			tm[k].maxAlloc = max(tm[k].maxAlloc, ms.TotalAlloc-alloc0)
			tm[k].peakHeap = max(tm[k].peakHeap, ms.HeapInuse)
		}
	}
	return res, tm, nil
}

func runOne(sys System, html []byte, pageURL string) (r result) {
	defer func() {
		if v := recover(); v != nil {
			r = result{err: fmt.Errorf("panic: %v", v), panic: true}
		}
	}()
	out, err := sys.Run(html, pageURL)
	return result{out: out, err: err}
}

func ptr(x float64) *float64 { return &x }

func score(layout Layout, pages []Page, res []result, tm timing, nworst int) *Score {
	sc := &Score{Pages: len(pages), errorsByPage: map[string]string{}}
	var shing []shingleCounts
	var titleOK, dateOK, dateAnyOK, bylineOK, bylineExactOK int
	var worst []Worst
	for i, p := range pages {
		r := res[i]
		if r.err != nil {
			sc.Errors++
			sc.errorsByPage[p.ID] = r.err.Error()
		}
		if r.panic {
			sc.Panics++
		}
		w := WordPRF(p.Body, r.out.Text)
		sc.perPage = append(sc.perPage, w)
		sc.WordF1 += w.F1
		sc.WordPrecision += w.P
		sc.WordRecall += w.R
		if layout == LayoutScrapinghub {
			shing = append(shing, shingleMatch(p.Body, r.out.Text))
		}
		if p.Title != "" {
			sc.TitleN++
			if titleMatch(p.Title, r.out.Title) {
				titleOK++
			}
		}
		if _, ok := parseTruthDate(p.Published); ok {
			sc.DateN++
			if dateMatch(p.Published, r.out.Published) {
				dateOK++
			}
			if dateMatch(p.Published, r.out.Published) || dateMatch(p.Published, r.out.Modified) {
				dateAnyOK++
			}
		}
		if strings.TrimSpace(p.Author) != "" {
			sc.BylineN++
			if bylineMatch(p.Author, r.out.Byline) {
				bylineOK++
			}
			if bylineExact(p.Author, r.out.Byline) {
				bylineExactOK++
			}
		}
		sc.MaxPageWall = max(sc.MaxPageWall, r.wall.Seconds())
		d := r.dur.Seconds()
		if d > sc.MaxPageSeconds {
			sc.MaxPageSeconds, sc.SlowestPage = d, p.ID
		}
		if d > 1 {
			sc.PagesOver1s++
		}
		ww := Worst{ID: p.ID, URL: p.URL, F1: w.F1, Precision: w.P, Recall: w.R}
		if r.err != nil {
			ww.Error = r.err.Error()
		}
		worst = append(worst, ww)
	}
	n := float64(len(pages))
	sc.WordF1 /= n
	sc.WordPrecision /= n
	sc.WordRecall /= n
	if layout == LayoutScrapinghub {
		s := shinglePRF(shing)
		sc.ShingleF1, sc.ShinglePrec, sc.ShingleRecall = ptr(s.F1), ptr(s.P), ptr(s.R)
	}
	if sc.TitleN > 0 {
		sc.TitleAccuracy = ptr(float64(titleOK) / float64(sc.TitleN))
	}
	if sc.DateN > 0 {
		sc.DateAccuracy = ptr(float64(dateOK) / float64(sc.DateN))
		sc.DateAnyAccuracy = ptr(float64(dateAnyOK) / float64(sc.DateN))
	}
	if sc.BylineN > 0 {
		sc.BylineAccuracy = ptr(float64(bylineOK) / float64(sc.BylineN))
		sc.BylineExactAccuracy = ptr(float64(bylineExactOK) / float64(sc.BylineN))
	}
	if tm.total > 0 {
		sc.PagesPerSecond = n / tm.total.Seconds()
	}
	if tm.wall > 0 {
		sc.PagesPerSecWall = n / tm.wall.Seconds()
	}
	sc.PeakHeapMB = float64(tm.peakHeap-min(tm.baseHeap, tm.peakHeap)) / (1 << 20)
	sc.BaseHeapMB = float64(tm.baseHeap) / (1 << 20)
	sc.MaxCallAllocMB = float64(tm.maxAlloc) / (1 << 20)
	sc.AllocMBPerPage = float64(tm.allocated) / (1 << 20) / n
	sort.SliceStable(worst, func(i, j int) bool { return worst[i].F1 < worst[j].F1 })
	sc.Worst = worst[:min(nworst, len(worst))]
	return sc
}

// peakRSSMB reads the process's peak resident set size (VmHWM) on Linux;
// 0 elsewhere.
func peakRSSMB() float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			f := strings.Fields(rest)
			if len(f) > 0 {
				kb, _ := strconv.ParseFloat(f[0], 64)
				return kb / 1024
			}
		}
	}
	return 0
}

func fmtAcc(p *float64, n int) string {
	if p == nil {
		return "n/a"
	}
	return fmt.Sprintf("%.3f (n=%d)", *p, n)
}

func fmtOpt(p *float64) string {
	if p == nil {
		return "n/a"
	}
	return fmt.Sprintf("%.3f", *p)
}

func (r *Report) print(w io.Writer) error {
	var b strings.Builder
	half := ""
	if r.Half != "" {
		half = ", " + r.Half + " half"
	}
	fmt.Fprintf(&b, "set %s%s (%s layout), %d pages, %s, one core (GOMAXPROCS=1); pages/s and max s are per CPU second\n\n", r.Set, half, r.Layout, r.Pages, r.GoVersion)
	names := append([]string{"newsdesk"}, r.peerOrder...)
	scores := []*Score{&r.Score}
	for _, n := range r.peerOrder {
		scores = append(scores, r.Peers[n])
	}
	fmt.Fprintf(&b, "%-25s %7s %7s %7s %8s %7s %7s %7s %7s %8s %8s %8s %8s %6s %6s %4s\n",
		"system", "wordF1", "wordP", "wordR", "shingF1", "title", "date", "byline", "bylAll", "pages/s", "wall p/s", "max s", "heapMB", "MB/pg", "maxMB", "err")
	for i, s := range scores {
		fmt.Fprintf(&b, "%-25s %7.4f %7.4f %7.4f %8s %7s %7s %7s %7s %8.1f %8.1f %8.3f %8.1f %6.2f %6.1f %4d\n",
			names[i], s.WordF1, s.WordPrecision, s.WordRecall, fmtOpt(s.ShingleF1),
			fmtOpt(s.TitleAccuracy), fmtOpt(s.DateAccuracy), fmtOpt(s.BylineAccuracy), fmtOpt(s.BylineExactAccuracy),
			s.PagesPerSecond, s.PagesPerSecWall, s.MaxPageSeconds, s.PeakHeapMB, s.AllocMBPerPage, s.MaxCallAllocMB, s.Errors)
	}
	fmt.Fprintf(&b, "\nnewsdesk: title %s, date within a day %s (published or modified: %s), byline %s (first name listed or all; every name: %s); panics %d, pages over 1 s %d (slowest %s, %.3f s)\n",
		fmtAcc(r.TitleAccuracy, r.TitleN), fmtAcc(r.DateAccuracy, r.DateN), fmtOpt(r.DateAnyAccuracy), fmtAcc(r.BylineAccuracy, r.BylineN), fmtOpt(r.BylineExactAccuracy),
		r.Panics, r.PagesOver1s, r.SlowestPage, r.MaxPageSeconds)
	for _, n := range r.peerOrder {
		fmt.Fprintf(&b, "speed vs %s: %.2fx\n", n, r.Ratios[n])
	}
	fmt.Fprintf(&b, "heapMB: the highest heap in use after a call, less the %.1f MB in use before the first (the truth and the program's own state); pages are read one at a time, so it is a system's working heap plus outputs kept for scoring and garbage not yet collected, a peer's included\n", r.BaseHeapMB)
	fmt.Fprintf(&b, "byline: every name, or the first name listed; bylAll: every name and no other\n")
	fmt.Fprintf(&b, "MB/pg: allocated per page; maxMB: the most one call allocated, an upper bound on the heap one extraction needs beyond its page\n")
	fmt.Fprintf(&b, "peak RSS of the eval process: %.0f MB\n", r.PeakRSSMB)
	fmt.Fprintf(&b, "\nworst %d pages by word F1 (newsdesk):\n", len(r.Worst))
	for _, wp := range r.Worst {
		fmt.Fprintf(&b, "  %.3f  P=%.3f R=%.3f  %s  %s", wp.F1, wp.Precision, wp.Recall, wp.ID, wp.URL)
		if wp.Error != "" {
			fmt.Fprintf(&b, "  error: %s", firstLine(wp.Error))
		}
		b.WriteByte('\n')
	}
	if len(r.misses) > 0 {
		fmt.Fprintf(&b, "\nmetadata misses (newsdesk):\n")
		for _, m := range r.misses {
			fmt.Fprintf(&b, "  %s\n", m)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// dump writes each page's extraction, headed by its metadata, for a person
// to diff against the truth.
func dump(dir string, pages []Page, res []result) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("eval extract: dump: %w", err)
	}
	for i, p := range pages {
		o := res[i].out
		s := fmt.Sprintf("title: %s\nbyline: %s\npublished: %s\nerror: %v\n\n%s\n", o.Title, o.Byline, o.Published.Format(time.RFC3339), res[i].err, o.Text)
		if err := os.WriteFile(filepath.Join(dir, p.ID+".txt"), []byte(s), 0o644); err != nil {
			return fmt.Errorf("eval extract: dump: %w", err)
		}
	}
	return nil
}
