// Package quoteeval implements "newsdesk eval quotes": it scores the quote
// and speaker extractor of package text against PolNeAR-style attribution
// annotations, as issue 5 defines the scores.
//
// Gold quotes: for every attribution whose Content span holds quoted text,
// the gold quote is the bytes of that Content lying inside quotation marks
// (marks, and punctuation at either end, excluded), however few words they
// hold. A Content split by its attribution gives one gold quote with
// several parts, whether as one discontinuous span or as the relation's
// further Content arguments (Content2, …); a Content two attributions
// share is one gold quote.
//
// Matching: a predicted quote's bytes are the union of its parts; a gold
// quote's, the union of its parts. They match when the bytes they share are
// at least 0.8 of the larger of the two. Each gold quote matches at most one
// prediction, greedily by shared bytes.
//
// Speaker accuracy is over matched quotes whose gold attribution has a
// Source: the speaker shown to a reader must be the Source or the person it
// names (SpeakerMatches). The earlier overlap rule (OverlapMatches) and the
// scores over quotes of three words or more are reported beside the
// headline figures.
package quoteeval

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/newsdesk/newsdesk/internal/eval"
	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/text"
)

// MinOverlap is the share of the longer span two quotes must share to match.
const MinOverlap = 0.8

// Result is the outcome of an evaluation.
type Result struct {
	Docs int `json:"docs"`
	// Score is the headline: every gold direct quote, and the strict
	// speaker test.
	Score
	// Long scores only quotes of at least LongQuoteWords words, gold and
	// predicted: the earlier headline definition, and what the Voices
	// section shows.
	Long   LongResult     `json:"long_quotes"`
	Errors map[string]int `json:"errors"`
	// Rules scores the shown speakers by the rule that produced them
	// (text.Quote.Rule), over the headline's scored quotes: which
	// resolution paths are wrong often.
	Rules map[string]*RuleScore `json:"speaker_rules"`
	// Examples holds a few errors of each kind, for development.
	Examples map[string][]string `json:"-"`
}

// Score is one set of quote and speaker figures.
type Score struct {
	Gold      int     `json:"gold_quotes"`
	Predicted int     `json:"predicted_quotes"`
	Matched   int     `json:"matched_quotes"`
	Precision float64 `json:"quote_precision"`
	Recall    float64 `json:"quote_recall"`
	F1        float64 `json:"quote_f1"`
	// SpeakerAccuracy is the share of scored quotes whose shown speaker
	// is the gold Source or the person it names (see SpeakerMatches).
	SpeakerScored   int     `json:"speaker_scored"`
	SpeakerCorrect  int     `json:"speaker_correct"`
	SpeakerAccuracy float64 `json:"speaker_accuracy"`
	// OverlapAccuracy is the earlier, looser speaker score (see
	// OverlapMatches), kept so the change of definition stays visible.
	OverlapCorrect  int     `json:"speaker_overlap_correct"`
	OverlapAccuracy float64 `json:"speaker_overlap_accuracy"`
	// SpeakerShown counts the scored quotes shown with a speaker.
	// SpeakerPrecision is the share of them whose speaker is right (by
	// SpeakerMatches): how often a named speaker can be trusted.
	// SpeakerCoverage is the share of scored quotes shown with a
	// speaker. Accuracy is precision times coverage; a quote shown with
	// no speaker costs coverage, a wrong one precision.
	SpeakerShown     int     `json:"speaker_shown"`
	SpeakerPrecision float64 `json:"speaker_precision"`
	SpeakerCoverage  float64 `json:"speaker_coverage"`
}

// RuleScore is how often the speakers one rule produced are right.
type RuleScore struct {
	Shown     int     `json:"shown"`
	Correct   int     `json:"correct"`
	Precision float64 `json:"precision"`
}

// LongResult is the score over quotes of MinWords words or more.
type LongResult struct {
	MinWords int `json:"min_words"`
	Score
}

