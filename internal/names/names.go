// Package names is vigie's one normaliser of organisation names: the
// registry's names and aliases, the words of a text, an SMS sender ID and the
// name part of a domain all go through it, so that "Œuvre", "ŒUVRE" and
// "oeuvre" are the same word everywhere.
package names

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// ligature writes the letters that decompose to nothing under NFD but that
// French writes as two letters in an address: "Œuvre" is typed "oeuvre".
// It returns "" for every other rune.
func ligature(r rune) string {
	switch r {
	case 'œ':
		return "oe"
	case 'æ':
		return "ae"
	case 'ß':
		return "ss"
	case 'ĳ':
		return "ij"
	case 'ﬁ':
		return "fi"
	case 'ﬂ':
		return "fl"
	}
	return ""
}

// Words lowercases s, drops accents, writes ligatures as two letters and
// splits it into words of letters and digits: "Caisse primaire d'Assurance
// Maladie" gives caisse, primaire, d, assurance, maladie.
func Words(s string) []string {
	return strings.Fields(string(AppendWords(make([]byte, 0, len(s)), s)))
}

// AppendWords appends the words of s, as [Words] gives them, to dst, with
// one space or more before, between and after them: what Words splits,
// for a caller that reads a long text's words without a string each.
func AppendWords(dst []byte, s string) []byte { return appendFolded(dst, s, ' ') }

// Label writes a name as a domain label would hold it, without
// separators: "Génération" → "generation", "Sécurité sociale" →
// "securitesociale", "Œuvre" → "oeuvre".
func Label(s string) string { return string(appendFolded(nil, s, 0)) }

// Hyphenated writes a name as a label with its words joined by hyphens:
// "Caisse primaire d'assurance maladie" → "caisse-primaire-d-assurance-maladie".
func Hyphenated(s string) string { return strings.Join(Words(s), "-") }

// appendFolded appends the folded letters and digits of s to dst, with sep
// (when not 0) in place of every run of other characters.
//
// It reads s under NFD one rune at a time, which gives what NFD of the
// whole of s would: NFD decomposes each rune on its own, then only
// reorders the combining marks that follow a base character among
// themselves, and none of those is ever kept (each is dropped as a
// nonspacing mark or written as sep, the same in any order; see
// TestNoKeptCombiningMark). ASCII, most of any text, reads without the
// Unicode tables.
func appendFolded(dst []byte, s string, sep byte) []byte {
	if isLowerASCIIWord(s) {
		return append(dst, s...)
	}
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			switch {
			case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
				dst = append(dst, c)
			case 'A' <= c && c <= 'Z':
				dst = append(dst, c+'a'-'A')
			case sep != 0:
				dst = append(dst, sep)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		one := s[i : i+size]
		i += size
		switch d := norm.NFD.PropertiesString(one).Decomposition(); {
		case d != nil:
			for _, r := range string(d) {
				dst = appendFoldedRune(dst, r, sep)
			}
		case isHangulSyllable(r):
			// Decomposed by rule, not by table.
			for _, r := range norm.NFD.String(one) {
				dst = appendFoldedRune(dst, r, sep)
			}
		default:
			dst = appendFoldedRune(dst, r, sep)
		}
	}
	return dst
}

// appendFoldedRune appends r as appendFolded writes it.
func appendFoldedRune(dst []byte, r rune, sep byte) []byte {
	r = unicode.ToLower(r)
	switch {
	case unicode.Is(unicode.Mn, r):
	case ligature(r) != "":
		dst = append(dst, ligature(r)...)
	case isApostropheLetter(r):
		if sep != 0 {
			dst = append(dst, sep)
		}
	case unicode.IsLetter(r) || unicode.IsDigit(r):
		dst = utf8.AppendRune(dst, r)
	case sep != 0:
		dst = append(dst, sep)
	}
	return dst
}

// isApostropheLetter reports the modifier letters written as an
// apostrophe ("dʼassurance", U+02BC; "lʻ", U+02BB): Unicode files them as
// letters, so they would glue the article to the word it elides.
func isApostropheLetter(r rune) bool { return r == 0x02BC || r == 0x02BB }

func isHangulSyllable(r rune) bool { return 0xAC00 <= r && r <= 0xD7A3 }

// isLowerASCIIWord reports whether s is already folded: lowercase ASCII
// letters and digits only, the common case of a domain label.
func isLowerASCIIWord(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('a' <= c && c <= 'z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}
