package verify

import (
	"strings"

	"golang.org/x/net/html"

	"github.com/vigie-sante/vigie/verify/internal/whatwg"
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
	body.max = maxLinks
	// Mail clients run no scripts: <noscript> content is shown, as HTML.
	root, err := html.ParseWithOptions(strings.NewReader(doc), html.ParseOptionEnableScripting(false))
	if err != nil {
		return // only a failing reader makes Parse fail
	}
	h := &htmlWalk{body: body, base: newBase(firstBase(root))}
	h.visit(root, 0)
	body.addText(h.text.String())
	body.addTextLinks(h.loose.String(), maxLinks)
}

// firstBase returns the href of the first <base> with one, in tree order,
// wherever it stands: it applies to every link of the document, those
// before it included.
func firstBase(n *html.Node) string {
	if n.Type == html.ElementNode && n.Data == "base" {
		if v, ok := attr(n, "", "href"); ok {
			return v
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if b := firstBase(c); b != "" {
			return b
		}
	}
	return ""
}

type htmlWalk struct {
	body *bodyText
	base *base // the document's <base href>, or nil
	// text is all the visible text, for names; loose is the text outside
	// anchors, searched for links written out.
	text, loose strings.Builder
	// inAnchor: the text being visited is an anchor's, already recorded.
	inAnchor bool
}

func (h *htmlWalk) visit(n *html.Node, conditional int) {
	switch n.Type {
	case html.TextNode:
		if !h.inAnchor {
			h.text.WriteString(n.Data)
			h.loose.WriteString(n.Data)
		}
		return
	case html.CommentNode:
		// Outlook renders what "<!--[if mso]>...<![endif]-->" holds.
		if conditional < maxConditional && strings.HasPrefix(strings.TrimSpace(n.Data), "[if") {
			if inner, err := html.ParseWithOptions(strings.NewReader(n.Data), html.ParseOptionEnableScripting(false)); err == nil {
				h.visit(inner, conditional+1)
			}
		}
		return
	case html.ElementNode:
		switch n.Data {
		case "script", "style", "template", "noframes", "base":
			return
		case "br", "p", "div", "td", "tr", "li":
			if !h.inAnchor {
				h.text.WriteByte(' ')
				h.loose.WriteByte(' ')
			}
		}
		if href, ok := linkAttr(n); ok {
			if u, ok := resolveHref(href, h.base); ok {
				if n.Data == "a" && !h.inAnchor {
					var t strings.Builder
					anchorText(n, &t)
					text := squash(t.String())
					h.text.WriteString(text + " ")
					h.body.add(u, text)
					// Elements inside the anchor may carry links of
					// their own (a form, an SVG link), which a click
					// there follows; its text is the anchor's.
					h.inAnchor = true
					h.children(n, conditional)
					h.inAnchor = false
					return
				}
				h.body.add(u, "")
			}
		}
	}
	h.children(n, conditional)
}

// base is a document's <base href>: as written, and parsed when the URL
// library accepts it.
type base struct {
	href   string
	parsed *whatwg.Base
}

// newBase returns the base of a document whose <base href> is href, or nil
// when it has none.
func newBase(href string) *base {
	if href == "" {
		return nil
	}
	b := &base{href: href}
	b.parsed, _ = whatwg.ParseBase(href)
	return b
}

func (h *htmlWalk) children(n *html.Node, conditional int) {
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

// resolveHref turns an href into the link a mail client follows. Under a
// <base href>, every href is resolved against it by the URL Standard, as a
// browser does: "www.ameli.fr/x" and "https:www.ameli.fr" are then paths on
// the base's site. Without one, an href with a scheme is taken as it is,
// one scheme-relative in any mix of slashes and backslashes ("//host",
// "\\host") as https:, one starting "www." as written; other relative
// hrefs, fragments and inline parts (cid:) lead nowhere from a mail. Leading
// and trailing C0 controls and spaces are trimmed and tabs and newlines
// removed, as the standard does; without a base, other spaces too (NBSP),
// as a lenient client may.
func resolveHref(href string, b *base) (string, bool) {
	if b != nil && b.parsed != nil {
		if u, err := b.parsed.Resolve(href); err == nil {
			return u, true
		}
		// A base or href the URL library refuses (it is stricter than
		// browsers on some hosts): read the href alone, or on the
		// base's site.
	}
	h := strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, strings.Trim(href, c0OrSpace))
	if b == nil {
		h = strings.TrimSpace(h)
	}
	lower := strings.ToLower(h)
	switch {
	case h == "" || b == nil && (strings.HasPrefix(h, "#") || strings.HasPrefix(lower, "cid:")):
		return "", false
	case hasScheme(h):
		return h, true
	case len(h) >= 2 && isSlash(h[0]) && isSlash(h[1]):
		return "https:" + h, true
	case b != nil:
		return joinBase(strings.Trim(b.href, c0OrSpace), h), true
	case strings.HasPrefix(lower, "www."):
		return h, true
	}
	return "", false
}

func isSlash(c byte) bool { return c == '/' || c == '\\' }

// joinBase resolves a relative href against a base the URL library could
// not parse, well enough for judging: the host is always the base's.
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
