package verify

import (
	"strings"

	"golang.org/x/net/html"
)

// The token scan's stack of open elements: what the tree builder would
// hold open, followed from the tokens well enough to know where an
// element that hides its text, sizes its font or ends a line ends. An
// end tag closes the elements above the one it names, unless a special
// element stands between (HTML 13.2.6.4.7, "any other end tag"), as the
// parser does; a start tag closes what it implies (a <p> open at a <div>,
// an <li> at the next <li>, a table's parts at the next row or cell); a
// formatting element closed by another's end tag comes back around the
// next text (13.2.4.3); text a table holds outside its cells is read
// beside the text before the table, where the parser moves it. Where this
// model errs, the scan's second reading, which hides nothing, still holds
// every word (tokenWalk).
//
// Every question is answered in constant time from the indexes kept
// beside the stack (openStack), not by searching it: a stack of 65,536
// elements must not cost as much per token.

// openElement is an element open in the token scan, with what its end
// tag, which has no attributes, must undo.
type openElement struct {
	tag   string
	parts bool // a block or a drawn box: parts words at its end
	line  bool // a block: ends a line at its end
	room  bool // a block that draws room at its sides (blockRoom)
	// partsPlaced is parts if it holds an element that places its text
	// (placesText): the scan's count of them, placersAt, grew by its end.
	partsPlaced bool
	placersAt   int
	hides       bool // drawn as nothing, nor its descendants
	hidesInside bool // drawn, but not what it holds (hidesContent)
	drawnButton bool
	// box: an atomic inline box (opensBox), whose edges part nothing;
	// wasFresh, what its end restores (htmledge.go).
	box, wasFresh bool
	// pullAfter: its right margin takes back the space after it;
	// squeezes: its spacing squeezes its spaces (htmledge.go).
	pullAfter, squeezes bool
	// fostered: opened in a table outside its cells, where the parser
	// moves it, and what it holds, before the table.
	fostered bool
	prevZero bool // the font size zero before it
	// passes is what it passes on to what it holds (htmlalign.go
	// inherited), prevInherit what was passed on before it.
	passes, prevInherit inherited
	font                fontSize // the size it sets, for a formatting element reopened
}

// openStack is the stack with its indexes: where the elements of each
// name stand, and where those that bound each scope stand, in order.
type openStack struct {
	elements []openElement
	byTag    map[string][]int
	bounds   [numScopes][]int
	// steps counts the elements pushed, popped and looked for: a test
	// holds it linear in the tokens.
	steps int
}

// The scopes an element is looked for in (HTML 13.2.4.2), and the
// special elements, which an end tag of another name does not close.
const (
	defaultScope = iota
	buttonScope
	listItemScope
	tableScope
	specialScope
	numScopes
)

// bounding reports whether tag bounds scope.
func bounding(scope int, tag string) bool {
	switch scope {
	case defaultScope:
		return scopeBoundaries[tag]
	case buttonScope:
		return scopeBoundaries[tag] || tag == "button"
	case listItemScope:
		return scopeBoundaries[tag] || tag == "ol" || tag == "ul" ||
			htmlSpecial[tag] && tag != "address" && tag != "div" && tag != "p"
	case tableScope:
		return tag == "table" || tag == "template" || tag == "html"
	}
	return htmlSpecial[tag]
}

func (s *openStack) push(e openElement) {
	s.steps++
	i := len(s.elements)
	s.elements = append(s.elements, e)
	if s.byTag == nil {
		s.byTag = make(map[string][]int)
	}
	s.byTag[e.tag] = append(s.byTag[e.tag], i)
	for scope := range s.bounds {
		if bounding(scope, e.tag) {
			s.bounds[scope] = append(s.bounds[scope], i)
		}
	}
}

func (s *openStack) pop() openElement {
	s.steps++
	i := len(s.elements) - 1
	e := s.elements[i]
	s.elements = s.elements[:i]
	at := s.byTag[e.tag]
	s.byTag[e.tag] = at[:len(at)-1]
	for scope := range s.bounds {
		if b := s.bounds[scope]; len(b) > 0 && b[len(b)-1] == i {
			s.bounds[scope] = b[:len(b)-1]
		}
	}
	return e
}

// inScope returns where the last element named tag stands, when no
// element bounding scope stands above it (it may bound it itself), or -1.
func (s *openStack) inScope(tag string, scope int) int {
	s.steps++
	at := s.byTag[tag]
	if len(at) == 0 {
		return -1
	}
	i := at[len(at)-1]
	if b := s.bounds[scope]; len(b) > 0 && b[len(b)-1] > i {
		return -1
	}
	return i
}

