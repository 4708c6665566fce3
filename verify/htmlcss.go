package verify

import (
	"slices"
	"strconv"
	"strings"

	"golang.org/x/net/html"
)

// How an element is drawn, as far as the words around it go: read from
// its style attribute as a browser's cascade reads it, and from the user
// agent's style sheet (HTML, 15 "Rendering") for what no style sets.

// isHidden reports an element drawn as nothing, nor its descendants:
// display:none, a column of a table (never rendered), or by the user
// agent's style sheet where the style sets no display: the hidden
// attribute, a closed <dialog>, and the elements never shown (<area>,
// <datalist>, <noembed>, <rp>, <title>...).
func isHidden(e *element) bool {
	tag, attrs := e.tag, e.attrs
	if _, controls := attrOf(attrs, "", "controls"); tag == "audio" && !controls {
		return true // "audio:not([controls]) { display: none !important }"
	}
	switch cssDisplay(e) {
	case "none", "table-column", "table-column-group":
		return true
	case "":
		_, hidden := attrOf(attrs, "", "hidden")
		_, open := attrOf(attrs, "", "open")
		return hidden || uaHidden[tag] || tag == "dialog" && !open
	}
	return false
}

// isHiddenIn is isHidden for an element of namespace ns: in SVG, the
// display presentation attribute hides too, and the elements that are
// never rendered (a description, metadata, definitions, paint servers...)
// show nothing (SVG 2, 5.9 and 13.5).
func isHiddenIn(ns string, e *element) bool {
	if ns != "svg" {
		return isHidden(e)
	}
	if d := cssDisplay(e); d != "" {
		return d == "none"
	}
	display, _ := attrOf(e.attrs, "", "display")
	return strings.EqualFold(strings.TrimSpace(display), "none") || svgNotRendered[strings.ToLower(e.tag)]
}

var svgNotRendered = map[string]bool{"desc": true, "metadata": true, "title": true, "defs": true, "symbol": true,
	"clippath": true, "mask": true, "pattern": true, "lineargradient": true, "radialgradient": true,
	"filter": true, "marker": true, "style": true, "script": true}

// hidesContent reports an element that is drawn (and may part words) but
// never draws what it holds: a video or audio shows its media, a frame
// its page, an object with data its data; their content is fallback for
// clients that support none of them.
func hidesContent(e *element) bool {
	switch e.tag {
	case "video", "audio", "iframe":
		return true
	case "object":
		_, data := attrOf(e.attrs, "", "data")
		return data
	}
	return false
}

// uaHidden are the elements the user agent's style sheet hides (HTML,
// 15.3.1 "Hidden elements"); <script>, <style> and <template> are never
// walked.
var uaHidden = map[string]bool{"area": true, "base": true, "basefont": true, "datalist": true, "head": true, "template": true,
	"link": true, "meta": true, "noembed": true, "noframes": true, "param": true, "rp": true, "source": true,
	"title": true, "track": true}

// isBlock reports an element that starts and ends a line: one whose style
// gives it a block-level display, or else a block element that no style
// makes inline.
func isBlock(e *element) bool {
	switch d := cssDisplay(e); {
	case blockDisplays[d]:
		return true
	case d != "":
		return false
	}
	return blockElements[e.tag]
}

// isAtomicInline reports an element drawn as one box in the line
// (inline-block and the like): a box of its own, whose text never flows
// into the text beside it.
func isAtomicInline(e *element) bool {
	switch cssDisplay(e) {
	case "inline-block", "inline-flex", "inline-grid", "inline-table":
		return true
	}
	return false
}

// blockDisplays are the displays that start and end a line. The boxes of
// a table (rows, cells, captions) part words as a table does; the legacy
// -webkit-box is a block in every engine.
var blockDisplays = map[string]bool{"block": true, "flex": true, "grid": true, "table": true, "list-item": true,
	"flow-root": true, "table-row": true, "table-row-group": true, "table-header-group": true,
	"table-footer-group": true, "table-cell": true, "table-caption": true}

