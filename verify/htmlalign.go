package verify

import (
	"cmp"
	"strings"
)

// Where a box puts its text: its alignment and its direction, its own or
// inherited, as the cascade and the user agent's style sheet give them.

// textAlign is where a box puts its text: "left", "right" or "center",
// start and end read by its direction. A sized box holds one line, its
// last, which text-align-last aligns where it is set (CSS Text 3, 6.3),
// whatever text-align says.
func textAlign(e *element) string {
	rtl := rightToLeft(e)
	own := ownInherited(e)
	a := own.last
	if a == "" || a == "auto" {
		a = own.align
	}
	switch {
	case a == "right" || a == "end" && !rtl || (a == "start" || a == "" || a == "justify") && rtl:
		return "right"
	case a == "center":
		return "center"
	}
	return "left"
}

// inherited is what a box passes on to what it holds of the properties
// that place its text: text-align, text-align-last and direction are
// inherited (CSS Text 3, CSS Writing Modes 3), so that a sized box in a
// right-aligned cell (<td align=right>) puts its text at its right edge.
type inherited struct {
	align, last string
	rtl         bool
}

// passOn makes what e passes on the values the elements it holds
// inherit, and returns the values before it, for restoreInherited.
func (h *shownText) passOn(e *element) (prev inherited) {
	prev = h.inherit
	h.inherit = ownInherited(e)
	return prev
}

// restoreInherited puts back what passOn replaced, once the element's
// content is read (a value, not a closure: one per element allocated).
func (h *shownText) restoreInherited(prev inherited) { h.inherit = prev }

// ownInherited returns what a box passes on: its own values, the user
// agent's for it (an align attribute), or else its parent's.
func ownInherited(e *element) inherited {
	in := inherited{rtl: rightToLeft(e)}
	in.last = cmp.Or(cssProperty(e, "text-align-last", alignValue), e.parent.last)
	in.align = cmp.Or(cssProperty(e, "text-align", func(v string) (string, bool) {
		a, ok := alignValue(v)
		return a, ok && a != "auto" // text-align-last's alone
	}), uaTextAlign(e), e.parent.align)
	return in
}

// uaTextAlign is the alignment the user agent's style sheet gives an
// element no style aligns: by its align attribute (HTML 15.3.3: div, p,
// the headings, a table's parts), or centred for <center>, and for <th>,
// <caption> and buttons without one (the engines' style sheets).
func uaTextAlign(e *element) string {
	if alignAttributes[e.tag] {
		switch v, _ := attrOf(e.attrs, "", "align"); strings.ToLower(strings.TrimSpace(v)) {
		case "left", "right", "center":
			return strings.ToLower(strings.TrimSpace(v))
		case "middle":
			return "center"
		}
	}
	if e.tag == "center" || e.tag == "th" || e.tag == "caption" || isButton(e) {
		return "center"
	}
	return ""
}

var alignAttributes = map[string]bool{"div": true, "p": true, "h1": true, "h2": true, "h3": true, "h4": true,
	"h5": true, "h6": true, "caption": true, "thead": true, "tbody": true, "tfoot": true, "tr": true, "td": true,
	"th": true}

// directionByText reports a box whose direction its own text decides (a
// dir=auto attribute, unicode-bidi:plaintext): an invisible right-to-left
// mark first puts it against the box's right edge, so its width leaves
// room on no side vigie can tell.
func directionByText(e *element) bool {
	if u := cssValue(e, "unicode-bidi"); u == "plaintext" {
		return true
	}
	if cssValue(e, "direction") != "" {
		return false
	}
	v, _ := attrOf(e.attrs, "", "dir")
	return strings.EqualFold(strings.TrimSpace(v), "auto")
}

// alignValue reads a text-align or text-align-last value: a keyword,
// vendor prefixes dropped (-webkit-right aligns right); the global ones
// leave the box's default (""); another is invalid and dropped.
func alignValue(v string) (string, bool) {
	v = strings.TrimPrefix(strings.TrimPrefix(v, "-webkit-"), "-moz-")
	switch v {
	case "left", "right", "center", "start", "end", "justify", "auto":
		return v, true
	case "justify-all", "match-parent", "inherit", "initial", "unset", "revert", "revert-layer":
		return "", true
	}
	return "", false
}

// rightToLeft reports a box whose direction is right to left: by its
// style, or else by its dir attribute, or else its parent's.
func rightToLeft(e *element) bool {
	if d := cssProperty(e, "direction", directionValue); d != "" && d != "inherit" {
		return d == "rtl"
	} else if d == "inherit" {
		return e.parent.rtl
	}
	switch v, _ := attrOf(e.attrs, "", "dir"); strings.ToLower(strings.TrimSpace(v)) {
	case "rtl":
		return true
	case "ltr", "auto":
		return false
	}
	return e.parent.rtl
}

// directionValue reads a direction value: ltr or rtl, "inherit" for
// the global keywords that take the parent's (initial is ltr); another is
// invalid and dropped.
func directionValue(v string) (string, bool) {
	switch v {
	case "ltr", "rtl":
		return v, true
	case "initial":
		return "ltr", true
	case "inherit", "unset", "revert", "revert-layer":
		return "inherit", true // direction is inherited
	}
	return "", false
}
