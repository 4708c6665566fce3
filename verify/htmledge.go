package verify

import (
	"strings"

	"golang.org/x/net/html"
)

// The white space between words, as the line it stands in draws it.
//
// The edges of an atomic inline box (an inline-block, a button): the box
// lays its content out in lines of its own, and the white space at the
// start and at the end of a line is removed (CSS Text 3, 4.1.1, phase
// II), as a line a block or a <br> ends at the box's start or end is a
// line of the box, not of the line it stands in. So "ameli-<span
// style=display:inline-block> aide </span>.com" and "ameli-<span
// style=display:inline-block><div>aide</div></span>.com" both show
// ameli-aide.com: what parts the words at a box's edges is the room the
// box leaves (partsAround), never what it holds.
//
// A space pulled back: an element whose margin takes back more room than
// half a space on one side ("ameli-aide <span style=margin-left:-5px>
// .com</span>") draws over the space beside it, which parts nothing.

// A space squeezed: inside an element whose word-spacing or
// letter-spacing takes back most of a space ("ameli-aide<span
// style=word-spacing:-0.3em> </span>.com"), the spaces draw next to
// nothing, and part no words.

// tightSpacing is the spacing, in pixels, that squeezes a space: most of
// a space at a mail's usual 16-pixel font (a judgement call; headings
// tightened by a pixel or two keep their spaces).
const tightSpacing = -3

// squeezesSpaces reports an element whose word-spacing or letter-spacing
// squeezes its spaces.
func squeezesSpaces(e *element) bool {
	return pixels(e, cssValue(e, "word-spacing")) <= tightSpacing ||
		pixels(e, cssValue(e, "letter-spacing")) <= tightSpacing
}

// boxEdges follows the white space after the last text written and the
// atomic boxes open around the text being read.
type boxEdges struct {
	depth int
	// fresh: no text shown yet in the innermost box, where white space
	// and line ends are dropped.
	fresh bool
	// pending is the separator (' ' or '\n', 0 for none) met since the
	// last text shown: written before the next text, dropped at a box's
	// end or where an element pulls a space back.
	pending byte
	// pull: an element took room back where no space was pending; the
	// next space, at the start of the text that follows, is taken.
	pull bool
	// squeezed counts the elements open that squeeze their spaces.
	squeezed int
}

// spacePulled is the room, in pixels, an element's margin must take back
// to draw over the space beside it: half of a space at a mail's usual
// 16-pixel font (a judgement call: what is left of the space reads as
// no gap).
const spacePulled = 2

// opensBox reports an element whose content is laid out in lines of its
// own, inside the line it stands in.
func opensBox(e *element) bool {
	return isAtomicInline(e) || e.tag == "button" && !isBlock(e)
}

// pullsSpace reports whether an element in the line takes back the space
// on its left (or right) side: a negative room there (roomBeside) of
// spacePulled or more. An element out of the line (hidden, floated,
// positioned, display:contents) or a block pulls nothing.
func pullsSpace(e *element, left bool) bool {
	if !mayTakeRoom(e) || isBlock(e) || isHidden(e) || cssDisplay(e) == "contents" || outOfLine(e) {
		return false
	}
	return roomBeside(e, left) <= -spacePulled
}

// mayTakeRoom reports whether an element declares what can make its room
// on a side negative (roomBeside): a margin or padding with a minus sign,
// or a shift (left, right, translate, transform), which takes room on one
// side whatever its sign. Borders and the rest only add room: most
// elements are answered without reading their sides.
func mayTakeRoom(e *element) bool {
	for _, d := range e.decls {
		switch {
		case d.name == "left" || d.name == "right" || d.name == "translate" || d.name == "transform":
			return true
		case strings.HasPrefix(d.name, "margin") || strings.HasPrefix(d.name, "padding"):
			if strings.IndexByte(d.value, '-') >= 0 {
				return true
			}
		}
	}
	return false
}

// pullSpace takes back the space pending, or else the next one.
func (h *shownText) pullSpace() {
	if h.hidden > 0 {
		return // an element drawn as nothing pulls nothing
	}
	switch h.edge.pending {
	case ' ':
		h.edge.pending = 0
	case 0:
		h.edge.pull = true
	}
}

// openBox starts reading a box's content; the separator pending before
// it stands between the text before the box and the box, and is written.
// It returns what closeBox restores.
func (h *shownText) openBox() (wasFresh bool) {
	h.flushEdge()
	wasFresh = h.edge.fresh
	h.edge.depth++
	h.edge.fresh = true
	return wasFresh
}

// closeBox ends a box's content: what was pending at its end is dropped.
// The box around it, if any, is still fresh if neither showed text.
func (h *shownText) closeBox(wasFresh bool) {
	h.edge.depth--
	h.edge.pending = 0
	h.edge.fresh = h.edge.depth > 0 && wasFresh && h.edge.fresh
}

