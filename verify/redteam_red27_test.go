package verify

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// Red team red27 (a helper session attacking cd2b007 and 243e687: sized
// and unframed boxes, a block ending a line, ASCII-only CSS names, the
// SMS asking words read at full stops and labels). Each test below fails
// at cd2b007. The HTML misses use red26Addr and assertRed18Caught: every
// row is Lookalike written without its trick (".com" in a plain <span>).

// TestRed27PaddedInlineBlockFalseAlarm (finding 1, a false alarm, sure).
// An inline-block box is drawn with its padding, border and margin: a
// "pill" or a nav item spaced by "padding:0 12px" or "margin-left:6px"
// stands apart from the words before it, as a width would (CSS 2.1, 8.1
// and 10.3.9: the box's margin, border and padding are part of the line).
// Newsletter builders space such items by padding rather than by a
// space (minified markup, font-size:0 gap removal). vigie parts words at
// an inline-block only when it is sized (width, min-width), so the
// reader's "Retrouvez-nous sur [ameli.fr]" reads surameli.fr
// (combo-squat: the proven official mail is Lookalike) and "Site
// [ameli.fr]" reads Siteameli.fr (an unverified link: Unknown).
// Root cause: htmltext.go partsWords/sized (padding, border and margin
// not read; askedProperties does not ask for margin).
func TestRed27PaddedInlineBlockFalseAlarm(t *testing.T) {
	c := mailChecker(t)
	for _, body := range []string{
		`<p>Retrouvez-nous sur<span style="display:inline-block;margin-left:6px;padding:2px 8px;background:#0c419a;color:#fff;border-radius:3px">ameli.fr</span></p>`,
		`<p>Rendez-vous sur<span style="display:inline-block;border-left:8px solid #fff">ameli.fr</span></p>`,
		`<p><span style="display:inline-block;padding-right:10px;font-weight:bold">Site</span><span style="display:inline-block">ameli.fr</span></p>`,
		`<p><span style="display:inline-block;margin-right:10px;font-weight:bold">Site</span><span style="display:inline-block">ameli.fr</span></p>`,
		`<div style="font-size:0"><span style="display:inline-block;padding:0 12px;font-size:13px">Connectez-vous sur</span><span style="display:inline-block;padding:0 12px;font-size:13px">ameli.fr</span></div>`,
	} {
		t.Run(body, func(t *testing.T) {
			rep := provenReport(t, c, body)
			assert.Equal(t, Official, rep.Status, "links %v, reasons %v", reportURLs(rep), rep.Codes())
		})
	}
}

// TestRed27SMSOwnAddressFalseAlarm (finding 2, a false alarm). An
// official SMS names the reader's own address after a request that is
// not for it. (a) "Contactez le 3646 si vous ne reconnaissez pas
// l'adresse e-mail jean.dupont@gmail.com": a call is asked; mailFollows
// takes "adresse" (the reader's, which the sentence asks about) for the
// request being answered by mail, so the phone exemption is lost and the
// address becomes one to write to. Sure. (b) "Repondez OUI pour
// confirmer l'adresse ...": the reply's object is OUI, by SMS, not the
// address (judgement call: repondez has no object test in its own
// sentence, as asksForDocument gives one to the sentence before).
// Suspicious instead of Unknown (brand-mention on a free-mail address).
// Root cause: smswrite.go asks/mailFollows (a mail word naming the
// address itself, not the channel), asks (no object read for repondez).
func TestRed27SMSOwnAddressFalseAlarm(t *testing.T) {
	c := mailChecker(t)
	for _, text := range []string{
		"Assurance Maladie : un changement a ete fait sur votre compte ameli. Contactez le 3646 si vous ne reconnaissez pas l'adresse e-mail jean.dupont@gmail.com.",
		"Assurance Maladie : appelez ou contactez le 3646 si l'adresse jean.dupont@gmail.com n'est pas la votre.",
		"Assurance Maladie : Repondez OUI pour confirmer l'adresse jean.dupont@gmail.com",
	} {
		t.Run(text, func(t *testing.T) {
			rep := c.SMS("38100", text)
			assert.Equal(t, Unknown, rep.Status, "reasons %v", rep.Reasons)
		})
	}
}

