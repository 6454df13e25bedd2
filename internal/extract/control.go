package extract

import (
	"bytes"
	"encoding/binary"
	"io"
	"math/bits"
	"strings"
	"unicode/utf8"

	"github.com/newsdesk/newsdesk/internal/news"
)

// controlByte marks the control characters of news.IsControl, a table
// for the byte-at-a-time loops below. In UTF-8 each is one byte and never
// part of another rune's encoding, so they can be dropped from any chunk
// of the text.
var controlByte = func() (t [utf8.RuneSelf]bool) {
	for c := range rune(utf8.RuneSelf) {
		t[c] = news.IsControl(c)
	}
	return t
}()

// isControl reports whether r is a control character of controlByte.
func isControl(r rune) bool { return uint32(r) < utf8.RuneSelf && controlByte[r] }

// indexControl returns the index of the first control byte (controlByte)
// in p, or -1. Almost no page has one, and a byte at a time this scan cost
// about as much as copying the page without them (1 ms of a 170 KB page's
// 18 ms extraction); eight bytes at a time it is a fraction of that. Each
// test below works on a byte's low seven bits plus a constant below 0x80,
// so no sum carries into the next byte and each byte's answer is exact.
func indexControl(p []byte) int {
	const (
		ones  = 0x0101010101010101
		low7  = 0x7f * ones
		highs = 0x80 * ones
	)
	// atLeast has the high bit of each byte whose low seven bits are n or
	// more.
	atLeast := func(x, n uint64) uint64 { return (x&low7 + (0x80-n)*ones) & highs }
	i := 0
	for ; i+8 <= len(p); i += 8 {
		x := binary.LittleEndian.Uint64(p[i:])
		ascii := ^x & highs
		below := ascii &^ atLeast(x, 0x20)                      // NUL to US
		space := below & atLeast(x, '\t') &^ atLeast(x, '\r'+1) // tab to CR
		del := ascii & atLeast(x, 0x7f)
		if c := below&^space | del; c != 0 {
			return i + bits.TrailingZeros64(c)/8
		}
	}
	for j, c := range p[i:] {
		if isControl(rune(c)) {
			return i + j
		}
	}
	return -1
}

// withoutControls returns a reader of the UTF-8 page without its control
// bytes (controlByte). The page is copied only when it has one, so most
// pages cost a scan and no wrapper on every read.
func withoutControls(page []byte) io.Reader {
	i := indexControl(page)
	if i < 0 {
		return bytes.NewReader(page)
	}
	out := make([]byte, i, len(page))
	copy(out, page[:i])
	for _, c := range page[i:] {
		if !isControl(rune(c)) {
			out = append(out, c)
		}
	}
	return bytes.NewReader(out)
}

// controlDropper reads UTF-8 from r without its control characters
// (controlByte): a decoder's output, which is only known as it is read.
type controlDropper struct{ r io.Reader }

func (d controlDropper) Read(p []byte) (int, error) {
	for {
		n, err := d.r.Read(p)
		kept := 0
		for _, c := range p[:n] {
			if !isControl(rune(c)) {
				p[kept] = c
				kept++
			}
		}
		// A chunk of nothing but control characters is read past rather
		// than answered with 0 bytes and no error.
		if kept > 0 || err != nil || n == 0 {
			return kept, err
		}
	}
}

// dropControlText drops the control characters (controlByte) that the
// parsed page still holds: those it wrote as references (&#1;) or as
// JSON-LD escapes (\u0001), decoded after utf8Reader. A space left doubled
// by one, or at either end, goes with it: "ferry &#1; will" is "ferry
// will", as the extractors' white space would have it.
func dropControlText(s string) string {
	if !strings.ContainsFunc(s, isControl) {
		return s
	}
	out := make([]byte, 0, len(s))
	dropped := false // a control character since the last byte kept
	for i := range len(s) {
		// Byte by byte: every control character is one byte, and no
		// byte of a longer rune's encoding is below utf8.RuneSelf.
		c := s[i]
		switch {
		case isControl(rune(c)):
			dropped = true
			continue
		case dropped && c == ' ' && (len(out) == 0 || out[len(out)-1] == ' ' || out[len(out)-1] == '\n'):
			continue
		case dropped && c == '\n' && len(out) > 0 && out[len(out)-1] == ' ':
			out = out[:len(out)-1] // "crossings &#1;\n\nCommuters"
		}
		out = append(out, c)
		dropped = false
	}
	if dropped {
		out = bytes.TrimRight(out, " ")
	}
	return string(out)
}

// dropControlParagraphs is dropControlText for a text of paragraphs
// separated by "\n\n": one that was only control characters goes with
// them, so that no empty paragraph is left between two others.
func dropControlParagraphs(s string) string {
	if !strings.ContainsFunc(s, isControl) {
		return s
	}
	paras := strings.Split(s, "\n\n")
	kept := paras[:0]
	for _, p := range paras {
		if p = dropControlText(p); p != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, "\n\n")
}