// Error kinds.
const (
	ErrMissed        = "quote-missed"         // gold quote no prediction touches
	ErrBoundary      = "quote-boundary"       // gold quote overlapped, but below MinOverlap
	ErrSpurious      = "quote-spurious"       // prediction touching no gold quote
	ErrSpuriousPart  = "quote-spurious-part"  // prediction touching gold, below MinOverlap
	ErrNoSpeaker     = "speaker-missing"      // matched, speaker empty
	ErrWrongSpeaker  = "speaker-wrong"        // matched, speaker differs
	ErrNoGoldSpeaker = "speaker-gold-missing" // matched, gold has no Source (not scored)
	// ErrOverlapOnly collects examples of speakers right by the old
	// overlap rule but not the person the Source names; not counted
	// apart (they are speaker-wrong or speaker-missing too).
	ErrOverlapOnly = "speaker-overlap-only"
)

// Run parses args (the words after "eval quotes") and prints the evaluation.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("eval quotes", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dir := fs.String("data", "", "PolNeAR-layout folder with text/ and attributions/")
	asJSON := fs.Bool("json", false, "print the result as JSON")
	examples := fs.Int("examples", 0, "print up to this many examples of each error kind")
	half := fs.String("half", "", "score only half of the documents, by position in file-name order: even (the 1st, 3rd, …) or odd (the 2nd, 4th, …); for developing on one half and checking on the other")
	if err := eval.ParseFlags(fs, args); err != nil {
		return err
	}
	if *dir == "" {
		return errors.New("eval quotes: --data DIR is required")
	}
	docs, err := LoadDir(*dir)
	if err != nil {
		return fmt.Errorf("eval quotes: %w", err)
	}
	if docs, err = Half(docs, *half); err != nil {
		return fmt.Errorf("eval quotes: %w", err)
	}
	res, err := Evaluate(ctx, docs, *examples)
	if err != nil {
		return fmt.Errorf("eval quotes: %w", err)
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	}
	return res.Print(stdout)
}

// Half keeps the documents at even (0, 2, …) or odd positions of docs,
// which LoadDir gives in file-name order, so the split is the same on every
// run and machine: rules are developed on one half and checked on the
// other. An empty half keeps all.
func Half(docs []Doc, half string) ([]Doc, error) {
	var first int
	switch half {
	case "":
		return docs, nil
	case "even":
		first = 0
	case "odd":
		first = 1
	default:
		return nil, fmt.Errorf("--half %q: want even or odd", half)
	}
	var out []Doc
	for i := first; i < len(docs); i += 2 {
		out = append(out, docs[i])
	}
	return out, nil
}

// Evaluate runs the extractor over docs and scores it. It keeps up to
// examples error examples of each kind.
func Evaluate(ctx context.Context, docs []Doc, examples int) (Result, error) {
	res := Result{Docs: len(docs), Errors: map[string]int{}, Examples: map[string][]string{}, Rules: map[string]*RuleScore{}}
	res.Long.MinWords = LongQuoteWords
	for _, d := range docs {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		preds := text.QuotesLang(d.Text, "en")
		res.add(score(d, d.Quotes, preds, &res, examples))

		var lg []GoldQuote
		for _, g := range d.Quotes {
			if g.Words >= LongQuoteWords {
				lg = append(lg, g)
			}
		}
		var lp []text.Quote
		for _, p := range preds {
			if wordCount(d.Text, p.Parts) >= LongQuoteWords {
				lp = append(lp, p)
			}
		}
		res.Long.add(score(d, lg, lp, nil, 0))
	}
	res.finish()
	res.Long.finish()
	for _, r := range res.Rules {
		r.Precision = ratio(r.Correct, r.Shown)
	}
	return res, nil
}

