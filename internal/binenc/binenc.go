// Package binenc reads the compact binary layouts newsdesk saves its state
// in (the clusterer's snapshot, and the copy index inside it): varints,
// fixed-width little-endian integers, strings and times, and writes the
// one value whose layout both share, a time.
//
// Saved state comes back from a database, so a Reader treats it as
// untrusted: it keeps the first error and returns zero values after it,
// so a decoder can read a whole record and check once, and every length is
// bounded by the bytes left, so corrupt data gives an error, never a panic
// or a huge allocation.
package binenc

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"time"
)

// ErrShort reports data that ends inside a value.
var ErrShort = errors.New("unexpected end of data")

// Reader decodes b from the start. The zero Reader reads nothing.
type Reader struct {
	b   []byte
	off int
	err error
}

// NewReader returns a Reader of b.
func NewReader(b []byte) *Reader { return &Reader{b: b} }

// Err is the first error met, nil if none.
func (r *Reader) Err() error { return r.err }

// Fail records err unless an error was met before.
func (r *Reader) Fail(err error) {
	if r.err == nil {
		r.err = err
	}
}

// Left is the number of bytes not read yet.
func (r *Reader) Left() int { return len(r.b) - r.off }

// Close reports the first error, or that bytes are left unread: a layout
// that does not end where the data does was not written by its writer.
func (r *Reader) Close() error {
	if r.err == nil && r.off != len(r.b) {
		r.Fail(fmt.Errorf("%d trailing bytes", len(r.b)-r.off))
	}
	return r.err
}

// Uvarint reads an unsigned varint.
func (r *Reader) Uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b[r.off:])
	if n <= 0 {
		r.Fail(ErrShort)
		return 0
	}
	r.off += n
	return v
}

// Varint reads a signed varint.
func (r *Reader) Varint() int64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Varint(r.b[r.off:])
	if n <= 0 {
		r.Fail(ErrShort)
		return 0
	}
	r.off += n
	return v
}

// Uint64 reads eight bytes, little-endian.
func (r *Reader) Uint64() uint64 {
	if r.err != nil || r.Left() < 8 {
		r.Fail(ErrShort)
		return 0
	}
	v := binary.LittleEndian.Uint64(r.b[r.off:])
	r.off += 8
	return v
}

// Uint32 reads four bytes, little-endian.
func (r *Reader) Uint32() uint32 {
	if r.err != nil || r.Left() < 4 {
		r.Fail(ErrShort)
		return 0
	}
	v := binary.LittleEndian.Uint32(r.b[r.off:])
	r.off += 4
	return v
}

// Byte reads one byte.
func (r *Reader) Byte() byte {
	if r.err != nil || r.Left() < 1 {
		r.Fail(ErrShort)
		return 0
	}
	v := r.b[r.off]
	r.off++
	return v
}

// Count reads a length (an unsigned varint) of items that take at least
// size bytes each, failing when the data left cannot hold them; size 0
// bounds it by MaxInt32 only (a position rather than a length).
func (r *Reader) Count(size int) int {
	v := r.Uvarint()
	if r.err == nil && (v > math.MaxInt32 || size > 0 && v > uint64(r.Left()/size)) {
		r.Fail(fmt.Errorf("length %d exceeds the data", v))
	}
	if r.err != nil {
		return 0
	}
	return int(v)
}

// Bytes reads n bytes, n from Count(1); the result aliases the data.
func (r *Reader) Bytes(n int) []byte {
	if r.err != nil || n < 0 || r.Left() < n {
		r.Fail(ErrShort)
		return nil
	}
	v := r.b[r.off : r.off+n : r.off+n]
	r.off += n
	return v
}

// AppendTime appends t as Time reads it: a byte 0 for the zero time, else
// a byte 1, the Unix seconds and the nanoseconds. The location is not
// kept: times read back are UTC.
func AppendTime(b []byte, t time.Time) []byte {
	if t.IsZero() {
		return append(b, 0)
	}
	b = append(b, 1)
	b = binary.AppendVarint(b, t.Unix())
	return binary.AppendUvarint(b, uint64(t.Nanosecond()))
}

// Time reads what AppendTime wrote.
func (r *Reader) Time() time.Time {
	switch flag := r.Byte(); {
	case r.err != nil || flag == 0:
		return time.Time{}
	case flag != 1:
		r.Fail(fmt.Errorf("bad time flag %d", flag))
		return time.Time{}
	}
	sec, nsec := r.Varint(), r.Uvarint()
	if r.err == nil && nsec >= 1e9 {
		r.Fail(fmt.Errorf("bad nanoseconds %d", nsec))
	}
	if r.err != nil {
		return time.Time{}
	}
	return time.Unix(sec, int64(nsec)).UTC()
}
