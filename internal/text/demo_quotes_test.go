package text_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/newsdesk/newsdesk/internal/demo"
	"github.com/newsdesk/newsdesk/internal/text"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestDemoQuotes pins the text and the shown speaker of every quote in
// the demo corpus's articles, as the briefing extracts them, so a change
// that gives a demo quote to another person fails here (go test -update
// to accept a deliberate change, after reading the diff). The speakers in
// the golden file were checked by hand against the articles.
func TestDemoQuotes(t *testing.T) {
	t.Parallel()
	w, err := demo.NewWire(nil)
	if err != nil {
		t.Fatalf("NewWire: %v", err)
	}
	var b strings.Builder
	for _, a := range w.Articles() {
		if a.CopyOf != "" {
			continue // the same body as the article it republishes
		}
		qs := text.Quotes(a.Body)
		if len(qs) == 0 {
			continue
		}
		fmt.Fprintf(&b, "## %s\n", a.Path)
		for _, q := range qs {
			fmt.Fprintf(&b, "%s | %s\n", q.Speaker, strings.ReplaceAll(q.Text, "\n", " "))
		}
	}
	got := b.String()
	file := filepath.Join("testdata", "demo-quotes.golden")
	if *update {
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("read golden (run go test -update): %v", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("demo quotes changed (-want +got):\n%s", diff)
	}
}
