package textlinks

import (
	"strings"
	"unicode/utf8"
)

// address reads what follows the '@' at j of a word starting at i: a URL
// with userinfo when a path or port follows the host
// ("assure.ameli.fr@evil.example/login"), else an address to write to, up
// to its top-level domain as a host is read ("x@ameli-aide.com.Merci"),
// its dots undisguised as a host's are ("x@ameli-aide[.]com"). A domain
// followed by another '@' and a domain is read on to the last: the reader
// sees, and a mail client may write to, what follows it. It returns where
// to go on.
func (s *scanner) address(i, j int) int {
	t := s.text
	at := j
	end := s.hostRun(at + 1)
	for end > at+1 && end+1 < len(t) && t[end] == '@' && s.labelRuneAt(end+1) {
		at = end
		end = s.hostRun(at + 1)
	}
	if end == at+1 {
		return at + 1
	}
	labels := s.labels
	domain := t[at+1 : end]
	disguise := s.disguise(len(labels))
	if disguise != "" {
		domain = strings.Join(labels, ".")
	}
	if end < len(t) && (t[end] == '/' || portAt(t, end) || strings.IndexByte("?#", t[end]) >= 0 && at >= s.opaqueEnd) {
		// A path after the host: the part before '@' is userinfo,
		// and the browser opens the host after it. A '?' that ends a
		// sentence ("contact@ameli.fr?") is no path, nor does a '?' or
		// '#' in a tel:, sms: or mailto: link begin one
		// ("mailto:contact@ameli.fr?subject=...").
		if start, linkEnd := trim(t, i, s.linkEnd(end)); linkEnd > end {
			text := t[start:linkEnd]
			if disguise != "" {
				text = t[start:at+1] + domain + t[end:linkEnd]
			}
			s.emit(Link{Text: text, Start: start, End: linkEnd, Disguise: disguise})
			return linkEnd
		}
	}
	if len(labels) < 2 {
		return end
	}
	// An address to write to: a reader sends documents to it as
	// readily as they follow a link.
	n, whole, ok := readerCut(labels)
	if !ok {
		return end
	}
	addrEnd := end
	if !whole {
		var k int
		k, addrEnd = s.cutLabel(n)
		domain, disguise = domain[:n], s.disguise(k)
	}
	text := t[i:addrEnd]
	if disguise != "" {
		text = t[i:at+1] + domain
	}
	s.emit(Link{Text: text, Start: i, End: addrEnd, Disguise: disguise, Address: true})
	return end
}

// labelRuneAt reports whether a label rune starts at i.
func (s *scanner) labelRuneAt(i int) bool {
	r, _ := utf8.DecodeRuneInString(s.text[i:])
	return isLabelRune(r)
}
