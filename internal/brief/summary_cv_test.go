package brief_test

import (
	"flag"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/newsdesk/newsdesk/internal/brief"
	"github.com/newsdesk/newsdesk/internal/eval/neus"
	"github.com/newsdesk/newsdesk/internal/eval/rouge"
	"github.com/newsdesk/newsdesk/internal/eval/summeval"
	"github.com/newsdesk/newsdesk/internal/sharedpath"
)

var crossValidate = flag.Bool("cv", false, "cross-validate the summary model on NeuS train and score it on val")

// cvSettings are the settings docs/briefing.md's cross-validation refits
// every fold at: those the embedded model is fitted at, which the
// comparison with that model checks.
var cvSettings = brief.TrainSummarySettings

// cvFolds is the number of folds; story i is in fold i mod cvFolds.
const cvFolds = 5

// rougeSums adds up the eval's ROUGE-1 and ROUGE-2 F1 of each summary
// against its story's reference.
func rougeSums(summaries []string, stories []neus.Story) (r1, r2 float64) {
	for i, s := range summaries {
		c, r := rouge.Tokens(s), rouge.Tokens(stories[i].Target)
		r1 += summeval.RougeN(c, r, 1).F
		r2 += summeval.RougeN(c, r, 2).F
	}
	return r1, r2
}

// TestCrossValidateSummaryModel measures the summary model as
// docs/briefing.md reports it: 5-fold cross-validation on NeuS train
// (story i in fold i mod 5; each fold refits both models on the other
// four at cvSettings and scores the fifth), then the model refitted on all
// of train scored on val. It writes nothing; the refitted model must equal
// the embedded summary_model.json, so the val figures are those of
// "newsdesk eval summarize". Run with
//
//	go test ./internal/brief -run TestCrossValidateSummaryModel -cv -v -timeout 30m
func TestCrossValidateSummaryModel(t *testing.T) {
	if !*crossValidate {
		t.Skip("cross-validates the summary model only with -cv")
	}
	dir := sharedpath.Dir(t, "data", "summarize", "neus")
	train, err := neus.Read(dir, "train")
	if err != nil {
		t.Fatal(err)
	}
	val, err := neus.Read(dir, "val")
	if err != nil {
		t.Fatal(err)
	}
	ps := brief.PrepareSummaryStories(train)
	var pooled1, pooled2, folds1, folds2 float64
	for f := range cvFolds {
		inFold := func(i int) bool { return i%cvFolds == f }
		var held []neus.Story
		for i, s := range train {
			if inFold(i) {
				held = append(held, s)
			}
		}
		m := ps.Filter(func(i int) bool { return !inFold(i) }).Fit(cvSettings)
		r1, r2 := rougeSums(ps.Filter(inFold).Summaries(m), held)
		n := float64(len(held))
		t.Logf("fold %d (%d stories): ROUGE-1 %.4f ROUGE-2 %.4f", f, len(held), r1/n, r2/n)
		pooled1, pooled2 = pooled1+r1, pooled2+r2
		folds1, folds2 = folds1+r1/n/cvFolds, folds2+r2/n/cvFolds
	}
	n := float64(len(train))
	t.Logf("CV train, mean over %d stories: ROUGE-1 %.4f ROUGE-2 %.4f (mean of the folds' means %.4f / %.4f)",
		len(train), pooled1/n, pooled2/n, folds1, folds2)

	m := ps.Fit(cvSettings)
	r1, r2 := rougeSums(brief.PrepareSummaryStories(val).Summaries(m), val)
	t.Logf("val, refitted on all of train (%d stories): ROUGE-1 %.4f ROUGE-2 %.4f", len(val), r1/float64(len(val)), r2/float64(len(val)))
	// The fingerprint is only the training's record of its rows
	// (TestSummaryModelFresh); Fit does not compute it.
	embedded := brief.EmbeddedSummaryModel()
	embedded.Fingerprint = nil
	if diff := cmp.Diff(embedded, m); diff != "" {
		t.Errorf("the model refitted on all of train differs from summary_model.json (-embedded +refitted):\n%s", diff)
	}
}
