package textlinks

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/vigie-sante/vigie/verify/internal/whatwg"
)

// maxSchemeLen bounds a scheme: the longest in use are far shorter.
const maxSchemeLen = 32

// maxGlueLabels bounds how many labels of any case at the end of a dotted
// run may be words glued to a host (".merci", ".Merci.2025"): past it, the
// search for the top-level domain goes on only over capitalised words and
// numbers (see readerCut), one lookup each, so that a run costs lookups
// in proportion to its length.
const maxGlueLabels = 3

// opaqueSchemes are the schemes written without "//" that text links use:
// addresses and numbers, and the schemes that open a web page in a
// browser ("microsoft-edge:https://...", "view-source:https://...").
var opaqueSchemes = []string{"mailto", "tel", "sms", "microsoft-edge", "view-source", "intent"}

// schemeLink reads a link with a scheme starting at i: "https://...",
// "hxxps[:]//...", "mailto:...". It returns where the link ends.
func (s *scanner) schemeLink(i int) (int, bool) {
	t := s.text
	j := i
	for j < len(t) && j-i <= maxSchemeLen && isSchemeByte(t[j]) {
		j++
	}
	if k := gluedWebScheme(t[i:j]); k > 0 {
		// "Lienhttps://...": the word glued before the scheme is no
		// part of the link a reader or a link finder sees.
		i += k
	}
	scheme, rest := t[i:j], t[j:]
	disguise, sep := "", ""
	switch {
	case strings.HasPrefix(rest, "://"):
		sep = "://"
	case strings.HasPrefix(rest, "[:]//") || strings.HasPrefix(rest, "(:)//"):
		sep, disguise = rest[:5], rest[:3]+" for a colon"
	case strings.HasPrefix(rest, ":") && containsFold(opaqueSchemes, scheme) && i >= s.opaqueEnd:
		// Not within another's body: "tel:tel:tel:..." is one link,
		// whose body is read once.
		sep = ":"
	default:
		return 0, false
	}
	norm := scheme
	if strings.EqualFold(scheme, "hxxp") || strings.EqualFold(scheme, "hxxps") {
		norm = "http" + strings.ToLower(scheme[4:])
		if disguise == "" {
			disguise = scheme + " written for " + norm
		}
	}
	body := j + len(sep)
	start, end := trim(t, i, s.linkEnd(body))
	if end <= body {
		return body, true // a scheme and nothing after it
	}
	text := t[start:end]
	if sep != "://" && sep != ":" {
		sep = "://"
	}
	// The host is where a disguised dot or a glued word matters.
	hs, he := hostPart(t, body, end)
	host, hostDisguise := undisguise(t[hs:he])
	if disguise == "" {
		disguise = hostDisguise
	}
	if disguise != "" {
		text = norm + sep + t[body:hs] + host + t[he:end]
	}
	if !s.emit(Link{Text: text, Start: start, End: end, Disguise: disguise}) {
		return end, true
	}
	if sep == ":" {
		return s.opaqueInner(scheme, body, end), true
	}
	if sep == "://" {
		if !isTLD(host[strings.LastIndexByte(host, '.')+1:]) {
			labels := strings.Split(host, ".")
			if n, whole, ok := readerCut(labels); ok && !whole {
				s.emit(Link{Text: norm + "://" + host[:n], Start: start, End: hs + n, Disguise: disguise, Glued: host[n:]})
			}
		}
		if k := separatedWebScheme(scheme); k > 0 {
			// "rdv-https://...", "x-safari-https://...": a phone's
			// link finder starts a link at the word boundary before
			// "https", and a browser scheme opens that page: the web
			// link is judged too, whatever the scheme written.
			s.schemeLink(i + k)
		}
	}
	return end, true
}

// opaqueInner returns where to go on after a link with an opaque scheme
// whose body runs from body to end: into the body of a tel:, sms: or
// mailto: link. What is written there is shown to the reader, who may
// write to it or visit it ("tel:remboursement@ameli-aide.com",
// "mailto:ameli-aide.com",
// "mailto:contact@ameli.fr?subject=remboursement@ameli-aide.com"); a
// browser scheme's page is judged as its link is.
func (s *scanner) opaqueInner(scheme string, body, end int) int {
	if !strings.EqualFold(scheme, "mailto") && !strings.EqualFold(scheme, "tel") && !strings.EqualFold(scheme, "sms") {
		return end
	}
	s.opaqueEnd = end
	return body
}

