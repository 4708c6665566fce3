package verify

import "golang.org/x/net/html"

// The token scan's stack of open elements: what the tree builder would
// hold open, followed from the tokens well enough to know where an
// element that hides its text, sizes its font or ends a line ends. An
// end tag closes the elements above the one it names, unless a special
// element stands between (HTML 13.2.6.4.7, "any other end tag"), as the
// parser does; a start tag closes what it implies (a <p> open at a <div>,
// an <li> at the next <li>, a cell at the next cell). Where this model
// errs, the scan's second reading, which hides nothing, still holds every
// word (tokenWalk).

// openElement is an element open in the token scan, with what its end
// tag, which has no attributes, must undo.
type openElement struct {
	tag         string
	parts       bool // a block or a drawn box: parts words at its end
	hides       bool // drawn as nothing, nor its descendants
	drawnButton bool
	prevZero    bool // the font size zero before it
}

// maxOpen bounds the elements followed; past it, an element's start
// parts words, but its hiding and font are not followed, and an end tag
// not matched is read by its name alone.
const maxOpen = 1 << 16

// open records a start tag that has an end tag: what it does to the
// words, kept until that end.
func (t *tokenWalk) open(tok html.Token, parts, button bool) {
	t.closeImplied(tok.Data)
	hides := isHidden(tok.Data, tok.Attr)
	if len(t.stack) == maxOpen {
		if parts && !button {
			t.separate()
		}
		return
	}
	if hides {
		t.hidden++
	}
	switch {
	case button:
		t.pendingSep = true
	case parts:
		t.separate()
	}
	t.stack = append(t.stack, openElement{tag: tok.Data, parts: parts && !button, hides: hides,
		drawnButton: button, prevZero: t.zeroFont})
	t.setFontSize(elementFontSize(tok.Data, tok.Attr))
}

// close records an end tag: the element it names is closed, and those
// open above it, unless none is open or a special element stands
// between; a </p> or </br> with none open makes a line break, as the
// parser makes an empty paragraph or a <br> of it.
func (t *tokenWalk) close(tag string) {
	for i := len(t.stack) - 1; i >= 0; i-- {
		switch e := t.stack[i].tag; {
		case e == tag:
			for len(t.stack) > i {
				t.pop()
			}
			return
		case scopeBoundaries[e] || htmlSpecial[e] && !formattingElements[tag] && !htmlSpecial[tag]:
			i = 0 // the end tag is ignored
		}
	}
	if tag == "p" || tag == "br" || len(t.stack) == maxOpen && blockElements[tag] {
		t.separate()
	}
}

// pop closes the element on top of the stack.
func (t *tokenWalk) pop() {
	e := t.stack[len(t.stack)-1]
	t.stack = t.stack[:len(t.stack)-1]
	switch {
	case e.drawnButton && t.pendingSep:
		t.pendingSep = false // an empty button
	case e.parts || e.drawnButton:
		t.separate()
	}
	if e.hides {
		t.hidden--
	}
	t.zeroFont = e.prevZero
}

// closeImplied closes what a start tag implies: an open <p> at the start
// of a block (but a <table> in quirks mode, which a mail without a
// doctype is), the previous item of a list, a cell, row or option.
func (t *tokenWalk) closeImplied(tag string) {
	switch {
	case closesP[tag] && (tag != "table" || t.doctype):
		t.closeOpen("p", buttonScope)
	case tag == "li":
		t.closeOpen("li", listItemScope)
	case tag == "dd" || tag == "dt":
		t.closeOpen("dd", listItemScope)
		t.closeOpen("dt", listItemScope)
	case tag == "option" || tag == "optgroup":
		if n := len(t.stack); n > 0 && t.stack[n-1].tag == "option" {
			t.pop()
		}
	case tag == "td" || tag == "th" || tag == "tr" || tag == "tbody" || tag == "thead" || tag == "tfoot":
		t.closeOpen("td", tableScope)
		t.closeOpen("th", tableScope)
		if tag != "td" && tag != "th" {
			t.closeOpen("tr", tableScope)
		}
	}
	if closesP[tag] && len(tag) == 2 && tag[0] == 'h' && tag[1] >= '1' && tag[1] <= '6' {
		if n := len(t.stack); n > 0 && isHeading(t.stack[n-1].tag) {
			t.pop() // a heading does not hold another
		}
	}
}

func isHeading(tag string) bool {
	return len(tag) == 2 && tag[0] == 'h' && tag[1] >= '1' && tag[1] <= '6'
}

// Scopes, by the elements that bound them (HTML 13.2.4.2).
const (
	buttonScope = iota
	listItemScope
	tableScope
)

// closeOpen closes the element named tag if it is open within scope,
// with those above it.
func (t *tokenWalk) closeOpen(tag string, scope int) {
	for i := len(t.stack) - 1; i >= 0; i-- {
		e := t.stack[i].tag
		if e == tag {
			for len(t.stack) > i {
				t.pop()
			}
			return
		}
		switch scope {
		case tableScope:
			if e == "table" || e == "template" || e == "html" {
				return
			}
		case listItemScope:
			if scopeBoundaries[e] || e == "ol" || e == "ul" || htmlSpecial[e] && e != "address" && e != "div" && e != "p" {
				return
			}
		default:
			if scopeBoundaries[e] || e == "button" {
				return
			}
		}
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
// above them (the adoption agency, simplified).
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
