package extract_test

import (
	"fmt"

	"github.com/newsdesk/newsdesk/internal/extract"
)

func ExampleExtract() {
	page := []byte(`<html lang="en"><head>
<title>Ferry returns to service | Harbour Times</title>
<meta property="og:site_name" content="Harbour Times">
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Ferry returns to service",
"datePublished":"2024-05-01T07:00:00Z","author":{"@type":"Person","name":"Lea Park"}}</script>
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Ferry returns to service</h1>
<p>The island ferry returned to service on Wednesday after a month in dry dock, the operator said.</p>
<p>"Passengers can book again from today," a spokeswoman said, adding that the timetable is unchanged.</p>
</article>
<footer>© Harbour Times</footer>
</body></html>`)
	res, err := extract.Extract(page, "https://harbour.example/ferry")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.Title)
	fmt.Println(res.Byline, "|", res.Publisher, "|", res.Published.Format("2006-01-02"), "|", res.Lang)
	fmt.Println(res.Text)
	// Output:
	// Ferry returns to service
	// Lea Park | Harbour Times | 2024-05-01 | en
	// The island ferry returned to service on Wednesday after a month in dry dock, the operator said.
	//
	// "Passengers can book again from today," a spokeswoman said, adding that the timetable is unchanged.
}
