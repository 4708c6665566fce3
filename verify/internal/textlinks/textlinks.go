// Package textlinks finds the links in free text (an SMS, the plain-text
// part of a mail) the way a reader would follow them: with or without a
// scheme, bare domains included, and the email addresses a reader would
// write to (marked Address), but not phone numbers, not the punctuation
// around them.
//
// The scanner reads the text once, left to right, in time linear in its
// length: no regular expression, no backtracking (a 60 KiB text dense with
// links costs well under a millisecond). It undoes what a reader undoes
// and a pattern would not: invisible characters a browser drops, dots
// written "[.]", "(.)", " . " or with a full-width or leader dot,
// "hxxps://" for "https://"; such links are reported with the disguise.
// A host glued to the next word ("ameli-remboursement.com.Merci") is read
// as a reader reads it, up to its top-level domain, and as a browser would
// open it.
package textlinks

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/vigie-sante/vigie/verify/internal/whatwg"
)

// A Link is a link found in text.
type Link struct {
	// Text is the link as a browser is given it: invisible characters
	// removed, surrounding punctuation trimmed, disguises undone
	// ("ameli[.]fr" gives "ameli.fr", "hxxps://" gives "https://").
	Text string
	// Start and End are the byte offsets of the link as written in the
	// cleaned text ([Clean]).
	Start, End int
	// Disguise says how the link was written to escape link finders
	// ("[.]" written for a dot); empty for a link written plainly.
	Disguise string
	// Glued is the word written against the host without a space
	// (".Merci", "-Merci", ".2025"): Text is then the link a reader sees,
	// the host up to its top-level domain. When a browser would open
	// the whole run (its last label has the shape of a top-level
	// domain), another Link holds it.
	Glued string
	// Address marks an email address written in the text
	// ("remboursement@ameli-aide.com"): Text is the address, to be read
	// as a mailto: link, since a reader writes to it as readily as they
	// follow a link.
	Address bool
}

// Find returns up to max links in text (all of them when max < 0), in
// order, after [Clean]. The second result reports whether links were left
// out.
func Find(text string, max int) ([]Link, bool) {
	var links []Link
	complete := Scan(text, func(l Link) bool {
		if max >= 0 && len(links) == max {
			return false
		}
		links = append(links, l)
		return true
	})
	return links, !complete
}

// Scan calls yield with each link of text, in order, after [Clean], until
// yield returns false. It reports whether the whole text was scanned.
func Scan(text string, yield func(Link) bool) bool {
	return !scan(text, yield).stopped
}

func scan(text string, yield func(Link) bool) *scanner {
	s := &scanner{text: Clean(text), yield: yield}
	if holds(text, func(r rune) bool { return r == pdf || breaker(r) }) {
		s.breaks, s.parts = breaksAt(text)
	}
	for i := 0; i < len(s.text) && !s.stopped; {
		i = s.step(i)
	}
	if len(s.parts) > 0 && !s.stopped {
		s.scanParted()
	}
	return s
}

// scanParted reads the text again parted where a mail client may show a
// removed character as a space or a box (s.parts), as a link finder then
// starts the next word after it:
// Thunderbird shows a NUL decoded from quoted-printable as a space
// (red33), so "https://www.ameli.fr/\x00www.evil.com/login" shows a second
// link that, read glued, was part of the first one's path, and
// "contact@ameli.fr\x00dossiers@evil.example" two addresses where the
// glued text holds none. The parts are joined by spaces; a link that
// starts or ends at a break is reported, with its offsets in the cleaned
// text, unless the glued reading gave it already (emit's rescan).
func (s *scanner) scanParted() {
	var b strings.Builder
	b.Grow(len(s.text) + len(s.parts))
	var spaces []int // where each space stands in the parted text
	prev := 0
	for _, at := range s.parts {
		if len(spaces) > 0 && at == prev {
			continue // breakers written side by side part once
		}
		b.WriteString(s.text[prev:at])
		spaces = append(spaces, b.Len())
		b.WriteByte(' ')
		prev = at
	}
	b.WriteString(s.text[prev:])
	// cleaned gives an offset of the parted text in the cleaned one, and
	// whether a space (a break) stands right there or right before.
	cleaned := func(p int) (int, bool) {
		k, found := slices.BinarySearch(spaces, p)
		return p - k, found || k > 0 && spaces[k-1] == p-1
	}
	inner := &scanner{text: b.String(), yield: func(l Link) bool {
		start, atBreak := cleaned(l.Start)
		end, endsAtBreak := cleaned(l.End)
		if !atBreak && !endsAtBreak {
			return true // read as it is glued
		}
		if s.emitted[[2]int{start, end}] {
			return true
		}
		l.Start, l.End = start, end
		return s.emit(l)
	}}
	for j := 0; j < len(inner.text) && !inner.stopped && !s.stopped; {
		j = inner.step(j)
	}
	s.read += inner.read
}

