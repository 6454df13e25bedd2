package feed

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestDiscover(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, page, url string
		want            []string
	}{
		{"rss and atom", `<html><head>
<link rel="alternate" type="application/rss+xml" title="RSS" href="/feed.xml">
<link rel="alternate" type="application/atom+xml" href="https://cdn.example/atom.xml">
<link rel="stylesheet" href="/s.css">
</head><body></body></html>`, "https://site.example/news/", []string{"https://site.example/feed.xml", "https://cdn.example/atom.xml"}},
		{"json feed, case and params", `<link REL="Alternate" type="Application/Feed+JSON; charset=utf-8" href="feed.json">`, "https://site.example/blog/", []string{"https://site.example/blog/feed.json"}},
		{"base href", `<head><base href="https://other.example/x/"><link rel="alternate" type="application/rss+xml" href="rss"></head>`, "https://site.example/", []string{"https://other.example/x/rss"}},
		{"base after the link", `<head><link rel="alternate" type="application/rss+xml" href="rss"><base href="https://other.example/x/"></head>`, "https://site.example/", []string{"https://other.example/x/rss"}},
		{"first base wins", `<head><base href="https://first.example/a/"><base href="https://second.example/b/"><link rel="alternate" type="application/rss+xml" href="rss"></head>`, "https://site.example/", []string{"https://first.example/a/rss"}},
		{"duplicates and non-http", `<link rel="alternate" type="application/rss+xml" href="/f"><link rel="alternate" type="application/rss+xml" href="/f"><link rel="alternate" type="application/rss+xml" href="javascript:x">`, "https://s.example/", []string{"https://s.example/f"}},
		{"not alternate", `<link rel="alternate stylesheet" type="text/css" href="/a.css"><link rel="canonical" href="/x">`, "https://s.example/", nil},
		{"no base URL, relative", `<link rel="alternate" type="application/rss+xml" href="/f">`, "", nil},
		{"inside script ignored", `<script>document.write('<link rel="alternate" type="application/rss+xml" href="/f">')</script>`, "https://s.example/", nil},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, Discover([]byte(tt.page), tt.url)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
	}
}

func FuzzDiscover(f *testing.F) {
	f.Add([]byte(`<link rel="alternate" type="application/rss+xml" href="/feed">`), "https://s.example/")
	f.Add([]byte(`<base href="//x"><link rel=alternate type=text/xml href=%zz>`), "")
	f.Fuzz(func(t *testing.T, page []byte, pageURL string) {
		for _, u := range Discover(page, pageURL) {
			if !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") {
				t.Fatalf("Discover returned %q", u)
			}
		}
	})
}

// TestPageInstances checks that the instances a page's generator meta
// names are read back, as newsdesk's pages write it, and that nothing
// else on a page is taken for one: the text of the page, another meta,
// a generator past the head.
func TestPageInstances(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, page string
		want       []string
		desk       bool // names desk-a
	}{
		{"newsdesk's page", `<!doctype html><html><head><meta charset="utf-8"><meta name="generator" content="newsdesk urn:newsdesk:instance:desk-a"><title>x</title></head><body><p>Hi</p></body></html>`,
			[]string{"urn:newsdesk:instance:desk-a"}, true},
		{"upper case, self-closing, unquoted", `<HTML><HEAD><META NAME=Generator CONTENT="newsdesk urn:newsdesk:instance:desk-a"/></HEAD></HTML>`,
			[]string{"urn:newsdesk:instance:desk-a"}, true},
		{"another desk", `<head><meta name="generator" content="newsdesk urn:newsdesk:instance:desk-b"></head>`,
			[]string{"urn:newsdesk:instance:desk-b"}, false},
		{"a longer ID", `<head><meta name="generator" content="urn:newsdesk:instance:desk-ab"></head>`,
			[]string{"urn:newsdesk:instance:desk-ab"}, false},
		{"in the text", `<head><title>urn:newsdesk:instance:desk-a</title></head><body><p>urn:newsdesk:instance:desk-a</p></body>`, nil, false},
		{"another meta", `<head><meta name="description" content="urn:newsdesk:instance:desk-a"></head>`, nil, false},
		{"past the body", `<head></head><body><meta name="generator" content="urn:newsdesk:instance:desk-a"></body>`, nil, false},
		{"no ID", `<head><meta name="generator" content="newsdesk urn:newsdesk:instance:"></head>`, nil, false},
		{"WordPress", `<head><meta name="generator" content="WordPress 6.5"></head>`, nil, false},
	}
	for _, tt := range tests {
		got := PageInstances([]byte(tt.page))
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s: PageInstances (-want +got):\n%s", tt.name, diff)
		}
		if d := PageNamesInstance([]byte(tt.page), "desk-a"); d != tt.desk {
			t.Errorf("%s: PageNamesInstance(desk-a) = %v, want %v", tt.name, d, tt.desk)
		}
		if PageNamesInstance([]byte(tt.page), "") {
			t.Errorf("%s: PageNamesInstance(\"\") = true", tt.name)
		}
	}
}
