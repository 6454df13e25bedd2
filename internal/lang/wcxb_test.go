package lang

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/newsdesk/newsdesk/internal/sharedpath"
)

// TestDetectWCXB checks Detect on real English pages of the WCXB set (every
// eighth page, to keep the test quick): article bodies are detected as
// English, and titles judged Reliable are rarely wrong. Run with -v for the
// figures.
func TestDetectWCXB(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob(filepath.Join(sharedpath.Dir(t, "data", "extract", "wcxb-dev", "ground-truth"), "*.json"))
	if err != nil || len(files) == 0 {
		t.Skip("wcxb-dev ground truth not present")
	}
	var bodies, bodiesEn, titlesReliable, titlesWrong int
	for i := 0; i < len(files); i += 8 {
		data, err := os.ReadFile(files[i])
		if err != nil {
			t.Fatal(err)
		}
		var gt struct {
			GroundTruth struct {
				MainContent string `json:"main_content"`
				Title       string `json:"title"`
			} `json:"ground_truth"`
		}
		if err := json.Unmarshal(data, &gt); err != nil {
			t.Fatalf("%s: %v", files[i], err)
		}
		if code, _ := Detect(gt.GroundTruth.MainContent); code != "" {
			bodies++
			if code == "en" {
				bodiesEn++
			}
		}
		if code, conf := Detect(gt.GroundTruth.Title); code != "" && Reliable(conf) {
			titlesReliable++
			if code != "en" {
				titlesWrong++
			}
		}
	}
	t.Logf("bodies: %d/%d English; titles judged reliable: %d, of which %d not English", bodiesEn, bodies, titlesReliable, titlesWrong)
	if float64(bodiesEn) < 0.98*float64(bodies) {
		t.Errorf("only %d of %d English bodies detected as English", bodiesEn, bodies)
	}
	if float64(titlesWrong) > 0.03*float64(titlesReliable) {
		t.Errorf("%d of %d reliable title detections wrong", titlesWrong, titlesReliable)
	}
}
