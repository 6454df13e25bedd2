// Package cluster groups a stream of articles into stories as they arrive,
// and links stories that continue one another into threads.
//
// It is a single-pass clusterer with the cues an editor uses: the words of
// an article and its title, the people, places and organisations it names,
// the numbers it states, and when it was published. Each story keeps a
// centroid of each cue. A new article is compared only with stories that
// share one of its names or rarest words (an inverted index) and are still
// active (a sliding time window), so the cost of an article does not grow
// with the archive. Copies of earlier articles are found first with MinHash
// (package dedup) and join their original's story.
package cluster

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"time"

	"github.com/newsdesk/newsdesk/internal/dedup"
	"github.com/newsdesk/newsdesk/internal/lang"
)

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
	// Year is the year the article was published by another sign than its
	// time, 0 if unknown: its address's path ("/2013/06/06/", see URLYear)
	// dates a page whose time the feed or the page did not give. It is
	// read only when Time is zero, in place of the year of the latest full
	// date the text writes (see era).
	Year int
}

// Assignment is the clusterer's decision for one document.
type Assignment struct {
	StoryID     int64
	NewStory    bool
	ThreadID    int64
	DuplicateOf int64 // the article this one copies, 0 if none
	Score       float64
	// MergedWith is a thread that ThreadID became one with when this
	// article joined its story (see mergeThreads), 0 if none. The merged
	// thread keeps the lower (older) of the two IDs, for every story of
	// both; ThreadOf reports it. Restore needs no such field when given
	// the assignments Add returned (the pipeline stores each article's
	// ThreadID for that): re-fed, the article merges them again. Given
	// each story's final thread instead, thread centroids would be rebuilt
	// in another order and later thread decisions could differ.
	MergedWith int64
}

