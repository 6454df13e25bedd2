package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/store"
)

// nanos stores a time as Unix nanoseconds, the zero time as NULL.
func nanos(t time.Time) *int64 {
	if t.IsZero() {
		return nil
	}
	n := t.UnixNano()
	return &n
}

func fromNanos(n *int64) time.Time {
	if n == nil {
		return time.Time{}
	}
	return time.Unix(0, *n).UTC()
}

// args collects a query's arguments and numbers their placeholders, for
// queries whose WHERE clause depends on a filter.
type args []any

func (a *args) add(v any) string {
	*a = append(*a, v)
	return "$" + strconv.Itoa(len(*a))
}

// ---- Sources

// sourceFields are a source's own columns; sourceCols adds its article
// count, which lists shown to people want and the scheduler does not.
const (
	sourceFields = `s.id, s.kind, s.url, s.name, s.home_url, s.lang, s.category, s.created_at,
	s.etag, s.last_modified, s.last_polled_at, s.next_poll_at, s.status, s.last_error, s.error_count`
	sourceCols = sourceFields + `, (SELECT count(*) FROM articles a WHERE a.source_id = s.id)`
)

func scanSource(r pgx.Row) (news.Source, error) {
	var (
		s                  news.Source
		created            int64
		lastPolled, nextAt *int64
	)
	err := r.Scan(&s.ID, &s.Kind, &s.URL, &s.Name, &s.HomeURL, &s.Lang, &s.Category, &created,
		&s.ETag, &s.LastModified, &lastPolled, &nextAt, &s.Status, &s.LastError, &s.ErrorCount, &s.ArticleCount)
	s.CreatedAt = time.Unix(0, created).UTC()
	s.LastPolledAt = fromNanos(lastPolled)
	s.NextPollAt = fromNanos(nextAt)
	return s, err
}

// AddSource subscribes to s. Kind defaults to feed, Status to new and
// CreatedAt to now. It returns store.ErrDuplicate if s.URL is subscribed.
func (st *Store) AddSource(ctx context.Context, s news.Source) (news.Source, error) {
	if s.URL == "" {
		return news.Source{}, errors.New("add source: empty URL")
	}
	if s.Kind == "" {
		s.Kind = news.SourceFeed
	}
	if s.Status == "" {
		s.Status = news.StatusNew
	}
	if s.CreatedAt.IsZero() {
		s.CreatedAt = time.Now().UTC()
	}
	var id int64
	// The NOT EXISTS keeps a duplicate from drawing an ID it will not use
	// (an identity column draws one per row tried, even one ON CONFLICT
	// drops), so IDs stay dense as they do in SQLite; ON CONFLICT covers
	// the race of two inserts of the same URL.
	err := st.pool.QueryRow(ctx, `INSERT INTO sources
		(kind, url, name, home_url, lang, category, created_at, etag, last_modified,
		 last_polled_at, next_poll_at, status, last_error, error_count)
		SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14
		WHERE NOT EXISTS (SELECT 1 FROM sources WHERE url = $2)
		ON CONFLICT (url) DO NOTHING RETURNING id`,
		s.Kind, s.URL, s.Name, s.HomeURL, s.Lang, s.Category, s.CreatedAt.UnixNano(), s.ETag, s.LastModified,
		nanos(s.LastPolledAt), nanos(s.NextPollAt), s.Status, s.LastError, s.ErrorCount).Scan(&id)
	if errors.Is(err, pgx.ErrNoRows) {
		return news.Source{}, fmt.Errorf("add source %q: %w", s.URL, store.ErrDuplicate)
	}
	if err != nil {
		return news.Source{}, fmt.Errorf("add source %q: %w", s.URL, err)
	}
	return st.Source(ctx, id)
}

