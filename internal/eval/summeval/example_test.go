package summeval_test

import (
	"fmt"

	"github.com/newsdesk/newsdesk/internal/eval/rouge"
	"github.com/newsdesk/newsdesk/internal/eval/summeval"
)

// ROUGE compares a candidate summary with a reference on rouge-score's
// tokens: lower-cased runs of [a-z0-9].
func ExampleRougeN() {
	cand := rouge.Tokens("The storm hit the coast on Monday.")
	ref := rouge.Tokens("A storm hit the coast Monday.")
	fmt.Println(cand)
	for _, n := range []int{1, 2} {
		s := summeval.RougeN(cand, ref, n)
		fmt.Printf("ROUGE-%d P %.3f R %.3f F %.3f\n", n, s.P, s.R, s.F)
	}
	fmt.Printf("ROUGE-L F %.3f\n", summeval.RougeL(cand, ref).F)
	// Output:
	// [the storm hit the coast on monday]
	// ROUGE-1 P 0.714 R 0.833 F 0.769
	// ROUGE-2 P 0.500 R 0.600 F 0.545
	// ROUGE-L F 0.769
}
