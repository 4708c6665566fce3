// Package whatwg reads URLs and hosts exactly as the WHATWG URL Standard
// (https://url.spec.whatwg.org/) says a browser does, so that the host vigie
// judges is the host a browser would connect to.
//
// A link of the common shape is read in one pass by this package (fast.go).
// For any other, URL structure (scheme, userinfo, the split of the
// authority, backslashes, tabs and newlines, "https:host" without slashes)
// comes from github.com/nlnwa/whatwg-url, which passes the
// web-platform-tests URL suite, and is the reference the one-pass reader is
// tested against.
// The host itself is read again here by the standard's host parser, written
// out in full, because that is where a differential is dangerous and where
// the library on its own is wrong: through golang.org/x/net/idna it decodes
// a label such as "xn--ameli-" to plain "ameli", so "xn--ameli-.fr" would
// read as "ameli.fr" while browsers go to "xn--ameli-.fr".
package whatwg

import (
	"errors"
	"strings"
	"unicode/utf8"
)

// Kind says what sort of host a parse produced.
type Kind uint8

// The kinds of host.
const (
	Domain Kind = iota + 1
	IPv4
	IPv6
	// Opaque is the host of a non-special URL ("foo://host"), which is not
	// resolved by browsers' usual rules.
	Opaque
)

// Errors returned, wrapped in *Error, by the host parser.
var (
	ErrEmptyHost      = errors.New("empty host")
	ErrInvalidUTF8    = errors.New("host is not valid UTF-8 once percent-decoded")
	ErrForbidden      = errors.New("host contains a forbidden code point")
	ErrIDNA           = errors.New("host fails UTS #46 domain-to-ASCII")
	ErrIPv4           = errors.New("host ends in a number but is not a valid IPv4 address")
	ErrIPv6           = errors.New("invalid IPv6 address")
	ErrTooLong        = errors.New("input too long")
	ErrInvalidURL     = errors.New("not a valid URL")
	ErrNotUTF8        = errors.New("input is not valid UTF-8")
	ErrInternalLabels = errors.New("label count changed during domain-to-ASCII")
)

// An Error records a failed parse and the input that caused it, as
// *net/url.Error does.
type Error struct {
	Op    string // "parse host" or "parse URL"
	Input string
	Err   error
}

func (e *Error) Error() string {
	in := e.Input
	if len(in) > 200 {
		in = in[:200] + "…"
	}
	return e.Op + " " + quote(in) + ": " + e.Err.Error()
}

func (e *Error) Unwrap() error { return e.Err }

func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f || r == utf8.RuneError:
			b.WriteString(`\x`)
			b.WriteByte("0123456789abcdef"[byte(r)>>4])
			b.WriteByte("0123456789abcdef"[byte(r)&15])
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// MaxHostLength bounds the input of [ParseHost] once percent-decoded and
// rid of the code points UTS #46 maps to nothing (soft hyphen, zero-width
// space, variation selectors), which browsers drop however many there are.
// What remains maps to at least one character per code point, so a host
// longer than this cannot be resolved by DNS (253 bytes) even after the
// heaviest mapping, and the cap only bounds work. The input itself is
// bounded by [MaxURLLength], Chromium's limit on a whole URL.
const MaxHostLength = 4096

// ParseHost runs the standard's host parser for a special scheme (http,
// https, ws, wss, ftp) on input, the text between "//" (and any userinfo)
// and the port. It returns the host in the ASCII form a browser serialises:
// lowercase A-labels, dotted-decimal IPv4, bracketed compressed IPv6.
//
// A host that is already in that form is returned as is, without
// allocating.
func ParseHost(input string) (string, Kind, error) {
	h, k, err := parseHost(input)
	if err != nil {
		return "", 0, &Error{Op: "parse host", Input: input, Err: err}
	}
	return h, k, nil
}

