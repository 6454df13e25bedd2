package demo

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"
)

// The corpus's time window: every article must fall inside it, which keeps
// the demo deterministic and its dates plausible.
var (
	corpusStart = time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	corpusEnd   = time.Date(2026, 3, 12, 0, 0, 0, 0, time.UTC)
)

type corpus struct {
	outlets  []Outlet
	articles []Article
	stories  []Story
}

// loadCorpus reads corpus/outlets.json and every corpus/stories/*.txt.
//
// A story file is a header of "key: value" lines (story, title, topic,
// thread), then one block per article, each opened by a line
// "=== <outlet>/<slug>", followed by its own header lines (title, date in
// RFC 3339, byline, summary, copy-of, figure "quantity=text"), a blank line,
// and the body: paragraphs separated by blank lines. Lines starting with
// "#" in a header are comments.
func loadCorpus(fsys fs.FS) (*corpus, error) {
	raw, err := fs.ReadFile(fsys, "corpus/outlets.json")
	if err != nil {
		return nil, fmt.Errorf("read outlets: %w", err)
	}
	var c corpus
	if err := json.Unmarshal(raw, &c.outlets); err != nil {
		return nil, fmt.Errorf("parse outlets.json: %w", err)
	}
	outlets := make(map[string]Outlet, len(c.outlets))
	for _, o := range c.outlets {
		if err := validOutlet(o); err != nil {
			return nil, err
		}
		if _, dup := outlets[o.Slug]; dup {
			return nil, fmt.Errorf("outlet %q listed twice", o.Slug)
		}
		outlets[o.Slug] = o
	}
	if len(outlets) == 0 {
		return nil, errors.New("no outlets")
	}

	files, err := fs.Glob(fsys, "corpus/stories/*.txt")
	if err != nil {
		return nil, fmt.Errorf("list stories: %w", err)
	}
	if len(files) == 0 {
		return nil, errors.New("no story files")
	}
	storyKeys := map[string]bool{}
	for _, name := range files {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", name, err)
		}
		st, arts, err := parseStory(string(b), outlets)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path.Base(name), err)
		}
		if storyKeys[st.Key] {
			return nil, fmt.Errorf("%s: story %q defined twice", path.Base(name), st.Key)
		}
		storyKeys[st.Key] = true
		c.stories = append(c.stories, st)
		c.articles = append(c.articles, arts...)
	}

	paths := make(map[string]bool, len(c.articles))
	for _, a := range c.articles {
		if paths[a.Path] {
			return nil, fmt.Errorf("article path %q used twice", a.Path)
		}
		paths[a.Path] = true
	}
	byID := make(map[string]string, len(c.articles))
	for _, a := range c.articles {
		byID[a.Outlet+"/"+a.Slug] = a.Path
	}
	for i, a := range c.articles {
		if a.CopyOf == "" {
			continue
		}
		p, ok := byID[a.CopyOf]
		if !ok || p == a.Path {
			return nil, fmt.Errorf("article %s: copy-of %q is not another article of the corpus", a.Path, a.CopyOf)
		}
		c.articles[i].CopyOf = p
	}
	slices.SortStableFunc(c.articles, func(a, b Article) int {
		if d := a.Published.Compare(b.Published); d != 0 {
			return d
		}
		return strings.Compare(a.Path, b.Path)
	})
	slices.SortStableFunc(c.stories, func(a, b Story) int {
		if d := a.Day.Compare(b.Day); d != 0 {
			return d
		}
		return strings.Compare(a.Key, b.Key)
	})
	return &c, nil
}

func validOutlet(o Outlet) error {
	switch {
	case o.Slug == "" || strings.ContainsAny(o.Slug, "/ ?#"):
		return fmt.Errorf("outlet %q: bad slug", o.Slug)
	case o.Name == "" || o.Lang == "" || o.Template == "":
		return fmt.Errorf("outlet %q: name, lang and template are required", o.Slug)
	case o.Format != FormatRSS && o.Format != FormatAtom && o.Format != FormatJSON:
		return fmt.Errorf("outlet %q: unknown feed format %q", o.Slug, o.Format)
	case !strings.Contains(o.PathPattern, "{slug}"):
		return fmt.Errorf("outlet %q: path pattern must contain {slug}", o.Slug)
	}
	return nil
}

// block is one header-plus-body chunk of a story file.
type block struct {
	line   int
	opener string // text after "=== ", empty for the story header
	header map[string][]string
	body   []string // paragraphs
}

func splitBlocks(src string) ([]block, error) {
	var blocks []block
	cur := block{line: 1, header: map[string][]string{}}
	inBody := false
	var para []string
	flush := func() {
		if len(para) > 0 {
			cur.body = append(cur.body, strings.Join(para, " "))
			para = nil
		}
	}
	sc := bufio.NewScanner(strings.NewReader(src))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), " \t\r")
		if rest, ok := strings.CutPrefix(line, "=== "); ok {
			flush()
			blocks = append(blocks, cur)
			cur = block{line: n, opener: strings.TrimSpace(rest), header: map[string][]string{}}
			inBody = false
			continue
		}
		if !inBody {
			switch {
			case line == "":
				if cur.opener != "" {
					inBody = true
				}
			case strings.HasPrefix(line, "#"):
			default:
				k, v, ok := strings.Cut(line, ":")
				if !ok {
					return nil, fmt.Errorf("line %d: header line without a colon: %q", n, line)
				}
				k = strings.ToLower(strings.TrimSpace(k))
				cur.header[k] = append(cur.header[k], strings.TrimSpace(v))
			}
			continue
		}
		if line == "" {
			flush()
			continue
		}
		para = append(para, strings.TrimSpace(line))
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	flush()
	return append(blocks, cur), nil
}

