package cluster

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestDevelops checks the split at a new development on hand-made
// reports: a bridge closed on Monday 2 March 2026 and reported by three
// outlets, then a report that leads with something new.
func TestDevelops(t *testing.T) {
	t.Parallel()
	at := func(day, hour int) time.Time { return time.Date(2026, 3, day, hour, 0, 0, 0, time.UTC) }
	const body = " Council leader Petra Olsen said the bridge would stay closed until repairs were planned. " +
		"\"We will not take risks with people's lives,\" Olsen said. Engineer Tomasz Wilk of Ardent Structures " +
		"said the cracks were found during a routine inspection of the Marrow River bridge. About 12,000 vehicles " +
		"cross the bridge each day, and drivers face a detour of 20 kilometres through Kestrel Ford."
	closed := []Doc{
		{Title: "Harlow bridge closed after engineers find cracks", Source: 1, Time: at(2, 8),
			Text: "The Marrow River bridge in Harlow was closed to all traffic on Monday after engineers found cracks in two of its supports, the county council said." + body},
		{Title: "Cracks close Marrow River bridge in Harlow", Source: 2, Time: at(2, 10),
			Text: "Harlow's Marrow River bridge was shut on Monday when inspectors found cracks in two supports." + body},
		{Title: "Harlow's Marrow bridge shut as inspectors find cracks", Source: 3, Time: at(2, 12),
			Text: "Drivers in Harlow face long detours after the Marrow River bridge was closed on Monday." + body},
	}
	const later = " Council leader Petra Olsen said the Marrow River bridge in Harlow could take cars again by spring. " +
		"Engineer Tomasz Wilk of Ardent Structures said the cracked supports could be repaired. " +
		"Drivers still face a detour of 20 kilometres through Kestrel Ford."
	plan := Doc{Title: "Harlow council agrees plan to reopen bridge to cars by spring", Source: 4, Time: at(5, 16),
		Text: "Harlow's county council agreed on Thursday a plan to reopen the Marrow River bridge." + later}
	tests := []struct {
		name    string
		outlets int           // of the closure's reports, from the first
		edit    func(d *Doc)  // the follow-up, from plan
		cfg     func(*Config) // from DefaultConfig
		split   bool
	}{
		{name: "a new development after a pause", outlets: 3, split: true},
		{name: "the same day: one more report", outlets: 3, edit: func(d *Doc) {
			d.Time = at(2, 20)
			d.Text = "Harlow's county council agreed on Monday a plan to reopen the Marrow River bridge." + later
		}},
		{name: "two outlets: not yet a story of its own", outlets: 2},
		{name: "the headline repeats the story's", outlets: 3, edit: func(d *Doc) {
			d.Title = "Harlow bridge closed after cracks found"
		}},
		{name: "the lead dates nothing after the story", outlets: 3, edit: func(d *Doc) {
			d.Text = "Harlow's county council has a plan to reopen the Marrow River bridge, closed on Monday." + later
		}},
		{name: "23 hours are less than a day's pause", outlets: 3, edit: func(d *Doc) {
			d.Time = at(3, 11)
			d.Text = "Harlow's county council agreed on Tuesday a plan to reopen the Marrow River bridge." + later
		}},
		{name: "a shorter pause", outlets: 3, edit: func(d *Doc) {
			d.Time = at(3, 11)
			d.Text = "Harlow's county council agreed on Tuesday a plan to reopen the Marrow River bridge." + later
		}, cfg: func(c *Config) { c.DevelopPause = 12 * time.Hour }, split: true},
		{name: "off", outlets: 3, cfg: func(c *Config) { c.DevelopSources = 0 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cfg := DefaultConfig()
			if tt.cfg != nil {
				tt.cfg(&cfg)
			}
			c := New(cfg)
			var docs []Doc
			var as []Assignment
			add := func(d Doc) Assignment {
				d.ID = int64(len(docs) + 1)
				a := c.Add(d)
				docs, as = append(docs, d), append(as, a)
				return a
			}
			for _, d := range closed[:tt.outlets] {
				if a := add(d); a.StoryID != 1 {
					t.Fatalf("closure report %q: story %d, want 1", d.Title, a.StoryID)
				}
			}
			d := plan
			if tt.edit != nil {
				tt.edit(&d)
			}
			a := add(d)
			if got := a.StoryID != 1; got != tt.split {
				t.Fatalf("follow-up: story %d (new %v, score %.3f); split %v, want %v", a.StoryID, a.NewStory, a.Score, got, tt.split)
			}
			if a.ThreadID != 1 || c.ThreadOf(a.StoryID) != 1 {
				t.Errorf("follow-up: thread %d (ThreadOf %d), want the closure's, 1", a.ThreadID, c.ThreadOf(a.StoryID))
			}
			if !tt.split {
				return
			}
			// A second report of the development joins its story, not
			// the closure's, nor a third.
			second := Doc{Title: "Marrow River bridge in Harlow to reopen by spring under council plan", Source: 5, Time: at(5, 18),
				Text: "A plan agreed on Thursday by Harlow's county council will reopen the Marrow River bridge to cars by spring." + later}
			if b := add(second); b.StoryID != a.StoryID {
				t.Errorf("second report of the development: story %d, want %d", b.StoryID, a.StoryID)
			}
			// Restore replays the split from the assignments alone.
			r := New(cfg)
			for i, d := range docs {
				r.Restore(d, as[i])
			}
			for _, id := range []int64{1, a.StoryID} {
				if got, want := r.ThreadOf(id), c.ThreadOf(id); got != want {
					t.Errorf("restored: ThreadOf(%d) = %d, want %d", id, got, want)
				}
			}
			next := Doc{ID: 99, Title: "Harlow bridge repairs begin", Source: 1, Time: at(6, 9),
				Text: "Repairs began on Friday on the Marrow River bridge in Harlow." + later}
			if diff := cmp.Diff(c.Add(next), r.Add(next)); diff != "" {
				t.Errorf("restored: next decision differs (-added +restored):\n%s", diff)
			}
		})
	}
}
