package extract

import (
	"strings"
	"unicode/utf8"
)

// cp1252High maps the characters Windows-1252 puts at 0x80-0x9F to their
// bytes; Latin-1 puts the C1 controls U+0080-U+009F there instead.
var cp1252High = map[rune]byte{
	'€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87,
	'ˆ': 0x88, '‰': 0x89, 'Š': 0x8A, '‹': 0x8B, 'Œ': 0x8C, 'Ž': 0x8E, '‘': 0x91,
	'’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97, '˜': 0x98,
	'™': 0x99, 'š': 0x9A, '›': 0x9B, 'œ': 0x9C, 'ž': 0x9E, 'Ÿ': 0x9F,
}

// latinByte is the byte r stands for when UTF-8 was read as Latin-1 or
// Windows-1252, if it can stand for one.
func latinByte(r rune) (byte, bool) {
	if r < 0x100 {
		return byte(r), true
	}
	b, ok := cp1252High[r]
	return b, ok
}

// fixMojibake undoes UTF-8 read as Latin-1 or Windows-1252 and written
// out again as UTF-8 ("doesnâ€™t" for "doesn’t"), which some pages carry
// in their own bytes, declared and valid UTF-8 as they are. Only a whole
// UTF-8 sequence is undone: a lead byte's character followed by as many
// continuation bytes' characters as the lead asks for, decoding to one
// character beyond ASCII.
//
// Correct text holds such runs as well: a capital or ß before closing
// punctuation ("„Spaß“", "CAFÉ’S", "PELÉ…", "ÉTÉ»") reads as a two-byte
// sequence. So a sequence is undone on its own only when it is unambiguous
// (see plainMisread); the others only in text that shows itself misread,
// holding two unambiguous sequences or sequences run together ("Ð¿Ñ€" for
// "пр").
func fixMojibake(s string) string {
	// Every sequence starts with one of Â-ô (U+00C2-U+00F4), whose UTF-8
	// starts with 0xC3: most English text has none and is returned as is.
	if strings.IndexByte(s, 0xC3) < 0 {
		return s
	}
	type found struct {
		start, end int
		r          rune
		plain      bool // unambiguous on its own
	}
	var seqs []found
	evidence := 0
	var seq [utf8.UTFMax]byte
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		lead, ok := latinByte(r)
		if !ok || lead < 0xC2 || lead > 0xF4 {
			i += size
			continue
		}
		n := 2
		if lead >= 0xF0 {
			n = 4
		} else if lead >= 0xE0 {
			n = 3
		}
		seq[0] = lead
		j, k := i+size, 1
		for ; k < n && j < len(s); k++ {
			c, csize := utf8.DecodeRuneInString(s[j:])
			cb, ok := latinByte(c)
			if !ok || cb < 0x80 || cb > 0xBF {
				break
			}
			seq[k] = cb
			j += csize
		}
		if k < n {
			i += size
			continue
		}
		fixed, fsize := utf8.DecodeRune(seq[:n])
		if fixed == utf8.RuneError || fsize != n {
			i += size
			continue
		}
		f := found{start: i, end: j, r: fixed, plain: plainMisread(seq[:n])}
		if f.plain {
			evidence++
		}
		if len(seqs) > 0 && seqs[len(seqs)-1].end == i {
			evidence++
		}
		seqs = append(seqs, f)
		i = j
	}
	if len(seqs) == 0 {
		return s
	}
	var b strings.Builder
	done := 0 // bytes of s written to b
	for _, f := range seqs {
		if !f.plain && evidence < 2 {
			continue
		}
		b.WriteString(s[done:f.start])
		b.WriteRune(f.r)
		done = f.end
	}
	if done == 0 {
		return s
	}
	b.WriteString(s[done:])
	return b.String()
}

// plainMisread reports whether the bytes of one sequence, as fixMojibake
// reads them, are a misreading whatever the text around: a four-byte
// sequence (ð and three symbols); a three-byte one led by â or ï, the
// punctuation ("â€™") and the byte order mark or full-width forms; a
// two-byte one led by Â, or by Ã before anything but the closing
// punctuation, dash or no-break space that may follow a Portuguese
// capital Ã ("IRMÃ…"). Other leads are letters that end words, in
// capitals or not: "CAFÉ’S" or "Spaß“" are no misreadings.
func plainMisread(seq []byte) bool {
	switch {
	case len(seq) == 4:
		return true
	case len(seq) == 3:
		return seq[0] == 0xE2 || seq[0] == 0xEF
	case seq[0] == 0xC2:
		return true
	case seq[0] == 0xC3:
		switch seq[1] {
		case 0x85, 0x92, 0x94, 0x96, 0x97, 0x9B, 0xA0, 0xBB: // … ’ ” – — › NBSP »
			return false
		}
		return true
	}
	return false
}