// add counts one document's figures into s.
func (s *Score) add(o Score) {
	s.Gold += o.Gold
	s.Predicted += o.Predicted
	s.Matched += o.Matched
	s.SpeakerScored += o.SpeakerScored
	s.SpeakerCorrect += o.SpeakerCorrect
	s.OverlapCorrect += o.OverlapCorrect
	s.SpeakerShown += o.SpeakerShown
}

// finish computes the ratios from the counts.
func (s *Score) finish() {
	s.Precision, s.Recall = ratio(s.Matched, s.Predicted), ratio(s.Matched, s.Gold)
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
	s.SpeakerAccuracy = ratio(s.SpeakerCorrect, s.SpeakerScored)
	s.OverlapAccuracy = ratio(s.OverlapCorrect, s.SpeakerScored)
	s.SpeakerPrecision = ratio(s.SpeakerCorrect, s.SpeakerShown)
	s.SpeakerCoverage = ratio(s.SpeakerShown, s.SpeakerScored)
}

// score matches preds to golds in one document. With res non-nil it
// counts error kinds into res and keeps up to examples examples of each.
func score(d Doc, golds []GoldQuote, preds []text.Quote, res *Result, examples int) Score {
	t := Score{Gold: len(golds), Predicted: len(preds)}
	example := func(kind, ex string) {
		if res != nil && len(res.Examples[kind]) < examples {
			res.Examples[kind] = append(res.Examples[kind], ex)
		}
	}
	note := func(kind string, ex func() string) {
		if res == nil {
			return
		}
		res.Errors[kind]++
		if len(res.Examples[kind]) < examples {
			example(kind, ex())
		}
	}
	type cand struct {
		g, p, shared int
	}
	var cands []cand
	touchedG := make([]bool, len(golds))
	touchedP := make([]bool, len(preds))
	for gi, g := range golds {
		for pi, p := range preds {
			sh := shared(g.Parts, p.Parts)
			if sh == 0 {
				continue
			}
			touchedG[gi], touchedP[pi] = true, true
			if float64(sh) >= MinOverlap*float64(max(total(g.Parts), total(p.Parts))) {
				cands = append(cands, cand{gi, pi, sh})
			}
		}
	}
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].shared > cands[j].shared })
	usedG := make([]bool, len(golds))
	usedP := make([]bool, len(preds))
	for _, c := range cands {
		if usedG[c.g] || usedP[c.p] {
			continue
		}
		usedG[c.g], usedP[c.p] = true, true
		t.Matched++
		g, p := golds[c.g], preds[c.p]
		if g.Source.Len() == 0 {
			note(ErrNoGoldSpeaker, func() string { return d.Name })
			continue
		}
		t.SpeakerScored++
		loose := OverlapMatches(d.Text, g, p)
		if loose {
			t.OverlapCorrect++
		}
		strict := SpeakerMatches(d.Text, g, p)
		if p.Speaker != "" {
			t.SpeakerShown++
			if res != nil {
				r := res.Rules[p.Rule]
				if r == nil {
					r = &RuleScore{}
					res.Rules[p.Rule] = r
				}
				r.Shown++
				if strict {
					r.Correct++
				}
			}
		}
		speakerEx := func() string {
			return fmt.Sprintf("%s: pred=%q mention=%q gold=%q ref=%q rule=%s\n        ctx: %s", d.Name, p.Speaker, p.Mention.Of(d.Text), g.Source.Of(d.Text), g.Referent, p.Rule, around(d.Text, p))
		}
		if loose && !strict {
			example(ErrOverlapOnly, speakerEx())
		}
		switch {
		case strict:
			t.SpeakerCorrect++
		case p.Speaker == "":
			note(ErrNoSpeaker, speakerEx)
		default:
			note(ErrWrongSpeaker, speakerEx)
		}
	}
	for gi, g := range golds {
		if usedG[gi] {
			continue
		}
		kind := ErrMissed
		if touchedG[gi] {
			kind = ErrBoundary
		}
		note(kind, func() string {
			ex := fmt.Sprintf("%s: %q", d.Name, clip(joinParts(d.Text, g.Parts)))
			if !touchedG[gi] {
				return ex + "\n        ctx: " + marked(d.Text, g.Parts, nil)
			}
			var touching [][]news.Span
			for _, p := range preds {
				if shared(g.Parts, p.Parts) > 0 {
					ex += fmt.Sprintf("\n        gold %v  pred %v %q", g.Parts, p.Parts, clip(p.Text))
					touching = append(touching, p.Parts)
				}
			}
			return ex + "\n        ctx: " + marked(d.Text, g.Parts, touching)
		})
	}
	for pi, p := range preds {
		if usedP[pi] {
			continue
		}
		kind := ErrSpurious
		if touchedP[pi] {
			kind = ErrSpuriousPart
		}
		note(kind, func() string { return fmt.Sprintf("%s: %q (%s)", d.Name, clip(p.Text), p.Speaker) })
	}
	return t
}

