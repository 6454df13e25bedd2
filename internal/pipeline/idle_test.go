package pipeline

import (
	"context"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/riverqueue/river/rivertype"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/store/sqlite"
)

// lookCounter counts the scheduler's looks for unclustered articles.
type lookCounter struct {
	store.Store
	looks atomic.Int64
}

func (s *lookCounter) Articles(ctx context.Context, f store.ArticleFilter) ([]news.Article, error) {
	if f.Unclustered && f.Limit == 1 {
		s.looks.Add(1)
	}
	return s.Store.Articles(ctx, f)
}

// TestIdleLooksSpreadOut checks that an idle pipeline's scheduler looks
// for grouping work less and less often, up to a look a second, rather
// than every GroupEvery (20 ms here: about 75 looks in 1.5 s).
func TestIdleLooksSpreadOut(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	spy := &lookCounter{}
	startPipelineAs(t, ctx, filepath.Join(t.TempDir(), "idle.db"), testFetcher(t), testConfig(), func(st *sqlite.Store) store.Store {
		spy.Store = st
		return spy
	})
	time.Sleep(1500 * time.Millisecond)
	// 20, 40, 80, ... 640 ms, then a second: 7 or 8 looks.
	if n := spy.looks.Load(); n > 12 {
		t.Errorf("%d looks in 1.5 s of idling, want at most 12", n)
	}
}

// TestGroupLookDue checks when the scheduler inserts the cluster job
// again, from what its last insert answered: a job it inserted waits
// groupRecheck as one it found pending does ("inserted, just now" was
// due, a duplicate insert at the next look, until 29 November).
func TestGroupLookDue(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)
	res := func(dup bool, state rivertype.JobState, at time.Time) *rivertype.JobInsertResult {
		return &rivertype.JobInsertResult{UniqueSkippedAsDuplicate: dup, Job: &rivertype.JobRow{State: state, ScheduledAt: at}}
	}
	just, recheck := now.Add(-20*time.Millisecond), now.Add(-groupRecheck)
	tests := []struct {
		name string
		g    groupLook
		want bool
	}{
		{"nothing known", groupLook{}, true},
		{"inserted, just now", lookAfter(res(false, rivertype.JobStateAvailable, just), just), false},
		{"inserted, rechecked", lookAfter(res(false, rivertype.JobStateAvailable, recheck), recheck), true},
		{"pending, just found", lookAfter(res(true, rivertype.JobStateRunning, now.Add(-time.Second)), just), false},
		{"pending, rechecked", lookAfter(res(true, rivertype.JobStateRunning, now.Add(-time.Second)), recheck), true},
		{"snoozed", lookAfter(res(true, rivertype.JobStateAvailable, now.Add(time.Millisecond)), now.Add(-time.Second)), false},
		{"snooze over", lookAfter(res(true, rivertype.JobStateAvailable, now), just), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := tt.g.due(now); got != tt.want {
				t.Errorf("due = %t, want %t", got, tt.want)
			}
		})
	}
}

// TestSnoozedUntil checks which insert answers say the cluster job waits.
func TestSnoozedUntil(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)
	later := now.Add(200 * time.Millisecond)
	res := func(dup bool, state rivertype.JobState, at time.Time) *rivertype.JobInsertResult {
		return &rivertype.JobInsertResult{UniqueSkippedAsDuplicate: dup, Job: &rivertype.JobRow{State: state, ScheduledAt: at}}
	}
	tests := []struct {
		name string
		res  *rivertype.JobInsertResult
		want time.Time
	}{
		{"inserted", res(false, rivertype.JobStateAvailable, now), time.Time{}},
		{"ready", res(true, rivertype.JobStateAvailable, now.Add(-time.Millisecond)), time.Time{}},
		{"running", res(true, rivertype.JobStateRunning, now.Add(-time.Second)), time.Time{}},
		{"short snooze", res(true, rivertype.JobStateAvailable, later), later},
		{"long snooze", res(true, rivertype.JobStateScheduled, later), later},
		{"retry", res(true, rivertype.JobStateRetryable, later), later},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := snoozedUntil(tt.res, now); !got.Equal(tt.want) {
				t.Errorf("snoozedUntil = %s, want %s", got, tt.want)
			}
		})
	}
}