// separatedWebScheme returns where a web scheme starts at the end of a
// longer scheme after a '-', '_', '+' or '.' ("rdv-https" gives 4), or 0.
func separatedWebScheme(scheme string) int {
	l := strings.ToLower(scheme)
	for _, web := range []string{"https", "http", "hxxps", "hxxp"} {
		if k := len(l) - len(web); k > 0 && strings.HasSuffix(l, web) && strings.IndexByte("-_+.", l[k-1]) >= 0 {
			return k
		}
	}
	return 0
}

// gluedWebScheme returns where a web scheme starts at the end of a
// longer one ("Lienhttps" gives 4), or 0.
func gluedWebScheme(scheme string) int {
	l := strings.ToLower(scheme)
	for _, web := range []string{"https", "http", "hxxps", "hxxp"} {
		// After a letter or digit only: "x-safari-https" is a scheme.
		if k := len(l) - len(web); k > 0 && strings.HasSuffix(l, web) && isLabelRune(rune(l[k-1])) && l[k-1] != '-' && l[k-1] != '_' {
			return k
		}
	}
	return 0
}

// hostPart returns the bounds of the host in a link whose authority starts
// at i and which ends at end: up to the path, query or fragment, after any
// userinfo, before any port.
func hostPart(t string, i, end int) (int, int) {
	he := i
	for he < end && strings.IndexByte("/?#\\", t[he]) < 0 {
		he++
	}
	hs := i
	if at := strings.LastIndexByte(t[i:he], '@'); at >= 0 {
		hs = i + at + 1
	}
	if c := strings.LastIndexByte(t[hs:he], ':'); c >= 0 && strings.Trim(t[hs+c+1:he], "0123456789") == "" && !strings.Contains(t[hs:he], "]") {
		he = hs + c
	}
	return hs, he
}

// undisguise rewrites the dots of a host written to escape link finders
// ("[.]", "(.)", a full-width dot) as plain dots, and says how it was
// disguised.
func undisguise(host string) (string, string) {
	if isASCII(host) && !strings.ContainsAny(host, "[({") {
		return host, ""
	}
	var b strings.Builder
	disguise := ""
	for i := 0; i < len(host); {
		if n, d := dotAt(host, i, false); n > 0 && d != "" {
			b.WriteByte('.')
			if disguise == "" {
				disguise = d
			}
			i += n
			continue
		}
		b.WriteByte(host[i])
		i++
	}
	return b.String(), disguise
}

// bareLink reads what starts at i, a letter or digit at the start of a
// word: an address ("contact@ameli.fr", not a link), a URL with userinfo
// ("assure.ameli.fr@evil.example/login"), a host with or without a path,
// or a word. It returns where to go on.
func (s *scanner) bareLink(i int) int {
	t := s.text
	// The run an address's local part may span is the same from every
	// word start inside it ("l'l'l'…" starts a word at each letter):
	// found once, or the scan is quadratic.
	j := s.localEnd
	if i >= s.localEnd {
		j = i
		for j < len(t) {
			r, n := utf8.DecodeRuneInString(t[j:])
			if !isLabelRune(r) && !strings.ContainsRune(".+%'!", r) {
				break
			}
			j += n
		}
		s.read += j - i
		s.localEnd = j
	}
	if j < len(t) && t[j] == '@' {
		return s.address(i, j)
	}
	runEnd := s.hostRun(i)
	labels := s.labels
	if len(labels) < 2 {
		return max(runEnd, i+1)
	}
	host := t[i:runEnd]
	if s.disguise(len(labels)) != "" {
		host = strings.Join(labels, ".")
	}
	n, whole, ok := readerCut(labels)
	more := runEnd < len(t) && (strings.IndexByte("/?#", t[runEnd]) >= 0 || portAt(t, runEnd))
	if !ok && more && isIPv4(labels) {
		// A dotted quad is an address only with a path or port: alone,
		// "1.2.3.4" is as often a version number.
		ok, whole, n = true, true, len(host)
	}
	if !ok {
		return runEnd
	}
	if whole {
		if k := slices.Index(s.spaced, true); k >= 2 {
			// "ameli-aide.com . fr": a reader's link ends before the
			// first spaced dot, a link finder's after the last; both
			// are judged.
			if _, w, ok := readerCut(labels[:k]); ok && w {
				end := s.starts[k-1] + len(labels[k-1])
				s.emitHost(i, end, strings.Join(labels[:k], "."), s.disguise(k-1), false)
			}
		}
		return s.emitHost(i, runEnd, host, s.disguise(len(labels)), more)
	}
	// A word glued to the host: the link a reader sees ends at the
	// top-level domain; a browser given the whole run opens it whole.
	k, cutEnd := s.cutLabel(n)
	if s.spaced[k] {
		// "ameli.fr . Merci" is a sentence, not a disguise.
		return s.emitHost(i, cutEnd, host[:n], s.disguise(k), false)
	}
	if !s.emit(Link{Text: host[:n], Start: i, End: cutEnd, Disguise: s.disguise(k), Glued: t[cutEnd:runEnd]}) {
		return runEnd
	}
	if last := labels[len(labels)-1]; tldShaped(last) && !s.anySpaced() {
		return s.emitHost(i, runEnd, host, s.disguise(len(labels)), more)
	}
	return cutEnd
}

