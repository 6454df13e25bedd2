package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/store/sqlq"
)

// ---- Sources

// AddSource subscribes to s. Kind defaults to feed, Status to new and
// CreatedAt to now. It returns store.ErrDuplicate if s.URL is subscribed,
// in any spelling of its canonical form.
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
	args := append([]any{s.Kind, s.URL, s.Name, s.HomeURL, s.Lang, s.Category, s.CreatedAt.UnixNano(), s.ETag, s.LastModified,
		sqlq.Nanos(s.LastPolledAt), sqlq.Nanos(s.NextPollAt), s.Status, s.LastError, s.ErrorCount, news.SourceKey(s.URL)},
		sqlq.PollArgs(s)...)
	err := st.pool.QueryRow(ctx, sourceKeys().AddSource(), args...).Scan(&id)
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
	s, err := sqlq.ScanSource(st.pool.QueryRow(ctx, `SELECT `+sqlq.SourceCols+` FROM sources s WHERE s.id = $1`, id))
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
	list, err := queryAll(ctx, st.pool, sqlq.ScanSource, `SELECT `+sqlq.SourceCols+` FROM sources s ORDER BY s.id`)
	if err != nil {
		return nil, fmt.Errorf("list sources: %w", err)
	}
	return list, nil
}

// DueSources lists the sources to poll at now; see store.Store.
func (st *Store) DueSources(ctx context.Context, now time.Time) ([]news.Source, error) {
	list, err := queryAll(ctx, st.pool, sqlq.ScanSource, `SELECT `+sqlq.SourceFields+`, 0 FROM sources s
		WHERE CASE WHEN s.kind = $1 THEN s.status = $2 ELSE s.next_poll_at IS NULL OR s.next_poll_at <= $3 END
		ORDER BY s.id`, news.SourcePage, news.StatusNew, now.UnixNano())
	if err != nil {
		return nil, fmt.Errorf("list due sources: %w", err)
	}
	return list, nil
}

// queryAll runs a query and scans every row it returns (sqlq.QueryAll).
func queryAll[T any](ctx context.Context, pool *pgxpool.Pool, scan func(sqlq.Scanner) (T, error), query string, args ...any) ([]T, error) {
	return sqlq.QueryAll(ctx, pgTx{pool}, scan, query, args...)
}

// UpdateSourceFunc saves a poll's outcome; see store.SourceUpdater. The
// source is read FOR UPDATE, so an edit or retry committed meanwhile
// waits for the poll, and the poll for it.
func (st *Store) UpdateSourceFunc(ctx context.Context, id int64, apply func(*news.Source) error) (news.Source, error) {
	return sqlq.UpdateSourceFunc(ctx, st.inTx, sourceKeys(), st.Source, id, apply)
}

// RetrySource makes a source due now; see store.SourceRetrier.
func (st *Store) RetrySource(ctx context.Context, id int64, now time.Time) (news.Source, error) {
	return sqlq.RetrySource(ctx, st.inTx, sourceKeys().Lock, st.Source, id, now)
}

// ReaddSource answers the addition again of a subscribed URL; see
// store.SourceRetrier.
func (st *Store) ReaddSource(ctx context.Context, url string, now time.Time) (news.Source, bool, error) {
	return sqlq.ReaddSource(ctx, st.inTx, sourceKeys(), st.Source, url, now)
}

// EditSource changes what a person edits of a source; see
// store.SourceEditor. The row is read FOR UPDATE, so a poll saved
// meanwhile waits for the edit, and the edit for it.
func (st *Store) EditSource(ctx context.Context, id int64, edit func(*news.Source) error) (news.Source, error) {
	return sqlq.EditSource(ctx, st.inTx, sourceKeys(), st.Source, id, edit)
}

// DeleteSource unsubscribes. The source's articles stay, because briefings
// cite them; they lose their source ID. A twin of the source (see
// sqlq.SourceKeys) takes over its URL key.
func (st *Store) DeleteSource(ctx context.Context, id int64) error {
	return sqlq.DeleteErr(id, st.inTx(ctx, func(tx sqlq.Tx) error { return sourceKeys().DeleteSource(ctx, tx, id) }))
}

// inTx runs fn in a transaction, which it commits if fn returns nil
// (sqlq.InTx).
func (st *Store) inTx(ctx context.Context, fn func(sqlq.Tx) error) error {
	return pgx.BeginFunc(ctx, st.pool, func(tx pgx.Tx) error { return fn(pgTx{tx}) })
}

