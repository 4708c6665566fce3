package verify

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// Red team red26 (a helper session attacking 243e687, bc81608 and
// f2b3552: deep-html, a block ending a line, element's style parsed once,
// cssDeclarations' ident tracking, sized/unframed, the SMS asking words
// read at full stops and labels). Each test below fails at 243e687.
// assertRed18Caught is red18's: the proven ameli.fr mail must not be
// Official, the unproven one must be Lookalike. Every HTML row is
// Lookalike written without its trick (".com" in a plain <span>).

// red26Addr starts the address the tricks split; the reader sees
// remboursement@ameli-aide.com.
const red26Addr = `Envoyez votre RIB a remboursement@ameli-aide`

// TestRed26CSSUnicodeCaseMapping (finding 1, sure). newElement lowercases
// a style's property names and values with strings.ToLower, which maps
// two non-ASCII letters to ASCII ones: U+0130 (capital I with dot) to
// "i", U+212A (Kelvin sign) to "k". CSS matches property names and
// keywords ASCII case-insensitively only (CSS Syntax 3, 4.2 and CSS
// Values 4, 2.5 "ASCII case-insensitive"; Chromium's
// EqualIgnoringASCIICase, Gecko's nsCSSProps::LookupProperty): any other
// code point is a name code point of its own, so "d\u0130splay" is an
// unknown property and "bloc\u212a" an invalid keyword, both dropped; the
// span stays inline and shows ".com" glued to "ameli-aide". vigie reads
// display:none, font-size:0, display:block, display:inline-block and
// parts or hides ".com": the proven mail is Official, the unproven one
// Unknown. Root cause: htmlcss.go newElement (strings.ToLower of name and
// value; an ASCII-only lowering is what CSS does).
func TestRed26CSSUnicodeCaseMapping(t *testing.T) {
	c := mailChecker(t)
	for _, style := range []string{
		"d\u0130splay:none",
		"font-s\u0130ze:0",
		"display:bloc\u212a",
		"display:\u0130nline-block;width:100px",
	} {
		body := `<div>` + red26Addr + `<span style="` + style + `">.com</span></div>`
		t.Run(style, func(t *testing.T) { assertRed18Caught(t, c, body, Lookalike) })
	}
}

// TestRed26BoxesMisread (finding 2, sure; red25 finding 5's fix
// incomplete). A button with no padding and a border of zero width is
// drawn as its bare text, whatever the border's style and colour
// ("border:0 solid transparent" is the usual reset; CSS Backgrounds 3,
// 4.3: a zero border-width draws nothing), and so is one whose border
// style is "hidden" (4.2: as none, but for table conflict resolution).
// unframed takes "0 solid" for a frame (zeroLengths wants every word
// zero or none) and knows only "none" as a border style. And a width
// attribute sizes only the elements HTML maps it for (HTML 15.4.3,
// "Attributes for embedded content and images", tables, hr...): a
// <span width=100> made inline-block is shrink-wrapped to its text, but
// sized reads the attribute on any element. Official / Unknown.
// Root cause: htmltext.go unframed/zeroLengths, sized.
func TestRed26BoxesMisread(t *testing.T) {
	c := mailChecker(t)
	for _, box := range []string{
		`<button style="padding:0;border:0 solid transparent;background:none">.com</button>`,
		`<button style="padding:0;border:0px solid #000;background:none">.com</button>`,
		`<button style="padding:0;border-style:hidden;background:none">.com</button>`,
		`<span style="display:inline-block" width="100">.com</span>`,
	} {
		t.Run(box, func(t *testing.T) { assertRed18Caught(t, c, `<div>`+red26Addr+box+`</div>`, Lookalike) })
	}
}

// TestRed26RunInIsBlock (finding 3, sure). No browser supports
// display:run-in (Chromium removed it in version 32, WebKit in 2013,
// Gecko never shipped it; Firefox bug 2056): the declaration is invalid,
// dropped, and the <div> is the block its default style makes it. vigie
// lists run-in among the valid displays (singleDisplays), so the div is
// not a block and its text is glued to the line before: the reader sees
// "remboursement@ameli-aide.com" and ".ameli.fr" on a line of its own,
// vigie reads remboursement@ameli-aide.com.ameli.fr, an official
// address (the <b> keeps any node from holding the address whole). The
// proven mail is Official, the unproven one Unknown.
// Root cause: htmlcss.go singleDisplays/displayValue (run-in, and the
// ruby container displays Chromium does not know either).
func TestRed26RunInIsBlock(t *testing.T) {
	c := mailChecker(t)
	body := `<div>Envoyez votre RIB a remboursement@ameli-aide.c<b>om</b><div style="display:run-in">.ameli.fr</div></div>`
	assertRed18Caught(t, c, body, Lookalike)
}

