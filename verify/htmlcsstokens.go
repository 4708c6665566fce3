package verify

import (
	"strconv"
	"strings"

	"github.com/vigie-sante/vigie/verify/internal/whatwg"
)

// A style attribute read as CSS's tokenizer reads it (CSS Syntax 3, 4):
// declarations cut where CSS cuts them, values split into words at the
// white space that is not escaped, escapes decoded.

// importance cuts "!important" off a value's words, '!' and the keyword
// apart or not ("none ! important"), and joins the rest with spaces.
func importance(words []string) (string, bool) {
	n := len(words)
	imp := false
	switch {
	case n >= 1 && strings.HasSuffix(words[n-1], "!important"):
		words[n-1] = strings.TrimSuffix(words[n-1], "!important")
		imp = true
	case n >= 2 && words[n-1] == "important" && strings.HasSuffix(words[n-2], "!"):
		words = words[:n-1]
		words[n-2] = strings.TrimSuffix(words[n-2], "!")
		imp = true
	}
	if imp && words[len(words)-1] == "" {
		words = words[:len(words)-1]
	}
	return strings.Join(words, " "), imp
}

// cssWords splits a CSS value into its words at the white space that is
// not escaped, each word unescaped: "n\\6f ne" is one word, none, and
// "none\\9" one word, "none" and a tab, which is no keyword (CSS Syntax 3,
// 4.3.7: the white space after a hex escape is the escape's).
func cssWords(v string) []string {
	if !strings.Contains(v, "\\") {
		return strings.Fields(v) // CSS white space is ASCII, as Fields' is here
	}
	var words []string
	var b strings.Builder
	in := false
	end := func() {
		if in {
			words = append(words, b.String())
			b.Reset()
			in = false
		}
	}
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case c == '\\' && i+1 < len(v) && !cssNewline(v[i+1]):
			in = true
			decoded, next := cssEscape(v, i)
			b.WriteString(decoded)
			i = next - 1
		case cssSpace(c):
			end()
		default:
			in = true
			b.WriteByte(c)
		}
	}
	end()
	return words
}

// cssEscape decodes the escape at v[i] ('\\', then not a newline): a hex
// code point and the white space after it, or the character escaped. It
// returns what it stands for and where it ends.
func cssEscape(v string, i int) (string, int) {
	j := i + 1
	for j < len(v) && j < i+7 && whatwg.IsHex(v[j]) {
		j++
	}
	if j == i+1 {
		return v[j : j+1], j + 1 // "\\x" is x
	}
	decoded := "\ufffd"
	if r, err := strconv.ParseUint(v[i+1:j], 16, 32); err == nil && r != 0 && r <= 0x10ffff && !(0xd800 <= r && r <= 0xdfff) {
		decoded = string(rune(r))
	}
	if j < len(v) && cssSpace(v[j]) {
		j++ // the escape's own white space
	}
	return decoded, j
}

func cssSpace(c byte) bool   { return c == ' ' || c == '\t' || cssNewline(c) }
func cssNewline(c byte) bool { return c == '\n' || c == '\r' || c == '\f' }

// cssDeclarations splits a style attribute at the semicolons that end a
// declaration, as CSS's tokenizer reads it (CSS Syntax 3, 4.3): not one
// escaped, inside a string (which a newline ends), inside an unquoted
// url(...) (where "/*" is no comment and a quote makes it end at the next
// ')'), or inside a ( ), [ ] or { } block; comments dropped.
func cssDeclarations(style string) []string {
	if !strings.ContainsAny(style, "\\\"'([{/") {
		return strings.Split(style, ";") // no string, block, escape or comment
	}
	var decls []string
	// A declaration is a substring of style, unless a comment stands in
	// it: then it is rebuilt, the comment read as a space.
	var b *strings.Builder
	start := 0
	write := func(from, to int) {
		if b != nil {
			b.WriteString(style[from:to])
		}
	}
	var quote byte
	var closers []byte // the blocks open, by the byte that closes each
	// ident is the name just read, unescaped and lowercased: "u\\72l("
	// opens a url token as "url(" does.
	var ident []byte
	for i := 0; i < len(style); i++ {
		c := style[i]
		if quote == 0 && c != '(' && c != '\\' {
			if cssNameByte(c) {
				ident = append(ident, asciiLower(string(c))...)
			} else {
				ident = ident[:0]
			}
		}
		switch {
		case c == '\\' && i+1 < len(style) && !cssNewline(style[i+1]):
			decoded, next := cssEscape(style, i)
			if quote == 0 {
				ident = append(ident, asciiLower(decoded)...)
			}
			write(i, next)
			i = next - 1
		case c == '\\' && i+1 < len(style):
			write(i, i+2) // an escaped newline, inside a string
			i++
		case quote != 0:
			if c == quote || cssNewline(c) {
				quote = 0 // a string ends at its quote, or at a newline
			}
			write(i, i+1)
		case c == '/' && i+1 < len(style) && style[i+1] == '*':
			if b == nil {
				b = new(strings.Builder)
				b.WriteString(style[start:i])
			}
			end := strings.Index(style[i+2:], "*/")
			if end < 0 {
				i = len(style)
			} else {
				i += end + 3
			}
			b.WriteByte(' ')
		case c == '"' || c == '\'':
			quote = c
			write(i, i+1)
		case c == '(' && string(ident) == "url" && unquotedURL(style, i):
			end := urlEnd(style, i+1)
			write(i, end)
			i = end - 1
		case c == '(':
			closers = append(closers, ')')
			write(i, i+1)
		case c == '[' || c == '{':
			closers = append(closers, c+2) // ']' and '}' follow them but one
			write(i, i+1)
		case len(closers) > 0 && c == closers[len(closers)-1]:
			closers = closers[:len(closers)-1]
			write(i, i+1)
		case c == ';' && len(closers) == 0:
			if b != nil {
				decls = append(decls, b.String())
				b = nil
			} else {
				decls = append(decls, style[start:i])
			}
			start = i + 1
		default:
			write(i, i+1)
		}
	}
	if b != nil {
		return append(decls, b.String())
	}
	return append(decls, style[min(start, len(style)):])
}

// unquotedURL reports a '(' at i, after the name url, with an unquoted
// argument: a url token, read to its ')' whatever it holds.
func unquotedURL(style string, i int) bool {
	j := i + 1
	for j < len(style) && cssSpace(style[j]) {
		j++
	}
	return j == len(style) || style[j] != '"' && style[j] != '\''
}

// urlEnd returns where a url token that starts after from ends: past its
// ')', an escaped one not counted, or the end of the style.
func urlEnd(style string, from int) int {
	for j := from; j < len(style); j++ {
		switch style[j] {
		case '\\':
			j++
		case ')':
			return j + 1
		}
	}
	return len(style)
}

func cssNameByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c >= 0x80
}