// Config tunes the clusterer. DefaultConfig documents the defaults; the
// server and every evaluation use them unchanged.
type Config struct {
	// Window is how far from its nearest article in time a story can still
	// take an article. Default 30 days: a fifth of the
	// same-incident follow-ups in the gun-violence stream come more than a
	// week after the previous report; the time penalty keeps old stories
	// from taking look-alike new events.
	Window time.Duration
	// ThreadWindow is how long a story stays known after its last article,
	// for linking later stories into its thread and for Related. Default 60
	// days. Memory is bounded by the stories active within it.
	ThreadWindow time.Duration
	// Threshold is the least score for an article to join a story. Default
	// 0.14, chosen on gva-stream-2013-2015.
	Threshold float64
	// ThreadThreshold is the least thread score (see threadScore) for a
	// story to continue an earlier story's thread. Default 0.14, the join
	// threshold (see docs/clustering.md for how it was checked).
	ThreadThreshold float64
	// ThreadNameWeight is the weight of names in the thread score, the
	// rest going to words. Default 0.6: two look-alike events (two
	// shootings in two cities) share words but not names, while the next
	// turn of a story brings its people and places back.
	ThreadNameWeight float64
	// ThreadNames is how many names a story must share with a thread, each
	// belonging to the thread (see ThreadSpecific), to continue it: one
	// common name (a country, a city, a president) links look-alike events.
	// Default 3. 0 turns the check off.
	ThreadNames int
	// ThreadSpecific decides when a name belongs to a thread: when at most
	// ThreadSpecific times the thread's articles, among the last DFDocs
	// articles, carry it. Default 1.
	ThreadSpecific float64
	// ThreadMerge is the least thread score for a story to merge its
	// thread with another that it also continues (see mergeThreads), the
	// name check applying as for a link. Default 0.14, the link threshold;
	// 0 turns merging off.
	ThreadMerge float64
	// ThreadTopicNames is how many topic names of a thread (see
	// topicNames) a new story's first article must carry to continue the
	// thread without the name check, given a thread score of at least
	// ThreadTopicScore. A name is a topic name of a thread when the thread
	// holds at least ThreadTopicMin of the recent articles carrying it and
	// at least ThreadTopicShare of them. Defaults 2, 0.1, 10 and 0.5;
	// ThreadTopicNames 0 turns the rule off.
	ThreadTopicNames int
	ThreadTopicScore float64
	ThreadTopicMin   int
	ThreadTopicShare float64
	// ThreadVotes is how many of a new story's candidate stories must lie
	// in one thread for the story to continue it with a thread score of
	// only ThreadVoteScore, the name check still applying (see
	// voteThread). Defaults 3 and 0.07; ThreadVotes 0 turns the rule off.
	ThreadVotes     int
	ThreadVoteScore float64
	// ThreadWeakLinks is how many of a new story's candidates' threads its
	// article must pass the name check with, each at a thread score of at
	// least ThreadWeakScore, to continue the best of them (see
	// weakThread). Defaults 3 and 0.05; ThreadWeakLinks 0 turns the rule
	// off.
	ThreadWeakLinks int
	ThreadWeakScore float64
	// ThreadLeadNames is how many of the names a story shares with a
	// thread (those the name check counts) its articles' headlines and
	// leads must give when a grown story links or merges by its centroids
	// (see sharesThreadNames). 0 turns the check off.
	ThreadLeadNames int
	// ThreadSideNames is how many of those shared names the thread must
	// give prominently for such a link or merge: in a headline or lead of
	// one of its stories, or in at least half of its counted articles (see
	// sharesThreadNames). The story's leads alone let the demo's mayoral
	// election into the marathon's thread through the two candidates,
	// whom the marathon names in one side paragraph of one of its three
	// reports. 0 turns the check off.
	ThreadSideNames int
	// ThreadMergeTopics is how many topic names (see topicNames) each of
	// two threads must hold that the other's recent articles never name
	// for a merge between them to be refused (see distinctTopics). Default
	// 2, as ThreadTopicNames; 0 turns the guard off.
	ThreadMergeTopics int
	// DevelopSources, DevelopPause and DevelopWords split a story at a new
	// development (see develops): a report at least DevelopPause after the
	// last article of a story that at least DevelopSources outlets have
	// covered, whose headline gives at least DevelopWords words none of
	// the story's headlines gives and whose headline or lead names a later
	// day than the story's last article, starts a new story in the
	// story's thread. Defaults 3 outlets, a day and 3 words; DevelopSources
	// 0 turns the split off.
	DevelopSources int
	DevelopPause   time.Duration
	DevelopWords   int
	// PlaceRatio keeps apart two events of one place (a town's festival,
	// its water restrictions, its team's cup final): a story that fewer
	// than DevelopSources outlets have covered is not joined by a report
	// whose headline shares with the story's headlines only names that
	// articles outside the story carry too (the town), whose text agrees
	// with the story's at least PlaceRatio times as much in names as in
	// words (the town and its people, not what happened), and which
	// either shares no name that only the story's articles carry or
	// comes after DevelopPause with a lead that dates a later day (see
	// otherEvent). Words are compared only in one language: the report
	// translated, or the story holding an article of its language.
	// Default 2.25; 0 turns the check off.
	PlaceRatio float64
	// PlaceHistory is how many articles the clusterer must have seen for
	// document frequency alone to tell a place from an event's name in
	// PlaceRatio's check. A handful of pages with no history (the
	// one-shot brief of three URLs) has no article outside a story to
	// carry the town's name, so every shared headline name looked like
	// the event's own and the town's festival took its water
	// restrictions. Until then the report itself counts as an article
	// outside the story that carries the name; the ratio of names to
	// words and the later day still have to agree (docs/clustering.md,
	// "Events of one place in a handful of pages"). Default 10; 0 turns
	// it off.
	PlaceHistory int
	// PlaceThreads keeps a report that PlaceRatio held apart from a story,
	// as another event of its place, out of that story's thread too when
	// it starts a story of its own: the town's people that the two share
	// (its mayor, a local outlet's regular voices) are what held it apart,
	// and say nothing of a continuation, since its headline shares only
	// the town with the story's (docs/clustering.md, "Three events of one
	// town: the thread"). A later report of the new story may still link
	// it (relink). Default true.
	PlaceThreads bool
	// RelatedMin is the least cosine between two stories' names for Related
	// to offer one as the other's background, outside a thread. Default
	// 0.25.
	RelatedMin float64

	// Weights of the cues in the score; see score. Defaults 0.5, 0.3, 0.1
	// and 0.1, set by hand (see docs/clustering.md).
	WordWeight   float64 // cosine of words (body and title)
	EntityWeight float64 // cosine of names
	NumberWeight float64 // cosine of numbers and calendar days
	TitleWeight  float64 // cosine of titles
	// The score is divided by 1 + TimePenalty*log2(1 + gap/TimeScale),
	// where gap is the time to the story's nearest article: a story is more
	// likely continued the next day than the next week, but strong evidence
	// (the same names, numbers and dates) still carries a report weeks
	// later. Defaults 3 days and 0.5.
	TimeScale   time.Duration
	TimePenalty float64
	// UnknownGap is the gap assumed when the article or the story has no
	// time: not knowing when something happened is weaker evidence than
	// knowing it happened the same day. Default 3 days (one TimeScale).
	UnknownGap time.Duration

	// DFDocs is how many recent articles the document frequencies of words
	// are counted over, and how many are remembered for copy detection.
	// Default 5,000.
	DFDocs int
	// Candidates is how many stories, found through shared keys, are scored
	// in full. Default 15.
	Candidates int
	// CentroidTerms bounds each centroid of a story or thread: past twice
	// this many terms it is cut back to its heaviest CentroidTerms. Default
	// 150.
	CentroidTerms int
	// IndexKeys is how many of an article's heaviest words index its story,
	// besides all its names. Default 12.
	IndexKeys int
	// MaxPosting skips index keys shared by more stories than this: they
	// pick out nothing, and would make retrieval cost grow with the window.
	// Default 150.
	MaxPosting int
	// MaxStories bounds the stories held, whatever their times (articles
	// without dates never age out). Default 50,000.
	MaxStories int
	// UndatedHold is how many articles later a story none of whose
	// articles has a time can still take one: the join window in articles
	// for the stories Window cannot age. Undated pages arrive together
	// (a back-catalogue crawled at once, a feed without dates), and a
	// story left behind by the next UndatedHold articles is as closed as a
	// dated one past Window; held on, it takes the look-alike event of
	// another year (a star's second rehab stay). Default 80 (see
	// docs/clustering.md, "Undated articles"); 0 holds them open.
	UndatedHold int
	// UndatedKeep is how many articles a story past ThreadWindow is still
	// held for while undated articles are arriving (one of the last
	// UndatedKeep articles had no time): an undated report cannot be
	// placed in time, so for it the age of a story in time says nothing,
	// and the dated articles' clock forgetting the story it reports
	// (its dated twin, filed years before the clock's newest article)
	// leaves it to start a story of its own or to join the look-alike
	// event still held. A story is then forgotten once it is past
	// ThreadWindow and UndatedKeep articles have come since its last
	// change, so memory stays bounded in articles. Dated articles still
	// join only within Window. A stream of dated articles (the pipeline
	// always has a time) is not affected. Default 5,000, the document
	// frequencies' depth (DFDocs): a story whose last article is still
	// counted there (see docs/clustering.md, "Undated reports of
	// forgotten stories"); 0 forgets by time alone.
	UndatedKeep int
	// NamesOnlyWeight is the weight of the names' cosine in the score of
	// an undated article against a dated story past Window, which keeps
	// only its names (its word, number and title centroids are dropped,
	// see sweep). Its names are then all the evidence left, and at
	// EntityWeight they could reach the threshold only with a names
	// cosine near 0.5 or more, below what the report of a story filed
	// years before the dated clock's newest article shares with it
	// (0.34-0.67 on ecbplus-dev), while the other event of its topic,
	// still held whole, scores on its words. Default 0.4, chosen on
	// ecbplus-dev's even topics (docs/clustering.md, "Undated reports of
	// forgotten stories"); 0 weighs the names at EntityWeight as for any
	// story.
	NamesOnlyWeight float64

	// GapRelief softens the time discount when the names match: the
	// penalty is multiplied by 1 - GapRelief*cos(names), so an arrest or a
	// vigil weeks later that names the same people and places still joins,
	// while a look-alike event with other names is discounted in full.
	// Default 0.6, chosen on gva-stream-2013-2015; 0 turns it off.
	GapRelief float64
	// FurnitureTitle is the least share of its title's words that a body
	// copied from an earlier one must contain to count as the article: below
	// it the body is taken for page furniture (a sign-up wall served in
	// place of many articles), it makes no copy, and the article is read
	// from its title alone. Only bodies of at most FurnitureWords words are
	// checked. Defaults 0.2 and 200; 0 trusts every body.
	FurnitureTitle float64
	FurnitureWords int
	// ThinWords extends the furniture check to bodies that copy nothing:
	// a body of at most ThinWords words that contains less than
	// FurnitureTitle of its title's words (the first sign-up wall of its
	// kind, a video playlist, an unrelated article served under the
	// headline) is read from its title alone too. Default 100; 0 trusts
	// every body that copies nothing. Longer bodies that stray from their
	// headline are mostly still the article (see docs/clustering.md).
	ThinWords int
	// TitleThreshold is the join threshold when the article is read from
	// its title alone (furniture, a thin body, no body at all) or the
	// story's articles all were: a headline of eight words shares few
	// words with a story's full text, so the same report scores about
	// half what its body would (0.05-0.13 in gva-stream's split
	// follow-ups). Default 0.10, chosen on one half of gva-stream; 0
	// keeps Threshold for them.
	TitleThreshold float64
	// YearConflict discounts the score by this share when the article and
	// the story were written in different years and one side's time is
	// unknown (see yearConflict). Default 0.2 (see docs/clustering.md).
	YearConflict float64
	// YearAdjacent takes this share off the YearConflict discount when
	// one of the story's years it compares is one year off the article's
	// (see yearConflict). Default 0.25 (0.2 becomes 0.15), chosen on
	// ecbplus-dev (round 12 of issue 4 in docs/clustering.md); 0 turns it
	// off.
	YearAdjacent float64
	// DatelineWindow lifts yearConflict from an undated article whose
	// text writes a full date ("12 January 2010") within this of a dated
	// story's first to last article: a report of a December escape
	// written in January is of another year, not of another event, and
	// its date says how near it is (see datelineNear). Default 60 days
	// (round 14 of issue 4 in docs/clustering.md); 0 turns it off.
	DatelineWindow time.Duration
	// YearlessConflict discounts the score by this share when the
	// article's year is known (its time, its address or its dateline) and
	// the story gives none at all: none of its articles is dated or gives
	// a dateline, and none of its texts writes a year, not even in
	// passing (see yearless). YearConflict has nothing to compare then,
	// and the article would give the story its year; a story of that
	// year's event mostly writes the year somewhere, a look-alike event's
	// story of another era need not. Only undated stories can be
	// yearless, so a fully dated stream never sees it. Default 0.3,
	// chosen on one half of ecbplus-dev (see docs/clustering.md); 0 turns
	// it off.
	YearlessConflict float64
	// YearlessSeveral replaces YearlessConflict when at least two
	// reports of the story (copies not counted) give no year: one report
	// that writes none may just not have said it, several that all keep
	// silent about it are a story of another era, as ECB's undated 2008
	// election reports are against a 2013 report dated "26 September
	// 2013" that shares their country, parliament and vote. Default 0.6
	// (see docs/clustering.md); 0 keeps YearlessConflict for every story.
	YearlessSeveral float64
	// WrittenYearConflict discounts the score by this share when the
	// article is undated and its text gives its year in a full date
	// ("26 September 2013"), while no article of the story is dated or
	// gives a dateline, yet their texts write years, none of them the
	// article's (see writtenYearConflict). ECB+'s look-alike events are
	// years apart, and their undated stories write the years around their
	// own event ("2006" for the 2008 Turkmen elections), never the other
	// event's. Default 0.25, chosen on ecbplus-dev (see
	// docs/clustering.md); 0 turns it off.
	WrittenYearConflict float64
	// WrittenYearDated applies WrittenYearConflict to a dated article
	// too: its date's year, against a story that gives no year of its own
	// but whose texts write years, none of them that one.
	WrittenYearDated bool
	// PersonAges leaves out of the age rules an age that the noun after
	// it gives to a thing ("a 41-year-old double murder case"; see
	// thingAge). Off reads every "N-year-old".
	PersonAges bool
	// YearRival discounts by this share the score of a story none of
	// whose articles is dated or gives a dateline, for an undated article
	// whose year another candidate confirms (see yearRival): that story,
	// scoring at least YearRivalScore times Threshold, has an article of
	// the year the article's dateline or address gives, and is joined if
	// it is then the best, even under Threshold. Two look-alike events
	// years apart, one told by a story of the article's year, the other
	// by a story that gives no year of its own. Default 0.5 and 0.5,
	// chosen on one half of ecbplus-dev (see docs/clustering.md); 0 turns
	// it off. Only an undated article meets it.
	YearRival      float64
	YearRivalScore float64
	// YearRivalConflict applies the YearRival discount also to a story
	// of another year than the article's (see rivalConflict) when the
	// rival scores at least the threshold. Default on (round 14 of issue
	// 4 in docs/clustering.md).
	YearRivalConflict bool
	// AnchorThreshold is the join threshold for a story that shares an
	// incident anchor with the article (a street address, a person named
	// with an age; see anchors.go), when it is below the usual one: two
	// incidents seldom share one, and a follow-up naming the arrested man
	// or the victim's family shares few other words with the first
	// report. Default 0.08, chosen on one half of gva-stream; 0 turns it
	// off.
	AnchorThreshold float64
	// StreetConflict discounts the score by this share when the article
	// and the story both give street addresses and none of the article's
	// streets is one of the story's: two shootings in one city share its
	// words and its police, not the street, while a follow-up repeats the
	// incident's address or gives none. Default 0.5, chosen on one half of
	// gva-stream; 0 turns it off.
	StreetConflict float64
	// AgeThreshold is the join threshold for the best candidate story
	// when it gives an age the article gives ("a 7-year-old girl") and the
	// article gives at most three ages (more is a round-up of several
	// incidents): the age of the victim is what a follow-up repeats when
	// it names the accused instead of the victim. It only lets the best
	// story join at a lower score, never another one. Default 0.10, the
	// headline-only threshold's level, chosen on one half of gva-stream;
	// 0 turns it off.
	AgeThreshold float64
	// AgeConflict discounts the score by this share when the article's
	// headline and the story's headlines both give an age ("a
	// 10-year-old") and neither side's headline age is given anywhere on
	// the other side: a headline names the victim by age, and a report of
	// the same incident repeats it (or the story gave it in its text),
	// while a look-alike incident in the same city has another child.
	// Default 0.5, the street discount's share (0.2-0.5 tie on one half
	// of gva-stream); 0 turns it off.
	AgeConflict float64
	// NameConflict discounts the score by this share when one side's
	// time is unknown and the article and the story name different
	// events: at least NameConflictShare of the article's lead names are
	// missing from the story, and at least that share of the story's
	// lead names (those most of its articles give in their leads) are
	// missing from the article (see nameConflict). Two look-alike events
	// (one chain's two store fires, one team's two injured players) share
	// their words and generic names, not the town or the player; without
	// a time the time discount cannot tell them apart. Defaults 0.3 and
	// 0.5, chosen on one half of ecbplus-dev (the only set with undated
	// articles); NameConflict 0 turns it off.
	NameConflict      float64
	NameConflictShare float64
	// NameConflictYear leaves out the name conflict between a dated
	// article and an undated story whose datelines give the article's
	// year (see nameConflict). Default on (round 14 of issue 4 in
	// docs/clustering.md).
	NameConflictYear bool
	// CountConflict discounts the score by this share when the article's
	// headline and the story's headlines both count victims ("4 teens
	// shot", "Five are shot") and share no count: a look-alike shooting
	// in one city is told by its toll, while a report of the same one
	// repeats it. Mild, as a follow-up revises the toll ("death toll
	// rises to four"). Default 0.1, chosen on one half of gva-stream; 0
	// turns it off.
	CountConflict float64
	// FigureConflict discounts the score by this share when the
	// article's headline or lead and the story's give a figure of one
	// kind, a game's score ("31-24") or a quake's magnitude ("6.1 on the
	// Richter scale"), and share none of that kind (see figures.go): a
	// team's two wins, a region's two quakes. A report of the same event
	// repeats the figure. Default 0.5, chosen on one half of ecbplus-dev;
	// 0 turns it off.
	FigureConflict float64
	// MagnitudeSlack is how many tenths apart two magnitudes of one quake
	// may be for FigureConflict: agencies and revisions differ by a few
	// tenths (one 2005 Iran quake at 5.9 and 6.1; a 2008 one at 5.6, and
	// 5.4 by the USGS in a report giving 5.2 by Iran's own count), while a
	// region's two quakes usually differ by more (5.6 against 5.9-6.1
	// there). Default 2, the least that joins that report (3 and 4 give
	// the same figures; docs/clustering.md); 0 to 1000.
	MagnitudeSlack int
	// AmountSlack is how many tenths of a decade apart two amounts of
	// money of one event may be for FigureConflict: default 5, a factor of
	// about 3. One heist's reports in ecbplus-dev span 85 million euros to
	// $160 million (3 tenths apart); 3, 5 and 8 gave the same figures
	// (docs/clustering.md); 0 to 1000.
	AmountSlack int
	// HeadNameConflict discounts the score by this share when one side's
	// time is unknown and the article's headline names a two-word name
	// the story never names, or the story's first headline one the
	// article never names (see newHeadName): the first report of a
	// look-alike event leads with its own man (a boxer's other
	// opponent, a team's other player). Default 0.2, found by reading ECB+'s crossings (see
	// docs/clustering.md); 0 turns it off.
	HeadNameConflict float64
	// HeadNameEvery reads newHeadName's second way (a name of the
	// story's first headline the article never names) only when the
	// article names none of that headline's two-word names: a run of
	// capitals gives pairs across two names ("Saints RB" of "New Orleans
	// Saints RB Reggie Bush") that a report of the story's event, naming
	// "Reggie Bush" and "New Orleans", need not write. Default on (round
	// 14 of issue 4 in docs/clustering.md); off fires on any one missing.
	HeadNameEvery bool
	// HeadlineWords is the most words a title may have to be read as a
	// headline by newHeadName and leadMissing (a longer title gives them
	// no headline names). Many ECB+ titles are a report's first
	// sentence ("The notorious party girl, who makes headlines for ...,
	// had checked into the Promises Treatment Centre in Malibu, ..."),
	// which names the places and people around the event, not the one it
	// is about. Default 15 (15 and 20 measure the same;
	// docs/clustering.md); 0, as in a Config{} literal, reads no title
	// as a headline.
	HeadlineWords int
	// LeadNameConflict discounts the score by this share when the
	// article has no time and gives no year (era 0) and the story's first
	// headline, in sentence case, has two-word names its reports carry,
	// none of which the article's headline and lead write, whole or by
	// the last word (see leadMissing): a report of the story's event leads
	// with the story's man, a look-alike's report leads with its own and
	// names the story's in passing (the other running back, the other
	// bidder). Default 0.5, found on ECB+'s crossings (docs/clustering.md,
	// round 13); 0 turns it off.
	LeadNameConflict float64
	// OfficeConflict discounts the score by this share when the article
	// and the story name one post (a qualified "Secretary" or "Minister":
	// "Interior Secretary", "Prime Minister", "Secretary of State") held
	// by people who share no name (see offices.go): one person holds such
	// a post at a time, so the two texts are of two administrations. A
	// holder marked as past or second ("former", "then-", "deputy",
	// "shadow" ...: notHolderMarks) is not read; a side naming two
	// holders of a post does not read it; one post agreeing clears the
	// rest; read only while one side is undated. Default 0.7 (0.55 to 0.9
	// measure the same), found on ECB+'s crossing of a rule's making into
	// the story of its reversal (docs/clustering.md, round 16); 0 turns
	// it off.
	OfficeConflict float64
	// StreetMentions is how many street names a story keeps from its
	// articles' text, with or without a house number, for the street
	// discount: when the article's address is on a street the story names
	// anywhere, or the story's on one the article names, they are not
	// on different streets (a report of a brawl between two streets gives
	// the block on either). Default 16; 0 compares addresses only.
	StreetMentions int
	// TollThreshold is the join threshold for the best candidate story
	// when the article's headline or lead (its first 300 bytes) and the
	// story's give the same toll of at least three victims ("4 wounded"
	// and "Four injured"; "3 people found fatally shot" and "the bodies
	// of three people found shot to death") and their addresses are not
	// on different streets: a report of the same incident repeats its
	// count in other words. It only lets the best story join at a lower
	// score, never another one. Default 0.11, chosen on one half of
	// gva-stream; 0 turns it off.
	TollThreshold float64

	// ArchiveWindow is how long after its last article a story past the
	// join window can still take a late follow-up (an arrest, a trial, a
	// sentencing) that names its people again (see rejoin); a forgotten
	// story keeps only its two-word names for it, so memory is bounded by
	// this window. ArchiveStories bounds the forgotten stories kept,
	// earliest forgotten dropped first. Defaults two years (730 days: a
	// trial, a conviction or a sentence often comes a year or two after
	// the crime; see docs/clustering.md) and 100,000; ArchiveWindow 0
	// turns rejoining off.
	ArchiveWindow  time.Duration
	ArchiveStories int
	// ArchiveNames is how many two-word names a late follow-up must share
	// with the story, and ArchiveWholeNames how many whole names they
	// must make up at least: two incidents share a city, a police chief or
	// a spokesman, seldom three people and places. Two-word names that
	// share a word are one name ("House Budget" and "Budget Committee", or
	// "Representative Paul" and "Paul Ryan"), so that two political names
	// of a budget row do not pass for four people and places of one
	// incident. Each must be carried by at most ArchiveRare recent
	// articles besides the story's own, and each of its words written as
	// a name (capitalised inside a sentence) in at least 1/ArchiveCase of
	// the recent articles that use it, so that page furniture ("Close
	// Image") and common words ("Short") do not count. Defaults 4, 3, 0
	// and 2, chosen on one half of gva-stream with basil and gva-stream's
	// thread purity as guards (see docs/clustering.md); 3 names alone
	// rejoined more on gva-stream but let a small stream's settlement
	// rejoin the leak it settles by three names. ArchiveWholeNames 0
	// counts pairs only.
	ArchiveNames int
	// ArchiveMixedNames replaces ArchiveNames, when larger, for a
	// follow-up whose rare names (see ArchiveRare) belong to more than
	// one story past the window: a report naming the people of two
	// stories may link them (a settlement of a lawsuit over a leak)
	// rather than continue one. 0 keeps ArchiveNames.
	ArchiveMixedNames int
	ArchiveWholeNames int
	ArchiveRare       int
	ArchiveCase       float64
	// ArchiveCore lets a late follow-up rejoin a story of at least
	// ArchiveCoreArticles articles by fewer names than ArchiveNames: this
	// many whole names, each carried by at least half of the story's
	// articles and by at most 1/ArchiveCoreShare as many other recent
	// articles (see coreName). A shooting's charge reported over ten
	// times names the accused and the company in every report; its
	// hearing three months on names both again. Defaults 2, 8 and 3,
	// chosen on the even half of ecbplus-dev (round 12 of issue 4 in
	// docs/clustering.md); 0 turns it off, as does ArchiveCoreShare 0
	// the share test.
	ArchiveCore         int
	ArchiveCoreArticles int
	ArchiveCoreShare    int

	// Dedup configures copy detection; its window should equal Window.
	Dedup dedup.Config
}