// topElement returns the element on top, or nil.
func (s *openStack) topElement() *openElement {
	if len(s.elements) == 0 {
		return nil
	}
	return &s.elements[len(s.elements)-1]
}

// top returns the tag of the element on top, or "".
func (s *openStack) top() string {
	if len(s.elements) == 0 {
		return ""
	}
	return s.elements[len(s.elements)-1].tag
}

// maxOpen bounds the elements followed; past it, an element's start
// parts words, but its hiding and font are not followed, and an end tag
// not matched is read by its name alone.
const maxOpen = 1 << 16

// maxReopened bounds the formatting elements kept to be reopened.
const maxReopened = 256

// tableContext are the elements in which text and elements other than a
// table's parts are moved before the table (foster parenting); tableParts
// are those parts.
var (
	tableContext = map[string]bool{"table": true, "tbody": true, "thead": true, "tfoot": true, "tr": true, "colgroup": true}
	tableParts   = map[string]bool{"caption": true, "colgroup": true, "col": true, "tbody": true, "thead": true, "tfoot": true,
		"tr": true, "td": true, "th": true, "table": true, "template": true, "script": true, "style": true, "form": true,
		"input": true}
)

// open records a start tag that has an end tag: what it does to the
// words, kept until that end.
func (t *tokenWalk) open(tok html.Token, el *element, button bool) {
	before, after := partsAround(el)
	placed := *el
	placed.placedInside = true
	_, afterPlaced := partsAround(&placed) // if it holds what places its text
	t.closeImplied(tok.Data)
	if reopensFormatting(tok.Data) {
		t.reopenFormatting()
	}
	if pullsSpace(el, true) {
		t.pullSpace()
	}
	if len(t.stack.elements) == maxOpen {
		if before && !button {
			t.part(el)
		}
		return
	}
	if tok.Data == "table" {
		t.flushEdge() // the space before the table stands before what it moves there
		if t.inAnchor {
			t.beforeTable = tail(t.anchor.String(), 64)
		} else {
			t.beforeTable = tail(t.loose.String(), 64)
		}
	}
	top := t.stack.topElement()
	fostered := top != nil && (tableContext[top.tag] && !tableParts[tok.Data] || top.fostered)
	hides := isHiddenIn(t.foreign.ns(), el)
	if hides {
		t.hidden++
	}
	switch {
	case button:
		t.pendingSep = true
	case before:
		t.part(el)
	}
	inside := hidesContent(el)
	if inside {
		t.hidden++
	}
	font := elementFontSize(el)
	box, wasFresh := opensBox(el), false
	if box {
		wasFresh = t.openBox()
	}
	t.push(openElement{tag: tok.Data, parts: after && !button, partsPlaced: afterPlaced && !button,
		placersAt: t.placers, line: isBlock(el), room: blockRoom(el), hides: hides, hidesInside: inside,
		drawnButton: button, font: font, fostered: fostered, box: box, wasFresh: wasFresh,
		pullAfter: pullsSpace(el, false), squeezes: squeezesSpaces(el), passes: ownInherited(el)})
}

// push opens e, its font applied; the caller counts it hidden.
func (t *tokenWalk) push(e openElement) {
	if e.squeezes {
		t.edge.squeezed++
	}
	e.prevZero = t.zeroFont
	e.prevInherit = t.inherit
	t.inherit = e.passes
	t.stack.push(e)
	t.setFontSize(e.font)
	if markers[e.tag] {
		// Formatting closed before a cell is not reopened inside it.
		t.reopen = append(t.reopen, openElement{})
	}
}

// close records an end tag: the element it names is closed, and those
// open above it, unless none is open or an element stands between that
// the tag cannot close; a </p> or </br> with none open makes a line
// break, as the parser makes an empty paragraph or a <br> of it.
func (t *tokenWalk) close(tag string) {
	scope := specialScope
	if htmlSpecial[tag] || formattingElements[tag] {
		scope = defaultScope
	}
	if i := t.stack.inScope(tag, scope); i >= 0 {
		t.popTo(i, tag)
		return
	}
	if formattingElements[tag] {
		t.forget(tag) // the adoption agency's step 4
		return
	}
	if tag == "p" || tag == "br" || len(t.stack.elements) == maxOpen && blockElements[tag] {
		t.endLine()
	}
}

// popTo closes the elements from the top down to the one at i. The
// formatting elements closed on the way, but the one an end tag named,
// are reopened around the next text, as the parser reopens them, three
// alike at most (the parser's "Noah's Ark").
func (t *tokenWalk) popTo(i int, named string) {
	for len(t.stack.elements) > i {
		e := t.pop()
		if formattingElements[e.tag] && !(len(t.stack.elements) == i && e.tag == named) {
			t.keepToReopen(e)
		}
	}
}

