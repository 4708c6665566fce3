package uts39

import (
	"strings"
	"unicode/utf8"
)

// ScriptSet is a set of scripts, used as the UTS #39 (section 5.1)
// "resolved script set" of a string: the scripts that could, on their own,
// have written every character of it. An empty set therefore means the
// string mixes scripts, which is how "аmeli" (Cyrillic а, Latin meli) gives
// itself away.
//
// Scripts are those of Go's unicode.Scripts plus Unknown (unassigned code
// points) and the UTS #39 pseudo-scripts Han_with_Bopomofo (Hanb),
// Japanese (Jpan) and Korean (Kore). Go has no Script_Extensions data, so
// the Script property alone is used; characters whose Script is Common or
// Inherited are compatible with every script. This is slightly more lenient
// than UTS #39 for the few Common characters with narrow extensions (such
// as U+30FC KATAKANA-HIRAGANA PROLONGED SOUND MARK).
//
// The zero value is the empty set; ScriptSet values are comparable with ==.
type ScriptSet struct {
	bits [scriptWords]uint64
}

var allScripts = func() (s ScriptSet) {
	for i := 0; i < numScripts; i++ {
		s.bits[i/64] |= 1 << (i % 64)
	}
	return s
}()

func scriptSetOf(idx ...int) (s ScriptSet) {
	for _, i := range idx {
		s.bits[i/64] |= 1 << (i % 64)
	}
	return s
}

// The augmented script sets of UTS #39 section 5.1: Han, Hiragana,
// Katakana, Hangul and Bopomofo also count as the writing systems they are
// mixed in, so Japanese or Korean text does not look mixed-script.
var (
	latinSet    = scriptSetOf(scriptLatin)
	hanSet      = scriptSetOf(scriptHan, scriptHanwithBopomofo, scriptJapanese, scriptKorean)
	hiraganaSet = scriptSetOf(scriptHiragana, scriptJapanese)
	katakanaSet = scriptSetOf(scriptKatakana, scriptJapanese)
	hangulSet   = scriptSetOf(scriptHangul, scriptKorean)
	bopomofoSet = scriptSetOf(scriptBopomofo, scriptHanwithBopomofo)
	cjkSet      = scriptSetOf(scriptHanwithBopomofo, scriptJapanese, scriptKorean)
)

// scriptOf returns the index of r's Script property value.
func scriptOf(r rune) int {
	if r < utf8.RuneSelf {
		if r < 0 {
			return scriptUnknown
		}
		if c := r | 0x20; 'a' <= c && c <= 'z' {
			return scriptLatin
		}
		return scriptCommon
	}
	if r > maxRune {
		return scriptUnknown
	}
	key := uint32(r+1) << 8
	lo, hi := 0, len(scriptRuns)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if scriptRuns[m] < key {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return int(scriptRuns[lo-1] & 0xff)
}

// ScriptsOf returns the augmented script set of r: every script for Common
// and Inherited characters, otherwise r's script plus the pseudo-scripts it
// takes part in.
func ScriptsOf(r rune) ScriptSet {
	switch i := scriptOf(r); i {
	case scriptCommon, scriptInherited:
		return allScripts
	case scriptLatin:
		return latinSet
	case scriptHan:
		return hanSet
	case scriptHiragana:
		return hiraganaSet
	case scriptKatakana:
		return katakanaSet
	case scriptHangul:
		return hangulSet
	case scriptBopomofo:
		return bopomofoSet
	default:
		return scriptSetOf(i)
	}
}

// ResolvedScripts returns the intersection of the augmented script sets of
// the characters of s. It is every script for a string of digits and
// punctuation (or the empty string), and empty as soon as s mixes scripts
// that no single writing system uses together. Invalid UTF-8 counts as
// Unknown.
func ResolvedScripts(s string) ScriptSet {
	res := allScripts
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c|0x20 >= 'a' && c|0x20 <= 'z' {
				res = res.Intersect(latinSet)
			}
			i++
		} else {
			r, n := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && n == 1 {
				res = res.Intersect(scriptSetOf(scriptUnknown))
			} else {
				res = res.Intersect(ScriptsOf(r))
			}
			i += n
		}
		if res.IsEmpty() {
			break
		}
	}
	return res
}

// IsMixedScript reports whether no single script (or UTS #39 pseudo-script
// such as Japanese) covers s; see ResolvedScripts.
func IsMixedScript(s string) bool {
	return ResolvedScripts(s).IsEmpty()
}