func parseHost(input string) (string, Kind, error) {
	if input == "" {
		return "", 0, ErrEmptyHost
	}
	if len(input) > MaxURLLength {
		return "", 0, ErrTooLong
	}
	if input[0] == '[' {
		if input[len(input)-1] != ']' {
			return "", 0, ErrIPv6
		}
		h, err := parseIPv6(input[1 : len(input)-1])
		return h, IPv6, err
	}
	if plainDomain(input) {
		// What the steps below make of a host in canonical form: no
		// percent-decoding, no mapping, no Punycode, nothing
		// forbidden; only the IPv4 question is left.
		if endsInANumber(input) {
			h, err := parseIPv4(input)
			return h, IPv4, err
		}
		return input, Domain, nil
	}
	return parseHostSteps(input)
}

// parseHostSteps is the host parser's steps for a domain, every one of
// them.
func parseHostSteps(input string) (string, Kind, error) {
	domain := PercentDecode(input)
	if !utf8.ValidString(domain) {
		// UTF-8 decoding would put U+FFFD in the domain, which UTS #46
		// disallows.
		return "", 0, ErrInvalidUTF8
	}
	if len(domain) > MaxHostLength {
		var ok bool
		if domain, ok = dropIgnored(domain, MaxHostLength); !ok {
			return "", 0, ErrTooLong
		}
	}
	ascii, err := domainToASCII(domain)
	if err != nil {
		return "", 0, err
	}
	if ascii == "" {
		return "", 0, ErrEmptyHost
	}
	for i := 0; i < len(ascii); i++ {
		if forbiddenDomain(ascii[i]) {
			return "", 0, ErrForbidden
		}
	}
	if endsInANumber(ascii) {
		h, err := parseIPv4(ascii)
		return h, IPv4, err
	}
	return ascii, Domain, nil
}

// plainDomain reports whether input is a domain already in the form the
// host parser outputs: lowercase ASCII letters, digits, '-', '_' and '.',
// no label starting "xn--", within MaxHostLength. The parser returns such a
// host unchanged unless it ends in a number.
func plainDomain(input string) bool {
	if len(input) > MaxHostLength {
		return false
	}
	for i := 0; i < len(input); i++ {
		if !plainDomainByte[input[i]] {
			return false
		}
		if input[i] == 'x' && (i == 0 || input[i-1] == '.') && strings.HasPrefix(input[i:], "xn--") {
			return false
		}
	}
	return true
}

var plainDomainByte = func() (t [256]bool) {
	for _, c := range []byte("abcdefghijklmnopqrstuvwxyz0123456789-_.") {
		t[c] = !forbiddenDomain(c)
	}
	return t
}()

// forbiddenDomain reports the standard's forbidden domain code points, all
// ASCII: the forbidden host code points, C0 controls, '%' and DEL.
func forbiddenDomain(c byte) bool { return forbiddenDomainTable[c] }

var forbiddenDomainTable = func() (t [256]bool) {
	for c := 0; c <= 0x20; c++ {
		t[c] = true
	}
	t[0x7f] = true
	for _, c := range []byte("#%/:<>?@[\\]^|") {
		t[c] = true
	}
	return t
}()

// PercentDecode decodes %XX sequences as the URL Standard does: a '%' not
// followed by two hex digits stays as it is. It returns s itself when there
// is nothing to decode.
func PercentDecode(s string) string {
	i := strings.IndexByte(s, '%')
	if i < 0 {
		return s
	}
	b := make([]byte, 0, len(s))
	b = append(b, s[:i]...)
	for ; i < len(s); i++ {
		c := s[i]
		if c == '%' && i+2 < len(s) && IsHex(s[i+1]) && IsHex(s[i+2]) {
			b = append(b, Unhex(s[i+1])<<4|Unhex(s[i+2]))
			i += 2
			continue
		}
		b = append(b, c)
	}
	return string(b)
}

// IsHex reports an ASCII hexadecimal digit.
func IsHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// Unhex is the value of the hexadecimal digit c.
func Unhex(c byte) byte {
	switch {
	case '0' <= c && c <= '9':
		return c - '0'
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10
	default:
		return c - 'A' + 10
	}
}