// DefaultConfig returns the configuration used everywhere: server and eval.
func DefaultConfig() Config {
	dc := dedup.DefaultConfig()
	dc.Window = 30 * 24 * time.Hour
	return Config{
		Window:              30 * 24 * time.Hour,
		ThreadWindow:        60 * 24 * time.Hour,
		Threshold:           0.14,
		ThreadThreshold:     0.14,
		ThreadNames:         3,
		ThreadSpecific:      1,
		ThreadMerge:         0.14,
		ThreadTopicNames:    2,
		ThreadTopicScore:    0.1,
		ThreadTopicMin:      10,
		ThreadTopicShare:    0.5,
		ThreadVotes:         3,
		ThreadVoteScore:     0.07,
		ThreadWeakLinks:     3,
		ThreadWeakScore:     0.05,
		ThreadLeadNames:     1,
		ThreadSideNames:     1,
		ThreadMergeTopics:   2,
		ThreadNameWeight:    0.6,
		RelatedMin:          0.25,
		DevelopSources:      3,
		DevelopPause:        24 * time.Hour,
		DevelopWords:        3,
		PlaceRatio:          2.25,
		PlaceHistory:        10,
		PlaceThreads:        true,
		WordWeight:          0.5,
		EntityWeight:        0.3,
		NumberWeight:        0.1,
		TitleWeight:         0.1,
		TimeScale:           3 * 24 * time.Hour,
		TimePenalty:         0.5,
		UnknownGap:          3 * 24 * time.Hour,
		DFDocs:              5000,
		Candidates:          15,
		CentroidTerms:       150,
		IndexKeys:           12,
		MaxPosting:          150,
		MaxStories:          50_000,
		UndatedHold:         80,
		UndatedKeep:         5000,
		NamesOnlyWeight:     0.4,
		GapRelief:           0.6,
		FurnitureTitle:      0.2,
		FurnitureWords:      200,
		ThinWords:           100,
		TitleThreshold:      0.10,
		YearConflict:        0.2,
		YearAdjacent:        0.25,
		DatelineWindow:      60 * 24 * time.Hour,
		HeadNameEvery:       true,
		YearRivalConflict:   true,
		NameConflictYear:    true,
		YearlessConflict:    0.3,
		YearlessSeveral:     0.6,
		WrittenYearConflict: 0.25,
		WrittenYearDated:    true,
		PersonAges:          true,
		YearRival:           0.5,
		YearRivalScore:      0.5,
		AnchorThreshold:     0.08,
		StreetConflict:      0.5,
		AgeThreshold:        0.10,
		AgeConflict:         0.5,
		CountConflict:       0.1,
		NameConflict:        0.3,
		NameConflictShare:   0.5,
		FigureConflict:      0.5,
		MagnitudeSlack:      2,
		AmountSlack:         5,
		HeadlineWords:       15,
		HeadNameConflict:    0.2,
		LeadNameConflict:    0.5,
		OfficeConflict:      0.7,
		StreetMentions:      heldMentions,
		TollThreshold:       0.11,
		ArchiveWindow:       730 * 24 * time.Hour,
		ArchiveStories:      100_000,
		ArchiveNames:        3,
		ArchiveMixedNames:   4,
		ArchiveRare:         0,
		ArchiveCase:         2,
		ArchiveWholeNames:   3,
		ArchiveCore:         2,
		ArchiveCoreArticles: 8,
		ArchiveCoreShare:    3,
		Dedup:               dc,
	}
}

