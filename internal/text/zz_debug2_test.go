package text

import (
	"fmt"
	"os"
	"testing"
	"time"
)

func TestZZFig(t *testing.T) {
	b, err := os.ReadFile(os.Getenv("NDFIG"))
	if err != nil {
		t.Skip()
	}
	for _, f := range Figures(string(b), os.Getenv("NDLANG")) {
		fmt.Printf("%-22q %-8s %14g %-8s q=%-12s base=%g %s\n", f.Text, f.Kind, f.Value, f.Unit, f.Quantity, f.BaseValue, f.BaseUnit)
	}
}

func TestZZDate(t *testing.T) {
	s := os.Getenv("NDDATE")
	if s == "" {
		t.Skip()
	}
	ref := time.Date(2024, 3, 14, 15, 0, 0, 0, time.UTC) // Thursday
	for _, d := range Dates(s, ref) {
		fmt.Printf("%-28q %s %s rel=%v\n", d.Span.Of(s), d.Time.Format("2006-01-02 Mon"), d.Precision, d.Relative)
	}
}
