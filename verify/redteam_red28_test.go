package verify

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// Red team red28 (a helper session attacking c4e2b50: an inline-block
// parts words on the side where it leaves room, "all" resets every
// property, the SMS phone exemption after "ou", "repondez OUI/STOP",
// header lines between a request and its address). Each test below fails
// at c4e2b50. The HTML misses are Lookalike written without their trick:
// the reader sees remboursement@ameli-aide.com or ameli-aide.com/connexion
// glued; vigie parts the words and reads ameli-aide alone.

// red28Addr is written before a box holding ".com".
const red28Addr = `<div>Envoyez votre RIB a remboursement@ameli-aide`

// red28SMSAddr is a free-mail address naming no brand: only the request
// to write to it makes the SMS Suspicious.
const red28SMSAddr = "service.dossiers@gmail.com"

// TestRed28BorderNotDrawn (finding 1, a miss, sure). A border is drawn
// only with a style: "border-left:8px" sets border-left-style to its
// initial value, none, and a none border's used width is 0 (CSS
// Backgrounds 3, 4.3: "if the border style is none or hidden, the
// computed width is 0"). A later border-style:none, border-left-style:
// none, border-width:0 or border-left-width:0 removes it too. The box
// leaves no room: ".com" is glued to "ameli-aide". sideLengths takes a
// bare width for a drawn border, and boxSpacing reads neither the later
// border-style/border-width shorthands nor the longhands. Root cause:
// htmltext.go sideLengths/boxSpacing.
func TestRed28BorderNotDrawn(t *testing.T) {
	c := mailChecker(t)
	for _, style := range []string{
		"display:inline-block;border-left:8px",
		"display:inline-block;border:8px",
		"display:inline-block;border-left:8px solid;border-style:none",
		"display:inline-block;border-left:8px solid;border-left-style:none",
		"display:inline-block;border-left:8px solid;border-width:0",
		"display:inline-block;border-left:8px solid;border-left-width:0",
	} {
		body := red28Addr + `<span style="` + style + `">.com</span></div>`
		t.Run(style, func(t *testing.T) { assertRed18Caught(t, c, body, Lookalike) })
	}
}

// TestRed28ShorthandAfterLonghand (finding 2, a miss, sure). The cascade
// takes the last declaration: "padding-left:8px;padding:0" has no left
// padding (the shorthand sets padding-left again), nor
// "margin-left:8px;margin:0" a left margin. boxSpacing lets a longhand
// win over its shorthand wherever each stands. Root cause: htmltext.go
// boxSpacing (cssValue per property, no order between them).
func TestRed28ShorthandAfterLonghand(t *testing.T) {
	c := mailChecker(t)
	for _, style := range []string{
		"display:inline-block;padding-left:8px;padding:0",
		"display:inline-block;margin-left:8px;margin:0",
		"display:inline-block;padding-left:8px;padding-inline-start:0",
	} {
		body := red28Addr + `<span style="` + style + `">.com</span></div>`
		t.Run(style, func(t *testing.T) { assertRed18Caught(t, c, body, Lookalike) })
	}
}

// TestRed28RoomTakenBack (finding 3, a miss, sure). Room before a box is
// the sum of its left margin, border and padding and of the right margin
// of what stands before it; room after it, its right padding plus its
// right margin. A negative margin takes the room back (CSS 2.1, 8.3:
// margins may be negative; inline boxes' horizontal margins apply):
// "padding-left:8px;margin-inline-start:-8px" (the logical start margin
// is the left one in a left-to-right line), "margin-inline:-8px 0", an
// inline <span style="margin-right:-8px"> or an empty inline-block with
// it before a "margin-left:8px" box, "padding-right:8px;margin-right:
// -8px" on the box holding "ameli-aide". Each leaves ".com" glued. vigie
// reads no logical property, adds each side's lengths clipped at zero,
// and calls only a negative left margin of the box itself "pulled". Root
// cause: htmltext.go boxSpacing/partsAround.
func TestRed28RoomTakenBack(t *testing.T) {
	c := mailChecker(t)
	for _, body := range []string{
		red28Addr + `<span style="display:inline-block;padding-left:8px;margin-inline-start:-8px">.com</span></div>`,
		red28Addr + `<span style="display:inline-block;padding-left:8px;margin-inline:-8px 0">.com</span></div>`,
		`<div>Envoyez votre RIB a remboursement@<span style="display:inline-block;padding-right:8px;margin-right:-8px">ameli-aide</span>.com</div>`,
	} {
		t.Run(body, func(t *testing.T) { assertRed18Caught(t, c, body, Lookalike) })
	}
}