// maxSlack bounds MagnitudeSlack and AmountSlack: figures are uint16
// codes, and a slack past the span of a kind's codes turns its check off,
// which FigureConflict 0 says plainly.
const maxSlack = 1000

// Validate reports the settings of the figure and headline rules that
// cannot work.
func (c Config) Validate() error {
	var errs []error
	if c.MagnitudeSlack < 0 || c.MagnitudeSlack > maxSlack {
		errs = append(errs, fmt.Errorf("magnitude slack must be 0 to %d, got %d", maxSlack, c.MagnitudeSlack))
	}
	if c.AmountSlack < 0 || c.AmountSlack > maxSlack {
		errs = append(errs, fmt.Errorf("amount slack must be 0 to %d, got %d", maxSlack, c.AmountSlack))
	}
	if c.HeadlineWords < 0 {
		errs = append(errs, fmt.Errorf("headline words must not be negative, got %d", c.HeadlineWords))
	}
	return errors.Join(errs...)
}

// centroid is a running sum of unit vectors with its squared norm, kept as
// a vector sorted by hash: compact, and compared with an article by a merge.
type centroid struct {
	t  vector
	n2 float64
}

// add sums v (sorted by hash) into the centroid. When the centroid holds
// more than twice limit terms, only the limit heaviest are kept: the tail of
// a long story's vocabulary adds little to a cosine, and unpruned it would
// make memory and cost grow with the story.
func (c *centroid) add(v vector, limit int) {
	out := make(vector, 0, len(c.t)+len(v))
	i, j := 0, 0
	for i < len(c.t) || j < len(v) {
		switch {
		case j == len(v) || i < len(c.t) && c.t[i].h < v[j].h:
			out = append(out, c.t[i])
			i++
		case i == len(c.t) || v[j].h < c.t[i].h:
			out = append(out, v[j])
			j++
		default:
			out = append(out, term{c.t[i].h, c.t[i].w + v[j].w})
			i++
			j++
		}
	}
	if limit > 0 && len(out) > 2*limit {
		slices.SortFunc(out, byWeight)
		out = append(vector(nil), out[:limit]...)
		slices.SortFunc(out, byHash)
	}
	c.t = out
	c.n2 = 0
	for _, t := range out {
		c.n2 += t.w * t.w
	}
}

// cos is the cosine between a unit vector sorted by hash and the centroid.
func (c *centroid) cos(v vector) float64 {
	if c.n2 <= 0 || len(v) == 0 {
		return 0
	}
	return dot(v, c.t) / math.Sqrt(c.n2)
}

// weight returns the centroid's weight for h.
func (c *centroid) weight(h uint64) float64 {
	i := sort.Search(len(c.t), func(i int) bool { return c.t[i].h >= h })
	if i < len(c.t) && c.t[i].h == h {
		return c.t[i].w
	}
	return 0
}

// dot multiplies two vectors sorted by hash.
func dot(a, b vector) float64 {
	var s float64
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i].h < b[j].h:
			i++
		case a[i].h > b[j].h:
			j++
		default:
			s += a[i].w * b[j].w
			i++
			j++
		}
	}
	return s
}

type story struct {
	id, thread   int64
	title        string
	first, last  time.Time // zero when no article had a time
	touched      int64     // sequence number of the last change, for MaxStories
	articles     int       // non-duplicate articles
	bodies       int       // non-duplicate articles read from their body, not their title alone
	total        int       // articles, copies included, still counted in the document frequencies
	sources      map[int64]bool
	words, ents  centroid
	nums, titles centroid
	keys         map[uint64]bool // index keys the story is posted under
	names        map[uint64]string
	// years counts its articles by era (see era): dated ones by their
	// time's year, undated ones by their text's dateline year (negative).
	// Mostly one entry, so a slice rather than a map.
	years []yearCount
	// written holds the years its articles' texts write, sorted, for
	// writtenYearConflict.
	written []int
	// pairs counts its articles carrying each of its first heldPairs
	// two-word names, sorted by name: what a late follow-up is matched
	// with (see rejoin), kept after the story is forgotten.
	pairs []pairCount
	// archivedAt is when (c.seq) the story was forgotten and kept in the
	// archive, 0 while it is held.
	archivedAt int64
	// develops is set when the story began as a new development of a
	// story of its thread (see develops): its thread is that story's, and
	// it merges no other (see mergeThreads).
	develops bool
	// anchors are the first heldAnchors incident anchors of its articles,
	// sorted (see anchors.go).
	anchors []uint64
	// streets are the first heldStreets street names of its articles'
	// addresses; ages the ages its articles give.
	streets []string
	ages    ages
	// titleAges are the ages its articles' headlines give, titleCounts
	// the victim counts.
	titleAges   ages
	titleCounts ages
	// leadNames counts the names of its articles' leads (see conflict.go).
	leadNames []nameCount
	// mentions are the first StreetMentions streets its articles name
	// (see streetMentions); tolls the victim counts of their headlines
	// and leads.
	mentions []string
	tolls    ages
	// figures are the first heldFigures scores and magnitudes of its
	// articles' headlines and leads (see figures.go).
	figures []uint16
	// offices are the first heldOffices posts its articles name with
	// their holders, as "post|holder", sorted (see offices.go).
	offices []string
	// langs are the first heldLangs languages of its articles (primary
	// subtags), for otherEvent's word comparison.
	langs []string
	// headPairs are the two-word names of its title (its first article's
	// headline) and headSentence whether the title is in sentence case,
	// read when first needed (headRead) and not kept in snapshots: the
	// title is (see storyHeadPairs).
	headPairs    []pairRef
	headSentence bool
	headRead     bool
}

