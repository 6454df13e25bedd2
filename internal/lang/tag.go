package lang

import "strings"

// Primary returns tag's primary language subtag, lower-cased: "en" for
// "en-GB", "EN" and "en_US". Tags come from feeds, HTML lang attributes,
// sources and configuration, which write them every way.
func Primary(tag string) string {
	tag = strings.ToLower(strings.TrimSpace(tag))
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	return tag
}

// Same reports whether tags a and b name the same language, by their
// primary subtags: an "en-US" article is already in an "en" desk's
// language. An unknown language ("") is the same as none.
func Same(a, b string) bool {
	pa := Primary(a)
	return pa != "" && pa == Primary(b)
}
