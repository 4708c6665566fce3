// Package textlinks finds the links in free text (an SMS, the plain-text
// part of a mail) the way a reader would follow them: with or without a
// scheme, bare domains included, but not email addresses, not phone
// numbers read as IP addresses, not the punctuation around them.
//
// Matching is mvdan.cc/xurls/v2 in relaxed mode; this package adds the
// filtering and removes invisible characters first, since a zero-width
// space inside "ameli\u200b.fr" hides the link from a regular expression
// but not from a browser, which drops it (UTS #46).
package textlinks

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/publicsuffix"
	"mvdan.cc/xurls/v2"

	"github.com/vigie-sante/vigie/verify/internal/whatwg"
)

// A Link is a link found in text.
type Link struct {
	// Text is the link as written, invisible characters removed and
	// surrounding punctuation trimmed: "ameli-carte-vitale.com",
	// "https://bit.ly/3xAmeli".
	Text string
	// Start and End are its byte offsets in the cleaned text.
	Start, End int
}

// Clean rewrites text as a browser reads a host written in it: the
// characters UTS #46 ignores (soft hyphen, zero-width space, byte-order
// mark, variation selectors) are removed, and the dots it maps to '.'
// (。．｡) become '.'. Other invisible characters, such as bidirectional
// marks and joiners, stay: a browser does not drop them, and a link that
// holds one is no link to an official host.
func Clean(text string) string {
	if !strings.ContainsFunc(text, rewritten) {
		return text
	}
	return strings.Map(func(r rune) rune {
		switch {
		case isDot(r):
			return '.'
		case whatwg.IgnoredByIDNA(r):
			return -1
		}
		return r
	}, text)
}

func isDot(r rune) bool { return r == '。' || r == '．' || r == '｡' }

func rewritten(r rune) bool { return r >= 0x80 && (isDot(r) || whatwg.IgnoredByIDNA(r)) }

// frenchPhone matches French phone numbers written in pairs of digits
// ("09.70.12.34.56", "+33 6 12 34 56 78"), which the relaxed URL pattern
// would otherwise half-read as an IPv4 address.
var frenchPhone = regexp.MustCompile(`(?:\+33[ .-]?|\b0)[1-9](?:[ .-]?\d{2}){4}\b`)

// Bounds on the work of one Find, whatever the text: the part of one
// whitespace-free run searched (longer than the links a mail carries), and
// the words and bytes given to the pattern in all. A text beyond them has
// its first links found and is reported as cut.
const (
	maxWord      = 16 << 10
	maxScanWords = 4096
	maxScanBytes = 256 << 10
)

func notSpace(r rune) bool { return !unicode.IsSpace(r) }

// plausible reports whether a word may hold a link: a scheme ("://",
// "mailto:"), or a dotted name whose last label is a top-level domain. The
// pattern is costly on long dotted garbage ("a.a.a.a..."); this test is
// not, and lets the pattern run only where a link can be.
func plausible(w string) bool {
	if strings.Contains(w, "://") || strings.Contains(strings.ToLower(w), "mailto:") {
		return true
	}
	for start := 0; start < len(w); {
		end := start
		for end < len(w) {
			r, size := utf8.DecodeRuneInString(w[end:])
			if !(r == '.' || r == '-' || unicode.IsLetter(r) || unicode.IsDigit(r)) {
				break
			}
			end += size
		}
		if run := strings.Trim(w[start:end], ".-"); strings.Count(run, ".") == 3 && strings.Trim(run, "0123456789.") == "" {
			// A dotted-quad IPv4 address with a path or port: alone,
			// "1.2.3.4" is as often a version number.
			if end < len(w) && (w[end] == '/' || w[end] == ':') {
				return true
			}
		} else if strings.Contains(run, ".") {
			tld := strings.ToLower(run[strings.LastIndexByte(run, '.')+1:])
			if _, icann := publicsuffix.PublicSuffix(tld); icann || strings.HasPrefix(tld, "xn--") || !isASCIIString(tld) {
				return true
			}
		}
		if end == start {
			_, size := utf8.DecodeRuneInString(w[end:])
			end += size
		}
		start = end
	}
	return false
}

func isASCIIString(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// Find returns up to max links in text (all of them when max < 0), in
// order, after [Clean]. The second result reports whether links may have
// been left out: more than max, or a text beyond the work bounds above.
func Find(text string, max int) ([]Link, bool) {
	text = Clean(text)
	phones := frenchPhone.FindAllStringIndex(text, -1)
	// The pattern runs word by word, on words that could hold a link (a
	// dot or a colon), so that its cost follows the links in the text,
	// not the text's size: a megabyte of "aaaa" is skipped at once.
	var links []Link
	words, scanned := 0, 0
	for start := 0; start < len(text); {
		word := strings.IndexFunc(text[start:], notSpace)
		if word < 0 {
			break
		}
		start += word
		end := strings.IndexFunc(text[start:], unicode.IsSpace)
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		w := text[start:end]
		if len(w) > maxWord {
			w = w[:maxWord]
		}
		if plausible(w) {
			words++
			scanned += len(w)
			if words > maxScanWords || scanned > maxScanBytes {
				return links, true
			}
			n := -1
			if max >= 0 {
				n = max - len(links) + 8
			}
			for _, m := range xurls.Relaxed().FindAllStringIndex(w, n) {
				if me := start + m[1]; me < end && strings.IndexByte("/?#", text[me]) >= 0 && strings.Contains(w[m[0]:m[1]], "@") {
					// The pattern reads "assure.ameli.fr@evil.example"
					// as an address; what follows makes it a URL with
					// userinfo, to the end of the word.
					m[1] = end - start
				}
				s, e := trim(text, start+m[0], start+m[1])
				if s >= e || overlaps(phones, s, e) || isEmail(text[s:e]) {
					continue
				}
				if max >= 0 && len(links) == max {
					return links, true
				}
				links = append(links, Link{Text: text[s:e], Start: s, End: e})
			}
		}
		start = end
	}
	return links, false
}

// trim drops quotes, brackets and sentence punctuation that the pattern
// took in at either end.
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
	for start < end {
		r, n := utf8.DecodeLastRuneInString(text[start:end])
		if !strings.ContainsRune(trail, r) || r == ')' && strings.Count(text[start:end], "(") >= strings.Count(text[start:end], ")") {
			break
		}
		end -= n
	}
	return start, end
}

// isEmail reports an address without a scheme: "contact@ameli.fr". A URL
// with userinfo keeps its scheme ("https://a@b"), its '@' comes after a
// slash, or a path follows its host ("assure.ameli.fr@evil.example/login",
// which a browser opens at evil.example).
func isEmail(s string) bool {
	at := strings.IndexByte(s, '@')
	if at < 0 || strings.Contains(s, "://") || strings.HasPrefix(strings.ToLower(s), "mailto:") {
		return false
	}
	return !strings.ContainsAny(s[:at], "/") && !strings.ContainsAny(s[at:], "/?#")
}

func overlaps(spans [][]int, start, end int) bool {
	for _, s := range spans {
		if start < s[1] && s[0] < end {
			return true
		}
	}
	return false
}
