package verify

import "strings"

// The room an inline-block box leaves beside the words around it, read
// from its style as the cascade gives each side: padding, border and
// margin, in pixels. A box's text starts at its left edge, so a width
// leaves room after it, unless the text is aligned right (or is
// right-to-left) or centred.

// partsAround reports whether an element parts the words before it and
// after it: a block or a drawn image, field or frame both; an
// inline-block box where it leaves room (roomBeside).
func partsAround(e *element) (before, after bool) {
	// An unframed button is a box as an inline-block is, its room read
	// the same way, its width by its alignment (centred by default).
	boxButton := isButton(e) && unframed(e)
	switch {
	case isBlock(e) || replacedElements[e.tag] && !boxButton && drawnBetween(e):
		return true, true
	case inlineBox(e) && !boxButton:
		// Its padding, border and margin are drawn at its start and
		// its end (CSS 2.1, 8.1 and 10.8): a menu of links spaced by
		// their margins shows them apart.
		return leavesRoom(e, true), leavesRoom(e, false)
	case !isAtomicInline(e) && !boxButton || boxButton && isHidden(e) || !boxButton && !drawnBetween(e):
		return false, false
	}
	left, right := roomBeside(e, true), roomBeside(e, false)
	before, after = roomParts(e, true, left), roomParts(e, false, right)
	if left < -minRoom {
		// Pulled back over what stands before it, by its width too
		// ("width:100px;margin-left:-100px").
		return false, boxWidth(e)+left+right > minRoom
	}
	if sized(e) && !e.placedInside && !placesItsItems(e) && !directionByText(e) {
		switch textAlign(e) {
		case "right":
			before = true
		case "center":
			before, after = true, true
		default:
			after = true
		}
	}
	return before, after
}

// inlineBox reports a non-atomic inline element in the line (a span, an
// anchor): not a block, a replaced element or a button, not hidden, not
// floated nor positioned out of the line.
func inlineBox(e *element) bool {
	if d := cssDisplay(e); d != "" && d != "inline" || isBlock(e) || replacedElements[e.tag] || isButton(e) || isHidden(e) {
		return false
	}
	return !outOfLine(e)
}

// outOfLine reports an element taken out of the line it stands in:
// positioned absolutely or fixed, or floated. It parts no words there,
// and takes no room back.
func outOfLine(e *element) bool {
	if p := cssValue(e, "position"); p == "absolute" || p == "fixed" {
		return true
	}
	return floated(e)
}

// floated reports an element floated to the left or the right.
func floated(e *element) bool {
	f := cssValue(e, "float")
	return f == "left" || f == "right"
}

// bareButton reports a button drawn as its bare text: unframed, and as
// wide as its text.
func bareButton(e *element) bool { return isButton(e) && unframed(e) && !sized(e) }

// isButton reports a button: a <button>, or an <input> of a button type,
// which draws its value as a <button> draws its content.
func isButton(e *element) bool {
	if e.tag == "input" {
		typ, _ := attrOf(e.attrs, "", "type")
		switch strings.ToLower(strings.TrimSpace(typ)) {
		case "submit", "button", "reset":
			return true
		}
	}
	return e.tag == "button"
}

// placesItsItems reports a flex or grid box, which places what it holds
// by properties vigie does not read (justify-content, flex-direction,
// justify-items, an item's auto margin...), not by text-align: its width
// leaves room on no side vigie can tell.
func placesItsItems(e *element) bool {
	d := cssDisplay(e)
	return d == "inline-flex" || d == "inline-grid"
}

// minRoom is the room, in pixels, that counts at all (a drawn border's
// width); minGap the blank room a reader sees as a gap between words:
// more than 2 pixels, as a spacer image of 2 pixels parts nothing
// (drawnBetween).
const (
	minRoom = 0.5
	minGap  = 2
)