// portAt reports a port written at i: ':' and a digit.
func portAt(t string, i int) bool {
	return i+1 < len(t) && t[i] == ':' && '0' <= t[i+1] && t[i+1] <= '9'
}

// emitHost emits the link of a host written from start to hostEnd, with
// the path, port, query or fragment after it when more is set, and
// returns where it ends.
func (s *scanner) emitHost(start, hostEnd int, host, disguise string, more bool) int {
	t := s.text
	end := hostEnd
	if more {
		_, end = trim(t, start, s.linkEnd(hostEnd))
		end = max(end, hostEnd)
	}
	text := t[start:end]
	if disguise != "" {
		text = host + t[hostEnd:end]
	}
	s.emit(Link{Text: text, Start: start, End: end, Disguise: disguise})
	return end
}

// hostRun reads the labels of a dotted run starting at i into s.labels,
// with where each starts (s.starts) and whether the separator before it
// was disguised (s.seps) or spaced (s.spaced), and returns where the run
// ends.
func (s *scanner) hostRun(i int) int {
	t := s.text
	s.labels, s.starts, s.seps, s.spaced = s.labels[:0], s.starts[:0], s.seps[:0], s.spaced[:0]
	sep, spaced := "", false
	for {
		j := labelEnd(t, i)
		end := j
		for end > i && (t[end-1] == '-' || t[end-1] == '_') {
			end-- // "ameli.fr_" or "ameli.fr-": punctuation after the host
		}
		if end == i {
			return i
		}
		s.addLabel(i, end, sep, spaced)
		if end < j {
			return end
		}
		n, d := dotAt(t, j, true)
		if n == 0 || j+n >= len(t) {
			return j
		}
		if r, _ := utf8.DecodeRuneInString(t[j+n:]); !isLabelRune(r) {
			return j
		}
		sep, spaced = d, strings.HasPrefix(d, "spaces")
		if spaced && !s.lastLabel(j+n) {
			return j
		}
		i = j + n
	}
}

// addLabel records the label text[i:end], after a separator.
func (s *scanner) addLabel(i, end int, sep string, spaced bool) {
	s.read += end - i + 1
	s.labels = append(s.labels, s.text[i:end])
	s.starts = append(s.starts, i)
	s.seps = append(s.seps, sep)
	s.spaced = append(s.spaced, spaced)
}

// labelEnd returns the end of the label starting at i.
func labelEnd(t string, i int) int {
	for i < len(t) {
		r, n := utf8.DecodeRuneInString(t[i:])
		if !isLabelRune(r) {
			break
		}
		i += n
	}
	return i
}

// lastLabel reports whether the label at i is a top-level domain ending
// the run: only a final ".com" may be written " . com".
func (s *scanner) lastLabel(i int) bool {
	t := s.text
	j := labelEnd(t, i)
	if n, _ := dotAt(t, j, false); n > 0 && j+n < len(t) {
		if r, _ := utf8.DecodeRuneInString(t[j+n:]); isLabelRune(r) {
			return false
		}
	}
	return isTLD(t[i:j])
}

