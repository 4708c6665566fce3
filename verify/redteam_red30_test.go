package verify

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// Red team red30 (a helper session attacking 0b391e2 and c9fff37: the
// room an inline-block or button leaves beside the words around it,
// htmlbox.go; the SMS requests to write to an address, smswrite.go).
// Each test below fails at c9fff37. The HTML misses show the reader
// ameli-aide.com/connexion glued while vigie parts the words; the SMS
// misses ask to send a RIB to a free-mail address and stay Unknown; the
// SMS false alarms quote the reader's own address.

// red30Glued wraps a box written between "ameli-" and ".com/connexion":
// a browser shows ameli-aide.com/connexion glued.
func red30Glued(box string) string {
	return `<div>Connectez-vous sur ameli-` + box + `.com/connexion</div>`
}

// red30Sized writes ameli-aide in a box of that style before
// ".com/connexion".
func red30Sized(style string) string {
	return `<div>Connectez-vous sur <span style="` + style + `">ameli-aide</span>.com/connexion</div>`
}

// TestRed30BoxEdgeWhiteSpace (finding 1, a miss, sure). The white space
// at the start and at the end of a line is removed (CSS Text 3, 4.1.1,
// phase II), and an inline-block or a button lays its content out in
// lines of its own: "ameli-<span style=display:inline-block> aide
// </span>.com" shows ameli-aide.com, as any template that indents its
// markup writes it. A block (<div>, <p>) or a <br> at the start or the
// end of such a box ends a line inside the box, not the line it stands
// in; so does a table whose spacing and padding are zeroed
// (cellpadding=0 cellspacing=0, as mail templates write every table).
// vigie writes the spaces and line ends into the text it reads, so
// ameli- aide .com holds no host. Same in the token scan (a document
// nested too deep for the tree builder). Root cause: htmltext.go
// shownText.shown/write (no box edge: white space and line ends written
// as they come).
func TestRed30BoxEdgeWhiteSpace(t *testing.T) {
	c := mailChecker(t)
	for _, box := range []string{
		`<span style="display:inline-block"> aide </span>`,
		"<span style=\"display:inline-block\">\n    aide\n</span>",
		`<button style="all:unset"> aide </button>`,
		`<span style="display:inline-block"><div>aide</div></span>`,
		`<span style="display:inline-block"><p style="margin:0">aide</p></span>`,
		`<span style="display:inline-block">aide<br></span>`,
		"<span style=\"display:inline-block\">\n  <div>\n    aide\n  </div>\n</span>",
		`<span style="display:inline-block"><table cellpadding="0" cellspacing="0"><tr><td>aide</td></tr></table></span>`,
	} {
		t.Run(box, func(t *testing.T) { assertRed18Caught(t, c, red30Glued(box), Lookalike) })
		t.Run("token scan "+box, func(t *testing.T) { assertRed18Caught(t, c, red19Deep+red30Glued(box), Lookalike) })
	}
}

// TestRed30BoxRoomInsideKept guards finding 1's fix (these rows pass at
// c9fff37): room drawn inside a box, an image or a padded box at its
// start or end, or a block that draws room at its sides (a table's
// border spacing, a list's indent: two columns side by side), parts the
// words at its edge as it does anywhere; only white space and line ends
// there are dropped.
func TestRed30BoxRoomInsideKept(t *testing.T) {
	c := mailChecker(t)
	for _, body := range []string{
		`<p>Retrouvez-nous sur<span style="display:inline-block"><img src="cid:i" width="16" height="16" alt="">ameli.fr</span></p>`,
		`<p>Retrouvez-nous sur<span style="display:inline-block"><span style="display:inline-block;padding-left:8px">ameli.fr</span></span></p>`,
		`<p><span style="display:inline-block">Site<img src="cid:i" width="16" height="16" alt=""></span>ameli.fr</p>`,
		"<p>Retrouvez-nous sur <span style=\"display:inline-block\">\n  <b>ameli.fr</b>\n</span></p>",
		`<div style="display:inline-block"><table width="280"><tr><td>Assurance Maladie</td></tr></table></div>` +
			`<div style="display:inline-block"><table width="280"><tr><td>ameli.fr</td></tr></table></div>`,
		`<div style="display:inline-block"><table><tr><td>Assurance Maladie</td></tr></table></div>` +
			`<div style="display:inline-block"><ul><li>ameli.fr</li></ul></div>`,
	} {
		t.Run(body, func(t *testing.T) {
			rep := provenReport(t, c, body)
			assert.Equal(t, Official, rep.Status, "links %v, reasons %v", reportURLs(rep), rep.Codes())
		})
	}
}

