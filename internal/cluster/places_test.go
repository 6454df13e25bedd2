package cluster

import (
	"testing"
	"time"
)

// TestOtherEvent checks on hand-made reports that a story one outlet has
// told is not joined by a report of another event of its town (see
// Config.PlaceRatio): the town's cherry fair, then its water
// restrictions a day and a half later, quoting the same mayor. The same
// report the evening of the fair's last one still joins: sharing the
// fair's own names (the mayor), it is kept apart only after a pause and
// a later day in its lead. (The other branch, a report that shares the
// town's name alone, is checked on the demo corpus by
// clustereval.TestDemoEventsApart: its cup final.)
func TestOtherEvent(t *testing.T) {
	t.Parallel()
	at := func(day, hour int) time.Time { return time.Date(2026, 3, day, hour, 0, 0, 0, time.UTC) }
	// Other stories name the town too: its name is not the fair's own.
	background := []Doc{
		{Title: "Rail line to Caldera Springs reopens after repairs", Source: 7, Time: at(1, 9),
			Text: "Trains returned to the line between Port Vell and Caldera Springs on Sunday after three weeks of track repairs, the rail operator Nordbahn said. Commuters in Caldera Springs had faced long bus journeys."},
		{Title: "Caldera Springs school wins national robotics prize", Source: 8, Time: at(1, 15),
			Text: "Pupils from Caldera Springs High won the national robotics prize in Port Vell with a machine that sorts recycling, teacher Hamid Roshan said. The Caldera Springs team beat 40 others."},
	}
	fair := []Doc{
		{Title: "Caldera Springs gets ready for a record Cherry Fair", Source: 1, Time: at(2, 8),
			Text: "Caldera Springs expects more than 20,000 visitors at its Cherry Fair this weekend, with the orchards in early bloom. Mayor Inés Parra said shuttle buses would run from the station. Growers' cooperative head Bruno Sosa said the early bloom was good for the fair but a risk for the harvest if frost came late. The fair, held since 1968, brings a parade of flower carts and a market in the square."},
		{Title: "Grandmother, 81, wins first baking contest at Caldera Springs Cherry Fair", Source: 1, Time: at(3, 18),
			Text: "Rosa Lanz, 81, won the first baking contest of the Cherry Fair in Caldera Springs on Tuesday with a cherry and almond tart. The fair goes on at the weekend with the parade of flower carts and the market in the square, where more than 20,000 visitors are expected. Mayor Inés Parra asked visitors to use the shuttle buses."},
	}
	tests := []struct {
		name  string
		doc   Doc
		ratio float64 // PlaceRatio, the default when 0
		// threadsOff turns PlaceThreads off.
		threadsOff bool
		apart      bool
		// sameThread is whether the report, apart or not, ends in the
		// fair's thread.
		sameThread bool
	}{
		// Held apart, the restrictions start a story of their own, and do
		// not continue the fair's thread through the mayor and the
		// cooperative's head (PlaceThreads).
		{name: "water restrictions a day and a half later, the same mayor", apart: true, doc: Doc{
			Title: "Caldera Springs bans garden watering as reservoir drops", Source: 1, Time: at(5, 9),
			Text: "Caldera Springs council on Thursday banned garden watering, car washing with hoses and filling pools after the Alta reservoir that serves Caldera Springs fell to 31 percent. \"It is not a time for alarm, but for saving every drop,\" Mayor Inés Parra said. Bruno Sosa of the growers' cooperative said the harvest was at risk. Fines reach 600 crowns."}},
		{name: "the same restrictions, the thread check off", threadsOff: true, apart: true, sameThread: true, doc: Doc{
			Title: "Caldera Springs bans garden watering as reservoir drops", Source: 1, Time: at(5, 9),
			Text: "Caldera Springs council on Thursday banned garden watering, car washing with hoses and filling pools after the Alta reservoir that serves Caldera Springs fell to 31 percent. \"It is not a time for alarm, but for saving every drop,\" Mayor Inés Parra said. Bruno Sosa of the growers' cooperative said the harvest was at risk. Fines reach 600 crowns."}},
		{name: "the same restrictions, the check off", ratio: -1, sameThread: true, doc: Doc{
			Title: "Caldera Springs bans garden watering as reservoir drops", Source: 1, Time: at(5, 9),
			Text: "Caldera Springs council on Thursday banned garden watering, car washing with hoses and filling pools after the Alta reservoir that serves Caldera Springs fell to 31 percent. \"It is not a time for alarm, but for saving every drop,\" Mayor Inés Parra said. Bruno Sosa of the growers' cooperative said the harvest was at risk. Fines reach 600 crowns."}},
		{name: "the same restrictions the evening of the fair's last report", sameThread: true, doc: Doc{
			Title: "Caldera Springs bans garden watering as reservoir drops", Source: 1, Time: at(3, 21),
			Text: "Caldera Springs council on Tuesday banned garden watering, car washing with hoses and filling pools after the Alta reservoir that serves Caldera Springs fell to 31 percent. \"It is not a time for alarm, but for saving every drop,\" Mayor Inés Parra said. Bruno Sosa of the growers' cooperative said the harvest was at risk. Fines reach 600 crowns."}},
		{name: "a report of the fair itself", sameThread: true, doc: Doc{
			Title: "Flower carts parade through Caldera Springs as Cherry Fair ends", Source: 2, Time: at(5, 20),
			Text: "Thousands watched the parade of flower carts close the Cherry Fair in Caldera Springs on Thursday. Mayor Inés Parra said more than 20,000 visitors came, a record. Baking contest winner Rosa Lanz, 81, rode on the first cart."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cfg := DefaultConfig()
			if tt.ratio != 0 {
				cfg.PlaceRatio = max(tt.ratio, 0)
			}
			cfg.PlaceThreads = !tt.threadsOff
			c := New(cfg)
			id := int64(0)
			add := func(d Doc) Assignment {
				id++
				d.ID = id
				return c.Add(d)
			}
			for _, d := range background {
				add(d)
			}
			var story, thread int64
			for i, d := range fair {
				a := add(d)
				if i == 0 {
					story, thread = a.StoryID, a.ThreadID
				} else if a.StoryID != story {
					t.Fatalf("fair report %q: story %d, want %d", d.Title, a.StoryID, story)
				}
			}
			a := add(tt.doc)
			if got := a.StoryID != story; got != tt.apart {
				t.Errorf("%q: story %d (score %.3f), the fair's %d; apart %v, want %v", tt.doc.Title, a.StoryID, a.Score, story, got, tt.apart)
			}
			if got := c.ThreadOf(a.StoryID) == c.ThreadOf(story); got != tt.sameThread {
				t.Errorf("%q: thread %d, the fair's %d (first %d); same thread %v, want %v", tt.doc.Title, c.ThreadOf(a.StoryID), c.ThreadOf(story), thread, got, tt.sameThread)
			}
		})
	}
}
