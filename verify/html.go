package verify

import (
	"cmp"
	"strings"

	"golang.org/x/net/html"

	"github.com/vigie-sante/vigie/verify/internal/whatwg"
)

// maxConditional bounds the nesting of conditional comments and <iframe
// srcdoc> documents parsed as HTML.
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
	doc = htmlSource(doc)
	// Mail clients run no scripts: <noscript> content is shown, as HTML.
	root, err := html.ParseWithOptions(strings.NewReader(doc), html.ParseOptionEnableScripting(false))
	if err != nil {
		// x/net/html refuses a tree nested deeper than 512 elements:
		// its links are read from the tokens instead, never lost.
		tokenLinks(doc, body, maxLinks)
		return
	}
	h := &htmlWalk{shownText: shownText{body: body}, bases: withHeaderBase(documentBases(root), body.headerBase),
		placers: map[*html.Node]bool{}}
	h.visit(root, 0)
	h.finish(maxLinks)
}

// htmlSource is a document as both readers (the tree walk and the token
// scan) read it. A NUL is dropped from text by the HTML parser, as
// browsers drop it, but Thunderbird shows one decoded from
// quoted-printable as a space (red33): written U+FFFD, which the parser
// keeps and gives where the standard does (attributes, comments, raw
// text), the text is read both glued and parted there (textlinks reads
// both at a breaker).
func htmlSource(doc string) string { return strings.ReplaceAll(doc, "\x00", "\uFFFD") }

// documentBases returns the base of a document: the href of its first
// HTML <base> element with one, in tree order, wherever it stands (it
// applies to every link, those before it included), as the HTML standard
// says; a <base> in a <template> is inert, one in <svg> or <math> is no
// HTML base. A <base> inside <noscript> applies where scripts do not run
// (a mail client) and not where they do (a browser opening the file):
// then both bases are returned, and each relative link is judged against
// each. Nil when the document has none.
func documentBases(root *html.Node) []*base {
	shown := newBase(firstBase(root, false))
	scripted := newBase(firstBase(root, true))
	switch {
	case shown == nil && scripted == nil:
		return nil
	case shown == nil || scripted == nil || shown.href == scripted.href:
		return []*base{cmp.Or(shown, scripted)}
	}
	return []*base{shown, scripted}
}

// withHeaderBase adds the base a part's MIME headers give it (Content-Base,
// Content-Location) to the document's: Thunderbird writes it as a <BASE>
// before the document, which then wins over the document's own, while
// other clients read only the document's. Each relative link is judged
// against both.
func withHeaderBase(bases []*base, href string) []*base {
	if href == "" {
		return bases
	}
	for _, b := range bases {
		if b.href == href {
			return bases
		}
	}
	return append([]*base{newBase(href)}, bases...)
}

