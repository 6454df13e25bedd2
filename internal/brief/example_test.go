package brief_test

import (
	"fmt"

	"github.com/newsdesk/newsdesk/internal/brief"
	"github.com/newsdesk/newsdesk/internal/news"
)

func ExampleSummarize() {
	articles := []news.Article{
		{ID: 1, Title: "Council approves east bank park", Text: "The city council approved a new park on the east bank on Tuesday. " +
			"The park will cost $4 million and open next spring. Residents had campaigned for it for years."},
		{ID: 2, Title: "East bank to get a park", Text: "A new park is coming to the east bank after the council approved the plan on Tuesday. " +
			"Critics said the money should go to roads instead."},
	}
	for _, it := range brief.Summarize(articles, brief.SummaryOptions{Words: 40}) {
		c := it.Citations[0]
		fmt.Printf("[%d:%d-%d] %s\n", c.ArticleID, c.Start, c.End, it.Text)
	}
	// The two leads say the same, so only one is taken: the one that shares
	// more with the other article and both headlines. The model judges that
	// any further sentence would cost more in length than it adds, so one
	// sentence stands.

	// Output:
	// [2:0-85] A new park is coming to the east bank after the council approved the plan on Tuesday.
}