// TestRed26SrcdocPastMaxConditional (finding 4, sure of the browser; a
// dodge of deep-html's principle). The walk reads an <iframe srcdoc>
// document as shown (red17), but only maxConditional (2) levels deep;
// a third nested srcdoc is dropped without a word, and so is a deep
// document in it (no deep-html either). A browser renders nested srcdoc
// frames to any depth that matters (Gecko stops at 10 nested content
// frames, Chromium does not stop this early). The proven mail is
// Official, the unproven one Unknown; at two levels both are Lookalike.
// A document read too deep could be refused as deep-html is (Suspicious).
// Root cause: html.go visit/inner (conditional >= maxConditional skipped
// silently).
func TestRed26SrcdocPastMaxConditional(t *testing.T) {
	c := mailChecker(t)
	body := `<iframe srcdoc="<iframe srcdoc='<iframe srcdoc=&quot;<a href=https://ameli-aide.com/connexion>Connexion</a>&quot;></iframe>'></iframe>"></iframe>`
	assert.NotEqual(t, Official, provenReport(t, c, body).Status)
	rep := unprovenReport(t, c, body)
	assert.True(t, rep.Status.Worse(Unknown), "got %s, links %v", rep.Status, reportURLs(rep))
}

// TestRed26SMSAskMissed (finding 5). askedFrom reads the sentence before
// the address's own only when the latter holds label words alone
// (labelWords: mail, adresse, contact...); any other label word
// ("Destinataire", "Notre adresse", "Adresse du service", "Courriel de
// contact", "Service") ends the request at its full stop, though the
// reader is plainly told where to send the RIB. And answeredElsewhere
// takes a channel after the verb for the whole request even when the
// sentence offers the address as the other way ("via votre espace ou
// directement a ..."). Unknown instead of Suspicious. Sure for "notre
// adresse" and "ou directement a"; the other labels are a judgement call
// on the list. Root cause: smswrite.go askedFrom (labelWords),
// answeredElsewhere (no "ou" alternative read).
func TestRed26SMSAskMissed(t *testing.T) {
	c := mailChecker(t)
	for _, ask := range []string{
		"Envoyez votre RIB. Notre adresse : service.dossiers@gmail.com",
		"Envoyez votre RIB. Destinataire : service.dossiers@gmail.com",
		"Envoyez votre RIB. Adresse du service : service.dossiers@gmail.com",
		"Envoyez votre RIB. Courriel de contact : service.dossiers@gmail.com",
		"Envoyez votre RIB.\nService : service.dossiers@gmail.com",
		"Ecrivez-nous via votre espace ou directement a service.dossiers@gmail.com",
		"Contactez-nous depuis votre compte ameli ou a service.dossiers@gmail.com",
	} {
		text := "AMELI: remboursement bloque. " + ask
		t.Run(ask, func(t *testing.T) {
			rep := c.SMS("AMELI", text)
			assert.True(t, rep.Status.Worse(Unknown), "got %s: %v", rep.Status, rep.Codes())
		})
	}
}

// TestRed26SMSOwnAddressFalseAlarm (finding 6, a false alarm; judgement
// call, red25 finding 8's fix incomplete). askedFrom goes back to the
// sentence before when the address's own is a bare label ("E-mail :",
// "Mail :"), so an unrelated request there ("repondez STOP", the opt-out
// every French commercial SMS carries; "contactez votre CPAM") makes the
// reader's own address, quoted back on its own line, one the SMS asks to
// write to: Suspicious. A label alone names what follows; it takes the
// previous sentence's verb only when that verb has no object of its own
// (the red25 row "Envoyez votre RIB. Adresse : ..." still needs it).
// Without the request, or with "Nouvelle adresse :", each is Unknown.
// Root cause: smswrite.go askedFrom (the earlier sentence read whole).
func TestRed26SMSOwnAddressFalseAlarm(t *testing.T) {
	c := mailChecker(t)
	for _, ask := range []string{
		"Pour ne plus recevoir nos SMS, repondez STOP.\nMail : jean.dupont@gmail.com",
		"En cas d'erreur, contactez votre CPAM.\nE-mail : jean.dupont@gmail.com",
		"Si vous n'etes pas a l'origine de ce changement, repondez NON. Adresse e-mail : jean.dupont@gmail.com",
	} {
		text := "Assurance Maladie : vos coordonnees ont ete mises a jour. " + ask
		t.Run(ask, func(t *testing.T) {
			rep := c.SMS("38100", text)
			assert.Equal(t, Unknown, rep.Status, "reasons %v", rep.Reasons)
		})
	}
}
