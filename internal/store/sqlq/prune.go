package sqlq

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/store"
)

// Pruning is what a back end gives Prune: its transactions, its
// condition that a column is one of a batch's IDs (InList on SQLite,
// AnyArray on PostgreSQL: placeholders, so that each statement's text is
// the same from batch to batch and stays in the statement caches beside
// the queue's own), and the clause that locks the rows a batch selects
// (" FOR UPDATE" on PostgreSQL, where another process may write
// meanwhile, made to name the selected table by lockOf; empty on SQLite,
// whose write transaction holds the database).
type Pruning struct {
	InTx InTx
	In   IDsIn
	Lock string
}

// lockOf is p.Lock limited to the table aliased alias, so that a
// statement's subqueries lock nothing.
func (p Pruning) lockOf(alias string) string {
	if p.Lock == "" {
		return ""
	}
	return p.Lock + " OF " + alias
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

// pruneLoose selects a batch of articles never given a story, by ID after
// $2: set aside by the clusterer (grouped, story 0: a page that could not
// be read and whose feed gave no text), older than the cutoff $1 by the
// stories' rule, and not the snapshot's last article. Articles not yet
// grouped (group_seq NULL) are the clusterer's, however old. The
// articles_story index (story_id, sort_time) finds them.
const pruneLoose = `SELECT a.id FROM articles a
	WHERE a.story_id = 0 AND a.sort_time < $1 AND a.group_seq IS NOT NULL AND a.id > $2
	AND a.id <> COALESCE((SELECT c.after_article FROM cluster_snapshot c), 0)
	ORDER BY a.id LIMIT $3`

// inBatches runs run, one transaction a batch, each from the ID the one
// before it stopped at, until a batch comes back short or ctx ends.
func (p Pruning) inBatches(ctx context.Context, batch int, run func(tx Tx, after int64) (n int, next int64, err error)) error {
	var after int64
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		var n int
		err := p.InTx(ctx, func(tx Tx) error {
			var err error
			n, after, err = run(tx, after)
			return err
		})
		if err != nil || n < batch {
			return err
		}
	}
}

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
	// A batch's IDs are placeholders (IDsIn), bounded as every query's
	// list of IDs is.
	batch = min(batch, store.MaxIDsPerQuery)
	cutoff := opt.Cutoff.UnixNano()
	gone := prunedSet{stories: map[int64]bool{}, articles: map[int64]bool{}}
	threads := map[int64]int{} // thread: its stories removed (or, dry, to remove)
	err := p.inBatches(ctx, batch, func(tx Tx, after int64) (int, int64, error) {
		return p.pruneBatch(ctx, tx, opt.DryRun, cutoff, after, batch, &res, &gone, threads)
	})
	if err != nil {
		return res, fmt.Errorf("prune stories before %s: %w", opt.Cutoff.Format(time.RFC3339), err)
	}
	err = p.inBatches(ctx, batch, func(tx Tx, after int64) (int, int64, error) {
		return p.pruneLooseBatch(ctx, tx, opt.DryRun, cutoff, after, batch, &res)
	})
	if err != nil {
		return res, fmt.Errorf("prune articles in no story before %s: %w", opt.Cutoff.Format(time.RFC3339), err)
	}
	if res.Threads, err = p.threadsGone(ctx, threads, opt.DryRun, batch); err != nil {
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
	}, pruneCandidates+p.lockOf("s"), cutoff, after, batch)
	if err != nil || len(cands) == 0 {
		return 0, after, err
	}
	ids := make([]int64, len(cands))
	for i, c := range cands {
		ids[i] = c.id
	}
	// in is the batch's condition on column, and its arguments.
	in := func(column string) (string, Args) {
		var args Args
		return p.In(&args, column, ids), args
	}
	last := ids[len(ids)-1]
	doomed := p.storiesArticles(ids)
	if dry {
		var arts, briefs int
		args := Args{cutoff}
		if _, err := queryRow(ctx, tx, `SELECT count(*) FROM articles WHERE `+doomed(&args, ""), args, &arts); err != nil {
			return 0, after, err
		}
		cond, args := in("story_id")
		if _, err := queryRow(ctx, tx, `SELECT count(*) FROM briefings WHERE `+cond, args, &briefs); err != nil {
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
	if err := p.recordPruned(ctx, tx, cutoff, doomed); err != nil {
		return 0, after, err
	}
	args := Args{cutoff}
	arts, err := queryIDs(ctx, tx, `DELETE FROM articles WHERE `+doomed(&args, "")+` RETURNING id`, args...)
	if err != nil {
		return 0, after, fmt.Errorf("delete articles: %w", err)
	}
	const orphan = ` AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.story_id = `
	cond, args := in("story_id")
	briefs, err := queryIDs(ctx, tx, `DELETE FROM briefings WHERE `+cond+orphan+`briefings.story_id) RETURNING story_id`, args...)
	if err != nil {
		return 0, after, fmt.Errorf("delete briefings: %w", err)
	}
	cond, args = in("id")
	stories, err := queryIDs(ctx, tx, `DELETE FROM stories WHERE `+cond+orphan+`stories.id) RETURNING id`, args...)
	if err != nil {
		return 0, after, fmt.Errorf("delete stories: %w", err)
	}
	res.Articles += len(arts)
	res.Briefings += len(briefs)
	res.Stories += len(stories)
	for _, id := range arts {
		gone.articles[id] = true
	}
	for _, id := range stories {
		gone.stories[id] = true
	}
	for _, c := range cands {
		if c.thread != 0 && gone.stories[c.id] {
			threads[c.thread]++
		}
	}
	return len(cands), last, nil
}

// pruneLooseBatch removes (dry: counts) the batch of articles in no story
// after the ID after (pruneLoose), recording their URLs and links as a
// story's are, and returns how many it selected and the last one's ID.
// The delete names story 0 and the cutoff again, as pruneBatch's do.
func (p Pruning) pruneLooseBatch(ctx context.Context, tx Tx, dry bool, cutoff, after int64, batch int, res *store.PruneResult) (int, int64, error) {
	ids, err := queryIDs(ctx, tx, pruneLoose+p.lockOf("a"), cutoff, after, batch)
	if err != nil || len(ids) == 0 {
		return 0, after, err
	}
	last := ids[len(ids)-1]
	if dry {
		res.SetAside += len(ids)
		return len(ids), last, nil
	}
	doomed := p.looseArticles(ids)
	if err := p.recordPruned(ctx, tx, cutoff, doomed); err != nil {
		return 0, after, err
	}
	args := Args{cutoff}
	arts, err := queryIDs(ctx, tx, `DELETE FROM articles WHERE `+doomed(&args, "")+` RETURNING id`, args...)
	if err != nil {
		return 0, after, fmt.Errorf("delete articles: %w", err)
	}
	res.SetAside += len(arts)
	return len(ids), last, nil
}

// batchArticles is the condition that names the articles a batch
// removes, its columns prefixed by prefix ("a." where articles is aliased
// a, "" in a DELETE), the batch's IDs added to args after the cutoff $1.
// One condition serves the count of a dry run, the record of the URLs
// (recordPruned) and the delete, so that what is recorded is what is
// removed.
type batchArticles func(args *Args, prefix string) string

// storiesArticles names the articles older than the cutoff of the stories
// ids (pruneBatch).
func (p Pruning) storiesArticles(ids []int64) batchArticles {
	return func(args *Args, prefix string) string {
		return p.In(args, prefix+"story_id", ids) + ` AND ` + prefix + `sort_time < $1`
	}
}

// looseArticles names the articles ids that are older than the cutoff and
// still in no story (pruneLooseBatch): one grouped into a story since the
// batch selected it stays.
func (p Pruning) looseArticles(ids []int64) batchArticles {
	return func(args *Args, prefix string) string {
		return p.In(args, prefix+"id", ids) + ` AND ` + prefix + `story_id = 0 AND ` + prefix + `sort_time < $1`
	}
}

// recordPruned records in pruned_urls the URLs and redirect links of the
// articles doomed that a batch is about to delete, so that a poll does not
// fetch them again. It runs before the delete, which takes the links with
// it (ON DELETE CASCADE).
func (p Pruning) recordPruned(ctx context.Context, tx Tx, cutoff int64, doomed batchArticles) error {
	args := Args{cutoff, time.Now().UnixNano()}
	cond := doomed(&args, "a.")
	if err := tx.Exec(ctx, `INSERT INTO pruned_urls (url, pruned_at)
		SELECT a.url, $2 FROM articles a WHERE `+cond+`
		ON CONFLICT DO NOTHING`, args...); err != nil {
		return fmt.Errorf("record pruned URLs: %w", err)
	}
	if err := tx.Exec(ctx, `INSERT INTO pruned_urls (url, pruned_at)
		SELECT l.link, $2 FROM article_links l JOIN articles a ON a.id = l.article_id
		WHERE `+cond+`
		ON CONFLICT DO NOTHING`, args...); err != nil {
		return fmt.Errorf("record pruned links: %w", err)
	}
	return nil
}

// threadsGone counts the threads left without a story: after a prune,
// those no story carries any more; in a dry run, those whose every story
// is one the prune would remove. It counts batch threads a query and a
// transaction, so that a first prune of a year's threads does not hold
// SQLite's one connection for thousands of statements.
func (p Pruning) threadsGone(ctx context.Context, threads map[int64]int, dry bool, batch int) (int, error) {
	type count struct {
		thread int64
		left   int
	}
	n := 0
	ids := slices.Sorted(maps.Keys(threads))
	for len(ids) > 0 {
		chunk := ids[:min(batch, len(ids))]
		ids = ids[len(chunk):]
		var counts []count
		if err := p.InTx(ctx, func(tx Tx) error {
			var args Args
			var err error
			counts, err = QueryAll(ctx, tx, func(r Scanner) (count, error) {
				var c count
				err := r.Scan(&c.thread, &c.left)
				return c, err
			}, `SELECT thread_id, count(*) FROM stories WHERE `+p.In(&args, "thread_id", chunk)+` GROUP BY thread_id`, args...)
			return err
		}); err != nil {
			return 0, err
		}
		left := make(map[int64]int, len(counts))
		for _, c := range counts {
			left[c.thread] = c.left
		}
		for _, id := range chunk {
			l := left[id]
			if dry {
				l -= threads[id]
			}
			if l == 0 {
				n++
			}
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
				var args Args
				return tx.Exec(ctx, `UPDATE stories SET briefed = FALSE WHERE `+p.In(&args, "id", stale), args...)
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

func queryIDs(ctx context.Context, tx Tx, query string, args ...any) ([]int64, error) {
	return QueryAll(ctx, tx, func(r Scanner) (int64, error) {
		var v int64
		err := r.Scan(&v)
		return v, err
	}, query, args...)
}
