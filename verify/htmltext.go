package verify

import (
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
}

// shown records text the reader sees: an anchor's, or loose text.
func (h *shownText) shown(s string) {
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
// is drawn (not hidden, not a pixel wide, not a hidden input).
func partsWords(tag string, attrs []html.Attribute) bool {
	if isBlock(tag, attrs) {
		return true
	}
	if !replacedElements[tag] {
		return false
	}
	if _, hidden := attrOf(attrs, "", "hidden"); hidden || cssDisplay(attrs) == "none" {
		return false
	}
	if typ, _ := attrOf(attrs, "", "type"); tag == "input" && strings.EqualFold(strings.TrimSpace(typ), "hidden") {
		return false
	}
	for _, dim := range []string{"width", "height"} {
		if v, ok := attrOf(attrs, "", dim); ok {
			if n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), "px")); err == nil && n <= 2 {
				return false
			}
		}
	}
	return true
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

// cssDisplay returns the display an element's style attribute gives it, as
// a browser's cascade reads it: comments dropped, a ';' inside quotes no
// separator, an !important declaration over the others, the last of equal
// weight winning, a value of more than one word or an escaped name left
// to the element's default (""), as are the values it does not know.
func cssDisplay(attrs []html.Attribute) string {
	style, ok := attrOf(attrs, "", "style")
	if !ok || !strings.Contains(strings.ToLower(style), "display") && !strings.Contains(style, "\\") {
		return ""
	}
	display, important := "", false
	for _, decl := range cssDeclarations(style) {
		prop, value, ok := strings.Cut(decl, ":")
		if !ok || strings.ToLower(cssUnescape(strings.TrimSpace(prop))) != "display" {
			continue
		}
		value = strings.ToLower(strings.TrimSpace(value))
		imp := false
		if v, ok := strings.CutSuffix(value, "!important"); ok {
			value, imp = strings.TrimSpace(v), true
		}
		if strings.ContainsAny(value, " \t\n\f\r") || important && !imp {
			continue
		}
		display, important = value, imp
	}
	return display
}

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
