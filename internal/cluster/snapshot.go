package cluster

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/newsdesk/newsdesk/internal/binenc"
	"github.com/newsdesk/newsdesk/internal/dedup"
)

// A snapshot is the clusterer's whole state, so that a restarted process
// resumes from it instead of replaying a year of articles. Its layout:
//
//	"NDCS" | format (uvarint) | fingerprint (32 bytes) | body | CRC-32 of all before
//
// The fingerprint hashes the Config and the shape of every type the state
// holds: a snapshot written under other settings, or by a build whose
// story or thread has other fields, is refused (ErrIncompatible) rather
// than misread, and the caller rebuilds by replay. The body writes every
// story once, in a table, and every other place that points to one (the
// held stories, the archive, threads' members, the recent articles) by
// its row, so the loaded state shares stories as the saved one did.

const (
	snapshotMagic = "NDCS"
	// SnapshotFormat versions the layout; bump it when the encoding
	// changes in a way the fingerprint does not see.
	SnapshotFormat = 3
)

// ErrIncompatible is returned by Load for a snapshot of another format or
// configuration.
var ErrIncompatible = errors.New("snapshot of another format or configuration")

// Fingerprint identifies the snapshots that Load accepts under cfg: the
// format, the configuration and the shape of the state's types.
func Fingerprint(cfg Config) [32]byte {
	var b strings.Builder
	fmt.Fprintf(&b, "format %d\nconfig %#v\n", SnapshotFormat, cfg)
	seen := map[reflect.Type]bool{}
	for _, t := range []reflect.Type{reflect.TypeFor[Clusterer](), reflect.TypeFor[dedup.Index]()} {
		typeShape(&b, t, seen)
	}
	return sha256.Sum256([]byte(b.String()))
}

// typeShape writes the fields of t and the types it holds, each once.
func typeShape(b *strings.Builder, t reflect.Type, seen map[reflect.Type]bool) {
	if seen[t] {
		return
	}
	seen[t] = true
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Array:
		typeShape(b, t.Elem(), seen)
	case reflect.Map:
		typeShape(b, t.Key(), seen)
		typeShape(b, t.Elem(), seen)
	case reflect.Struct:
		fmt.Fprintf(b, "%s{", t)
		for i := range t.NumField() {
			f := t.Field(i)
			fmt.Fprintf(b, "%s %s;", f.Name, f.Type)
		}
		b.WriteString("}\n")
		for i := range t.NumField() {
			typeShape(b, t.Field(i).Type, seen)
		}
	}
}

// Snapshot writes the clusterer's state to w (see Load).
func (c *Clusterer) Snapshot(w io.Writer) error {
	b, err := c.appendSnapshot(nil)
	if err != nil {
		return err
	}
	if _, err := w.Write(b); err != nil {
		return fmt.Errorf("write cluster snapshot: %w", err)
	}
	return nil
}

func (c *Clusterer) appendSnapshot(b []byte) ([]byte, error) {
	b = append(b, snapshotMagic...)
	b = binary.AppendUvarint(b, SnapshotFormat)
	fp := Fingerprint(c.cfg)
	b = append(b, fp[:]...)
	b, err := c.appendState(b)
	if err != nil {
		return nil, err
	}
	return binary.LittleEndian.AppendUint32(b, crc32.ChecksumIEEE(b)), nil
}

// Load returns the clusterer that Snapshot wrote to r. cfg must be the
// configuration it was taken under; otherwise, or for a snapshot of
// another format, the error wraps ErrIncompatible.
func Load(cfg Config, r io.Reader) (*Clusterer, error) {
	data, err := readAll(r)
	if err != nil {
		return nil, fmt.Errorf("read cluster snapshot: %w", err)
	}
	head := len(snapshotMagic)
	if len(data) < head+4 || string(data[:head]) != snapshotMagic {
		return nil, errors.New("load cluster snapshot: not a snapshot")
	}
	format, n := binary.Uvarint(data[head:])
	if n <= 0 || format != SnapshotFormat {
		return nil, fmt.Errorf("load cluster snapshot: format %d, want %d: %w", format, SnapshotFormat, ErrIncompatible)
	}
	head += n
	fp := Fingerprint(cfg)
	if len(data) < head+len(fp)+4 || !bytes.Equal(data[head:head+len(fp)], fp[:]) {
		return nil, fmt.Errorf("load cluster snapshot: fingerprint differs: %w", ErrIncompatible)
	}
	end := len(data) - 4
	if crc32.ChecksumIEEE(data[:end]) != binary.LittleEndian.Uint32(data[end:]) {
		return nil, errors.New("load cluster snapshot: checksum mismatch")
	}
	c, err := decodeState(cfg, data[head+len(fp):end])
	if err != nil {
		return nil, fmt.Errorf("load cluster snapshot: %w", err)
	}
	return c, nil
}

