package storetest

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/store"
)

// BenchSourceDuplicate measures adding a source already subscribed, under
// another spelling, to st holding n sources: "key" is the store's own
// check (AddSource refusing it by url_key), "list" the check newsdesk made
// before sources had the key, reading every source and canonicalising
// each (web.Subscribed, gone).
func BenchSourceDuplicate(b *testing.B, st store.Store, n int) {
	ctx := context.Background()
	for i := range n {
		if _, err := st.AddSource(ctx, news.Source{URL: fmt.Sprintf("https://site%d.example/feed.xml", i)}); err != nil {
			b.Fatal(err)
		}
	}
	spelling := func(i int) string { return fmt.Sprintf("HTTPS://Site%d.example/feed.xml?utm_source=x", i%n) }
	b.Run("key", func(b *testing.B) {
		i := 0
		for b.Loop() {
			if _, err := st.AddSource(ctx, news.Source{URL: spelling(i)}); !errors.Is(err, store.ErrDuplicate) {
				b.Fatalf("AddSource(%q): %v, want ErrDuplicate", spelling(i), err)
			}
			i++
		}
	})
	b.Run("list", func(b *testing.B) {
		i := 0
		for b.Loop() {
			srcs, err := st.Sources(ctx)
			if err != nil {
				b.Fatal(err)
			}
			want, found := news.URLKey(spelling(i)), false
			for _, s := range srcs {
				found = found || news.URLKey(s.URL) == want
			}
			if !found {
				b.Fatalf("%q not found", spelling(i))
			}
			i++
		}
	})
}