// TestRed30AlignmentMisread (finding 2, a miss, sure). (a) A sized box
// holds one line, its last: text-align-last aligns it (CSS Text 3,
// 6.3; every engine ships it) and wins over text-align, so
// "width:200px;text-align-last:right" puts ameli-aide against the box's
// right edge, glued to ".com/connexion". (b) An invalid value is dropped
// (CSS Syntax 3): "text-align:right;text-align:foo" is right (and
// "text-align:auto", a value of text-align-last only),
// "direction:rtl;direction:foo" right to left. textAlign reads neither
// text-align-last nor a value's validity (cssValue takes the last
// declaration whatever it says). Root cause: htmlbox.go textAlign,
// rightToLeft.
func TestRed30AlignmentMisread(t *testing.T) {
	c := mailChecker(t)
	for _, style := range []string{
		"display:inline-block;width:200px;text-align-last:right",
		"display:inline-block;width:200px;text-align:left;text-align-last:end",
		"display:inline-block;width:200px;text-align:right;text-align:foo",
		"display:inline-block;width:200px;direction:rtl;direction:foo",
		"display:inline-block;width:200px;text-align:right;text-align:auto",
	} {
		t.Run(style, func(t *testing.T) { assertRed18Caught(t, c, red30Sized(style), Lookalike) })
	}
}

// TestRed30AlignedByMarkup (finding 9, a miss, sure). A sized box
// aligned by its own markup, not by its style: (a) the align attribute
// of a <div> or <p> is its text-align (HTML 15.3.3, the user agent's
// style sheet), (b) dir=auto and unicode-bidi:plaintext take the box's
// direction from its first strong character (HTML "the dir attribute";
// CSS Writing Modes 3, 2.4), and an invisible right-to-left mark (U+200F)
// makes it right to left, its start the right edge. Each puts ameli-aide
// against the right edge, glued to ".com/connexion". textAlign reads
// the style alone; rightToLeft takes dir=auto for left to right. Root
// cause: htmlbox.go textAlign, rightToLeft.
func TestRed30AlignedByMarkup(t *testing.T) {
	c := mailChecker(t)
	for _, box := range []string{
		`<div align="right" style="display:inline-block;width:200px">ameli-aide</div>`,
		`<p align="right" style="display:inline-block;width:200px;margin:0">ameli-aide</p>`,
		`<span dir="auto" style="display:inline-block;width:200px">&rlm;ameli-aide</span>`,
		`<span style="display:inline-block;width:200px;unicode-bidi:plaintext">&rlm;ameli-aide</span>`,
	} {
		body := `<div>Connectez-vous sur ` + box + `.com/connexion</div>`
		t.Run(box, func(t *testing.T) { assertRed18Caught(t, c, body, Lookalike) })
	}
}

