package pipeline

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/newsdesk/newsdesk/internal/brief"
	"github.com/newsdesk/newsdesk/internal/cluster"
	"github.com/newsdesk/newsdesk/internal/lang"
	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/translate"
)

// restore rebuilds the clusterer from the store and refreshes the stories
// it holds. p.mu must be held.
func (p *Pipeline) restore(ctx context.Context) error {
	// Every path numbers new stories past the largest ID ever saved: the
	// articles replayed name only the stories retention left.
	mark, err := p.st.StoryIDMark(ctx)
	if err != nil {
		return fmt.Errorf("restore clusterer: %w", err)
	}
	cfg := p.cfg.Cluster
	// empty starts p.cl afresh: before the snapshot is tried, and again
	// if it cannot be used, for the full replay.
	empty := func() {
		p.cl = cluster.New(cfg)
		p.cl.Reserve(mark)
		p.snap = snapState{savedAt: time.Now()}
	}
	empty()
	newest, err := p.st.Articles(ctx, store.ArticleFilter{Clustered: true, Limit: 1})
	if err != nil {
		return fmt.Errorf("restore clusterer: %w", err)
	}
	if len(newest) == 0 {
		p.snap.known = true // nothing grouped: the empty clusterer is exact
		p.dirty = false
		return nil
	}
	// A broken feed's date in the future must not push the window past
	// every real article.
	ref := newest[0].Time()
	if now := time.Now(); ref.After(now) {
		ref = now
	}
	switch err := p.restoreSnapshot(ctx, cfg, ref); {
	case err == nil:
		// The snapshot knows the IDs given up to its save, and the replay
		// after it those of the articles still stored: a story numbered
		// after the save and pruned since is in neither. Reserving after
		// restoreSnapshot's replay and refresh, not before them, is safe:
		// neither numbers a story, only Add does (clusterBatch).
		p.cl.Reserve(mark)
		return nil
	case !errors.Is(err, errNoSnapshot):
		return fmt.Errorf("restore clusterer: %w", err)
	default:
		level := slog.LevelWarn
		if errors.Is(err, store.ErrNotFound) {
			level = slog.LevelInfo // none saved yet: not a problem
		}
		p.logger.Log(ctx, level, "replaying the stored decisions in full", "reason", err)
		empty()
	}
	// Replay what the clusterer still holds: the thread window, and the
	// archive window, in which a forgotten story keeps the names a late
	// follow-up rejoins it by (see cluster.Config.ArchiveWindow). Stories
	// with articles in the thread window are refreshed afterwards.
	since := ref.Add(-max(cfg.ThreadWindow, cfg.ArchiveWindow))
	held := ref.Add(-cfg.ThreadWindow)
	var (
		maxID   int64
		n       int
		threads = map[int64]int64{} // story -> its stored thread
		refresh = map[int64]bool{}
	)
	var last int64 // the window's last article in grouped order
	replay := func(f store.ArticleFilter) error {
		return p.replay(ctx, f, func(a news.Article) error {
			if err := p.restoreArticle(ctx, a, threads); err != nil {
				return err
			}
			maxID = max(maxID, a.StoryID)
			if a.StoryID != 0 && !a.Time().Before(held) {
				refresh[a.StoryID] = true
			}
			n++
			last = a.ID
			return nil
		})
	}
	if err := replay(store.ArticleFilter{Since: since}); err != nil {
		return fmt.Errorf("restore clusterer: %w", err)
	}
	windowLast := last
	// The clusterer numbers new stories after the highest it has seen. A
	// story created late for old articles (dated before the window) would
	// be missed by the window and its ID given again: replay its articles
	// too. Its stories share no article with the window's, so replaying them
	// after the window's keeps every story's own order.
	late := maxID + 1
	if err := replay(store.ArticleFilter{MinStoryID: late}); err != nil {
		return fmt.Errorf("restore clusterer: %w", err)
	}
	for id, thread := range threads {
		// A story never saved (thread 0: a crash before its save) is
		// repaired whatever its age.
		if id >= late || thread == 0 {
			refresh[id] = true
		}
	}
	for id := range refresh {
		if err := p.refreshStory(ctx, id, ""); err != nil {
			return fmt.Errorf("restore clusterer: %w", err)
		}
	}
	p.dirty = false
	p.snap.replayed = n
	p.logger.Info("restored clusterer", "articles", n, "stories", len(threads))
	// The clusterer stands at a point of the grouped order, for a
	// snapshot, if nothing was grouped after the window's last article
	// (an old article grouped later is skipped by the window, or was
	// replayed out of order as part of a late story).
	after, err := p.st.Articles(ctx, store.ArticleFilter{Clustered: true, Order: store.GroupedOrder, After: windowLast, Limit: 1})
	if err != nil {
		return fmt.Errorf("restore clusterer: %w", err)
	}
	if windowLast != 0 && len(after) == 0 {
		p.snap.cursor, p.snap.known = windowLast, true
		// Fenced, the restore fails like its other writes (a story
		// refreshed): another process took the lead meanwhile.
		if err := p.logSnapshotErr(ctx, "save cluster snapshot after a replay", p.saveSnapshot(ctx)); err != nil {
			return fmt.Errorf("restore clusterer: %w", err)
		}
	}
	return nil
}

