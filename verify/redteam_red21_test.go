package verify

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// Red team red21 (a helper session attacking a5432c2: words part at drawn
// replaced elements only, not at hidden ones or ones "a pixel wide"; the
// joined reading of 77064d2 dropped; SMS asking words must stand within 12
// words before a free-mail address). Each test below fails at 8e5dffd.
// assertRed18Caught (the proven ameli.fr mail must not be Official, the
// unproven one must be want) is red18's, red19Deep red19's. In every mail
// case, the same body without the element in the middle is Lookalike
// (mailto:remboursement@ameli-aide.com).

// red21Addr is shown before the piece the element parts from it.
const red21Addr = `<div>Envoyez votre RIB a remboursement@ameli-aide`

// TestRed21DimensionsMisread (finding 1, regression from 77064d2, where
// the joined reading caught each). partsWords takes an image for "a pixel
// wide" only if width or height is an integer (strconv.Atoi, optional
// "px"). HTML reads width/height with the rules for parsing dimension
// values: leading digits, an optional fraction, an optional '%', and
// trailing garbage ignored; so "1.5" is 1.5px, "0%" is 0 wide, "1x" is
// 1px. vigie parts the words there, finds no address in
// "remboursement@ameli-aide .com", and the proven mail is Official (the
// unproven one Unknown) while the reader sees
// remboursement@ameli-aide.com. Sure (HTML Living Standard, 2.3.4.4
// "rules for parsing dimension values"; a reviewer would expect the
// browser's parse).
func TestRed21DimensionsMisread(t *testing.T) {
	c := mailChecker(t)
	for _, dim := range []string{`1.5`, `0%`, `1x`, `0.9px`} {
		body := red21Addr + `<img src="cid:x" width="` + dim + `" height="` + dim + `" alt="">.com</div>`
		t.Run(dim, func(t *testing.T) { assertRed18Caught(t, c, body, Lookalike) })
	}
}

// TestRed21ImageSizedOrPlacedByStyle (finding 2, regression from
// 77064d2; JUDGEMENT CALL on how far vigie should read layout). An image
// is taken for drawn among the words unless its attributes say otherwise:
// a size set in the style attribute, the image's own 1x1 size (the
// classic spacer GIF, here inline as data:), or a style taking it out of
// the line (position:absolute, float) are not read, so vigie parts the
// words while the reader sees them joined. The first three are plain
// spacers any newsletter uses; the last two need CSS that webmail
// clients sometimes strip (Gmail drops position), so are weaker.
func TestRed21ImageSizedOrPlacedByStyle(t *testing.T) {
	c := mailChecker(t)
	gif := `data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7`
	for _, img := range []string{
		`<img src="cid:x" style="width:1px;height:1px" alt="">`,
		`<img src="cid:x" width="16" style="max-width:0" alt="">`,
		`<img src="` + gif + `" alt="">`,
		`<img src="cid:x" width="16" height="16" style="position:absolute" alt="">`,
		`<img src="cid:x" width="16" height="16" style="float:right" alt="">`,
	} {
		body := red21Addr + img + `.com</div>`
		t.Run(img, func(t *testing.T) { assertRed18Caught(t, c, body, Lookalike) })
	}
}

// TestRed21ReplacedElementsNotDrawn (finding 3, regression from
// 77064d2). replacedElements holds audio and object as drawn boxes, but
// an <audio> without controls is display:none in every browser's UA
// stylesheet (HTML 15.4.1: "audio:not([controls]) { display: none
// !important; }"), and an <object> with no data shows its children as
// ordinary inline content (its fallback). vigie parts the words at both
// (at the object's start and end), the reader sees
// remboursement@ameli-aide.com. Sure.
func TestRed21ReplacedElementsNotDrawn(t *testing.T) {
	c := mailChecker(t)
	for _, body := range []string{
		red21Addr + `<audio src="cid:x"></audio>.com</div>`,
		red21Addr + `<object>.com</object></div>`,
	} {
		t.Run(body, func(t *testing.T) { assertRed18Caught(t, c, body, Lookalike) })
	}
}

// TestRed21TokenFallbackPartsMore (finding 4). The token fallback (a tree
// deeper than the parser accepts, red19Deep) does not read as the walk:
// (a) the walk does not part at an empty <button> (a5432c2), the token
// scan does: regression from 77064d2; (b) an end tag carries no
// attributes, so partsWords("div", nil) parts at the </div> of a div the
// style made inline (the walk reads the start tag's style for both ends).
// The same bodies without red19Deep are Lookalike; with it, the proven
// mail is Official. Sure of the difference between the readers.
func TestRed21TokenFallbackPartsMore(t *testing.T) {
	c := mailChecker(t)
	for _, tc := range []struct{ name, body string }{
		{"empty button", red21Addr + `<button></button>.com</div>`},
		{"end of an inline div", `<div style="display:inline">Envoyez votre RIB a remboursement@ameli-aide</div>.com`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			shallow := unprovenReport(t, c, tc.body)
			assert.Equal(t, Lookalike, shallow.Status, "the walk's reading: links %v", reportURLs(shallow))
			assertRed18Caught(t, c, red19Deep+tc.body, Lookalike)
		})
	}
}

