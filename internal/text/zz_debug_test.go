package text

import (
	"fmt"
	"os"
	"testing"
)

func TestZZDebug(t *testing.T) {
	s := os.Getenv("NDTEXT")
	if s == "" {
		t.Skip()
	}
	for _, q := range QuotesLang(s, "") {
		fmt.Printf("%q speaker=%q role=%q mention=%q\n", q.Text, q.Speaker, q.Role, q.Mention.Of(s))
	}
	for _, e := range Entities(s) {
		fmt.Printf("  ent %q %s %q\n", e.Text, e.Kind, e.Title)
	}
	for _, sp := range Sentences(s) {
		fmt.Printf("  sent %q\n", sp.Of(s))
	}
}