type docRec struct {
	id      int64
	story   int64
	st      *story // the story, so its thread's count can drop when the article leaves the frequencies
	dupOf   int64
	dfTerms []uint64
	// ents, entsEnd bound the names among dfTerms, for the thread's
	// name counts.
	ents, entsEnd int
}

// Clusterer is an online clusterer. It is not safe for concurrent use: one
// owner feeds it documents in time order.
type Clusterer struct {
	cfg    Config
	next   int64
	seq    int64
	newest time.Time
	// undatedSeq is the sequence number of the last article without a
	// time (0: none yet), for UndatedKeep.
	undatedSeq int64
	stories    map[int64]*story
	threads    map[int64]*thread
	posting    map[uint64][]int64
	df         map[uint64]int
	dfQueue    []docRec // the last DFDocs articles, oldest first
	docs       map[int64]*docRec
	copies     *dedup.Index
	// votes is scratch space for candidates, reused from article to article.
	votes map[int64]float64
	// scores is scratch space for decide's candidates' scores.
	scores []float64
	// indexed holds the dated stories, held or archived, that have
	// two-word names, by ID; archIndex their IDs by name; archQueue the
	// archived ones in the order they were forgotten (see archive.go).
	indexed   map[int64]*story
	archIndex map[uint64][]int64
	archQueue []archivedStory
}

// New returns an empty clusterer.
func New(cfg Config) *Clusterer {
	return &Clusterer{
		cfg:     cfg,
		next:    1,
		stories: map[int64]*story{},
		threads: map[int64]*thread{},
		posting: map[uint64][]int64{},
		df:      map[uint64]int{},
		docs:    map[int64]*docRec{},
		copies:  dedup.NewIndex(cfg.Dedup),
		votes:   map[int64]float64{},

		indexed:   map[int64]*story{},
		archIndex: map[uint64][]int64{},
	}
}

// prepared is a document weighted against the clusterer's current state.
type prepared struct {
	raw
	words, ents, nums, title vector // sorted by hash
	top                      vector // the heaviest IndexKeys words
	// furniture is set when the body copies an earlier body under an
	// unrelated title: a sign-up wall or a cookie notice, not the article.
	// The document is then read from its title alone.
	furniture bool
	// titleOnly is set when the document is read from its title alone
	// (furniture, a thin body or none): it joins at TitleThreshold.
	titleOnly bool
	// cands are the candidate stories, found before the document is
	// applied, kept for the thread merge check (see mergeThreads).
	cands    []*story
	hasCands bool
	// scores are decide's scores of cands, before the year rival's
	// discount, -Inf where it scored none (see developsThread); nil in
	// Restore.
	scores []float64
	// pairs are its two-word names, sorted by hash.
	pairs []pairRef
	// anchors are its incident anchors, sorted (see anchors.go),
	// streets the names of the streets of its addresses and ages the
	// ages it gives.
	anchors []uint64
	streets []string
	ages    ages
	// titleAges are the ages its headline gives, titleCounts the victim
	// counts.
	titleAges   ages
	titleCounts ages
	// leadNames are the names of its headline and lead (see conflict.go).
	leadNames []leadName
	// apart are the threads of the candidate stories that otherEvent held
	// it apart from (see Config.PlaceThreads).
	apart []int64
	// mentions are the streets it names, tolls the victim counts of its
	// headline and lead.
	mentions []string
	tolls    ages
	// figures are the scores and magnitudes of its headline and lead.
	figures []uint16
	// offices are the posts it names with their holders (see offices.go).
	offices []string
	// headPairs are the two-word names of its headline, read when first
	// needed (headRead): only an undated side asks (see newHeadName);
	// headShort is whether its title is short enough to be a headline.
	headPairs []pairRef
	headRead  bool
	headShort bool
	// leadEnts are the names, one and two words, of its headline and
	// lead (see leadMissing), read when first needed (leadEntsRead).
	leadEnts     map[uint64]float64
	leadEntsRead bool
	// leadDays are the calendar days its headline and lead name (see
	// develops), read by lead on first use (leadRead): only a report
	// past the pause after a story of several outlets asks.
	leadDays map[uint64]float64
	leadRead bool
}

// lead returns the calendar days d's headline and lead name (leadDays),
// read once.
func (p *prepared) lead(d Doc) map[uint64]float64 {
	if !p.leadRead {
		p.leadDays, p.leadRead = leadDays(d), true
	}
	return p.leadDays
}

func (c *Clusterer) prepare(d Doc) prepared {
	r := extract(d)
	furniture := c.furniture(d, &r)
	thin := !furniture && c.thin(d, &r)
	if furniture || thin {
		fp := r.fp
		d.Text, d.Translated = "", ""
		r = extract(d)
		r.fp = fp
	}
	n := float64(len(c.dfQueue))
	idf := func(h uint64) float64 {
		return math.Log((n + 2) / (float64(c.df[h]) + 1))
	}
	p := prepared{
		raw:   r,
		words: weigh(r.words, idf),
		ents:  weigh(r.ents, idf),
		nums:  weigh(r.nums, idf),
		title: weigh(r.title, unit),
	}
	p.top = heaviest(p.words, c.cfg.IndexKeys)
	p.pairs = pairNames(&r)
	p.furniture = furniture
	p.titleOnly = furniture || thin || r.fp.Words == 0
	if c.cfg.AnchorThreshold > 0 || c.cfg.StreetConflict > 0 {
		p.anchors, p.streets = anchors(d.Title, d.Text)
	}
	if c.cfg.AgeThreshold > 0 || c.cfg.AgeConflict > 0 {
		read := textAges
		if c.cfg.PersonAges {
			read = personAges
		}
		p.ages = read(d.Title, d.Text)
		p.titleAges = read(d.Title)
	}
	if c.cfg.CountConflict > 0 {
		p.titleCounts = headlineCounts(d.Title)
	}
	if c.cfg.NameConflict > 0 || c.cfg.ThreadLeadNames > 0 {
		// Both the name conflict and the thread link of a grown story
		// (see sharesThreadNames) read the lead names.
		p.leadNames = leadNames(d, &r)
	}
	if c.cfg.StreetMentions > 0 && c.cfg.StreetConflict > 0 {
		p.mentions = streetMentions(d.Title, d.Text)
	}
	if c.cfg.TollThreshold > 0 {
		p.tolls = tolls(d.Title, d.Text)
	}
	if c.cfg.FigureConflict > 0 {
		p.figures = figures(d.Title, d.Text)
	}
	if c.cfg.OfficeConflict > 0 {
		// otherHolder compares every post of the article with the
		// story's for each candidate; the story keeps heldOffices, and
		// so does the article.
		p.offices = offices(d.Title, d.Text)
		p.offices = p.offices[:min(len(p.offices), heldOffices)]
	}
	return p
}

// furniture reports whether d's body is page furniture rather than the
// article: many sites serve a sign-up wall or a notice in place of the
// text, and such bodies match each other across unrelated stories. The
// sign is a body that copies an earlier one yet hardly mentions its own
// title's words; a wire copy under a new headline still tells the story
// the headline names.
func (c *Clusterer) furniture(d Doc, r *raw) bool {
	if c.cfg.FurnitureTitle <= 0 || r.fp.Words > c.cfg.FurnitureWords {
		return false
	}
	if _, _, ok := c.copies.Find(r.fp); !ok {
		return false
	}
	return strays(d, c.cfg.FurnitureTitle)
}

// thin reports whether d's body, though it copies nothing, is too short
// and too far from its title to be the article: the first sign-up wall of
// its kind, a video playlist, a subscription notice.
func (c *Clusterer) thin(d Doc, r *raw) bool {
	if c.cfg.FurnitureTitle <= 0 || r.fp.Words == 0 || r.fp.Words > c.cfg.ThinWords {
		return false
	}
	return strays(d, c.cfg.FurnitureTitle)
}

// strays reports whether d's body contains less than share of its title's
// words.
func strays(d Doc, share float64) bool {
	title := raw{words: map[uint64]float64{}}
	scan(headline(d.Title), &title, true, false)
	if len(title.words) == 0 {
		return false
	}
	body := raw{words: map[uint64]float64{}}
	scan(d.Text, &body, true, false)
	shared := 0
	for h := range title.words {
		if body.words[h] > 0 {
			shared++
		}
	}
	return float64(shared) < share*float64(len(title.words))
}

func unit(uint64) float64 { return 1 }

// Add assigns d to a story, creating one if none fits.
func (c *Clusterer) Add(d Doc) Assignment {
	p := c.prepare(d)
	a := c.decide(d, &p)
	a.MergedWith = c.apply(d, &p, a)
	return a
}