// HighlyRestrictive reports whether s meets the script requirement of the
// UTS #39 (section 5.2) Highly Restrictive level: it is single-script, or
// covered by Latin plus one of Han+Hiragana+Katakana, Han+Bopomofo or
// Han+Hangul. Browsers build their decision to show an internationalised
// host name as Unicode rather than punycode on this level. The level also
// requires every character to be in the identifier profile, which this
// function does not check; combine it with IsAllowed for that.
func HighlyRestrictive(s string) bool {
	if !ResolvedScripts(s).IsEmpty() {
		return true
	}
	rest := allScripts
	for _, r := range s {
		if scriptOf(r) == scriptLatin {
			continue
		}
		rest = rest.Intersect(ScriptsOf(r))
	}
	return !rest.Intersect(cjkSet).IsEmpty()
}

// IsEmpty reports whether s contains no script; for a resolved script set
// this means the string is mixed-script.
func (s ScriptSet) IsEmpty() bool {
	for _, w := range s.bits {
		if w != 0 {
			return false
		}
	}
	return true
}

// IsAll reports whether s contains every script, as the resolved set of a
// string made only of Common and Inherited characters does.
func (s ScriptSet) IsAll() bool {
	return s == allScripts
}

// Intersect returns the scripts in both s and t.
func (s ScriptSet) Intersect(t ScriptSet) ScriptSet {
	for i := range s.bits {
		s.bits[i] &= t.bits[i]
	}
	return s
}

// Has reports whether s contains the named script. Names are those of Go's
// unicode.Scripts ("Latin", "Cyrillic", "Old_Italic"), "Unknown", and the
// pseudo-scripts "Han_with_Bopomofo", "Japanese" and "Korean".
func (s ScriptSet) Has(name string) bool {
	for i, n := range scriptNames {
		if n == name {
			return s.has(i)
		}
	}
	return false
}

func (s ScriptSet) has(i int) bool {
	return s.bits[i/64]&(1<<(i%64)) != 0
}

// Names returns the names of the scripts in s, Unknown first, then real
// scripts alphabetically, then pseudo-scripts.
func (s ScriptSet) Names() []string {
	var names []string
	for i, n := range scriptNames {
		if s.has(i) {
			names = append(names, n)
		}
	}
	return names
}

// String formats s for logs: "{Cyrillic}", "{Han Han_with_Bopomofo Japanese
// Korean}", "{}" for the empty set and "{*}" for the set of all scripts,
// which would otherwise be unreadably long.
func (s ScriptSet) String() string {
	if s.IsAll() {
		return "{*}"
	}
	return "{" + strings.Join(s.Names(), " ") + "}"
}

// latinSkeleton[c] reports whether byte c occurs in the skeleton of some
// string over [a-z0-9-], the alphabet of the Latin host labels vigie
// protects. It is derived from the table rather than written out because
// the data decides it: 'm' never occurs (its prototype is "rn"), nor do
// '0' and '1' (prototypes "O" and "l"), while 'O' does.
var latinSkeleton = func() (t [256]bool) {
	const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789-"
	for i := 0; i < len(alphabet); i++ {
		for _, c := range []byte(Skeleton(alphabet[i : i+1])) {
			t[c] = true
		}
	}
	return t
}()

// IsWholeScriptConfusable reports whether label is written in a single
// non-Latin script (plus Common and Inherited characters such as digits and
// '-') and yet has the skeleton of a Latin label over [a-z0-9-]: Cyrillic
// "аре" has skeleton "ape", so it can pass for the Latin label "ape" without
// ever being mixed-script.
//
// This is a Latin-target approximation of the UTS #39 whole-script
// confusable test (section 4): UTS #39 asks whether some string in any other
// script has the same skeleton, but vigie only protects Latin-script domain
// names, so only Latin lookalikes matter. Pass labels after IDNA mapping
// (lowercase); skeletons are case-sensitive and an uppercase Cyrillic label
// maps to uppercase Latin, which is not a valid host label.
func IsWholeScriptConfusable(label string) bool {
	res := ResolvedScripts(label)
	if res.IsEmpty() || res.IsAll() || res.has(scriptLatin) || res.has(scriptUnknown) {
		return false
	}
	var buf [64]byte
	sk := AppendSkeleton(buf[:0], label)
	if len(sk) == 0 {
		return false
	}
	for _, c := range sk {
		if !latinSkeleton[c] {
			return false
		}
	}
	return true
}