// dotAt returns the length of a dot at i and, when it is not a plain '.',
// how it is disguised. With spaced, spaces around it count ("x . com").
func dotAt(t string, i int, spaced bool) (int, string) {
	if i >= len(t) {
		return 0, ""
	}
	if t[i] == '.' {
		return 1, ""
	}
	for _, d := range bracketDots {
		if len(t)-i >= len(d) && strings.EqualFold(t[i:i+len(d)], d) {
			return len(d), d + " written for a dot"
		}
	}
	if r, n := utf8.DecodeRuneInString(t[i:]); isDotRune(r) {
		return n, string(r) + " (a look-alike dot) written for a dot"
	}
	if !spaced {
		return 0, ""
	}
	j := skipSpaces(t, i)
	n, d := dotAt(t, j, false)
	if n == 0 || strings.HasPrefix(d, "spaces") {
		return 0, ""
	}
	k := skipSpaces(t, j+n)
	if k == j+n || j == i {
		return 0, "" // "x .com" or "x. com" is punctuation, "x . com" a disguise
	}
	return k - i, "spaces around a dot"
}

// "(point)" is how French writes "(dot)".
var bracketDots = []string{"[.]", "(.)", "{.}", "[dot]", "(dot)", "{dot}", "[point]", "(point)", "{point}"}

// skipSpaces skips up to three spaces at i.
func skipSpaces(t string, i int) int {
	for k := 0; k < 3 && i < len(t); k++ {
		r, n := utf8.DecodeRuneInString(t[i:])
		if r != ' ' && r != '\u00a0' && r != '\u202f' {
			break
		}
		i += n
	}
	return i
}

// disguise returns the first disguise of the separators before label k.
func (s *scanner) disguise(k int) string {
	for _, d := range s.seps[:min(k+1, len(s.seps))] {
		if d != "" {
			return d
		}
	}
	return ""
}

func (s *scanner) anySpaced() bool {
	for _, sp := range s.spaced {
		if sp {
			return true
		}
	}
	return false
}

// cutLabel returns the label in which a reader's host of n bytes (in the
// labels joined by dots) ends, and where it ends in the text.
func (s *scanner) cutLabel(n int) (int, int) {
	pos := 0
	for k, l := range s.labels {
		if n <= pos+len(l) {
			return k, s.starts[k] + n - pos
		}
		pos += len(l) + 1
	}
	k := len(s.labels) - 1
	return k, s.starts[k] + len(s.labels[k])
}

func isSchemeByte(c byte) bool {
	return 'a' <= c|0x20 && c|0x20 <= 'z' || '0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'
}

func containsFold(list []string, s string) bool {
	for _, l := range list {
		if strings.EqualFold(l, s) {
			return true
		}
	}
	return false
}

// isLabelRune reports a rune that may be part of a host label as written
// in text: a letter, digit or combining mark, '-' or '_', or a number or
// symbol a browser maps to ASCII letters and digits ("ⅰ", "①", "™"),
// which a reader reads as such.
func isLabelRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r|0x20 && r|0x20 <= 'z' || '0' <= r && r <= '9' || r == '-' || r == '_'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || mappedToLabel()[r]
}

// mappedToLabel is the set of numbers and symbols (Nl, No, So) that
// UTS #46 maps to ASCII letters and digits, built once: a few hundred
// runes, looked up without a mapping per rune read.
var mappedToLabel = sync.OnceValue(func() map[rune]bool {
	set := make(map[rune]bool)
	for _, table := range []*unicode.RangeTable{unicode.Nl, unicode.No, unicode.So} {
		for _, rg := range table.R16 {
			for r := rune(rg.Lo); r <= rune(rg.Hi); r += rune(rg.Stride) {
				if whatwg.MapsToLabel(r) {
					set[r] = true
				}
			}
		}
		for _, rg := range table.R32 {
			for r := rune(rg.Lo); r <= rune(rg.Hi); r += rune(rg.Stride) {
				if whatwg.MapsToLabel(r) {
					set[r] = true
				}
			}
		}
	}
	return set
})

// isDotRune reports the dots a browser maps to '.' in a host (UTS #46):
// ideographic and full-width full stops, the one-dot leader.
func isDotRune(r rune) bool { return r == '。' || r == '．' || r == '｡' || r == '․' }

func isSpace(r rune) bool { return r >= utf8.RuneSelf && unicode.IsSpace(r) }
