package verify

import (
	"encoding/base64"
	"strconv"
	"strings"

	"golang.org/x/net/html"
)

// shownText gathers what an HTML document shows, for both of its readers
// (htmlWalk, tokenWalk): text is all the visible text, for names; loose
// the text outside anchors, searched for links written out; anchor the
// whole text of the anchor being read, the documents inside it included,
// whose links and addresses are judged (addAnchorText). A line ends at
// every block element, and words part at an image, field or frame drawn
// between them (partsWords), not at one that is hidden or a pixel wide.
type shownText struct {
	body                *bodyText
	text, loose, anchor strings.Builder
	// inPlace is all the visible text, the anchors' in place: the words
	// a reader sees glued across an anchor's edge ("remboursement@<a
	// href=...>ameli-aide</a>.com") are read there as anchors' texts are
	// (addAnchorText).
	inPlace strings.Builder
	// inAnchor: the text being read is an anchor's.
	inAnchor bool
	// hidden counts the elements open with display:none, and zeroFont
	// says the font size in force is 0 (a descendant may set another):
	// their text is searched for links node by node, but joins no
	// words, as the reader sees the words around it joined. The token
	// fallback, which cannot see where the parser closes an element,
	// hides nothing.
	hidden   int
	zeroFont bool
	// pendingSep: a <button> opened, which parts words only if it
	// holds text (an empty one may be drawn as nothing).
	pendingSep bool
	// unhidden, when set (the token scan), receives the text outside
	// anchors hidden or not, parted at every element that parts words:
	// a second reading, which hides nothing.
	unhidden *strings.Builder
	// edge follows the atomic inline boxes open (htmledge.go).
	edge boxEdges
	// inherit is what the element being read passes on (htmlalign.go).
	inherit inherited
}

// setFontSize applies the font size an element sets to the text inside
// it, and returns what restores the size in force at its end: a zero size
// hides text until a descendant sets one of its own; a relative one keeps
// a zero size zero.
func (h *shownText) setFontSize(size fontSize) (restore func()) {
	prev := h.zeroFont
	switch size {
	case fontZero:
		h.zeroFont = true
	case fontShown:
		h.zeroFont = false
	}
	return func() { h.zeroFont = prev }
}

// shown records text the reader sees: an anchor's, or loose text.
func (h *shownText) shown(s string) {
	if h.pendingSep && strings.TrimSpace(s) != "" {
		// The button's start, outside the box it opens.
		h.pendingSep = false
		h.emit(' ')
	}
	if h.unhidden != nil && !h.inAnchor {
		h.unhidden.WriteString(s)
	}
	if h.hidden > 0 || h.zeroFont {
		if h.inAnchor {
			h.body.addAnchorText(s)
		} else {
			h.body.addNodeLinks(s)
		}
		return
	}
	v := h.edgeText(s)
	h.inPlace.WriteString(v)
	if h.inAnchor {
		h.anchor.WriteString(v)
		h.body.addAnchorText(s)
		return
	}
	h.text.WriteString(v)
	h.loose.WriteString(v)
	h.body.addNodeLinks(s)
}

// separate parts two words.
func (h *shownText) separate() { h.write(' ') }

// endLine ends a line of text where a block starts or ends: a new line,
// where a paragraph ends for the bidirectional algorithm too (an override
// in one paragraph does not reach the next).
func (h *shownText) endLine() { h.write('\n') }

func (h *shownText) write(sep byte) {
	if h.unhidden != nil && !h.inAnchor {
		h.unhidden.WriteByte(sep)
	}
	if h.hidden > 0 || h.edgeSeparator(sep) {
		return // inside an element drawn as nothing, or a box's edge
	}
	h.flushEdge()
	h.emit(sep)
}

// emit writes a separator to the text being read.
func (h *shownText) emit(sep byte) {
	if h.hidden > 0 {
		return
	}
	h.inPlace.WriteByte(sep)
	if h.inAnchor {
		h.anchor.WriteByte(sep)
		return
	}
	h.text.WriteByte(sep)
	h.loose.WriteByte(sep)
}

