package demo

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
)

// baseFS copies the embedded templates and outlets, so a test can swap in
// its own stories.
func baseFS(t testing.TB) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(embedded, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(p, "corpus/stories/") {
			return err
		}
		b, err := fs.ReadFile(embedded, p)
		m[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

const goodStory = `story: test-story
title: A test story
topic: science

=== harbor-courier/a-test
title: A test article
date: 2026-03-03T10:00:00Z
byline: Test Writer
summary: A summary.
figure: count=42

First paragraph with 42 things.

Second paragraph.

=== meridian-wire/a-copy
title: A test article
date: 2026-03-03T11:00:00Z
summary: A summary.
copy-of: harbor-courier/a-test

First paragraph with 42 things.
`

func TestNewWireFS(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		edit    func(m fstest.MapFS)
		wantErr string // "" for success
	}{
		{"good", func(fstest.MapFS) {}, ""},
		{"no stories", func(m fstest.MapFS) { delete(m, "corpus/stories/s.txt") }, "no story files"},
		{"unknown outlet", replace("harbor-courier/a-test", "nowhere/a-test"), "unknown outlet"},
		{"bad date", replace("2026-03-03T10:00:00Z", "3 March"), "date"},
		{"date outside window", replace("2026-03-03T10:00:00Z", "2025-03-03T10:00:00Z"), "outside the corpus window"},
		{"figure not in body", replace("count=42", "count=43"), "not in the body"},
		{"dangling copy", replace("copy-of: harbor-courier/a-test", "copy-of: harbor-courier/missing"), "copy-of"},
		{"duplicate path", replace("meridian-wire/a-copy", "harbor-courier/a-test"), "used twice"},
		{"missing title", replace("title: A test article\ndate: 2026-03-03T10", "date: 2026-03-03T10"), "required"},
		{"no story key", replace("story: test-story\n", ""), "story header"},
		{"header without colon", replace("byline: Test Writer", "byline Test Writer"), "without a colon"},
		{"bad outlets", func(m fstest.MapFS) { m["corpus/outlets.json"] = &fstest.MapFile{Data: []byte("[{")} }, "outlets.json"},
		{"bad format", func(m fstest.MapFS) {
			m["corpus/outlets.json"] = &fstest.MapFile{Data: []byte(`[{"slug":"x","name":"X","lang":"en","format":"rdf","template":"courier","path_pattern":"{slug}"}]`)}
		}, "unknown feed format"},
		{"missing template", func(m fstest.MapFS) { delete(m, "templates/wire.html") }, "wire.html missing"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			m := baseFS(t)
			m["corpus/stories/s.txt"] = &fstest.MapFile{Data: []byte(goodStory)}
			tc.edit(m)
			w, err := NewWireFS(nil, m)
			if tc.wantErr == "" {
				if err != nil {
					t.Fatalf("NewWireFS: %v", err)
				}
				arts := w.Articles()
				if len(arts) != 2 || arts[1].CopyOf != arts[0].Path || arts[0].Figures[0].Text != "42" {
					t.Errorf("articles = %+v", arts)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("NewWireFS error = %v, want one containing %q", err, tc.wantErr)
			}
		})
	}
}

func replace(old, new string) func(fstest.MapFS) {
	return func(m fstest.MapFS) {
		f := m["corpus/stories/s.txt"]
		f.Data = []byte(strings.Replace(string(f.Data), old, new, 1))
	}
}

// FuzzParseStory checks that the story parser never panics and that what
// it accepts is well-formed.
func FuzzParseStory(f *testing.F) {
	f.Add(goodStory)
	f.Add("story: x\ntitle: y\ntopic: z\n")
	f.Add("=== a/b\n\n")
	f.Add("story: x\ntitle: y\ntopic: z\n\n=== harbor-courier/s\ntitle: t\ndate: 2026-03-05T00:00:00Z\nsummary: s\nfigure: a=\n\nbody\n")
	outlets := map[string]Outlet{
		"harbor-courier": {Slug: "harbor-courier", Name: "H", Lang: "en", Format: FormatRSS, Template: "courier", PathPattern: "{yyyy}/{slug}"},
	}
	f.Fuzz(func(t *testing.T, src string) {
		st, arts, err := parseStory(src, outlets)
		if err != nil {
			return
		}
		if st.Key == "" || len(arts) == 0 {
			t.Fatalf("accepted story without key or articles: %+v", st)
		}
		for _, a := range arts {
			if a.Body == "" || a.Title == "" || !strings.HasPrefix(a.Path, "/outlets/harbor-courier/") {
				t.Fatalf("accepted bad article %+v", a)
			}
		}
	})
}
