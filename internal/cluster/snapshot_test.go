package cluster

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"maps"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// sameState compares two clusterers field by field, through every type
// they hold (unexported fields included), so that a field the snapshot
// forgets fails the test. Only the scratch space of candidates and a
// story's headline names and case, read again from its title when first
// needed (see storyHeadPairs), are left out.
var sameState = []cmp.Option{
	cmp.Exporter(func(reflect.Type) bool { return true }),
	cmpopts.IgnoreFields(Clusterer{}, "votes", "scores"),
	cmpopts.IgnoreFields(story{}, "headPairs", "headSentence", "headRead"),
}

// loadJSONL reads up to n articles of a data set shared by the eval
// commands, skipping the test when it is absent. IDs are numbered in
// order; undated articles get no time.
func loadJSONL(t testing.TB, path string, n int) []Doc {
	t.Helper()
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		t.Skipf("%s absent", path)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	var docs []Doc
	for sc.Scan() && len(docs) < n {
		var rec struct {
			Date   *string `json:"date"`
			Title  string  `json:"title"`
			Text   string  `json:"text"`
			Lang   string  `json:"lang"`
			Source string  `json:"source"`
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatal(err)
		}
		d := Doc{ID: int64(len(docs) + 1), Title: rec.Title, Text: rec.Text, Lang: rec.Lang}
		if rec.Source != "" {
			h := fnv.New64a()
			h.Write([]byte(rec.Source))
			d.Source = int64(h.Sum64() >> 1)
		}
		if rec.Date != nil {
			// A few dates are written otherwise ("2013/may/03"): undated.
			d.Time, _ = time.Parse(time.DateOnly, *rec.Date)
		}
		docs = append(docs, d)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return docs
}

// storyGraph numbers the stories a clusterer points to in a fixed walk of
// every place that holds one: two clusterers whose graphs are equal share
// their stories between those places alike (a held story is the archive's
// entry, a thread's member, a recent article's story).
func storyGraph(c *Clusterer) []int {
	seen := map[*story]int{}
	var out []int
	see := func(s *story) {
		if s == nil {
			out = append(out, -1)
			return
		}
		if _, ok := seen[s]; !ok {
			seen[s] = len(seen)
		}
		out = append(out, seen[s])
	}
	for _, id := range slices.Sorted(maps.Keys(c.stories)) {
		see(c.stories[id])
	}
	for _, id := range slices.Sorted(maps.Keys(c.indexed)) {
		see(c.indexed[id])
	}
	for _, e := range c.archQueue {
		see(e.s)
	}
	for _, id := range slices.Sorted(maps.Keys(c.threads)) {
		th := c.threads[id]
		for _, mid := range slices.Sorted(maps.Keys(th.members)) {
			see(th.members[mid])
		}
	}
	for _, id := range slices.Sorted(maps.Keys(c.docs)) {
		see(c.docs[id].st)
	}
	for _, r := range c.dfQueue {
		see(r.st)
	}
	return out
}

func roundTrip(t *testing.T, c *Clusterer, cfg Config) *Clusterer {
	t.Helper()
	var buf bytes.Buffer
	if err := c.Snapshot(&buf); err != nil {
		t.Fatalf("Snapshot: %v", err)
	}
	loaded, err := Load(cfg, &buf)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if diff := cmp.Diff(c, loaded, sameState...); diff != "" {
		t.Fatalf("loaded state differs (-saved +loaded):\n%s", diff)
	}
	if diff := cmp.Diff(storyGraph(c), storyGraph(loaded)); diff != "" {
		t.Fatalf("loaded stories are shared otherwise (-saved +loaded):\n%s", diff)
	}
	return loaded
}

// TestSnapshotRoundTrip feeds a stream, snapshots and loads the
// clusterer, and checks that the loaded state equals the saved one and
// that it goes on to decide (and explain) the rest of the stream as the
// uninterrupted clusterer does.
func TestSnapshotRoundTrip(t *testing.T) {
	t.Parallel()
	small := DefaultConfig()
	// Small bounds, so that recent articles, held stories, the archive
	// and the copy index all evict within a short stream.
	small.DFDocs = 150
	small.MaxStories = 120
	small.ArchiveStories = 40
	small.ThreadWindow = 20 * 24 * time.Hour
	small.Dedup.MaxEntries = 90
	t0 := time.Date(2024, 3, 2, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		cfg  Config
		docs func(t *testing.T) []Doc
		cuts []int
	}{
		{"empty", DefaultConfig(), func(*testing.T) []Doc { return nil }, []int{0}},
		{"fixture stream", DefaultConfig(), func(t *testing.T) []Doc { d, _ := loadStream(t); return d }, []int{1, 4, 8}},
		{"thread merges", DefaultConfig(), func(t *testing.T) []Doc { d, _ := loadFixture(t, "testdata/merge.json"); return d }, []int{2, 5}},
		{"archived then rejoined", DefaultConfig(), func(*testing.T) []Doc {
			return archiveStream(t0, 200*24*time.Hour, sentencing(true))
		}, []int{300, 600}},
		{"gva-stream", DefaultConfig(), func(t *testing.T) []Doc {
			return loadJSONL(t, "../../../shared/data/cluster/gva-stream-2013-2015.jsonl", 1400)
		}, []int{900}},
		{"gva-stream small bounds", small, func(t *testing.T) []Doc {
			return loadJSONL(t, "../../../shared/data/cluster/gva-stream-2013-2015.jsonl", 1000)
		}, []int{250, 700}},
		{"offices", DefaultConfig(), func(*testing.T) []Doc {
			// The story names its Interior Secretary; the undated report
			// after the cut names another, which only the story's offices,
			// loaded, can discount.
			return append(officeStory(t0), officeReport(3, "Dirk Kempthorne"))
		}, []int{2}},
		{"ecbplus undated", DefaultConfig(), func(t *testing.T) []Doc {
			return loadJSONL(t, "../../../shared/data/cluster/ecbplus-dev.jsonl", 500)
		}, []int{300}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			docs := tt.docs(t)
			for _, cut := range tt.cuts {
				whole := New(tt.cfg)
				for _, d := range docs[:cut] {
					whole.Add(d)
				}
				loaded := roundTrip(t, whole, tt.cfg)
				for _, d := range docs[cut:] {
					if diff := cmp.Diff(whole.Explain(d, 5), loaded.Explain(d, 5)); diff != "" {
						t.Fatalf("cut %d: article %d explained otherwise (-uninterrupted +loaded):\n%s", cut, d.ID, diff)
					}
					if diff := cmp.Diff(whole.Add(d), loaded.Add(d)); diff != "" {
						t.Fatalf("cut %d: article %d assigned otherwise (-uninterrupted +loaded):\n%s", cut, d.ID, diff)
					}
				}
			}
		})
	}
}

