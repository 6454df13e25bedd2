package web_test

import (
	"fmt"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/web"
)

// A citation's offsets are bytes of UTF-8 text, so "ü" counts twice.
func ExampleSplitHighlight() {
	text := "Die Brücke ist gesperrt."
	sp, ok := web.ParseHighlight("4-11")
	if !ok {
		return
	}
	h, ok := web.SplitHighlight(text, sp)
	fmt.Printf("%v %q\n", ok, h.Mark)

	// A span that ends inside "ü" is refused rather than shown broken.
	_, ok = web.SplitHighlight(text, news.Span{Start: 4, End: 7})
	fmt.Println(ok)
	// Output:
	// true "Brücke"
	// false
}