// TestRed30InheritedAlignment (red29's open row, fixed here; a miss and
// a false alarm, sure). text-align, text-align-last and direction are
// inherited (CSS Text 3, CSS Writing Modes 3), and the align attribute
// of div, p and the table's parts is their text-align: a sized box in a
// right-aligned or right-to-left parent puts ameli-aide at its right
// edge, glued to ".com/connexion"; in a centred cell (as mail templates
// write every cell), an official "Retrouvez-nous sur" then the box
// holding ameli.fr stands apart, its text centred. vigie read one
// element's style at a time. Root cause: htmlbox.go textAlign and
// rightToLeft (no inheritance).
func TestRed30InheritedAlignment(t *testing.T) {
	c := mailChecker(t)
	const box = `Connectez-vous sur <span style="display:inline-block;width:200px">ameli-aide</span>.com/connexion`
	for _, body := range []string{
		`<div style="text-align:right">` + box + `</div>`,
		`<div align="right">` + box + `</div>`,
		`<table><tr><td align="right">` + box + `</td></tr></table>`,
		`<div dir="rtl">` + box + `</div>`,
	} {
		t.Run(body, func(t *testing.T) { assertRed18Caught(t, c, body, Lookalike) })
		t.Run("token scan "+body, func(t *testing.T) { assertRed18Caught(t, c, red19Deep+body, Lookalike) })
	}
	for _, body := range []string{
		`<table><tr><td align="center"><p>Retrouvez-nous sur<span style="display:inline-block;width:200px">ameli.fr</span></p></td></tr></table>`,
		`<div style="text-align:center"><p>Retrouvez-nous sur<span style="display:inline-block;width:200px">ameli.fr</span></p></div>`,
	} {
		t.Run(body, func(t *testing.T) {
			rep := provenReport(t, c, body)
			assert.Equal(t, Official, rep.Status, "links %v, reasons %v", reportURLs(rep), rep.Codes())
		})
	}
}

// TestRed30FieldButtonUnframed (finding 3, a miss, sure). An <input
// type=submit|button|reset> is a button: with no padding and no border
// ("padding:0;border:0", "all:unset") it draws its value as bare text,
// glued to the words beside it, as vigie already reads a <button> so
// styled (red29). vigie takes every drawn <input> for a box that parts
// words. Root cause: htmlbox.go partsAround (bareButton for <button>
// only).
func TestRed30FieldButtonUnframed(t *testing.T) {
	c := mailChecker(t)
	for _, box := range []string{
		`<input type="submit" value="aide" style="padding:0;border:0;background:none;font:inherit">`,
		`<input type="button" value="aide" style="all:unset">`,
		`<input type="reset" value="aide" style="border:none;padding:0">`,
	} {
		t.Run(box, func(t *testing.T) { assertRed18Caught(t, c, red30Glued(box), Lookalike) })
	}
}

// TestRed30SizedButtonAligned (finding 14, a miss, sure). An unframed
// button given a width is a box like a sized inline-block: its text sits
// where its alignment puts it (centred by the user agent's style sheet,
// at the right with text-align:right), glued to ".com/connexion" then.
// vigie takes any sized button for a drawn box that parts both sides.
// Root cause: htmlbox.go partsAround (only an unsized unframed button
// read as a box). Guards: centred, it stands apart from the words on
// both sides.
func TestRed30SizedButtonAligned(t *testing.T) {
	c := mailChecker(t)
	for _, box := range []string{
		`<button style="width:200px;padding:0;border:0;text-align:right">ameli-aide</button>`,
		`<input type="button" value="ameli-aide" style="width:200px;padding:0;border:0;text-align:right">`,
	} {
		body := `<div>Connectez-vous sur ` + box + `.com/connexion</div>`
		t.Run(box, func(t *testing.T) { assertRed18Caught(t, c, body, Lookalike) })
	}
	for _, body := range []string{
		`<p>Retrouvez-nous sur<button style="width:200px;padding:0;border:0">ameli.fr</button>.</p>`,
		`<p>Retrouvez-nous sur<input type="submit" value="ameli.fr" style="width:200px;padding:0;border:0">.</p>`,
	} {
		t.Run(body, func(t *testing.T) {
			rep := provenReport(t, c, body)
			assert.Equal(t, Official, rep.Status, "links %v, reasons %v", reportURLs(rep), rep.Codes())
		})
	}
}

