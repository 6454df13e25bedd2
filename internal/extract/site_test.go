package extract

import (
	"fmt"
	"testing"
)

// TestPublisherFromTitle wants the site's name read from a page's <title>
// when the page declares none: the segment beside the headline, before or
// after it, under every separator titles use; and no name where the
// segment is part of the headline, a byline, or the page declares its own.
func TestPublisherFromTitle(t *testing.T) {
	t.Parallel()
	const body = `<p>Firefighters evacuated 150 people from the Millbrook district overnight, after the river burst its banks following three days of heavy rain.</p>
<p>The river stood 4.2 metres above its normal level at the gauge early on Tuesday, the highest reading since records began in 1952.</p>`
	tests := []struct {
		name, head, h1 string
		want           string // "" with notWant: any name but notWant
		notWant        string
		none           bool // no name at all
	}{
		{"outlet before a colon", `<title>Northline News: Osk bursts its banks: 150 evacuated</title>`,
			`<h1>Osk bursts its banks: 150 evacuated</h1>`, "Northline News", "", false},
		{"outlet after a pipe", `<title>Army sent to flooded Lanmere as river rises | The Harbor Courier</title>`,
			`<h1>Army sent to flooded Lanmere as river rises</h1>`, "The Harbor Courier", "", false},
		{"outlet after a dash", `<title>Army sent to flooded Lanmere as river rises - Valdria Daily Post</title>`,
			`<h1>Army sent to flooded Lanmere as river rises</h1>`, "Valdria Daily Post", "", false},
		{"outlet after a double colon, masthead heading", `<title>At the shelter, flood families wait and worry :: The Eastgate Observer</title>`,
			`<h1 class="site-title"><a href="/">The Eastgate Observer</a></h1><h1>At the shelter, flood families wait and worry</h1>`, "The Eastgate Observer", "", false},
		{"the last of several segments", `<title>Army sent to flooded Lanmere as river rises | World | The Courier</title>`,
			`<h1>Army sent to flooded Lanmere as river rises</h1>`, "The Courier", "", false},
		{"declared site name wins", `<title>Army sent to flooded Lanmere as river rises | Other Name</title><meta property="og:site_name" content="Valdria Daily Post">`,
			`<h1>Army sent to flooded Lanmere as river rises</h1>`, "Valdria Daily Post", "", false},
		{"a prefix the og:title repeats is the headline's", `<title>Flood crisis: Army sent to flooded Lanmere</title><meta property="og:title" content="Flood crisis: Army sent to flooded Lanmere">`,
			`<h1>Army sent to flooded Lanmere</h1>`, "", "Flood crisis", false},
		{"a byline is no site", `<title>How to write a good newsletter with notes - by Ann Lee</title>`,
			`<h1>How to write a good newsletter with notes</h1>`, "", "by Ann Lee", false},
		// go-trafilatura's guess is then the host, which names no one.
		{"no name anywhere is no name, not the host", `<title>Army sent to flooded Lanmere as river rises</title>`,
			`<h1>Army sent to flooded Lanmere as river rises</h1>`, "", "127.0.0.1:8081", true},
		{"a long tail is no site", `<title>Army sent to flooded Lanmere | and the valley waits for the water to go down</title>`,
			`<h1>Army sent to flooded Lanmere</h1>`, "", "and the valley waits for the water to go down", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			page := fmt.Sprintf(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">%s</head><body>%s<article>%s</article></body></html>`, tc.head, tc.h1, body)
			res, err := Extract([]byte(page), "http://127.0.0.1:8081/outlets/a/story")
			if err != nil {
				t.Fatal(err)
			}
			if tc.want != "" && res.Publisher != tc.want {
				t.Errorf("Publisher = %q, want %q", res.Publisher, tc.want)
			}
			if tc.none && res.Publisher != "" {
				t.Errorf("Publisher = %q, want none", res.Publisher)
			}
			if tc.notWant != "" && res.Publisher == tc.notWant {
				t.Errorf("Publisher = %q, a segment that names no site", res.Publisher)
			}
		})
	}
}
