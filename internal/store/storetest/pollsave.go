package storetest

import (
	"context"
	"errors"
	"testing"
	"time"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/store"
)

// testUpdateSourceFunc checks UpdateSourceFunc on its own: it hands apply
// the source as stored and saves every field apply leaves, a new URL with
// its key; an error from apply saves nothing; a missing source is
// store.ErrNotFound and a URL already subscribed store.ErrDuplicate.
func testUpdateSourceFunc(t *testing.T, st store.Store) {
	ctx := context.Background()
	page, err := st.AddSource(ctx, news.Source{URL: "https://example.org/front", Name: "Front", Status: news.StatusOK,
		LastPolledAt: day0, NextPollAt: day0.Add(15 * time.Minute)})
	if err != nil {
		t.Fatalf("AddSource: %v", err)
	}
	other, err := st.AddSource(ctx, news.Source{URL: "https://example.org/other.xml"})
	if err != nil {
		t.Fatalf("AddSource: %v", err)
	}

	var seen news.Source
	got, err := st.UpdateSourceFunc(ctx, page.ID, func(s *news.Source) error {
		seen = *s
		s.URL, s.HomeURL, s.ETag, s.ErrorCount = "https://example.org/feed.xml", "https://example.org/", `"v1"`, 1
		return nil
	})
	if err != nil {
		t.Fatalf("UpdateSourceFunc: %v", err)
	}
	if diff := gocmp.Diff(page, seen); diff != "" {
		t.Errorf("source handed to apply (-want +got):\n%s", diff)
	}
	want := page
	want.URL, want.HomeURL, want.ETag, want.ErrorCount = "https://example.org/feed.xml", "https://example.org/", `"v1"`, 1
	if diff := gocmp.Diff(want, got); diff != "" {
		t.Errorf("UpdateSourceFunc returned (-want +got):\n%s", diff)
	}
	// The new URL took its key: another spelling of it is subscribed.
	if _, err := st.AddSource(ctx, news.Source{URL: "HTTPS://EXAMPLE.ORG/feed.xml"}); !errors.Is(err, store.ErrDuplicate) {
		t.Errorf("AddSource of the moved source's URL: err = %v, want ErrDuplicate", err)
	}

	errApply := errors.New("apply failed")
	if _, err := st.UpdateSourceFunc(ctx, page.ID, func(s *news.Source) error {
		s.Name = "Not saved"
		return errApply
	}); err != errApply {
		t.Errorf("UpdateSourceFunc, apply failing: err = %v, want apply's own", err)
	}
	if _, err := st.UpdateSourceFunc(ctx, other.ID, func(s *news.Source) error {
		s.URL = "https://example.org/feed.xml"
		return nil
	}); !errors.Is(err, store.ErrDuplicate) {
		t.Errorf("UpdateSourceFunc to a subscribed URL: err = %v, want ErrDuplicate", err)
	}
	if stored, err := st.Source(ctx, page.ID); err != nil {
		t.Errorf("Source: %v", err)
	} else if diff := gocmp.Diff(want, stored); diff != "" {
		t.Errorf("stored after the failed updates (-want +got):\n%s", diff)
	}
	if _, err := st.UpdateSourceFunc(ctx, 1<<40, func(*news.Source) error { return nil }); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("UpdateSourceFunc of a missing source: err = %v, want ErrNotFound", err)
	}
}

// RunEditDuringPoll checks that a person's edit of a source made while a
// poll's outcome is being saved (store.SourceUpdater) is not lost: an
// EditSource started inside UpdateSourceFunc's apply must wait for the
// poll's save and then edit the polled source, so that the row ends with
// the poll's fields and the edit's. editBlocked returns once the edit is
// seen waiting for the poll (PostgreSQL: a backend blocked by the poll's
// transaction); a back end that cannot observe that (SQLite, whose edit
// waits in its busy handler) waits a while instead, which a correct store
// passes however short. Before apply returns it waits for whichever comes
// first, the edit blocked or the edit saved: the second is the lost edit
// of a save that reads and writes the source apart, which this then
// catches every time. The whole is bounded by a deadline, so a store that
// deadlocks fails rather than hangs.
func RunEditDuringPoll(t *testing.T, st store.Store, editBlocked func(ctx context.Context) error) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	feed, err := st.AddSource(ctx, news.Source{URL: "https://example.org/editpoll.xml", Name: "Old name",
		Category: "world", Status: news.StatusOK, LastPolledAt: day0, NextPollAt: day0.Add(15 * time.Minute),
		PollEvery: 15 * time.Minute})
	if err != nil {
		t.Fatalf("AddSource: %v", err)
	}
	type edited struct {
		seen news.Source // the source handed to the edit
		err  error
	}
	done := make(chan edited, 1)
	var savedInside bool
	_, err = st.UpdateSourceFunc(ctx, feed.ID, func(s *news.Source) error {
		go func() {
			var e edited
			_, e.err = st.EditSource(ctx, feed.ID, func(cur *news.Source) error {
				e.seen = *cur
				cur.Name, cur.Category = "New name", "business"
				return nil
			})
			done <- e
		}()
		blocked := make(chan error, 1)
		go func() { blocked <- editBlocked(ctx) }()
		select {
		case e := <-done:
			savedInside = true
			done <- e
		case err := <-blocked:
			if err != nil {
				return err
			}
		}
		s.Status, s.LastError, s.ErrorCount = news.StatusError, "HTTP 503", 3
		s.LastPolledAt, s.NextPollAt, s.ETag = day0.Add(time.Hour), day0.Add(2*time.Hour), `"v2"`
		return nil
	})
	if err != nil {
		t.Fatalf("UpdateSourceFunc: %v", err)
	}
	if savedInside {
		t.Errorf("the edit was saved while the poll's save held the source")
	}
	var e edited
	select {
	case e = <-done:
	case <-ctx.Done():
		t.Fatalf("the edit did not finish after the poll's save: %v", ctx.Err())
	}
	if e.err != nil {
		t.Fatalf("EditSource: %v", e.err)
	}
	want := feed
	want.Status, want.LastError, want.ErrorCount = news.StatusError, "HTTP 503", 3
	want.LastPolledAt, want.NextPollAt, want.ETag = day0.Add(time.Hour), day0.Add(2*time.Hour), `"v2"`
	if !savedInside {
		// The edit read the source as the poll left it.
		if diff := gocmp.Diff(want, e.seen); diff != "" {
			t.Errorf("source handed to the edit (-want +got):\n%s", diff)
		}
	}
	want.Name, want.Category = "New name", "business"
	if stored, err := st.Source(ctx, feed.ID); err != nil {
		t.Errorf("Source: %v", err)
	} else if diff := gocmp.Diff(want, stored); diff != "" {
		t.Errorf("stored after the poll and the edit (-want +got):\n%s", diff)
	}
}
