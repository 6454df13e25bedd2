package news

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"slices"
	"strings"
)

// trackingParams are query parameters that identify a campaign, click or
// visitor rather than a resource; two URLs differing only in them name the
// same article.
var trackingParams = map[string]bool{
	"fbclid": true, "gclid": true, "dclid": true, "gbraid": true, "wbraid": true,
	"msclkid": true, "mc_cid": true, "mc_eid": true, "igshid": true, "yclid": true,
	"_ga": true, "_gl": true, "ref_src": true, "ref_url": true, "cmpid": true,
	"_hsenc": true, "_hsmi": true, "mkt_tok": true, "oly_anon_id": true,
	"oly_enc_id": true, "vero_id": true, "vero_conv": true, "__twitter_impression": true,
	"wt.mc_id": true, "wt_mc_id": true, "ocid": true, "s_cid": true, "twclid": true,
	"ttclid": true, "li_fat_id": true, "srsltid": true, "_openstat": true,
	"rb_clickid": true, "ito": true, "at_medium": true, "at_campaign": true,
}

// isTracking reports whether the query key is a tracking parameter. Keys are
// compared case-insensitively because campaign tools disagree on case.
func isTracking(key string) bool {
	k := strings.ToLower(key)
	return strings.HasPrefix(k, "utm_") || trackingParams[k]
}

// CanonicalURL returns the canonical form of an absolute http(s) URL, the
// form articles and sources are stored and deduplicated under: scheme and host lower-cased,
// default ports, trailing host dot, fragment and tracking parameters
// (utm_*, fbclid, gclid and the like) removed, and the remaining query
// parameters sorted by key (values of one key keep their order). An empty
// path becomes "/"; otherwise the path is kept exactly, because servers may
// treat case and trailing slashes as significant. Query pairs keep their
// original encoding.
func CanonicalURL(raw string) (string, error) {
	return canonicalURL(raw, false)
}

// canonicalURL is CanonicalURL and, with rfc3986, the normalisation of a
// source's URL (SourceURL): CanonicalURL's form with its path and query
// normalised as RFC 3986 section 6.2.2 does. Articles keep CanonicalURL's
// form without it: they are stored, and pruned URLs kept, under that key,
// and a changed key would fetch again every article of a feed still
// listing it (docs/web.md, dogfood round 8).
func canonicalURL(raw string, rfc3986 bool) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return "", fmt.Errorf("canonical URL %q: %w", raw, err)
	}
	u.Scheme = strings.ToLower(u.Scheme)
	if u.Scheme != "http" && u.Scheme != "https" {
		return "", fmt.Errorf("canonical URL %q: %w", raw, ErrNotHTTP)
	}
	if u.Opaque != "" {
		return "", fmt.Errorf("canonical URL %q: %w", raw, ErrNotHTTP)
	}
	host, port := u.Hostname(), u.Port()
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	if rfc3986 {
		// "example.com.." would lose a dot each time it is normalised:
		// a source's form is normalised again, so it must be a fixed
		// point. (The articles' key keeps CanonicalURL's one dot.)
		host = strings.TrimRight(host, ".")
	}
	if host == "" {
		return "", fmt.Errorf("canonical URL %q: no host", raw)
	}
	// url.Parse takes a host such as "]" or "a]" (only an IPv6 literal's
	// brackets are checked, and Hostname has removed those), but no host
	// may hold a bracket (RFC 3986 section 3.2.2), and the port's join
	// below would trim it: "http://]:00" became "http://:00/", a form
	// with no host that SourceURL then refused, so not a fixed point
	// (FuzzSourceURL), and that CheckURL returned as a source's URL.
	if strings.ContainsAny(host, "[]") {
		return "", fmt.Errorf("canonical URL %q: bracket in host %q", raw, host)
	}
	if (u.Scheme == "http" && port == "80") || (u.Scheme == "https" && port == "443") {
		port = ""
	}
	if strings.Contains(host, ":") { // IPv6 literal
		host = "[" + host + "]"
	}
	if port != "" {
		host = net.JoinHostPort(strings.Trim(host, "[]"), port)
	}
	u.Host = host
	u.Fragment, u.RawFragment = "", ""
	if rfc3986 {
		u.RawQuery = normalizePercent(u.RawQuery)
	}
	u.RawQuery = canonicalQuery(u.RawQuery)
	u.ForceQuery = false
	if rfc3986 {
		p := removeDotSegments(normalizePercent(u.EscapedPath()))
		dec, err := url.PathUnescape(p)
		if err != nil {
			return "", fmt.Errorf("canonical URL %q: %w", raw, err)
		}
		u.Path, u.RawPath = dec, p
	}
	if u.Path == "" && u.RawPath == "" {
		u.Path = "/"
	}
	return u.String(), nil
}

// SourceURL returns the form a source's URL is stored and compared in:
// CanonicalURL's, with the path and query normalised as RFC 3986 section
// 6.2.2 does, so that spellings a server must take for one resource are
// one source: dot segments removed ("/./feed.xml", "/x/../feed.xml" are
// "/feed.xml"), percent-encoded unreserved characters decoded ("%66eed"
// is "feed", "%7E" is "~") and other percent-encodings upper-cased
// ("%2f" is "%2F", which stays encoded: it is not a slash to the server).
// The host is left as CanonicalURL leaves it (lower-cased, an IDN not
// turned into Punycode), but for its trailing dots, all dropped rather
// than one, so that the form is a fixed point.
func SourceURL(raw string) (string, error) {
	return canonicalURL(raw, true)
}