// part ends a line before or after a block, or parts words at a box.
func (h *shownText) part(e *element) {
	h.partAt(isBlock(e), blockRoom(e))
}

// partAt ends a line (line), or parts words. A block that draws room at
// its sides (blockRoom) parts words inside a box as room does, at the
// box's edges too (htmledge.go).
func (h *shownText) partAt(line, room bool) {
	if line && !(room && h.edge.depth > 0) {
		h.endLine()
	} else {
		h.separate()
	}
}

// startAnchor starts reading an anchor's text; the space pending before
// it stands outside it, in the loose text. One pending at its end is
// written with the text after it, or dropped at a box's end.
func (h *shownText) startAnchor() {
	h.flushEdge()
	h.inAnchor = true
	h.anchor.Reset()
}

// endAnchor ends reading an anchor's text, judges what it shows, and
// returns it.
func (h *shownText) endAnchor() string {
	h.inAnchor = false
	h.body.addAnchorText(h.anchor.String())
	return h.anchor.String()
}

// finish searches the text outside anchors for links.
func (h *shownText) finish(maxLinks int) {
	h.body.addText(h.text.String())
	h.body.addTextLinks(h.loose.String(), maxLinks)
	h.body.addInPlaceText(h.inPlace.String())
}

// partsWords reports an element that ends a line or parts the words on
// either side of it: a block (isBlock), or an image, field, frame or
// inline-block box that is drawn (drawnBetween).
func partsWords(e *element) bool {
	before, after := partsAround(e)
	return before || after
}

// widthAttributes are the elements a width attribute sizes (HTML 15.4.3,
// 15.3.8): on another, it does nothing.
var widthAttributes = map[string]bool{"img": true, "table": true, "iframe": true, "hr": true, "canvas": true,
	"video": true, "object": true, "embed": true, "input": true, "td": true, "th": true, "col": true, "svg": true}

// unframed reports a style that draws a button as its bare text: no
// padding wider than a gap (minGap) and no border on either side, as the
// cascade gives them ("all: unset" resets both). A button whose style
// leaves either out keeps the user agent's padding, or its 2-pixel outset
// border.
func unframed(e *element) bool {
	for _, left := range []bool{true, false} {
		padding, declared := sideLength(e, "padding", left)
		if !declared || padding > minGap {
			return false
		}
		width, style, widthSet, _ := borderSide(e, left)
		if !widthSet {
			width = 2
		}
		if style != "none" && style != "hidden" && width > minRoom {
			return false
		}
	}
	return true
}

// drawnBetween reports whether a replaced element is drawn wide enough to
// part the words around it: not hidden, not a hidden input, an <audio>
// only with its controls, an <object> only with data (without, its
// content is shown inline), and not 2 pixels wide or less, by its width
// attribute (read as HTML reads a dimension: "1.5", "0%", "1x") or its
// style (width, max-width). Only the width matters: a 20 × 1 spacer parts
// words.
func drawnBetween(e *element) bool {
	tag, attrs := e.tag, e.attrs
	if isHidden(e) {
		return false
	}
	if bareButton(e) {
		return false
	}
	typ, _ := attrOf(attrs, "", "type")
	_, controls := attrOf(attrs, "", "controls")
	_, data := attrOf(attrs, "", "data")
	switch {
	case tag == "input" && strings.EqualFold(strings.TrimSpace(typ), "hidden"),
		tag == "audio" && !controls, tag == "object" && !data:
		return false
	}
	if outOfLine(e) {
		return false
	}
	v, sized := attrOf(attrs, "", "width")
	if cssValue(e, "width") == "" && !sized {
		// Drawn at its own size only when the mail gives it none.
		if w, ok := dataImageWidth(attrs); ok && w <= 2 {
			return false
		}
	}
	if sized {
		if n, unit, ok := leadingNumber(strings.TrimSpace(v)); ok && (n <= 2 && !strings.HasPrefix(unit, "%") || n == 0) {
			return false
		}
	}
	for _, prop := range []string{"width", "max-width"} {
		if n, unit, ok := leadingNumber(cssValue(e, prop)); ok && (n <= 2 && (unit == "px" || n == 0)) {
			return false
		}
	}
	return true
}