// replay feeds fn the clustered articles f selects, in grouped order, a
// page at a time.
func (p *Pipeline) replay(ctx context.Context, f store.ArticleFilter, fn func(news.Article) error) error {
	f.Clustered, f.Order, f.WithText, f.Limit = true, store.GroupedOrder, true, restorePage
	for {
		arts, err := p.st.Articles(ctx, f)
		if err != nil {
			return err
		}
		for _, a := range arts {
			if err := fn(a); err != nil {
				return err
			}
		}
		if len(arts) < restorePage {
			return nil
		}
		f.After = arts[len(arts)-1].ID
	}
}

// restoreSnapshot loads the store's snapshot and replays the decisions
// recorded after it, then refreshes the stories a full replay would: those
// the clusterer holds with an article since ref less the thread window,
// and those the replayed articles belong to (a crash may have left them
// unsaved). An error wrapping errNoSnapshot means there was nothing
// usable, and p.cl may be left half restored: the caller replays in full.
// The caller, which reads the store's story-ID mark for both paths, also
// reserves the IDs up to it.
func (p *Pipeline) restoreSnapshot(ctx context.Context, cfg cluster.Config, ref time.Time) error {
	cl, after, err := p.loadSnapshot(ctx, cfg)
	if err != nil {
		return err
	}
	p.cl = cl
	p.snap.cursor, p.snap.known = after, true
	threads := map[int64]int64{}
	refresh := map[int64]bool{}
	n := 0
	err = p.replay(ctx, store.ArticleFilter{After: after}, func(a news.Article) error {
		if err := p.restoreArticle(ctx, a, threads); err != nil {
			return err
		}
		refresh[a.StoryID] = true
		p.snap.grouped(a.ID)
		n++
		return nil
	})
	if err != nil {
		return err
	}
	held := ref.Add(-cfg.ThreadWindow)
	for _, id := range cl.StoryIDs() {
		if s, ok := cl.Story(id); ok && (s.Last.IsZero() || !s.Last.Before(held)) {
			refresh[id] = true
		}
	}
	for id := range refresh {
		if err := p.refreshStory(ctx, id, ""); err != nil {
			return err
		}
	}
	p.dirty = false
	p.snap.fromSnapshot, p.snap.replayed = true, n
	p.logger.Info("restored clusterer from its snapshot", "after_article", after, "replayed", n, "refreshed", len(refresh))
	return nil
}

// restorePage is how many articles a restart replays at a time: the
// replay reads a year of articles with their text.
const restorePage = 500

// restoreArticle replays a's stored decision into the clusterer. threads
// caches each story's stored thread.
func (p *Pipeline) restoreArticle(ctx context.Context, a news.Article, threads map[int64]int64) error {
	if a.StoryID == 0 {
		return nil // no text: set aside, never clustered (see clusterBatch)
	}
	thread, ok := threads[a.StoryID]
	if !ok {
		s, err := p.st.Story(ctx, a.StoryID)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return err
		}
		thread = s.ThreadID // 0 if the story was never saved: refreshed below
		threads[a.StoryID] = thread
	}
	tr, stored, err := p.translation(ctx, a)
	if !stored && err == nil && tr != (news.Translation{}) {
		// Asked now for an article grouped before translations were
		// stored (or under another desk language): kept, so that the next
		// restart replays this one instead of asking again. A translator
		// failing now is asked again next time.
		g := store.Group{StoryID: a.StoryID, ThreadID: a.ThreadID, DuplicateOf: a.DuplicateOf, Translation: tr}
		if err := p.leader().SetArticleGroup(ctx, a.ID, g); err != nil {
			return err
		}
	}
	// The thread Add gave this article replays its decisions exactly;
	// the story's present thread is the fallback for articles grouped
	// before that was stored. Replayed with it, a moved or merged
	// thread's centroids would be rebuilt in another order.
	p.cl.Restore(clusterDoc(a, tr), cluster.Assignment{StoryID: a.StoryID, ThreadID: cmp.Or(a.ThreadID, thread), DuplicateOf: a.DuplicateOf})
	return nil
}