// TestRed30GapTooNarrow (finding 16, a miss; the threshold is a
// judgement call). A pixel of padding or margin is no gap a reader sees
// between two letters (a space is about 4 pixels; vigie already takes a
// spacer image 2 pixels wide for none): "ameli-<span
// style=display:inline-block;padding-left:1px>aide</span>.com" reads
// ameli-aide.com. vigie counted any room over half a pixel. A drawn
// border, a line however thin, still parts (red28's 1px separators).
// Root cause: htmlbox.go partsAround (minRoom for blank room).
func TestRed30GapTooNarrow(t *testing.T) {
	c := mailChecker(t)
	for _, box := range []string{
		`<span style="display:inline-block;padding-left:1px">aide</span>`,
		`<span style="display:inline-block;margin-left:2px">aide</span>`,
		`<button style="padding:0 1px;border:0">aide</button>`,
	} {
		t.Run(box, func(t *testing.T) { assertRed18Caught(t, c, red30Glued(box), Lookalike) })
	}
}

// TestRed30FlexBoxPlacesItsText (finding 4, a miss, sure). A sized
// inline-flex or inline-grid box places its content by its own
// properties, not by text-align: "justify-content:end",
// "flex-direction:row-reverse" or "justify-items:end" put ameli-aide
// against its right edge, glued to ".com/connexion". vigie credits the
// width of any sized atomic box as room after its text. Root cause:
// htmlbox.go partsAround (sized boxes all read as text-align boxes).
func TestRed30FlexBoxPlacesItsText(t *testing.T) {
	c := mailChecker(t)
	for _, style := range []string{
		"display:inline-flex;width:200px;justify-content:end",
		"display:inline-flex;width:200px;flex-direction:row-reverse",
		"display:inline-grid;width:200px;justify-items:end",
	} {
		t.Run(style, func(t *testing.T) { assertRed18Caught(t, c, red30Sized(style), Lookalike) })
	}
}

// TestRed30SizedBoxContentPlaced (finding 5, a miss, sure). What a
// sized inline-block holds may place its text at its right edge: a
// float:right, or a box as wide as it aligned right. vigie credits the
// outer box's width as room after its text. Root cause: htmlbox.go
// partsAround (a box's width read without what it holds).
func TestRed30SizedBoxContentPlaced(t *testing.T) {
	c := mailChecker(t)
	for _, inner := range []string{
		`<span style="float:right">ameli-aide</span>`,
		`<span style="display:inline-block;width:200px;text-align:right">ameli-aide</span>`,
	} {
		body := `<div>Connectez-vous sur <span style="display:inline-block;width:200px">` + inner + `</span>.com/connexion</div>`
		t.Run(inner, func(t *testing.T) { assertRed18Caught(t, c, body, Lookalike) })
		t.Run("token scan "+inner, func(t *testing.T) { assertRed18Caught(t, c, red19Deep+body, Lookalike) })
	}
}

// TestRed30SpacePulledBack (finding 8, a miss, sure for the rows
// below). A negative margin applies to an inline box's sides (CSS 2.1,
// 8.3 and 10.3.1), and to an inline-block's: "ameli-aide <span
// style=margin-left:-5px>.com/connexion</span>" draws ".com" over the
// space before it (a space is about a quarter of an em, 4 pixels at 16),
// and a span holding that space with margin-right:-5px takes it back
// after it. The reader sees ameli-aide.com/connexion glued; vigie reads
// the space. Root cause: the walks read a non-atomic inline element's
// margins nowhere, and an inline-block's negative left margin only as
// room it does not leave (partsAround), never as the space before it
// taken back.
func TestRed30SpacePulledBack(t *testing.T) {
	c := mailChecker(t)
	for _, body := range []string{
		`<div>Connectez-vous sur ameli-aide <span style="margin-left:-5px">.com/connexion</span></div>`,
		`<div>Connectez-vous sur ameli-aide <b style="margin-left:-0.3em">.com/connexion</b></div>`,
		`<div>Connectez-vous sur ameli-aide <span style="display:inline-block;margin-left:-5px">.com/connexion</span></div>`,
		`<div>Connectez-vous sur ameli-aide<span style="margin-right:-5px"> </span>.com/connexion</div>`,
		`<div>Connectez-vous sur ameli-<span style="margin-right:-5px">aide</span> .com/connexion</div>`,
	} {
		t.Run(body, func(t *testing.T) { assertRed18Caught(t, c, body, Lookalike) })
		t.Run("token scan "+body, func(t *testing.T) { assertRed18Caught(t, c, red19Deep+body, Lookalike) })
	}
}

