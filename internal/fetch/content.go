package fetch

import (
	"bytes"
	"mime"
	"net/http"
	"strings"
)

// Expect names the kinds of content a request accepts. The zero value
// accepts anything.
type Expect int

// Expectations; combine with |.
const (
	ExpectAny  Expect = 0
	ExpectHTML Expect = 1 << iota
	ExpectFeed
)

// mediaType returns the lower-cased media type of a Content-Type header
// without parameters.
func mediaType(contentType string) string {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		mt, _, _ = strings.Cut(contentType, ";")
	}
	return strings.ToLower(strings.TrimSpace(mt))
}

// ambiguous types say nothing reliable about the body; servers send them
// for everything, so the body is sniffed instead.
func ambiguous(mt string) bool {
	switch mt {
	case "", "text/plain", "application/octet-stream", "binary/octet-stream", "application/unknown":
		return true
	}
	return false
}

// MediaType is the response's media type without parameters, lower-cased.
func (r *Response) MediaType() string { return mediaType(r.ContentType) }

// IsHTML reports whether the response is an HTML page, by its declared type
// or, when the server declared nothing useful, by sniffing the body.
func (r *Response) IsHTML() bool {
	switch mt := r.MediaType(); {
	case mt == "text/html" || mt == "application/xhtml+xml":
		return true
	case ambiguous(mt):
		return strings.HasPrefix(http.DetectContentType(r.Body), "text/html")
	}
	return false
}

// IsFeed reports whether the response is an RSS, Atom or JSON feed: by a
// feed media type, or by sniffing the body of any other textual response,
// since servers label feeds text/xml, application/json, text/plain and even
// text/html.
func (r *Response) IsFeed() bool {
	mt := r.MediaType()
	switch mt {
	case "application/rss+xml", "application/atom+xml", "application/rdf+xml",
		"application/feed+json", "application/x-rss+xml", "application/x-atom+xml":
		return true
	}
	if !ambiguous(mt) && !textual(mt) {
		return false
	}
	return SniffFeed(r.Body)
}

// textual reports whether a media type can carry a feed's text.
func textual(mt string) bool {
	return strings.HasPrefix(mt, "text/") || strings.HasSuffix(mt, "xml") || strings.HasSuffix(mt, "json")
}

// SniffFeed reports whether data looks like a feed document: its first
// element (after any BOM, XML declaration, comments, processing
// instructions and doctype) is rss, feed or rdf:RDF, or it is a JSON object
// that names a jsonfeed.org version within its first 2 KiB.
func SniffFeed(data []byte) bool {
	head := data[:min(len(data), 2048)]
	head = bytes.TrimPrefix(head, []byte("\ufeff"))
	head = bytes.TrimLeft(head, " \t\r\n")
	if len(head) == 0 {
		return false
	}
	if head[0] == '{' {
		return bytes.Contains(head, []byte("jsonfeed.org/version"))
	}
	for len(head) > 0 {
		head = bytes.TrimLeft(head, " \t\r\n")
		var end []byte
		switch {
		case bytes.HasPrefix(head, []byte("<?")):
			end = []byte("?>")
		case bytes.HasPrefix(head, []byte("<!--")):
			end = []byte("-->")
		case bytes.HasPrefix(head, []byte("<!")):
			i := declEnd(head)
			if i < 0 {
				return false
			}
			head = head[i:]
			continue
		case bytes.HasPrefix(head, []byte("<")):
			return feedRoot(head[1:])
		default:
			return false
		}
		i := bytes.Index(head, end)
		if i < 0 {
			return false
		}
		head = head[i+len(end):]
	}
	return false
}

// declEnd returns the length of the declaration that head starts with
// ("<!DOCTYPE ...>"), or -1 if it does not end within head. A doctype's
// internal subset ("[<!ENTITY nbsp "&#160;">]") holds ">" of its own, as
// may its quoted strings, comments and processing instructions, so the
// declaration ends at the first ">" outside all four: feeds that declare HTML entities so were
// refused as "unexpected content type" when served as XML.
func declEnd(head []byte) int {
	depth := 0
	var quote byte
	for i := 2; i < len(head); i++ {
		c := head[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case bytes.HasPrefix(head[i:], []byte("<!--")), bytes.HasPrefix(head[i:], []byte("<?")):
			// A comment or a processing instruction: its text may hold
			// an apostrophe, which is no quote.
			open, end := []byte("<!--"), []byte("-->")
			if head[i+1] == '?' {
				open, end = []byte("<?"), []byte("?>")
			}
			j := bytes.Index(head[i+len(open):], end)
			if j < 0 {
				return -1
			}
			i += len(open) + j + len(end) - 1
		case c == '[':
			depth++
		case c == ']' && depth > 0:
			depth--
		case c == '>' && depth == 0:
			return i + 1
		}
	}
	return -1
}

// feedRoot reports whether an element name (the bytes after "<") is a
// feed's root element.
func feedRoot(b []byte) bool {
	lower := bytes.ToLower(b[:min(len(b), 9)])
	for _, root := range []string{"rss", "feed", "rdf:rdf"} {
		if bytes.HasPrefix(lower, []byte(root)) {
			if len(lower) == len(root) {
				return true
			}
			switch lower[len(root)] {
			case ' ', '>', '\t', '\r', '\n', '/':
				return true
			}
		}
	}
	return false
}

// refuses reports whether a response of media type mt fails the
// expectation whatever its body says: the body decides only for an
// ambiguous type (IsHTML and IsFeed sniff it) or, when a feed is
// expected, a textual one (IsFeed sniffs it).
func (e Expect) refuses(mt string) bool {
	if e == ExpectAny || ambiguous(mt) || (e&ExpectFeed != 0 && textual(mt)) {
		return false
	}
	return !e.matches(&Response{ContentType: mt})
}

// matches reports whether the response fits the expectation.
func (e Expect) matches(r *Response) bool {
	if e == ExpectAny {
		return true
	}
	return (e&ExpectHTML != 0 && r.IsHTML()) || (e&ExpectFeed != 0 && r.IsFeed())
}