// SpeakerMatches reports whether the speaker shown to a reader (the
// resolved Speaker) is the gold quote's Source or the person it names, as
// issue 5 asks. PolNeAR gives no coreference, so "the person it names" is
// approximated: a Source that names someone must share the speaker's last
// name word; one that names nobody ("he", "the aide") stands for its
// Referent, the nearest earlier Source that names someone. Two cases keep
// an overlap rule, as the Source gives nothing to compare a name with:
// a speaker that is itself a role or group phrase ("officials", "the
// campaign"), shown as written, is right when its attribution is the
// Source and the Source is not a singular personal pronoun ("he" must
// resolve to a person); and a pronoun Source with no named Source before
// it is right when the attribution is the Source.
func SpeakerMatches(doc string, g GoldQuote, p text.Quote) bool {
	if p.Speaker == "" {
		return false
	}
	if titleOrInitials(p.Speaker) {
		return false // "the Rev", "G.K.": no one a reader can tell
	}
	src := g.Source.Of(doc)
	atSource := overlaps(p.SpeakerSpan, g.Source) || overlaps(p.Mention, g.Source)
	switch {
	case namesSomeone(src):
		return nameMatch(p.Speaker, src)
	case len(nameTokens(p.Speaker)) == 0:
		return atSource && !personalPronoun(src)
	case g.Referent == "":
		return atSource
	}
	return nameMatch(p.Speaker, g.Referent)
}

// titleOrInitials reports whether a shown speaker is only titles and
// initials, with articles: capitalised words that name no one.
func titleOrInitials(speaker string) bool {
	n := 0
	for _, f := range words(speaker) {
		w := strings.ToLower(f)
		switch {
		case titles[w] || len([]rune(w)) == 1 && w != "i" && w != "a":
			n++
		case w != "the" && w != "a":
			return false
		}
	}
	return n > 0
}

// titles are words that stand before a name and name no one by
// themselves.
var titles = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "sen": true, "gov": true, "rep": true,
	"rev": true, "del": true, "gen": true, "col": true, "lt": true, "sgt": true, "capt": true, "hon": true,
}

// personalPronoun reports whether a Source is a singular personal pronoun,
// which a reader can use only once it is resolved to a person.
func personalPronoun(src string) bool {
	switch strings.ToLower(strings.TrimSpace(src)) {
	case "he", "she", "i", "him", "me":
		return true
	}
	return false
}

// OverlapMatches is the earlier, looser speaker test, reported as
// speaker_overlap_accuracy: the attribution's speaker words (Mention) or
// the resolved speaker's span overlap the gold Source span, or the
// resolved speaker's last name word is a name word of the gold Source. It
// counts "he" as right whoever it was resolved to.
func OverlapMatches(doc string, g GoldQuote, p text.Quote) bool {
	if p.Speaker == "" {
		return false
	}
	if overlaps(p.Mention, g.Source) || overlaps(p.SpeakerSpan, g.Source) {
		return true
	}
	return nameMatch(p.Speaker, g.Source.Of(doc))
}