// leavesRoom reports a box that parts the words on its left (or right)
// side: blank room there (padding, margin and border) wider than minGap,
// or a border drawn there, a line a reader sees however thin.
func leavesRoom(e *element, left bool) bool {
	return roomParts(e, left, roomBeside(e, left))
}

// roomParts is leavesRoom for a side whose room is known.
func roomParts(e *element, left bool, room float64) bool {
	if room > minGap {
		return true
	}
	width, style, set, transparent := borderSide(e, left)
	if !set {
		width = 3 // medium
	}
	// A transparent border is blank room (counted above), no line.
	return style != "" && style != "none" && style != "hidden" && width > minRoom && !transparent
}

// roomBeside returns the room a box leaves on its left (or right) side:
// its padding, its border where one is drawn, and its margin, which may
// be negative and take room back.
func roomBeside(e *element, left bool) float64 {
	if len(e.decls) == 0 {
		return 0 // no style: no side of it is read (the common case)
	}
	padding, _ := sideLength(e, "padding", left)
	margin, _ := sideLength(e, "margin", left)
	room := padding + margin
	if shift := horizontalShift(e); left {
		room += shift
	} else {
		room -= shift
	}
	if width, style, set, _ := borderSide(e, left); style != "" && style != "none" && style != "hidden" {
		if !set {
			width = 3 // medium
		}
		room += width
	}
	return room
}

// horizontalShift is how far to the right (negative: to the left) a box
// is drawn from where the line puts it, the words around it left in
// place: a relative position's left (or else right) offset, and for an
// atomic box, the translations of its transform and translate
// properties (CSS Transforms 1 and 2; transforms do not apply to a
// non-atomic inline box). Other transforms are not read.
func horizontalShift(e *element) float64 {
	shift := 0.0
	if cssValue(e, "position") == "relative" {
		if l := cssValue(e, "left"); l != "" && l != "auto" {
			shift = pixels(e, l)
		} else if r := cssValue(e, "right"); r != "" {
			shift = -pixels(e, r)
		}
	}
	if !isAtomicInline(e) && !isButton(e) && !replacedElements[e.tag] {
		return shift
	}
	if t := cssValue(e, "translate"); t != "" {
		shift += pixels(e, strings.Fields(t)[0])
	}
	t := cssValue(e, "transform")
	for _, f := range []string{"translatex(", "translate(", "translate3d("} {
		for rest := t; ; {
			i := strings.Index(rest, f)
			if i < 0 || i > 0 && cssNameByte(rest[i-1]) {
				break // "translate(" in "xtranslate(" is no match of its own
			}
			rest = rest[i+len(f):]
			arg := rest[:strings.IndexAny(rest+")", ",)")]
			shift += pixels(e, strings.TrimSpace(arg))
		}
	}
	return shift
}

// sideLength returns a side of a padding or margin as the cascade gives
// it: the last declaration of the highest importance among the
// shorthand ("0 12px"), the side's own property, its logical one
// (inline-start is the left), and "all", which resets it to 0; declared
// reports whether any of them is written.
func sideLength(e *element, kind string, left bool) (px float64, declared bool) {
	names, inline := &paddingSides, "padding-inline"
	if kind == "margin" {
		names, inline = &marginSides, "margin-inline"
	}
	side, logical := sideIndexes(e, left)
	value, important := "", false
	for _, d := range e.decls {
		var v string
		switch d.name {
		case kind:
			if n := len(strings.Split(d.value, " ")); n > 4 {
				continue // invalid: the browser drops it
			}
			v = boxSide(d.value, left)
		case names.physical[side], names.logical[logical]:
			v = d.value
		case inline:
			// padding-inline: start end, whatever the direction.
			words := strings.Split(d.value, " ")
			if len(words) > 2 {
				continue
			}
			v = words[min(logical, len(words)-1)]
		case "all":
			v = "0"
		default:
			continue
		}
		if important && !d.important {
			continue
		}
		value, important, declared = v, d.important, true
	}
	return pixels(e, value), declared
}