// cssDisplay is the display an element's style gives it, normalised
// (displayValue); "" when none, or one that leaves the element's default.
func cssDisplay(e *element) string { return cssProperty(e, "display", displayValue) }

// displayValue reads a display value: one keyword, or the two-keyword
// syntax ("block flow", "inline flex") as the one it stands for; vendor
// boxes as theirs. An unknown value is invalid: the browser drops the
// declaration. The global keywords leave the element's default ("").
func displayValue(v string) (string, bool) {
	words := []string{v} // most values are one keyword: no split to allocate
	if strings.IndexByte(v, ' ') >= 0 {
		words = strings.Split(v, " ") // words of cssWords: a space in one is escaped
	}
	if slices.Contains(words, "") {
		return "", false
	}
	switch len(words) {
	case 0:
		return "", false
	case 1:
		w := words[0]
		switch {
		case singleDisplays[w]:
			return w, true
		case w == "-webkit-box" || w == "-moz-box":
			return "block", true
		case w == "-webkit-inline-box" || w == "-moz-inline-box":
			return "inline-block", true
		case w == "initial" || w == "unset":
			return "inline", true // display's initial value
		case w == "inherit" || w == "revert" || w == "revert-layer" || strings.HasPrefix(w, "var("):
			return "", true
		}
		return "", false
	}
	outer, inner, item := "", "", false
	for _, w := range words {
		switch w {
		case "block", "inline":
			if outer != "" {
				return "", false
			}
			outer = w
		case "flow", "flow-root", "table", "flex", "grid", "ruby":
			if inner != "" {
				return "", false
			}
			inner = w
		case "list-item":
			item = true
		default:
			return "", false
		}
	}
	switch {
	case outer == "block" || outer == "" && (item || inner != "ruby"):
		return "block", true
	case inner == "" || inner == "flow" || inner == "ruby":
		return "inline", true
	}
	return "inline-block", true
}

// singleDisplays are the one-keyword displays browsers draw (not run-in,
// which none supports: a run-in element stays a block).
var singleDisplays = map[string]bool{"block": true, "inline": true, "inline-block": true, "flex": true,
	"inline-flex": true, "grid": true, "inline-grid": true, "table": true, "inline-table": true,
	"list-item": true, "contents": true, "none": true, "flow-root": true, "ruby": true, "ruby-base": true,
	"ruby-text": true,
	"table-row": true, "table-row-group": true, "table-header-group": true, "table-footer-group": true,
	"table-cell": true, "table-column": true, "table-column-group": true, "table-caption": true, "math": true}

// A fontSize is what an element's style does to the size of its text:
// sets it to zero (the text is hidden), to a size of its own, or to one
// relative to its parent's ("2em", "100%", "larger"), zero when the
// parent's is.
type fontSize int

const (
	fontUnset fontSize = iota
	fontZero
	fontShown
	fontRelative
)

// elementFontSize reads the font size an element sets: by its style, or
// else by a <font size> (HTML 15.3.4, a size of its own).
func elementFontSize(e *element) fontSize {
	if v := cssFontSize(e); v != "" {
		return fontSize(v[0] - '0')
	}
	if size, ok := attrOf(e.attrs, "", "size"); ok && e.tag == "font" {
		// The rules for parsing a legacy font size: a sign, then the
		// digits at the start ("1.5" is 1); every size is shown.
		if v := strings.TrimLeft(strings.TrimSpace(size), "+-"); v != "" && '0' <= v[0] && v[0] <= '9' {
			return fontShown
		}
	}
	return fontUnset
}

// cssFontSize is the font size an element's style sets, as fontSizeValue
// reads it: by font-size, or by the font shorthand ("font:0/0 a"), the
// last of the highest importance; "" when none.
func cssFontSize(e *element) string {
	value, important := "", false
	for _, d := range e.decls {
		var v string
		var ok bool
		switch d.name {
		case "font-size", "all":
			v, ok = fontSizeValue(d.value)
		case "font":
			v, ok = fontShorthandSize(d.value)
		default:
			continue
		}
		if ok && (!important || d.important) {
			value, important = v, d.important
		}
	}
	return value
}