// translation is the translation the clusterer reads a with: the one a was
// grouped with if it is stored for the desk's language (stored), else the
// translator's, as translateFor says. A stored one is replayed whatever
// the translator says now, and whether or not one is set, so that a
// restart rebuilds the clusterer as it was without calling it.
func (p *Pipeline) translation(ctx context.Context, a news.Article) (tr news.Translation, stored bool, err error) {
	if t := a.Translation; lang.Same(t.To, p.cfg.DeskLang) && lang.Same(t.From, a.Lang) {
		return t, true, nil
	}
	tr, err = translateFor(ctx, a, p.cfg.Translator, p.cfg.DeskLang, p.logger)
	return tr, false, err
}

// translateFor asks tr for a's title and text in deskLang. It returns the
// zero Translation when no translator is set or a needs none, and the pair
// without text when the translator gives nothing: the pair unsupported, or
// the translator failing, which it logs and returns.
//
// translate.Noop (`--translator none`) is no translator: its refusal,
// stored as a pair, would claim a translator had been asked, and keep one
// configured later from translating the article at a restart.
func translateFor(ctx context.Context, a news.Article, tr translate.Translator, deskLang string, logger *slog.Logger) (news.Translation, error) {
	if _, none := tr.(translate.Noop); none || tr == nil || a.Lang == "" || lang.Same(a.Lang, deskLang) {
		return news.Translation{}, nil
	}
	t := news.Translation{From: a.Lang, To: deskLang}
	text, err := tr.Translate(ctx, a.Title+"\n\n"+a.Text, a.Lang, deskLang)
	switch {
	case errors.Is(err, translate.ErrUnsupported):
		return t, nil
	case err != nil:
		logger.Warn("translate for clustering", "article", a.ID, "err", err)
		return t, fmt.Errorf("translate article %d: %w", a.ID, err)
	}
	t.Text = text
	return t, nil
}

// clusterDoc is the clusterer's view of a, read with the translation tr.
func clusterDoc(a news.Article, tr news.Translation) cluster.Doc {
	return cluster.Doc{ID: a.ID, Title: a.Title, Text: a.Text, Lang: a.Lang, Source: a.SourceID, Time: a.Time(), Translated: tr.Text}
}

// groupOrder sorts arts into the order the clusterer takes them, the
// server's batches and the one-shot alike: oldest first, as the clusterer
// expects, and articles of one time by URL. The store orders articles of
// one time by ID, which is the order their fetches happened to finish in,
// and the one-shot numbers them in the order they were given; their URL
// orders them the same way whatever the arrival order, so one set of
// articles groups alike every time, in a batch or a one-shot run.
func groupOrder(arts []news.Article) {
	slices.SortStableFunc(arts, func(a, b news.Article) int {
		return cmp.Or(a.Time().Compare(b.Time()), strings.Compare(a.URL, b.URL), cmp.Compare(a.ID, b.ID))
	})
}

