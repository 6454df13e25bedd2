package extract

import (
	"regexp"
	"strings"
)

// Thresholds of the tail trimmer (trimTail). Set on WCXB-dev's even half,
// checked on the odd half and on Scrapinghub.
const (
	// tailMax: the trimmer cuts at most this share of the body's words,
	// so a stray match high in the body cannot take the article with it.
	tailMax = 0.3
	// tailShort: a line of at most this many words (a title, a form
	// field, a name) may sit between the boilerplate lines of a trailing
	// run without ending it.
	tailShort = 8
	// teaserHeadMax: a teaser heading ("Related posts") has at most this
	// many words.
	teaserHeadMax = 10
	// teaserTitleMax and teaserTitleShare: a teaser list is a run in
	// which this share of the lines are titles: at most teaserTitleMax
	// words and no closing full stop, or a blurb cut with an ellipsis.
	teaserTitleMax   = 15
	teaserTitleShare = 0.7
	// boilerMax and bioMax: the longest paragraph read as a boilerplate
	// line (a newsletter prompt, a tag list, a disclosure) or as an
	// author's bio.
	boilerMax = 60
	bioMax    = 120
	// Teaser cards (trimCards): a trailing run of at least cardTitles
	// titles that are links (cardLinkShare of their words), each
	// followed by at most cardGap lines of at most cardBlurbMax words
	// (a blurb, a date), may take up to cardMax of the body: a list of
	// linked titles is evidence no run of prose gives, so it gets a
	// higher limit than tailMax.
	cardTitles    = 4
	cardLinkShare = 0.8
	cardGap       = 2
	cardBlurbMax  = 120
	cardMax       = 0.5
)

// teaserHead matches a heading that introduces links to other pages
// rather than a section of the article: "Related posts", "You may also
// like", "More from <site>:", "Lesen Sie auch". The whole line must be
// the phrase (plus a short "from …" tail), so that "Recommended approach"
// or "Related work in the field" stay.
var teaserHead = regexp.MustCompile(`(?i)^(related( (posts?|articles?|stories|reading|reads|content|guides?|links|resources))?|read (more|next|also)|also read|see also|you (may|might|will) (also )?(like|love|enjoy|be interested in)|more (stories|articles|posts|like this)|more\s+(from|on|in)\s+[^.?!]{1,60}|recommended( (for you|reading|articles|posts|stories))?|also in the news|discover more|explore more|up next|popular (posts|articles|stories)|(latest|recent|similar|trending|more) (posts|articles|stories|news)|further reading|keep reading|other (articles|posts|stories)( you may (like|enjoy))?|good articles to read together|lesen sie auch|mehr zum thema|das könnte sie auch interessieren|weitere artikel|à lire aussi|lire aussi|articles similaires|artículos relacionados|te puede interesar|leia também|leggi anche)(\s+(from|on|in|by|about|at)\s+[^.?!]{1,60})?\s*[:.…!»→-]*\s*$`)

// boilerLine matches the lines a site appends to every article: newsletter
// and follow prompts, tag lines, affiliate disclosures, an author box's
// heading, form fields. Copyright lines are not among them: news sets'
// truths keep the agency's line ("© 2019 Associated Press").
var boilerLine = regexp.MustCompile(`(?i)^(subscribe|sign up|join|get)\b[^.!?]{0,80}\b(newsletter|mailing list|updates|inbox)\b|\b(our|my) (free |weekly |daily |monthly |email )?(newsletter|mailing list)\b|^(subscribe|sign up)( (now|today|here))?\s*[:.!]*$|\bunsubscribe\b|^(follow (us|me)|share (this|on))\b|^(tags?|filed under|categories|category|posted in|topics)\s*:|^(disclosure|disclaimer)\s*:|qualifying purchases|contains? affiliate links|affiliate links (are|is) used|^(about the author|written by|by the author)\b|this field is (for validation|hidden)|^(email|e-mail|name|first name|last name|phone|company)\s*\*?$|^[\p{L} ]{1,30}\s*\*$`)