// rlo is the right-to-left override: the characters after it, up to a
// pop (U+202C) or the end of the line, are shown in reverse order, so
// that "\u202emoc.edia-ilema" reads "ameli-aide.com" on screen.
const rlo = '\u202e'

// pdf, the pop directional formatting, ends an override's run.
const pdf = '\u202c'

// scanOverridden reads the run after a right-to-left override at i as it
// is shown, reversed, and reports its links as disguised, where the run
// starts; the run is then read as written too, by the caller.
func (s *scanner) scanOverridden(i int) {
	t := s.text
	start := i + utf8.RuneLen(rlo)
	end := start + strings.IndexFunc(t[start:], func(r rune) bool {
		return r == pdf || r == '\n' || r == '\r' || r == '\u2029' || r == rlo
	})
	if end < start {
		end = len(t)
	}
	shown := []rune(t[start:end])
	slices.Reverse(shown)
	inner := &scanner{text: string(shown), yield: func(l Link) bool {
		l.Start, l.End = start, end
		if l.Disguise == "" {
			l.Disguise = "written backwards after a right-to-left override (U+202E)"
		}
		return s.emit(l)
	}}
	for j := 0; j < len(inner.text) && !inner.stopped && !s.stopped; {
		j = inner.step(j)
	}
	s.read += inner.read
}

// emit passes a link on; it reports whether scanning goes on. A link
// written across a breaker (a zero-width space, a NUL…) is followed by the
// links written before it, which a link finder that ends links there
// opens ("https://ameli-aide.com\u200b.ameli.fr").
func (s *scanner) emit(l Link) bool {
	if len(s.breaks) > 0 {
		if s.emitted == nil {
			s.emitted = make(map[[2]int]bool)
		}
		s.emitted[[2]int{l.Start, l.End}] = true
	}
	if !s.stopped && !s.yield(l) {
		s.stopped = true
	}
	// The first break inside the link, found by halving: a text of many
	// links and breaks must not cost their product.
	if k, _ := slices.BinarySearch(s.breaks, l.Start+1); k < len(s.breaks) && !s.stopped {
		// Once for each start and break: the links of a right-to-left
		// override all stand where its run does.
		if b := s.breaks[k]; b < l.End && (l.Start != s.rescanStart || b != s.rescanBreak) {
			s.rescanStart, s.rescanBreak = l.Start, b
			inner := &scanner{text: s.text[:b], yield: s.emit}
			for j := l.Start; j < b && !inner.stopped && !s.stopped; {
				j = inner.step(j)
			}
			s.read += inner.read
		}
	}
	return !s.stopped
}

type scanner struct {
	text    string
	yield   func(Link) bool
	stopped bool
	// breaks are where a zero-width space, soft hyphen, hidden
	// control, U+FFFD or invalid byte was removed (breaksAt), in order.
	breaks []int
	// parts are the breaks a mail client may show as a space (breaksAt).
	parts []int
	// emitted holds the offsets of the links reported, when the text
	// has breaks: scanParted reports those the glued reading did not.
	emitted map[[2]int]bool
	// The dotted run being read (see hostRun), kept to reuse memory.
	labels []string
	starts []int
	seps   []string
	spaced []bool
	// localEnd is where the run of an address's local part read last
	// ends (see bareLink).
	localEnd int
	// endFrom and endAt are the last link end found (linkEnd): from
	// endFrom, the first end is endAt, and so from anywhere between.
	endFrom, endAt int
	// rescanStart and rescanBreak are the last link start and break
	// read up to (emit).
	rescanStart, rescanBreak int
	// opaqueEnd is where the body of the last tel:, sms: or mailto:
	// link ends, which is read for what it shows (opaqueInner).
	opaqueEnd int
	// resume is where a word starts that follows a host run cut short
	// ("ameli.fr..ameli-aide.com"), though glued to punctuation.
	resume int
	// read counts the bytes read, for the test that the work is linear.
	read int
}