// readAll reads r to its end. A reader that tells its length, as the
// pipeline's bytes.Reader does, is read into one buffer of that size:
// io.ReadAll would grow its buffer by copies.
func readAll(r io.Reader) ([]byte, error) {
	lr, ok := r.(interface{ Len() int })
	if !ok {
		return io.ReadAll(r)
	}
	// MinRead spare bytes, so that reading the EOF grows nothing.
	var buf bytes.Buffer
	buf.Grow(lr.Len() + bytes.MinRead)
	_, err := buf.ReadFrom(r)
	return buf.Bytes(), err
}

// stateWriter appends the state, numbering stories as it meets them.
type stateWriter struct {
	b   []byte
	row map[*story]uint64 // 1-based; 0 writes nil
}

func (w *stateWriter) uvarint(v uint64) { w.b = binary.AppendUvarint(w.b, v) }
func (w *stateWriter) varint(v int64)   { w.b = binary.AppendVarint(w.b, v) }
func (w *stateWriter) u64(v uint64)     { w.b = binary.LittleEndian.AppendUint64(w.b, v) }
func (w *stateWriter) f64(v float64)    { w.u64(math.Float64bits(v)) }
func (w *stateWriter) str(s string)     { w.uvarint(uint64(len(s))); w.b = append(w.b, s...) }
func (w *stateWriter) bool(v bool) {
	if v {
		w.b = append(w.b, 1)
	} else {
		w.b = append(w.b, 0)
	}
}

// length writes the length of a slice or map, 0 for nil, so that nil and
// empty stay apart (a forgotten story's nil maps must stay nil).
func (w *stateWriter) length(n int, isNil bool) {
	if isNil {
		w.uvarint(0)
		return
	}
	w.uvarint(uint64(n) + 1)
}

func (w *stateWriter) time(t time.Time) { w.b = binenc.AppendTime(w.b, t) }

func (w *stateWriter) hashes(hs []uint64) {
	w.length(len(hs), hs == nil)
	for _, h := range hs {
		w.u64(h)
	}
}

func (w *stateWriter) ids(ids []int64) {
	w.length(len(ids), ids == nil)
	for _, id := range ids {
		w.varint(id)
	}
}

func (w *stateWriter) strs(ss []string) {
	w.length(len(ss), ss == nil)
	for _, s := range ss {
		w.str(s)
	}
}

func (w *stateWriter) ages(a ages) { w.u64(a[0]); w.u64(a[1]) }

func (w *stateWriter) centroid(c centroid) {
	w.length(len(c.t), c.t == nil)
	for _, t := range c.t {
		w.u64(t.h)
		w.f64(t.w)
	}
	w.f64(c.n2)
}

func (w *stateWriter) ref(s *story) { w.uvarint(w.row[s]) }

func (w *stateWriter) note(s *story, table *[]*story) {
	if s != nil && w.row[s] == 0 {
		*table = append(*table, s)
		w.row[s] = uint64(len(*table))
	}
}