// Source returns the source with the given ID.
func (st *Store) Source(ctx context.Context, id int64) (news.Source, error) {
	s, err := scanSource(st.pool.QueryRow(ctx, `SELECT `+sourceCols+` FROM sources s WHERE s.id = $1`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return news.Source{}, fmt.Errorf("source %d: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return news.Source{}, fmt.Errorf("source %d: %w", id, err)
	}
	return s, nil
}

// Sources lists every source, oldest subscription first.
func (st *Store) Sources(ctx context.Context) ([]news.Source, error) {
	list, err := queryAll(ctx, st.pool, scanSource, `SELECT `+sourceCols+` FROM sources s ORDER BY s.id`)
	if err != nil {
		return nil, fmt.Errorf("list sources: %w", err)
	}
	return list, nil
}

// DueSources lists the sources to poll at now; see store.Store.
func (st *Store) DueSources(ctx context.Context, now time.Time) ([]news.Source, error) {
	list, err := queryAll(ctx, st.pool, scanSource, `SELECT `+sourceFields+`, 0 FROM sources s
		WHERE CASE WHEN s.kind = $1 THEN s.status = $2 ELSE s.next_poll_at IS NULL OR s.next_poll_at <= $3 END
		ORDER BY s.id`, news.SourcePage, news.StatusNew, now.UnixNano())
	if err != nil {
		return nil, fmt.Errorf("list due sources: %w", err)
	}
	return list, nil
}

// queryAll runs a query and scans every row it returns.
func queryAll[T any](ctx context.Context, pool *pgxpool.Pool, scan func(pgx.Row) (T, error), query string, args ...any) ([]T, error) {
	rows, err := pool.Query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// UpdateSource saves every field of s but ID, CreatedAt and ArticleCount.
// Changing the URL to one already subscribed returns store.ErrDuplicate.
func (st *Store) UpdateSource(ctx context.Context, s news.Source) error {
	tag, err := st.pool.Exec(ctx, `UPDATE sources SET kind = $1, url = $2, name = $3, home_url = $4,
		lang = $5, category = $6, etag = $7, last_modified = $8, last_polled_at = $9, next_poll_at = $10,
		status = $11, last_error = $12, error_count = $13 WHERE id = $14`,
		s.Kind, s.URL, s.Name, s.HomeURL, s.Lang, s.Category, s.ETag, s.LastModified,
		nanos(s.LastPolledAt), nanos(s.NextPollAt), s.Status, s.LastError, s.ErrorCount, s.ID)
	if err != nil {
		if isUnique(err) {
			return fmt.Errorf("update source %d: url %q: %w", s.ID, s.URL, store.ErrDuplicate)
		}
		return fmt.Errorf("update source %d: %w", s.ID, err)
	}
	return mustAffect(tag, fmt.Sprintf("source %d", s.ID))
}

// DeleteSource unsubscribes. The source's articles stay, because briefings
// cite them; they lose their source ID.
func (st *Store) DeleteSource(ctx context.Context, id int64) error {
	tag, err := st.pool.Exec(ctx, `DELETE FROM sources WHERE id = $1`, id)
	if err != nil {
		return fmt.Errorf("delete source %d: %w", id, err)
	}
	return mustAffect(tag, fmt.Sprintf("source %d", id))
}

func mustAffect(tag pgconn.CommandTag, what string) error {
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("%s: %w", what, store.ErrNotFound)
	}
	return nil
}

// uniqueViolation is PostgreSQL's SQLSTATE for a unique constraint failure.
const uniqueViolation = "23505"

func isUnique(err error) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && pgErr.Code == uniqueViolation
}

// ---- Articles

func articleCols(withText bool) string {
	text := `''`
	if withText {
		text = `a.text`
	}
	return `a.id, COALESCE(a.source_id, 0), a.url, a.title, a.byline, a.publisher, a.lang, a.published_at,
		a.fetched_at, ` + text + `, a.description, a.image_url, a.category, a.extraction, a.extraction_reason,
		a.duplicate_of, a.story_id, a.thread_id, a.group_seq IS NOT NULL`
}

func scanArticle(r pgx.Row) (news.Article, error) {
	var (
		a         news.Article
		published *int64
		fetched   int64
	)
	err := r.Scan(&a.ID, &a.SourceID, &a.URL, &a.Title, &a.Byline, &a.Publisher, &a.Lang, &published,
		&fetched, &a.Text, &a.Description, &a.ImageURL, &a.Category, &a.Extraction, &a.ExtractionReason,
		&a.DuplicateOf, &a.StoryID, &a.ThreadID, &a.Clustered)
	a.PublishedAt = fromNanos(published)
	a.FetchedAt = time.Unix(0, fetched).UTC()
	return a, err
}

// AddArticle stores a under a.URL, which the caller has canonicalised. The ID
// is assigned here; grouping fields are ignored (see SetArticleGroup). If the
// URL is already stored it returns the stored article and created=false.
func (st *Store) AddArticle(ctx context.Context, a news.Article) (news.Article, bool, error) {
	if a.URL == "" {
		return news.Article{}, false, errors.New("add article: empty URL")
	}
	if a.FetchedAt.IsZero() {
		a.FetchedAt = time.Now().UTC()
	}
	if a.Extraction == "" {
		a.Extraction = news.ExtractFull
	}
	var source *int64
	if a.SourceID != 0 {
		source = &a.SourceID
	}
	var id int64
	// As in AddSource, NOT EXISTS keeps a duplicate from drawing an ID. A
	// concurrent insert of the same URL waits for the other transaction
	// and then does nothing, so the lookup below finds the winner's row.
	err := st.pool.QueryRow(ctx, `INSERT INTO articles
		(source_id, url, title, byline, publisher, lang, published_at, fetched_at, sort_time, text,
		 description, image_url, category, extraction, extraction_reason)
		SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15
		WHERE NOT EXISTS (SELECT 1 FROM articles WHERE url = $2)
		ON CONFLICT (url) DO NOTHING RETURNING id`,
		source, a.URL, a.Title, a.Byline, a.Publisher, a.Lang, nanos(a.PublishedAt), a.FetchedAt.UnixNano(),
		a.Time().UnixNano(), a.Text, a.Description, a.ImageURL, a.Category, a.Extraction, a.ExtractionReason).Scan(&id)
	if errors.Is(err, pgx.ErrNoRows) {
		stored, err := st.articleWhere(ctx, "a.url = $1", a.URL)
		if err != nil {
			return news.Article{}, false, fmt.Errorf("add article %q: %w", a.URL, err)
		}
		return stored, false, nil
	}
	if err != nil {
		return news.Article{}, false, fmt.Errorf("add article %q: %w", a.URL, err)
	}
	stored, err := st.Article(ctx, id)
	return stored, err == nil, err
}

func (st *Store) articleWhere(ctx context.Context, where string, arg any) (news.Article, error) {
	a, err := scanArticle(st.pool.QueryRow(ctx, `SELECT `+articleCols(true)+` FROM articles a WHERE `+where, arg))
	if errors.Is(err, pgx.ErrNoRows) {
		return news.Article{}, store.ErrNotFound
	}
	return a, err
}

// Article returns the article with the given ID, Text included.
func (st *Store) Article(ctx context.Context, id int64) (news.Article, error) {
	a, err := st.articleWhere(ctx, "a.id = $1", id)
	if err != nil {
		return news.Article{}, fmt.Errorf("article %d: %w", id, err)
	}
	return a, nil
}

// ArticleByURL returns the article stored under the canonical url, Text
// included.
func (st *Store) ArticleByURL(ctx context.Context, url string) (news.Article, error) {
	a, err := st.articleWhere(ctx, "a.url = $1", url)
	if err != nil {
		return news.Article{}, fmt.Errorf("article %q: %w", url, err)
	}
	return a, nil
}

// HasArticle reports whether an article is stored under the canonical url.
func (st *Store) HasArticle(ctx context.Context, url string) (bool, error) {
	var found bool
	err := st.pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM articles WHERE url = $1)`, url).Scan(&found)
	if err != nil {
		return false, fmt.Errorf("look up article %q: %w", url, err)
	}
	return found, nil
}

// Articles lists the articles f selects, in f.Order.
func (st *Store) Articles(ctx context.Context, f store.ArticleFilter) ([]news.Article, error) {
	var (
		where []string
		a     args
	)
	if f.SourceID != 0 {
		where = append(where, "a.source_id = "+a.add(f.SourceID))
	}
	if f.StoryID != 0 {
		where = append(where, "a.story_id = "+a.add(f.StoryID))
	}
	if f.MinStoryID != 0 {
		where = append(where, "a.story_id >= "+a.add(f.MinStoryID))
	}
	if f.Unclustered {
		where = append(where, "a.group_seq IS NULL")
	}
	if f.Clustered {
		where = append(where, "a.group_seq IS NOT NULL")
	}
	if !f.Since.IsZero() {
		where = append(where, "a.sort_time >= "+a.add(f.Since.UnixNano()))
	}
	key, desc := articleKey(f, "a")
	if f.After != 0 {
		// As in store/sqlite: scalar subqueries read the cursor's key,
		// so that the row comparison is a range of the order's index.
		after := a.add(f.After)
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
	q := `SELECT ` + articleCols(f.WithText) + ` FROM articles a`
	if len(where) > 0 {
		q += ` WHERE ` + strings.Join(where, " AND ")
	}
	if desc {
		q += ` ORDER BY ` + strings.Join(key, " DESC, ") + ` DESC`
	} else {
		q += ` ORDER BY ` + strings.Join(key, ", ")
	}
	if f.Limit > 0 {
		q += ` LIMIT ` + a.add(f.Limit)
	}
	list, err := queryAll(ctx, st.pool, scanArticle, q, a...)
	if err != nil {
		return nil, fmt.Errorf("list articles: %w", err)
	}
	return list, nil
}

// articleKey is what f.Order sorts by, as columns of table t, ID last,
// and whether it sorts latest first; see store/sqlite.
func articleKey(f store.ArticleFilter, t string) (key []string, desc bool) {
	switch f.Order {
	case store.OldestFirst:
		return []string{t + ".sort_time", t + ".id"}, false
	case store.GroupedOrder:
		if f.Clustered {
			return []string{t + ".group_seq", t + ".id"}, false
		}
		return []string{t + ".group_seq IS NULL", "COALESCE(" + t + ".group_seq, 0)", t + ".id"}, false
	default:
		return []string{t + ".sort_time", t + ".id"}, true
	}
}

// SetArticleGroup records the clusterer's decision and marks the article
// clustered. The first call for an article fixes its place in GroupedOrder:
// a number from a sequence, so concurrent calls still get distinct,
// increasing places.
func (st *Store) SetArticleGroup(ctx context.Context, id int64, g store.Group) error {
	tag, err := st.pool.Exec(ctx, `UPDATE articles SET story_id = $1, thread_id = $2, duplicate_of = $3,
		group_seq = COALESCE(group_seq, nextval('article_group_order'))
		WHERE id = $4`, g.StoryID, g.ThreadID, g.DuplicateOf, id)
	if err != nil {
		return fmt.Errorf("set group of article %d: %w", id, err)
	}
	return mustAffect(tag, fmt.Sprintf("article %d", id))
}

// ---- Stories

const storyCols = `id, thread_id, title, category, first_seen, last_updated, article_count, source_count, briefed`

func scanStory(r pgx.Row) (news.Story, error) {
	var (
		s           news.Story
		first, last *int64
	)
	err := r.Scan(&s.ID, &s.ThreadID, &s.Title, &s.Category, &first, &last, &s.ArticleCount, &s.SourceCount, &s.Briefed)
	s.FirstSeen = fromNanos(first)
	s.LastUpdated = fromNanos(last)
	return s, err
}

// PutStory inserts or replaces the story with s.ID, Briefed included: the
// pipeline puts a story with Briefed false to mark its briefing stale. Its
// briefing, if any, is kept until replaced.
func (st *Store) PutStory(ctx context.Context, s news.Story) error {
	if s.ID == 0 {
		return errors.New("put story: zero ID")
	}
	_, err := st.pool.Exec(ctx, `INSERT INTO stories (`+storyCols+`) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
		ON CONFLICT (id) DO UPDATE SET thread_id = excluded.thread_id, title = excluded.title,
		category = excluded.category, first_seen = excluded.first_seen, last_updated = excluded.last_updated,
		article_count = excluded.article_count, source_count = excluded.source_count, briefed = excluded.briefed`,
		s.ID, s.ThreadID, s.Title, s.Category, nanos(s.FirstSeen), nanos(s.LastUpdated), s.ArticleCount, s.SourceCount, s.Briefed)
	if err != nil {
		return fmt.Errorf("put story %d: %w", s.ID, err)
	}
	return nil
}

// Story returns the story with the given ID.
func (st *Store) Story(ctx context.Context, id int64) (news.Story, error) {
	s, err := scanStory(st.pool.QueryRow(ctx, `SELECT `+storyCols+` FROM stories WHERE id = $1`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return news.Story{}, fmt.Errorf("story %d: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return news.Story{}, fmt.Errorf("story %d: %w", id, err)
	}
	return s, nil
}

// dayNanos is one day in nanoseconds, the bucket of the front-page ranking.
const dayNanos = int64(24 * time.Hour)

// Stories lists the stories f selects, ranked for the front page as the
// SQLite store ranks them: by the UTC day of their last update, latest day
// first; within a day by the number of distinct sources, most first; then
// by last update, latest first; then by ID. BIGINT division truncates as
// SQLite's integer division does, so both put a story in the same day.
func (st *Store) Stories(ctx context.Context, f store.StoryFilter) ([]news.Story, error) {
	var (
		where []string
		a     args
	)
	if f.ThreadID != 0 {
		where = append(where, "thread_id = "+a.add(f.ThreadID))
	}
	if f.Unbriefed {
		where = append(where, "NOT briefed")
	}
	if !f.Since.IsZero() {
		where = append(where, "last_updated >= "+a.add(f.Since.UnixNano()))
	}
	q := `SELECT ` + storyCols + ` FROM stories`
	if len(where) > 0 {
		q += ` WHERE ` + strings.Join(where, " AND ")
	}
	// SQLite sorts NULL first ascending, so last in a DESC order, and so
	// does PostgreSQL's NULLS LAST here.
	q += ` ORDER BY COALESCE(last_updated, 0) / ` + a.add(dayNanos) +
		`::bigint DESC, source_count DESC, last_updated DESC NULLS LAST, id DESC`
	if f.Limit > 0 {
		q += ` LIMIT ` + a.add(f.Limit)
	}
	list, err := queryAll(ctx, st.pool, scanStory, q, a...)
	if err != nil {
		return nil, fmt.Errorf("list stories: %w", err)
	}
	return list, nil
}

// ---- Briefings

// PutBriefing stores b as the briefing of story b.StoryID, replacing any
// earlier one, and marks the story briefed, in one transaction. The story
// must exist.
func (st *Store) PutBriefing(ctx context.Context, b news.Briefing) error {
	body, err := json.Marshal(b)
	if err != nil {
		return fmt.Errorf("put briefing of story %d: %w", b.StoryID, err)
	}
	err = pgx.BeginFunc(ctx, st.pool, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `UPDATE stories SET briefed = true WHERE id = $1`, b.StoryID)
		if err != nil {
			return err
		}
		if err := mustAffect(tag, fmt.Sprintf("story %d", b.StoryID)); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `INSERT INTO briefings (story_id, generated_at, body) VALUES ($1, $2, $3)
			ON CONFLICT (story_id) DO UPDATE SET generated_at = excluded.generated_at, body = excluded.body`,
			b.StoryID, b.GeneratedAt.UnixNano(), string(body))
		return err
	})
	if err != nil {
		return fmt.Errorf("put briefing of story %d: %w", b.StoryID, err)
	}
	return nil
}

// Briefing returns the briefing of story storyID.
func (st *Store) Briefing(ctx context.Context, storyID int64) (news.Briefing, error) {
	var body string
	err := st.pool.QueryRow(ctx, `SELECT body FROM briefings WHERE story_id = $1`, storyID).Scan(&body)
	if errors.Is(err, pgx.ErrNoRows) {
		return news.Briefing{}, fmt.Errorf("briefing of story %d: %w", storyID, store.ErrNotFound)
	}
	if err != nil {
		return news.Briefing{}, fmt.Errorf("briefing of story %d: %w", storyID, err)
	}
	var b news.Briefing
	if err := json.Unmarshal([]byte(body), &b); err != nil {
		return news.Briefing{}, fmt.Errorf("briefing of story %d: decode: %w", storyID, err)
	}
	return b, nil
}