// Reserve makes the clusterer number new stories and threads past id: a
// rebuild from the articles left after retention learns only the IDs they
// name, and must not give a pruned story's ID again.
func (c *Clusterer) Reserve(id int64) {
	if id >= c.next {
		c.next = id + 1
	}
}

// Restore replays a stored decision after a restart, so the clusterer's
// state survives without being saved separately. Re-fed in their original
// order, the articles leave the clusterer exactly as Add left it.
func (c *Clusterer) Restore(d Doc, a Assignment) {
	if a.StoryID == 0 {
		return
	}
	p := c.prepare(d)
	if a.ThreadID == 0 {
		// Stored without a thread: keep the story's own.
		a.ThreadID = a.StoryID
		if s := c.stories[a.StoryID]; s != nil {
			a.ThreadID = s.thread
		} else if s := c.indexed[a.StoryID]; s != nil && s.archivedAt != 0 {
			a.ThreadID = s.thread // revived (see rejoin)
		}
	}
	c.apply(d, &p, a)
}

func (c *Clusterer) decide(d Doc, p *prepared) Assignment {
	if orig, _, ok := c.copies.Find(p.fp); ok && !p.furniture {
		if rec := c.docs[orig]; rec != nil && c.stories[rec.story] != nil {
			s := c.stories[rec.story]
			dup := orig
			if rec.dupOf != 0 {
				dup = rec.dupOf
			}
			return Assignment{StoryID: s.id, ThreadID: s.thread, DuplicateOf: dup, Score: 1}
		}
	}
	var best, anchored, developed *story
	bestScore, anchoredScore, developedScore := math.Inf(-1), math.Inf(-1), math.Inf(-1)
	cands := c.candidates(p)
	p.cands, p.hasCands = cands, true
	// Scored first, then chosen among: whether a candidate confirms an
	// undated article's year changes the others' scores (see yearRival).
	scores := c.scores[:0]
	for range cands {
		scores = append(scores, math.Inf(-1))
	}
	c.scores = scores
	p.scores = scores
	var rivalStory *story
	rivalScore := math.Inf(-1)
	for i, s := range cands {
		if !c.joinable(d, s) {
			continue
		}
		if c.otherEvent(d, p, s) {
			if c.cfg.PlaceThreads {
				p.apart = append(p.apart, s.thread)
			}
			continue
		}
		scores[i] = c.score(d, p, s)
		if c.yearRival(d, p, s, scores[i]) {
			if scores[i] > rivalScore || scores[i] == rivalScore && s.id < rivalStory.id {
				rivalStory, rivalScore = s, scores[i]
			}
		}
	}
	for i, s := range cands {
		sc := scores[i]
		if math.IsInf(sc, -1) {
			continue
		}
		if rivalStory != nil && (len(s.years) == 0 || c.rivalConflict(d, p, s, rivalStory, rivalScore)) {
			// No article of s is dated or gives a dateline: a year
			// its texts write in passing is not its own. Or s is of
			// another year while the rival, of the article's, would
			// take it on its own score.
			sc *= 1 - c.cfg.YearRival
		}
		if c.develops(d, p, s) {
			// A new development of s joins no story of s's: it starts
			// one in the thread of s (the best such story by score), or
			// joins a story another report of it already started.
			if sc >= c.threshold(p, s) && (sc > developedScore || sc == developedScore && s.id < developed.id) {
				developed, developedScore = s, sc
			}
			continue
		}
		if sc > bestScore || sc == bestScore && s.id < best.id {
			best, bestScore = s, sc
		}
		if len(p.anchors) > 0 && (sc > anchoredScore || sc == anchoredScore && s.id < anchored.id) && sharesAnchor(p.anchors, s.anchors) {
			anchored, anchoredScore = s, sc
		}
	}
	join := best != nil && bestScore >= c.threshold(p, best)
	if !join && rivalStory != nil && rivalStory == best {
		// The best story confirms the article's year: a report of
		// its event, which shares fewer words than the look-alike's.
		join = true
	}
	if !join && anchored != nil && c.cfg.AnchorThreshold > 0 && anchoredScore >= c.cfg.AnchorThreshold {
		// No story reaches the usual threshold, but one shares an address
		// or a named person's age with the article: the same incident,
		// told with other words (see Config.AnchorThreshold).
		best, bestScore, join = anchored, anchoredScore, true
	}
	if !join && best != nil && c.cfg.AgeThreshold > 0 && bestScore >= c.cfg.AgeThreshold &&
		p.ages.count() <= roundUpAges && p.ages.shares(best.ages) {
		// The best story gives the victim's age the article gives.
		join = true
	}
	if !join && best != nil && c.cfg.TollThreshold > 0 && bestScore >= c.cfg.TollThreshold && sharesToll(p.tolls, best.tolls) &&
		(c.cfg.StreetConflict == 0 || !c.streetConflict(p, best)) {
		// The best story counts the victims the article counts.
		join = true
	}
	if join {
		a := Assignment{StoryID: best.id, ThreadID: best.thread, Score: bestScore}
		if th := c.threads[best.thread]; th != nil && th.id == best.id && th.stories == 1 {
			a.ThreadID = c.relink(best, th, cands)
		}
		return a
	}
	var sc float64
	if best != nil {
		sc = bestScore
	}
	if developed != nil {
		return Assignment{StoryID: c.next, NewStory: true, ThreadID: developed.thread, Score: developedScore}
	}
	// A late follow-up of a story past the window that names its people
	// and places again.
	if s := c.rejoin(d, p); s != nil {
		return Assignment{StoryID: s.id, ThreadID: s.thread, Score: sc}
	}
	id := c.next
	a := Assignment{StoryID: id, NewStory: true, ThreadID: id, Score: sc}
	// A new story: does it continue the thread of one of the candidates?
	if th := c.continues(d.Time, p, cands); th != 0 {
		a.ThreadID = th
	}
	return a
}

// threshold is the least score for p to join s: TitleThreshold when
// either side is known only by its headlines (see Config.TitleThreshold),
// Threshold otherwise. A story begun by a sign-up wall is as hard for its
// next full report to reach as the wall is for the story.
func (c *Clusterer) threshold(p *prepared, s *story) float64 {
	if c.cfg.TitleThreshold > 0 && (p.titleOnly || s.bodies == 0) {
		return c.cfg.TitleThreshold
	}
	return c.cfg.Threshold
}

// joinable reports whether s is recent enough for d to join: within
// Window of d's time, or, for a story without times, within UndatedHold
// articles of its last change.
func (c *Clusterer) joinable(d Doc, s *story) bool {
	if d.Time.IsZero() && s.last.IsZero() {
		return c.cfg.UndatedHold <= 0 || c.seq-s.touched < int64(c.cfg.UndatedHold)
	}
	if d.Time.IsZero() || s.last.IsZero() {
		return true
	}
	return gap(d.Time, s) <= c.cfg.Window
}

// gap is the time between t and the nearest article of s.
func gap(t time.Time, s *story) time.Duration {
	switch {
	case s.last.IsZero() || t.IsZero():
		return 0
	case t.Before(s.first):
		return s.first.Sub(t)
	case t.After(s.last):
		return t.Sub(s.last)
	}
	return 0
}

// score is the weighted sum of the cosines between d and the centroids of
// s, discounted by the time gap, the less the more their names agree.
func (c *Clusterer) score(d Doc, p *prepared, s *story) float64 {
	names := s.ents.cos(p.ents)
	sc := c.cfg.WordWeight*s.words.cos(p.words) +
		c.cfg.EntityWeight*names +
		c.cfg.NumberWeight*s.nums.cos(p.nums) +
		c.cfg.TitleWeight*s.titles.cos(p.title)
	if c.cfg.NamesOnlyWeight > 0 && d.Time.IsZero() && !s.last.IsZero() && s.words.t == nil {
		// A dated story past Window keeps only its names: they are
		// what an undated report can be scored on.
		sc = c.cfg.NamesOnlyWeight * names
	}
	g := gap(d.Time, s)
	if d.Time.IsZero() || s.last.IsZero() {
		g = c.cfg.UnknownGap
	}
	if g > 0 && c.cfg.TimeScale > 0 {
		pen := c.cfg.TimePenalty * (1 - c.cfg.GapRelief*names)
		sc /= 1 + pen*math.Log1p(float64(g)/float64(c.cfg.TimeScale))/math.Ln2
	}
	if c.cfg.YearConflict > 0 {
		if conflict, adjacent := c.yearConflict(d, p, s); conflict {
			k := c.cfg.YearConflict
			if c.cfg.YearAdjacent > 0 && adjacent {
				k *= 1 - c.cfg.YearAdjacent
			}
			sc *= 1 - k
		}
	}
	if c.cfg.YearlessConflict > 0 && yearless(d, p, s) {
		k := c.cfg.YearlessConflict
		if c.cfg.YearlessSeveral > 0 && s.articles >= 2 {
			k = c.cfg.YearlessSeveral
		}
		sc *= 1 - k
	}
	if c.cfg.WrittenYearConflict > 0 && (writtenYearConflict(d, p, s) || c.cfg.WrittenYearDated && datedYearConflict(d, s)) {
		sc *= 1 - c.cfg.WrittenYearConflict
	}
	if c.cfg.StreetConflict > 0 && c.streetConflict(p, s) {
		sc *= 1 - c.cfg.StreetConflict
	}
	if c.cfg.AgeConflict > 0 && otherAges(p, s) {
		sc *= 1 - c.cfg.AgeConflict
	}
	if c.cfg.CountConflict > 0 && p.titleCounts.count() > 0 && s.titleCounts.count() > 0 &&
		!p.titleCounts.shares(s.titleCounts) {
		sc *= 1 - c.cfg.CountConflict
	}
	if c.cfg.NameConflict > 0 && c.nameConflict(d, p, s) {
		sc *= 1 - c.cfg.NameConflict
	}
	if c.cfg.FigureConflict > 0 && otherFigures(p.figures, s.figures, uint16(c.cfg.MagnitudeSlack), uint16(c.cfg.AmountSlack)) {
		sc *= 1 - c.cfg.FigureConflict
	}
	if c.cfg.HeadNameConflict > 0 && c.newHeadName(p, d, s) {
		sc *= 1 - c.cfg.HeadNameConflict
	}
	if c.cfg.LeadNameConflict > 0 && c.leadMissing(p, d, s) {
		sc *= 1 - c.cfg.LeadNameConflict
	}
	if c.cfg.OfficeConflict > 0 && (d.Time.IsZero() || s.last.IsZero()) && otherHolder(p.offices, s.offices) {
		// Only while one side is undated: between two dated sides the
		// time gap already tells one administration from the next.
		sc *= 1 - c.cfg.OfficeConflict
	}
	return sc
}

