package verify

import (
	"strings"

	"golang.org/x/net/html"
)

// tokenLinks reads the links of an HTML document from its tokens, for a
// document the tree builder refuses (nested deeper than 512 elements):
// the same elements and attributes as the tree walk (linkAttr), anchors
// with their text and what it shows, the first <base href> outside
// <template>, scripts and event handlers, conditional comments, <noscript>
// content and <iframe srcdoc> documents, the text images and fields show,
// and the links written in the text. Nesting, which the tokens do not
// show, changes nothing a link leads to; where the parser would end an
// anchor (a table cell's end), so does the scan.
func tokenLinks(doc string, body *bodyText, maxLinks int) {
	tokenLinksIn(htmlSource(doc), body, maxLinks, 0, nil)
}

// tokenLinksIn is tokenLinks on a document nested conditional deep in
// conditional comments and <iframe srcdoc> documents, which it
// reads too, up to maxConditional, under the bases of the document they
// stand in (inherited), as the tree walk does. <noscript> content is read
// as HTML, as the parser reads it with scripting off.
func tokenLinksIn(doc string, body *bodyText, maxLinks, conditional int, inherited []*base) {
	body.max = maxLinks
	body.deep = true
	t := &tokenWalk{shownText: shownText{body: body}, bases: inherited, conditional: conditional}
	t.shownText.unhidden = &t.unhidden
	if conditional == 0 {
		if b := tokenBase(doc); b != nil {
			t.bases = []*base{b}
		}
		t.bases = withHeaderBase(t.bases, body.headerBase)
	}
	z := html.NewTokenizer(strings.NewReader(doc))
	for tt := z.Next(); tt != html.ErrorToken; tt = z.Next() {
		t.token(z, tt, z.Token())
	}
	t.closeAnchor()
	t.finish(maxLinks)
	body.addTextLinks(t.unhidden.String(), maxLinks)
}

// tokenWalk is the state of tokenLinksIn.
type tokenWalk struct {
	shownText
	bases       []*base
	conditional int
	anchorHref  string
	skip        string // the raw-text element being skipped (script, style...)
	foreign     foreignContent
	stack       openStack // htmlopen.go
	// reopen are the formatting elements another's end tag closed, to be
	// reopened around the next text; beforeTable, the end of the text
	// before the last table opened, read with the text the table holds
	// outside its cells.
	reopen      []openElement
	beforeTable string
	// doctype: the document declares one, so that it is not read in
	// quirks mode, where a <table> does not close a <p>.
	doctype bool
	// placers counts the elements met that place their text
	// (placesText): a sized box whose end sees the count grown held one.
	placers int
	// unhidden is the scan's second reading of the text outside
	// anchors, which hides nothing: where the stack's model of the
	// parser errs, every word is still read beside its neighbours.
	unhidden strings.Builder
}

// foreignContent follows, from the tokens, whether the parser is in <svg>
// or <math> content, where the tags the tokenizer takes for raw text
// (<style>, <title>) hold markup: the svg and math elements open, and the
// integration points within them (svg's <foreignObject>, <desc>, <title>;
// math's <mi>, <mo>, <mn>, <ms>, <mtext>, and <annotation-xml> with an
// HTML encoding), where HTML rules hold again. Past maxForeignDepth
// elements it counts the rest and takes them for foreign content, which
// reads more of the document, never less.
type foreignContent struct {
	open     []foreignElement
	overflow int
}

type foreignElement struct {
	tag, ns     string // ns: "svg" or "math", the namespace it stands in
	integration bool
}

// in reports foreign content: an svg or math element open, and no
// integration point within it.
func (f *foreignContent) in() bool {
	return f.overflow > 0 || len(f.open) > 0 && !f.open[len(f.open)-1].integration
}

// ns is the namespace of the foreign content open, "" when none.
func (f *foreignContent) ns() string {
	if len(f.open) == 0 {
		return ""
	}
	return f.open[len(f.open)-1].ns
}

