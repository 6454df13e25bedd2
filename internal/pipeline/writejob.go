package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/queue"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/write"
)

// The optional LLM writer (Config.Writer) runs in write jobs of its own,
// never inside a brief job: a brief job holds the clusterer's lock, and a
// slow model would hold up the grouping of every new article by up to the
// writer's timeout per story. So a brief job stores the extractive
// briefing at once, and a write job, later, asks the writer and stores the
// briefing again with the verified written section added.
//
// A written section belongs to one extractive summary, named by its key
// (summaryKey: a hash of the summary's citations). A write job carries the
// key it writes for and stores its section only while the stored briefing
// still has that key: a newer briefing that changed the summary wins, and
// the stale job is dropped. A re-brief that leaves the summary alone
// re-attaches the section already stored for its key and asks for none.

// QueueWrite is the write jobs' queue, worked only where the group queue is
// (see writeQueue).
const QueueWrite = "write"

// writeAttempts bounds the tries of a write job whose writer fails: a model
// server that is down is asked a few times, with backoff, not forever.
const writeAttempts = 3

// writeQueue is the write queue's config. It is worked by the process that
// groups (the leader on PostgreSQL): its job stores a briefing, a write
// fenced by the leader's epoch like the brief job's.
func (p *Pipeline) writeQueue() river.QueueConfig {
	return river.QueueConfig{MaxWorkers: p.cfg.WriteWorkers}
}

type writeArgs struct {
	StoryID int64 `json:"story_id"`
	// Key is the summary key (summaryKey) of the briefing to write for.
	Key string `json:"key"`
}

func (writeArgs) Kind() string { return "newsdesk.write" }

// InsertOpts makes a write job unique by story and key among unfinished
// and completed jobs: a story re-briefed with its summary unchanged while
// its written section is still being drafted, or after the writer
// rejected every draft, does not ask the model again (while River retains
// the completed job, queue.Config.CompletedRetention). A discarded job
// (the writer failing writeAttempts times) does not count: the next
// re-brief of the story tries again.
func (writeArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: QueueWrite, MaxAttempts: writeAttempts, UniqueOpts: river.UniqueOpts{
		ByArgs:  true,
		ByState: append(queue.PendingStates(), rivertype.JobStateCompleted),
	}}
}

// writeWorker works write jobs.
type writeWorker struct {
	river.WorkerDefaults[writeArgs]
	p *Pipeline
}

func (w writeWorker) Work(ctx context.Context, j *river.Job[writeArgs]) error {
	return w.p.groupJob(ctx, func(ctx context.Context) error {
		return w.p.writeStory(ctx, j.Args, j.Attempt)
	})
}

// NextRetry backs a failed write off WriteRetry, doubling with every
// attempt.
func (w writeWorker) NextRetry(j *river.Job[writeArgs]) time.Time {
	return time.Now().Add(w.p.cfg.WriteRetry << max(j.Attempt-1, 0))
}

// writtenSection is a verified written section and the summary key it was
// written for.
type writtenSection struct {
	key     string
	section news.Section
}

// summaryKey names the extractive summary of b by its citations (the
// articles' stored text does not change, so the same citations are the
// same sentences); "" when b has no summary, and so nothing to write from.
func summaryKey(b news.Briefing) string {
	s, ok := b.Section(news.SectionSummary)
	if !ok || len(s.Items) == 0 {
		return ""
	}
	h := sha256.New()
	for _, it := range s.Items {
		for _, c := range it.Citations {
			fmt.Fprintf(h, "%d:%d:%d,", c.ArticleID, c.Start, c.End)
		}
		h.Write([]byte{';'})
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// attachWritten gives the new extractive briefing b the written section
// already verified for its summary key: the one drafted while the story
// was waiting to be re-briefed, else the stored briefing's. It reports
// whether b still needs a write job. p.mu must be held.
func (p *Pipeline) attachWritten(ctx context.Context, b news.Briefing) (_ news.Briefing, needWrite bool, err error) {
	key := summaryKey(b)
	pending, held := p.written[b.StoryID]
	delete(p.written, b.StoryID)
	if key == "" {
		return b, false, nil
	}
	if held && pending.key == key {
		return write.WithSection(b, pending.section), false, nil
	}
	old, err := p.st.Briefing(ctx, b.StoryID)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return b, true, nil
	case err != nil:
		return b, false, fmt.Errorf("written section of story %d: %w", b.StoryID, err)
	}
	if s, ok := old.Section(news.SectionWritten); ok && summaryKey(old) == key {
		return write.WithSection(b, s), false, nil
	}
	return b, true, nil
}

// queueWrite inserts the write job of briefing b, just stored. A failed
// insert is logged, not returned: the extractive briefing is stored, and
// the written section is an extra.
func (p *Pipeline) queueWrite(ctx context.Context, b news.Briefing) {
	if err := p.insertGroup(ctx, writeArgs{StoryID: b.StoryID, Key: summaryKey(b)}); err != nil {
		p.logger.Warn("queue written summary", "story", b.StoryID, "err", err)
	}
}

// writeStory asks the writer for a written summary of the stored briefing
// of args.StoryID and stores the briefing again with its verified
// sentences, if the briefing still has the summary args.Key names. The
// writer is asked without p.mu; only the check and the store take it, so
// grouping waits for a write at most that long.
func (p *Pipeline) writeStory(ctx context.Context, args writeArgs, attempt int) error {
	if p.cfg.Writer == nil {
		return nil // a job left from a run with a writer
	}
	b, err := p.st.Briefing(ctx, args.StoryID)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("write story %d: %w", args.StoryID, err)
	}
	if summaryKey(b) != args.Key {
		p.logger.Debug("written summary dropped: the summary changed", "story", args.StoryID)
		return nil
	}
	if _, ok := b.Section(news.SectionWritten); ok {
		return nil
	}
	arts, err := p.st.Articles(ctx, store.ArticleFilter{StoryID: args.StoryID, WithText: true})
	if err != nil {
		return fmt.Errorf("write story %d: %w", args.StoryID, err)
	}
	own := make(map[int64]news.Article, len(arts))
	for _, a := range originals(arts, 0) {
		own[a.ID] = a
	}
	sec, ok, err := write.Written(ctx, p.cfg.Writer, b, own, p.briefLog)
	if err != nil {
		if ctx.Err() != nil {
			return err // stopping, or no longer leading: not the writer's fault
		}
		p.logger.Warn("writer failed; extractive summary only", "story", args.StoryID,
			"attempt", strconv.Itoa(attempt)+"/"+strconv.Itoa(writeAttempts), "err", err)
		return err
	}
	if !ok {
		return nil
	}
	return p.putWritten(ctx, args, sec)
}