// dataImageWidth returns the width of a GIF or PNG image given inline
// (src="data:image/gif;base64,..."), read from its header: a spacer
// needs no size attribute to be a pixel wide.
func dataImageWidth(attrs []html.Attribute) (int, bool) {
	src, _ := attrOf(attrs, "", "src")
	meta, data, ok := strings.Cut(strings.TrimSpace(src), ",")
	if !ok || !strings.HasPrefix(strings.ToLower(meta), "data:image/") || !strings.HasSuffix(strings.ToLower(meta), ";base64") {
		return 0, false
	}
	head, err := base64.StdEncoding.DecodeString(data[:min(len(data), 32)])
	if err != nil && len(head) == 0 {
		return 0, false
	}
	switch {
	case len(head) >= 8 && strings.HasPrefix(string(head), "GIF8"):
		return int(head[6]) | int(head[7])<<8, true
	case len(head) >= 20 && strings.HasPrefix(string(head), "\x89PNG"):
		return int(head[16])<<24 | int(head[17])<<16 | int(head[18])<<8 | int(head[19]), true
	}
	return 0, false
}

// leadingNumber reads the number at the start of s, as HTML reads a
// dimension ("1.5", "0%", "1x"): digits, then a fraction; it returns the
// rest as the unit.
func leadingNumber(s string) (float64, string, bool) {
	i := 0
	for i < len(s) && ('0' <= s[i] && s[i] <= '9' || s[i] == '.') {
		i++
	}
	n, err := strconv.ParseFloat(strings.TrimSuffix(s[:i], "."), 64)
	if i == 0 || err != nil {
		return 0, "", false
	}
	return n, strings.TrimSpace(s[i:]), true
}

// replacedElements are the elements drawn as a box among the words (an
// image, a field, a frame), which may or may not part them.
var replacedElements = map[string]bool{"img": true, "input": true, "button": true, "select": true, "textarea": true,
	"iframe": true, "object": true, "embed": true, "video": true, "audio": true, "canvas": true, "svg": true}

// blockElements are the elements that start and end a line of text, by
// their default style: text on either side of one is not glued.
var blockElements = map[string]bool{"address": true, "article": true, "aside": true, "blockquote": true,
	"br": true, "caption": true, "center": true, "dd": true, "details": true, "dialog": true, "div": true,
	"dl": true, "dt": true, "fieldset": true, "figcaption": true, "figure": true, "footer": true, "form": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "header": true, "hr": true,
	"legend": true, "li": true, "main": true, "menu": true, "nav": true, "ol": true, "p": true, "pre": true,
	"section": true, "summary": true, "table": true, "tbody": true, "td": true, "tfoot": true, "th": true,
	"thead": true, "tr": true, "ul": true, "option": true, "xmp": true, "listing": true, "plaintext": true,
	"search": true, "hgroup": true, "dir": true, "frameset": true}

// attrText returns the text an element shows from an attribute: an image's
// alt text (shown when images are blocked, as mail clients block them),
// an input field's or button's value.
func attrText(tag string, attrs []html.Attribute) (string, bool) {
	switch tag {
	case "img", "area":
		return attrOf(attrs, "", "alt")
	case "input":
		switch typ, _ := attrOf(attrs, "", "type"); strings.ToLower(typ) {
		case "", "text", "submit", "button", "reset", "email", "url", "search", "tel":
			return attrOf(attrs, "", "value")
		}
	}
	return "", false
}
