package sqlite

import "strings"

// escapeURIPath percent-encodes a file path for a SQLite file: URI, which
// SQLite decodes. Unescaped, a '?' or '#' in the path would end it there
// (newsdesk would open another file, "a" for "a?b.db", or fail), a '%'
// would be read as an escape, and the driver cuts its own parameters at
// the first '?'. Only unreserved bytes and '/' stay as they are. An
// absolute path gets an empty authority ("file:///..."): after "file:", a
// path opening with "//", which POSIX reads as "/", would name a host.
func escapeURIPath(path string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	if strings.HasPrefix(path, "/") {
		b.WriteString("//")
	}
	for i := 0; i < len(path); i++ {
		c := path[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			c == '-', c == '.', c == '_', c == '~', c == '/':
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
	return b.String()
}