// keepToReopen adds e to the formatting elements to reopen.
func (t *tokenWalk) keepToReopen(e openElement) {
	alike, first := 0, -1
	for k := len(t.reopen) - 1; k >= 0 && t.reopen[k].tag != ""; k-- {
		if r := t.reopen[k]; r.tag == e.tag && r.hides == e.hides && r.font == e.font {
			alike, first = alike+1, k
		}
	}
	if alike >= 3 {
		t.reopen = append(t.reopen[:first], t.reopen[first+1:]...)
	}
	if len(t.reopen) < maxReopened {
		t.reopen = append(t.reopen, e)
	}
}

// forget drops the last formatting element to reopen of that name: its
// end tag, with none open, ends it.
func (t *tokenWalk) forget(tag string) {
	for k := len(t.reopen) - 1; k >= 0 && t.reopen[k].tag != ""; k-- {
		if t.reopen[k].tag == tag {
			t.reopen = append(t.reopen[:k], t.reopen[k+1:]...)
			return
		}
	}
}

// reopenFormatting reopens the formatting elements closed by another's
// end tag since the last cell opened, outermost first, before text or an
// element goes in.
func (t *tokenWalk) reopenFormatting() {
	k := t.afterLastMarker()
	for i := len(t.reopen) - 1; i >= k && len(t.stack.elements) < maxOpen; i-- {
		e := t.reopen[i]
		if e.hides {
			t.hidden++
		}
		e.hidesInside = false // formatting elements hold no fallback
		e.box = false         // nor a box of their own once reopened
		e.pullAfter = false
		t.push(e)
	}
	t.reopen = t.reopen[:k]
}

// afterLastMarker returns where the formatting elements to reopen since
// the last cell opened start in t.reopen: past its marker.
func (t *tokenWalk) afterLastMarker() int {
	k := len(t.reopen)
	for k > 0 && t.reopen[k-1].tag != "" {
		k--
	}
	return k
}

// reopensFormatting reports the start tags before which the parser
// reopens formatting elements (13.2.6.4.7): all but the blocks and other
// special elements that do not hold phrasing content.
func reopensFormatting(tag string) bool {
	return !htmlSpecial[tag] || reopenSpecial[tag]
}

var reopenSpecial = map[string]bool{"applet": true, "area": true, "br": true, "embed": true, "img": true,
	"input": true, "keygen": true, "marquee": true, "object": true, "select": true, "wbr": true, "xmp": true}

// pop closes the element on top of the stack.
func (t *tokenWalk) pop() openElement {
	e := t.stack.pop()
	if markers[e.tag] {
		// The formatting closed inside the cell is forgotten with it.
		k := t.afterLastMarker()
		t.reopen = t.reopen[:max(0, k-1)]
	}
	if e.hidesInside {
		t.hidden--
	}
	if e.box {
		t.closeBox(e.wasFresh)
	}
	if e.pullAfter {
		t.pullSpace()
	}
	if e.squeezes {
		t.edge.squeezed--
	}
	parts := e.parts
	if t.placers > e.placersAt {
		parts = e.partsPlaced // it held what places its text
	}
	switch {
	case e.drawnButton && t.pendingSep:
		t.pendingSep = false // an empty button
	case parts:
		t.partAt(e.line, e.room)
	case e.drawnButton:
		t.separate()
	}
	if e.hides {
		t.hidden--
	}
	t.zeroFont = e.prevZero
	t.inherit = e.prevInherit
	return e
}

// readText reads a text token of the scan: formatting closed by
// another's end tag is reopened around it, and text a table holds outside
// its cells is also read after the text before the table, where the
// parser moves it (foster parenting).
func (t *tokenWalk) readText(s string) {
	t.reopenFormatting()
	if top := t.stack.topElement(); top != nil && (tableContext[top.tag] || top.fostered) && strings.TrimSpace(s) != "" {
		if t.inAnchor {
			t.body.addAnchorText(t.beforeTable + s)
		} else {
			t.body.addNodeLinks(t.beforeTable + s)
		}
	}
	t.shown(s)
}

// tail returns the last n bytes of s at most, cut at a rune's start.
func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := len(s) - n
	for i < len(s) && s[i]&0xc0 == 0x80 {
		i++
	}
	return s[i:]
}

// markers are the elements inside which formatting closed before them is
// not reopened (13.2.4.3).
var markers = map[string]bool{"td": true, "th": true, "caption": true, "template": true, "applet": true,
	"object": true, "marquee": true}

