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
	if host == "" {
		return "", fmt.Errorf("canonical URL %q: no host", raw)
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
	u.RawQuery = canonicalQuery(u.RawQuery)
	u.ForceQuery = false
	if u.Path == "" && u.RawPath == "" {
		u.Path = "/"
	}
	return u.String(), nil
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

// CheckURL returns the canonical form of raw, an absolute http(s) URL
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
	// store keys sources by, so the same feed written another way
	// (HTTP://Example.org:80/feed#top) is a duplicate, not a second source.
	canon, err := CanonicalURL(u.String())
	if err != nil {
		return "", fmt.Errorf("%s is not a valid URL", field)
	}
	return canon, nil
}