func (w *stateWriter) story(s *story) {
	w.varint(s.id)
	w.varint(s.thread)
	w.str(s.title)
	w.time(s.first)
	w.time(s.last)
	w.varint(s.touched)
	w.varint(int64(s.articles))
	w.varint(int64(s.bodies))
	w.varint(int64(s.total))
	w.length(len(s.sources), s.sources == nil)
	for src, v := range s.sources {
		w.varint(src)
		w.bool(v)
	}
	w.centroid(s.words)
	w.centroid(s.ents)
	w.centroid(s.nums)
	w.centroid(s.titles)
	w.length(len(s.keys), s.keys == nil)
	for k, v := range s.keys {
		w.u64(k)
		w.bool(v)
	}
	w.length(len(s.names), s.names == nil)
	for h, name := range s.names {
		w.u64(h)
		w.str(name)
	}
	w.length(len(s.years), s.years == nil)
	for _, yc := range s.years {
		w.varint(int64(yc.year))
		w.varint(int64(yc.n))
	}
	w.length(len(s.written), s.written == nil)
	for _, y := range s.written {
		w.varint(int64(y))
	}
	w.length(len(s.pairs), s.pairs == nil)
	for _, pc := range s.pairs {
		w.u64(pc.h)
		w.varint(int64(pc.n))
		w.u64(pc.first)
		w.u64(pc.last)
	}
	w.varint(s.archivedAt)
	w.bool(s.develops)
	w.hashes(s.anchors)
	w.strs(s.streets)
	w.strs(s.langs)
	w.ages(s.ages)
	w.ages(s.titleAges)
	w.ages(s.titleCounts)
	w.length(len(s.leadNames), s.leadNames == nil)
	for _, nc := range s.leadNames {
		w.u64(nc.name)
		w.u64(nc.word)
		w.varint(int64(nc.n))
	}
	w.strs(s.mentions)
	w.ages(s.tolls)
	w.length(len(s.figures), s.figures == nil)
	for _, f := range s.figures {
		w.uvarint(uint64(f))
	}
	w.strs(s.offices)
}

func (w *stateWriter) doc(r *docRec) {
	w.varint(r.id)
	w.varint(r.story)
	w.ref(r.st)
	w.varint(r.dupOf)
	w.hashes(r.dfTerms)
	w.varint(int64(r.ents))
	w.varint(int64(r.entsEnd))
}

func (c *Clusterer) appendState(b []byte) ([]byte, error) {
	w := &stateWriter{b: b, row: make(map[*story]uint64, len(c.stories)+len(c.indexed))}
	// Every story the state points to, held, archived or only still
	// counted by the recent articles, goes in the table once.
	var table []*story
	for _, s := range c.stories {
		w.note(s, &table)
	}
	for _, s := range c.indexed {
		w.note(s, &table)
	}
	for _, e := range c.archQueue {
		w.note(e.s, &table)
	}
	for _, th := range c.threads {
		for _, s := range th.members {
			w.note(s, &table)
		}
	}
	for _, r := range c.docs {
		w.note(r.st, &table)
	}
	for i := range c.dfQueue {
		w.note(c.dfQueue[i].st, &table)
	}

	w.varint(c.next)
	w.varint(c.seq)
	w.time(c.newest)
	w.varint(c.undatedSeq)
	w.uvarint(uint64(len(table)))
	for _, s := range table {
		w.story(s)
	}
	w.length(len(c.stories), c.stories == nil)
	for id, s := range c.stories {
		w.varint(id)
		w.ref(s)
	}
	w.length(len(c.threads), c.threads == nil)
	for id, th := range c.threads {
		w.varint(id)
		w.varint(th.id)
		w.centroid(th.words)
		w.centroid(th.ents)
		w.varint(int64(th.stories))
		w.varint(int64(th.articles))
		w.length(len(th.members), th.members == nil)
		for mid, s := range th.members {
			w.varint(mid)
			w.ref(s)
		}
		w.length(len(th.named), th.named == nil)
		for h, k := range th.named {
			w.u64(h)
			w.varint(int64(k))
		}
		w.time(th.last)
	}
	w.length(len(c.posting), c.posting == nil)
	for k, ids := range c.posting {
		w.u64(k)
		w.ids(ids)
	}
	w.length(len(c.df), c.df == nil)
	for h, n := range c.df {
		w.u64(h)
		w.varint(int64(n))
	}
	w.length(len(c.dfQueue), c.dfQueue == nil)
	for i := range c.dfQueue {
		w.doc(&c.dfQueue[i])
	}
	w.length(len(c.docs), c.docs == nil)
	for id, r := range c.docs {
		w.varint(id)
		w.doc(r)
	}
	copies, err := c.copies.MarshalBinary()
	if err != nil {
		return nil, fmt.Errorf("encode copy index: %w", err)
	}
	w.str(string(copies))
	w.length(len(c.indexed), c.indexed == nil)
	for id, s := range c.indexed {
		w.varint(id)
		w.ref(s)
	}
	w.length(len(c.archIndex), c.archIndex == nil)
	for h, ids := range c.archIndex {
		w.u64(h)
		w.ids(ids)
	}
	w.length(len(c.archQueue), c.archQueue == nil)
	for _, e := range c.archQueue {
		w.ref(e.s)
		w.varint(e.at)
	}
	return w.b, nil
}

