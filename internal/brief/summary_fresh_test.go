package brief

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"hash"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/newsdesk/newsdesk/internal/eval/neus"
	"github.com/newsdesk/newsdesk/internal/sharedpath"
)

// fingerprintScale is the rounding of every float the fingerprint hashes
// (to 1e-6): far below what moves the fitted weights, which
// summary_model.json keeps to 1e-5, and far above the last-bit differences
// between platforms (fused multiply-adds on arm64) and Go releases.
const fingerprintScale = 1e6

// rowHash hashes one kind of training row.
type rowHash struct {
	h   hash.Hash
	buf []byte
}

func newRowHash() *rowHash { return &rowHash{h: sha256.New()} }

func (r *rowHash) int(v int) {
	r.buf = binary.AppendVarint(r.buf[:0], int64(v))
	r.h.Write(r.buf)
}

func (r *rowHash) float(x float64) {
	r.buf = binary.AppendVarint(r.buf[:0], int64(math.Round(x*fingerprintScale)))
	r.h.Write(r.buf)
}

// str hashes s with its length first, so that no two sequences of strings
// hash alike.
func (r *rowHash) str(s string) {
	r.int(len(s))
	r.h.Write([]byte(s))
}

func (r *rowHash) sum() string { return hex.EncodeToString(r.h.Sum(nil)[:8]) }

// fingerprinter hashes every row fitSummary reads of the stories added to
// it under model m: the candidates, their features and labels
// (sentenceModel), the expected ROUGE's counts (countExpected) and every
// candidate set's features and ROUGE (enumerate, with m's shortlist,
// sentence weights and expected ROUGE, as fitSummary enumerates with the
// model it has just fitted). Lengths precede every list, so rows cannot
// run into each other. Stories are added one at a time, so the check need
// not hold all of train's features at once.
type fingerprinter struct {
	o                                 SummaryOptions
	m                                 summaryModel
	stories                           int
	cands, feats, labels, exp, subset *rowHash
}

func newFingerprinter(o SummaryOptions, m summaryModel) *fingerprinter {
	return &fingerprinter{o: o, m: m, cands: newRowHash(), feats: newRowHash(), labels: newRowHash(), exp: newRowHash(), subset: newRowHash()}
}

// add hashes the next story's rows.
func (f *fingerprinter) add(p prepared) {
	i := f.stories
	f.stories++
	for _, h := range []*rowHash{f.cands, f.feats, f.labels} {
		h.int(i)
		h.int(len(p.units))
	}
	f.cands.int(len(p.langs))
	for _, l := range p.langs {
		f.cands.str(l)
	}
	f.labels.int(p.refLen)
	for k, u := range p.units {
		f.cands.int(u.doc)
		f.cands.int(u.pos)
		f.cands.int(u.nsent)
		f.cands.int(u.span.Start)
		f.cands.int(u.span.End)
		f.cands.int(u.words)
		f.cands.str(u.text)
		f.feats.int(len(p.feats[k]))
		for _, x := range p.feats[k] {
			f.feats.float(x)
		}
		f.labels.float(sentenceLabel(p, u))
	}

	f.exp.int(i)
	r := expectedRowOf(p)
	for _, cells := range [][]float64{r.wIn, r.wAll, r.pIn, r.pAll} {
		f.exp.int(len(cells))
		for _, x := range cells {
			f.exp.float(x)
		}
	}
	f.exp.float(r.x)
	f.exp.float(r.y)

	s := enumerate([]prepared{p}, f.o, f.m)[0]
	f.subset.int(i)
	f.subset.int(len(s.xs))
	for k, x := range s.xs {
		f.subset.int(len(x))
		for _, v := range x {
			f.subset.float(v)
		}
		f.subset.float(s.ys[k])
	}
}

// sum is the fingerprint of the stories added.
func (f *fingerprinter) sum() *fitFingerprint {
	return &fitFingerprint{
		Stories:    f.stories,
		Candidates: f.cands.sum(),
		Features:   f.feats.sum(),
		Labels:     f.labels.sum(),
		Expected:   f.exp.sum(),
		Subsets:    f.subset.sum(),
	}
}

// sharedOrFailInCI is the shared data's elem, or skips the test where this
// machine lacks it; in CI (CI=true) it fails instead, for CI must not pass
// a stale model by skipping its check.
func sharedOrFailInCI(t *testing.T, elem ...string) string {
	t.Helper()
	shared, err := sharedpath.Find()
	if err == nil {
		p := filepath.Join(append([]string{shared}, elem...)...)
		if _, err = os.Stat(p); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("shared data absent: %v; CI must check summary_model.json against the NeuS train stories (../shared beside the repository)", err)
	}
	t.Skipf("shared data absent, summary_model.json not checked against NeuS train: %v", err)
	return ""
}

// TestSummaryModelFresh checks that summary_model.json was fitted on the
// candidates and features the code computes now: the fingerprint of the
// training rows of NeuS train must be the one the training stored in the
// model. A commit that changes which sentences are usable, their features,
// tokenisation or the expected ROUGE's cells fails here in seconds, where
// only the cross-validation (-cv, half an hour) noticed before. It hashes
// all of train rather than a sample: a rule that touches a few stories
// (11 of 2,452 for one attribution phrase, the first of them the 529th)
// leaves the fit stale all the same, and the whole split costs a few
// seconds of CPU (docs/briefing.md).
func TestSummaryModelFresh(t *testing.T) {
	t.Parallel()
	dir := sharedOrFailInCI(t, "data", "summarize", "neus")
	m := defaultSummaryModel
	if m.Fingerprint == nil {
		t.Fatal("summary_model.json has no fingerprint; refit with go test ./internal/brief -run TestTrainSummaryModel -train -v")
	}
	stories, err := neus.Read(dir, "train")
	if err != nil {
		t.Fatal(err)
	}
	o := SummaryOptions{}.withDefaults()
	f := newFingerprinter(o, m)
	for _, s := range stories {
		f.add(prepare([]neus.Story{s}, o)[0])
	}
	got := f.sum()
	if diff := cmp.Diff(m.Fingerprint, got); diff != "" {
		t.Errorf("summary_model.json is stale: the training rows of NeuS train's %d stories changed since it was fitted (-fitted on +now):\n%s"+
			"The candidates or their features changed (the parts that differ say which). Refit both models with\n"+
			"\tgo test ./internal/brief -run TestTrainSummaryModel -train -v\n"+
			"then check the refit with go test ./internal/brief -run TestCrossValidateSummaryModel -cv -v -timeout 30m\n"+
			"and report its figures under \"Summary: NeuS\" in docs/briefing.md.",
			len(stories), diff)
	}
}