// isIntegrationPoint reports an element of namespace ns whose content
// the parser reads as HTML.
func isIntegrationPoint(ns string, tok html.Token) bool {
	switch ns {
	case "svg":
		return tok.Data == "foreignobject" || tok.Data == "desc" || tok.Data == "title"
	case "math":
		switch tok.Data {
		case "mi", "mo", "mn", "ms", "mtext":
			return true
		case "annotation-xml":
			enc, _ := attrOf(tok.Attr, "", "encoding")
			enc = strings.ToLower(enc)
			return enc == "text/html" || enc == "application/xhtml+xml"
		}
	}
	return false
}

// start records a start tag and reports whether it stands in foreign
// content. A tag that breaks out of foreign content (<p>, <div>, <b>...)
// ends it, up to the integration point it stands in; in math's text
// integration points, <mglyph> and <malignmark> stay foreign.
func (f *foreignContent) start(tok html.Token, selfClosing bool) bool {
	tag := tok.Data
	if f.in() && f.overflow == 0 && breaksOutOfForeign[tag] {
		for f.in() {
			f.open = f.open[:len(f.open)-1]
		}
	}
	foreign := f.in() || len(f.open) > 0 && f.ns() == "math" && (tag == "mglyph" || tag == "malignmark")
	var e foreignElement
	switch {
	case selfClosing:
		return foreign
	case tag == "svg" || tag == "math":
		e = foreignElement{tag: tag, ns: tag}
	case f.in() && isIntegrationPoint(f.ns(), tok):
		e = foreignElement{tag: tag, ns: f.ns(), integration: true}
	case foreign && !f.in():
		e = foreignElement{tag: tag, ns: "math"} // <mglyph> in <mi>: foreign again
	default:
		return foreign
	}
	if len(f.open) == maxForeignDepth || f.overflow > 0 {
		f.overflow++
		return foreign
	}
	f.open = append(f.open, e)
	return foreign
}

// end records an end tag: it closes the element open under that name.
func (f *foreignContent) end(tag string) {
	switch i := len(f.open) - 1; {
	case f.overflow > 0:
		f.overflow--
	case i >= 0 && f.open[i].tag == tag:
		f.open = f.open[:i]
	}
}

// maxForeignDepth bounds the elements foreignContent follows.
const maxForeignDepth = 64

func (t *tokenWalk) token(z *html.Tokenizer, tt html.TokenType, tok html.Token) {
	switch tt {
	case html.TextToken:
		switch {
		case t.skip == "script":
			for _, u := range scriptURLs(tok.Data) {
				addHref(t.body, u, "", t.bases)
			}
		case t.skip != "":
		default:
			t.readText(tok.Data)
		}
	case html.StartTagToken, html.SelfClosingTagToken:
		t.startTag(z, tt, tok)
	case html.DoctypeToken:
		t.doctype = true
	case html.CommentToken:
		// Outlook renders what "<!--[if mso]>...<![endif]-->" holds.
		if strings.HasPrefix(strings.TrimSpace(tok.Data), "[if") && t.body.readsNested(t.conditional) {
			tokenLinksIn(tok.Data, t.body, t.body.max, t.conditional+1, t.bases)
		}
	case html.EndTagToken:
		switch {
		case tok.Data == t.skip:
			t.skip = ""
		case tok.Data == "a" || cellEnds[tok.Data]:
			t.closeAnchor()
		}
		t.foreign.end(tok.Data)
		t.close(tok.Data)
	}
}

