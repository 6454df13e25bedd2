package binenc_test

import (
	"encoding/binary"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/newsdesk/newsdesk/internal/binenc"
)

func TestTimeRoundTrip(t *testing.T) {
	t.Parallel()
	for _, tm := range []time.Time{
		{},
		time.Date(2013, 9, 26, 14, 3, 0, 123456789, time.UTC),
		time.Date(1969, 12, 31, 23, 59, 59, 1, time.FixedZone("X", 3600)),
	} {
		r := binenc.NewReader(binenc.AppendTime(nil, tm))
		got := r.Time()
		if err := r.Close(); err != nil {
			t.Errorf("Time(%v): %v", tm, err)
		}
		if !got.Equal(tm) || !tm.IsZero() && got.Location() != time.UTC {
			t.Errorf("Time = %v, want %v in UTC", got, tm)
		}
	}
}

// TestReaderRefuses checks that data a writer cannot have written is an
// error, not a panic, a wrong value or a huge allocation, and that the
// first error sticks.
func TestReaderRefuses(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		data []byte
		read func(r *binenc.Reader)
	}{
		{"short uint64", []byte{1, 2, 3}, func(r *binenc.Reader) { r.Uint64() }},
		{"short uint32", []byte{1, 2, 3}, func(r *binenc.Reader) { r.Uint32() }},
		{"no byte", nil, func(r *binenc.Reader) { r.Byte() }},
		{"cut varint", []byte{0x80}, func(r *binenc.Reader) { r.Varint() }},
		{"cut uvarint", []byte{0xff, 0xff}, func(r *binenc.Reader) { r.Uvarint() }},
		{"count past the data", binary.AppendUvarint(nil, 1<<40), func(r *binenc.Reader) { r.Count(1) }},
		{"count of wide items", append(binary.AppendUvarint(nil, 3), make([]byte, 20)...), func(r *binenc.Reader) { r.Count(8) }},
		{"position past int32", binary.AppendUvarint(nil, 1<<33), func(r *binenc.Reader) { r.Count(0) }},
		{"bytes past the data", []byte{1, 2}, func(r *binenc.Reader) { r.Bytes(3) }},
		{"time flag", []byte{2, 0, 0}, func(r *binenc.Reader) { r.Time() }},
		{"nanoseconds", append([]byte{1, 0}, binary.AppendUvarint(nil, 1e9)...), func(r *binenc.Reader) { r.Time() }},
		{"trailing bytes", []byte{1, 2}, func(r *binenc.Reader) { r.Byte() }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := binenc.NewReader(tc.data)
			tc.read(r)
			if r.Close() == nil {
				t.Fatal("no error")
			}
			first := r.Err()
			if v := r.Uvarint(); v != 0 || r.Err() != first {
				t.Errorf("read after an error: %d, err %v; want 0 and the first error %v", v, r.Err(), first)
			}
		})
	}
}

func TestReaderReads(t *testing.T) {
	t.Parallel()
	b := binary.AppendUvarint(nil, 300)
	b = binary.AppendVarint(b, -7)
	b = binary.LittleEndian.AppendUint64(b, 1<<60)
	b = binary.LittleEndian.AppendUint32(b, 1<<30)
	b = append(b, 9)
	b = binary.AppendUvarint(b, 3)
	b = append(b, "abc"...)
	r := binenc.NewReader(b)
	got := []any{r.Uvarint(), r.Varint(), r.Uint64(), r.Uint32(), r.Byte(), string(r.Bytes(r.Count(1)))}
	want := []any{uint64(300), int64(-7), uint64(1 << 60), uint32(1 << 30), byte(9), "abc"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("values mismatch (-want +got):\n%s", diff)
	}
	if err := r.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	if err := binenc.NewReader(nil).Close(); err != nil {
		t.Errorf("Close of empty data: %v, want nil", err)
	}
}

func FuzzReader(f *testing.F) {
	f.Add(binenc.AppendTime(binary.AppendUvarint(nil, 2), time.Unix(5, 6)))
	f.Fuzz(func(t *testing.T, data []byte) {
		r := binenc.NewReader(data)
		for r.Err() == nil && r.Left() > 0 {
			switch r.Byte() % 4 {
			case 0:
				r.Time()
			case 1:
				r.Bytes(r.Count(1))
			case 2:
				r.Count(0)
			case 3:
				r.Uint32()
			}
		}
		_ = r.Close()
	})
}