// TestRed28LengthMisread (finding 4, a miss). (a) "8pz" is no length:
// the declaration is invalid and dropped (sure). (b) "5em" in a box of
// font-size:0 is 0px; the text inside restores its own size (sure).
// (c) A hundredth of a pixel is no gap a reader sees (judgement call on
// a threshold; Blink lays out in 1/64 px). cssNumber accepts any unit,
// and sideLengths counts any positive number as room. Root cause:
// htmltext.go sideLengths (units not checked, em not resolved).
func TestRed28LengthMisread(t *testing.T) {
	c := mailChecker(t)
	for _, box := range []string{
		`<span style="display:inline-block;padding-left:8pz">.com</span>`,
		`<span style="display:inline-block;font-size:0;padding-left:5em"><span style="font-size:14px">.com</span></span>`,
		`<span style="display:inline-block;padding-left:0.01px">.com</span>`,
	} {
		body := red28Addr + box + `</div>`
		t.Run(box, func(t *testing.T) { assertRed18Caught(t, c, body, Lookalike) })
	}
}

// TestRed28SizedBoxTextAtRight (finding 5, a miss, sure). c4e2b50 parts
// the words after a sized inline-block because "its text starts at its
// left edge"; with text-align:right, or direction:rtl (whose start is the
// right edge), the text ends at the box's right edge and the blank room
// is on its left. "Connectez-vous sur [box: ameli-aide]".com/connexion
// shows ameli-aide.com/connexion glued. Root cause: htmltext.go
// partsAround (sized means room after, whatever the alignment).
func TestRed28SizedBoxTextAtRight(t *testing.T) {
	c := mailChecker(t)
	for _, style := range []string{
		"display:inline-block;width:200px;text-align:right",
		"display:inline-block;width:200px;direction:rtl",
	} {
		body := `<div>Connectez-vous sur <span style="` + style + `">ameli-aide</span>.com/connexion</div>`
		t.Run(style, func(t *testing.T) { assertRed18Caught(t, c, body, Lookalike) })
	}
}

// TestRed28DrawnRoomNotSeen (finding 6, a false alarm). An official
// mail's pill or nav item stands apart from "Retrouvez-nous sur":
// (a) "margin-left:-4px;padding:2px 12px" (the usual cancel of the
// whitespace gap between inline-blocks) still leaves 8px of padding
// (sure): vigie drops all room for any negative left margin. (b) The
// logical properties padding-inline-start, margin-inline and
// border-inline-end, and the longhands border-left-width/-style, draw the
// same room as their physical shorthands (judgement call on mail
// clients keeping them; Apple Mail and Outlook.com do). vigie reads
// surameli.fr (Lookalike) or Siteameli.fr. Root cause: htmltext.go
// partsAround/boxSpacing (pulled whatever the padding; logical and
// longhand properties not read).
func TestRed28DrawnRoomNotSeen(t *testing.T) {
	c := mailChecker(t)
	for _, body := range []string{
		`<p>Retrouvez-nous sur<span style="display:inline-block;margin-left:-4px;padding:2px 12px">ameli.fr</span></p>`,
		`<p>Retrouvez-nous sur<span style="display:inline-block;padding-inline-start:12px">ameli.fr</span></p>`,
		`<p>Retrouvez-nous sur<span style="display:inline-block;margin-inline:8px">ameli.fr</span></p>`,
		`<p>Retrouvez-nous sur<span style="display:inline-block;border-left-width:8px;border-left-style:solid">ameli.fr</span></p>`,
		`<p><span style="display:inline-block;border-inline-end:1px solid #ccc">Site</span><span style="display:inline-block">ameli.fr</span></p>`,
		`<p><span style="display:inline-block;border-right-width:1px;border-right-style:solid">Site</span><span style="display:inline-block">ameli.fr</span></p>`,
	} {
		t.Run(body, func(t *testing.T) {
			rep := provenReport(t, c, body)
			assert.Equal(t, Official, rep.Status, "links %v, reasons %v", reportURLs(rep), rep.Codes())
		})
	}
}

// TestRed28SMSReplyToAddress (finding 7, a miss, sure). "repondez OUI"
// asks for no mail only when the reply goes back by SMS; "repondez OUI a
// <address>" or "repondez OUI par mail a <address>" asks the reader to
// mail that address. asks drops any repondez followed by a reply word or
// digits, whatever follows. Unknown instead of Suspicious. Root cause:
// smswrite.go asks (replyWords/replies, no look at the rest of the
// sentence).
func TestRed28SMSReplyToAddress(t *testing.T) {
	c := mailChecker(t)
	for _, ask := range []string{
		"Pour le recevoir, repondez OUI a " + red28SMSAddr,
		"Pour le recevoir, repondez OUI par mail a " + red28SMSAddr,
	} {
		text := "AMELI: remboursement bloque. " + ask
		t.Run(ask, func(t *testing.T) {
			rep := c.SMS("AMELI", text)
			assert.True(t, rep.Status.Worse(Unknown), "got %s: %v", rep.Status, rep.Codes())
		})
	}
}