func one(h map[string][]string, k string) string {
	if v := h[k]; len(v) > 0 {
		return v[0]
	}
	return ""
}

func parseStory(src string, outlets map[string]Outlet) (Story, []Article, error) {
	blocks, err := splitBlocks(src)
	if err != nil {
		return Story{}, nil, err
	}
	h := blocks[0].header
	st := Story{Key: one(h, "story"), Title: one(h, "title"), Topic: one(h, "topic"), Thread: one(h, "thread")}
	if st.Key == "" || st.Title == "" || st.Topic == "" {
		return Story{}, nil, errors.New("story header needs story, title and topic")
	}
	if len(blocks) < 2 {
		return Story{}, nil, fmt.Errorf("story %q has no articles", st.Key)
	}
	var arts []Article
	for _, b := range blocks[1:] {
		a, err := parseArticle(b, st, outlets)
		if err != nil {
			return Story{}, nil, fmt.Errorf("line %d: %w", b.line, err)
		}
		day := time.Date(a.Published.Year(), a.Published.Month(), a.Published.Day(), 0, 0, 0, 0, time.UTC)
		if st.Day.IsZero() || day.Before(st.Day) {
			st.Day = day
		}
		if !slices.Contains(st.Outlets, a.Outlet) {
			st.Outlets = append(st.Outlets, a.Outlet)
		}
		arts = append(arts, a)
	}
	return st, arts, nil
}

func parseArticle(b block, st Story, outlets map[string]Outlet) (Article, error) {
	outletSlug, slug, ok := strings.Cut(b.opener, "/")
	if !ok || slug == "" || strings.ContainsAny(slug, "/ ?#") {
		return Article{}, fmt.Errorf("article opener %q: want outlet/slug", b.opener)
	}
	o, ok := outlets[outletSlug]
	if !ok {
		return Article{}, fmt.Errorf("article %q: unknown outlet %q", b.opener, outletSlug)
	}
	h := b.header
	a := Article{
		Outlet:     o.Slug,
		OutletName: o.Name,
		Story:      st.Key,
		Thread:     st.Thread,
		Topic:      st.Topic,
		Lang:       o.Lang,
		Slug:       slug,
		Title:      one(h, "title"),
		Byline:     one(h, "byline"),
		Summary:    one(h, "summary"),
		Body:       strings.Join(b.body, "\n\n"),
	}
	if a.Title == "" || a.Summary == "" || a.Body == "" {
		return Article{}, fmt.Errorf("article %q: title, summary and body are required", b.opener)
	}
	t, err := time.Parse(time.RFC3339, one(h, "date"))
	if err != nil {
		return Article{}, fmt.Errorf("article %q: date: %w", b.opener, err)
	}
	if t.Before(corpusStart) || !t.Before(corpusEnd) {
		return Article{}, fmt.Errorf("article %q: date %s outside the corpus window", b.opener, t)
	}
	a.Published = t.UTC()
	p := strings.NewReplacer(
		"{yyyy}", a.Published.Format("2006"),
		"{mm}", a.Published.Format("01"),
		"{dd}", a.Published.Format("02"),
		"{slug}", slug,
	).Replace(o.PathPattern)
	a.Path = "/outlets/" + o.Slug + "/" + strings.TrimPrefix(p, "/")
	if c := one(h, "copy-of"); c != "" {
		co, cs, ok := strings.Cut(c, "/")
		if !ok {
			return Article{}, fmt.Errorf("article %q: copy-of %q: want outlet/slug", b.opener, c)
		}
		a.CopyOf = co + "/" + cs // resolved to a path below, once all outlets' patterns are known
	}
	for _, f := range h["figure"] {
		q, txt, ok := strings.Cut(f, "=")
		q, txt = strings.TrimSpace(q), strings.TrimSpace(txt)
		if !ok || q == "" || txt == "" {
			return Article{}, fmt.Errorf("article %q: figure %q: want quantity=text", b.opener, f)
		}
		if !strings.Contains(a.Body, txt) {
			return Article{}, fmt.Errorf("article %q: figure %q not in the body", b.opener, txt)
		}
		a.Figures = append(a.Figures, Figure{Quantity: q, Text: txt})
	}
	a.Comments = commentsFor(a.Path, o.Lang)
	return a, nil
}

// pick chooses n distinct entries of pool, deterministically from key.
func pick(key string, pool []string, n int) []string {
	h := fnv.New64a()
	h.Write([]byte(key))
	start := int(h.Sum64() % uint64(len(pool)))
	out := make([]string, 0, n)
	for i := 0; i < n && i < len(pool); i++ {
		out = append(out, pool[(start+i*3)%len(pool)])
	}
	return out
}