// TestReadAll checks that readAll, Load's reader, reads every kind of
// reader whole, whether it tells its length, does not, or tells one too
// short.
func TestReadAll(t *testing.T) {
	t.Parallel()
	data := bytes.Repeat([]byte("snapshot"), 1<<17) // 1 MiB
	tests := []struct {
		name string
		r    func() io.Reader
	}{
		{"bytes.Reader", func() io.Reader { return bytes.NewReader(data) }},
		{"bytes.Buffer", func() io.Reader { return bytes.NewBuffer(data) }},
		{"no length", func() io.Reader { return iotest.HalfReader(bytes.NewReader(data)) }},
		{"length too short", func() io.Reader { return shortLen{bytes.NewReader(data)} }},
		{"empty", func() io.Reader { return bytes.NewReader(nil) }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := readAll(tc.r())
			want := data
			if tc.name == "empty" {
				want = nil
			}
			if err != nil || !bytes.Equal(got, want) {
				t.Errorf("readAll: %d bytes, %v; want %d bytes", len(got), err, len(want))
			}
		})
	}
}

// TestReadAllOneBuffer checks that a bytes.Reader, the pipeline's, is read
// into a single buffer: io.ReadAll grew its buffer by copies, allocating
// 1.2 times a 24 MB snapshot more. Not parallel: AllocsPerRun counts the
// whole process's allocations.
func TestReadAllOneBuffer(t *testing.T) {
	data := bytes.Repeat([]byte("snapshot"), 1<<17) // 1 MiB
	if n := testing.AllocsPerRun(5, func() {
		if _, err := readAll(bytes.NewReader(data)); err != nil {
			t.Fatal(err)
		}
	}); n > 3 {
		t.Errorf("readAll of a bytes.Reader: %v allocations, want at most 3 (the reader, a bytes.Buffer and its one buffer)", n)
	}
}

