package demo_test

import (
	"fmt"

	"github.com/newsdesk/newsdesk/internal/demo"
)

// The lead subscribes to the wire's outlets with Sources; tests reach the
// corpus facts through Articles and Stories.
func ExampleWire_Sources() {
	w, err := demo.NewWire(nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range w.Sources("http://127.0.0.1:8080")[:2] {
		fmt.Println(s.Name, s.Lang, s.URL)
	}
	// Output:
	// The Harbor Courier en http://127.0.0.1:8080/outlets/harbor-courier/feed.xml
	// Valdria Daily Post en http://127.0.0.1:8080/outlets/daily-post/feed.xml
}
