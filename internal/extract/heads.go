package extract

import "slices"

// headMax: the longest section heading addHeadings puts back, in words;
// a longer "heading" is a standfirst or a teaser's blurb set in heading
// type.
const headMax = 15

// addHeadings puts back the section headings the chosen body lost: a
// heading (h2-h6) of the page that sits directly above a paragraph the
// body holds, other than the body's first, heads that paragraph's
// section, and WCXB's truth keeps section headings. go-trafilatura drops
// headings it doubts (and, on pages where it finds no known container,
// every heading: see recover), readability those in blocks it scores
// low. A heading is not put back when it is mostly link text or sits in
// a list item (a teaser card's title above its blurb), in a side
// element (an author box's or a related list's heading, see isSide), or
// is a teaser line (inlineJunk) or the title (dropTitle drops it). The
// body is matched to the page by its paragraphs' text, as dropSide does.
func (o *outline) addHeadings(body []para, title string) []para {
	if len(body) < 2 {
		return body
	}
	// pos: each body paragraph's index by its text; -1 for a text the
	// body holds twice, which cannot say where a heading goes.
	var pos map[string]int
	type insert struct {
		at   int
		text string
	}
	var ins []insert
	for i := 0; i+1 < len(o.paras); i++ {
		b := o.block[i]
		if b < 0 || !o.heading[b] || o.inItem[b] || o.linked[i] || o.side[b] >= 0 {
			continue
		}
		if o.block[i+1] == b {
			// The heading's own second part, after a block nested in
			// it, not a paragraph below it.
			continue
		}
		if pos == nil {
			pos = make(map[string]int, len(body))
			for j, p := range body {
				if _, ok := pos[p.text]; ok {
					pos[p.text] = -1
					continue
				}
				pos[p.text] = j
			}
		}
		at, ok := pos[collapseSpace(o.paras[i+1].text)]
		if !ok || at <= 0 {
			continue
		}
		h, n := collapseCount(o.paras[i].text)
		if n == 0 || n > headMax || h == title || inlineJunk(h) {
			continue
		}
		if _, ok := pos[h]; ok {
			continue // the body has it already, above or elsewhere
		}
		ins = append(ins, insert{at, h})
	}
	if len(ins) == 0 {
		return body
	}
	// The page and the body mostly run in the same order, but not
	// always (readability moves blocks): insert in the body's order.
	slices.SortStableFunc(ins, func(a, b insert) int { return a.at - b.at })
	// A body paragraph that several headings of the page stand above
	// is a line the page repeats ("Buy now" under every product card),
	// not one section's start: none of them is put back.
	kept := ins[:0]
	for k := 0; k < len(ins); {
		e := k + 1
		for e < len(ins) && ins[e].at == ins[k].at {
			e++
		}
		if e == k+1 {
			kept = append(kept, ins[k])
		}
		k = e
	}
	if ins = kept; len(ins) == 0 {
		return body
	}
	out := make([]para, 0, len(body)+len(ins))
	k := 0
	for j, p := range body {
		// A paragraph has at most one insert above it (kept dropped the
		// rest), and no insert is a paragraph of the body (pos): no
		// repeat can arise.
		if k < len(ins) && ins[k].at == j {
			out = append(out, para{text: ins[k].text})
			k++
		}
		out = append(out, p)
	}
	return out
}