var nameSuffixes = map[string]bool{"jr": true, "sr": true, "ii": true, "iii": true, "iv": true}

func overlaps(a, b news.Span) bool {
	return a.Len() > 0 && b.Len() > 0 && a.Start < b.End && b.Start < a.End
}

// nameMatch reports whether the last name word of speaker is a name word
// of ref. A generational suffix is not the name word: "Brent Bozell III"
// is the person "Bozell" names.
func nameMatch(speaker, ref string) bool {
	pw := nameTokens(speaker)
	for len(pw) > 1 && nameSuffixes[pw[len(pw)-1]] {
		pw = pw[:len(pw)-1]
	}
	if len(pw) == 0 {
		return false
	}
	last := pw[len(pw)-1]
	for _, w := range headTokens(ref) {
		if w == last {
			return true
		}
	}
	return false
}

// Print writes the result as a short human-readable report.
func (r Result) Print(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "documents            %d\n", r.Docs)
	fmt.Fprintf(&b, "gold quotes          %d\n", r.Gold)
	fmt.Fprintf(&b, "predicted quotes     %d\n", r.Predicted)
	fmt.Fprintf(&b, "matched quotes       %d  (shared bytes >= %.1f of the longer)\n", r.Matched, MinOverlap)
	fmt.Fprintf(&b, "quote precision      %.3f\n", r.Precision)
	fmt.Fprintf(&b, "quote recall         %.3f\n", r.Recall)
	fmt.Fprintf(&b, "quote F1             %.3f\n", r.F1)
	fmt.Fprintf(&b, "speaker accuracy     %.3f  (%d/%d matched quotes whose gold has a Source; the shown\n"+
		"                            speaker is the Source or the person it names)\n", r.SpeakerAccuracy, r.SpeakerCorrect, r.SpeakerScored)
	fmt.Fprintf(&b, "speaker precision    %.3f  (%d/%d scored quotes shown with a speaker)\n", r.SpeakerPrecision, r.SpeakerCorrect, r.SpeakerShown)
	fmt.Fprintf(&b, "speaker coverage     %.3f  (%d/%d scored quotes shown with a speaker)\n", r.SpeakerCoverage, r.SpeakerShown, r.SpeakerScored)
	fmt.Fprintf(&b, "speaker overlap      %.3f  (%d/%d; earlier rule: attribution overlaps the Source)\n", r.OverlapAccuracy, r.OverlapCorrect, r.SpeakerScored)
	l := r.Long
	fmt.Fprintf(&b, "quotes of %d+ words:  P %.3f  R %.3f  F1 %.3f  (%d gold, %d predicted, %d matched);\n"+
		"                      speaker %.3f (%d/%d), overlap %.3f\n",
		l.MinWords, l.Precision, l.Recall, l.F1, l.Gold, l.Predicted, l.Matched, l.SpeakerAccuracy, l.SpeakerCorrect, l.SpeakerScored, l.OverlapAccuracy)
	if len(r.Rules) > 0 {
		b.WriteString("speakers by rule (where/how: shown, wrong, precision):\n")
		rules := make([]string, 0, len(r.Rules))
		for k := range r.Rules {
			rules = append(rules, k)
		}
		sort.Slice(rules, func(i, j int) bool {
			a, c := r.Rules[rules[i]], r.Rules[rules[j]]
			if a.Shown != c.Shown {
				return a.Shown > c.Shown
			}
			return rules[i] < rules[j]
		})
		for _, k := range rules {
			x := r.Rules[k]
			fmt.Fprintf(&b, "  %-44s %5d %4d  %.3f\n", k, x.Shown, x.Shown-x.Correct, x.Precision)
		}
	}
	b.WriteString("errors by kind:\n")
	kinds := make([]string, 0, len(r.Errors))
	for k := range r.Errors {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		fmt.Fprintf(&b, "  %-22s %d\n", k, r.Errors[k])
		for _, ex := range r.Examples[k] {
			fmt.Fprintf(&b, "      %s\n", ex)
		}
	}
	if exs := r.Examples[ErrOverlapOnly]; len(exs) > 0 {
		fmt.Fprintf(&b, "  %s (examples only)\n", ErrOverlapOnly)
		for _, ex := range exs {
			fmt.Fprintf(&b, "      %s\n", ex)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func shared(a, b []news.Span) int {
	n := 0
	for _, x := range a {
		for _, y := range b {
			if s, e := max(x.Start, y.Start), min(x.End, y.End); s < e {
				n += e - s
			}
		}
	}
	return n
}

func total(sp []news.Span) int {
	n := 0
	for _, s := range sp {
		n += s.Len()
	}
	return n
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func joinParts(doc string, parts []news.Span) string {
	ss := make([]string, len(parts))
	for i, p := range parts {
		ss[i] = p.Of(doc)
	}
	return strings.Join(ss, news.QuoteJoiner)
}

func clip(s string) string {
	if len(s) > 90 {
		cut := 90
		for cut > 0 && !utf8RuneStart(s[cut]) {
			cut--
		}
		return s[:cut] + "…"
	}
	return s
}

func utf8RuneStart(b byte) bool { return b&0xC0 != 0x80 }

// marked shows the text around a gold quote and the predictions touching
// it, with the gold parts in [[…]] and the predicted parts in {{…}}, so a
// boundary error reads at a glance: which quotation was joined, split or
// cut short.
func marked(doc string, gold []news.Span, preds [][]news.Span) string {
	a, b := gold[0].Start, gold[len(gold)-1].End
	type mark struct {
		at    int
		s     string
		order int // at one offset: closers before openers
	}
	var marks []mark
	add := func(parts []news.Span, open, close string) {
		for _, p := range parts {
			marks = append(marks, mark{p.Start, open, 1}, mark{p.End, close, 0})
			a, b = min(a, p.Start), max(b, p.End)
		}
	}
	add(gold, "[[", "]]")
	for _, p := range preds {
		add(p, "{{", "}}")
	}
	sort.SliceStable(marks, func(i, j int) bool {
		if marks[i].at != marks[j].at {
			return marks[i].at < marks[j].at
		}
		return marks[i].order < marks[j].order
	})
	a, b = max(0, a-80), min(len(doc), b+80)
	for a > 0 && !utf8RuneStart(doc[a]) {
		a--
	}
	for b < len(doc) && !utf8RuneStart(doc[b]) {
		b++
	}
	var sb strings.Builder
	at := a
	for _, m := range marks {
		sb.WriteString(doc[at:m.at])
		sb.WriteString(m.s)
		at = m.at
	}
	sb.WriteString(doc[at:b])
	return fmt.Sprintf("%q", clipMiddle(sb.String(), 600))
}

// clipMiddle keeps the first and last n bytes of a long s, on rune
// boundaries.
func clipMiddle(s string, n int) string {
	if len(s) <= 2*n+20 {
		return s
	}
	a, b := n, len(s)-n
	for a > 0 && !utf8RuneStart(s[a]) {
		a--
	}
	for b < len(s) && !utf8RuneStart(s[b]) {
		b++
	}
	return s[:a] + " <…> " + s[b:]
}

// around shows the text around a predicted quote, for error examples.
func around(doc string, p text.Quote) string {
	a := max(0, p.Parts[0].Start-150)
	for a > 0 && !utf8RuneStart(doc[a]) {
		a--
	}
	b := min(len(doc), p.Parts[len(p.Parts)-1].End+100)
	for b < len(doc) && !utf8RuneStart(doc[b]) {
		b++
	}
	return fmt.Sprintf("%q", doc[a:p.Parts[0].Start]+"[[...]]"+doc[p.Parts[len(p.Parts)-1].End:b])
}
