package pipeline

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/newsdesk/newsdesk/internal/cluster"
	"github.com/newsdesk/newsdesk/internal/demo"
	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/store/sqlite"
	"github.com/newsdesk/newsdesk/internal/translate"
)

// countingTranslator counts its calls and answers with answer.
type countingTranslator struct {
	calls  atomic.Int64
	answer func(text, from, to string) (string, error)
}

func (c *countingTranslator) Translate(ctx context.Context, text, from, to string) (string, error) {
	c.calls.Add(1)
	return c.answer(text, from, to)
}

// upper "translates" by upper-casing, and supports Spanish only.
func upper(text, from, to string) (string, error) {
	if from != "es" {
		return "", translate.ErrUnsupported
	}
	return strings.ToUpper(text), nil
}

var errDown = errors.New("translator down")

// down is a translator that cannot be reached.
func down(text, from, to string) (string, error) { return "", errDown }

// glossary is the built-in Spanish→English glossary the demo uses.
func glossary() func(text, from, to string) (string, error) {
	g := translate.NewGlossary()
	return func(text, from, to string) (string, error) { return g.Translate(context.Background(), text, from, to) }
}

func TestTranslateFor(t *testing.T) {
	t.Parallel()
	logger := slog.New(slog.DiscardHandler)
	tests := []struct {
		name    string
		tr      translate.Translator
		lang    string
		want    news.Translation
		wantErr error
	}{
		{"no translator", nil, "es", news.Translation{}, nil},
		// `--translator none`: nothing was asked, so no pair is recorded.
		{"translator none", translate.Noop{}, "es", news.Translation{}, nil},
		{"desk language", &countingTranslator{answer: upper}, "en", news.Translation{}, nil},
		// Another region or case of the desk language needs no translation.
		{"desk language, region", &countingTranslator{answer: upper}, "en-US", news.Translation{}, nil},
		{"desk language, upper case", &countingTranslator{answer: upper}, "EN", news.Translation{}, nil},
		{"unknown language", &countingTranslator{answer: upper}, "", news.Translation{}, nil},
		{"foreign", &countingTranslator{answer: upper}, "es", news.Translation{From: "es", To: "en", Text: "PUENTE\n\nEL PUENTE ABRE."}, nil},
		{"unsupported pair", &countingTranslator{answer: upper}, "fr", news.Translation{From: "fr", To: "en"}, nil},
		{"translator down", &countingTranslator{answer: down}, "es", news.Translation{From: "es", To: "en"}, errDown},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			a := news.Article{ID: 1, Title: "Puente", Text: "El puente abre.", Lang: tc.lang}
			got, err := translateFor(context.Background(), a, tc.tr, "en", logger)
			if !errors.Is(err, tc.wantErr) {
				t.Errorf("err = %v, want %v", err, tc.wantErr)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("translation mismatch (-want +got):\n%s", diff)
			}
			d := clusterDoc(a, got)
			if d.Translated != tc.want.Text || d.Text != a.Text || d.Title != a.Title || d.Lang != a.Lang {
				t.Errorf("doc %+v: want the original with Translated %q", d, tc.want.Text)
			}
		})
	}
}

// TestTranslationReplaysStored checks that a translation stored for the
// desk's language is used without asking the translator, even one that
// now says something else or none, and that one stored for another pair
// is not.
func TestTranslationReplaysStored(t *testing.T) {
	t.Parallel()
	stored := news.Translation{From: "es", To: "en", Text: "BRIDGE\n\nTHE BRIDGE OPENS."}
	tests := []struct {
		name       string
		lang       string
		stored     news.Translation
		answer     func(text, from, to string) (string, error) // nil: no translator
		want       news.Translation
		wantStored bool
		wantCalls  int64
	}{
		{"stored", "es", stored, upper, stored, true, 0},
		{"stored, translator down", "es", stored, down, stored, true, 0},
		{"stored, no translator", "es", stored, nil, stored, true, 0},
		{"asked, nothing given", "fr", news.Translation{From: "fr", To: "en"}, upper, news.Translation{From: "fr", To: "en"}, true, 0},
		{"none stored", "es", news.Translation{}, upper, news.Translation{From: "es", To: "en", Text: "PUENTE\n\nEL PUENTE ABRE."}, false, 1},
		{"another desk language", "es", news.Translation{From: "es", To: "de", Text: "BRÜCKE"}, upper, news.Translation{From: "es", To: "en", Text: "PUENTE\n\nEL PUENTE ABRE."}, false, 1},
		{"another article language", "es", news.Translation{From: "pt", To: "en", Text: "BRIDGE"}, upper, news.Translation{From: "es", To: "en", Text: "PUENTE\n\nEL PUENTE ABRE."}, false, 1},
		{"stored for the desk language in upper case", "es", news.Translation{From: "es", To: "EN", Text: "BRIDGE"}, upper, news.Translation{From: "es", To: "EN", Text: "BRIDGE"}, true, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			cfg := DefaultConfig()
			counter := &countingTranslator{answer: tc.answer}
			if tc.answer != nil {
				cfg.Translator = counter
			}
			p := &Pipeline{cfg: cfg, logger: slog.New(slog.DiscardHandler)}
			a := news.Article{ID: 1, Title: "Puente", Text: "El puente abre.", Lang: tc.lang, Translation: tc.stored}
			got, fromStore, err := p.translation(context.Background(), a)
			if err != nil {
				t.Fatalf("translation: %v", err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("translation mismatch (-want +got):\n%s", diff)
			}
			if fromStore != tc.wantStored || counter.calls.Load() != tc.wantCalls {
				t.Errorf("stored %v, %d translator calls; want %v, %d", fromStore, counter.calls.Load(), tc.wantStored, tc.wantCalls)
			}
		})
	}
}