// fontShorthandSize reads the size of a font shorthand: the first word
// that is a size (before a "/line-height"), which a family must follow
// ("font:bold 0/0 a" is a zero size; "font:0/0" is invalid and dropped);
// a system font ("caption") or var() is shown.
func fontShorthandSize(v string) (string, bool) {
	switch v {
	case "caption", "icon", "menu", "message-box", "small-caption", "status-bar":
		return string(rune('0' + fontShown)), true
	case "inherit", "initial", "unset", "revert", "revert-layer":
		return fontSizeValue(v)
	}
	if strings.Contains(v, "var(") {
		return string(rune('0' + fontShown)), true
	}
	words := strings.Split(v, " ")
	for i, w := range words {
		size, _, _ := strings.Cut(w, "/")
		if s, ok := fontSizeValue(size); ok && size != "inherit" && size != "initial" && size != "unset" &&
			!strings.HasPrefix(size, "revert") {
			return s, i+1 < len(words)
		}
	}
	return "", false
}

// minReadableFont is the font size, in pixels, below which text is a
// smudge no reader reads (a judgement call): "ameli-aide.<span
// style=font-size:1px>x</span>com" shows ameli-aide.com.
const minReadableFont = 3

// fontSizeValue reads a font-size value as one digit, a fontSize: a
// length, a percentage, a keyword; an invalid one ("0x", "0 foo") is
// dropped by the browser. A size below minReadableFont (a relative one
// of a 16-pixel parent) hides the text as zero does.
func fontSizeValue(v string) (string, bool) {
	size := func(s fontSize) (string, bool) { return string(rune('0' + s)), true }
	switch {
	case absoluteFontSizes[v] || v == "initial" || strings.HasPrefix(v, "calc(") || strings.HasPrefix(v, "var(") ||
		strings.HasPrefix(v, "clamp(") || strings.HasPrefix(v, "min(") || strings.HasPrefix(v, "max("):
		return size(fontShown)
	case v == "smaller" || v == "larger" || v == "inherit" || v == "unset" || v == "revert" || v == "revert-layer":
		return size(fontRelative)
	}
	n, unit, ok := cssNumber(v)
	switch {
	case !ok || n < 0 || unit == "" && n != 0 || unit != "" && !relativeUnits[unit] && !absoluteUnits[unit]:
		return "", false
	case n == 0 || lengthPixels(n, unit, 0.16) < minReadableFont:
		return size(fontZero)
	case relativeUnits[unit]:
		return size(fontRelative)
	case absoluteUnits[unit]:
		return size(fontShown)
	}
	return "", false
}

var absoluteFontSizes = map[string]bool{"xx-small": true, "x-small": true, "small": true, "medium": true,
	"large": true, "x-large": true, "xx-large": true, "xxx-large": true, "math": true}

// relativeUnits are relative to the parent's font size; absoluteUnits are
// not (rem is the root's).
var (
	relativeUnits = map[string]bool{"%": true, "em": true, "ex": true, "ch": true, "cap": true, "ic": true, "lh": true}
	absoluteUnits = map[string]bool{"px": true, "pt": true, "pc": true, "in": true, "cm": true, "mm": true, "q": true,
		"rem": true, "rex": true, "rch": true, "rlh": true, "vw": true, "vh": true, "vmin": true, "vmax": true,
		"vi": true, "vb": true, "svw": true, "svh": true, "lvw": true, "lvh": true, "dvw": true, "dvh": true}
)

// cssNumber reads a CSS number and its unit, the whole value: "12px",
// "0", "1.5em", "100%".
func cssNumber(v string) (float64, string, bool) {
	i := 0
	if i < len(v) && (v[i] == '+' || v[i] == '-') {
		i++
	}
	digits := i
	for i < len(v) && ('0' <= v[i] && v[i] <= '9' || v[i] == '.') {
		i++
	}
	if i == digits {
		return 0, "", false
	}
	n, err := strconv.ParseFloat(v[:i], 64)
	unit := v[i:]
	for _, c := range []byte(unit) {
		if !('a' <= c && c <= 'z' || c == '%') {
			return 0, "", false
		}
	}
	return n, unit, err == nil
}

