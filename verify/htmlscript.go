package verify

import (
	"strings"

	"golang.org/x/net/html"
)

// maxScriptURLs bounds the URLs read from one script.
const maxScriptURLs = 16

// scriptURLs returns the literal URLs a script sends the page to: a string
// assigned to location or location.href (window., document., top. or
// self. before it or not), or passed to location.replace, location.assign
// or window.open. The script is not run: a URL it computes is not read,
// and an HTML attachment full of such scripts is phishing on its face.
// The text is read once, left to right.
func scriptURLs(js string) []string {
	var out []string
	// The next "location" and "open" at or after i, each searched for
	// again only once passed, so that the text is read once.
	next := [2]int{-1, -1}
	words := [2]string{"location", "open"}
	for i := 0; i < len(js) && len(out) < maxScriptURLs; {
		w := -1
		for k := range next {
			if next[k] != len(js) && next[k] < i {
				if j := strings.Index(js[i:], words[k]); j >= 0 {
					next[k] = i + j
				} else {
					next[k] = len(js)
				}
			}
			if next[k] < len(js) && (w < 0 || next[k] < next[w]) {
				w = k
			}
		}
		if w < 0 {
			break
		}
		i = next[w]
		word := words[w]
		k := i + len(word)
		i = k
		if word == "open" {
			if !strings.HasSuffix(js[:k-len(word)], ".") {
				continue // only window.open(...)
			}
			k = skipJSSpace(js, k)
			if k >= len(js) || js[k] != '(' {
				continue
			}
			k++
		} else {
			k = skipJSSpace(js, k)
			switch {
			case strings.HasPrefix(js[k:], ".href"):
				k = skipJSSpace(js, k+len(".href"))
				if !assignment(js, k) {
					continue
				}
				k++
			case strings.HasPrefix(js[k:], ".replace(") || strings.HasPrefix(js[k:], ".assign("):
				k += strings.IndexByte(js[k:], '(') + 1
			case assignment(js, k):
				k++
			default:
				continue
			}
		}
		if u, end, ok := jsString(js, skipJSSpace(js, k)); ok {
			out = append(out, u)
			i = end
		}
	}
	return out
}

// assignment reports "=" at i that is not a comparison ("==", "=>").
func assignment(js string, i int) bool {
	return i < len(js) && js[i] == '=' && (i+1 >= len(js) || js[i+1] != '=' && js[i+1] != '>')
}

func skipJSSpace(js string, i int) int {
	for i < len(js) && strings.IndexByte(" \t\r\n", js[i]) >= 0 {
		i++
	}
	return i
}

// jsString reads a string literal at i, its simple escapes undone
// ("https:\/\/..."), and returns it and where it ends.
func jsString(js string, i int) (string, int, bool) {
	if i >= len(js) || strings.IndexByte("\"'`", js[i]) < 0 {
		return "", i, false
	}
	quote := js[i]
	var b strings.Builder
	for j := i + 1; j < len(js); j++ {
		switch c := js[j]; {
		case c == quote:
			return b.String(), j + 1, b.Len() > 0
		case c == '\\' && j+1 < len(js):
			j++
			b.WriteByte(js[j])
		case c == '\n' || quote == '`' && c == '$':
			return "", j, false // a template with a value, or no literal
		default:
			b.WriteByte(c)
		}
	}
	return "", len(js), false
}

// attrURLs returns the URLs an element's attributes send the page to
// besides its link attribute (linkAttr): those of its event handlers, and
// the values an SVG <set> or <animate> gives a link's href, which the
// browser follows once the animation has set them.
func attrURLs(tag string, attrs []html.Attribute) []string {
	out := handlerURLs(attrs)
	if tag != "set" && tag != "animate" {
		return out
	}
	for _, a := range attrs {
		if strings.EqualFold(a.Key, "attributename") && (strings.EqualFold(a.Val, "href") || strings.EqualFold(a.Val, "xlink:href")) {
			for _, a := range attrs {
				switch strings.ToLower(a.Key) {
				case "to", "from", "values":
					out = append(out, strings.Split(a.Val, ";")...)
				}
			}
			break
		}
	}
	return out
}

// handlerURLs returns the URLs the inline event handlers of an element
// (onclick, onload...) send the page to.
func handlerURLs(attrs []html.Attribute) []string {
	var out []string
	for _, a := range attrs {
		if strings.HasPrefix(a.Key, "on") {
			out = append(out, scriptURLs(a.Val)...)
		}
	}
	return out
}

// refreshURL reads the URL of a <meta http-equiv=refresh> content
// ("0; url=https://...", "0;URL='...'", "0 https://..."), as the HTML
// standard's shared declarative refresh steps do: a time, then ';', ',' or
// whitespace alone, then the URL, after an optional "url=" and quote.
func refreshURL(content string) (string, bool) {
	const space = " \t\n\f\r"
	s := strings.TrimLeft(content, space)
	digits := len(s) - len(strings.TrimLeft(s, "0123456789"))
	if digits == 0 && !strings.HasPrefix(s, ".") {
		return "", false // no time: not a refresh
	}
	s = strings.TrimLeft(s, "0123456789.")
	if s == "" || s[0] != ';' && s[0] != ',' && !strings.ContainsRune(space, rune(s[0])) {
		return "", false
	}
	s = strings.TrimLeft(s, space)
	if s != "" && (s[0] == ';' || s[0] == ',') {
		s = s[1:]
	}
	s = strings.TrimLeft(s, space)
	if len(s) >= 3 && strings.EqualFold(s[:3], "url") {
		if rest := strings.TrimLeft(s[3:], space); strings.HasPrefix(rest, "=") {
			s = strings.TrimLeft(rest[1:], space)
		}
	}
	if s != "" && (s[0] == '"' || s[0] == '\'') {
		if end := strings.IndexByte(s[1:], s[0]); end >= 0 {
			s = s[1 : 1+end]
		} else {
			s = s[1:]
		}
	}
	return s, s != ""
}

// textContent returns the text children of n: a script's source.
func textContent(n *html.Node) string {
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	}
	return b.String()
}
