// Package sqlq is the SQL that store/sqlite and store/postgres share: the
// columns of sources, articles and stories and how a row of them is read,
// and the articles query a store.ArticleFilter asks for. Both back ends
// keep times as Unix nanoseconds in integer columns, and both take
// placeholders numbered $1, $2, … (modernc.org/sqlite binds $N to the Nth
// argument, as PostgreSQL does), so the text is the same; each back end
// runs it with its own driver.
package sqlq

import (
	"strconv"
	"strings"
	"time"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/store"
)

// Args collects a query's arguments and numbers their placeholders, for
// queries whose text depends on a filter.
type Args []any

// Add appends v and returns its placeholder.
func (a *Args) Add(v any) string {
	*a = append(*a, v)
	return "$" + strconv.Itoa(len(*a))
}

// Nanos stores a time as Unix nanoseconds, the zero time as NULL. Both
// drivers pass a nil pointer as NULL and dereference the others.
func Nanos(t time.Time) *int64 {
	if t.IsZero() {
		return nil
	}
	n := t.UnixNano()
	return &n
}

// FromNanos reads what Nanos stored.
func FromNanos(n *int64) time.Time {
	if n == nil {
		return time.Time{}
	}
	return time.Unix(0, *n).UTC()
}

// Scanner is a row of either driver: *sql.Row, *sql.Rows, pgx.Row or
// pgx.Rows.
type Scanner interface{ Scan(dest ...any) error }

// SourceFields are a source's own columns, of table alias s; SourceCols adds
// its article count, which lists shown to people want and the scheduler
// does not (it selects 0 instead).
const (
	SourceFields = `s.id, s.kind, s.url, s.name, s.home_url, s.lang, s.category, s.created_at,
	s.etag, s.last_modified, s.last_polled_at, s.next_poll_at, s.status, s.last_error, s.error_count,
	s.poll_interval, s.poll_hint, s.unchanged_polls, s.poll_every, s.poll_reason`
	SourceCols = SourceFields + `, (SELECT count(*) FROM articles a WHERE a.source_id = s.id)`
)

// ScanSource reads a row of SourceCols.
func ScanSource(r Scanner) (news.Source, error) {
	var (
		s                  news.Source
		created            int64
		lastPolled, nextAt *int64
		every, hint, each  int64
	)
	err := r.Scan(&s.ID, &s.Kind, &s.URL, &s.Name, &s.HomeURL, &s.Lang, &s.Category, &created,
		&s.ETag, &s.LastModified, &lastPolled, &nextAt, &s.Status, &s.LastError, &s.ErrorCount,
		&every, &hint, &s.UnchangedPolls, &each, &s.PollReason, &s.ArticleCount)
	s.PollInterval, s.PollHint, s.PollEvery = time.Duration(every), time.Duration(hint), time.Duration(each)
	s.CreatedAt = time.Unix(0, created).UTC()
	s.LastPolledAt = FromNanos(lastPolled)
	s.NextPollAt = FromNanos(nextAt)
	return s, err
}

// ArticleCols are an article's columns, of table alias a; without text
// they select an empty one, and an empty translation, which is as long.
func ArticleCols(withText bool) string {
	text, translation := `''`, `'', '', ''`
	if withText {
		text, translation = `a.text`, `a.translation, a.translation_from, a.translation_to`
	}
	return `a.id, COALESCE(a.source_id, 0), a.url, a.title, a.byline, a.publisher, a.lang, a.published_at,
		a.fetched_at, ` + text + `, a.description, a.image_url, a.category, a.extraction, a.extraction_reason,
		a.duplicate_of, a.story_id, a.thread_id, a.group_seq IS NOT NULL, ` + translation
}

// ScanArticle reads a row of ArticleCols.
func ScanArticle(r Scanner) (news.Article, error) {
	var (
		a         news.Article
		published *int64
		fetched   int64
	)
	err := r.Scan(&a.ID, &a.SourceID, &a.URL, &a.Title, &a.Byline, &a.Publisher, &a.Lang, &published,
		&fetched, &a.Text, &a.Description, &a.ImageURL, &a.Category, &a.Extraction, &a.ExtractionReason,
		&a.DuplicateOf, &a.StoryID, &a.ThreadID, &a.Clustered,
		&a.Translation.Text, &a.Translation.From, &a.Translation.To)
	a.PublishedAt = FromNanos(published)
	a.FetchedAt = time.Unix(0, fetched).UTC()
	return a, err
}

