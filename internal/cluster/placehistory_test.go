package cluster_test

import (
	"log/slog"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/newsdesk/newsdesk/internal/cluster"
	"github.com/newsdesk/newsdesk/internal/demo"
)

// TestPlaceHistory clusters two demo reports of one town with no history
// before them, as the one-shot brief does: its festival and, three days
// later, its water restrictions, told by one local outlet with the same
// mayor and cooperative's head. With no other article to carry the town's
// name, only PlaceHistory tells the town from the festival's own name.
func TestPlaceHistory(t *testing.T) {
	t.Parallel()
	w, err := demo.NewWire(slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	doc := func(outlet, slug string) cluster.Doc {
		for i, a := range w.Articles() {
			if a.Outlet == outlet && a.Slug == slug {
				return cluster.Doc{ID: int64(i + 1), Title: a.Title, Text: strings.ReplaceAll(a.Body, "\n\n", "\n"),
					Lang: a.Lang, Source: 1, Time: a.Published}
			}
		}
		t.Fatalf("no demo article %s/%s", outlet, slug)
		return cluster.Doc{}
	}
	festival := doc("cronica-del-sur", "fiesta-del-almendro-villa-serena")
	baking := doc("cronica-del-sur", "almendro-concurso-reposteria")
	drought := doc("cronica-del-sur", "restricciones-agua-villa-serena")
	tests := []struct {
		name    string
		history int
		docs    []cluster.Doc
		want    []bool // whether each doc after the first starts a story
	}{
		{"another event of the town", 10, []cluster.Doc{festival, drought}, []bool{true}},
		{"another event of the town, off", 0, []cluster.Doc{festival, drought}, []bool{false}},
		{"a second report of the festival", 10, []cluster.Doc{festival, baking}, []bool{false}},
		{"another event of the town after two reports", 10, []cluster.Doc{festival, baking, drought}, []bool{false, true}},
		{"another event of the town after two reports, off", 0, []cluster.Doc{festival, baking, drought}, []bool{false, false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cfg := cluster.DefaultConfig()
			cfg.PlaceHistory = tt.history
			c := cluster.New(cfg)
			c.Add(tt.docs[0])
			var got []bool
			for _, d := range tt.docs[1:] {
				got = append(got, c.Add(d).NewStory)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("new story (-want +got):\n%s", diff)
			}
		})
	}
}
