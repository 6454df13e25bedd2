package dedup

import (
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/newsdesk/newsdesk/internal/binenc"
)

// indexFormat versions MarshalBinary's layout.
const indexFormat = 1

// MarshalBinary encodes the index's content, not its Config, so that a
// restarted process can resume copy detection where it stopped (see
// UnmarshalBinary). The band index is not written: it follows from the
// entries held and their order.
func (x *Index) MarshalBinary() ([]byte, error) {
	b := binary.AppendUvarint(nil, indexFormat)
	b = binenc.AppendTime(b, x.newest)
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
		b = binenc.AppendTime(b, e.time)
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
	r := binenc.NewReader(data)
	if v := r.Uvarint(); r.Err() == nil && v != indexFormat {
		return fmt.Errorf("decode copy index: format %d, want %d", v, indexFormat)
	}
	y := &Index{cfg: x.cfg, exact: map[uint64]int64{}, band: map[uint64][]int64{}, byID: map[int64]entry{}}
	y.newest = r.Time()
	head := r.Count(0)
	n := r.Count(1)
	if r.Err() == nil && head > n {
		return errors.New("decode copy index: cursor past the queue")
	}
	if n > 0 {
		y.order = make([]int64, n)
	}
	for i := range y.order {
		y.order[i] = r.Varint()
	}
	y.head = head
	for _, id := range y.order[min(head, len(y.order)):] {
		if r.Err() != nil {
			break
		}
		e := entry{id: id}
		e.fp.Words = int(r.Varint())
		e.fp.Exact = r.Uint64()
		for i := range e.fp.Min {
			e.fp.Min[i] = r.Uint32()
		}
		e.time = r.Time()
		if _, dup := y.byID[id]; dup || e.fp.Words <= 0 {
			r.Fail(fmt.Errorf("entry %d held twice or empty", id))
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
	ne := r.Count(9)
	for range ne {
		h, id := r.Uint64(), r.Varint()
		if _, ok := y.byID[id]; r.Err() == nil && !ok {
			r.Fail(fmt.Errorf("exact hash points to %d, not held", id))
		}
		y.exact[h] = id
	}
	if err := r.Close(); err != nil {
		return fmt.Errorf("decode copy index: %w", err)
	}
	*x = *y
	return nil
}