// cssValue returns the value of a property in an element's style
// attribute, unescaped and lowercased, "" when it is not set
// (cssProperty).
func cssValue(e *element, name string) string {
	return cssProperty(e, name, func(v string) (string, bool) { return v, true })
}

// An element is an element's tag and attributes, its style attribute's
// declarations parsed once for all the questions asked of it.
type element struct {
	tag   string
	attrs []html.Attribute
	decls []cssDecl
	// parent is what the element inherits of its parent's alignment
	// and direction, set by the walk reading it (htmlalign.go).
	parent inherited
	// placedInside: it holds an element that places its text
	// (placesText), set by the walk where it knows.
	placedInside bool
}

// A cssDecl is a declaration of a style attribute: its property, its
// value's words unescaped and lowercased (cssWords), joined by spaces,
// and whether it is !important.
type cssDecl struct {
	name, value string
	important   bool
}

// newElement reads an element's style attribute (the first: a browser
// ignores the repeated ones) as a browser's parser does: comments
// dropped, a ';' inside a string, url() or block no separator, names and
// values unescaped.
func newElement(tag string, attrs []html.Attribute) *element {
	e := &element{tag: tag, attrs: attrs}
	style, ok := attrOf(attrs, "", "style")
	if !ok {
		return e
	}
	if strings.ContainsAny(style, "\r\f") {
		// CSS reads CR LF, CR and FF as one LF (CSS Syntax 3, 3.3).
		style = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\f", "\n").Replace(style)
	}
	for _, decl := range cssDeclarations(style) {
		prop, v, ok := strings.Cut(decl, ":")
		if !ok {
			continue
		}
		// CSS ignores the case of ASCII letters only: "d\u0130splay" is
		// no display, as strings.ToLower would make it.
		name := asciiLower(strings.TrimSpace(prop))
		if strings.Contains(name, "\\") {
			name = asciiLower(strings.Join(cssWords(name), " "))
		}
		if !askedProperties[name] {
			continue
		}
		words := cssWords(v)
		for i, w := range words {
			words[i] = asciiLower(w)
		}
		value, imp := importance(words)
		e.decls = append(e.decls, cssDecl{name: name, value: value, important: imp})
	}
	return e
}

// askedProperties are the properties vigie reads: the others' values are
// not parsed. The sides' longhands are those htmlbox.go reads, taken from
// its tables so that the two lists cannot part.
var askedProperties = func() map[string]bool {
	asked := map[string]bool{"display": true, "font-size": true, "font": true, "width": true, "min-width": true,
		"max-width": true, "position": true, "float": true, "padding": true, "border": true, "border-width": true,
		"border-style": true, "border-color": true, "all": true, "margin": true, "padding-inline": true,
		"margin-inline": true, "text-align": true, "text-align-last": true, "unicode-bidi": true,
		"word-spacing": true, "letter-spacing": true, "left": true, "right": true, "transform": true,
		"translate": true, "border-spacing": true, "border-collapse": true, "direction": true}
	for _, sides := range []sideNames{paddingSides, marginSides, borderSides, borderWidthSides, borderStyleSides, borderColorSides} {
		for _, name := range append(sides.physical[:], sides.logical[:]...) {
			asked[name] = true
		}
	}
	return asked
}()

// cssProperty returns the value of a property in an element's style as a
// browser's cascade reads it: a value read (and checked) by read, an
// invalid one dropped, an !important declaration over the others, the
// last of equal weight winning; "" when it is not set.
func cssProperty(e *element, name string, read func(string) (string, bool)) string {
	value, important := "", false
	for _, d := range e.decls {
		// "all" sets every property but direction and unicode-bidi to
		// its keyword ("display:none;all:unset" is inline).
		if d.name != name && d.name != "all" || important && !d.important {
			continue
		}
		if v, ok := read(d.value); ok {
			value, important = v, d.important
		}
	}
	return value
}
