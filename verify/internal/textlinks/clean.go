package textlinks

import (
	"strings"
	"unicode/utf8"

	"github.com/vigie-sante/vigie/verify/internal/whatwg"
)

// Cleaning: what a browser drops from a host written in text, and where
// a link finder may end a link.

// Clean rewrites text as a browser reads a host written in it: the
// characters UTS #46 ignores (soft hyphen, zero-width space, byte-order
// mark, variation selectors) are removed. So are the characters a reader
// does not see but a decoder or a renderer may drop or show as nothing:
// control characters other than whitespace, U+FFFD and bytes that are not
// UTF-8 ("https://ameli.fr\x00.evil.com" reads "ameli.fr.evil.com"); a
// link finder may also end a link at one, which the scanner reads too
// (breaksAt). So are the other characters shown as nothing (joiners,
// directional marks, invisible operators: invisibleFormat), which a reader
// does not see between the parts of a host, but for the right-to-left
// override and the pop that ends its run, which the scanner reads. Dots a browser maps to
// '.' (。．｡) are left for the scanner, which reports them as a disguise.
func Clean(text string) string {
	// The text returned as it is when nothing is to be removed.
	var c cleaner
	if !holds(text, c.mayRemove) {
		return text
	}
	// strings.Map gives each byte that is not UTF-8 as U+FFFD.
	return strings.Map(func(r rune) rune {
		if removed, _ := c.removes(r); removed {
			return -1
		}
		return r
	}, text)
}

// A cleaner reads a text rune by rune for Clean and breaksAt alike: a pop
// (U+202C) is kept where it ends a right-to-left override's run, for the
// scanner, and otherwise removed as the invisible character it is.
type cleaner struct {
	memo    ignoredMemo
	rloOpen bool // an override's run is open on this line
}

// mayRemove reports a rune that removes may remove, whatever the state.
func (c *cleaner) mayRemove(r rune) bool { return r == pdf || c.memo.removed(r) }

// removes reports whether Clean removes r, and whether a link finder may
// end a link there (breaker).
func (c *cleaner) removes(r rune) (removed, breaks bool) {
	switch r {
	case rlo:
		c.rloOpen = true
		return false, false
	case pdf:
		if c.rloOpen {
			c.rloOpen = false
			return false, false
		}
		return true, true
	case '\n', '\r', '\u2029':
		c.rloOpen = false
	}
	if breaker(r) {
		return true, true
	}
	return c.memo.removed(r), false
}

// hiddenControl reports the control characters a reader does not see,
// all but the whitespace ones: NUL, DEL and the like, C1 controls.
func hiddenControl(r rune) bool {
	return r < 0x20 && !(r == '\t' || r == '\n' || r == '\v' || r == '\f' || r == '\r') ||
		0x7f <= r && r <= 0x9f
}

// An ignoredMemo remembers which characters of a text UTS #46 ignores: a
// text uses few distinct ones, and the look-up goes through the IDNA
// mapping.
type ignoredMemo struct{ seen map[rune]bool }

func (m *ignoredMemo) ignored(r rune) bool {
	if r < utf8.RuneSelf {
		return false
	}
	ig, ok := m.seen[r]
	if !ok {
		if m.seen == nil {
			m.seen = make(map[rune]bool)
		}
		ig = whatwg.IgnoredByIDNA(r)
		m.seen[r] = ig
	}
	return ig
}

// removed reports whether Clean removes r: ignored by UTS #46, a hidden
// control, or U+FFFD (which also stands for a byte that is not UTF-8).
func (m *ignoredMemo) removed(r rune) bool {
	return hiddenControl(r) || r == utf8.RuneError || invisibleFormat(r) || m.ignored(r)
}

// breaker reports the removed characters where a link finder may end a
// link, as a line may break at a zero-width space or soft hyphen, or a
// finder stops at a control, U+FFFD or a byte that is not UTF-8.
func breaker(r rune) bool {
	return hiddenControl(r) || r == utf8.RuneError || invisibleFormat(r)
}

// invisibleFormat reports the characters Unicode says a renderer shows as
// nothing (Default_Ignorable_Code_Point, DerivedCoreProperties.txt):
// joiners, directional marks and isolates, the Mongolian vowel separator,
// invisible operators, variation selectors, tag characters. A reader
// reads "ameli-aide\u200c.com" as ameli-aide.com, and a link finder ends
// a link at one; Clean removes them and the scanner reads both. The
// right-to-left override and the pop that ends its run stay: the scanner
// reads the run between them reversed, as it is shown (scanOverridden);
// any other pop is removed (cleaner).
func invisibleFormat(r rune) bool {
	switch {
	case r < 0x034f:
		return r == 0x00ad
	case r <= 0x3164:
		return r == 0x034f || r == 0x061c || 0x115f <= r && r <= 0x1160 || 0x17b4 <= r && r <= 0x17b5 ||
			0x180b <= r && r <= 0x180f || 0x200b <= r && r <= 0x200f ||
			0x202a <= r && r <= 0x202e && r != rlo && r != pdf || 0x2060 <= r && r <= 0x206f || r == 0x3164
	case r < 0xfe00:
		return false
	}
	return r <= 0xfe0f || r == 0xfeff || r == 0xffa0 || 0xfff0 <= r && r <= 0xfff8 ||
		0x1bca0 <= r && r <= 0x1bca3 || 0x1d173 <= r && r <= 0x1d17a || 0xe0000 <= r && r <= 0xe0fff
}

// breaksAt returns where, in Clean(text), a breaker was removed: a browser
// given the whole link reads it joined (or refuses it), but a link finder
// may end a link there. parts are those of them a mail client may show as
// a space or a box, parting the words (scanParted): a hidden control,
// U+FFFD or a byte that is not UTF-8; not a zero-width or soft hyphen,
// written inside words as a line-break hint.
func breaksAt(text string) (at, parts []int) {
	var c cleaner
	removed := 0
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		rm, breaks := c.removes(r)
		if breaks {
			at = append(at, i-removed)
			if hiddenControl(r) || r == utf8.RuneError {
				parts = append(parts, i-removed)
			}
		}
		if rm {
			removed += size
		}
		i += size
	}
	return at, parts
}

// holds reports whether text holds a hidden control, or a rune outside
// ASCII for which nonASCII is true: the test of Clean and of breaks alike,
// a byte at a time over ASCII, most often all of a text. Of ASCII, Clean
// removes, and a link finder breaks at, only the hidden controls.
func holds(text string, nonASCII func(rune) bool) bool {
	for i := 0; i < len(text); {
		if c := text[i]; c < utf8.RuneSelf {
			if hiddenControl(rune(c)) {
				return true
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if nonASCII(r) {
			return true
		}
		i += size
	}
	return false
}
