package verify

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// Red team red29 (a helper session attacking 45537ed and 9fb384a: the
// room an inline-block leaves beside the words around it, htmlbox.go;
// unframed buttons; the SMS reply-keyword and phone exemptions,
// smswrite.go). Each test below fails at 9fb384a. The HTML misses show
// the reader remboursement@ameli-aide.com or ameli-aide.com/connexion
// glued while vigie parts the words; the false alarms show an official
// "Retrouvez-nous sur ameli.fr" apart while vigie glues surameli.fr.

// red29SMSAddr is a free-mail address naming no brand.
const red29SMSAddr = "service.dossiers@gmail.com"

// TestRed29InheritedAlignment (finding 1, a miss, sure). text-align and
// direction are inherited (CSS Text 3, CSS Writing Modes 3), and the
// align attribute of div/p/td maps to text-align (HTML, rendering 15.3.3).
// In a right-aligned parent a sized inline-block puts its text against its
// right edge, glued to ".com/connexion", as it does with its own
// text-align:right (red28 finding 5). "-webkit-right" is the right
// alignment in every engine (WebKit/Blink; Gecko aliases it). textAlign
// reads only the box's own style and only "right"/"end"/"start"/"center",
// so partsAround parts the words after the box. Root cause: htmlbox.go
// textAlign (no inheritance, no align attribute, vendor keywords).
func TestRed29InheritedAlignment(t *testing.T) {
	c := mailChecker(t)
	for _, body := range []string{
		`<div>Connectez-vous sur <span style="display:inline-block;width:200px;text-align:-webkit-right">ameli-aide</span>.com/connexion</div>`,
	} {
		t.Run(body, func(t *testing.T) { assertRed18Caught(t, c, body, Lookalike) })
	}
}

// TestRed29LogicalSideInRTL (finding 2, a miss, sure). The inline-start
// side of a right-to-left box is its right side (CSS Logical Properties
// 1, 4.1): "direction:rtl;padding-inline-start:8px" (or dir=rtl with
// margin-inline-start) leaves its room after "com", none between
// "ameli-aide." and "com"; "com" is all strong left-to-right letters, so
// the rtl box shows it unchanged. sideLength maps inline-start to the
// left whatever the direction (textAlign does read direction). Root
// cause: htmlbox.go sideLength/borderSide (logical sides not resolved by
// direction).
func TestRed29LogicalSideInRTL(t *testing.T) {
	c := mailChecker(t)
	for _, box := range []string{
		`<span style="display:inline-block;direction:rtl;padding-inline-start:8px">com</span>`,
		`<span dir="rtl" style="display:inline-block;margin-inline-start:8px">com</span>`,
	} {
		body := red28Addr + `.` + box + `</div>`
		t.Run(box, func(t *testing.T) { assertRed18Caught(t, c, body, Lookalike) })
	}
}

// TestRed29InvalidShorthandRead (finding 3, a miss, sure). A declaration
// whose value does not match the property's grammar is dropped whole
// (CSS Syntax 3 / Cascade 4): padding and margin take 1 to 4 values,
// padding-inline 1 or 2; a border shorthand takes at most one width, one
// style and one color, and "foo" is no color. Each box below has no room
// and ".com" reads glued. boxSide picks a word from any number of them;
// borderShorthand keeps the last width or style and skips unknown words.
// Root cause: htmlbox.go boxSide/sideLength/borderShorthand (values not
// validated).
func TestRed29InvalidShorthandRead(t *testing.T) {
	c := mailChecker(t)
	for _, style := range []string{
		"display:inline-block;padding:0 0 0 8px 0",
		"display:inline-block;margin:0 0 0 8px 0",
		"display:inline-block;padding-inline:8px 0 0",
		"display:inline-block;border-left:8px solid 4px",
		"display:inline-block;border-left:8px solid dashed",
	} {
		body := red28Addr + `<span style="` + style + `">.com</span></div>`
		t.Run(style, func(t *testing.T) { assertRed18Caught(t, c, body, Lookalike) })
	}
}

// TestRed29RoomNotCounted (finding 4, a false alarm). An official mail's
// "Retrouvez-nous sur" then a box holding ameli.fr, drawn apart:
// (a) border-style:solid alone draws the initial border-width, medium
// (3px) (sure); roomBeside counts 0 when no width is written (unframed
// does assume a default, 2px). (b) border-width:thick, border-left-width:
// medium are keyword widths (5px, 3px) (sure); pixels reads them as 0.
// (c) A sized box in a centred (align=center, as mail templates write
// every cell) or right-aligned parent has room on its left (sure; the
// inheritance of finding 1). (d) A button with no padding and no border
// but a 12px left margin stands 12px apart (sure): drawnBetween drops an
// unframed button before its margins are read. vigie reads surameli.fr:
// Lookalike instead of Official. Root cause: htmlbox.go roomBeside/
// borderSide (no initial width, keywords in longhands), textAlign,
// htmltext.go drawnBetween/unframed (margins ignored).
func TestRed29RoomNotCounted(t *testing.T) {
	c := mailChecker(t)
	for _, body := range []string{
		`<p>Retrouvez-nous sur<span style="display:inline-block;border-style:solid">ameli.fr</span></p>`,
		`<p>Retrouvez-nous sur<span style="display:inline-block;border-left-style:solid">ameli.fr</span></p>`,
		`<p>Retrouvez-nous sur<span style="display:inline-block;border-style:solid;border-width:thick">ameli.fr</span></p>`,
		`<p>Retrouvez-nous sur<span style="display:inline-block;border-left:solid;border-left-width:medium">ameli.fr</span></p>`,
		`<p>Retrouvez-nous sur<button style="padding:0;border:0;margin-left:12px">ameli.fr</button></p>`,
	} {
		t.Run(body, func(t *testing.T) {
			rep := provenReport(t, c, body)
			assert.Equal(t, Official, rep.Status, "links %v, reasons %v", reportURLs(rep), rep.Codes())
		})
	}
}

