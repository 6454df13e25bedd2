package storetest

import (
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/store"
)

// testStoriesByID checks that StoriesByID reads what Story reads, for
// every ID it is given that names a story, leaves out the others (the web
// server asks it for a briefing's related stories, some of which retention
// may have removed), and reads more IDs than one query takes.
func testStoriesByID(t *testing.T, st store.Store) {
	ctx := t.Context()
	n := store.MaxIDsPerQuery + 20
	stored := map[int64]news.Story{}
	for id := int64(1); id <= int64(n); id++ {
		s := news.Story{ID: id, ThreadID: 100 + id%3, Title: "Story " + strconv.FormatInt(id, 10), Category: "local",
			FirstSeen: day0, LastUpdated: day0.Add(time.Duration(id) * time.Minute), ArticleCount: int(id % 5), SourceCount: 1, Briefed: id%2 == 0}
		if err := st.PutStory(ctx, s); err != nil {
			t.Fatal(err)
		}
		got, err := st.Story(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		stored[id] = got
	}
	all := make([]int64, 0, n+1)
	for id := range stored {
		all = append(all, id)
	}
	all = append(all, 99999)
	tests := []struct {
		name string
		ids  []int64
		want []int64
	}{
		{"none", nil, nil},
		{"one", []int64{7}, []int64{7}},
		{"some gone, one twice", []int64{3, 99998, 1, 3, 0, -1}, []int64{1, 3}},
		{"all gone", []int64{99998, 99999}, nil},
		{"more than one query takes", all, slices.Sorted(func(yield func(int64) bool) {
			for id := range stored {
				if !yield(id) {
					return
				}
			}
		})},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := st.StoriesByID(ctx, tt.ids)
			if err != nil {
				t.Fatalf("StoriesByID: %v", err)
			}
			want := map[int64]news.Story{}
			for _, id := range tt.want {
				want[id] = stored[id]
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("StoriesByID(%d IDs) (-want +got):\n%s", len(tt.ids), diff)
			}
		})
	}
}