// stateReader decodes appendState's layout, keeping the first error; a
// read after it returns zero values.
type stateReader struct {
	*binenc.Reader
	table []*story
}

func (r *stateReader) int() int {
	v := r.Varint()
	if v > math.MaxInt32 || v < math.MinInt32 {
		r.Fail(fmt.Errorf("count %d out of range", v))
		return 0
	}
	return int(v)
}

func (r *stateReader) f64() float64 { return math.Float64frombits(r.Uint64()) }

func (r *stateReader) bool() bool {
	switch v := r.Byte(); v {
	case 0:
		return false
	case 1:
		return true
	default:
		r.Fail(fmt.Errorf("bad bool %d", v))
		return false
	}
}

// length reads what stateWriter.length wrote: the length, and whether
// the slice or map was nil.
func (r *stateReader) length(size int) (int, bool) {
	v := r.Uvarint()
	if r.Err() != nil || v == 0 {
		return 0, r.Err() == nil
	}
	if v-1 > uint64(r.Left()/size) {
		r.Fail(fmt.Errorf("length %d exceeds the data", v-1))
		return 0, false
	}
	return int(v - 1), false
}

func (r *stateReader) str() string { return string(r.Bytes(r.Count(1))) }

// readSlice reads what the writer's length and its items wrote, each item
// taking at least size bytes; nil stays nil.
func readSlice[T any](r *stateReader, size int, item func() T) []T {
	n, isNil := r.length(size)
	if isNil || r.Err() != nil {
		return nil
	}
	out := make([]T, n)
	for i := range out {
		out[i] = item()
	}
	return out
}

func (r *stateReader) hashes() []uint64 { return readSlice(r, 8, r.Uint64) }
func (r *stateReader) ids() []int64     { return readSlice(r, 1, r.Varint) }
func (r *stateReader) strs() []string   { return readSlice(r, 1, r.str) }

func (r *stateReader) ages() ages { return ages{r.Uint64(), r.Uint64()} }

// centroid reads a centroid and refuses one that centroid.add cannot
// have made: terms out of hash order (cosines merge by hash), a weight
// that is not finite, or a norm that is not the sum of the squared
// weights, taken in the same order (a wrong norm makes scores no rule
// expects, down to -Inf).
func (r *stateReader) centroid() centroid {
	var c centroid
	n, isNil := r.length(16)
	if !isNil && r.Err() == nil {
		c.t = make(vector, n)
		for i := range c.t {
			c.t[i] = term{r.Uint64(), r.f64()}
		}
	}
	c.n2 = r.f64()
	var n2 float64
	for i, t := range c.t {
		if i > 0 && t.h <= c.t[i-1].h || math.IsNaN(t.w) || math.IsInf(t.w, 0) {
			r.Fail(errors.New("centroid terms out of order or not finite"))
			return centroid{}
		}
		n2 += t.w * t.w
	}
	if r.Err() == nil && c.n2 != n2 {
		r.Fail(fmt.Errorf("centroid norm %g, want %g", c.n2, n2))
	}
	return c
}

// ref reads a story's row; nil for 0.
func (r *stateReader) ref() *story {
	i := r.Uvarint()
	if r.Err() != nil || i == 0 {
		return nil
	}
	if i > uint64(len(r.table)) {
		r.Fail(fmt.Errorf("story row %d of %d", i, len(r.table)))
		return nil
	}
	return r.table[i-1]
}

// story reads a story that must exist.
func (r *stateReader) story() *story {
	s := r.ref()
	if s == nil {
		r.Fail(errors.New("missing story"))
	}
	return s
}