// TestRed27SizedInlineBlockGluedOnItsLeft (finding 3, a miss, sure). A
// sized inline-block's text starts at the box's left edge: width only
// adds blank space after it (text-align is left by default). So
// "remboursement@ameli-aide" + <span style="display:inline-block;
// width:100px">.com</span> is read as remboursement@ameli-aide.com,
// followed by a gap. vigie parts words on both sides of any sized
// inline-block. An empty inline-block whose negative margin cancels its
// width takes no room at all (CSS 2.1, 10.3.9). The proven mail is
// Official, the unproven one Unknown. Root cause: htmltext.go partsWords
// and sized (the part before the box is not the part after it; margins
// not read).
func TestRed27SizedInlineBlockGluedOnItsLeft(t *testing.T) {
	c := mailChecker(t)
	for _, box := range []string{
		`<span style="display:inline-block;width:100px">.com</span>`,
		`<span style="display:inline-block;min-width:60px">.com</span>`,
		`<span style="display:inline-table;width:100px">.com</span>`,
		`<span style="display:inline-block;width:100px;margin-left:-100px"></span>.com`,
	} {
		t.Run(box, func(t *testing.T) { assertRed18Caught(t, c, `<div>`+red26Addr+box+`</div>`, Lookalike) })
	}
}

// TestRed27AllResetsDisplay (finding 4, a miss, sure). The "all"
// shorthand sets every property but direction and unicode-bidi (CSS
// Cascade 4, 3.2): a later "all:initial" or "all:unset" makes display
// its initial value, inline, and font-size inherited; "all:revert" gives
// back the user agent's style (a span inline, a div a block). So a <div
// style="all:initial"> is no block, and "display:none;all:unset" or
// "font-size:0;all:unset" hides nothing: the reader sees ".com" glued to
// "ameli-aide". vigie reads "all" only for a button's frame (unframed):
// the div parts the words, the spans hide ".com"; the proven mail is
// Official, the unproven one Unknown. Root cause: htmlcss.go cssProperty/
// cssDisplay/elementFontSize (a later "all" declaration not applied).
func TestRed27AllResetsDisplay(t *testing.T) {
	c := mailChecker(t)
	for _, el := range []string{
		`<div style="all:initial">.com</div>`,
		`<p style="all:unset">.com</p>`,
		`<span style="display:none;all:unset">.com</span>`,
		`<span style="display:none;all:revert">.com</span>`,
		`<span style="font-size:0;all:unset">.com</span>`,
	} {
		t.Run(el, func(t *testing.T) { assertRed18Caught(t, c, `<div>`+red26Addr+el+`</div>`, Lookalike) })
	}
}

// TestRed27SMSLabelMissed (finding 5, a miss). askedFrom goes back to
// the request before a labelled address only when the label is made of
// labelWords alone, and only one sentence back. (a) "Par mail :" and
// "Par e-mail :" ("par" is no label word) and "A l'adresse suivante :"
// ("suivante") are the commonest labels of all (sure). (b) A second
// label line between the request and the address ("Objet :
// Remboursement") cuts the request off (sure: the reader is plainly told
// where to send the RIB). (c) documentWords lacks "informations
// bancaires" and "preuve de paiement" (judgement call on the list).
// Unknown instead of Suspicious. Root cause: smswrite.go askedFrom
// (labelWords; one sentence back), asksForDocument (documentWords).
func TestRed27SMSLabelMissed(t *testing.T) {
	c := mailChecker(t)
	for _, ask := range []string{
		"Envoyez votre RIB.\nPar mail : service.dossiers@gmail.com",
		"Envoyez votre RIB.\nPar e-mail : service.dossiers@gmail.com",
		"Envoyez votre RIB.\nA l'adresse suivante : service.dossiers@gmail.com",
		"Envoyez votre RIB a notre service.\nObjet : Remboursement\nMail : service.dossiers@gmail.com",
		"Envoyez vos informations bancaires. Adresse : service.dossiers@gmail.com",
		"Envoyez une preuve de paiement.\nMail : service.dossiers@gmail.com",
	} {
		text := "AMELI: remboursement bloque. " + ask
		t.Run(ask, func(t *testing.T) {
			rep := c.SMS("AMELI", text)
			assert.True(t, rep.Status.Worse(Unknown), "got %s: %v", rep.Status, rep.Codes())
		})
	}
}