// settle reports how much longer grouping should wait, zero for not at
// all: polls or article fetches are under way and have been for less than
// the wait's bound since a cluster job first found them. The articles of
// a first poll arrive feed by feed, each feed newest first; grouped as
// they come, a report of Sunday meets a story begun by Tuesday's analysis
// of another outlet and joins it on the names it mentions in passing.
// Waiting lets the batch be grouped oldest first.
//
// The bound is GroupSettle, so that steady fetching still groups every
// GroupSettle, unless the wait has found a backlog (GroupBacklogJobs
// polls and fetches under way or ready at one look): then it is GroupBacklogWait, and the wait
// goes on while the backlog's last fetches finish, although fewer are
// left, since grouping those in a slice of their own is what the wait
// is for. A backlog fetched over longer than GroupSettle was grouped in
// GroupSettle slices, each oldest first but the slices in the order the
// feeds finished, so its stories changed from run to run.
func (p *Pipeline) settle(ctx context.Context) (time.Duration, error) {
	if p.cfg.GroupSettle <= 0 {
		return 0, nil
	}
	busy, err := p.q.PendingIn(ctx, QueuePoll, QueueArticle)
	if err != nil {
		return 0, err
	}
	now := time.Now()
	if busy && p.settling.IsZero() {
		p.settling = now
	}
	if busy && !p.backlog && p.cfg.GroupBacklogWait > p.cfg.GroupSettle {
		// Only jobs under way, ready, or snoozed until their host's turn
		// within the wait's bound make a backlog: a busy host's pages
		// give their workers back and wait scheduled (Config.HostWait),
		// and a story must not be grouped without them. Fetches waiting
		// out a retry's backoff (a site down) are not a backlog being
		// fetched, and would otherwise hold steady grouping back by the
		// whole GroupBacklogWait for as long as they keep retrying.
		n, err := p.q.CountDueIn(ctx, p.cfg.GroupBacklogJobs, p.cfg.GroupBacklogWait, QueuePoll, QueueArticle)
		if err != nil {
			return 0, err
		}
		if n >= p.cfg.GroupBacklogJobs {
			p.backlog = true
			p.logger.Debug("grouping waits for a backlog", "active_fetches", n, "at_most", p.cfg.GroupBacklogWait-now.Sub(p.settling))
		}
	}
	bound := p.cfg.GroupSettle
	if p.backlog {
		bound = p.cfg.GroupBacklogWait
	}
	if busy && now.Sub(p.settling) < bound {
		return bound - now.Sub(p.settling), nil
	}
	if busy && p.backlog {
		p.logger.Info("grouping before fetching is done: the wait's bound is over", "waited", now.Sub(p.settling), "backlog", p.backlog)
	}
	p.settling, p.backlog = time.Time{}, false
	return 0, nil
}

// maxSettleSnooze bounds a settling cluster job's snooze, so that the
// articles are grouped soon after the fetching ends rather than only when
// the whole GroupSettle is over.
const maxSettleSnooze = 250 * time.Millisecond

// settleWait is clusterAll's answer while the articles settle: groupJob
// snoozes the job for up to left. Completed instead, the job would be
// inserted again at every look of the scheduler that finds an article
// unclustered, each a queue insert, fetch and PendingIn query on SQLite's one queue
// connection, which the fetches being waited for share.
type settleWait struct{ left time.Duration }

func (w *settleWait) Error() string { return fmt.Sprintf("articles settling for %s more", w.left) }

