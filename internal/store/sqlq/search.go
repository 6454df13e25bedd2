package sqlq

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/store"
)

// FTSMatch is q as an SQLite FTS5 MATCH expression: every term a quoted
// string (a phrase of its words), the terms side by side (FTS5's implicit
// AND). Inside FTS5's double quotes nothing is syntax but the quote
// itself, doubled to escape it, so no user input (NEAR, OR, -, *, ^,
// column filters) can change the expression: store.ParseQuery leaves only
// words in a term, and the doubling holds even if it did not.
func FTSMatch(q store.Query) string {
	var b strings.Builder
	for i, term := range q.Terms {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteByte('"')
		b.WriteString(strings.ReplaceAll(strings.Join(term, " "), `"`, `""`))
		b.WriteByte('"')
	}
	return b.String()
}

// SQLiteSearch is the SQLite query for a page of search results and its
// arguments: each matching article's bm25 (title weighted 2, text 1;
// lower is better), the best article of each story (SQLite returns the
// row of MIN for bare columns), then the stories by that score, StoryRank
// and ID. One more row than the page is asked for, to learn whether
// another page follows.
func SQLiteSearch(p store.SearchPage) (string, Args) {
	var args Args
	q := `WITH m AS MATERIALIZED (
		SELECT rowid AS id, bm25(articles_fts, 2.0, 1.0) AS score
		FROM articles_fts WHERE articles_fts MATCH ` + args.Add(FTSMatch(p.Query)) + `
	), best AS (
		SELECT a.story_id AS sid, a.id AS aid, MIN(m.score) AS score
		FROM m JOIN articles a ON a.id = m.id
		WHERE a.story_id <> 0
		GROUP BY a.story_id
	)
	SELECT ` + prefixed("s.", StoryCols) + `, best.aid
	FROM best JOIN stories s ON s.id = best.sid
	ORDER BY best.score, s.rank DESC, s.id DESC
	LIMIT ` + args.Add(p.Limit+1) + ` OFFSET ` + args.Add(p.Offset)
	return q, args
}

// PostgresSearch is the PostgreSQL query for a page of search results and
// its arguments. Each term is a phraseto_tsquery of its words, a
// parameter: the text never becomes tsquery syntax. The words are folded
// by newsdesk_fold (migration 0009), as the indexed text is, so that
// "cafe" finds "Café" as on SQLite. ts_rank is higher for
// better; each story's best article is its DISTINCT ON row.
func PostgresSearch(p store.SearchPage) (string, Args) {
	var args Args
	tsq := make([]string, len(p.Query.Terms))
	for i, term := range p.Query.Terms {
		tsq[i] = `phraseto_tsquery('simple', newsdesk_fold(` + args.Add(strings.Join(term, " ")) + `))`
	}
	q := `WITH q AS (SELECT ` + strings.Join(tsq, ` && `) + ` AS tsq),
	best AS (
		SELECT DISTINCT ON (a.story_id) a.story_id AS sid, a.id AS aid, ts_rank(a.search, q.tsq) AS score
		FROM articles a, q
		WHERE a.search @@ q.tsq AND a.story_id <> 0
		ORDER BY a.story_id, score DESC, a.id
	)
	SELECT ` + prefixed("s.", StoryCols) + `, best.aid
	FROM best JOIN stories s ON s.id = best.sid
	ORDER BY best.score DESC, s.rank DESC, s.id DESC
	LIMIT ` + args.Add(p.Limit+1) + ` OFFSET ` + args.Add(p.Offset)
	return q, args
}

// SearchRow is a row of a search query: a story and its best article's ID.
type SearchRow struct {
	Story     news.Story
	ArticleID int64
}

// ScanSearch reads a row of SQLiteSearch or PostgresSearch.
func ScanSearch(r Scanner) (SearchRow, error) {
	var (
		row SearchRow
		err error
	)
	row.Story, err = scanStory(r, &row.ArticleID)
	return row, err
}

// SearchStories returns page p of the stories whose articles match (see
// store.StorySearcher): it runs the back end's query (SQLiteSearch or
// PostgresSearch) on q, then loads the hits' articles with one more query
// (articlesByID, in), not one query a hit.
func SearchStories(ctx context.Context, q Tx, query func(store.SearchPage) (string, Args), in IDsIn, p store.SearchPage) (store.SearchResult, error) {
	if err := p.Validate(); err != nil {
		return store.SearchResult{}, fmt.Errorf("search stories: %w", err)
	}
	text, args := query(p)
	rows, err := QueryAll(ctx, q, ScanSearch, text, args...)
	if err != nil {
		return store.SearchResult{}, fmt.Errorf("search stories: %w", err)
	}
	res, err := SearchResult(p, rows, func(ids []int64) (map[int64]news.Article, error) {
		return LoadArticles(ctx, q, in, ids, true)
	})
	if err != nil {
		return store.SearchResult{}, fmt.Errorf("search stories: %w", err)
	}
	return res, nil
}

// SearchResult builds the result of page p from its query's rows, in
// their order, loading the hits' articles with one call of articles,
// which returns them by ID. A hit whose article it does not return is an
// error matching store.ErrNotFound.
func SearchResult(p store.SearchPage, rows []SearchRow, articles func(ids []int64) (map[int64]news.Article, error)) (store.SearchResult, error) {
	var res store.SearchResult
	if len(rows) > p.Limit {
		rows, res.More = rows[:p.Limit], true
	}
	if len(rows) == 0 {
		return res, nil
	}
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.ArticleID
	}
	byID, err := articles(ids)
	if err != nil {
		return store.SearchResult{}, err
	}
	res.Hits = make([]store.SearchHit, len(rows))
	for i, r := range rows {
		a, ok := byID[r.ArticleID]
		if !ok {
			return store.SearchResult{}, fmt.Errorf("article %d: %w", r.ArticleID, store.ErrNotFound)
		}
		res.Hits[i] = store.SearchHit{Story: r.Story, Article: a}
	}
	return res, nil
}