// yearCount is how many of a story's articles are of one era.
type yearCount struct{ year, n int }

// era is the year d was written: its time's year (positive), or for an
// undated article the year its address gives (Doc.Year), else the latest
// year its text writes in a full date (negative), 0 if none is known. An
// address's year is when the page was published; a text's latest date may
// be a report's look back.
func era(d Doc, p *prepared) int {
	if !d.Time.IsZero() {
		return d.Time.Year()
	}
	if d.Year != 0 {
		return -d.Year
	}
	return -p.year
}

// yearConflict reports whether d and s were written in different years
// when one side's time is unknown: two look-alike events years apart (a
// star's two rehab stays, a boxer's two title defences) share their words
// and main names, while an undated report often still carries its
// dateline ("May 3, 2013"). Dated articles are compared by their times
// alone (the time discount), so a follow-up across New Year is not split.
// The check fires when none of the story's articles that can be compared
// with d are of d's year. adjacent reports whether one of those is one
// year off d's: a report dated by its text in September 2012 against a
// story whose datelines say September 2013 is weaker evidence of another
// event than one six years off, since a dateline or a crawled date is
// often a year out, and an event of December is reported in January.
func (c *Clusterer) yearConflict(d Doc, p *prepared, s *story) (conflict, adjacent bool) {
	y := era(d, p)
	if y == 0 || len(s.years) == 0 || c.datelineNear(d, p, s) {
		return false, false
	}
	abs := func(v int) int { return max(v, -v) }
	known, same := 0, 0
	for _, yc := range s.years {
		if y > 0 && yc.year > 0 {
			continue // both dated: the time discount decides
		}
		known += yc.n
		if abs(yc.year) == abs(y) {
			same += yc.n
		}
		if abs(abs(yc.year)-abs(y)) == 1 {
			adjacent = true
		}
	}
	return known > 0 && same == 0, adjacent
}

// datelineNear reports whether d, undated and with no year from its
// address, writes a full date within DatelineWindow of s's dated
// articles: its year then says nothing the date does not, and a report
// of a December event written in January is one year on.
func (c *Clusterer) datelineNear(d Doc, p *prepared, s *story) bool {
	if c.cfg.DatelineWindow <= 0 || !d.Time.IsZero() || d.Year != 0 || p.raw.dated.IsZero() || s.last.IsZero() {
		return false
	}
	w := c.cfg.DatelineWindow
	return p.raw.dated.After(s.first.Add(-w)) && p.raw.dated.Before(s.last.Add(w))
}

// yearRival reports whether s, scored sc, confirms the year of an
// undated article: one of its articles is of the year the article's
// dateline or address gives, and it scores at least half the threshold.
// A story that gives no year of its own then loses its claim on the
// article (see Config.YearRival).
func (c *Clusterer) yearRival(d Doc, p *prepared, s *story, sc float64) bool {
	if c.cfg.YearRival <= 0 || !d.Time.IsZero() || sc < c.cfg.YearRivalScore*c.cfg.Threshold {
		return false
	}
	y := era(d, p)
	if y == 0 {
		return false
	}
	for _, yc := range s.years {
		if yc.year == y || yc.year == -y {
			return true
		}
	}
	return false
}

// rivalConflict reports whether s, another story than the rival that
// confirms an undated article's year, is of another year (see
// yearConflict) while the rival scores the threshold on its own: an
// obituary reprinted years later and dated then, against the story of
// the death, which an undated report of it names by the same names.
// A rival under the threshold is left alone: a report of a 2011 arrest
// belongs with the 2013 trial's story as much as with the arrest's.
func (c *Clusterer) rivalConflict(d Doc, p *prepared, s, rival *story, rivalScore float64) bool {
	if !c.cfg.YearRivalConflict || s == rival || rivalScore < c.threshold(p, rival) {
		return false
	}
	conflict, _ := c.yearConflict(d, p, s)
	return conflict
}

// yearless reports whether d's year is known (see era) while s gives no
// sign of its own: no article of s is dated or gives a dateline year, and
// none of their texts writes a year. Joining, d would give s its year
// with nothing in s to confirm it.
func yearless(d Doc, p *prepared, s *story) bool {
	return era(d, p) != 0 && len(s.years) == 0 && len(s.written) == 0
}

// datedYearConflict is writtenYearConflict for a dated article: its
// year against a story that is neither dated nor gives a dateline but
// whose texts write years, none of them the article's. A report of 2013
// meets a look-alike story of 2008 whose reports write 2003 and 2008.
func datedYearConflict(d Doc, s *story) bool {
	if d.Time.IsZero() || len(s.years) > 0 || len(s.written) == 0 {
		return false
	}
	_, found := slices.BinarySearch(s.written, d.Time.Year())
	return !found
}

// writtenYearConflict reports whether d's text gives its year in a date
// (a full or slashed date, or a bare year beside one: see era; d is
// undated and has no address year) while s gives no
// sign of its own year but its texts write years, none of them d's. A
// story whose texts write no year at all is left to yearless.
func writtenYearConflict(d Doc, p *prepared, s *story) bool {
	y := era(d, p)
	if y >= 0 || d.Year != 0 || len(s.years) > 0 || len(s.written) == 0 {
		return false
	}
	_, found := slices.BinarySearch(s.written, -y)
	return !found
}

// indexKeys are the keys a document is looked up and posted under: all its
// names and its heaviest words.
func (c *Clusterer) indexKeys(p *prepared) []uint64 {
	keys := make([]uint64, 0, len(p.ents)+c.cfg.IndexKeys)
	for _, t := range p.ents {
		keys = append(keys, t.h)
	}
	for _, t := range p.top {
		keys = append(keys, t.h)
	}
	return keys
}

func (c *Clusterer) candidates(p *prepared) []*story {
	votes := c.votes
	clear(votes)
	vote := func(keys vector) {
		for _, t := range keys {
			ids := c.posting[t.h]
			if len(ids) > c.cfg.MaxPosting {
				continue
			}
			for _, id := range ids {
				votes[id] += t.w
			}
		}
	}
	vote(p.ents)
	vote(p.top)
	// Keep the Candidates best by votes, ties to the older story; a
	// partial insertion sort, since only a few of many are kept.
	type cand struct {
		id int64
		v  float64
	}
	better := func(a, b cand) bool { return a.v > b.v || a.v == b.v && a.id < b.id }
	k := c.cfg.Candidates
	list := make([]cand, 0, k+1)
	for id, v := range votes {
		cd := cand{id, v}
		if len(list) == k && !better(cd, list[k-1]) {
			continue
		}
		i := len(list)
		list = append(list, cd)
		for i > 0 && better(cd, list[i-1]) {
			list[i] = list[i-1]
			i--
		}
		list[i] = cd
		if len(list) > k {
			list = list[:k]
		}
	}
	out := make([]*story, 0, len(list))
	for _, cd := range list {
		if s := c.stories[cd.id]; s != nil {
			out = append(out, s)
		}
	}
	return out
}