// putWritten stores the stored briefing again with sec, if it still has
// args.Key. A story marked for briefing again meanwhile keeps sec for its
// re-brief (attachWritten) instead: PutBriefing would mark it briefed, and
// the article that made it stale would never be briefed.
func (p *Pipeline) putWritten(ctx context.Context, args writeArgs, sec news.Section) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	b, err := p.st.Briefing(ctx, args.StoryID)
	if err != nil {
		return fmt.Errorf("write story %d: %w", args.StoryID, err)
	}
	if summaryKey(b) != args.Key {
		p.logger.Debug("written summary dropped: the summary changed", "story", args.StoryID)
		return nil
	}
	s, err := p.st.Story(ctx, args.StoryID)
	if err != nil {
		return fmt.Errorf("write story %d: %w", args.StoryID, err)
	}
	if !s.Briefed {
		p.written[args.StoryID] = writtenSection{key: args.Key, section: sec}
		return nil
	}
	if err := p.leader().PutBriefing(ctx, write.WithSection(b, sec)); err != nil {
		return fmt.Errorf("write story %d: %w", args.StoryID, err)
	}
	return nil
}

// backfillWrites queues a write job for each of the WriteBackfill most
// recent stories whose stored briefing has a summary but no written
// section: those briefed while no writer was configured, or whose write
// job was discarded. Without it, turning a writer on for an existing
// database would write for a story only when it is next re-briefed. It
// runs where write jobs are worked: at Start, or on taking the lead.
//
// The jobs are writeArgs as a brief job queues them, unique by story and
// key among unfinished and retained completed jobs, so a summary whose
// job is queued, or whose drafts were all rejected, is not asked for
// again. A story waiting to be re-briefed is left to its brief job
// (attachWritten). A failure is logged, not returned: the extractive
// briefings stand, and the written section is an extra.
func (p *Pipeline) backfillWrites(ctx context.Context) {
	if p.cfg.Writer == nil || p.cfg.WriteBackfill == 0 {
		return
	}
	jobs, err := p.missingWrites(ctx)
	if err != nil {
		if ctx.Err() == nil {
			p.logger.Warn("queue written summaries of stored briefings", "err", err)
		}
		return
	}
	if len(jobs) == 0 {
		return
	}
	p.addMu.RLock()
	res, err := p.q.InsertMany(ctx, jobs)
	p.addMu.RUnlock()
	if err != nil {
		p.logger.Warn("queue written summaries of stored briefings", "jobs", len(jobs), "err", err)
		return
	}
	queued := 0
	for _, r := range res {
		if !r.UniqueSkippedAsDuplicate {
			queued++
		}
	}
	p.logger.Info("queued written summaries of stored briefings", "queued", queued, "without_section", len(jobs))
}

// missingWrites lists the write jobs backfillWrites queues.
func (p *Pipeline) missingWrites(ctx context.Context) ([]river.InsertManyParams, error) {
	stories, err := p.st.Stories(ctx, store.StoryFilter{Limit: p.cfg.WriteBackfill})
	if err != nil {
		return nil, fmt.Errorf("list stories: %w", err)
	}
	var jobs []river.InsertManyParams
	for _, s := range stories {
		if !s.Briefed {
			continue // its brief job queues the write if one is needed
		}
		b, err := p.st.Briefing(ctx, s.ID)
		if errors.Is(err, store.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("briefing of story %d: %w", s.ID, err)
		}
		key := summaryKey(b)
		if _, ok := b.Section(news.SectionWritten); ok || key == "" {
			continue
		}
		jobs = append(jobs, river.InsertManyParams{Args: writeArgs{StoryID: s.ID, Key: key}})
	}
	return jobs, nil
}