// shortLen tells a length below what it holds.
type shortLen struct{ *bytes.Reader }

func (r shortLen) Len() int { return r.Reader.Len() / 2 }

// TestSnapshotRefused checks that Load refuses a snapshot taken under
// another configuration or damaged, with ErrIncompatible only for the
// former, so that the caller can tell a settings change from corruption.
func TestSnapshotRefused(t *testing.T) {
	t.Parallel()
	docs, _ := loadStream(t)
	c := New(DefaultConfig())
	for _, d := range docs {
		c.Add(d)
	}
	var buf bytes.Buffer
	if err := c.Snapshot(&buf); err != nil {
		t.Fatal(err)
	}
	good := buf.Bytes()
	other := DefaultConfig()
	other.Threshold = 0.15
	flip := func(i int) []byte {
		b := bytes.Clone(good)
		b[i] ^= 0x40
		return b
	}
	tests := []struct {
		name         string
		cfg          Config
		data         []byte
		incompatible bool
	}{
		{"other threshold", other, good, true},
		{"other undated hold", func() Config { c := DefaultConfig(); c.UndatedHold++; return c }(), good, true},
		{"other undated keep", func() Config { c := DefaultConfig(); c.UndatedKeep++; return c }(), good, true},
		{"other names-only weight", func() Config { c := DefaultConfig(); c.NamesOnlyWeight += 0.1; return c }(), good, true},
		{"other year rival", func() Config { c := DefaultConfig(); c.YearRival += 0.1; return c }(), good, true},
		{"other copy window", func() Config { c := DefaultConfig(); c.Dedup.Window = time.Hour; return c }(), good, true},
		{"other format", DefaultConfig(), append([]byte(snapshotMagic), append([]byte{SnapshotFormat + 1}, good[len(snapshotMagic)+1:]...)...), true},
		{"empty", DefaultConfig(), nil, false},
		{"not a snapshot", DefaultConfig(), []byte("PGDMP not this"), false},
		{"truncated", DefaultConfig(), good[:len(good)/2], false},
		{"flipped byte in the body", DefaultConfig(), flip(len(good) / 2), false},
		{"flipped checksum", DefaultConfig(), flip(len(good) - 1), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := Load(tt.cfg, bytes.NewReader(tt.data))
			if err == nil {
				t.Fatalf("Load accepted it: %v", got.Stats())
			}
			if errors.Is(err, ErrIncompatible) != tt.incompatible {
				t.Errorf("Load: %v; want ErrIncompatible %v", err, tt.incompatible)
			}
		})
	}
	if _, err := Load(DefaultConfig(), bytes.NewReader(good)); err != nil {
		t.Errorf("Load of the good snapshot: %v", err)
	}
}

// TestSnapshotRefusesOffices checks that Load refuses a story's offices
// that noteOffices cannot have made (a CRC-valid snapshot written from a
// state set by hand): unsorted, repeated, too many, or with no holder.
func TestSnapshotRefusesOffices(t *testing.T) {
	t.Parallel()
	many := make([]string, heldOffices+1)
	for i := range many {
		many[i] = fmt.Sprintf("post %02d|holder", i)
	}
	tests := []struct {
		name    string
		offices []string
		wantErr bool
	}{
		{"as kept", []string{"interior secretary|ken salazar", "prime minister|gordon brown"}, false},
		{"unsorted", []string{"prime minister|gordon brown", "interior secretary|ken salazar"}, true},
		{"repeated", []string{"interior secretary|ken salazar", "interior secretary|ken salazar"}, true},
		{"too many", many, true},
		{"no holder", []string{"interior secretary"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := New(DefaultConfig())
			for _, d := range officeStory(time.Date(2009, 4, 28, 9, 0, 0, 0, time.UTC)) {
				c.Add(d)
			}
			for _, s := range c.stories {
				s.offices = tt.offices
			}
			var buf bytes.Buffer
			if err := c.Snapshot(&buf); err != nil {
				t.Fatal(err)
			}
			_, err := Load(DefaultConfig(), &buf)
			if (err != nil) != tt.wantErr || errors.Is(err, ErrIncompatible) {
				t.Errorf("Load: %v; want an error %v, not ErrIncompatible", err, tt.wantErr)
			}
		})
	}
}