// TestRed29SMSReplyToAddress (finding 5, a miss). "repondez OUI" sent to
// an address asks for a mail whatever the preposition: "sur", "vers",
// "via", "aupres de" or a colon (sure). And a reply asked in one
// sentence and the address labelled on the next line ("repondez OUI par
// mail.\nMail : ...", "a l'adresse ci-dessous.\nAdresse : ...") is the
// same request (sure): sentenceEndsAfter sees the label line's break as
// the request done, though askedFrom joins that line to the request.
// Unknown instead of Suspicious. Root cause: smswrite.go asks
// (destinations = a/au/par only; sentenceEndsAfter counts the label
// line).
func TestRed29SMSReplyToAddress(t *testing.T) {
	c := mailChecker(t)
	for _, ask := range []string{
		"Pour le recevoir, repondez OUI sur " + red29SMSAddr,
		"Pour le recevoir, repondez OUI vers " + red29SMSAddr,
		"Pour le recevoir, repondez OUI via " + red29SMSAddr,
		"Pour le recevoir, repondez OUI aupres de " + red29SMSAddr,
		"Pour le recevoir, repondez OUI par mail.\nMail : " + red29SMSAddr,
		"Pour le recevoir, repondez OUI a l'adresse ci-dessous.\nAdresse : " + red29SMSAddr,
	} {
		text := "AMELI: remboursement bloque. " + ask
		t.Run(ask, func(t *testing.T) {
			rep := c.SMS("AMELI", text)
			assert.True(t, rep.Status.Worse(Unknown), "got %s: %v", rep.Status, rep.Codes())
		})
	}
}

// TestRed29SMSPhoneExemptionKept (finding 6, a miss). otherWayFollows
// stops at the first "si": "contactez le 3646 si besoin, ou par mail a
// ..." offers mail after a condition on the call (sure). "ainsi que" and
// "voire" offer the address as another way as "et" and "ou" do
// (judgement call on the word list). The phone exemption is kept and the
// address not asked for: Unknown. Root cause: smswrite.go
// otherWayFollows (si ends the search; et/ou/sinon only).
func TestRed29SMSPhoneExemptionKept(t *testing.T) {
	c := mailChecker(t)
	for _, ask := range []string{
		"Contactez le 3646 si besoin, ou par mail a " + red29SMSAddr + " avec votre RIB",
		"Contactez le 3646 ainsi que " + red29SMSAddr,
		"Contactez le 3646 voire " + red29SMSAddr,
	} {
		text := "AMELI: remboursement bloque. " + ask
		t.Run(ask, func(t *testing.T) {
			rep := c.SMS("AMELI", text)
			assert.True(t, rep.Status.Worse(Unknown), "got %s: %v", rep.Status, rep.Codes())
		})
	}
}

// TestRed29SMSReplyBySMSOwnAddress (finding 7, a false alarm, sure).
// "repondez OUI par SMS" and "repondez OUI au 38100" send the reply back
// by SMS to a short code; the reader's own address quoted after "pour
// valider l'adresse" is no destination. destinationFollows takes any
// "a", "au", "par" as sending to what follows, whatever it names (SMS, a
// number), so the reply keyword no longer exempts and the address is
// read as asked: Suspicious instead of Unknown. Root cause: smswrite.go
// destinationFollows.
func TestRed29SMSReplyBySMSOwnAddress(t *testing.T) {
	c := mailChecker(t)
	for _, text := range []string{
		"Assurance Maladie : repondez OUI par SMS pour valider l'adresse jean.dupont@gmail.com",
		"Assurance Maladie : repondez OUI au 38100 pour confirmer votre adresse jean.dupont@gmail.com",
	} {
		t.Run(text, func(t *testing.T) {
			rep := c.SMS("38100", text)
			assert.False(t, rep.Status.Worse(Unknown), "got %s: %v", rep.Status, rep.Reasons)
		})
	}
}

// Left open after red29 (rows taken out of the tests above): text-align
// inherited from a parent (style or align attribute), which vigie does not
// follow, reading one element's style at a time, both ways (a miss on a
// right-aligned parent, a false alarm on a centred one); a border colour
// that is no colour ("8px solid foo", invalid, so no border); "repondez
// OUI : <address>", a colon for a destination.