// Articles is the query that lists the articles f selects, in f.Order,
// and its arguments. Ties are broken by ID, in the order's direction.
func Articles(f store.ArticleFilter) (string, Args) {
	var (
		where []string
		args  Args
	)
	if f.SourceID != 0 {
		where = append(where, "a.source_id = "+args.Add(f.SourceID))
	}
	if f.StoryID != 0 {
		where = append(where, "a.story_id = "+args.Add(f.StoryID))
	}
	if f.MinStoryID != 0 {
		where = append(where, "a.story_id >= "+args.Add(f.MinStoryID))
	}
	if f.Unclustered {
		where = append(where, "a.group_seq IS NULL")
	}
	if f.Clustered {
		where = append(where, "a.group_seq IS NOT NULL")
	}
	if !f.Since.IsZero() {
		where = append(where, "a.sort_time >= "+args.Add(f.Since.UnixNano()))
	}
	key, desc := articleKey(f, "a")
	if f.After != 0 {
		// Scalar subqueries read the cursor's key once, so that the
		// planners can start a page at the cursor on the order's index
		// instead of reading the rows before it (EXPLAIN shows this for
		// the restart's clustered grouped order on both back ends;
		// PostgreSQL ranges on the first column and sorts the ties). A
		// cursor without a key makes them NULL: see Cursor.
		after := args.Add(f.After)
		cursor, _ := articleKey(f, "c")
		for i, k := range cursor {
			cursor[i] = `(SELECT ` + k + ` FROM articles c WHERE c.id = ` + after + `)`
		}
		op := " > "
		if desc {
			op = " < "
		}
		where = append(where, "("+strings.Join(key, ", ")+")"+op+"("+strings.Join(cursor, ", ")+")")
	}
	q := `SELECT ` + ArticleCols(f.WithText) + ` FROM articles a`
	if len(where) > 0 {
		q += ` WHERE ` + strings.Join(where, " AND ")
	}
	if desc {
		q += ` ORDER BY ` + strings.Join(key, " DESC, ") + ` DESC`
	} else {
		q += ` ORDER BY ` + strings.Join(key, ", ")
	}
	if f.Limit > 0 {
		q += ` LIMIT ` + args.Add(f.Limit)
	}
	return q, args
}

// Cursor is the query that reports whether f.After names an article with
// a place in f.Order, and its arguments: one that has none (no such
// article; an unclustered one in the Clustered GroupedOrder) makes the
// Articles query compare with NULL and list nothing, which a caller paging
// through a list would take for its end. The back ends ask it only when a
// page after a cursor is empty, as such a cursor's page always is.
func Cursor(f store.ArticleFilter) (string, Args) {
	var args Args
	where := []string{"c.id = " + args.Add(f.After)}
	key, _ := articleKey(f, "c")
	for _, k := range key {
		where = append(where, k+" IS NOT NULL")
	}
	return `SELECT EXISTS (SELECT 1 FROM articles c WHERE ` + strings.Join(where, " AND ") + `)`, args
}

// articleKey is what f.Order sorts by, as columns of table alias t, ID
// last, and whether it sorts latest first.
func articleKey(f store.ArticleFilter, t string) (key []string, desc bool) {
	switch f.Order {
	case store.OldestFirst:
		return []string{t + ".sort_time", t + ".id"}, false
	case store.GroupedOrder:
		if f.Clustered {
			// Every row has its place: ordered by the group_seq index,
			// a page reads rows instead of sorting the whole selection
			// (a restart replays a year of articles a page at a time).
			return []string{t + ".group_seq", t + ".id"}, false
		}
		return []string{t + ".group_seq IS NULL", "COALESCE(" + t + ".group_seq, 0)", t + ".id"}, false
	default:
		return []string{t + ".sort_time", t + ".id"}, true
	}
}

// StoryCols are a story's columns.
const StoryCols = `id, thread_id, title, category, first_seen, last_updated, article_count, source_count, briefed`

// ScanStory reads a row of StoryCols.
func ScanStory(r Scanner) (news.Story, error) { return scanStory(r) }

// scanStory reads a row of StoryCols followed by the columns of extra,
// which it scans into: the one reading of a story's columns, for the
// queries that select a story and something more (ScanRanked,
// ScanSearch).
func scanStory(r Scanner, extra ...any) (news.Story, error) {
	var (
		s           news.Story
		first, last *int64
	)
	dest := append([]any{&s.ID, &s.ThreadID, &s.Title, &s.Category, &first, &last, &s.ArticleCount, &s.SourceCount, &s.Briefed}, extra...)
	err := r.Scan(dest...)
	s.FirstSeen = FromNanos(first)
	s.LastUpdated = FromNanos(last)
	return s, err
}