// TestRed21HiddenTextPartsAddress (finding 5, NOT from a5432c2: the same
// at 77064d2; JUDGEMENT CALL). Text the reader cannot see is read as
// shown: a space in a display:none or font-size:0 span parts the address
// for vigie, not for the reader. This is the text twin of the hidden
// image rule a5432c2 added (a hidden <img> is skipped, a hidden space is
// not), and the brief's "font-size:0 text injected between address
// parts". Sure of the rendering; dropping hidden text must not let hidden
// links through, so the fix is the maintainers' call.
func TestRed21HiddenTextPartsAddress(t *testing.T) {
	c := mailChecker(t)
	for _, span := range []string{
		`<span style="display:none"> </span>`,
		`<span style="font-size:0"> </span>`,
	} {
		body := red21Addr + span + `.com</div>`
		t.Run(span, func(t *testing.T) { assertRed18Caught(t, c, body, Lookalike) })
	}
}

// TestRed21WideSpacerGlues (finding 6, a false alarm a5432c2 kept). An
// image is taken for "a pixel wide" if its width OR its height is at most
// 2, so the horizontal spacer of table-built newsletters (20 wide, 1
// high: a 20-pixel gap) and a 1-pixel-high rule image glue the words on
// either side: "Rendez-vous sur" + "ameli.fr" reads "surameli.fr" and the
// proven ameli.fr mail is Lookalike. Only the width parts words on a
// line. Sure.
func TestRed21WideSpacerGlues(t *testing.T) {
	c := mailChecker(t)
	for _, img := range []string{
		`<img src="cid:spacer" width="20" height="1" alt="">`,
		`<img src="cid:rule" width="40" height="2" alt="">`,
	} {
		body := `<p>Rendez-vous sur` + img + `ameli.fr</p>`
		t.Run(img, func(t *testing.T) {
			rep := provenReport(t, c, body)
			assert.Equal(t, Official, rep.Status, "links %v", reportURLs(rep))
		})
	}
}

// TestRed21SMSAskMissed (finding 7, regression from 77064d2, where each
// was Suspicious). askInfinitives count only after "de", "nous" or "me",
// so the commonest ways an SMS scam asks with an infinitive are missed:
// "Merci d'envoyer" (names.Words gives "d"), "Veuillez envoyer /
// transmettre", "d'ecrire" (ecrire is in no list); and a write word more
// than 12 words before the address (a list of documents to send) is out
// of the window. The SMS is then Unknown, like any SMS. Sure of the
// answers; the word lists and window are the maintainers' call (the last
// case is a JUDGEMENT CALL).
func TestRed21SMSAskMissed(t *testing.T) {
	c := mailChecker(t)
	for _, ask := range []string{
		"Merci d'envoyer votre RIB a",
		"Veuillez envoyer votre RIB a",
		"Veuillez transmettre votre RIB a",
		"Il suffit d'ecrire a",
		"Envoyez votre RIB, une copie de votre carte Vitale et de votre piece d'identite recto verso a",
	} {
		text := "AMELI: votre remboursement de 247,50 EUR est bloque. " + ask + " service.dossiers@gmail.com"
		t.Run(ask, func(t *testing.T) {
			rep := c.SMS("AMELI", text)
			assert.True(t, rep.Status.Worse(Unknown), "got %s: %v", rep.Status, rep.Reasons)
		})
	}
}

// TestRed21SMSAskFalseAlarm (finding 8, a false alarm red20's finding 4
// asked to fix, left in other words). Words just before the address that
// ask nothing of the reader still count: "nous venons de transmettre ...
// a" ("de" + an infinitive: a report of what was done), and "Ne repondez
// pas a ce SMS" before the quoted address (the footer put first). The
// reader's own address quoted back is then a brand mention: Suspicious.
// The same SMS without those words is Unknown. Sure of the answer; the
// first is clearly no request, the second needs the negation read.
func TestRed21SMSAskFalseAlarm(t *testing.T) {
	c := mailChecker(t)
	for _, text := range []string{
		"Assurance Maladie: nous venons de transmettre votre attestation a jean.dupont@gmail.com.",
		"Assurance Maladie: ne repondez pas a ce SMS. Votre adresse jean.dupont@gmail.com a bien ete enregistree.",
	} {
		t.Run(text, func(t *testing.T) {
			rep := c.SMS("38100", text)
			assert.Equal(t, Unknown, rep.Status, "reasons %v", rep.Reasons)
		})
	}
}