// clusterAll groups every unclustered article, a batch at a time.
func (p *Pipeline) clusterAll(ctx context.Context) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if left, err := p.settle(ctx); err != nil {
		return err
	} else if left > 0 {
		return &settleWait{left: left}
	}
	if p.dirty {
		if err := p.restore(ctx); err != nil {
			return err
		}
	}
	for ctx.Err() == nil {
		n, err := p.clusterBatch(ctx)
		if err != nil {
			// Articles the clusterer took may not all be recorded.
			p.dirty = true
			return err
		}
		if err := p.maybeSnapshot(ctx); err != nil {
			return err
		}
		if n < p.cfg.GroupBatch {
			break
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	// Brief what changed now rather than at the scheduler's next look.
	if list, err := p.st.Stories(ctx, store.StoryFilter{Unbriefed: true, Limit: 1}); err == nil && len(list) > 0 {
		if err := p.insertGroup(ctx, briefArgs{}); err != nil {
			p.logger.Warn("queue briefing", "err", err)
		}
	}
	return nil
}

func (p *Pipeline) clusterBatch(ctx context.Context) (int, error) {
	arts, err := p.st.Articles(ctx, store.ArticleFilter{
		Unclustered: true, Order: store.OldestFirst, WithText: true, Limit: p.cfg.GroupBatch,
	})
	if err != nil {
		return 0, err
	}
	groupOrder(arts)
	touched := map[int64]string{} // story -> category of an article that joined it
	var order []int64
	for _, a := range arts {
		if strings.TrimSpace(a.Text) == "" {
			// A failed article has nothing to group or cite: mark it done
			// without a story, so it does not make an empty one.
			if err := p.leader().SetArticleGroup(ctx, a.ID, store.Group{}); err != nil {
				return 0, err
			}
			p.snap.grouped(a.ID)
			continue
		}
		// Grouped untranslated if the translator fails: the decision is
		// stored with the pair alone, so that a restart replays it so.
		tr, _, _ := p.translation(ctx, a)
		as := p.cl.Add(clusterDoc(a, tr))
		g := store.Group{StoryID: as.StoryID, ThreadID: as.ThreadID, DuplicateOf: as.DuplicateOf, Translation: tr}
		if err := p.leader().SetArticleGroup(ctx, a.ID, g); err != nil {
			return 0, err
		}
		p.snap.grouped(a.ID)
		if _, ok := touched[as.StoryID]; !ok {
			order = append(order, as.StoryID)
		}
		if touched[as.StoryID] == "" {
			touched[as.StoryID] = a.Category
		}
		if as.MergedWith != 0 {
			held, err := p.mergedStories(ctx, as)
			if err != nil {
				return 0, err
			}
			for _, id := range held {
				if _, ok := touched[id]; !ok {
					touched[id] = ""
					order = append(order, id)
				}
			}
		}
	}
	for _, id := range order {
		if err := p.refreshStory(ctx, id, touched[id]); err != nil {
			return 0, err
		}
	}
	if len(arts) > 0 {
		p.logger.Debug("clustered articles", "articles", len(arts), "stories", len(order))
	}
	return len(arts), nil
}

// mergedStories follows a merge of two threads (as.MergedWith): the stored
// stories of both must learn their new thread, including those the batch
// does not touch, or their briefings' background would miss it. Stories
// the clusterer still holds are returned, to be refreshed with the batch;
// one past its window is moved to the thread that stays here, since
// refreshStory cannot ask the clusterer for it.
func (p *Pipeline) mergedStories(ctx context.Context, as cluster.Assignment) ([]int64, error) {
	keep := p.cl.ThreadOf(as.StoryID)
	var held []int64
	for _, th := range []int64{as.ThreadID, as.MergedWith} {
		sts, err := p.st.Stories(ctx, store.StoryFilter{ThreadID: th})
		if err != nil {
			return nil, err
		}
		for _, st := range sts {
			switch {
			case p.cl.ThreadOf(st.ID) != 0 || keep == 0:
				held = append(held, st.ID)
			case st.ThreadID != keep:
				st.ThreadID = keep
				if err := p.leader().PutStory(ctx, st); err != nil {
					return nil, err
				}
			}
		}
	}
	return held, nil
}

// refreshStory recomputes story id from its stored articles and saves it,
// marked for briefing, if anything a reader sees changed.
func (p *Pipeline) refreshStory(ctx context.Context, id int64, category string) error {
	if id == 0 {
		return nil
	}
	arts, err := p.st.Articles(ctx, store.ArticleFilter{StoryID: id, Order: store.OldestFirst})
	if err != nil {
		return err
	}
	old, err := p.st.Story(ctx, id)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return err
	}
	s := news.Story{ID: id, ThreadID: cmp.Or(p.cl.ThreadOf(id), old.ThreadID, id), Title: old.Title, Category: old.Category}
	cats := tally(&s, arts)
	if s.Category == "" {
		s.Category = category
		for c, n := range cats {
			if n > cats[s.Category] || (n == cats[s.Category] && c < s.Category) {
				s.Category = c
			}
		}
	}
	if len(arts) == 0 {
		return nil // nothing to show; never saved a story without articles
	}
	if s == (news.Story{ID: old.ID, ThreadID: old.ThreadID, Title: old.Title, Category: old.Category,
		FirstSeen: old.FirstSeen, LastUpdated: old.LastUpdated, ArticleCount: old.ArticleCount, SourceCount: old.SourceCount}) {
		return nil
	}
	return p.leader().PutStory(ctx, s)
}

// tally fills in what a story's members (in time order) say of it: its
// time span from all of them; its article and source counts, and its title
// if it has none, from those not duplicates. It returns how many of those
// carry each category.
func tally(s *news.Story, members []news.Article) (categories map[string]int) {
	sources := map[int64]bool{}
	categories = map[string]int{}
	for _, a := range members {
		if s.FirstSeen.IsZero() || a.Time().Before(s.FirstSeen) {
			s.FirstSeen = a.Time()
		}
		if a.Time().After(s.LastUpdated) {
			s.LastUpdated = a.Time()
		}
		if a.DuplicateOf != 0 {
			continue
		}
		if s.Title == "" {
			s.Title = a.Title
		}
		s.ArticleCount++
		sources[a.SourceID] = true
		if a.Category != "" {
			categories[a.Category]++
		}
	}
	s.SourceCount = len(sources)
	return categories
}

