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
	s = TrimLeftC0OrSpace(s)
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

// TrimLeftC0OrSpace returns s without the C0 controls and spaces it starts
// with, which the URL Standard trims from its input. They are the bytes up
// to 0x20: a loop, not strings.TrimLeft, which builds a set from its
// cutset on every call, the largest cost of a URL check.
func TrimLeftC0OrSpace(s string) string {
	for s != "" && s[0] <= ' ' {
		s = s[1:]
	}
	return s
}