// sourceKeys is how the store keeps source keys owned (sqlq.SourceKeys).
func sourceKeys() sqlq.SourceKeys {
	return sqlq.SourceKeys{Eq: keyEq, Lock: " FOR UPDATE", IsUnique: isUnique}
}

// keyEq is the store's sqlq.KeyEq: the index is on md5(url_key), and the
// key is compared too, so that an md5 collision never matches.
func keyEq(param string) string {
	return "(md5(url_key) = md5(" + param + ") AND url_key = " + param + ")"
}

// linkEq matches the article_links row of the link $1: the unique index is
// on md5(link), and the link is compared too, so that an md5 collision
// never matches.
const linkEq = "md5(link) = md5($1) AND link = $1"

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

// AddArticle stores a under a.URL, which the caller has canonicalised. The ID
// is assigned here; grouping fields are ignored (see SetArticleGroup). If the
// URL is already stored it returns the stored article and created=false.
func (st *Store) AddArticle(ctx context.Context, a news.Article) (news.Article, bool, error) {
	return st.AddArticleFrom(ctx, "", a)
}

// AddArticleFrom is AddArticle recording link as leading to the article;
// see store.Store. The article and its link are written in one
// transaction; an article without a link needs none.
func (st *Store) AddArticleFrom(ctx context.Context, link string, a news.Article) (news.Article, bool, error) {
	a, err := store.NewArticle(a)
	if err != nil {
		return news.Article{}, false, err
	}
	var source *int64
	if a.SourceID != 0 {
		source = &a.SourceID
	}
	var (
		id      int64
		created bool
	)
	add := func(q pgQuerier) error {
		// As in AddSource, NOT EXISTS keeps a duplicate from drawing an
		// ID. A concurrent insert of the same URL waits for the other
		// transaction and then does nothing, so the lookup below, a
		// statement of its own, finds the winner's row.
		err := q.QueryRow(ctx, `INSERT INTO articles
			(source_id, url, title, byline, publisher, lang, published_at, fetched_at, sort_time, text,
			 description, image_url, category, extraction, extraction_reason)
			SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15
			WHERE NOT EXISTS (SELECT 1 FROM articles WHERE url = $2)
			ON CONFLICT (url) DO NOTHING RETURNING id`,
			source, a.URL, a.Title, a.Byline, a.Publisher, a.Lang, sqlq.Nanos(a.PublishedAt), a.FetchedAt.UnixNano(),
			a.Time().UnixNano(), a.Text, a.Description, a.ImageURL, a.Category, a.Extraction, a.ExtractionReason).Scan(&id)
		created = err == nil
		if errors.Is(err, pgx.ErrNoRows) {
			err = q.QueryRow(ctx, `SELECT id FROM articles WHERE url = $1`, a.URL).Scan(&id)
		}
		if err != nil || link == "" || link == a.URL {
			return err
		}
		_, err = q.Exec(ctx, `INSERT INTO article_links (link, article_id) VALUES ($1, $2)
			ON CONFLICT ((md5(link))) DO UPDATE SET link = excluded.link, article_id = excluded.article_id`, link, id)
		return err
	}
	if link == "" || link == a.URL {
		err = add(st.pool)
	} else {
		err = pgx.BeginFunc(ctx, st.pool, func(tx pgx.Tx) error { return add(tx) })
	}
	if err != nil {
		return news.Article{}, false, fmt.Errorf("add article %q: %w", a.URL, err)
	}
	stored, err := st.Article(ctx, id)
	if err != nil {
		return news.Article{}, false, err
	}
	return stored, created, nil
}

// pgQuerier is the pool or a transaction.
type pgQuerier interface {
	QueryRow(ctx context.Context, query string, args ...any) pgx.Row
	Exec(ctx context.Context, query string, args ...any) (pgconn.CommandTag, error)
}

