// Package inputkind guesses what one line of input is: a URL, an email
// address or a host. The CLI's "-kind auto", the HTTP API's "kind": "auto"
// and verifytest.AssertVerdict all guess with it, so that one input is
// checked the same way everywhere.
package inputkind

import "strings"

// A Kind is what Detect guesses.
type Kind int

// The kinds Detect tells apart.
const (
	Host Kind = iota
	URL
	Email
)

// Detect guesses: a URL when s has a scheme ("https:", "javascript:") or a
// path, query or fragment; an email address when it has an '@'; a host
// otherwise.
func Detect(s string) Kind {
	// What a URL parser strips: C0 controls and spaces at either end.
	s = strings.TrimFunc(s, func(r rune) bool { return r <= ' ' })
	switch {
	case HasScheme(s), strings.ContainsAny(s, "/\\?#"):
		return URL
	case strings.Contains(s, "@"):
		return Email
	}
	return Host
}

// HasScheme reports whether s starts with a URL scheme and a colon, as the
// URL Standard's scheme state reads it: C0 controls and spaces in front are
// trimmed and tabs and line breaks skipped, as the parser removes them. A
// '.' ends the search: "ameli.fr:443" is a host and port, not the scheme
// "ameli.fr". It is the one scheme test of the CLI's guess and of
// verify's links.
func HasScheme(s string) bool {
	s = strings.TrimLeft(s, "\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n\v\f\r\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case 'a' <= c|0x20 && c|0x20 <= 'z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-'):
		case c == '\t' || c == '\n' || c == '\r':
		case c == ':':
			return i > 0
		default:
			return false
		}
	}
	return false
}