// TestRed30BoxShifted (finding 12, a miss, sure). A relative position's
// left or right offset (CSS 2.1, 9.4.3), and for an atomic box the
// translation of transform or translate (CSS Transforms 1 and 2), draw a
// box away from where the line puts it, the words around it left in
// place: "padding-left:8px;transform:translateX(-8px)" draws ".com"
// against ameli-aide, as "position:relative;left:-5px" does an inline
// span over the space before it. vigie reads the room a box leaves where
// the line puts it. Root cause: htmlbox.go roomBeside (offsets and
// translations not read).
func TestRed30BoxShifted(t *testing.T) {
	c := mailChecker(t)
	for _, box := range []string{
		`<span style="display:inline-block;padding-left:8px;transform:translateX(-8px)">.com/connexion</span>`,
		`<span style="display:inline-block;padding-left:8px;position:relative;left:-8px">.com/connexion</span>`,
		`<span style="display:inline-block;margin-left:8px;translate:-8px">.com/connexion</span>`,
		` <span style="position:relative;left:-5px">.com/connexion</span>`,
		` <span style="position:relative;right:5px">.com/connexion</span>`,
	} {
		body := `<div>Connectez-vous sur ameli-aide` + box + `</div>`
		t.Run(box, func(t *testing.T) { assertRed18Caught(t, c, body, Lookalike) })
	}
}

// TestRed30SpaceSqueezed (finding 10, a miss, sure for these values).
// word-spacing adds to every space, letter-spacing to every character
// a space included (CSS Text 3, 8.1 and 8.2), and both may be negative:
// a span holding the space between ameli-aide and ".com" with
// word-spacing:-0.3em or letter-spacing:-5px draws it as nothing (a
// space is about a quarter of an em). vigie reads no spacing. Root
// cause: htmlcss.go/htmltext.go (word-spacing, letter-spacing not read).
func TestRed30SpaceSqueezed(t *testing.T) {
	c := mailChecker(t)
	for _, style := range []string{"word-spacing:-0.3em", "letter-spacing:-5px", "word-spacing:-6px"} {
		body := `<div>Connectez-vous sur ameli-aide<span style="` + style + `"> </span>.com/connexion</div>`
		t.Run(style, func(t *testing.T) { assertRed18Caught(t, c, body, Lookalike) })
		t.Run("token scan "+style, func(t *testing.T) { assertRed18Caught(t, c, red19Deep+body, Lookalike) })
	}
}

// TestRed30SpaceKeptBeyondPull guards the fixes of findings 8 and 10
// (these rows pass at c9fff37): a margin of a pixel leaves most of the
// space; a hidden or floated element pulls nothing; a pulled box with
// room of its own ("margin-left:-4px;padding:2px 12px", red28) still
// stands apart; a heading tightened by 2 pixels keeps its spaces.
func TestRed30SpaceKeptBeyondPull(t *testing.T) {
	c := mailChecker(t)
	for _, body := range []string{
		`<p>Retrouvez-nous sur <span style="margin-left:-1px">ameli.fr</span></p>`,
		`<p>Retrouvez-nous sur <span style="display:none;margin-left:-9px">x</span>ameli.fr</p>`,
		`<p>Retrouvez-nous sur <span style="float:left;margin-left:-9px"></span>ameli.fr</p>`,
		`<p>Retrouvez-nous sur <span style="display:inline-block;margin-left:-4px;padding:2px 12px">ameli.fr</span></p>`,
		`<h1 style="letter-spacing:-2px">Retrouvez-nous sur ameli.fr</h1>`,
	} {
		t.Run(body, func(t *testing.T) {
			rep := provenReport(t, c, body)
			assert.Equal(t, Official, rep.Status, "links %v, reasons %v", reportURLs(rep), rep.Codes())
		})
	}
}