// step reads what starts at i and returns where to go on. A link can
// start only at the start of a word; elsewhere one rune is skipped.
func (s *scanner) step(i int) int {
	s.read++
	r, n := utf8.DecodeRuneInString(s.text[i:])
	if r == rlo {
		s.scanOverridden(i)
		return i + n
	}
	if r == '%' && i < s.opaqueEnd && i+2 < len(s.text) && whatwg.IsHex(s.text[i+1]) && whatwg.IsHex(s.text[i+2]) {
		// A percent-escape in a tel:, sms: or mailto: link: a mail
		// client shows it decoded ("subject=Question%20ameli.fr" is
		// "Question ameli.fr"), so a word starts after it.
		s.resume = i + 3
		return i + 3
	}
	if !s.wordStart(i) && i != s.resume {
		return i + n
	}
	if isLeadPunct(r) {
		// Dashes, underscores and dots before a word ("-ameli.fr",
		// "_ameli.fr_", "rdv sur\n.ameli-aide.com", "..ameli-aide.com")
		// are punctuation, not part of a host: Android's Linkify links
		// the word after them.
		for i < len(s.text) {
			s.read++
			if r, n = utf8.DecodeRuneInString(s.text[i:]); !isLeadPunct(r) {
				break
			}
			i += n
		}
		if i == len(s.text) || !isLabelRune(r) {
			// What follows the run starts no host here: the next
			// step reads it (a right-to-left override, a quote).
			return i
		}
	}
	if isASCIILetter(r) {
		if end, ok := s.schemeLink(i); ok {
			return end
		}
	}
	if isLabelRune(r) {
		return s.resumeAfter(s.bareLink(i))
	}
	return i + n
}

// resumeAfter returns end, where a host run was left, and marks the word
// after punctuation there as a start ("ameli.fr..ameli-aide.com",
// "ameli.fr-.ameli-aide.com", "x@ameli.fr．.ameli-aide.com"): a dotted
// run that ends before it, at an empty label or a label's trailing dash,
// hides it from no link finder.
func (s *scanner) resumeAfter(end int) int {
	k := end
	for k < len(s.text) {
		r, n := utf8.DecodeRuneInString(s.text[k:])
		if !isLeadPunct(r) {
			if k > end && isLabelRune(r) {
				s.resume = k
			}
			break
		}
		s.read++
		k += n
	}
	return end
}

// isLeadPunct reports whether r, before a word, is punctuation that joins
// words inside a host but starts none: a dash, an underscore, a dot.
func isLeadPunct(r rune) bool { return r == '-' || r == '_' || r == '.' || isDotRune(r) }

// wordStart reports whether a link may start at i: a letter or digit not
// preceded by one, nor by what joins a word ("-", ".", "_"), nor by the
// '@' of an address. An '@' that starts a word has no address before it
// ("validez @ameli-aide.com/login"): what follows is read.
func (s *scanner) wordStart(i int) bool {
	if i == 0 {
		return true
	}
	r, n := utf8.DecodeLastRuneInString(s.text[:i])
	if r == '@' && i-n > 0 {
		// Not recursive: a run of '@' costs one look back each.
		r, _ = utf8.DecodeLastRuneInString(s.text[:i-n])
		return !isLabelRune(r) && !isDotRune(r) && !strings.ContainsRune(".@+%'!", r)
	}
	return !isLabelRune(r) && r != '.' && !isDotRune(r)
}

// linkEnd returns the end of a link starting at i: the first space,
// control character, angle bracket or double quote, as text links end in
// messaging apps, or byte that is not UTF-8 (shown as '�', in no link).
func (s *scanner) linkEnd(i int) int {
	if s.endFrom <= i && i <= s.endAt && s.endAt > 0 {
		return s.endAt // read from before i, as a link inside a link is
	}
	s.endFrom, s.endAt = i, len(s.text)
	for j := i; j < len(s.text); {
		s.read++
		r, n := utf8.DecodeRuneInString(s.text[j:])
		if r <= ' ' || r == 0x7f || isSpace(r) || strings.ContainsRune("<>\"«»“”", r) || r == utf8.RuneError && n == 1 {
			s.endAt = j
			break
		}
		j += n
	}
	return s.endAt
}

// trim drops quotes, brackets and sentence punctuation at either end of
// text[start:end]; a closing parenthesis stays when it closes one of the
// link's own ("wiki/Assurance_(France)").
func trim(text string, start, end int) (int, int) {
	const lead = "\"'«‹“‘(<[{"
	const trail = "\"'»›”’)>]}.,;:!?…"
	for start < end {
		r, n := utf8.DecodeRuneInString(text[start:end])
		if !strings.ContainsRune(lead, r) {
			break
		}
		start += n
	}
	open, closed := -1, 0 // counted once, when a ')' is first met
	for start < end {
		r, n := utf8.DecodeLastRuneInString(text[start:end])
		if !strings.ContainsRune(trail, r) {
			break
		}
		if r == ')' {
			if open < 0 {
				open, closed = strings.Count(text[start:end], "("), strings.Count(text[start:end], ")")
			}
			if open >= closed {
				break
			}
			closed--
		}
		end -= n
	}
	return start, end
}

func isASCIILetter(r rune) bool { return 'a' <= r|0x20 && r|0x20 <= 'z' }

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
