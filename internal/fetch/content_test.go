package fetch

import "testing"

func TestContentKinds(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, ct, body string
		html, feed     bool
	}{
		{"html", "text/html; charset=utf-8", "<p>x", true, false},
		{"xhtml", "application/xhtml+xml", "<html/>", true, false},
		{"html undeclared", "", "<!DOCTYPE html><html><head>", true, false},
		{"html as octet-stream", "application/octet-stream", "<html><body>", true, false},
		{"rss type", "application/rss+xml", "", false, true},
		{"atom type", "application/atom+xml; charset=utf-8", "", false, true},
		{"json feed type", "application/feed+json", "{}", false, true},
		{"rss as text/xml", "text/xml", "<?xml version=\"1.0\"?>\n<rss version=\"2.0\">", false, true},
		{"atom as xml with BOM", "application/xml", "\ufeff<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">", false, true},
		{"rdf as text/plain", "text/plain", "<?xml version=\"1.0\"?><rdf:RDF xmlns:rdf=\"x\">", false, true},
		{"json feed as json", "application/json", `{"version": "https://jsonfeed.org/version/1.1", "title": "x"}`, false, true},
		{"plain json", "application/json", `{"a": 1}`, false, false},
		{"sitemap xml", "application/xml", "<?xml version=\"1.0\"?><urlset>", false, false},
		{"feedback element is not a feed", "text/xml", "<feedback>", false, false},
		{"image", "image/png", "\x89PNG", false, false},
		{"rss served as html", "text/html", "<?xml version=\"1.0\"?>\n<rss version=\"2.0\">", true, true},
		{"html page with a feed link", "text/html", "<!DOCTYPE html><html><head><link rel=\"alternate\" type=\"application/rss+xml\" href=\"/rss\">", true, false},
		{"comment and stylesheet before rss", "text/xml", "<?xml version=\"1.0\"?><!-- generator --><?xml-stylesheet href=\"x.xsl\"?>\n<rss>", false, true},
		{"rss 0.91 with its public doctype", "text/xml", "<?xml version=\"1.0\"?>\n<!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS 0.91//EN\" \"http://my.netscape.com/publish/formats/rss-0.91.dtd\">\n<rss version=\"0.91\">", false, true},
		{"rss with a doctype declaring entities", "application/xml", "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n  <!ENTITY nbsp \"&#160;\">\n  <!ENTITY arrow \"->\">\n]>\n<rss version=\"2.0\">", false, true},
		{"atom with a doctype holding a comment", "text/xml", "<!DOCTYPE feed [<!-- ]> --><!ENTITY copy \"&#169;\">]><feed xmlns=\"http://www.w3.org/2005/Atom\">", false, true},
		{"atom with a doctype holding a processing instruction", "text/xml", "<!DOCTYPE feed [<?generator it's ours?><!ENTITY copy \"&#169;\">]><feed xmlns=\"http://www.w3.org/2005/Atom\">", false, true},
		{"sitemap with a doctype declaring entities", "application/xml", "<!DOCTYPE urlset [<!ENTITY a \"<rss>\">]><urlset>", false, false},
		{"rss mentioned in html text", "", "<p>Use <rss> for feeds</p>", true, false},
		{"empty", "", "", false, false},
	}
	for _, tt := range tests {
		r := &Response{ContentType: tt.ct, Body: []byte(tt.body)}
		if got := r.IsHTML(); got != tt.html {
			t.Errorf("%s: IsHTML = %v", tt.name, got)
		}
		if got := r.IsFeed(); got != tt.feed {
			t.Errorf("%s: IsFeed = %v", tt.name, got)
		}
	}
}

func FuzzSniffFeed(f *testing.F) {
	for _, s := range []string{"<rss version=\"2.0\">", "\ufeff<feed>", "{\"version\":\"https://jsonfeed.org/version/1\"}", "", "<"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		_ = SniffFeed(data)
		r := &Response{Body: data}
		if r.IsHTML() && r.IsFeed() && len(data) > 0 && data[0] == '{' {
			t.Fatalf("JSON body is both HTML and a feed: %q", data)
		}
	})
}
