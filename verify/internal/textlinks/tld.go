package textlinks

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/idna"
	"golang.org/x/net/publicsuffix"
)

// What a reader takes for a host: the labels that end at a top-level
// domain.

// readerCut returns how much of a host a reader takes as the host: the
// whole host when its last label is a top-level domain; else the longest
// part of at least two labels that ends with one, at the end of a label
// or before a hyphen, followed by one word or what reads as words
// (startsWord) ("ameli-remboursement.com" in
// "ameli-remboursement.com.Merci" or "ameli-remboursement.com-Merci"). n
// is its length in bytes in the labels joined by dots.
func readerCut(labels []string) (n int, whole, ok bool) {
	last := len(labels) - 1
	if last < 1 {
		return 0, false, false
	}
	total := len(labels) - 1
	for _, l := range labels {
		total += len(l)
	}
	if isTLD(labels[last]) {
		return total, true, true
	}
	end := total
	// Past maxGlueLabels, the search goes on only over words a reader
	// reads as words (startsWord): a sentence glued without spaces
	// (".Merci.Bonne.Journee") must not hide the host before it, and a
	// lowercase run stays a host.
	for k := last; k >= 1 && (last-k < maxGlueLabels || startsWord(labels[k+1])); k-- {
		start := end - len(labels[k])
		if k < last && isTLD(labels[k]) && (k+1 == last || startsWord(labels[k+1])) {
			return end, false, true
		}
		if h := strings.IndexByte(labels[k], '-'); h > 0 && isTLD(labels[k][:h]) && (k == last || startsWord(labels[k][h+1:])) {
			return start + h, false, true
		}
		end = start - 1
	}
	return 0, false, false
}

// startsWord reports whether s, written after a top-level domain and
// followed by more labels, reads as the next word rather than as more of
// the host: a capital letter (".Merci.Cordialement") or a digit. A host
// goes on in lowercase ("ameli.fr.secure-login.example"); one glued word,
// whatever its case, ends the run (".merci", "-Merci", ".2025").
func startsWord(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}

// isTLD reports whether label is a top-level domain of the public suffix
// list (ICANN section), in any case, Unicode or Punycode.
func isTLD(label string) bool {
	if len(label) < 2 || len(label) > 63 {
		return false
	}
	if !isASCII(label) {
		a, err := idna.Lookup.ToASCII(label)
		if err != nil || !isASCII(a) || len(a) > 63 {
			return false
		}
		label = a
	}
	if strings.Trim(label, "0123456789") == "" || label[0] == '-' || label[len(label)-1] == '-' {
		return false // no top-level domain is numeric or hyphen-bound
	}
	var buf [63]byte
	lower := true
	for i := 0; i < len(label); i++ {
		c := label[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
			lower = false
		} else if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
			return false
		}
		buf[i] = c
	}
	if !lower {
		label = string(buf[:len(label)])
	}
	_, icann := publicsuffix.PublicSuffix(label)
	return icann
}

// tldShaped reports whether a label could be a top-level domain for a
// link finder that knows no list: two to 63 ASCII letters.
func tldShaped(label string) bool {
	if len(label) < 2 || len(label) > 63 {
		return false
	}
	for i := 0; i < len(label); i++ {
		if !isASCIILetter(rune(label[i])) {
			return false
		}
	}
	return true
}

func isIPv4(labels []string) bool {
	if len(labels) != 4 {
		return false
	}
	for _, l := range labels {
		if len(l) > 3 || strings.Trim(l, "0123456789") != "" {
			return false
		}
	}
	return true
}
