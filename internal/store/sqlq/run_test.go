package sqlq

import (
	"context"
	"errors"
	"testing"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/store"
)

// fakeTx answers every query with err, or with no rows if err is nil.
type fakeTx struct{ err error }

func (t fakeTx) Query(context.Context, string, ...any) (Rows, error) {
	if t.err != nil {
		return nil, t.err
	}
	return noRows{}, nil
}

func (t fakeTx) Exec(context.Context, string, ...any) error { return t.err }

type noRows struct{}

func (noRows) Next() bool        { return false }
func (noRows) Scan(...any) error { return errors.New("scan of no row") }
func (noRows) Err() error        { return nil }
func (noRows) Close()            {}

// inTx is an InTx that runs fn on tx, or fails to begin with begin.
func inTx(tx Tx, begin error) InTx {
	return func(_ context.Context, fn func(Tx) error) error {
		if begin != nil {
			return begin
		}
		return fn(tx)
	}
}

// TestSharedErrors pins the errors of the functions both back ends run
// (SearchStories, ListRanked, UpdateSourceFunc, EditSource) to the
// messages each back end gave when it had its own copy.
func TestSharedErrors(t *testing.T) {
	t.Parallel()
	lost := errors.New("conn lost")
	noSource := func(context.Context, int64) (news.Source, error) {
		t.Error("source read after a failed transaction")
		return news.Source{}, nil
	}
	never := func(*news.Source) error {
		t.Error("edit called without a source")
		return nil
	}
	keys := SourceKeys{Eq: func(p string) string { return "url_key = " + p }, IsUnique: func(error) bool { return false }}
	page := store.SearchPage{Query: store.Query{Terms: [][]string{{"budget"}}}, Limit: 10}
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		run  func() error
		want string
		is   error
	}{
		{"search invalid page", func() error {
			_, err := SearchStories(ctx, fakeTx{}, SQLiteSearch, InList, store.SearchPage{Limit: 10})
			return err
		}, "search stories: " + store.ErrEmptyQuery.Error(), store.ErrEmptyQuery},
		{"search query fails", func() error {
			_, err := SearchStories(ctx, fakeTx{lost}, PostgresSearch, AnyArray, page)
			return err
		}, "search stories: conn lost", lost},
		{"ranked both cursors", func() error {
			c := store.StoryCursor{Rank: 1, ID: 1}
			_, err := ListRanked(ctx, fakeTx{}, store.StoryPage{After: c, Before: c, Limit: 10})
			return err
		}, "ranked stories: both after and before a cursor", nil},
		{"ranked query fails", func() error {
			_, err := ListRanked(ctx, fakeTx{lost}, store.StoryPage{Limit: 10})
			return err
		}, "list ranked stories: conn lost", lost},
		{"poll save cannot begin", func() error {
			_, err := UpdateSourceFunc(ctx, inTx(fakeTx{}, lost), keys, noSource, 7, never)
			return err
		}, "update source 7: conn lost", lost},
		{"poll save query fails", func() error {
			_, err := UpdateSourceFunc(ctx, inTx(fakeTx{lost}, nil), keys, noSource, 7, never)
			return err
		}, "update source 7: conn lost", lost},
		{"poll save of a missing source", func() error {
			_, err := UpdateSourceFunc(ctx, inTx(fakeTx{}, nil), keys, noSource, 7, never)
			return err
		}, "source 7: " + store.ErrNotFound.Error(), store.ErrNotFound},
		{"edit cannot begin", func() error {
			_, err := EditSource(ctx, inTx(fakeTx{}, lost), keys, noSource, 7, never)
			return err
		}, "edit source 7: conn lost", lost},
		{"edit of a missing source", func() error {
			_, err := EditSource(ctx, inTx(fakeTx{}, nil), keys, noSource, 7, never)
			return err
		}, "edit source 7: " + store.ErrNotFound.Error(), store.ErrNotFound},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.run()
			if err == nil || err.Error() != tc.want {
				t.Fatalf("err = %v, want %q", err, tc.want)
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("err = %v, want it to wrap %v", err, tc.is)
			}
		})
	}
}