// demoHalves returns the demo corpus (English and Spanish) as articles in
// publication order, split in two at the middle.
func demoHalves(t *testing.T) (first, second []news.Article) {
	t.Helper()
	w, err := demo.NewWire(nil)
	if err != nil {
		t.Fatal(err)
	}
	src := w.Articles()
	slices.SortStableFunc(src, func(a, b demo.Article) int { return a.Published.Compare(b.Published) })
	outlets := map[string]int64{}
	arts := make([]news.Article, len(src))
	for i, a := range src {
		if outlets[a.Outlet] == 0 {
			outlets[a.Outlet] = int64(len(outlets) + 1)
		}
		arts[i] = news.Article{SourceID: outlets[a.Outlet], URL: "https://wire.example" + a.Path, Title: a.Title,
			Text: a.Body, Lang: a.Lang, PublishedAt: a.Published, FetchedAt: a.Published, Extraction: news.ExtractFull}
	}
	return arts[:len(arts)/2], arts[len(arts)/2:]
}

// spanishCount is how many of arts are in Spanish: the articles the
// glossary translates.
func spanishCount(arts []news.Article) int {
	n := 0
	for _, a := range arts {
		if a.Lang == "es" {
			n++
		}
	}
	return n
}

// desk groups articles the way a running pipeline does, on a SQLite store,
// and restarts as a new process would.
type desk struct {
	st *sqlite.Store
	p  *Pipeline
	// replayAll hides the store's cluster snapshots from the pipeline, so
	// that every restart replays the stored decisions in full, as one does
	// when no snapshot is usable.
	replayAll bool
}

// withoutSnapshots is a store whose cluster snapshots the pipeline cannot
// see: it embeds only the store.Store interface.
type withoutSnapshots struct{ store.Store }

func newDesk(t *testing.T, tr translate.Translator) *desk {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "newsdesk.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	for i := range 6 {
		if _, err := st.AddSource(ctx, news.Source{URL: fmt.Sprintf("https://wire.example/%d.xml", i)}); err != nil {
			t.Fatal(err)
		}
	}
	d := &desk{st: st}
	d.p = d.pipeline(tr)
	d.p.cl = cluster.New(cluster.DefaultConfig())
	return d
}

func (d *desk) pipeline(tr translate.Translator) *Pipeline {
	cfg := DefaultConfig()
	if tr != nil {
		cfg.Translator = tr
	}
	var st store.Store = d.st
	if d.replayAll {
		st = withoutSnapshots{d.st}
	}
	return &Pipeline{cfg: cfg, st: st, logger: slog.New(slog.DiscardHandler)}
}