// IDsIn is a back end's condition that column is one of ids, its
// arguments added to args: InList on SQLite, AnyArray on PostgreSQL.
type IDsIn func(args *Args, column string, ids []int64) string

// InList is column IN ($1, $2, ...), a parameter an ID: for SQLite,
// whose driver binds no arrays. A page of IDs (store.MaxSearchLimit) is
// far below its limit on parameters (32,766).
func InList(args *Args, column string, ids []int64) string {
	ps := make([]string, len(ids))
	for i, id := range ids {
		ps[i] = args.Add(id)
	}
	return column + ` IN (` + strings.Join(ps, ", ") + `)`
}

// AnyArray is column = ANY($1), the IDs one array parameter: for
// PostgreSQL, where the statement's text is then the same for any number
// of IDs, so pgx prepares and caches it once.
func AnyArray(args *Args, column string, ids []int64) string {
	return column + ` = ANY(` + args.Add(ids) + `)`
}

// articlesByID is the query for the articles with the given IDs, in no
// order, Text and Translation included if withText, and its arguments.
func articlesByID(in IDsIn, ids []int64, withText bool) (string, Args) {
	var args Args
	return `SELECT ` + ArticleCols(withText) + ` FROM articles a WHERE ` + in(&args, "a.id", ids), args
}

// LoadArticles reads the articles with the given IDs, by ID, Text and
// Translation included if withText (articlesByID), with one query for
// each store.MaxIDsPerQuery of them; an ID with no article is left out,
// and no IDs make no query.
func LoadArticles(ctx context.Context, q Tx, in IDsIn, ids []int64, withText bool) (map[int64]news.Article, error) {
	byID, err := loadByID(ctx, q, ids, func(batch []int64) (string, Args) {
		return articlesByID(in, batch, withText)
	}, func(r Scanner) (int64, news.Article, error) {
		a, err := ScanArticle(r)
		return a.ID, a, err
	})
	if err != nil {
		return nil, fmt.Errorf("load articles: %w", err)
	}
	return byID, nil
}

// LoadStories reads the stories with the given IDs, by ID, with one query
// for each store.MaxIDsPerQuery of them; an ID with no story is left out,
// and no IDs make no query.
func LoadStories(ctx context.Context, q Tx, in IDsIn, ids []int64) (map[int64]news.Story, error) {
	byID, err := loadByID(ctx, q, ids, func(batch []int64) (string, Args) {
		var args Args
		return `SELECT ` + StoryCols + ` FROM stories WHERE ` + in(&args, "id", batch), args
	}, func(r Scanner) (int64, news.Story, error) {
		s, err := ScanStory(r)
		return s.ID, s, err
	})
	if err != nil {
		return nil, fmt.Errorf("load stories: %w", err)
	}
	return byID, nil
}

// LoadBriefings reads the briefings of the stories with the given IDs, by
// story ID, with one query for each store.MaxIDsPerQuery of them; a
// story with no briefing is left out, and no IDs make no query. A body
// that does not decode fails the call, as it fails Briefing.
func LoadBriefings(ctx context.Context, q Tx, in IDsIn, storyIDs []int64) (map[int64]news.Briefing, error) {
	byID, err := loadByID(ctx, q, storyIDs, func(batch []int64) (string, Args) {
		var args Args
		return `SELECT story_id, body FROM briefings WHERE ` + in(&args, "story_id", batch), args
	}, scanBriefing)
	if err != nil {
		return nil, fmt.Errorf("load briefings: %w", err)
	}
	return byID, nil
}

// scanBriefing reads a row of story_id and body: the briefing decoded as
// Briefing decodes it, keyed by the row's story ID, as Briefing finds it.
func scanBriefing(r Scanner) (int64, news.Briefing, error) {
	var (
		id   int64
		body string
		b    news.Briefing
	)
	if err := r.Scan(&id, &body); err != nil {
		return 0, b, err
	}
	if err := json.Unmarshal([]byte(body), &b); err != nil {
		return 0, b, fmt.Errorf("briefing of story %d: decode: %w", id, err)
	}
	return id, b, nil
}

// loadByID runs query on ids a batch of at most store.MaxIDsPerQuery at a
// time and keys the rows by the ID scan reads with each: the one loop of
// the ...ByID reads, whose batches keep SQLite's parameters (one an ID)
// far below its limit. No IDs make no query; an ID given twice is asked
// for twice, which an IN list or ANY array answers once.
func loadByID[T any](ctx context.Context, q Tx, ids []int64, query func(batch []int64) (string, Args),
	scan func(Scanner) (int64, T, error)) (map[int64]T, error) {
	type row struct {
		id int64
		v  T
	}
	scanRow := func(r Scanner) (row, error) {
		id, v, err := scan(r)
		return row{id, v}, err
	}
	byID := make(map[int64]T, len(ids))
	for batch := range slices.Chunk(ids, store.MaxIDsPerQuery) {
		text, args := query(batch)
		list, err := QueryAll(ctx, q, scanRow, text, args...)
		if err != nil {
			return nil, err
		}
		for _, r := range list {
			byID[r.id] = r.v
		}
	}
	return byID, nil
}

// prefixed qualifies each of cols, a comma-separated list, with prefix.
func prefixed(prefix, cols string) string {
	parts := strings.Split(cols, ", ")
	for i, c := range parts {
		parts[i] = prefix + c
	}
	return strings.Join(parts, ", ")
}
