package verify

import (
	"strings"

	"golang.org/x/net/html"
)

// tokenLinks reads the links of an HTML document from its tokens, for a
// document the tree builder refuses (nested deeper than 512 elements):
// the same elements and attributes as the tree walk (linkAttr), anchors
// with their text and what it shows, the first <base href> outside
// <template>, scripts and event handlers, conditional comments and
// <iframe srcdoc> documents, and the links written in the text. Nesting, which the
// tokens do not show, changes nothing a link leads to.
func tokenLinks(doc string, body *bodyText, maxLinks int) {
	tokenLinksIn(doc, body, maxLinks, 0)
}

// tokenLinksIn is tokenLinks on a document nested conditional deep in
// conditional comments and <iframe srcdoc> documents, which it reads too,
// up to maxConditional, as the tree walk does.
func tokenLinksIn(doc string, body *bodyText, maxLinks, conditional int) {
	body.max = maxLinks
	bases := []*base(nil)
	if b := tokenBase(doc); b != nil {
		bases = []*base{b}
	}
	bases = withHeaderBase(bases, body.headerBase)
	var text, loose, anchor strings.Builder
	anchorHref, inAnchor := "", false
	skip := "" // the raw-text element being skipped (script, style...)
	z := html.NewTokenizer(strings.NewReader(doc))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		tok := z.Token()
		switch tt {
		case html.TextToken:
			switch {
			case skip == "script":
				for _, u := range scriptURLs(tok.Data) {
					addHref(body, u, "", bases)
				}
			case skip != "":
			case inAnchor:
				anchor.WriteString(tok.Data)
				body.addAnchorText(tok.Data)
			default:
				text.WriteString(tok.Data)
				loose.WriteString(tok.Data)
				body.addNodeLinks(tok.Data)
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			switch tok.Data {
			case "script", "style", "template", "noframes", "textarea", "title":
				if tt == html.StartTagToken {
					skip = tok.Data
				}
				continue
			case "br", "p", "div", "td", "tr", "li":
				loose.WriteByte(' ')
				text.WriteByte(' ')
				anchor.WriteByte(' ')
			}
			if doc, ok := attrOf(tok.Attr, "", "srcdoc"); ok && tok.Data == "iframe" && conditional < maxConditional {
				tokenLinksIn(doc, body, maxLinks, conditional+1)
			}
			for _, u := range attrURLs(tok.Data, tok.Attr) {
				addHref(body, u, "", bases)
			}
			href, ok := linkAttr(tok.Data, tok.Attr)
			switch {
			case !ok:
			case tok.Data == "a" && tt == html.StartTagToken && !inAnchor:
				anchorHref, inAnchor = href, true
				anchor.Reset()
			default:
				addHref(body, href, "", bases)
			}
		case html.CommentToken:
			// Outlook renders what "<!--[if mso]>...<![endif]-->" holds.
			if conditional < maxConditional && strings.HasPrefix(strings.TrimSpace(tok.Data), "[if") {
				tokenLinksIn(tok.Data, body, maxLinks, conditional+1)
			}
		case html.EndTagToken:
			switch {
			case tok.Data == skip:
				skip = ""
			case tok.Data == "a" && inAnchor:
				t := squash(anchor.String())
				text.WriteString(t + " ")
				addHref(body, anchorHref, t, bases)
				body.addAnchorText(anchor.String())
				inAnchor = false
			}
		}
	}
	if inAnchor {
		addHref(body, anchorHref, squash(anchor.String()), bases)
		body.addAnchorText(anchor.String())
	}
	body.addText(text.String())
	body.addTextLinks(loose.String(), maxLinks)
}

// tokenBase returns the first <base href> of a document's tokens outside
// <template> elements, or nil.
func tokenBase(doc string) *base {
	z := html.NewTokenizer(strings.NewReader(doc))
	templates := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return nil
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			switch tok.Data {
			case "template":
				templates++
			case "base":
				if v, ok := attrOf(tok.Attr, "", "href"); ok && templates == 0 {
					return newBase(v)
				}
			}
		case html.EndTagToken:
			if tok := z.Token(); tok.Data == "template" && templates > 0 {
				templates--
			}
		}
	}
}