// edgeSeparator keeps a line end met inside a box for the next text, or
// drops it before the box's first; it reports whether it did either. A
// space written by separate is room an image or a box leaves, drawn
// wherever it stands: it is written, and what follows it in the box is
// past the box's start.
func (h *shownText) edgeSeparator(sep byte) bool {
	switch {
	case h.edge.depth == 0:
		return false
	case sep == ' ':
		h.edge.fresh = false
		return false
	case !h.edge.fresh:
		h.edge.pending = '\n'
	}
	return true
}

// edgeText returns the part of a text shown that is written now: white
// space at a box's start dropped, white space at its end kept pending;
// the separator pending before it is written first, unless an element
// pulled it back.
func (h *shownText) edgeText(s string) string {
	if h.edge.squeezed > 0 {
		s = strings.Map(func(r rune) rune {
			if strings.ContainsRune(cssWhiteSpace, r) {
				return -1
			}
			return r
		}, s)
	}
	body := strings.TrimLeft(s, cssWhiteSpace)
	if body != s && !(h.edge.depth > 0 && h.edge.fresh) {
		h.edge.pending = max(h.edge.pending, ' ') // '\n' over ' '
	}
	if body == "" {
		return ""
	}
	if h.edge.pull {
		h.pullSpace()
	}
	h.flushEdge()
	h.edge.fresh = false
	trimmed := strings.TrimRight(body, cssWhiteSpace)
	if trimmed != body {
		h.edge.pending = ' '
	}
	return trimmed
}

// flushEdge writes the separator pending; what follows is past any pull.
func (h *shownText) flushEdge() {
	h.edge.pull = false
	if sep := h.edge.pending; sep != 0 {
		h.edge.pending = 0
		h.emit(sep)
	}
}

// blockRoom reports a block that draws room at its sides, so that the
// words at a box's edge stand apart from it: a <table> whose spacing or
// cells' padding is not zeroed, a sized block (its text leaves room), one
// with padding, border or margin on a side, or one the user agent's
// style sheet indents (lists, quotations, figures, definitions).
func blockRoom(e *element) bool {
	switch {
	case !isBlock(e):
		return false
	case e.tag == "table" && tableRoom(e), uaIndented[e.tag], sized(e):
		return true
	}
	return leavesRoom(e, true) || leavesRoom(e, false)
}

// tableRoom reports a <table> that draws room around its cells' text:
// the user agent's 2-pixel border spacing, unless cellspacing=0, a zero
// border-spacing or collapsed borders remove it, or its cells' 1-pixel
// padding, unless cellpadding=0 does; a border attribute draws cell
// borders. A cell's own style is read at the cell.
func tableRoom(e *element) bool {
	zero := func(attr string) bool {
		v, ok := attrOf(e.attrs, "", attr)
		n, _, num := leadingNumber(strings.TrimSpace(v))
		return ok && num && n == 0
	}
	spacing := !zero("cellspacing")
	if bs := cssValue(e, "border-spacing"); bs != "" {
		spacing = pixels(e, strings.Fields(bs)[0]) > minRoom
	}
	if cssValue(e, "border-collapse") == "collapse" {
		spacing = false
	}
	_, border := attrOf(e.attrs, "", "border")
	return spacing || !zero("cellpadding") || border && !zero("border")
}

var uaIndented = map[string]bool{"ul": true, "ol": true, "menu": true, "dir": true, "blockquote": true,
	"figure": true, "dd": true}

// placesText reports an element that places the text it holds apart
// from the alignment of the box it stands in: a float ("float:right" in
// a sized inline-block puts its text at the box's right edge), or a
// sized box (as wide as the box, aligned right). A sized box holding one
// leaves room by its width on no side vigie can tell (partsAround).
func placesText(e *element) bool {
	if isHidden(e) {
		return false
	}
	return floated(e) || (isAtomicInline(e) || isButton(e)) && sized(e)
}

// holdsPlacer reports whether n holds an element that places its text
// (placesText), each node's answer kept in memo: the tree is searched
// once whatever the nesting.
func holdsPlacer(n *html.Node, memo map[*html.Node]bool) bool {
	if v, ok := memo[n]; ok {
		return v
	}
	found := false
	for c := n.FirstChild; c != nil && !found; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		el := newElement(c.Data, c.Attr)
		found = placesText(el) || !isHidden(el) && holdsPlacer(c, memo)
	}
	memo[n] = found
	return found
}

// cssWhiteSpace is the white space CSS collapses (not a no-break space).
const cssWhiteSpace = " \t\n\r\f"