// apply records d under a: the one place where state changes, shared by
// Add and Restore so that both leave the same state. It returns the thread
// that the story's thread merged with, 0 if none.
func (c *Clusterer) apply(d Doc, p *prepared, a Assignment) int64 {
	s := c.stories[a.StoryID]
	if a.DuplicateOf == 0 && !p.hasCands {
		// Restore: the merge check needs the candidates Add found.
		p.cands, p.hasCands = c.candidates(p), true
	}
	c.seq++
	if d.Time.IsZero() {
		c.undatedSeq = c.seq
	}
	if a.StoryID >= c.next {
		c.next = a.StoryID + 1
	}
	if a.ThreadID >= c.next {
		c.next = a.ThreadID + 1
	}
	if d.Time.After(c.newest) {
		c.newest = d.Time
	}
	created := s == nil
	if s == nil {
		// A forgotten story that a late follow-up rejoins (see rejoin),
		// held again in the thread that kept it as a member while it was
		// archived (see keeps); counted below as a story new to it.
		s = c.revive(a.StoryID)
	}
	if s == nil {
		s = &story{
			id: a.StoryID, thread: a.ThreadID, title: d.Title,
			sources: map[int64]bool{}, keys: map[uint64]bool{}, names: map[uint64]string{},
		}
		c.stories[s.id] = s
		s.develops = c.developsThread(d, p, a.ThreadID)
	}
	s.touched = c.seq
	if a.ThreadID != s.thread && c.threads[s.thread] != nil {
		c.move(s, a.ThreadID)
	}
	var merged int64
	if a.DuplicateOf == 0 {
		merged = c.mergeThreads(s, p, created)
	}
	th := c.threads[s.thread]
	if th == nil {
		th = newThread(s.thread)
		c.threads[th.id] = th
	}
	if d.Time.After(th.last) {
		th.last = d.Time
	}
	if created {
		th.stories++
		th.members[s.id] = s
	}
	s.sources[d.Source] = true
	if l := lang.Primary(d.Lang); len(s.langs) < heldLangs && !slices.Contains(s.langs, l) {
		s.langs = append(s.langs, l)
	}
	if y := era(d, p); y != 0 && a.DuplicateOf == 0 {
		i := slices.IndexFunc(s.years, func(yc yearCount) bool { return yc.year == y })
		if i < 0 {
			s.years = append(s.years, yearCount{year: y})
			i = len(s.years) - 1
		}
		s.years[i].n++
	}
	if p.writesYear && a.DuplicateOf == 0 {
		for _, y := range p.written {
			if i, found := slices.BinarySearch(s.written, y); !found {
				s.written = slices.Insert(s.written, i, y)
			}
		}
	}
	if !d.Time.IsZero() {
		if s.first.IsZero() || d.Time.Before(s.first) {
			s.first = d.Time
		}
		if d.Time.After(s.last) {
			s.last = d.Time
		}
	}
	if s.title == "" {
		s.title = d.Title
		s.headRead = false // read again from the title it now has
	}
	// Copies count too: document frequencies count them.
	s.total++
	th.articles++
	rec := &docRec{id: d.ID, story: s.id, st: s, dupOf: a.DuplicateOf}
	c.docs[d.ID] = rec
	if a.DuplicateOf == 0 {
		s.articles++
		if !p.titleOnly {
			s.bodies++
		}
		s.words.add(p.words, c.cfg.CentroidTerms)
		s.ents.add(p.ents, c.cfg.CentroidTerms)
		s.nums.add(p.nums, c.cfg.CentroidTerms)
		s.titles.add(p.title, c.cfg.CentroidTerms)
		th.words.add(p.words, c.cfg.CentroidTerms)
		th.ents.add(p.ents, c.cfg.CentroidTerms)
		for _, k := range c.indexKeys(p) {
			if !s.keys[k] {
				s.keys[k] = true
				c.posting[k] = append(c.posting[k], s.id)
			}
		}
		for h, name := range p.shown {
			if _, ok := s.names[h]; !ok && len(s.names) < heldNames {
				s.names[h] = name
			}
		}
		c.notePairs(s, p.pairs)
		noteAnchors(s, p.anchors)
		noteStreets(s, p.streets)
		s.ages.add(p.ages)
		s.titleAges.add(p.titleAges)
		s.titleCounts.add(p.titleCounts)
		noteLeadNames(s, p.leadNames)
		c.noteMentions(s, p.mentions)
		s.tolls.add(p.tolls)
		s.figures = insertSorted(s.figures, p.figures, heldFigures)
		noteOffices(s, p.offices)
	}
	c.copies.Add(d.ID, p.fp, d.Time)

	// Document frequencies over the last DFDocs articles.
	terms := make([]uint64, 0, len(p.raw.words)+len(p.raw.ents)+len(p.raw.nums))
	for h := range p.raw.words {
		terms = append(terms, h)
	}
	rec.ents = len(terms)
	for h := range p.raw.ents {
		terms = append(terms, h)
		th.named[h]++
	}
	rec.entsEnd = len(terms)
	for h := range p.raw.nums {
		terms = append(terms, h)
	}
	for _, h := range terms {
		c.df[h]++
	}
	rec.dfTerms = terms
	c.dfQueue = append(c.dfQueue, *rec)
	for len(c.dfQueue) > c.cfg.DFDocs {
		old := c.dfQueue[0]
		for _, h := range old.dfTerms {
			if c.df[h]--; c.df[h] <= 0 {
				delete(c.df, h)
			}
		}
		// The article leaves the counts that sharesThreadNames weighs
		// against document frequencies.
		if st := old.st; st != nil {
			st.total--
			if th := c.threads[st.thread]; th != nil {
				th.articles--
				for _, h := range old.dfTerms[old.ents:old.entsEnd] {
					if th.named[h]--; th.named[h] <= 0 {
						delete(th.named, h)
					}
				}
				c.release(st)
			}
		}
		delete(c.docs, old.id)
		c.dfQueue[0] = docRec{}
		c.dfQueue = c.dfQueue[1:]
	}
	rec.dfTerms = nil
	if c.seq%128 == 0 {
		c.sweep()
	}
	return merged
}

// sweep forgets stories older than ThreadWindow and, beyond MaxStories, the
// least recently changed ones.
func (c *Clusterer) sweep() {
	closed := c.newest.Add(-c.cfg.Window)
	expired := func(s *story) bool { return c.pastThreadWindow(s) && !c.undatedKeeps(s) }
	var gone []*story
	held := 0
	for _, s := range c.stories {
		if expired(s) {
			gone = append(gone, s)
			continue
		}
		// Held on (a story past ThreadWindow too, while UndatedKeep
		// keeps it): MaxStories may still drop it below.
		held++
		if !s.last.IsZero() && s.last.Before(closed) && s.words.t != nil {
			// Too old to take articles: keep only what threads and
			// Related use (names, index keys), not the word centroids.
			s.words, s.nums, s.titles = centroid{}, centroid{}, centroid{}
		}
	}
	// In a fixed order, not the map's: the archive queue takes them in
	// it, and which of them it drops first must not differ between two
	// runs over the same articles (or a run and its restart from a
	// snapshot).
	slices.SortFunc(gone, func(a, b *story) int {
		if by := a.last.Compare(b.last); by != 0 {
			return by
		}
		return cmp.Compare(a.id, b.id)
	})
	if over := held - c.cfg.MaxStories; over > 0 {
		// Gathered only then: a sweep runs every 128 articles, and
		// the held stories number up to MaxStories.
		rest := make([]*story, 0, held)
		for _, s := range c.stories {
			if !expired(s) {
				rest = append(rest, s)
			}
		}
		sort.Slice(rest, func(i, j int) bool { return rest[i].touched < rest[j].touched })
		gone = append(gone, rest[:over]...)
	}
	for _, s := range gone {
		c.forget(s)
	}
	// A thread lasts while any of its stories is held, archived or still
	// counted (release drops it after): a late follow-up that revives an
	// archived story continues its thread, not an empty one under its ID.
	c.expire()
}

// undatedKeeps reports whether s, past ThreadWindow, is still held for
// the undated articles arriving (see Config.UndatedKeep).
func (c *Clusterer) undatedKeeps(s *story) bool {
	keep := int64(c.cfg.UndatedKeep)
	return keep > 0 && c.undatedSeq > 0 && c.seq-c.undatedSeq < keep && c.seq-s.touched < keep
}

func (c *Clusterer) forget(s *story) {
	delete(c.stories, s.id)
	c.archive(s)
	if th := c.threads[s.thread]; th != nil {
		if th.stories--; th.stories == 0 {
			th.archive()
		}
		c.release(s)
	}
	for k := range s.keys {
		ids := c.posting[k]
		if i := slices.Index(ids, s.id); i >= 0 {
			ids = slices.Delete(ids, i, i+1)
		}
		if len(ids) == 0 {
			delete(c.posting, k)
		} else {
			c.posting[k] = ids
		}
	}
	// Its articles may still be counted in the document frequencies (and
	// so in its thread's count) and point to it; keep only what that needs.
	s.words, s.ents, s.nums, s.titles = centroid{}, centroid{}, centroid{}, centroid{}
	s.keys, s.names, s.sources, s.years, s.anchors, s.streets = nil, nil, nil, nil, nil, nil
	s.written = nil
	s.ages = ages{}
	s.titleAges = ages{}
	s.titleCounts = ages{}
	s.leadNames = nil
	s.mentions, s.tolls = nil, ages{}
	s.offices = nil
}
