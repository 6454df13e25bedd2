package sqlq

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"time"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/store"
)

// RankedStories is the query for one page of the ranked story list (see
// store.StoryRanker) and its arguments. It asks for one story more than
// the page holds, so that the caller learns whether the list goes on in
// the direction of travel; a page before a cursor is read upwards, lowest
// rank first, and the caller turns it round (RankedPage). Both back ends
// walk their (rank, id) index from the cursor, without a sort: SQLite's
// plan is "SEARCH stories USING INDEX stories_by_rank (rank<?)",
// PostgreSQL's an index scan (backward, for a page after a cursor) with
// "Index Cond: (ROW(rank, id) < ROW(...))".
func RankedStories(p store.StoryPage) (string, Args, error) {
	if !p.After.IsZero() && !p.Before.IsZero() {
		return "", nil, errors.New("ranked stories: both after and before a cursor")
	}
	if p.Limit <= 0 {
		return "", nil, errors.New("ranked stories: limit must be positive")
	}
	var args Args
	q := `SELECT ` + StoryCols + `, rank FROM stories WHERE ` + categoryCond(&args, p.Category)
	switch {
	case !p.Before.IsZero():
		q += ` AND (rank, id) > (` + args.Add(p.Before.Rank) + `, ` + args.Add(p.Before.ID) + `)
		ORDER BY rank, id`
	case !p.After.IsZero():
		q += ` AND (rank, id) < (` + args.Add(p.After.Rank) + `, ` + args.Add(p.After.ID) + `)
		ORDER BY rank DESC, id DESC`
	default:
		q += ` ORDER BY rank DESC, id DESC`
	}
	q += ` LIMIT ` + args.Add(p.Limit+1)
	return q, args, nil
}

// ListRanked returns page p of the ranked story list (see
// store.StoryRanker), running RankedStories on q and, for a page read from
// a cursor, HasRankedBeyond.
func ListRanked(ctx context.Context, q Tx, p store.StoryPage) (store.RankedPage, error) {
	text, args, err := RankedStories(p)
	if err != nil {
		return store.RankedPage{}, err
	}
	rows, err := QueryAll(ctx, q, ScanRanked, text, args...)
	if err != nil {
		return store.RankedPage{}, fmt.Errorf("list ranked stories: %w", err)
	}
	page, err := RankedPage(p, rows, func(c store.StoryCursor, above bool) (bool, error) {
		text, args := HasRankedBeyond(c, above, p.Category)
		// SELECT EXISTS returns one row, always.
		var found bool
		_, err := queryRow(ctx, q, text, args, &found)
		return found, err
	})
	if err != nil {
		return store.RankedPage{}, fmt.Errorf("list ranked stories: %w", err)
	}
	return page, nil
}

// RankedRow is a story read by the RankedStories query, with its rank.
type RankedRow struct {
	Story news.Story
	Rank  int64
}

// ScanRanked reads a row of the RankedStories query.
func ScanRanked(r Scanner) (RankedRow, error) {
	var (
		row RankedRow
		err error
	)
	row.Story, err = scanStory(r, &row.Rank)
	return row, err
}

// HasRankedBeyond is the query that reports whether any story ranks above
// c (above true) or below it, and its arguments: whether a page that
// starts or ends at c has a neighbour on that side.
// A category limits it to that category's list (store.StoryPage).
func HasRankedBeyond(c store.StoryCursor, above bool, category string) (string, Args) {
	var args Args
	op := " < "
	if above {
		op = " > "
	}
	return `SELECT EXISTS (SELECT 1 FROM stories WHERE ` + categoryCond(&args, category) + ` AND (rank, id)` + op + `(` +
		args.Add(c.Rank) + `, ` + args.Add(c.ID) + `))`, args
}

// categoryCond is the condition that selects a category's stories, or
// every story for none (1 = 1, which both planners drop, so the whole
// list still walks the (rank, id) index). A category's list walks the
// (category, rank, id) index of migration 0008 (SQLite) / 0007
// (PostgreSQL) instead, reading only its page.
func categoryCond(args *Args, category string) string {
	if category == "" {
		return `1 = 1`
	}
	return `category = ` + args.Add(category)
}

// RankedPage builds the page p asked for from rows, the RankedStories
// query's result, in its order. beyond reports whether any story ranks
// beyond a cursor (HasRankedBeyond); it is asked only of a page read from
// a cursor, as a first page has nothing above it.
func RankedPage(p store.StoryPage, rows []RankedRow, beyond func(c store.StoryCursor, above bool) (bool, error)) (store.RankedPage, error) {
	backward := !p.Before.IsZero()
	more := len(rows) > p.Limit
	if more {
		rows = rows[:p.Limit]
	}
	if backward {
		slices.Reverse(rows)
	}
	page := store.RankedPage{Stories: make([]news.Story, len(rows))}
	for i, r := range rows {
		page.Stories[i] = r.Story
	}
	if len(rows) == 0 {
		return page, nil
	}
	first := store.StoryCursor{Rank: rows[0].Rank, ID: rows[0].Story.ID}
	last := store.StoryCursor{Rank: rows[len(rows)-1].Rank, ID: rows[len(rows)-1].Story.ID}
	switch {
	case backward:
		page.Prev = cursorIf(more, first)
		after, err := beyond(last, false)
		if err != nil {
			return store.RankedPage{}, err
		}
		page.Next = cursorIf(after, last)
	case !p.After.IsZero():
		page.Next = cursorIf(more, last)
		before, err := beyond(first, true)
		if err != nil {
			return store.RankedPage{}, err
		}
		page.Prev = cursorIf(before, first)
	default:
		page.Next = cursorIf(more, last)
	}
	return page, nil
}

func cursorIf(ok bool, c store.StoryCursor) store.StoryCursor {
	if !ok {
		return store.StoryCursor{}
	}
	return c
}

// StoryRankStep is the Go half of the migration that adds stories.rank:
// it ranks the stories already stored (store.StoryRank), which SQL cannot
// do alike on both back ends (SQLite may lack log2).
func StoryRankStep(ctx context.Context, tx Tx, logger *slog.Logger) error {
	rows, err := tx.Query(ctx, `SELECT `+StoryCols+` FROM stories`)
	if err != nil {
		return err
	}
	var stories []news.Story
	for rows.Next() {
		s, err := ScanStory(rows)
		if err != nil {
			rows.Close()
			return err
		}
		stories = append(stories, s)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	// Read whole before writing: a pgx connection runs one statement at
	// a time.
	now := time.Now()
	for _, s := range stories {
		if err := tx.Exec(ctx, `UPDATE stories SET rank = $1 WHERE id = $2`, store.StoryRank(s, now), s.ID); err != nil {
			return err
		}
	}
	if len(stories) > 0 {
		logger.Info("ranked stored stories", "stories", len(stories))
	}
	return nil
}
