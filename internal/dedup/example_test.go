package dedup_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/newsdesk/newsdesk/internal/dedup"
)

func Example() {
	story := `A tanker truck overturned on the Harbor Bridge early on Friday, spilling
diesel across four lanes and injuring two drivers, the county fire department said.
Officials said the bridge would stay closed at least until Saturday while engineers
inspect the damage to the deck and the guard rails. Commuters were advised to use the
tunnel or the ferry, and extra buses were added on the river routes. The driver of
the truck was taken to a hospital with minor injuries, and the cause of the crash is
under investigation, a police spokeswoman said.`
	now := time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC)

	x := dedup.NewIndex(dedup.DefaultConfig())
	x.Add(101, dedup.Of("Bridge closed after crash\n"+story), now)

	// Another outlet reprints the wire copy under its own headline.
	id, sim, ok := x.Find(dedup.Of("Crash shuts bridge\n" + story))
	fmt.Println(id, ok, sim >= 0.6)

	_, _, ok = x.Find(dedup.Of(strings.Repeat("The council approved the new budget after a long debate. ", 6)))
	fmt.Println(ok)
	// Output:
	// 101 true true
	// false
}
