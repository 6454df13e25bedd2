package demo

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

func mustWire(t testing.TB) *Wire {
	t.Helper()
	w, err := NewWire(nil)
	if err != nil {
		t.Fatalf("NewWire: %v", err)
	}
	return w
}

// TestCorpusRequirements counts every requirement the demo corpus was
// written to meet, so an edit that breaks one fails here.
func TestCorpusRequirements(t *testing.T) {
	t.Parallel()
	w := mustWire(t)
	arts := w.Articles()
	stories := w.Stories()

	formats := map[string]int{}
	for _, o := range w.Outlets() {
		formats[o.Format]++
	}
	days := map[string]bool{}
	spanish := 0
	for _, a := range arts {
		days[a.Published.Format(time.DateOnly)] = true
		if a.Lang == "es" {
			spanish++
		}
	}
	multi := 0
	for _, s := range stories {
		if len(s.Outlets) >= 4 {
			multi++
		}
	}
	checks := []struct {
		name     string
		got, min int
	}{
		{"outlets", len(w.Outlets()), 6},
		{"RSS outlets", formats[FormatRSS], 2},
		{"Atom outlets", formats[FormatAtom], 2},
		{"JSON Feed outlets", formats[FormatJSON], 2},
		{"articles", len(arts), 80},
		{"days", len(days), 7},
		{"stories", len(stories), 12},
		{"stories covered by 4+ outlets", multi, 4},
		{"Spanish articles", spanish, 10},
	}
	for _, c := range checks {
		if c.got < c.min {
			t.Errorf("%s = %d, want at least %d", c.name, c.got, c.min)
		}
	}

	first, last := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), time.Date(2026, 3, 11, 0, 0, 0, 0, time.UTC)
	for _, a := range arts {
		if a.Published.Before(first) || !a.Published.Before(last) {
			t.Errorf("%s: published %s, outside 2026-03-02..2026-03-10", a.Path, a.Published)
		}
		if n := len(strings.Fields(a.Body)); n < 150 || n > 500 {
			t.Errorf("%s: %d words, want 150..500", a.Path, n)
		}
	}
}

func TestCorpusThreads(t *testing.T) {
	t.Parallel()
	w := mustWire(t)
	threads := map[string][]Story{}
	for _, s := range w.Stories() {
		if s.Thread != "" {
			threads[s.Thread] = append(threads[s.Thread], s)
		}
	}
	good := 0
	for key, ss := range threads {
		days := map[time.Time]bool{}
		for _, s := range ss {
			days[s.Day] = true
		}
		if len(ss) < 3 || len(days) < 3 {
			t.Errorf("thread %q: %d stories on %d days, want 3 stories on distinct days", key, len(ss), len(days))
			continue
		}
		// A thread's stories share people and places: the names of the
		// first story recur in the last.
		firstNames := names(w, ss[0].Key)
		lastNames := names(w, ss[len(ss)-1].Key)
		shared := 0
		for n := range firstNames {
			if lastNames[n] {
				shared++
			}
		}
		if shared < 4 {
			t.Errorf("thread %q: first and last stories share %d names, want at least 4", key, shared)
		}
		good++
	}
	if good < 2 {
		t.Errorf("%d valid threads, want at least 2", good)
	}
}

var capitalised = regexp.MustCompile(`\b\p{Lu}\p{Ll}+(?: \p{Lu}\p{Ll}+)+`)

// names collects multi-word capitalised phrases (people, places) from a
// story's articles.
func names(w *Wire, story string) map[string]bool {
	out := map[string]bool{}
	for _, a := range w.Articles() {
		if a.Story == story {
			for _, m := range capitalised.FindAllString(a.Body, -1) {
				out[m] = true
			}
		}
	}
	return out
}

func TestCorpusCrossLingual(t *testing.T) {
	t.Parallel()
	w := mustWire(t)
	number := regexp.MustCompile(`\d+`)
	mixed := 0
	for _, s := range w.Stories() {
		var es, en []Article
		for _, a := range w.Articles() {
			if a.Story != s.Key {
				continue
			}
			if a.Lang == "es" {
				es = append(es, a)
			} else {
				en = append(en, a)
			}
		}
		if len(es) == 0 || len(en) == 0 {
			continue
		}
		mixed++
		enText := ""
		for _, a := range en {
			enText += a.Body + "\n"
		}
		// The Spanish article names the same people and places and states
		// the same numbers (at least some of them).
		shared, nums := 0, 0
		for _, m := range capitalised.FindAllString(es[0].Body, -1) {
			if strings.Contains(enText, m) {
				shared++
			}
		}
		for _, m := range number.FindAllString(es[0].Body, -1) {
			if len(m) >= 2 && strings.Contains(enText, m) {
				nums++
			}
		}
		if shared < 3 || nums < 1 {
			t.Errorf("story %q: Spanish article shares %d names and %d numbers with the English ones, want 3 and 1", s.Key, shared, nums)
		}
	}
	if mixed < 3 {
		t.Errorf("%d stories told in both Spanish and English, want at least 3", mixed)
	}
}

