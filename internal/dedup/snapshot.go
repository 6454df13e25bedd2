package dedup

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"time"
)

// indexFormat versions MarshalBinary's layout.
const indexFormat = 1

// MarshalBinary encodes the index's content, not its Config, so that a
// restarted process can resume copy detection where it stopped (see
// UnmarshalBinary). The band index is not written: it follows from the
// entries held and their order.
func (x *Index) MarshalBinary() ([]byte, error) {
	b := binary.AppendUvarint(nil, indexFormat)
	b = appendTime(b, x.newest)
	b = binary.AppendUvarint(b, uint64(x.head))
	b = binary.AppendUvarint(b, uint64(len(x.order)))
	for _, id := range x.order {
		b = binary.AppendVarint(b, id)
	}
	// order[head:] are the ids held, in the order they were added.
	for _, id := range x.order[x.head:] {
		e := x.byID[id]
		b = binary.AppendVarint(b, int64(e.fp.Words))
		b = binary.LittleEndian.AppendUint64(b, e.fp.Exact)
		for _, m := range e.fp.Min {
			b = binary.LittleEndian.AppendUint32(b, m)
		}
		b = appendTime(b, e.time)
	}
	// exact is written whole: an id evicted with copies still held leaves
	// no entry, which re-adding the held ones would not reproduce.
	b = binary.AppendUvarint(b, uint64(len(x.exact)))
	for h, id := range x.exact {
		b = binary.LittleEndian.AppendUint64(b, h)
		b = binary.AppendVarint(b, id)
	}
	return b, nil
}

// UnmarshalBinary replaces the content of x, an index made by NewIndex
// with the Config of the one encoded, with data from MarshalBinary. It
// returns an error, leaving x unchanged, when data is not such an
// encoding.
func (x *Index) UnmarshalBinary(data []byte) error {
	r := reader{b: data}
	if v := r.uvarint(); r.err == nil && v != indexFormat {
		return fmt.Errorf("decode copy index: format %d, want %d", v, indexFormat)
	}
	y := &Index{cfg: x.cfg, exact: map[uint64]int64{}, band: map[uint64][]int64{}, byID: map[int64]entry{}}
	y.newest = r.time()
	head := r.count(0)
	n := r.count(1)
	if r.err == nil && head > n {
		return errors.New("decode copy index: cursor past the queue")
	}
	if n > 0 {
		y.order = make([]int64, n)
	}
	for i := range y.order {
		y.order[i] = r.varint()
	}
	y.head = head
	for _, id := range y.order[min(head, len(y.order)):] {
		if r.err != nil {
			break
		}
		e := entry{id: id}
		e.fp.Words = int(r.varint())
		e.fp.Exact = r.uint64()
		for i := range e.fp.Min {
			e.fp.Min[i] = r.uint32()
		}
		e.time = r.time()
		if _, dup := y.byID[id]; dup || e.fp.Words <= 0 {
			r.fail(fmt.Errorf("entry %d held twice or empty", id))
			break
		}
		y.byID[id] = e
		if e.fp.Words >= y.cfg.MinWords {
			for i := range bands {
				k := bandKey(i, &e.fp)
				y.band[k] = append(y.band[k], id)
			}
		}
	}
	ne := r.count(9)
	for range ne {
		h, id := r.uint64(), r.varint()
		if _, ok := y.byID[id]; r.err == nil && !ok {
			r.fail(fmt.Errorf("exact hash points to %d, not held", id))
		}
		y.exact[h] = id
	}
	if r.err == nil && r.off != len(r.b) {
		r.fail(errors.New("trailing bytes"))
	}
	if r.err != nil {
		return fmt.Errorf("decode copy index: %w", r.err)
	}
	*x = *y
	return nil
}

func appendTime(b []byte, t time.Time) []byte {
	if t.IsZero() {
		return append(b, 0)
	}
	b = append(b, 1)
	b = binary.AppendVarint(b, t.Unix())
	return binary.AppendUvarint(b, uint64(t.Nanosecond()))
}

// reader decodes MarshalBinary's layout, keeping the first error.
type reader struct {
	b   []byte
	off int
	err error
}

var errShort = errors.New("unexpected end of data")

func (r *reader) fail(err error) {
	if r.err == nil {
		r.err = err
	}
}

func (r *reader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b[r.off:])
	if n <= 0 {
		r.fail(errShort)
		return 0
	}
	r.off += n
	return v
}

func (r *reader) varint() int64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Varint(r.b[r.off:])
	if n <= 0 {
		r.fail(errShort)
		return 0
	}
	r.off += n
	return v
}

func (r *reader) uint64() uint64 {
	if r.err != nil || len(r.b)-r.off < 8 {
		r.fail(errShort)
		return 0
	}
	v := binary.LittleEndian.Uint64(r.b[r.off:])
	r.off += 8
	return v
}

func (r *reader) uint32() uint32 {
	if r.err != nil || len(r.b)-r.off < 4 {
		r.fail(errShort)
		return 0
	}
	v := binary.LittleEndian.Uint32(r.b[r.off:])
	r.off += 4
	return v
}

// count reads a length whose items take at least size bytes each, so
// that corrupt data cannot make a huge allocation.
func (r *reader) count(size int) int {
	v := r.uvarint()
	if r.err == nil && (v > math.MaxInt32 || size > 0 && v > uint64((len(r.b)-r.off)/size)) {
		r.fail(fmt.Errorf("length %d exceeds the data", v))
	}
	if r.err != nil {
		return 0
	}
	return int(v)
}

func (r *reader) time() time.Time {
	switch flag := r.uvarint(); {
	case r.err != nil:
		return time.Time{}
	case flag == 0:
		return time.Time{}
	case flag != 1:
		r.fail(fmt.Errorf("bad time flag %d", flag))
		return time.Time{}
	}
	sec, nsec := r.varint(), r.uvarint()
	if r.err == nil && nsec >= 1e9 {
		r.fail(fmt.Errorf("bad nanoseconds %d", nsec))
	}
	return time.Unix(sec, int64(nsec)).UTC()
}