// boxSide picks the left or right value of a box shorthand: one value
// for all sides; two or three, the second; four, top right bottom left.
func boxSide(v string, left bool) string {
	words := strings.Split(v, " ")
	switch {
	case len(words) == 1:
		return words[0]
	case len(words) < 4 || !left:
		return words[1]
	}
	return words[3]
}

// borderSide returns the width and style of a box's left (or right)
// border, each as the cascade gives it: the border shorthands set both
// (a width left out is medium, a style left out none); "all" resets
// them. The style is "" and widthSet false where nothing sets them.
// transparent reports a colour, as the shorthands, border-color or the
// side's own colour give it, that is fully transparent: such a border is
// blank room, no line.
func borderSide(e *element, left bool) (width float64, style string, widthSet, transparent bool) {
	side, logical := sideIndexes(e, left)
	var wImp, sImp, cImp bool
	setColor := func(v bool, imp bool) {
		if !cImp || imp {
			transparent, cImp = v, imp
		}
	}
	setWidth := func(v float64, imp bool) {
		if !wImp || imp {
			width, wImp, widthSet = v, imp, true
		}
	}
	setStyle := func(v string, imp bool) {
		if !sImp || imp {
			style, sImp = v, imp
		}
	}
	for _, d := range e.decls {
		switch d.name {
		case "border", borderSides.physical[side], borderSides.logical[logical]:
			w, s := borderShorthand(e, d.value)
			setWidth(w, d.important)
			setStyle(s, d.important)
			setColor(transparentColor(d.value), d.important)
		case "border-color":
			setColor(transparentColor(boxSide(d.value, left)), d.important)
		case borderColorSides.physical[side], borderColorSides.logical[logical]:
			setColor(transparentColor(d.value), d.important)
		case "border-width":
			setWidth(borderWidth(e, boxSide(d.value, left)), d.important)
		case borderWidthSides.physical[side], borderWidthSides.logical[logical]:
			setWidth(borderWidth(e, d.value), d.important)
		case "border-style":
			setStyle(boxSide(d.value, left), d.important)
		case borderStyleSides.physical[side], borderStyleSides.logical[logical]:
			setStyle(d.value, d.important)
		case "all":
			setWidth(3, d.important)
			setStyle("none", d.important)
		}
	}
	return width, style, widthSet, transparent
}

// borderShorthand reads a border shorthand ("8px solid #fff"): its width
// (medium, 3px, when left out) and its style (none when left out). A
// shorthand with two widths, two styles or two colours, or a
// hexadecimal colour of a length no colour has, is invalid: it draws
// nothing, as the browser drops it (red33). A colour function is one
// word, its spaces included ("rgb(0 0 0 / 50%)").
func borderShorthand(e *element, v string) (float64, string) {
	width, style := 3.0, "none"
	widths, styles, colours := 0, 0, 0
	for _, w := range parenWords(v) {
		switch {
		case borderStyles[w] || w == "none" || w == "hidden":
			style = w
			styles++
		case w == "thin" || w == "medium" || w == "thick":
			width = borderWidth(e, w)
			widths++
		default:
			if _, _, ok := cssNumber(w); ok {
				width = pixels(e, w)
				widths++
			} else if w != "" && w != "!important" {
				colours++
				if h, ok := strings.CutPrefix(w, "#"); ok && (!hexDigits(h) || len(h) != 3 && len(h) != 4 && len(h) != 6 && len(h) != 8) {
					colours++ // no colour: invalid
				}
			}
		}
	}
	if widths > 1 || styles > 1 || colours > 1 {
		return 0, "none"
	}
	return width, style
}

// borderWidth reads a border width: a length, or thin, medium, thick.
func borderWidth(e *element, v string) float64 {
	switch v {
	case "thin":
		return 1
	case "medium":
		return 3
	case "thick":
		return 5
	}
	return pixels(e, v)
}