func TestCorpusWireCopy(t *testing.T) {
	t.Parallel()
	w := mustWire(t)
	copies := 0
	for _, a := range w.Articles() {
		if a.CopyOf == "" {
			continue
		}
		orig, ok := w.Article(a.CopyOf)
		if !ok {
			t.Fatalf("%s: copy of unknown %s", a.Path, a.CopyOf)
		}
		if orig.Outlet == a.Outlet || orig.Story != a.Story {
			t.Errorf("%s: copy must be another outlet's article on the same story", a.Path)
		}
		if a.Body == orig.Body {
			t.Errorf("%s: copy is identical; a wire copy has tiny edits", a.Path)
		}
		if j := jaccard(a.Body, orig.Body); j < 0.9 {
			t.Errorf("%s: word overlap with original %.2f, want >= 0.9", a.Path, j)
		}
		copies++
	}
	if copies < 1 {
		t.Error("no wire copy in the corpus")
	}
}

func jaccard(a, b string) float64 {
	set := func(s string) map[string]bool {
		m := map[string]bool{}
		for _, f := range strings.Fields(strings.ToLower(s)) {
			m[f] = true
		}
		return m
	}
	x, y := set(a), set(b)
	inter := 0
	for k := range x {
		if y[k] {
			inter++
		}
	}
	return float64(inter) / float64(len(x)+len(y)-inter)
}

func TestCorpusDifferingFigures(t *testing.T) {
	t.Parallel()
	w := mustWire(t)
	type key struct{ story, quantity string }
	values := map[key]map[string]string{} // value text -> outlet
	for _, a := range w.Articles() {
		if a.Lang != "en" {
			continue // compare like with like: "2.3" and "2.300" are the same figure
		}
		for _, f := range a.Figures {
			k := key{a.Story, f.Quantity}
			if values[k] == nil {
				values[k] = map[string]string{}
			}
			values[k][f.Text] = a.Outlet
		}
	}
	var differing []string
	for k, v := range values {
		if len(v) > 1 {
			differing = append(differing, k.story+"/"+k.quantity)
		}
	}
	slices.Sort(differing)
	want := []string{"cup-final/attendance", "flood-evacuation/people evacuated", "recovery-fund/recovery fund"}
	for _, wnt := range want {
		if !slices.Contains(differing, wnt) {
			t.Errorf("figure %s is not reported differently by two outlets (differing: %v)", wnt, differing)
		}
	}
}

var (
	enQuote    = regexp.MustCompile(`"[^"]{10,}[,.?!]" (?:said|says|told|added)? ?[A-Z\p{Lu}]|"[^"]{10,}[,.?!]" (?:he|she|they) (?:said|added)|(?:said|says)[^."]{0,60}[.:] "[^"]{10,}"|"[^"]{10,}[,.?!]" [a-z ]{0,30}\p{Lu}\w+ \p{Lu}\w+ (?:said|told)`)
	splitQuote = regexp.MustCompile(`"[^"]+," (?:he|she|[A-Z]\w+) said, "[^"]+"`)
	esQuote    = regexp.MustCompile(`[«“][^»”]{10,}[»”],? (?:dijo|afirmó|explicó|añadió|contó)`)
	esSplit    = regexp.MustCompile(`[«“][^»”]+[»”], (?:dijo|añadió|explicó) [^«“]{0,40}, [«“][^»”]+[»”]`)
)

func TestCorpusQuotes(t *testing.T) {
	t.Parallel()
	w := mustWire(t)
	split, esSplits, esQuotes := 0, 0, 0
	quotedPerStory := map[string]int{}
	for _, a := range w.Articles() {
		if a.Lang == "es" {
			if esQuote.MatchString(a.Body) {
				esQuotes++
				quotedPerStory[a.Story]++
			}
			esSplits += len(esSplit.FindAllString(a.Body, -1))
			continue
		}
		if enQuote.MatchString(a.Body) {
			quotedPerStory[a.Story]++
		}
		split += len(splitQuote.FindAllString(a.Body, -1))
	}
	if split < 5 {
		t.Errorf("%d English split quotes, want at least 5", split)
	}
	if esQuotes < 8 || esSplits < 3 {
		t.Errorf("Spanish: %d articles with attributed quotes and %d split quotes, want 8 and 3", esQuotes, esSplits)
	}
	for _, s := range w.Stories() {
		if len(s.Outlets) >= 3 && quotedPerStory[s.Key] < 3 {
			t.Errorf("story %q: %d articles with attributed quotes, want at least 3", s.Key, quotedPerStory[s.Key])
		}
	}
}

func TestCommentsAreNotArticleText(t *testing.T) {
	t.Parallel()
	w := mustWire(t)
	for _, a := range w.Articles() {
		noise := w.Noise(a)
		if len(a.Comments) == 0 || len(noise) <= len(a.Comments) {
			t.Fatalf("%s: %d comments, %d noise texts", a.Path, len(a.Comments), len(noise))
		}
		for _, n := range noise {
			if strings.Contains(a.Body, n) {
				t.Errorf("%s: body contains noise %q", a.Path, n)
			}
		}
	}
}

func TestArticlesDeterministic(t *testing.T) {
	t.Parallel()
	a, b := mustWire(t).Articles(), mustWire(t).Articles()
	if len(a) != len(b) {
		t.Fatalf("lengths differ: %d, %d", len(a), len(b))
	}
	for i := range a {
		if a[i].Path != b[i].Path || a[i].Body != b[i].Body || !slices.Equal(a[i].Comments, b[i].Comments) {
			t.Fatalf("article %d differs between loads: %s vs %s", i, a[i].Path, b[i].Path)
		}
	}
	for i := 1; i < len(a); i++ {
		if a[i].Published.Before(a[i-1].Published) {
			t.Fatalf("articles not sorted by time at %d", i)
		}
	}
}
