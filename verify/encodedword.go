package verify

import (
	"encoding/base64"
	"strings"

	"github.com/vigie-sante/vigie/verify/internal/whatwg"
)

// decodeWordsLeniently decodes the RFC 2047 encoded words of s the way
// lenient mail clients do, where Go's decoder gives up on the whole text:
// a charset it does not know, or with an RFC 2231 language ("utf-8*fr"),
// is read as its bytes are (the ASCII of an address is the same in every
// charset a client decodes); base64 may lack its padding; the space
// between two encoded words is dropped, as RFC 2047 says. A word that does
// not decode is left as written. The bytes that are not UTF-8 become
// U+FFFD. It reads s once, left to right.
func decodeWordsLeniently(s string) string {
	if !strings.Contains(s, "=?") {
		return s
	}
	var b strings.Builder
	pendingSpace := "" // between an encoded word and what follows
	for len(s) > 0 {
		i := strings.Index(s, "=?")
		if i < 0 {
			b.WriteString(pendingSpace)
			b.WriteString(s)
			break
		}
		decoded, n, ok := encodedWord(s[i:])
		if !ok {
			b.WriteString(pendingSpace)
			b.WriteString(s[:i+2])
			s, pendingSpace = s[i+2:], ""
			continue
		}
		if between := s[:i]; pendingSpace == "" || strings.Trim(between, " \t\r\n") != "" {
			b.WriteString(pendingSpace)
			b.WriteString(between)
		}
		b.WriteString(decoded)
		s = s[i+n:]
		// The space before a next encoded word is dropped.
		rest := strings.TrimLeft(s, " \t\r\n")
		pendingSpace, s = s[:len(s)-len(rest)], rest
	}
	return strings.ToValidUTF8(b.String(), "\uFFFD")
}

// encodedWord decodes the encoded word "=?charset?enc?text?=" at the start
// of s, and returns its bytes and length.
func encodedWord(s string) (string, int, bool) {
	parts := strings.SplitN(s[2:], "?", 4)
	if len(parts) < 4 || !strings.HasPrefix(parts[3], "=") || len(parts[1]) != 1 {
		return "", 0, false
	}
	text := parts[2]
	n := 2 + len(parts[0]) + 1 + len(parts[1]) + 1 + len(text) + 2
	switch parts[1][0] | 0x20 {
	case 'q':
		return decodeQ(text), n, true
	case 'b':
		if d, err := base64.StdEncoding.DecodeString(text); err == nil {
			return string(d), n, true
		}
		if d, err := base64.RawStdEncoding.DecodeString(strings.TrimRight(text, "=")); err == nil {
			return string(d), n, true
		}
	}
	return "", 0, false
}

// decodeQ decodes RFC 2047's Q encoding: '_' is a space, "=XX" a byte; a
// '=' not followed by two hex digits is kept.
func decodeQ(text string) string {
	var b strings.Builder
	for i := 0; i < len(text); i++ {
		switch c := text[i]; {
		case c == '_':
			b.WriteByte(' ')
		case c == '=' && i+2 < len(text) && whatwg.IsHex(text[i+1]) && whatwg.IsHex(text[i+2]):
			b.WriteByte(whatwg.Unhex(text[i+1])<<4 | whatwg.Unhex(text[i+2]))
			i += 2
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}
