package feed

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
)

// MaxItems is the most items Parse keeps of one feed: the first ones, which
// feeds list newest first. A feed's document may be up to fetch's body cap
// (15 MiB), room for some 400,000 bare items; gofeed took 22 s and 4.8 GB
// of allocations to parse those (measured once, before the cap, on such a
// generated feed; no benchmark keeps it), and each item became an article
// job. Real
// feeds carry tens of items, an archive feed a few thousand at most.
const MaxItems = 1000

// MaxDepth is how deeply Parse lets a feed's XML elements nest. RSS and
// Atom need fewer than 10 levels, extensions (Media RSS groups, iTunes
// categories) a few more; 1.4 million nested extension elements, which fit
// in 15 MiB, took gofeed 21 s to walk (measured once, before the cap).
const MaxDepth = 64

// errTooDeep is the error of a document nested deeper than MaxDepth.
var errTooDeep = fmt.Errorf("elements nested deeper than %d levels", MaxDepth)

// bound returns data cut to its first MaxItems items, or an error if its
// elements nest deeper than MaxDepth, before gofeed reads it: gofeed
// builds every item in memory, so a cap applied to its result would come
// too late. A document bound cannot read is returned as it is, for
// gofeed to judge: its scanner is as lenient as gofeed's, so the document
// gofeed reads has already passed the depth check up to the point where
// both stop.
func bound(data []byte) ([]byte, error) {
	trimmed := bytes.TrimLeft(data, " \t\r\n\ufeff")
	if len(trimmed) > 0 && trimmed[0] == '{' {
		return boundJSON(data), nil
	}
	return boundXML(data)
}

// itemElements are the elements of one feed item: RSS's item (in RSS 1.0
// too) and Atom's entry, in the default namespace, as feeds write them.
var itemElements = map[string]bool{"item": true, "entry": true}

func boundXML(data []byte) ([]byte, error) {
	d := xml.NewDecoder(bytes.NewReader(asciiOnly(data)))
	d.Strict = false // as gofeed reads feeds
	// Only the markup's structure matters here, which the encodings feeds
	// declare (Latin-1, Windows-1252...) write in ASCII as UTF-8 does.
	d.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
	var open []xml.Name // the elements open at the scanner's position
	items := 0
	for {
		tok, err := d.RawToken()
		if err != nil {
			return data, nil // the end, or a fault gofeed reports itself
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if len(open) == MaxDepth {
				return nil, errTooDeep
			}
			open = append(open, t.Name)
		case xml.EndElement:
			if len(open) > 0 {
				open = open[:len(open)-1]
			}
			if t.Name.Space != "" || !itemElements[t.Name.Local] {
				continue
			}
			if items++; items < MaxItems {
				continue
			}
			// Keep the document up to this item's end and close what is
			// still open, so gofeed reads a well-formed shorter feed.
			var b bytes.Buffer
			b.Write(data[:d.InputOffset()])
			for i := len(open) - 1; i >= 0; i-- {
				b.WriteString("</")
				if open[i].Space != "" {
					b.WriteString(open[i].Space + ":")
				}
				b.WriteString(open[i].Local + ">")
			}
			return b.Bytes(), nil
		}
	}
}

// asciiOnly returns data with every byte above 0x7f made an ASCII letter.
// encoding/xml stops at the first byte that is not UTF-8, which a feed in
// Latin-1 or Windows-1252 (or a UTF-8 feed with one stray byte) has in its
// text, while gofeed decodes such a feed by its declared charset: without
// this the feed's items went uncounted and its nesting unchecked. Markup
// is ASCII in every encoding feeds use, and the length is kept, so the
// scanner's offsets are offsets into data.
func asciiOnly(data []byte) []byte {
	i := bytes.IndexFunc(data, func(r rune) bool { return r >= 0x80 })
	if i < 0 {
		return data
	}
	out := bytes.Clone(data)
	for ; i < len(out); i++ {
		if out[i] >= 0x80 {
			out[i] = 'x'
		}
	}
	return out
}

// boundJSON returns a JSON Feed with at most MaxItems items. Depth needs
// no check: encoding/json refuses documents nested 10,000 levels deep, and
// walks them without recursion of its own.
func boundJSON(data []byte) []byte {
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil {
		return data // gofeed reports the fault
	}
	raw, ok := top["items"]
	if !ok {
		return data
	}
	d := json.NewDecoder(bytes.NewReader(raw))
	if tok, err := d.Token(); err != nil || tok != json.Delim('[') {
		return data
	}
	var items []json.RawMessage
	for d.More() {
		if len(items) == MaxItems {
			// Only cut a feed that has more; one with MaxItems or fewer is
			// read as it came.
			out, err := json.Marshal(items)
			if err != nil {
				return data
			}
			top["items"] = out
			cut, err := json.Marshal(top)
			if err != nil {
				return data
			}
			return cut
		}
		var it json.RawMessage
		if err := d.Decode(&it); err != nil {
			return data
		}
		items = append(items, it)
	}
	return data
}
