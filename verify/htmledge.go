package verify

import "strings"

// The edges of an atomic inline box (an inline-block, a button): the box
// lays its content out in lines of its own, and the white space at the
// start and at the end of a line is removed (CSS Text 3, 4.1.1, phase
// II), as a line a block or a <br> ends at the box's start or end is a
// line of the box, not of the line it stands in. So "ameli-<span
// style=display:inline-block> aide </span>.com" and "ameli-<span
// style=display:inline-block><div>aide</div></span>.com" both show
// ameli-aide.com: what parts the words at a box's edges is the room the
// box leaves (partsAround), never what it holds.

// boxEdges follows the atomic boxes open around the text being read.
type boxEdges struct {
	depth int
	// fresh: no text shown yet in the innermost box, where white space
	// and line ends are dropped.
	fresh bool
	// pending is the separator (' ' or '\n', 0 for none) met since the
	// last text shown in a box: written before the next text, dropped
	// at the box's end.
	pending byte
}

// opensBox reports an element whose content is laid out in lines of its
// own, inside the line it stands in.
func opensBox(e *element) bool {
	return isAtomicInline(e) || e.tag == "button" && !isBlock(e)
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

// edgeText returns the part of a text shown inside a box that is written
// now: white space at the box's start dropped, white space at its end
// kept pending; the separator pending before it is written first.
func (h *shownText) edgeText(s string) string {
	if h.edge.depth == 0 {
		return s
	}
	body := strings.TrimLeft(s, cssWhiteSpace)
	if body != s && !h.edge.fresh {
		h.edge.pending = max(h.edge.pending, ' ') // '\n' over ' '
	}
	if body == "" {
		return ""
	}
	h.flushEdge()
	h.edge.fresh = false
	trimmed := strings.TrimRight(body, cssWhiteSpace)
	if trimmed != body {
		h.edge.pending = ' '
	}
	return trimmed
}

// flushEdge writes the separator pending inside a box.
func (h *shownText) flushEdge() {
	if sep := h.edge.pending; sep != 0 {
		h.edge.pending = 0
		h.emit(sep)
	}
}

// cssWhiteSpace is the white space CSS collapses (not a no-break space).
const cssWhiteSpace = " \t\n\r\f"
