package quoteeval

import (
	"bytes"
	"context"
	"os"
	"strconv"
	"testing"

	"github.com/newsdesk/newsdesk/internal/sharedpath"
)

// Floors of TestPolNeARDev: the measured dev figures (round 7: F1
// 0.907, speaker accuracy 0.890, speaker precision 0.924) less 0.005,
// rounded down. Round 7 gave up speaker accuracy (0.899 in round 6) for
// precision: guesses became quotes shown with no speaker.
const (
	minDevF1               = 0.902
	minDevSpeaker          = 0.885
	minDevSpeakerPrecision = 0.919
)

// TestPolNeARDev guards the extractor's quality on the PolNeAR dev split,
// scored as issue 5 defines it (every gold direct quote; the shown speaker
// must be the Source or the person it names). The floors are regression
// guards: the measured figures less 0.005, rounded down to three places
// (see docs/voices-and-figures.md), so a loss of about three quotes or
// speakers fails. They are not the goals: F1 meets its goal of 0.90
// (0.907), speaker accuracy its goal of 0.88 (0.890).
// Dev is not fully held out: the signature rule and some speaker rules
// were written after reading dev errors (each speaker rule was checked on
// train, see the doc).
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
	if split != "dev" {
		return
	}
	if res.F1 < minDevF1 {
		t.Errorf("quote F1 = %.3f, want >= %.3f", res.F1, minDevF1)
	}
	if res.SpeakerAccuracy < minDevSpeaker {
		t.Errorf("speaker accuracy = %.3f, want >= %.3f", res.SpeakerAccuracy, minDevSpeaker)
	}
	if res.SpeakerPrecision < minDevSpeakerPrecision {
		t.Errorf("speaker precision = %.3f, want >= %.3f", res.SpeakerPrecision, minDevSpeakerPrecision)
	}
}
