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

// testEditSource checks that EditSource saves what a person edits and the
// schedule, and nothing of the poll state: a poll saved after the editor
// read the source (UpdateSourceFunc, as the pipeline's savePoll does) keeps
// its status, error, validators and unchanged polls, and the edit is
// handed that poll's state, not the one the editor read.
func testEditSource(t *testing.T, st store.Store) {
	ctx := context.Background()
	feed, err := st.AddSource(ctx, news.Source{URL: "https://example.org/edit.xml", Name: "Old name",
		Category: "world", Status: news.StatusOK, LastPolledAt: day0, NextPollAt: day0.Add(15 * time.Minute),
		PollEvery: 15 * time.Minute})
	if err != nil {
		t.Fatalf("AddSource: %v", err)
	}
	// The poll the editor did not see.
	polled := feed
	polled.LastPolledAt, polled.NextPollAt = day0.Add(time.Hour), day0.Add(time.Hour+30*time.Minute)
	polled.Status, polled.LastError, polled.ErrorCount = news.StatusError, "HTTP 503", 2
	polled.ETag, polled.LastModified, polled.UnchangedPolls, polled.PollHint = `"v2"`, "Sat, 14 Mar 2026 10:30:00 GMT", 4, time.Hour
	if err := saveSource(ctx, st, polled); err != nil {
		t.Fatalf("UpdateSourceFunc: %v", err)
	}

	var seen news.Source
	got, err := st.EditSource(ctx, feed.ID, func(s *news.Source) error {
		seen = *s
		s.Name, s.Lang, s.Category, s.PollInterval = "New name", "es", "business", 2*time.Hour
		s.NextPollAt, s.PollEvery, s.PollReason = s.LastPolledAt.Add(2*time.Hour), 2*time.Hour, "override: the source's own interval"
		// None of these may be saved.
		s.URL, s.Kind, s.Status, s.LastError, s.ErrorCount = "https://example.org/other.xml", news.SourcePage, news.StatusNew, "", 0
		s.ETag, s.UnchangedPolls, s.PollHint, s.LastPolledAt = "", 0, 0, time.Time{}
		return nil
	})
	if err != nil {
		t.Fatalf("EditSource: %v", err)
	}
	if diff := gocmp.Diff(polled, seen); diff != "" {
		t.Errorf("source handed to the edit (-want +got):\n%s", diff)
	}
	want := polled
	want.Name, want.Lang, want.Category, want.PollInterval = "New name", "es", "business", 2*time.Hour
	want.NextPollAt, want.PollEvery, want.PollReason = day0.Add(3*time.Hour), 2*time.Hour, "override: the source's own interval"
	if diff := gocmp.Diff(want, got); diff != "" {
		t.Errorf("EditSource returned (-want +got):\n%s", diff)
	}
	if stored, err := st.Source(ctx, feed.ID); err != nil {
		t.Errorf("Source: %v", err)
	} else if diff := gocmp.Diff(want, stored); diff != "" {
		t.Errorf("stored after the edit (-want +got):\n%s", diff)
	}

	// Clearing the interval and the schedule stores zeros, not stale values.
	got, err = st.EditSource(ctx, feed.ID, func(s *news.Source) error {
		s.PollInterval, s.NextPollAt, s.PollEvery, s.PollReason = 0, time.Time{}, 0, ""
		return nil
	})
	if err != nil {
		t.Fatalf("EditSource(clear): %v", err)
	}
	want.PollInterval, want.NextPollAt, want.PollEvery, want.PollReason = 0, time.Time{}, 0, ""
	if diff := gocmp.Diff(want, got); diff != "" {
		t.Errorf("EditSource(clear) returned (-want +got):\n%s", diff)
	}

	refused := errors.New("refused by the editor")
	_, err = st.EditSource(ctx, feed.ID, func(s *news.Source) error {
		s.Name = "Not saved"
		return refused
	})
	if !errors.Is(err, refused) {
		t.Errorf("EditSource(refusing edit) = %v, want the edit's error", err)
	}
	if stored, err := st.Source(ctx, feed.ID); err != nil || stored.Name != want.Name {
		t.Errorf("after a refused edit the name is %q (%v), want %q", stored.Name, err, want.Name)
	}

	called := false
	_, err = st.EditSource(ctx, 9999, func(*news.Source) error { called = true; return nil })
	if !errors.Is(err, store.ErrNotFound) || called {
		t.Errorf("EditSource(missing) = %v, edit called %v; want store.ErrNotFound, not called", err, called)
	}
}