func (r *stateReader) readStory() *story {
	s := &story{}
	s.id = r.Varint()
	s.thread = r.Varint()
	s.title = r.str()
	s.first = r.Time()
	s.last = r.Time()
	s.touched = r.Varint()
	s.articles = r.int()
	s.bodies = r.int()
	s.total = r.int()
	if n, isNil := r.length(2); !isNil && r.Err() == nil {
		s.sources = make(map[int64]bool, n)
		for range n {
			s.sources[r.Varint()] = r.bool()
		}
	}
	s.words = r.centroid()
	s.ents = r.centroid()
	s.nums = r.centroid()
	s.titles = r.centroid()
	if n, isNil := r.length(9); !isNil && r.Err() == nil {
		s.keys = make(map[uint64]bool, n)
		for range n {
			s.keys[r.Uint64()] = r.bool()
		}
	}
	if n, isNil := r.length(9); !isNil && r.Err() == nil {
		s.names = make(map[uint64]string, n)
		for range n {
			s.names[r.Uint64()] = r.str()
		}
	}
	if n, isNil := r.length(2); !isNil && r.Err() == nil {
		s.years = make([]yearCount, n)
		for i := range s.years {
			s.years[i] = yearCount{r.int(), r.int()}
		}
	}
	if n, isNil := r.length(1); !isNil && r.Err() == nil {
		s.written = make([]int, n)
		for i := range s.written {
			s.written[i] = r.int()
		}
	}
	if n, isNil := r.length(9); !isNil && r.Err() == nil {
		s.pairs = make([]pairCount, n)
		for i := range s.pairs {
			s.pairs[i] = pairCount{h: r.Uint64(), n: r.int()}
			s.pairs[i].first, s.pairs[i].last = r.Uint64(), r.Uint64()
			if i > 0 && s.pairs[i].h <= s.pairs[i-1].h && r.Err() == nil {
				r.Fail(errors.New("story's two-word names out of order"))
			}
		}
	}
	s.archivedAt = r.Varint()
	s.develops = r.bool()
	s.anchors = r.hashes()
	s.streets = r.strs()
	s.langs = r.strs()
	s.ages = r.ages()
	s.titleAges = r.ages()
	s.titleCounts = r.ages()
	if n, isNil := r.length(17); !isNil && r.Err() == nil {
		s.leadNames = make([]nameCount, n)
		for i := range s.leadNames {
			s.leadNames[i] = nameCount{leadName{r.Uint64(), r.Uint64()}, int32(r.int())}
		}
	}
	s.mentions = r.strs()
	s.tolls = r.ages()
	if n, isNil := r.length(1); !isNil && r.Err() == nil {
		s.figures = make([]uint16, n)
		for i := range s.figures {
			s.figures[i] = r.figure()
			// otherFigures searches them: sorted, without repeats.
			if i > 0 && s.figures[i] <= s.figures[i-1] && r.Err() == nil {
				r.Fail(errors.New("story figures out of order"))
			}
		}
	}
	s.offices = r.strs()
	// noteOffices inserts into them by binary search and keeps at most
	// heldOffices; otherHolder cuts each at its "|".
	if r.Err() == nil && (len(s.offices) > heldOffices || !officesInOrder(s.offices)) {
		r.Fail(errors.New("story offices out of order"))
	}
	return s
}

// officesInOrder reports whether offs is as noteOffices keeps a story's
// offices: strictly increasing, each a "post|holder".
func officesInOrder(offs []string) bool {
	for i, x := range offs {
		if !strings.Contains(x, "|") || i > 0 && x <= offs[i-1] {
			return false
		}
	}
	return true
}

// figure reads one of a story's figures, refusing a value no figure code
// takes (see figures.go): a score is below magnitudeBase, a magnitude
// 1.0 to 9.9 above it, an amount's order of magnitude above amountBase.
func (r *stateReader) figure() uint16 {
	v := r.Uvarint()
	badMagnitude := v >= magnitudeBase && v < amountBase && (v < magnitudeBase+10 || v >= magnitudeBase+100)
	if r.Err() == nil && (badMagnitude || v >= amountBase+200) {
		r.Fail(fmt.Errorf("figure code %d", v))
		return 0
	}
	return uint16(v)
}

func (r *stateReader) doc() docRec {
	d := docRec{id: r.Varint(), story: r.Varint(), st: r.ref(), dupOf: r.Varint()}
	d.dfTerms = r.hashes()
	d.ents, d.entsEnd = r.int(), r.int()
	if r.Err() == nil && (d.ents < 0 || d.ents > d.entsEnd || d.dfTerms != nil && d.entsEnd > len(d.dfTerms)) {
		r.Fail(fmt.Errorf("article %d: names out of its terms", d.id))
	}
	return d
}

