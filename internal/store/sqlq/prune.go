package sqlq

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/store"
)

// Pruning is what a back end gives Prune: its transactions, and the
// clause that locks the rows a batch selects (" FOR UPDATE" on
// PostgreSQL, where another process may write meanwhile; empty on SQLite,
// whose write transaction holds the database).
type Pruning struct {
	InTx InTx
	Lock string
}

// pruneCandidates selects a batch of stories to remove, by ID after $2:
// last updated before the cutoff $1, no article at or after it, and not
// the story of the clusterer snapshot's last article (loadSnapshot needs
// that article, else a restart replays every decision). The articles
// condition is the rule; last_updated lets the stories_rank index find
// the candidates without reading every story's articles.
const pruneCandidates = `SELECT s.id, s.thread_id FROM stories s
	WHERE s.last_updated < $1 AND s.id > $2
	AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.story_id = s.id AND a.sort_time >= $1)
	AND s.id <> COALESCE((SELECT a.story_id FROM cluster_snapshot c JOIN articles a ON a.id = c.after_article), 0)
	ORDER BY s.id LIMIT $3`

// Prune is store.Pruner's Prune for both back ends.
//
// Each batch is one transaction that selects its stories again under the
// rule, so a story that an article joined since an earlier read is kept;
// and every delete names the cutoff too, so that an article grouped into
// a selected story while the batch ran (PostgreSQL, another process) is
// never removed, and its story stays with it (the clusterer's PutStory
// counts it again).
func (p Pruning) Prune(ctx context.Context, opt store.PruneOptions) (store.PruneResult, error) {
	var res store.PruneResult
	if opt.Cutoff.IsZero() {
		return res, errors.New("prune: no cutoff")
	}
	batch := opt.Batch
	if batch <= 0 {
		batch = store.DefaultPruneBatch
	}
	cutoff := opt.Cutoff.UnixNano()
	gone := prunedSet{stories: map[int64]bool{}, articles: map[int64]bool{}}
	threads := map[int64]int{} // thread: its stories removed (or, dry, to remove)
	var after int64
	for {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		var n int
		err := p.InTx(ctx, func(tx Tx) error {
			var err error
			n, after, err = p.pruneBatch(ctx, tx, opt.DryRun, cutoff, after, batch, &res, &gone, threads)
			return err
		})
		if err != nil {
			return res, fmt.Errorf("prune stories before %s: %w", opt.Cutoff.Format(time.RFC3339), err)
		}
		if n < batch {
			break
		}
	}
	if err := p.InTx(ctx, func(tx Tx) error {
		var err error
		res.Threads, err = threadsGone(ctx, tx, threads, opt.DryRun)
		return err
	}); err != nil {
		return res, fmt.Errorf("prune: count threads: %w", err)
	}
	if opt.DryRun || opt.Recheck <= 0 || len(gone.stories) == 0 {
		return res, nil
	}
	restaled, err := p.recheck(ctx, cutoff, opt.Cutoff.Add(opt.Recheck).UnixNano(), batch, gone)
	res.Restaled = restaled
	if err != nil {
		return res, fmt.Errorf("prune: recheck briefings: %w", err)
	}
	return res, nil
}

// prunedSet is what a prune removed, for the recheck of kept briefings.
type prunedSet struct{ stories, articles map[int64]bool }

// pruneBatch removes (dry: counts) the batch of stories after the ID
// after, returning how many it selected and the last one's ID.
func (p Pruning) pruneBatch(ctx context.Context, tx Tx, dry bool, cutoff, after int64, batch int,
	res *store.PruneResult, gone *prunedSet, threads map[int64]int) (int, int64, error) {
	type cand struct{ id, thread int64 }
	cands, err := QueryAll(ctx, tx, func(r Scanner) (cand, error) {
		var c cand
		err := r.Scan(&c.id, &c.thread)
		return c, err
	}, pruneCandidates+p.Lock, cutoff, after, batch)
	if err != nil || len(cands) == 0 {
		return 0, after, err
	}
	ids := make([]int64, len(cands))
	for i, c := range cands {
		ids[i] = c.id
	}
	// The IDs are the database's own integers, so writing them into the
	// text is safe, and keeps a batch within every driver's limit on
	// placeholders.
	in := idList(ids)
	last := ids[len(ids)-1]
	if dry {
		var arts, briefs int
		if err := queryInt(ctx, tx, &arts, `SELECT count(*) FROM articles WHERE story_id IN (`+in+`) AND sort_time < $1`, cutoff); err != nil {
			return 0, after, err
		}
		if err := queryInt(ctx, tx, &briefs, `SELECT count(*) FROM briefings WHERE story_id IN (`+in+`)`); err != nil {
			return 0, after, err
		}
		res.Stories += len(cands)
		res.Articles += arts
		res.Briefings += briefs
		for _, c := range cands {
			if c.thread != 0 {
				threads[c.thread]++
			}
		}
		return len(cands), last, nil
	}
	now := time.Now().UnixNano()
	// Recorded before the delete, which takes the links with it (ON
	// DELETE CASCADE).
	if err := tx.Exec(ctx, `INSERT INTO pruned_urls (url, pruned_at)
		SELECT url, $2 FROM articles WHERE story_id IN (`+in+`) AND sort_time < $1
		ON CONFLICT DO NOTHING`, cutoff, now); err != nil {
		return 0, after, fmt.Errorf("record pruned URLs: %w", err)
	}
	if err := tx.Exec(ctx, `INSERT INTO pruned_urls (url, pruned_at)
		SELECT l.link, $2 FROM article_links l JOIN articles a ON a.id = l.article_id
		WHERE a.story_id IN (`+in+`) AND a.sort_time < $1
		ON CONFLICT DO NOTHING`, cutoff, now); err != nil {
		return 0, after, fmt.Errorf("record pruned links: %w", err)
	}
	arts, err := queryIDs(ctx, tx, `DELETE FROM articles WHERE story_id IN (`+in+`) AND sort_time < $1 RETURNING id`, cutoff)
	if err != nil {
		return 0, after, fmt.Errorf("delete articles: %w", err)
	}
	const orphan = ` AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.story_id = `
	briefs, err := queryIDs(ctx, tx, `DELETE FROM briefings WHERE story_id IN (`+in+`)`+orphan+`briefings.story_id) RETURNING story_id`)
	if err != nil {
		return 0, after, fmt.Errorf("delete briefings: %w", err)
	}
	stories, err := queryIDs(ctx, tx, `DELETE FROM stories WHERE id IN (`+in+`)`+orphan+`stories.id) RETURNING id`)
	if err != nil {
		return 0, after, fmt.Errorf("delete stories: %w", err)
	}
	res.Articles += len(arts)
	res.Briefings += len(briefs)
	res.Stories += len(stories)
	for _, id := range arts {
		gone.articles[id] = true
	}
	removed := map[int64]bool{}
	for _, id := range stories {
		gone.stories[id] = true
		removed[id] = true
	}
	for _, c := range cands {
		if c.thread != 0 && removed[c.id] {
			threads[c.thread]++
		}
	}
	return len(cands), last, nil
}

