package cluster_test

import (
	"fmt"
	"time"

	"github.com/newsdesk/newsdesk/internal/cluster"
)

func Example() {
	c := cluster.New(cluster.DefaultConfig())
	at := time.Date(2024, 5, 4, 8, 0, 0, 0, time.UTC)
	report := "Firefighters battled a blaze at the Harbor Mills warehouse on Dock Road in Portsmouth overnight, " +
		"and Fire Chief Dana Reyes said 40 firefighters fought the flames for six hours before bringing them under control. " +
		"No injuries were reported, but the warehouse, which stored paper for the Norland Press, was destroyed. " +
		"Investigators from the state fire marshal's office were at the scene on Saturday, and Dock Road stayed closed to traffic."
	docs := []cluster.Doc{
		{ID: 1, Source: 1, Time: at, Title: "Fire destroys Portsmouth warehouse", Text: report},
		{ID: 2, Source: 2, Time: at.Add(time.Hour), Title: "Blaze guts Harbor Mills warehouse", Text: report}, // wire copy
		{ID: 3, Source: 3, Time: at.Add(2 * time.Hour), Title: "Bakery fire in Lisbon Falls",
			Text: "A fire broke out at the Sunrise Bakery on Main Street in Lisbon Falls early Saturday, and Fire Chief Omar Hale said 12 firefighters " +
				"put it out within an hour. The owner, Grace Lin, said the ovens had been switched off the night before."},
		{ID: 4, Source: 4, Time: at.Add(5 * time.Hour), Title: "Portsmouth warehouse fire under investigation",
			Text: "The state fire marshal is investigating the overnight fire that destroyed the Harbor Mills warehouse on Dock Road in Portsmouth. " +
				"Chief Dana Reyes said the Norland Press paper stock fed the flames."},
	}
	for _, d := range docs {
		a := c.Add(d)
		fmt.Printf("article %d: story %d new=%v copy of %d\n", d.ID, a.StoryID, a.NewStory, a.DuplicateOf)
	}
	// Output:
	// article 1: story 1 new=true copy of 0
	// article 2: story 1 new=false copy of 1
	// article 3: story 2 new=true copy of 0
	// article 4: story 1 new=false copy of 0
}

// A report weeks later is too late to join its story and names too few of
// its people and places to rejoin it (see Config.ArchiveNames), but enough
// to continue the story's thread, and Related offers the earlier story as
// its background.
func ExampleClusterer_Related() {
	c := cluster.New(cluster.DefaultConfig())
	at := time.Date(2024, 5, 4, 8, 0, 0, 0, time.UTC)
	fire := c.Add(cluster.Doc{ID: 1, Source: 1, Time: at, Title: "Fire destroys Portsmouth warehouse",
		Text: "Firefighters battled a blaze at the Harbor Mills warehouse on Dock Road in Portsmouth overnight. " +
			"Fire Chief Dana Reyes said the warehouse, which stored paper for the Norland Press, was destroyed."})
	c.Add(cluster.Doc{ID: 2, Source: 2, Time: at.Add(time.Hour), Title: "Council approves school budget",
		Text: "The Portsmouth city council approved the school budget on Friday after a long debate over teacher pay."})
	charge := c.Add(cluster.Doc{ID: 3, Source: 3, Time: at.AddDate(0, 0, 40), Title: "Arson charge in Harbor Mills fire",
		Text: "A former employee was charged with arson over the fire that destroyed the Harbor Mills warehouse " +
			"in Portsmouth. Chief Dana Reyes said investigators found traces of petrol."})
	fmt.Println("new story:", charge.NewStory, "| same thread:", charge.ThreadID == fire.ThreadID)
	fmt.Println("background:", c.Related(charge.StoryID, 3))
	// Output:
	// new story: true | same thread: true
	// background: [1]
}
