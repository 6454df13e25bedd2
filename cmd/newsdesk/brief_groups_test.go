package main

import (
	"bytes"
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/newsdesk/newsdesk/internal/news"
)

// TestBriefGroupsAHandfulOfPages runs "newsdesk brief" on a few demo
// pages at a time, with no history for the clusterer to learn which names
// are common: unrelated pages get a briefing each, and reports of one
// story share one. The town's festival and its water restrictions, told by
// one local outlet with the same mayor and the same cooperative's head,
// were one briefing before Config.PlaceHistory.
func TestBriefGroupsAHandfulOfPages(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("short")
	}
	// The subtests run in parallel after this function returns.
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	w, base := serveWire(t, ctx)
	// page names a demo article by outlet and slug; each case's groups
	// are the pages each briefing should reference, in input order.
	page := func(outlet, slug string) string {
		for _, a := range w.Articles() {
			if a.Outlet == outlet && a.Slug == slug {
				return base + a.Path
			}
		}
		t.Fatalf("no demo article %s/%s", outlet, slug)
		return ""
	}
	var (
		droughtES  = page("cronica-del-sur", "restricciones-agua-villa-serena")
		droughtEN  = page("meridian-wire", "villa-serena-water-restrictions")
		cupCourier = page("harbor-courier", "rovers-lose-cup-final")
		cupPost    = page("daily-post", "ibanez-makes-history")
		cupWire    = page("meridian-wire", "villa-serena-win-valdrian-cup")
		festival   = page("cronica-del-sur", "fiesta-del-almendro-villa-serena")
		baking     = page("cronica-del-sur", "almendro-concurso-reposteria")
		rate       = page("meridian-wire", "bank-of-valdria-raises-rate")
	)
	tests := []struct {
		name  string
		flags []string
		pages []string
		want  [][]string
	}{
		{"three unrelated pages", nil,
			[]string{droughtES, festival, rate}, [][]string{{droughtES}, {festival}, {rate}}},
		{"two reports of one story beside another", nil,
			[]string{festival, rate, baking}, [][]string{{festival, baking}, {rate}}},
		{"two reports of one story beside another event of its town", nil,
			[]string{droughtES, festival, baking}, [][]string{{droughtES}, {festival, baking}}},
		{"one story from three outlets beside another", nil,
			[]string{cupCourier, rate, cupPost, cupWire}, [][]string{{cupCourier, cupPost, cupWire}, {rate}}},
		{"one story in two languages beside another", []string{"--translator", "glossary"},
			[]string{droughtEN, rate, droughtES}, [][]string{{droughtEN, droughtES}, {rate}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			args := append([]string{"brief", "--allow-private", "--format", "json"}, tt.flags...)
			var stdout, stderr bytes.Buffer
			if err := run(ctx, append(args, tt.pages...), func(string) string { return "" }, &stdout, &stderr); err != nil {
				t.Fatalf("brief: %v\n%s", err, stderr.String())
			}
			var briefings []news.Briefing
			if err := json.Unmarshal(stdout.Bytes(), &briefings); err != nil {
				t.Fatal(err)
			}
			var got [][]string
			for _, b := range briefings {
				// The references are the story's own pages; the
				// articles the JSON carries include those of related
				// stories its background cites.
				refs, _ := b.Section(news.SectionReferences)
				var urls []string
				for _, it := range refs.Items {
					urls = append(urls, it.URL)
				}
				slices.SortFunc(urls, func(a, b string) int { return slices.Index(tt.pages, a) - slices.Index(tt.pages, b) })
				got = append(got, urls)
			}
			slices.SortFunc(got, func(a, b []string) int { return strings.Compare(a[0], b[0]) })
			want := slices.Clone(tt.want)
			slices.SortFunc(want, func(a, b []string) int { return strings.Compare(a[0], b[0]) })
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("briefings' pages (-want +got):\n%s", diff)
			}
		})
	}
}