// threadsGone counts the threads left without a story: after a prune,
// those no story carries any more; in a dry run, those whose every story
// is one the prune would remove.
func threadsGone(ctx context.Context, tx Tx, threads map[int64]int, dry bool) (int, error) {
	n := 0
	for id, removed := range threads {
		var left int
		if err := queryInt(ctx, tx, &left, `SELECT count(*) FROM stories WHERE thread_id = $1`, id); err != nil {
			return 0, err
		}
		if dry {
			left -= removed
		}
		if left == 0 {
			n++
		}
	}
	return n, nil
}

// recheck marks stale the kept stories, last updated in [from, to), whose
// briefing names a removed story (related stories) or cites a removed
// article (background drawn from them): rebriefed, they link only what
// is stored. Stories later than to were briefed when the removed ones had
// left the clusterer's thread window, so it offered none of them.
func (p Pruning) recheck(ctx context.Context, from, to int64, batch int, gone prunedSet) (int, error) {
	type row struct {
		id   int64
		body string
	}
	restaled := 0
	var after int64
	for {
		if err := ctx.Err(); err != nil {
			return restaled, err
		}
		var rows []row
		err := p.InTx(ctx, func(tx Tx) error {
			var err error
			rows, err = QueryAll(ctx, tx, func(r Scanner) (row, error) {
				var x row
				err := r.Scan(&x.id, &x.body)
				return x, err
			}, `SELECT b.story_id, b.body FROM briefings b JOIN stories s ON s.id = b.story_id
				WHERE s.last_updated >= $1 AND s.last_updated < $2 AND b.story_id > $3
				ORDER BY b.story_id LIMIT $4`, from, to, after, batch)
			return err
		})
		if err != nil || len(rows) == 0 {
			return restaled, err
		}
		after = rows[len(rows)-1].id
		var stale []int64
		for _, r := range rows {
			var b news.Briefing
			if err := json.Unmarshal([]byte(r.body), &b); err != nil {
				// Unreadable here is unreadable to the pages too: briefed
				// again, it is written afresh.
				stale = append(stale, r.id)
				continue
			}
			if namesGone(b, gone) {
				stale = append(stale, r.id)
			}
		}
		if len(stale) > 0 {
			if err := p.InTx(ctx, func(tx Tx) error {
				return tx.Exec(ctx, `UPDATE stories SET briefed = FALSE WHERE id IN (`+idList(stale)+`)`)
			}); err != nil {
				return restaled, err
			}
			restaled += len(stale)
		}
		if len(rows) < batch {
			return restaled, nil
		}
	}
}

// namesGone reports whether b names a story or cites an article in gone.
func namesGone(b news.Briefing, gone prunedSet) bool {
	for _, id := range b.CitedArticles() {
		if gone.articles[id] {
			return true
		}
	}
	var walk func([]news.Item) bool
	walk = func(items []news.Item) bool {
		for _, it := range items {
			if gone.stories[it.StoryID] || walk(it.Variants) || walk(it.Quotes) {
				return true
			}
		}
		return false
	}
	for _, s := range b.Sections {
		if walk(s.Items) {
			return true
		}
	}
	return false
}

func idList(ids []int64) string {
	var sb strings.Builder
	for i, id := range ids {
		if i > 0 {
			sb.WriteByte(',')
		}
		sb.WriteString(strconv.FormatInt(id, 10))
	}
	return sb.String()
}

func queryInt(ctx context.Context, tx Tx, dst *int, query string, args ...any) error {
	n, err := QueryAll(ctx, tx, func(r Scanner) (int64, error) {
		var v int64
		err := r.Scan(&v)
		return v, err
	}, query, args...)
	if err != nil {
		return err
	}
	if len(n) == 1 {
		*dst = int(n[0])
	}
	return nil
}

func queryIDs(ctx context.Context, tx Tx, query string, args ...any) ([]int64, error) {
	return QueryAll(ctx, tx, func(r Scanner) (int64, error) {
		var v int64
		err := r.Scan(&v)
		return v, err
	}, query, args...)
}