// TestRed30GluedAcrossAnchor (finding 11, a miss, sure). An anchor is an
// inline element: the words on either side of its edges are drawn glued
// to its text, and "Envoyez votre RIB a remboursement@<a
// href=https://www.ameli.fr/>ameli-aide</a>.com" shows the address
// remboursement@ameli-aide.com, the anchor's part underlined. vigie reads
// the text outside anchors (loose) and each anchor's text apart, never
// the two glued as shown, so a lookalike written across an anchor's edge
// is read nowhere: Unknown (Official when the sender is proven) instead
// of Lookalike. Not one of 0b391e2's rules, but the reading they feed.
// Root cause: htmltext.go shownText (no reading of the text in place).
func TestRed30GluedAcrossAnchor(t *testing.T) {
	c := mailChecker(t)
	for _, body := range []string{
		`<div>Envoyez votre RIB a remboursement@<a href="https://www.ameli.fr/">ameli-aide</a>.com</div>`,
		`<div>Envoyez votre RIB a remboursement@ameli-<a href="https://www.ameli.fr/">aide</a>.com</div>`,
		`<div>Connectez-vous sur ameli-<a href="https://www.ameli.fr/">aide</a>.com/connexion</div>`,
		`<div>Connectez-vous sur ameli-<span style="display:inline-block"><a href="https://www.ameli.fr/"> aide </a></span>.com/connexion</div>`,
	} {
		t.Run(body, func(t *testing.T) { assertRed18Caught(t, c, body, Lookalike) })
		t.Run("token scan "+body, func(t *testing.T) { assertRed18Caught(t, c, red19Deep+body, Lookalike) })
	}
}

// TestRed30AnchorInPlaceOfficial guards finding 11's fix (these rows
// pass at c9fff37): anchors read in place beside official words add
// nothing.
func TestRed30AnchorInPlaceOfficial(t *testing.T) {
	c := mailChecker(t)
	for _, body := range []string{
		`<p>Rendez-vous sur <a href="https://www.ameli.fr/">ameli.fr</a>, rubrique <a href="https://www.ameli.fr/assure">Mon compte</a>.</p>`,
		`<p>Ecrivez-nous : <a href="mailto:contact@ameli.fr">contact@ameli.fr</a>.Merci</p>`,
		`<p><a href="https://www.ameli.fr/">ameli</a>.fr</p>`,
	} {
		t.Run(body, func(t *testing.T) {
			rep := provenReport(t, c, body)
			assert.Equal(t, Official, rep.Status, "links %v, reasons %v", reportURLs(rep), rep.Codes())
		})
	}
}

// TestRed30TextTooSmall (finding 15, a miss; the font shorthand is
// red22's open row). Text a pixel high is a smudge no reader reads:
// "ameli-aide.<span style=font-size:1px>evil</span>com" shows
// ameli-aide.com (threshold 3px, a judgement call; a relative size is
// read of a 16-pixel parent). The font shorthand sets the size too
// (CSS Fonts 4, 2.8: "font:0/0 a", "font:bold 1px/1px Arial"). vigie
// hid only a zero font-size. Root cause: htmlcss.go fontSizeValue,
// elementFontSize (font shorthand not read).
func TestRed30TextTooSmall(t *testing.T) {
	c := mailChecker(t)
	for _, style := range []string{"font-size:1px", "font-size:0.1em", "font:0/0 a", "font:bold 1px/1px Arial"} {
		body := `<div>Connectez-vous sur ameli-aide.<span style="` + style + `">evil</span>com/connexion</div>`
		t.Run(style, func(t *testing.T) { assertRed18Caught(t, c, body, Lookalike) })
		t.Run("token scan "+style, func(t *testing.T) { assertRed18Caught(t, c, red19Deep+body, Lookalike) })
	}
	// Guard: a readable size set by the shorthand hides nothing.
	rep := provenReport(t, c, `<p style="font:14px/20px Arial">Rendez-vous sur ameli.fr</p>`)
	assert.Equal(t, Official, rep.Status, "links %v, reasons %v", reportURLs(rep), rep.Codes())
}
