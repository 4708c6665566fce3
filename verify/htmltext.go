package verify

import (
	"encoding/base64"
	"strconv"
	"strings"

	"golang.org/x/net/html"

	"github.com/vigie-sante/vigie/verify/internal/whatwg"
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
}

// fontSize returns the font size an element's style sets, when it sets
// one: 0 hides its text, inherited until a descendant sets another.
func fontSize(attrs []html.Attribute) (float64, bool) {
	n, _, ok := leadingNumber(cssValue(attrs, "font-size"))
	return n, ok
}

// shown records text the reader sees: an anchor's, or loose text.
func (h *shownText) shown(s string) {
	if h.pendingSep && strings.TrimSpace(s) != "" {
		h.pendingSep = false
		h.separate()
	}
	if h.hidden > 0 || h.zeroFont {
		if h.inAnchor {
			h.body.addAnchorText(s)
		} else {
			h.body.addNodeLinks(s)
		}
		return
	}
	if h.inAnchor {
		h.anchor.WriteString(s)
		h.body.addAnchorText(s)
		return
	}
	h.text.WriteString(s)
	h.loose.WriteString(s)
	h.body.addNodeLinks(s)
}

// separate ends a line of text, or parts two words.
func (h *shownText) separate() {
	if h.inAnchor {
		h.anchor.WriteByte(' ')
		return
	}
	h.text.WriteByte(' ')
	h.loose.WriteByte(' ')
}

// startAnchor starts reading an anchor's text.
func (h *shownText) startAnchor() {
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
}

// partsWords reports an element that ends a line or parts the words on
// either side of it: a block (isBlock), or an image, field or frame that
// is drawn (drawnBetween).
func partsWords(tag string, attrs []html.Attribute) bool {
	return isBlock(tag, attrs) || replacedElements[tag] && drawnBetween(tag, attrs)
}

// drawnBetween reports whether a replaced element is drawn wide enough to
// part the words around it: not hidden, not a hidden input, an <audio>
// only with its controls, an <object> only with data (without, its
// content is shown inline), and not 2 pixels wide or less, by its width
// attribute (read as HTML reads a dimension: "1.5", "0%", "1x") or its
// style (width, max-width). Only the width matters: a 20 × 1 spacer parts
// words.
func drawnBetween(tag string, attrs []html.Attribute) bool {
	if _, hidden := attrOf(attrs, "", "hidden"); hidden || cssValue(attrs, "display") == "none" {
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
	if p := cssValue(attrs, "position"); p == "absolute" || p == "fixed" {
		return false // out of the line
	}
	if f := cssValue(attrs, "float"); f == "left" || f == "right" {
		return false
	}
	v, sized := attrOf(attrs, "", "width")
	if cssValue(attrs, "width") == "" && !sized {
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
		if n, unit, ok := leadingNumber(cssValue(attrs, prop)); ok && (n <= 2 && (unit == "px" || n == 0)) {
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
	"iframe": true, "object": true, "embed": true, "video": true, "audio": true, "canvas": true}

// blockElements are the elements that start and end a line of text, by
// their default style: text on either side of one is not glued.
var blockElements = map[string]bool{"address": true, "article": true, "aside": true, "blockquote": true,
	"br": true, "caption": true, "center": true, "dd": true, "details": true, "dialog": true, "div": true,
	"dl": true, "dt": true, "fieldset": true, "figcaption": true, "figure": true, "footer": true, "form": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "header": true, "hr": true,
	"legend": true, "li": true, "main": true, "menu": true, "nav": true, "ol": true, "p": true, "pre": true,
	"section": true, "summary": true, "table": true, "tbody": true, "td": true, "tfoot": true, "th": true,
	"thead": true, "tr": true, "ul": true, "option": true}

// isBlock reports an element that starts and ends a line: one whose style
// sets a block display (block, flex, grid, table, list-item), or else a
// block element that no style makes inline.
func isBlock(tag string, attrs []html.Attribute) bool {
	switch cssDisplay(attrs) {
	case "block", "flex", "grid", "table", "list-item", "flow-root":
		return true
	case "inline", "inline-block", "inline-flex", "inline-grid", "inline-table", "contents", "none":
		return false
	}
	return blockElements[tag]
}

// cssValue returns the value of a property in an element's style
// attribute, as a browser's cascade reads it: comments dropped, a ';'
// inside quotes no separator, an !important declaration over the others,
// the last of equal weight winning, escaped names unescaped; "" when it is
// not set. A display of more than one word is left to the element's
// default, as are values it does not know (isBlock).
func cssValue(attrs []html.Attribute, name string) string {
	style, ok := attrOf(attrs, "", "style")
	if !ok || !strings.Contains(strings.ToLower(style), name) && !strings.Contains(style, "\\") {
		return ""
	}
	value, important := "", false
	for _, decl := range cssDeclarations(style) {
		prop, v, ok := strings.Cut(decl, ":")
		if !ok || strings.ToLower(cssUnescape(strings.TrimSpace(prop))) != name {
			continue
		}
		v = strings.ToLower(strings.TrimSpace(v))
		imp := false
		if w, ok := strings.CutSuffix(v, "!important"); ok {
			v, imp = strings.TrimSpace(w), true
		}
		if name == "display" && strings.ContainsAny(v, " \t\n\f\r") || important && !imp {
			continue
		}
		value, important = v, imp
	}
	return value
}

// cssDisplay is the display an element's style gives it, "" when none.
func cssDisplay(attrs []html.Attribute) string { return cssValue(attrs, "display") }

// cssUnescape undoes the escapes of a CSS name: "displ\\61y" is display.
func cssUnescape(s string) string {
	if !strings.Contains(s, "\\") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			b.WriteByte(s[i])
			continue
		}
		j := i + 1
		for j < len(s) && j < i+7 && whatwg.IsHex(s[j]) {
			j++
		}
		if j == i+1 {
			b.WriteByte(s[j]) // "\\x" is x
			i = j
			continue
		}
		if r, err := strconv.ParseUint(s[i+1:j], 16, 32); err == nil {
			b.WriteRune(rune(r))
		}
		if j < len(s) && s[j] == ' ' {
			j++
		}
		i = j - 1
	}
	return b.String()
}

// cssDeclarations splits a style attribute at the semicolons outside
// quotes, its comments dropped.
func cssDeclarations(style string) []string {
	var decls []string
	var b strings.Builder
	var quote byte
	for i := 0; i < len(style); i++ {
		c := style[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
			b.WriteByte(c)
		case c == '/' && i+1 < len(style) && style[i+1] == '*':
			end := strings.Index(style[i+2:], "*/")
			if end < 0 {
				i = len(style)
			} else {
				i += end + 3
			}
			b.WriteByte(' ')
		case c == '"' || c == '\'':
			quote = c
			b.WriteByte(c)
		case c == ';':
			decls = append(decls, b.String())
			b.Reset()
		default:
			b.WriteByte(c)
		}
	}
	return append(decls, b.String())
}

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
