package verify

import (
	"strings"

	"golang.org/x/net/html"

	"github.com/vigie-sante/vigie/verify/internal/textlinks"
)

// maxConditional bounds the nesting of conditional comments parsed as HTML.
const maxConditional = 2

// htmlLinks collects the links of an HTML part as a mail client shows them:
// the first href of every <a> and <area> (a browser ignores a repeated
// attribute), <form action>, <button formaction> and <input formaction> (a
// credential form in a mail is the phishing page itself), svg's
// xlink:href, the href of Outlook's VML buttons in conditional comments,
// each with the visible text of its anchor; relative links against <base
// href>; and the links written in the text. The document is parsed by the
// HTML5 algorithm (golang.org/x/net/html), as browsers do, so markup such as
// a self-closing <style/> inside <svg> hides nothing.
func htmlLinks(doc string, body *bodyText, maxLinks int) {
	root, err := html.Parse(strings.NewReader(doc))
	if err != nil {
		return // only a failing reader makes Parse fail
	}
	h := &htmlWalk{body: body}
	h.visit(root, 0)
	body.addText(h.text.String())
	for _, l := range textLinks(h.loose.String(), maxLinks) {
		body.add(l, "")
	}
}

type htmlWalk struct {
	body *bodyText
	base string
	// text is all the visible text, for names; loose is the text outside
	// anchors, searched for links written out.
	text, loose strings.Builder
}

func (h *htmlWalk) visit(n *html.Node, conditional int) {
	switch n.Type {
	case html.TextNode:
		h.text.WriteString(n.Data)
		h.loose.WriteString(n.Data)
		return
	case html.CommentNode:
		// Outlook renders what "<!--[if mso]>...<![endif]-->" holds.
		if conditional < maxConditional && strings.HasPrefix(strings.TrimSpace(n.Data), "[if") {
			if inner, err := html.Parse(strings.NewReader(n.Data)); err == nil {
				h.visit(inner, conditional+1)
			}
		}
		return
	case html.ElementNode:
		switch n.Data {
		case "script", "style", "template", "noframes":
			return
		case "base":
			if v, ok := attr(n, "", "href"); ok && h.base == "" && hasScheme(strings.TrimSpace(v)) {
				h.base = strings.TrimSpace(v)
			}
			return
		case "br", "p", "div", "td", "tr", "li":
			h.text.WriteByte(' ')
			h.loose.WriteByte(' ')
		}
		if href, ok := linkAttr(n); ok {
			if u, ok := resolveHref(href, h.base); ok {
				if n.Data == "a" {
					var t strings.Builder
					anchorText(n, &t)
					text := squash(t.String())
					h.text.WriteString(text + " ")
					h.body.add(u, text)
					return // its text is the anchor's, not loose text
				}
				h.body.add(u, "")
			}
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		h.visit(c, conditional)
	}
}

// linkAttr returns the attribute of n that a click follows.
func linkAttr(n *html.Node) (string, bool) {
	switch {
	case n.Data == "a" || n.Data == "area":
		if v, ok := attr(n, "", "href"); ok {
			return v, true
		}
		return attr(n, "xlink", "href")
	case n.Data == "form":
		return attr(n, "", "action")
	case n.Data == "button" || n.Data == "input":
		return attr(n, "", "formaction")
	case strings.Contains(n.Data, ":"):
		// VML and other namespaced elements of Outlook's buttons.
		return attr(n, "", "href")
	}
	return "", false
}

// attr returns the first attribute of n with that namespace and key: a
// browser ignores the repeated ones.
func attr(n *html.Node, namespace, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == namespace && a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func anchorText(n *html.Node, b *strings.Builder) {
	for c := n.FirstChild; c != nil && b.Len() < 4096; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			b.WriteString(c.Data)
		case html.ElementNode:
			if c.Data != "script" && c.Data != "style" {
				anchorText(c, b)
			}
		}
	}
}

// textLinks finds up to max links in visible text.
func textLinks(s string, max int) []string {
	links, _ := textlinks.Find(s, max)
	out := make([]string, len(links))
	for i, l := range links {
		out[i] = l.Text
	}
	return out
}

// resolveHref turns an href into the link a mail client follows: with a
// scheme, as it is; scheme-relative in any mix of slashes and backslashes
// ("//host", "\\host", "/\host"), as https:; starting "www.", as written;
// other relative hrefs against the document's <base href>, which keeps the
// base's host. Without a base, relative hrefs, fragments and inline parts
// (cid:) lead nowhere from a mail.
func resolveHref(href, base string) (string, bool) {
	h := strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, strings.TrimSpace(href))
	lower := strings.ToLower(h)
	switch {
	case h == "" || strings.HasPrefix(h, "#") || strings.HasPrefix(lower, "cid:"):
		return "", false
	case hasScheme(h):
		return h, true
	case len(h) >= 2 && isSlash(h[0]) && isSlash(h[1]):
		return "https:" + h, true
	case strings.HasPrefix(lower, "www."):
		return h, true
	case base != "":
		return joinBase(base, h), true
	}
	return "", false
}

func isSlash(c byte) bool { return c == '/' || c == '\\' }

// joinBase resolves a relative href against an absolute base well enough
// for judging: the host is always the base's, the path follows the href.
func joinBase(base, h string) string {
	if isSlash(h[0]) {
		if i := strings.Index(base, "://"); i >= 0 {
			if j := strings.IndexAny(base[i+3:], "/?#"); j >= 0 {
				return base[:i+3+j] + h
			}
		}
		return strings.TrimRight(base, "/") + h
	}
	if i := strings.LastIndexByte(base, '/'); i > strings.Index(base, "://")+2 {
		return base[:i+1] + h
	}
	return strings.TrimRight(base, "/") + "/" + h
}

func squash(s string) string { return strings.Join(strings.Fields(s), " ") }
