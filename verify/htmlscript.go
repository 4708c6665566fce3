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
// ("0; url=https://...", "0;URL='...'"), as the HTML standard's
// declarative refresh does.
func refreshURL(content string) (string, bool) {
	s := strings.TrimLeft(content, " \t\n\f\r")
	s = strings.TrimLeft(s, "0123456789.")
	s = strings.TrimLeft(s, " \t\n\f\r")
	if s == "" || s[0] != ';' && s[0] != ',' {
		return "", false
	}
	s = strings.TrimLeft(s[1:], " \t\n\f\r")
	if len(s) >= 3 && strings.EqualFold(s[:3], "url") {
		if rest := strings.TrimLeft(s[3:], " \t\n\f\r"); strings.HasPrefix(rest, "=") {
			s = strings.TrimLeft(rest[1:], " \t\n\f\r")
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