func firstBase(n *html.Node, skipNoscript bool) string {
	if n.Type == html.ElementNode && n.Namespace == "" {
		switch n.Data {
		case "base":
			if v, ok := attr(n, "", "href"); ok {
				return v
			}
		case "template":
			return ""
		case "noscript":
			if skipNoscript {
				return ""
			}
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if b := firstBase(c, skipNoscript); b != "" {
			return b
		}
	}
	return ""
}

type htmlWalk struct {
	shownText
	// placers keeps, for each node searched, whether it holds an element
	// that places its text (holdsPlacer).
	placers map[*html.Node]bool
	bases   []*base // the document's <base href> (see documentBases), or none
	// formData caches, for each document root, what its forms submit
	// (see addMailForm).
	formData map[*html.Node]string
}

func (h *htmlWalk) visit(n *html.Node, conditional int) {
	switch n.Type {
	case html.TextNode:
		h.shown(n.Data)
		return
	case html.CommentNode:
		// Outlook renders what "<!--[if mso]>...<![endif]-->" holds.
		if strings.HasPrefix(strings.TrimSpace(n.Data), "[if") && h.body.readsNested(conditional) {
			h.inner(n.Data, conditional+1)
		}
		return
	case html.ElementNode:
		switch n.Data {
		case "script":
			// Scripts are not run, but a URL they send the page to
			// is read (an HTML attachment opened in a browser).
			for _, u := range scriptURLs(textContent(n)) {
				h.addLink(u, "")
			}
			return
		case "style", "template", "noframes", "base":
			return
		}
		el := newElement(n.Data, n.Attr)
		el.parent = h.inherit
		if sized(el) && (isAtomicInline(el) || isButton(el)) {
			// Only an inline box's or a button's room asks
			// (partsAround): a sized table or block would have its
			// whole content searched for nothing.
			el.placedInside = holdsPlacer(n, h.placers)
		}
		defer h.restoreInherited(h.passOn(el))
		if isHiddenIn(n.Namespace, el) {
			// Drawn as nothing, nor its descendants: neither parts
			// words (separate does nothing while hidden).
			h.hidden++
			defer func() { h.hidden-- }()
		}
		if pullsSpace(el, true) {
			h.pullSpace()
		}
		if squeezesSpaces(el) {
			h.edge.squeezed++
			defer func() { h.edge.squeezed-- }()
		}
		if before, after := partsAround(el); (before || after) && (n.Data != "button" || n.FirstChild != nil) {
			// A line ends where a block starts and where it ends; an
			// empty button may be drawn as nothing.
			if before {
				h.part(el)
			}
			if after {
				defer h.part(el)
			}
		}
		if pullsSpace(el, false) {
			defer h.pullSpace()
		}
		if opensBox(el) {
			// Its content's edges part nothing (htmledge.go): closed
			// before the room after it is written.
			defer h.closeBox(h.openBox())
		}
		if hidesContent(el) {
			// Drawn, but what it holds is fallback never shown.
			h.hidden++
			defer func() { h.hidden-- }()
		}
		defer h.setFontSize(elementFontSize(el))()
		if t, ok := attrText(n.Data, n.Attr); ok {
			h.shown(t)
		}
		for _, u := range attrURLs(n.Data, n.Attr) {
			h.addLink(u, "")
		}
		if doc, ok := attr(n, "", "srcdoc"); ok && n.Data == "iframe" && h.body.readsNested(conditional) {
			// The document an <iframe srcdoc> shows, links and all.
			h.inner(doc, conditional+1)
		}
		if href, ok := linkAttr(n.Data, n.Attr); ok {
			if n.Data == "a" && !h.inAnchor {
				var t strings.Builder
				anchorText(n, &t)
				text := squash(t.String())
				h.flushEdge()
				h.text.WriteString(text + " ")
				h.addLink(href, text)
				// Elements inside the anchor may carry links of
				// their own (a form, an SVG link), which a click
				// there follows; its text is the anchor's.
				h.startAnchor()
				h.children(n, conditional)
				h.endAnchor()
				return
			}
			h.addLink(href, "")
			h.addMailForm(n, href)
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

// addLink records href, resolved against each base of the document.
// inner reads a document inside the document: a conditional comment's, an
// <iframe srcdoc>. One the parser refuses (nested too deep) is read from
// its tokens, under the same bases.
func (h *htmlWalk) inner(doc string, conditional int) {
	if inner, err := html.ParseWithOptions(strings.NewReader(doc), html.ParseOptionEnableScripting(false)); err == nil {
		h.visit(inner, conditional)
		return
	}
	tokenLinksIn(doc, h.body, h.body.max, conditional, h.bases)
}

func (h *htmlWalk) addLink(href, text string) {
	addHref(h.body, href, text, h.bases)
}

func addHref(body *bodyText, href, text string, bases []*base) {
	if len(bases) == 0 {
		bases = []*base{nil}
	}
	for _, b := range bases {
		if u, ok := resolveHref(href, b); ok {
			body.add(u, text)
		}
	}
}

func (h *htmlWalk) children(n *html.Node, conditional int) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		h.visit(c, conditional)
	}
}

// linkAttr returns the attribute of an element that a click follows, or
// that sends the page elsewhere (<meta http-equiv=refresh>). It serves the
// tree walk and the token scan alike.
func linkAttr(tag string, attrs []html.Attribute) (string, bool) {
	switch {
	case tag == "a" || tag == "area":
		if v, ok := attrOf(attrs, "", "href"); ok {
			return v, true
		}
		return attrOf(attrs, "xlink", "href")
	case tag == "form":
		return attrOf(attrs, "", "action")
	case tag == "iframe" || tag == "frame" || tag == "embed":
		// A page shown inside the document: a login form in it is the
		// phishing page itself.
		return attrOf(attrs, "", "src")
	case tag == "object":
		return attrOf(attrs, "", "data")
	case tag == "button" || tag == "input":
		return attrOf(attrs, "", "formaction")
	case tag == "meta":
		if v, _ := attrOf(attrs, "", "http-equiv"); strings.EqualFold(strings.TrimSpace(v), "refresh") {
			content, _ := attrOf(attrs, "", "content")
			return refreshURL(content)
		}
	case strings.Contains(tag, ":"):
		// VML and other namespaced elements of Outlook's buttons.
		return attrOf(attrs, "", "href")
	}
	return "", false
}

// attr returns the first attribute of n with that namespace and key: a
// browser ignores the repeated ones.
func attr(n *html.Node, namespace, key string) (string, bool) {
	return attrOf(n.Attr, namespace, key)
}

// attrOf finds an attribute as the tree builder names it (namespace
// "xlink", key "href") or as the tokenizer does (key "xlink:href").
func attrOf(attrs []html.Attribute, namespace, key string) (string, bool) {
	for _, a := range attrs {
		if a.Namespace == namespace && a.Key == key || namespace != "" && a.Namespace == "" && a.Key == namespace+":"+key {
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
	case hasScheme(h) && b != nil && sameSchemeRelative(strings.Trim(b.href, c0OrSpace), h):
		// "https:www.ameli.fr" under an https: base the URL library
		// refused (too many '@' or segments, a stray byte) is a path on
		// the base's site, as the standard reads it, not a host (red
		// team red13).
		rest := h[strings.IndexByte(h, ':')+1:]
		if rest == "" {
			return strings.Trim(b.href, c0OrSpace), true
		}
		return joinBase(strings.Trim(b.href, c0OrSpace), rest), true
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

// sameSchemeRelative reports whether h, which has a scheme, is relative
// to base by the URL Standard: a special scheme, the base's, not followed
// by two slashes ("https:www.ameli.fr", "https:/x" under https://...).
func sameSchemeRelative(base, h string) bool {
	scheme, rest, _ := strings.Cut(h, ":")
	bscheme, _, _ := strings.Cut(base, ":")
	scheme = strings.ToLower(scheme)
	return whatwg.SpecialScheme(scheme) && scheme != "file" && strings.EqualFold(scheme, bscheme) &&
		!(len(rest) >= 2 && isSlash(rest[0]) && isSlash(rest[1]))
}

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