// authorBio matches an author's bio: a full name, then "is a … writer" (or
// editor, reporter, …) in the same sentence; a director, producer or
// founder only "at" or "for" an outlet. A closing sentence about someone
// in the story ("Lee is the director of the institute", "She was the
// founder of the food bank") is not a bio: it names no one by full name
// as a writer, or speaks of the past.
var authorBio = regexp.MustCompile(`^(?:\p{Lu}[\p{L}\p{N}_.'’-]* ){2,4}is (?:a|an|the)\b[^.]{0,120}\b(?:(?:writer|editor|journalist|reporter|contributor|author|correspondent|columnist|blogger|freelancer|editor-in-chief)\b|(?:director|producer|photographer|founder) (?:at|for)\b)`)

// tailCue reports whether a paragraph of n words is a teaser heading, a
// boilerplate line or an author's bio.
func tailCue(s string, n int) bool {
	return n <= teaserHeadMax && teaserHead.MatchString(s) ||
		n <= boilerMax && boilerLine.MatchString(s) ||
		n <= bioMax && authorBio.MatchString(s)
}

// titleLike reports whether a paragraph of n words reads as a teaser's
// title or blurb rather than a sentence of the article.
func titleLike(s string, n int) bool {
	if strings.HasSuffix(s, "...") || strings.HasSuffix(s, "…") {
		return true
	}
	// A sentence may end inside its quotation marks or brackets.
	s = strings.TrimRight(s, `"'”’»)]`)
	return n <= teaserTitleMax && !strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "?") && !strings.HasSuffix(s, "!")
}

// trimTail cuts a trailing run of what a reader sees as not the article:
// boilerplate lines, bios and teaser headings with the short lines between
// them; and a teaser heading with the list of titles under it. The run is
// read from the end and never takes more than tailMax of the body's words,
// or cardMax for a run of linked teaser cards (trimCards).
func trimTail(body []para) []para {
	n := len(body)
	if n < 2 {
		return body
	}
	text := make([]string, n)
	words := make([]int, n)
	total := 0
	for i, p := range body {
		text[i] = strings.TrimSpace(p.text)
		words[i] = wordCount(text[i])
		total += words[i]
	}
	maxCut := tailMax * float64(total)
	best := n
	// A run of cues and short title-like lines: cut at its earliest cue. A
	// teaser heading needs a line under it: a review may end on its
	// verdict, "Recommended".
	for i, w := n-1, 0; i >= 0; i-- {
		w += words[i]
		if tailCue(text[i], words[i]) && (i < n-1 || !teaserHead.MatchString(text[i])) {
			if float64(w) <= maxCut {
				best = i
			}
			continue
		}
		if words[i] > tailShort || !titleLike(text[i], words[i]) {
			break
		}
	}
	// A teaser heading over a list of titles, whatever the list says.
	for i, w := n-1, 0; i > 0; i-- {
		w += words[i]
		if float64(w) > maxCut {
			break
		}
		if i >= best || i == n-1 || words[i] > teaserHeadMax || !teaserHead.MatchString(text[i]) {
			continue
		}
		titles := 0
		for j := i + 1; j < n; j++ {
			if titleLike(text[j], words[j]) {
				titles++
			}
		}
		if float64(titles) >= teaserTitleShare*float64(n-i-1) {
			best = i
		}
	}
	if c := trimCards(body, text, words, total); c < best {
		best = c
	}
	if best == 0 {
		return body
	}
	return body[:best]
}

// trimCards returns where a trailing run of teaser cards starts (a linked
// title, then its blurb or date; or linked titles alone), or len(body) if
// the body does not end in one. An article's own section headings are not
// links; a run longer than cardMax is cut only as far as cardMax allows.
func trimCards(body []para, text []string, words []int, total int) int {
	n := len(body)
	best, titles, gap, w := n, 0, 0, 0
	for i := n - 1; i > 0; i-- {
		if body[i].linkShare >= cardLinkShare && words[i] > 0 && words[i] <= teaserTitleMax && titleLike(text[i], words[i]) {
			titles++
			gap = 0
		} else {
			gap++
			if gap > cardGap || words[i] > cardBlurbMax {
				break
			}
		}
		w += words[i]
		if gap == 0 && titles >= cardTitles && float64(w) <= cardMax*float64(total) {
			best = i
		}
	}
	return best
}
