// Package cluster groups a stream of articles into stories as they arrive,
// and links stories that continue one another into threads.
package cluster

import "time"

// Doc is an article as the clusterer sees it.
type Doc struct {
	ID     int64
	Title  string
	Text   string
	Lang   string
	Source int64 // outlet, so that one outlet's items are not taken as corroboration
	Time   time.Time
	// Translated holds Title+Text in the desk's language when a translator
	// is configured and Lang differs; empty otherwise.
	Translated string
}

// Assignment is the clusterer's decision for one document.
type Assignment struct {
	StoryID     int64
	NewStory    bool
	ThreadID    int64
	DuplicateOf int64 // the article this one copies, 0 if none
	Score       float64
}

// Config tunes the clusterer. DefaultConfig documents the defaults.
type Config struct {
	Window time.Duration // how far back candidate stories are looked for
}

// DefaultConfig returns the configuration used everywhere: server and eval.
func DefaultConfig() Config { return Config{Window: 7 * 24 * time.Hour} }

// Clusterer is an online clusterer. It is not safe for concurrent use: one
// owner feeds it documents in time order.
type Clusterer struct {
	cfg  Config
	next int64
}

// New returns an empty clusterer.
func New(cfg Config) *Clusterer { return &Clusterer{cfg: cfg, next: 1} }

// Add assigns d to a story, creating one if none fits.
func (c *Clusterer) Add(d Doc) Assignment {
	id := c.next
	c.next++
	return Assignment{StoryID: id, NewStory: true, ThreadID: id}
}

// Restore replays a stored decision after a restart, so the clusterer's
// state survives without being saved separately.
func (c *Clusterer) Restore(d Doc, a Assignment) {
	if a.StoryID >= c.next {
		c.next = a.StoryID + 1
	}
	if a.ThreadID >= c.next {
		c.next = a.ThreadID + 1
	}
}