// TestRed28SMSPhoneExemptionKept (finding 8, a miss). mailFollows now
// wants "ou" and then a mail word: "contactez le 3646 et par mail a
// <address>" ("et": both ways, sure), "ou <address>" and "ou sinon
// <address>" (the address itself is the other way, sure), "ou bien par
// courrier electronique :" (no mail word: courrier electronique, sure),
// "/ mail :" (judgement call) keep the phone exemption, and the address
// is not asked for. Root cause: smswrite.go mailFollows (keyOu required
// and mailWords only; the address itself not taken as mail).
func TestRed28SMSPhoneExemptionKept(t *testing.T) {
	c := mailChecker(t)
	for _, ask := range []string{
		"Contactez le 3646 et par mail a " + red28SMSAddr + " avec votre RIB",
		"Contactez le 3646 ou " + red28SMSAddr,
		"Contactez le 3646 ou sinon " + red28SMSAddr,
		"Contactez le 3646 ou bien par courrier electronique : " + red28SMSAddr,
	} {
		text := "AMELI: remboursement bloque. " + ask
		t.Run(ask, func(t *testing.T) {
			rep := c.SMS("AMELI", text)
			assert.True(t, rep.Status.Worse(Unknown), "got %s: %v", rep.Status, rep.Codes())
		})
	}
}

// TestRed28SMSHeaderLines (finding 9, a miss, judgement call on the
// lists). askedFrom crosses at most three header lines, and only those
// opened by headerWords: four lines (Objet, Ref, Dossier, Date), or a
// "Beneficiaire :" or "Nom :" line, cut the request "Envoyez votre RIB."
// off its address, though the reader is plainly told where to send it.
// Root cause: smswrite.go askedFrom (headers <= 3, headerWords).
func TestRed28SMSHeaderLines(t *testing.T) {
	c := mailChecker(t)
	for _, ask := range []string{
		"Envoyez votre RIB.\nObjet : Remboursement\nRef : 12345\nDossier : 998\nDate : 12/03\nMail : " + red28SMSAddr,
		"Envoyez votre RIB.\nBeneficiaire : Jean Dupont\nMail : " + red28SMSAddr,
		"Envoyez votre RIB.\nNom : Dupont\nMail : " + red28SMSAddr,
	} {
		text := "AMELI: remboursement bloque. " + ask
		t.Run(ask, func(t *testing.T) {
			rep := c.SMS("AMELI", text)
			assert.True(t, rep.Status.Worse(Unknown), "got %s: %v", rep.Status, rep.Codes())
		})
	}
}

// TestRed28SMSOwnAddressPastHeader (finding 10, a false alarm, judgement
// call). "envoyez votre attestation via votre compte ameli" asks for an
// upload on the account; the reader's own address shown after an
// "Objet" line and an "Adresse :" label is not where to send it. The
// channel ("via votre compte") is read only right after the verb
// (answeredElsewhere), so asksForDocument finds "attestation" and
// askedFrom, now past the header line, gives the request the address:
// Suspicious (brand-mention) instead of Unknown. Root cause: smswrite.go
// answeredElsewhere (channel after the object not seen), askedFrom.
func TestRed28SMSOwnAddressPastHeader(t *testing.T) {
	c := mailChecker(t)
	for _, text := range []string{
		"Assurance Maladie : envoyez votre attestation via votre compte ameli.\nObjet : mise a jour\nAdresse : jean.dupont@gmail.com",
		"Assurance Maladie : envoyez votre attestation depuis votre espace ameli.\nObjet : mise a jour\nAdresse : jean.dupont@gmail.com",
	} {
		t.Run(text, func(t *testing.T) {
			rep := c.SMS("38100", text)
			assert.Equal(t, Unknown, rep.Status, "reasons %v", rep.Reasons)
		})
	}
}

// Left open after red28 (rows taken out of the tests above, judgement
// calls or beyond reading one element's style):
//   - a negative right margin on the element before a spaced box takes its
//     room back ("<span style=margin-right:-8px>ameli-aide</span><span
//     style=display:inline-block;margin-left:8px>.com</span>"): vigie reads
//     each element's style alone, not what its neighbours do to it;
//   - "text-align:end;direction:rtl" on a sized box: the end of a
//     right-to-left box is its left edge (CSS Text 3), so its text is not
//     against the next word and the row as written is no miss;
//   - "Contactez le 3646 / mail : ...": a slash offering another way.