func (st *Store) articleWhere(ctx context.Context, where string, arg any) (news.Article, error) {
	a, err := sqlq.ScanArticle(st.pool.QueryRow(ctx, `SELECT `+sqlq.ArticleCols(true)+` FROM articles a WHERE `+where, arg))
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

// ArticleByURL returns the article stored under the canonical url, else
// the one url leads to (AddArticleFrom), Text included.
func (st *Store) ArticleByURL(ctx context.Context, url string) (news.Article, error) {
	a, err := st.articleWhere(ctx, `a.id = COALESCE((SELECT id FROM articles WHERE url = $1),
		(SELECT article_id FROM article_links WHERE `+linkEq+`))`, url)
	if err != nil {
		return news.Article{}, fmt.Errorf("article %q: %w", url, err)
	}
	return a, nil
}

// HasArticle reports whether an article is stored under the canonical url
// or url leads to one (AddArticleFrom), or retention removed an article
// stored under it or led to (store.Pruner).
func (st *Store) HasArticle(ctx context.Context, url string) (bool, error) {
	var found bool
	err := st.pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM articles WHERE url = $1)
		OR EXISTS (SELECT 1 FROM article_links WHERE `+linkEq+`)
		OR EXISTS (SELECT 1 FROM pruned_urls WHERE md5(url) = md5($1) AND url = $1)`, url).Scan(&found)
	if err != nil {
		return false, fmt.Errorf("look up article %q: %w", url, err)
	}
	return found, nil
}

// Articles lists the articles f selects, in f.Order.
func (st *Store) Articles(ctx context.Context, f store.ArticleFilter) ([]news.Article, error) {
	q, args := sqlq.Articles(f)
	list, err := queryAll(ctx, st.pool, sqlq.ScanArticle, q, args...)
	if err != nil {
		return nil, fmt.Errorf("list articles: %w", err)
	}
	if len(list) == 0 && f.After != 0 {
		q, args := sqlq.Cursor(f)
		var placed bool
		if err := st.pool.QueryRow(ctx, q, args...).Scan(&placed); err != nil {
			return nil, fmt.Errorf("list articles after %d: %w", f.After, err)
		}
		if !placed {
			return nil, fmt.Errorf("list articles after %d: cursor: %w", f.After, store.ErrNotFound)
		}
	}
	return list, nil
}

// SetArticleGroup records the clusterer's decision and marks the article
// clustered. The first call for an article fixes its place in GroupedOrder:
// a number from a sequence, so concurrent calls still get distinct,
// increasing places.
func (st *Store) SetArticleGroup(ctx context.Context, id int64, g store.Group) error {
	return setArticleGroup(ctx, st.pool, id, g)
}

// execer runs a statement: the store's pool, or a transaction (a Leader's
// fenced write; see fence.go).
type execer interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
}

// setArticleGroupSQL records an article's group: $1-$6 the group, $7 the
// article (see setArticleGroupArgs). A Leader's adds its epoch check.
const setArticleGroupSQL = `UPDATE articles SET story_id = $1, thread_id = $2, duplicate_of = $3,
		translation = $4, translation_from = $5, translation_to = $6,
		group_seq = COALESCE(group_seq, nextval('article_group_order'))
		WHERE id = $7`

func setArticleGroupArgs(id int64, g store.Group) []any {
	return []any{g.StoryID, g.ThreadID, g.DuplicateOf, g.Translation.Text, g.Translation.From, g.Translation.To, id}
}

func setArticleGroup(ctx context.Context, db execer, id int64, g store.Group) error {
	tag, err := db.Exec(ctx, setArticleGroupSQL, setArticleGroupArgs(id, g)...)
	if err != nil {
		return fmt.Errorf("set group of article %d: %w", id, err)
	}
	return mustAffect(tag, fmt.Sprintf("article %d", id))
}

// ---- Stories

// PutStory inserts or replaces the story with s.ID, Briefed included: the
// pipeline puts a story with Briefed false to mark its briefing stale. Its
// briefing, if any, is kept until replaced.
func (st *Store) PutStory(ctx context.Context, s news.Story) error {
	return putStory(ctx, st.pool, s)
}

func putStory(ctx context.Context, db execer, s news.Story) error {
	if s.ID == 0 {
		return errors.New("put story: zero ID")
	}
	_, err := db.Exec(ctx, `INSERT INTO stories (`+sqlq.StoryCols+`, rank) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
		ON CONFLICT (id) DO UPDATE SET thread_id = excluded.thread_id, title = excluded.title,
		category = excluded.category, first_seen = excluded.first_seen, last_updated = excluded.last_updated,
		article_count = excluded.article_count, source_count = excluded.source_count, briefed = excluded.briefed,
		rank = excluded.rank`,
		s.ID, s.ThreadID, s.Title, s.Category, sqlq.Nanos(s.FirstSeen), sqlq.Nanos(s.LastUpdated), s.ArticleCount, s.SourceCount, s.Briefed,
		store.StoryRank(s, time.Now()))
	if err != nil {
		return fmt.Errorf("put story %d: %w", s.ID, err)
	}
	return nil
}

// StoryIDMark returns the largest story or thread ID ever saved
// (sqlq.StoryIDMark).
func (st *Store) StoryIDMark(ctx context.Context) (int64, error) {
	return sqlq.StoryIDMark(ctx, pgTx{st.pool})
}

// InstanceID returns this newsdesk's instance ID, stored by the first
// call (sqlq.InstanceID).
func (st *Store) InstanceID(ctx context.Context) (string, error) {
	return sqlq.InstanceID(ctx, pgTx{st.pool})
}

// Story returns the story with the given ID.
func (st *Store) Story(ctx context.Context, id int64) (news.Story, error) {
	s, err := sqlq.ScanStory(st.pool.QueryRow(ctx, `SELECT `+sqlq.StoryCols+` FROM stories WHERE id = $1`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return news.Story{}, fmt.Errorf("story %d: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return news.Story{}, fmt.Errorf("story %d: %w", id, err)
	}
	return s, nil
}

// StoriesByID reads the stories with the given IDs, by ID, with one
// query for each store.MaxIDsPerQuery of them; an ID with no story is left
// out.
func (st *Store) StoriesByID(ctx context.Context, ids []int64) (map[int64]news.Story, error) {
	return sqlq.LoadStories(ctx, pgTx{st.pool}, sqlq.AnyArray, ids)
}

// ArticlesByID reads the articles with the given IDs, by ID, without
// Text or Translation, with one query for each store.MaxIDsPerQuery of
// them; an ID with no article is left out.
func (st *Store) ArticlesByID(ctx context.Context, ids []int64) (map[int64]news.Article, error) {
	return sqlq.LoadArticles(ctx, pgTx{st.pool}, sqlq.AnyArray, ids, false)
}

// BriefingsByID reads the briefings of the stories with the given IDs, by
// story ID, with one query for each store.MaxIDsPerQuery of them; a
// story with no briefing is left out.
func (st *Store) BriefingsByID(ctx context.Context, storyIDs []int64) (map[int64]news.Briefing, error) {
	return sqlq.LoadBriefings(ctx, pgTx{st.pool}, sqlq.AnyArray, storyIDs)
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
		a     sqlq.Args
	)
	if f.ThreadID != 0 {
		where = append(where, "thread_id = "+a.Add(f.ThreadID))
	}
	if f.Unbriefed {
		where = append(where, "NOT briefed")
	}
	if !f.Since.IsZero() {
		where = append(where, "last_updated >= "+a.Add(f.Since.UnixNano()))
	}
	q := `SELECT ` + sqlq.StoryCols + ` FROM stories`
	if len(where) > 0 {
		q += ` WHERE ` + strings.Join(where, " AND ")
	}
	// SQLite sorts NULL first ascending, so last in a DESC order, and so
	// does PostgreSQL's NULLS LAST here.
	q += ` ORDER BY COALESCE(last_updated, 0) / ` + a.Add(dayNanos) +
		`::bigint DESC, source_count DESC, last_updated DESC NULLS LAST, id DESC`
	if f.Limit > 0 {
		q += ` LIMIT ` + a.Add(f.Limit)
	}
	list, err := queryAll(ctx, st.pool, sqlq.ScanStory, q, a...)
	if err != nil {
		return nil, fmt.Errorf("list stories: %w", err)
	}
	return list, nil
}

// ---- Briefings

// PutBriefing stores b as the briefing of story b.StoryID, replacing any
// earlier one, and marks the story briefed with b's headline (when not
// empty) as its title, in one transaction. The story must exist.
func (st *Store) PutBriefing(ctx context.Context, b news.Briefing) error {
	err := pgx.BeginFunc(ctx, st.pool, func(tx pgx.Tx) error { return putBriefing(ctx, tx, b) })
	if err != nil {
		return fmt.Errorf("put briefing of story %d: %w", b.StoryID, err)
	}
	return nil
}

// putBriefing is PutBriefing's statements, in the transaction tx, which
// the caller commits; it leaves the error to the caller to wrap.
func putBriefing(ctx context.Context, tx pgx.Tx, b news.Briefing) error {
	body, err := json.Marshal(b)
	if err != nil {
		return err
	}
	// The story's title is the briefing's headline, so that the list, the
	// feed, search and the thread page name the story as its page does.
	tag, err := tx.Exec(ctx, `UPDATE stories SET briefed = true, title = COALESCE(NULLIF($2, ''), title) WHERE id = $1`,
		b.StoryID, strings.TrimSpace(b.Headline))
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

// Prune removes old stories and the old articles the clusterer set aside
// in no story (store.Pruner). Each batch locks the rows it selects, so
// that a concurrent PutStory of a story, or grouping of an article, waits
// for the batch and then finds it gone or kept, never half removed.
func (st *Store) Prune(ctx context.Context, opt store.PruneOptions) (store.PruneResult, error) {
	return sqlq.Pruning{InTx: st.inTx, In: sqlq.AnyArray, Lock: " FOR UPDATE"}.Prune(ctx, opt)
}
