package quoteeval

import (
	"bytes"
	"context"
	"os"
	"strconv"
	"testing"

	"github.com/newsdesk/newsdesk/internal/sharedpath"
)

// TestPolNeARDev guards the extractor's quality on the PolNeAR dev split.
// The floors are the goals (F1 0.90, speaker accuracy 0.88), below the
// measured figures (see docs/voices-and-figures.md). Dev is not fully held
// out: the signature rule was written after reading a dev error, and
// without it F1 is 0.896, so a change to that rule fails this test.
func TestPolNeARDev(t *testing.T) {
	t.Parallel()
	split := "dev"
	if s := os.Getenv("QUOTEEVAL_SPLIT"); s != "" {
		split = s
	}
	docs, err := LoadDir(sharedpath.Dir(t, "data", "quotes", "polnear", split))
	if err != nil {
		t.Fatal(err)
	}
	examples, _ := strconv.Atoi(os.Getenv("QUOTEEVAL_EXAMPLES"))
	res, err := Evaluate(context.Background(), docs, examples)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := res.Print(&b); err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + b.String())
	if res.F1 < 0.90 {
		t.Errorf("quote F1 = %.3f, want >= 0.90", res.F1)
	}
	if res.SpeakerAccuracy < 0.88 {
		t.Errorf("speaker accuracy = %.3f, want >= 0.88", res.SpeakerAccuracy)
	}
}