// briefAll briefs every story marked stale, a batch at a time.
func (p *Pipeline) briefAll(ctx context.Context) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	done := map[int64]bool{}
	for ctx.Err() == nil {
		stories, err := p.st.Stories(ctx, store.StoryFilter{Unbriefed: true, Limit: p.cfg.GroupBatch})
		if err != nil {
			return err
		}
		sources, err := p.sourceMap(ctx)
		if err != nil {
			return err
		}
		progress := false
		for _, s := range stories {
			if done[s.ID] {
				continue
			}
			done[s.ID], progress = true, true
			b, err := p.briefStory(ctx, s, sources)
			if err != nil {
				return err
			}
			needWrite := false
			if p.cfg.Writer != nil {
				if b, needWrite, err = p.attachWritten(ctx, b); err != nil {
					return err
				}
			}
			if err := p.leader().PutBriefing(ctx, b); err != nil {
				return err
			}
			if needWrite {
				p.queueWrite(ctx, b)
			}
		}
		if !progress {
			return nil
		}
	}
	return ctx.Err()
}

func (p *Pipeline) sourceMap(ctx context.Context) (map[int64]news.Source, error) {
	list, err := p.st.Sources(ctx)
	if err != nil {
		return nil, err
	}
	m := make(map[int64]news.Source, len(list))
	for _, s := range list {
		m[s.ID] = s
	}
	return m, nil
}

// briefStory assembles the briefing's input from the store and the
// clusterer and builds it.
func (p *Pipeline) briefStory(ctx context.Context, s news.Story, sources map[int64]news.Source) (news.Briefing, error) {
	arts, err := p.st.Articles(ctx, store.ArticleFilter{StoryID: s.ID, WithText: true, Order: store.OldestFirst})
	if err != nil {
		return news.Briefing{}, err
	}
	in := brief.Input{Story: s, Sources: sources, Articles: originals(arts, 0)}
	if p.cfg.MaxRelated > 0 {
		for _, rid := range p.cl.Related(s.ID, p.cfg.MaxRelated) {
			rs, err := p.st.Story(ctx, rid)
			if errors.Is(err, store.ErrNotFound) {
				continue
			}
			if err != nil {
				return news.Briefing{}, err
			}
			in.Related = append(in.Related, rs)
			ra, err := p.st.Articles(ctx, store.ArticleFilter{StoryID: rid, WithText: true, Limit: 4 * p.cfg.EarlierPerStory})
			if err != nil {
				return news.Briefing{}, err
			}
			in.Earlier = append(in.Earlier, originals(ra, p.cfg.EarlierPerStory)...)
		}
	}
	// Extractive only: the writer, if any, runs in a write job afterwards
	// (see writejob.go), never under the clusterer's lock.
	return buildBriefing(in, brief.Options{SummaryWords: p.cfg.SummaryWords, DeskLang: p.cfg.DeskLang, Logger: p.briefLog}, p.logger), nil
}

// originals drops duplicates, keeping at most n articles when n > 0.
func originals(arts []news.Article, n int) []news.Article {
	var out []news.Article
	for _, a := range arts {
		if a.DuplicateOf == 0 && (n <= 0 || len(out) < n) {
			out = append(out, a)
		}
	}
	return out
}

// buildBriefing runs brief.Build, turning a panic into a bare briefing
// (headline and disclaimer), so that one story the briefer cannot handle
// neither stops the others nor comes back forever; the panic is logged.
func buildBriefing(in brief.Input, opt brief.Options, logger *slog.Logger) (b news.Briefing) {
	defer func() {
		if r := recover(); r != nil {
			logger.Error("briefing failed", "story", in.Story.ID, "panic", fmt.Sprint(r))
			b = news.Briefing{
				StoryID: in.Story.ID, Headline: in.Story.Title, Category: in.Story.Category,
				GeneratedAt: time.Now().UTC(),
				Sections: []news.Section{{Kind: news.SectionDisclaimer, Title: brief.SectionTitle(news.SectionDisclaimer),
					Items: []news.Item{{Text: news.Disclaimer(in.Story.SourceCount)}}}},
			}
		}
	}()
	b = brief.Build(in, opt)
	b.StoryID = in.Story.ID
	return b
}