// group stores arts and groups them.
func (d *desk) group(t *testing.T, arts []news.Article) {
	t.Helper()
	ctx := context.Background()
	for _, a := range arts {
		if _, _, err := d.st.AddArticle(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	for {
		n, err := d.p.clusterBatch(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if n < d.p.cfg.GroupBatch {
			return
		}
	}
}

// restart replaces the pipeline with a new one using tr, restored from
// the store.
func (d *desk) restart(t *testing.T, tr translate.Translator) {
	t.Helper()
	d.p = d.pipeline(tr)
	if err := d.p.restore(context.Background()); err != nil {
		t.Fatalf("restore: %v", err)
	}
}

// decision is an article's stored grouping.
type decision struct{ Story, Thread, Duplicate int64 }

// decisions returns every article's grouping and translation by URL.
func (d *desk) decisions(t *testing.T) (map[string]decision, map[string]news.Translation) {
	t.Helper()
	list, err := d.st.Articles(context.Background(), store.ArticleFilter{WithText: true})
	if err != nil {
		t.Fatal(err)
	}
	groups, trs := map[string]decision{}, map[string]news.Translation{}
	for _, a := range list {
		groups[a.URL] = decision{a.StoryID, a.ThreadID, a.DuplicateOf}
		trs[a.URL] = a.Translation
	}
	return groups, trs
}

// TestRestartReplaysTranslations groups the first half of the demo corpus
// with the glossary, restarts, and groups the second half. The restart
// must not call the translator, and every article must be grouped as by a
// pipeline that never restarted: also when the translator is down at the
// restart, or now translates differently, since the stored translations
// are what the first half was grouped with; and when it was down while
// grouping the first half, which was then grouped untranslated.
func TestRestartReplaysTranslations(t *testing.T) {
	t.Parallel()
	first, second := demoHalves(t)
	spanish := spanishCount(first)
	if spanish == 0 {
		t.Fatal("no Spanish article in the first half of the demo corpus")
	}
	tests := []struct {
		name          string
		before, after func(text, from, to string) (string, error) // the translators before and after the restart
		untranslated  bool                                        // before gives nothing
	}{
		{"same translator", glossary(), glossary(), false},
		{"translator down", glossary(), down, false},
		{"translator changed", glossary(), func(text, from, to string) (string, error) {
			return "Weather report: sunny skies over the valley all week.", nil
		}, false},
		{"translator down before", down, glossary(), true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			// The reference never restarts; it switches translator where
			// the other restarts, so that both group the second half alike.
			ref := newDesk(t, &countingTranslator{answer: tc.before})
			ref.group(t, first)
			ref.p.cfg.Translator = &countingTranslator{answer: tc.after}
			ref.group(t, second)
			want, _ := ref.decisions(t)

			before := &countingTranslator{answer: tc.before}
			d := newDesk(t, before)
			d.group(t, first)
			if got := before.calls.Load(); got != int64(spanish) {
				t.Errorf("grouping the first half called the translator %d times, want %d (its Spanish articles)", got, spanish)
			}
			_, trs := d.decisions(t)
			for _, a := range first {
				if tr := trs[a.URL]; a.Lang == "es" && (tr.From != "es" || tr.To != "en" || (tr.Text == "") != tc.untranslated) {
					t.Errorf("%s: stored translation %+v, want es→en, with text unless the translator was down", a.URL, tr)
				}
			}
			after := &countingTranslator{answer: tc.after}
			d.restart(t, after)
			if got := after.calls.Load(); got != 0 {
				t.Errorf("restart called the translator %d times, want 0", got)
			}
			d.group(t, second)
			got, _ := d.decisions(t)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("grouping after restart differs from one run (-one run +restart):\n%s", diff)
			}
		})
	}
}

// TestRestartStoresLateTranslations groups with no translator, as before
// translations were stored, and restarts with one: the first restart
// translates the foreign articles and stores what it replayed, so the
// second asks nothing. Every restart replays in full, as after an upgrade
// or with no usable snapshot: a snapshot's restart replays nothing.
func TestRestartStoresLateTranslations(t *testing.T) {
	t.Parallel()
	first, _ := demoHalves(t)
	spanish := spanishCount(first)
	d := newDesk(t, nil)
	d.replayAll = true
	d.group(t, first)
	for i, want := range []int64{int64(spanish), 0} {
		tr := &countingTranslator{answer: glossary()}
		d.restart(t, tr)
		if got := tr.calls.Load(); got != want {
			t.Errorf("restart %d called the translator %d times, want %d", i+1, got, want)
		}
	}
	// A translator down at the restart stores nothing: asked again later.
	d = newDesk(t, nil)
	d.replayAll = true
	d.group(t, first)
	for i, tc := range []struct {
		answer func(text, from, to string) (string, error)
		want   int64
	}{{down, int64(spanish)}, {glossary(), int64(spanish)}, {glossary(), 0}} {
		tr := &countingTranslator{answer: tc.answer}
		d.restart(t, tr)
		if got := tr.calls.Load(); got != tc.want {
			t.Errorf("restart %d called the translator %d times, want %d", i+1, got, tc.want)
		}
	}
}

// TestTranslatorNoneStoresNothing groups with `--translator none`
// (translate.Noop): no translator was asked, so no article may record a
// language pair, which would claim one had been and keep a translator
// configured later from ever translating it.
func TestTranslatorNoneStoresNothing(t *testing.T) {
	t.Parallel()
	first, _ := demoHalves(t)
	spanish := spanishCount(first)
	d := newDesk(t, translate.Noop{})
	d.replayAll = true
	d.group(t, first)
	_, trs := d.decisions(t)
	for url, tr := range trs {
		if tr != (news.Translation{}) {
			t.Errorf("%s: stored translation %+v, want none", url, tr)
		}
	}
	tr := &countingTranslator{answer: glossary()}
	d.restart(t, tr)
	if got := tr.calls.Load(); got != int64(spanish) {
		t.Errorf("a restart with a translator called it %d times, want %d (the Spanish articles)", got, spanish)
	}
}
