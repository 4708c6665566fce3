package verify

import (
	"strconv"
	"strings"
)

// Colours and words of CSS values, as the box reading (htmlbox.go) needs
// them: whether a border is drawn in a colour a reader sees.

// transparentColor reports a value that holds a colour a reader does not
// see: "transparent", or an alpha of at most faintAlpha, in a hex colour
// (#rgba, #rrggbbaa) or an rgba()/hsla() (or rgb()/hsl() "/ alpha").
// CSS Color 4 clamps an alpha below 0 to 0 and reads any number ("0e0");
// an alpha vigie cannot read (calc(), var()) may be 0, and is taken so:
// the words then stay glued, the alarming reading (red33).
func transparentColor(v string) bool {
	v = strings.ToLower(v)
	if strings.Contains(v, "transparent") {
		return true
	}
	for _, w := range strings.Fields(v) {
		h, ok := strings.CutPrefix(w, "#")
		if !ok || !hexDigits(h) {
			continue
		}
		switch len(h) {
		case 4:
			return float64(unhex(h[3])) <= faintAlpha*15
		case 8:
			return float64(unhex(h[6])<<4|unhex(h[7])) <= faintAlpha*255
		}
	}
	open := strings.IndexByte(v, '(')
	end := strings.IndexByte(v, ')')
	if open < 0 || end < open {
		return false
	}
	args := strings.FieldsFunc(v[open+1:end], func(r rune) bool { return r == ',' || r == '/' || r == ' ' })
	if len(args) != 4 {
		return false
	}
	alpha, percent := strings.CutSuffix(args[3], "%")
	a, err := strconv.ParseFloat(alpha, 64)
	if err != nil {
		return true
	}
	if percent {
		a /= 100
	}
	return a <= faintAlpha
}

// faintAlpha is the opacity below which a line is not seen: a black
// pixel line at 10% is a light grey hairline at most (a judgement call).
const faintAlpha = 0.1

// hexDigits reports a string of hexadecimal digits only.
func hexDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if unhex(s[i]) < 0 {
			return false
		}
	}
	return s != ""
}

// parenWords splits a value at its spaces, but for those inside
// parentheses.
func parenWords(v string) []string {
	var words []string
	depth, start := 0, 0
	for i := 0; i < len(v); i++ {
		switch v[i] {
		case '(':
			depth++
		case ')':
			depth = max(0, depth-1)
		case ' ':
			if depth == 0 {
				words = append(words, v[start:i])
				start = i + 1
			}
		}
	}
	return append(words, v[start:])
}
