package extract

import (
	"bytes"
	"context"
	"fmt"

	"golang.org/x/net/html"
)

// MaxElements is the most elements (start tags) a page may have to be
// extracted. The extractor's time grows with the square of a page's
// paragraphs (in go-trafilatura's content pass): 20,000 short paragraphs
// took 2.5 s, 40,000 took 7.8 s and 100,000 (1 MB) 25 s (measured once,
// before this cap, on BenchmarkExtractHostilePage's page at those sizes;
// the benchmark keeps the size just under the cap: `go test -run '^$'
// -bench ExtractHostilePage -benchtime 1x ./internal/extract`), so a
// hostile page within the 8 MiB read would hold a worker for hours. The
// largest of the 974 pages of the extraction benchmarks has about 5,000
// start tags (4,975 '<' before a letter: `for f in
// ../shared/data/extract/*/html/*.gz; do zcat $f | grep -o '<[a-zA-Z]' |
// wc -l; done | sort -n | tail -1`).
// (Depth needs no cap of ours: x/net/html refuses a page nested past 512
// elements.)
const MaxElements = 30_000

// checkElements returns an error if page has more than MaxElements start
// tags. It counts with the tokenizer, before html.Parse builds a tree of
// them all, and stops at the cap, or when ctx ends (looked at every
// ctxEvery tokens: 8 MiB of text without a tag is one token).
//
// Every start tag opens with a '<', so a page with no more '<' bytes than
// the cap is under it without tokenizing: in a CPU profile over WCXB
// pages the tokenizer took 6.4% of extraction time, the count 0.1%, and
// no benchmark page has over 9,800 '<' (docs/extraction.md, third speed
// round).
func checkElements(ctx context.Context, page []byte) error {
	if bytes.Count(page, []byte{'<'}) <= MaxElements {
		return nil
	}
	const ctxEvery = 4096
	z := html.NewTokenizer(bytes.NewReader(page))
	n := 0
	for tokens := 1; ; tokens++ {
		if tokens%ctxEvery == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		switch z.Next() {
		case html.ErrorToken:
			return nil // the end, or a fault html.Parse meets too
		case html.StartTagToken, html.SelfClosingTagToken:
			if n++; n > MaxElements {
				return fmt.Errorf("page has more than %d elements", MaxElements)
			}
		}
	}
}
