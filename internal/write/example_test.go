package write_test

import (
	"fmt"

	"github.com/newsdesk/newsdesk/internal/write"
)

func ExampleVerify() {
	sources := []write.Source{
		{N: 1, Text: "The council approved a $2.3 billion budget on Tuesday."},
		{N: 2, Text: "The union did not endorse it."},
	}
	for _, d := range []write.Draft{
		{Text: "On Tuesday the council approved a $2.3 billion budget.", Cites: []int{1}},
		{Text: "The council approved a $3 billion budget.", Cites: []int{1}},
		{Text: "The union endorsed it.", Cites: []int{2}},
		{Text: "The council approved a budget.", Cites: nil},
	} {
		fmt.Println(write.Verify(d, sources))
	}
	// Output:
	// <nil>
	// unsupported: figure "$3 billion" is not in a cited span
	// unsupported: asserts "endorsed", which the cited spans negate
	// unsupported: cites no span
}