// sideIndexes returns, for a box's left (or right) side, the index of
// that physical side (0 left, 1 right) and of the logical side it is (0
// inline-start, 1 inline-end: start is the left for left to right, the
// right for right to left).
func sideIndexes(e *element, left bool) (physical, logical int) {
	physical, logical = 1, 1
	if left {
		physical = 0
	}
	if left != rightToLeft(e) {
		logical = 0
	}
	return physical, logical
}

// sideNames are the properties of a box's sides, physical (left, right)
// and logical (inline-start, inline-end), written out: joined anew for
// every declaration read, they were a large share of reading a styled
// mail.
type sideNames struct {
	physical, logical [2]string
}

var (
	paddingSides = sideNames{[2]string{"padding-left", "padding-right"},
		[2]string{"padding-inline-start", "padding-inline-end"}}
	marginSides = sideNames{[2]string{"margin-left", "margin-right"},
		[2]string{"margin-inline-start", "margin-inline-end"}}
	borderSides = sideNames{[2]string{"border-left", "border-right"},
		[2]string{"border-inline-start", "border-inline-end"}}
	borderWidthSides = sideNames{[2]string{"border-left-width", "border-right-width"},
		[2]string{"border-inline-start-width", "border-inline-end-width"}}
	borderStyleSides = sideNames{[2]string{"border-left-style", "border-right-style"},
		[2]string{"border-inline-start-style", "border-inline-end-style"}}
	borderColorSides = sideNames{[2]string{"border-left-color", "border-right-color"},
		[2]string{"border-inline-start-color", "border-inline-end-color"}}
)

var borderStyles = map[string]bool{"solid": true, "dotted": true, "dashed": true, "double": true, "groove": true,
	"ridge": true, "inset": true, "outset": true}

// pixels reads a length as pixels on a mail's usual page: absolute units
// converted, a percentage of a 600-pixel column, em and the like of the
// box's own font size (0 when it is zero, 16 pixels otherwise); 0 for
// what is no valid length ("8pz", "8" but 0).
func pixels(e *element, v string) float64 {
	n, unit, ok := cssNumber(v)
	if !ok || unit == "" && n != 0 {
		return 0
	}
	if relativeUnits[unit] && unit != "%" && elementFontSize(e) == fontZero {
		return 0
	}
	return lengthPixels(n, unit, 6)
}

// lengthPixels converts a length to pixels on a mail's usual page:
// absolute units converted, a font's units of a 16-pixel font, the
// viewport's of a 600-pixel column, a percentage as percent pixels each
// (of a 600-pixel column: 6; of a 16-pixel font: 0.16); 0 for another
// unit.
func lengthPixels(n float64, unit string, percent float64) float64 {
	switch unit {
	case "", "px":
		return n
	case "pt":
		return n * 4 / 3
	case "pc":
		return n * 16
	case "in":
		return n * 96
	case "cm":
		return n * 96 / 2.54
	case "mm":
		return n * 96 / 25.4
	case "q":
		return n * 96 / 101.6
	case "%":
		return n * percent
	case "vw", "vh", "vmin", "vmax", "vi", "vb", "svw", "svh", "lvw", "lvh", "dvw", "dvh":
		return n * 6
	case "em", "ex", "ch", "cap", "ic", "lh", "rem", "rex", "rch", "rlh":
		return n * 16
	}
	return 0
}

// boxWidth is the width a box's style gives it, in pixels.
func boxWidth(e *element) float64 {
	return max(pixels(e, cssValue(e, "width")), pixels(e, cssValue(e, "min-width")))
}

// sized reports an element given a width: an inline-block without one
// (or with "auto", "fit-content", 0) is as wide as its text, and reads
// glued to the words beside it.
func sized(e *element) bool {
	if v, ok := attrOf(e.attrs, "", "width"); ok && widthAttributes[e.tag] {
		if n, _, ok := leadingNumber(strings.TrimSpace(v)); ok && n > 0 {
			return true
		}
	}
	return boxWidth(e) > minRoom
}