// closeImplied closes what a start tag implies: an open <p> at the start
// of a block (but a <table> in quirks mode, which a mail without a
// doctype is), the previous item of a list, an option, a heading at a
// heading, and a table's parts at the next part: a row closes the row and
// cell open, a cell the cell, a section, caption or column group all that
// the table holds open.
func (t *tokenWalk) closeImplied(tag string) {
	switch {
	case closesP[tag] && (tag != "table" || t.doctype):
		t.closeOpen("p", buttonScope)
	case tag == "option" || tag == "optgroup":
		if t.stack.top() == "option" {
			t.pop()
		}
	}
	switch tag {
	case "li":
		t.closeOpen("li", listItemScope)
	case "dd", "dt":
		t.closeOpen("dd", listItemScope)
		t.closeOpen("dt", listItemScope)
	case "caption", "colgroup", "col", "tbody", "thead", "tfoot":
		t.clearBackTo(tableScope, "table")
	case "tr":
		t.clearBackTo(tableScope, "tbody", "thead", "tfoot", "table")
	case "td", "th":
		t.clearBackTo(tableScope, "tr", "tbody", "thead", "tfoot", "table")
	}
	if isHeading(tag) && isHeading(t.stack.top()) {
		t.pop() // a heading does not hold another
	}
}

// clearBackTo closes what stands above the nearest of the elements named
// (in table scope), as the parser clears the stack back to a table, body
// or row context; nothing when none is open.
func (t *tokenWalk) clearBackTo(scope int, tags ...string) {
	at := -1
	for _, tag := range tags {
		at = max(at, t.stack.inScope(tag, scope))
	}
	if at >= 0 {
		t.popTo(at+1, "")
	}
}

func isHeading(tag string) bool {
	return len(tag) == 2 && tag[0] == 'h' && tag[1] >= '1' && tag[1] <= '6'
}

// closeOpen closes the element named tag if it is open within scope,
// with those above it.
func (t *tokenWalk) closeOpen(tag string, scope int) {
	if i := t.stack.inScope(tag, scope); i >= 0 {
		t.popTo(i, tag)
	}
}

// scopeBoundaries bound the default scope: an end tag or an implied end
// does not reach past them.
var scopeBoundaries = map[string]bool{"applet": true, "caption": true, "html": true, "table": true, "td": true,
	"th": true, "marquee": true, "object": true, "template": true}

// closesP are the start tags that close an open <p>.
var closesP = map[string]bool{"address": true, "article": true, "aside": true, "blockquote": true, "center": true,
	"details": true, "dialog": true, "dir": true, "div": true, "dl": true, "fieldset": true, "figcaption": true,
	"figure": true, "footer": true, "header": true, "hgroup": true, "main": true, "menu": true, "nav": true,
	"ol": true, "p": true, "search": true, "section": true, "summary": true, "ul": true, "h1": true, "h2": true,
	"h3": true, "h4": true, "h5": true, "h6": true, "pre": true, "listing": true, "form": true, "li": true,
	"dd": true, "dt": true, "plaintext": true, "table": true, "hr": true, "xmp": true}

// formattingElements are closed by their end tag through the elements
// above them (the adoption agency, simplified), and reopened when another
// end tag closes them.
var formattingElements = map[string]bool{"a": true, "b": true, "big": true, "code": true, "em": true, "font": true,
	"i": true, "nobr": true, "s": true, "small": true, "strike": true, "strong": true, "tt": true, "u": true}

// htmlSpecial are the parser's special elements (HTML 13.2.4.2): an end
// tag of another name does not close them.
var htmlSpecial = map[string]bool{"address": true, "applet": true, "area": true, "article": true, "aside": true,
	"base": true, "basefont": true, "bgsound": true, "blockquote": true, "body": true, "br": true, "button": true,
	"caption": true, "center": true, "col": true, "colgroup": true, "dd": true, "details": true, "dir": true,
	"div": true, "dl": true, "dt": true, "embed": true, "fieldset": true, "figcaption": true, "figure": true,
	"footer": true, "form": true, "frame": true, "frameset": true, "h1": true, "h2": true, "h3": true, "h4": true,
	"h5": true, "h6": true, "head": true, "header": true, "hgroup": true, "hr": true, "html": true, "iframe": true,
	"img": true, "input": true, "keygen": true, "li": true, "link": true, "listing": true, "main": true,
	"marquee": true, "menu": true, "meta": true, "nav": true, "noembed": true, "noframes": true, "noscript": true,
	"object": true, "ol": true, "p": true, "param": true, "plaintext": true, "pre": true, "script": true,
	"search": true, "section": true, "select": true, "source": true, "style": true, "summary": true,
	"table": true, "tbody": true, "td": true, "template": true, "textarea": true, "tfoot": true, "th": true,
	"thead": true, "title": true, "tr": true, "track": true, "ul": true, "wbr": true, "xmp": true}