// SourceKey is the key a source is stored and compared under (the
// sources' url_key): its SourceURL form, or the URL as given when it has
// none, as URLKey is for articles.
func SourceKey(raw string) string {
	if c, err := SourceURL(raw); err == nil {
		return c
	}
	return raw
}

// normalizePercent decodes the percent-encoded octets of s that are
// unreserved characters (RFC 3986 section 2.3) and upper-cases the hex
// digits of the others; a "%" not followed by two hex digits is left.
func normalizePercent(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		if s[i] != '%' || i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2]) {
			b.WriteByte(s[i])
			continue
		}
		c := unhex(s[i+1])<<4 | unhex(s[i+2])
		if isUnreserved(c) {
			b.WriteByte(c)
		} else {
			b.WriteByte('%')
			b.WriteString(strings.ToUpper(s[i+1 : i+3]))
		}
		i += 2
	}
	return b.String()
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c <= 'F':
		return c - 'A' + 10
	default:
		return c - 'a' + 10
	}
}

// isUnreserved reports whether c is ALPHA / DIGIT / "-" / "." / "_" / "~".
func isUnreserved(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
		c == '-' || c == '.' || c == '_' || c == '~'
}

// removeDotSegments is RFC 3986 section 5.2.4's algorithm over an
// escaped path: "." and ".." segments go, ".." with the segment before
// it. An encoded slash ("%2F") divides no segments.
func removeDotSegments(p string) string {
	if !strings.Contains(p, ".") {
		return p
	}
	var out []string
	segs := strings.Split(p, "/")
	for i, seg := range segs {
		last := i == len(segs)-1
		switch seg {
		case ".":
			if last {
				out = append(out, "")
			}
		case "..":
			if len(out) > 1 {
				out = out[:len(out)-1]
			}
			if last {
				out = append(out, "")
			}
		default:
			out = append(out, seg)
		}
	}
	return strings.Join(out, "/")
}

// ErrNotHTTP is the error of a URL that is not absolute http(s), for
// errors.Is whether canonicalising or fetching refused it.
var ErrNotHTTP = errors.New("not an absolute http(s) URL")

// URLKey is the key a URL is stored and compared under: its canonical form
// (CanonicalURL), or the URL as given when it has none (not http(s), no
// host), so that every stored URL has a key and two spellings of one
// resource share it. It lives here, in the package that imports nothing of
// ours, because the store keys rows by it (sources' url_key, backfilled by
// a migration) and the fetching, pipeline and web layers canonicalise with
// it: all must agree byte for byte.
func URLKey(raw string) string {
	if c, err := CanonicalURL(raw); err == nil {
		return c
	}
	return raw
}

// canonicalQuery drops empty and tracking pairs from a raw query and sorts
// the rest by decoded key, keeping each pair's original bytes.
func canonicalQuery(raw string) string {
	if raw == "" {
		return ""
	}
	type pair struct{ key, raw string }
	var pairs []pair
	for p := range strings.SplitSeq(raw, "&") {
		if p == "" {
			continue
		}
		k, _, _ := strings.Cut(p, "=")
		if dk, err := url.QueryUnescape(k); err == nil {
			k = dk
		}
		if k == "" || isTracking(k) {
			continue
		}
		pairs = append(pairs, pair{k, p})
	}
	slices.SortStableFunc(pairs, func(a, b pair) int { return strings.Compare(a.key, b.key) })
	out := make([]string, len(pairs))
	for i, p := range pairs {
		out[i] = p.raw
	}
	return strings.Join(out, "&")
}

// MaxURLLen is the longest URL a source may have.
const MaxURLLen = 2048

// CheckURL returns the source form (SourceURL) of raw, an absolute http(s) URL
// without user info; field names it in the errors, which are fit to show
// the client. Every URL that becomes a source's passes it, whether a user
// gave it or a page announced it: GET /api/sources shows them to anyone.
func CheckURL(field, raw string) (string, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return "", fmt.Errorf("%s is required", field)
	}
	if len(raw) > MaxURLLen {
		return "", fmt.Errorf("%s is longer than %d bytes", field, MaxURLLen)
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "", fmt.Errorf("%s is not a valid URL", field)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return "", fmt.Errorf("%s must start with http:// or https://", field)
	}
	if u.Hostname() == "" {
		return "", fmt.Errorf("%s has no host", field)
	}
	if u.User != nil {
		return "", fmt.Errorf("%s must not contain a user name or password", field)
	}
	if strings.ContainsFunc(raw, func(r rune) bool { return r < 0x20 || r == 0x7f || r == ' ' }) {
		return "", fmt.Errorf("%s must not contain spaces or control characters", field)
	}
	// The canonical form is the one `newsdesk sources add` stores and the
	// store keys sources by (SourceKey), so the same feed written another
	// way (HTTP://Example.org:80/./feed#top) is a duplicate, not a second
	// source.
	canon, err := SourceURL(u.String())
	if err != nil {
		return "", fmt.Errorf("%s is not a valid URL", field)
	}
	return canon, nil
}