func (t *tokenWalk) startTag(z *html.Tokenizer, tt html.TokenType, tok html.Token) {
	foreign := t.foreign.start(tok, tt == html.SelfClosingTagToken)
	switch {
	case foreign || tok.Data == "noscript":
		// In <svg> and <math>, <style>, <title> and the like hold
		// markup, as the parser reads them; mail clients run no
		// scripts, and show <noscript> content as HTML.
		z.NextIsNotRawText()
	case tok.Data == "script" || tok.Data == "style" || tok.Data == "template" || tok.Data == "noframes":
		if tt == html.StartTagToken {
			t.skip = tok.Data
		}
		if tok.Data == "template" {
			// Its content is a document apart: its end closes all
			// that was opened inside it.
			el := newElement(tok.Data, tok.Attr)
			el.parent = t.inherit
			t.open(tok, el, false)
		}
		return
	}
	if cellEnds[tok.Data] && tok.Data != "table" {
		// A cell's start ends an anchor left open in the cell before;
		// a table's start keeps it open (the table stands in it).
		t.closeAnchor()
	}
	t.startElement(tok, foreign && tt == html.SelfClosingTagToken)
	if doc, ok := attrOf(tok.Attr, "", "srcdoc"); ok && tok.Data == "iframe" && t.body.readsNested(t.conditional) {
		tokenLinksIn(doc, t.body, t.body.max, t.conditional+1, t.bases)
	}
	for _, u := range attrURLs(tok.Data, tok.Attr) {
		addHref(t.body, u, "", t.bases)
	}
	href, ok := linkAttr(tok.Data, tok.Attr)
	switch {
	case !ok:
	case tok.Data == "a" && tt == html.StartTagToken && !t.inAnchor:
		t.anchorHref = href
		t.startAnchor()
	default:
		addHref(t.body, href, "", t.bases)
	}
}

// voidElements have no end tag.
var voidElements = map[string]bool{"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true,
	"img": true, "input": true, "keygen": true, "link": true, "meta": true, "param": true, "source": true,
	"track": true, "wbr": true}

// startElement parts words where an element starts (partsWords), shows
// the text its attributes give, and for an element with an end tag,
// follows it there (open). A button parts words only once it shows text
// (pendingSep). A self-closing tag closes only a void element or, in
// foreign content, any: an HTML <span/> stays open, as the parser
// leaves it.
func (t *tokenWalk) startElement(tok html.Token, selfClosing bool) {
	el := newElement(tok.Data, tok.Attr)
	el.parent = t.inherit
	if t.hidden == 0 && placesText(el) {
		t.placers++ // before its own start: it places what its box holds
	}
	parts := partsWords(el)
	if !selfClosing && !voidElements[tok.Data] {
		t.open(tok, el, tok.Data == "button" && parts)
		return
	}
	if reopensFormatting(tok.Data) {
		t.reopenFormatting()
	}
	hides := isHiddenIn(t.foreign.ns(), el)
	if hides {
		t.hidden++
	}
	if pullsSpace(el, true) {
		t.pullSpace()
	}
	if parts {
		t.part(el)
	}
	if s, ok := attrText(tok.Data, tok.Attr); ok {
		t.shown(s)
	}
	if pullsSpace(el, false) {
		t.pullSpace()
	}
	if hides {
		t.hidden--
	}
}

// closeAnchor records the anchor being read, if any.
func (t *tokenWalk) closeAnchor() {
	if !t.inAnchor {
		return
	}
	text := squash(t.endAnchor())
	t.text.WriteString(text + " ")
	addHref(t.body, t.anchorHref, text, t.bases)
}

// cellEnds are the elements whose start or end closes an anchor left open
// in a table, as the parser closes it with its cell.
var cellEnds = map[string]bool{"td": true, "th": true, "tr": true, "table": true, "tbody": true, "thead": true, "tfoot": true, "caption": true}

// breaksOutOfForeign are the start tags that end <svg> and <math> content
// in the HTML parser: what follows them is HTML again.
var breaksOutOfForeign = map[string]bool{"b": true, "big": true, "blockquote": true, "body": true, "br": true,
	"center": true, "code": true, "dd": true, "div": true, "dl": true, "dt": true, "em": true, "embed": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "head": true, "hr": true, "i": true,
	"img": true, "li": true, "listing": true, "menu": true, "meta": true, "nobr": true, "ol": true, "p": true,
	"pre": true, "ruby": true, "s": true, "small": true, "span": true, "strong": true, "strike": true, "sub": true,
	"sup": true, "table": true, "tt": true, "u": true, "ul": true, "var": true}

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