// decodeState reads what appendState wrote, checking the references
// that later use would follow without looking.
func decodeState(cfg Config, data []byte) (*Clusterer, error) {
	r := &stateReader{Reader: binenc.NewReader(data)}
	c := New(cfg)
	c.next = r.Varint()
	c.seq = r.Varint()
	c.newest = r.Time()
	c.undatedSeq = r.Varint()
	// A story takes well over 64 bytes; the bound keeps a corrupt count
	// from allocating much.
	r.table = make([]*story, r.Count(64))
	for i := range r.table {
		r.table[i] = r.readStory()
	}
	c.stories = nil
	if n, isNil := r.length(2); !isNil && r.Err() == nil {
		c.stories = make(map[int64]*story, n)
		for range n {
			c.stories[r.Varint()] = r.story()
		}
	}
	c.threads = nil
	if n, isNil := r.length(8); !isNil && r.Err() == nil {
		c.threads = make(map[int64]*thread, n)
		for range n {
			key := r.Varint()
			th := &thread{id: r.Varint(), words: r.centroid(), ents: r.centroid(), stories: r.int(), articles: r.int()}
			if m, isNil := r.length(2); !isNil && r.Err() == nil {
				th.members = make(map[int64]*story, m)
				for range m {
					th.members[r.Varint()] = r.story()
				}
			}
			if m, isNil := r.length(9); !isNil && r.Err() == nil {
				th.named = make(map[uint64]int, m)
				for range m {
					th.named[r.Uint64()] = r.int()
				}
			}
			th.last = r.Time()
			c.threads[key] = th
		}
	}
	c.posting = nil
	if n, isNil := r.length(9); !isNil && r.Err() == nil {
		c.posting = make(map[uint64][]int64, n)
		for range n {
			c.posting[r.Uint64()] = r.ids()
		}
	}
	c.df = nil
	if n, isNil := r.length(9); !isNil && r.Err() == nil {
		c.df = make(map[uint64]int, n)
		for range n {
			c.df[r.Uint64()] = r.int()
		}
	}
	if n, isNil := r.length(5); !isNil && r.Err() == nil {
		c.dfQueue = make([]docRec, n)
		for i := range c.dfQueue {
			c.dfQueue[i] = r.doc()
		}
	}
	c.docs = nil
	if n, isNil := r.length(6); !isNil && r.Err() == nil {
		c.docs = make(map[int64]*docRec, n)
		for range n {
			id := r.Varint()
			d := r.doc()
			c.docs[id] = &d
		}
	}
	if copies := r.str(); r.Err() == nil {
		if err := c.copies.UnmarshalBinary([]byte(copies)); err != nil {
			r.Fail(err)
		}
	}
	c.indexed = nil
	if n, isNil := r.length(2); !isNil && r.Err() == nil {
		c.indexed = make(map[int64]*story, n)
		for range n {
			c.indexed[r.Varint()] = r.story()
		}
	}
	c.archIndex = nil
	if n, isNil := r.length(9); !isNil && r.Err() == nil {
		c.archIndex = make(map[uint64][]int64, n)
		for range n {
			c.archIndex[r.Uint64()] = r.ids()
		}
	}
	if n, isNil := r.length(2); !isNil && r.Err() == nil {
		c.archQueue = make([]archivedStory, n)
		for i := range c.archQueue {
			c.archQueue[i] = archivedStory{r.story(), r.Varint()}
		}
	}
	if r.Close() == nil {
		r.Fail(c.check())
	}
	if err := r.Err(); err != nil {
		return nil, err
	}
	return c, nil
}

// check verifies the links between parts of the state that Add and
// Restore follow without looking: a snapshot that passes its checksum yet
// breaks them was not written by Snapshot.
func (c *Clusterer) check() error {
	if c.stories == nil || c.threads == nil || c.posting == nil || c.df == nil || c.docs == nil || c.indexed == nil || c.archIndex == nil {
		return errors.New("a map is missing")
	}
	for h, ids := range c.archIndex {
		for _, id := range ids {
			s := c.indexed[id]
			if s == nil {
				return fmt.Errorf("archive index names story %d, not indexed", id)
			}
			if _, ok := slices.BinarySearchFunc(s.pairs, h, byPair); !ok {
				return fmt.Errorf("archive index files story %d under a name it lacks", id)
			}
		}
	}
	for id, th := range c.threads {
		if th.members == nil || th.named == nil {
			return fmt.Errorf("thread %d: a map is missing", id)
		}
	}
	return nil
}