// TestFingerprintSeesFields checks that the fingerprint changes with the
// shape of the state's types, so that a build whose story has another
// field refuses the snapshots of the build before.
func TestFingerprintSeesFields(t *testing.T) {
	t.Parallel()
	shape := func(ts ...reflect.Type) string {
		var b strings.Builder
		seen := map[reflect.Type]bool{}
		for _, tt := range ts {
			typeShape(&b, tt, seen)
		}
		return b.String()
	}
	type a struct{ X []struct{ Y int } }
	type b struct{ X []struct{ Y, Z int } }
	if shape(reflect.TypeFor[a]()) == shape(reflect.TypeFor[b]()) {
		t.Error("a field two levels down does not change the shape")
	}
	if Fingerprint(DefaultConfig()) == Fingerprint(func() Config { c := DefaultConfig(); c.MaxStories++; return c }()) {
		t.Error("a configuration change does not change the fingerprint")
	}
}

// FuzzLoad feeds Load and the body decoder arbitrary bytes: they must
// return an error or a clusterer, never panic.
func FuzzLoad(f *testing.F) {
	cfg := DefaultConfig()
	c := New(cfg)
	c.Add(Doc{ID: 1, Source: 1, Time: time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC), Title: "Fire at Riverton mill",
		Text: "A fire broke out at the Copper Kettle mill on Alder Lane in Riverton. Chief Lena Brandt said 3 were hurt."})
	c.Add(Doc{ID: 2, Source: 2, Title: "Riverton mill fire", Text: "Chief Lena Brandt said the Riverton fire hurt three."})
	var buf bytes.Buffer
	if err := c.Snapshot(&buf); err != nil {
		f.Fatal(err)
	}
	good := buf.Bytes()
	body := good[len(snapshotMagic)+1+32 : len(good)-4]
	f.Add(good)
	f.Add(body)
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		loaded, err := Load(cfg, bytes.NewReader(data))
		if err != nil {
			// The checksum stops nearly every change above; the decoder
			// itself must hold too.
			loaded, err = decodeState(cfg, data)
		}
		if err != nil {
			return
		}
		// A state the loader accepts must also be one the clusterer can
		// work from: a crafted one that passed could otherwise crash
		// every later group job.
		loaded.Add(Doc{ID: 1 << 40, Source: 3, Time: time.Date(2024, 1, 3, 0, 0, 0, 0, time.UTC), Title: "Riverton mill reopens",
			Text: "The Copper Kettle mill on Alder Lane reopened, Chief Lena Brandt said."})
		loaded.Add(Doc{ID: 1<<40 + 1, Source: 4, Title: "Mill fire", Text: "Riverton's mill fire hurt three, Brandt said."})
		if err := loaded.Snapshot(io.Discard); err != nil {
			t.Errorf("Snapshot after Load: %v", err)
		}
	})
}

// TestStoryIDs checks that StoryIDs lists the held stories in order, and
// not those forgotten.
func TestStoryIDs(t *testing.T) {
	t.Parallel()
	t0 := time.Date(2024, 3, 2, 9, 0, 0, 0, time.UTC)
	c := New(DefaultConfig())
	docs := archiveStream(t0, 200*24*time.Hour, sentencing(false))
	for _, d := range docs {
		c.Add(d)
	}
	got := c.StoryIDs()
	var want []int64
	for id := range c.next {
		if _, ok := c.Story(id); ok {
			want = append(want, id)
		}
	}
	if diff := cmp.Diff(want, got); diff != "" || len(got) == 0 || len(got) >= int(c.next)-1 {
		t.Errorf("StoryIDs (-held +got), %d of %d:\n%s", len(got), c.next-1, diff)
	}
}
