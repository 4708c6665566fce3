package whatwg

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/idna"
	"golang.org/x/text/unicode/norm"
)

// uts46 is UTS #46 ToASCII with the flags the URL Standard's "domain to
// ASCII" sets when beStrict is false: CheckHyphens false, CheckBidi true,
// CheckJoiners true, UseSTD3ASCIIRules false, Transitional_Processing false,
// VerifyDnsLength false. MapForLookup turns STD3 rules on, so
// StrictDomainName(false) must come after it.
var uts46 = idna.New(
	idna.MapForLookup(),
	idna.StrictDomainName(false),
	idna.BidiRule(),
	idna.CheckJoiners(true),
	idna.CheckHyphens(false),
	idna.Transitional(false),
	idna.VerifyDNSLength(false),
)

// domainToASCII is the URL Standard's "domain to ASCII" with beStrict false,
// before its forbidden-code-point and empty checks, which the caller makes.
func domainToASCII(domain string) (string, error) {
	if isASCII(domain) && !HasACELabel(domain) {
		// The standard's own shortcut: an ASCII domain without
		// Punycode labels is only lowercased.
		return lowerASCII(domain), nil
	}
	if strings.ContainsRune(domain, 'ẞ') {
		// U+1E9E maps to "ss" in x/net's Unicode 15.0 tables and in
		// browsers on them, to ß since UTS #46 16.0: two browsers may
		// open two domains ("interimaireẞante.fr" is the official
		// interimairessante.fr or xn--interimaireante-0ib.fr). Neither
		// reading can be trusted, so the host is refused.
		return "", ErrIDNA
	}
	mapped := uts46Map(domain)
	out, err := uts46.ToASCII(mapped)
	if err != nil {
		return "", ErrIDNA
	}
	res, err := keepACELabels(mapped, out)
	if err != nil {
		return "", err
	}
	// golang.org/x/net/idna encodes a label it cannot decode again (the
	// Punycode of a label of some 2,000 letters): a host this parser
	// would not read back as itself is refused, as no DNS name can hold
	// such a label anyway.
	if _, err := uts46.ToASCII(res); err != nil {
		return "", ErrIDNA
	}
	return res, nil
}

// keepACELabels puts back the labels of the mapped domain that start with
// "xn--". golang.org/x/net/idna decodes such a label, validates the result,
// and re-encodes it only if it holds non-ASCII, so "xn--ameli-" comes out as
// "ameli". Browsers (ICU) keep the label as written, and so must we: the
// host they connect to is "xn--ameli-", a different DNS name.
func keepACELabels(mapped, out string) (string, error) {
	if !strings.Contains(mapped, "xn--") {
		return out, nil
	}
	in := strings.Split(mapped, ".")
	res := strings.Split(out, ".")
	if len(in) != len(res) {
		return "", ErrInternalLabels
	}
	for i, l := range in {
		if !strings.HasPrefix(l, "xn--") {
			continue
		}
		if !isASCII(l) || l == "xn--" {
			// UTS #46 (since 15.1): a Punycode label must be ASCII
			// and must not decode to the empty label.
			return "", ErrIDNA
		}
		res[i] = l
	}
	return strings.Join(res, "."), nil
}

// uts46Map is the mapping and normalisation steps of UTS #46 processing
// (section 4, steps 1 and 2), done code point by code point with x/net's
// tables so that the result still shows which labels start with "xn--".
// Disallowed code points are kept: the ToASCII that follows rejects them.
func uts46Map(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			b.WriteByte(byte(r))
			continue
		}
		m, _ := mapOne.ToUnicode(string(r))
		b.WriteString(m)
	}
	return norm.NFC.String(b.String())
}

// mapOne applies the UTS #46 mapping to a single code point. The errors it
// reports (a combining mark cannot start a label, say) concern that code
// point on its own and are ignored; the whole domain is validated after.
var mapOne = idna.New(
	idna.MapForLookup(),
	idna.StrictDomainName(false),
	idna.CheckHyphens(false),
	idna.Transitional(false),
	idna.VerifyDNSLength(false),
)

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// HasACELabel reports whether a label of s starts with "xn--", in any case:
// whether s holds Punycode.
func HasACELabel(s string) bool {
	// Most names hold no "--" at all: the library's search for it is
	// faster than reading every byte here. Four bytes that match start
	// inside one label: '.' is none of them.
	for from := 0; ; {
		j := strings.Index(s[from:], "--")
		if j < 0 {
			return false
		}
		i := from + j - 2 // where "xn" would start
		if i >= 0 && (i == 0 || s[i-1] == '.') && s[i]|0x20 == 'x' && s[i+1]|0x20 == 'n' {
			return true
		}
		from += j + 1
	}
}

// lowerASCII lowercases s, returning s itself when it has no capitals.
func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			return strings.ToLower(s)
		}
	}
	return s
}

// IgnoredByIDNA reports whether UTS #46 maps r to nothing, so that a browser
// drops it from a host: the soft hyphen, the zero-width space, variation
// selectors. Other invisible characters (bidirectional marks, joiners) are
// not ignored and make a host invalid.
func IgnoredByIDNA(r rune) bool {
	if r < utf8.RuneSelf {
		return false
	}
	m, _ := mapOne.ToUnicode(string(r))
	return m == ""
}

// dropIgnored removes from s the code points UTS #46 maps to nothing, as
// its mapping step would, so that a host padded with them is bounded by
// what remains. It stops, reporting false, once what remains is longer
// than limit: at most limit other code points and the few hundred ignored
// ones are ever looked up, each once.
func dropIgnored(s string, limit int) (string, bool) {
	ignored := map[rune]bool{}
	var b strings.Builder
	for _, r := range s {
		if r >= utf8.RuneSelf {
			ig, seen := ignored[r]
			if !seen {
				ig = IgnoredByIDNA(r)
				ignored[r] = ig
			}
			if ig {
				continue
			}
		}
		if b.WriteRune(r); b.Len() > limit {
			return "", false
		}
	}
	return b.String(), true
}

// MapsToLabel reports whether UTS #46 maps r to ASCII letters and digits,
// which a browser then keeps in a host: a roman numeral ("ⅰ" gives "i"), a
// circled or superscript digit ("①", "¹"), a letterlike symbol ("™").
func MapsToLabel(r rune) bool {
	if r < utf8.RuneSelf {
		return false
	}
	m, err := mapOne.ToUnicode(string(r))
	if err != nil || m == "" {
		return false
	}
	for i := 0; i < len(m); i++ {
		if c := m[i]; !('a' <= c && c <= 'z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}
