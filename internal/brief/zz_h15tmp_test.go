package brief

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
)

func TestH15Dump(t *testing.T) {
	in := loadInput(t, "bridge.json")
	big := Input{Story: in.Story, Sources: in.Sources}
	for i := 0; i < 60; i++ {
		a := in.Articles[i%len(in.Articles)]
		a.ID = int64(1000 + i)
		a.URL = fmt.Sprintf("%s?%d", a.URL, i)
		a.Text = strings.Repeat(a.Text+"\n\n", 6)
		big.Articles = append(big.Articles, a)
	}
	for i := 0; i < 120; i++ {
		a := in.Earlier[i%len(in.Earlier)]
		a.ID = int64(5000 + i)
		a.PublishedAt = a.PublishedAt.Add(-time.Duration(i) * 24 * time.Hour)
		big.Earlier = append(big.Earlier, a)
	}
	var outs []any
	outs = append(outs, Build(big, Options{Now: fixedNow}))
	for _, w := range []int{20, 40, 100} {
		outs = append(outs, Build(in, Options{Now: fixedNow, SummaryWords: w}))
		outs = append(outs, Summarize(in.Articles, SummaryOptions{Words: w}))
	}
	outs = append(outs, Facts(in.Articles, in.Sources, 5))
	js, _ := json.MarshalIndent(outs, "", " ")
	os.WriteFile(os.Getenv("H15OUT"), js, 0o644)
}
