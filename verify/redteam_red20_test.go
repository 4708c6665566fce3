package verify

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// Red team red20 (a helper session attacking 77064d2: display
// declarations parsed by isBlock, replaced elements read joined and
// parted, the token fallback following svg/math integration points with a
// 64-deep stack, SMS free-mail addresses a brand mention only when the
// text asks to write). Each test below fails at 77064d2; assertRed18Caught
// (the proven ameli.fr mail must not be Official, the unproven one must be
// want) is red18's, red19Deep red19's.

// TestRed20DisplayDeclarationMisread (finding 1). isBlock splits a style
// attribute at every ';' and takes the first display declaration whose
// value's first word it knows, or else the tag's default. CSS does
// otherwise: the last valid declaration wins, "!important" glued to the
// value is still valid, comments and escapes are allowed anywhere, a ';'
// inside a string or a comment ends nothing, and an invalid value ("block
// foo") drops the declaration. In each case below the browser shows the
// inner element inline, so the reader sees
// "remboursement@ameli-aide.com" on one line, but vigie ends a line
// before ".com" in both readings: no address is found, and the proven
// mail is Official (the unproven one Unknown). Sure of the CSS (CSS
// Syntax 3 / Cascade 4; checked in no browser here).
func TestRed20DisplayDeclarationMisread(t *testing.T) {
	c := mailChecker(t)
	addr := `Envoyez votre RIB a remboursement@ameli-aide`
	for _, tc := range []struct{ name, body string }{
		{"a later declaration overrides", `<div>` + addr + `<div style="display:block;display:inline">.com</div></div>`},
		{"!important glued to the value", `<div>` + addr + `<div style="display:inline!important">.com</div></div>`},
		{"comment before the value", `<div>` + addr + `<div style="display:/**/inline">.com</div></div>`},
		{"comment after the value", `<div>` + addr + `<div style="display:inline/**/">.com</div></div>`},
		{"escaped property name", `<div>` + addr + `<div style="displ\61y:inline">.com</div></div>`},
		{"invalid value (dropped)", `<div>` + addr + `<span style="display:block foo">.com</span></div>`},
		{"declaration inside a string", `<div>` + addr + `<span style="font-family:'x;display:block;'">.com</span></div>`},
		{"declaration inside a comment", `<div>` + addr + `<span style="/*;display:block;*/">.com</span></div>`},
	} {
		t.Run(tc.name, func(t *testing.T) { assertRed18Caught(t, c, tc.body, Lookalike) })
	}
}

// TestRed20TokenFallbackIntegrationPoints (finding 2). foreignContent
// takes every name in integrationPoints for an HTML integration point in
// both svg and math, and ignores what the parser follows besides: only
// svg's foreignObject, desc and title and math's mi, mo, mn, ms, mtext are
// points (annotation-xml only with encoding="text/html" or
// "application/xhtml+xml"); <mglyph> in <mi> stays foreign; and past 64
// open elements a new <svg> is not recorded. In each case the scan thinks
// it is in HTML and skips the <style> as raw text, while the parser (the
// same body without red19Deep: Lookalike) is in foreign content, reads
// the <style> as markup, and the <p> breaks out into a shown paragraph
// with its anchor. With red19Deep the proven mail is Official. Sure of
// the parse (x/net/html, compared on the shallow body).
func TestRed20TokenFallbackIntegrationPoints(t *testing.T) {
	c := mailChecker(t)
	link := `<style><p><a href="https://ameli-aide.com/connexion">Connexion</a></p></style>`
	for _, tc := range []struct{ name, body string }{
		{"annotation-xml without encoding", `<math><annotation-xml>` + link + `</annotation-xml></math>`},
		{"mi in svg", `<svg><mi>` + link + `</mi></svg>`},
		{"title in math", `<math><title>` + link + `</title></math>`},
		{"mglyph in mi", `<math><mi><mglyph>` + link + `</mglyph></mi></math>`},
		{"svg past the 64-deep stack", strings.Repeat("<svg>", 63) + `<foreignObject><svg>` + link + `</svg>`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			unproven := unprovenReport(t, c, tc.body)
			assert.Equal(t, Lookalike, unproven.Status, "the parser's reading: links %v", reportURLs(unproven))
			assertRed18Caught(t, c, red19Deep+tc.body, Lookalike)
		})
	}
}

// TestRed20SMSWriteWordsMissed (finding 3). asksToWrite knows a few
// "vous" imperatives and infinitives (envoyez, ecrivez, adressez...), so
// the commonest other ways to ask are missed: the "tu" imperative of SMS
// scams (envoie, ecris, adresse-nous), "renvoyez", "contactez", and
// "communiquer". The free-mail address is then taken for the reader's own
// and the SMS is Unknown, like any SMS; with "Envoyez" it is Suspicious
// (brand-mention), as red19 asked. Sure of the answer; the exact word
// list is the maintainers' call.
func TestRed20SMSWriteWordsMissed(t *testing.T) {
	c := mailChecker(t)
	for _, ask := range []string{
		"Envoie ton RIB a",
		"Ecris a",
		"Adresse-nous ton RIB :",
		"Renvoyez votre RIB a",
		"Contactez-nous a",
		"Merci de nous communiquer votre RIB a",
	} {
		text := "AMELI: votre remboursement de 247,50 EUR est bloque. " + ask + " service.dossiers@gmail.com"
		t.Run(ask, func(t *testing.T) {
			rep := c.SMS("AMELI", text)
			assert.True(t, rep.Status.Worse(Unknown), "got %s: %v", rep.Status, rep.Reasons)
		})
	}
}

// TestRed20SMSWriteWordAnywhere (finding 4, regression from 77064d2: a
// false alarm). asksToWrite looks for a write word anywhere in the text,
// not asking anything of the reader about that address: "Ne pas repondre"
// (the footer of many genuine SMS) or "nous allons vous envoyer" turn the
// reader's own address, quoted back, into a brand mention: Suspicious. At
// 1656e4e both were Unknown, as the same SMS without that footer still is
// (red18's false alarm, back). Sure of the change; whether the second is
// alarming is arguable, the first is not.
func TestRed20SMSWriteWordAnywhere(t *testing.T) {
	c := mailChecker(t)
	for _, text := range []string{
		"Assurance Maladie: votre adresse jean.dupont@gmail.com a bien ete enregistree. Ne pas repondre a ce SMS.",
		"Assurance Maladie: nous allons vous envoyer votre attestation a jean.dupont@gmail.com.",
	} {
		t.Run(text, func(t *testing.T) {
			rep := c.SMS("38100", text)
			assert.Equal(t, Unknown, rep.Status, "reasons %v", rep.Reasons)
		})
	}
}

// TestRed20JoinedReadingGluesVisibleImages (finding 5, regression from
// 77064d2: a false alarm). Both readings are searched and every link
// either finds counts, so the joined reading, meant for a 1x1 image or a
// hidden field (red19), also glues words across a visible icon: a proven
// ameli.fr mail showing "Rendez-vous sur [icon] ameli.fr" is Lookalike
// for "surameli.fr", one showing "3646 [icon] ameli.fr" for
// "3646ameli.fr". At 1656e4e (img ended a line) each was Official. The reader sees the image part the words. Sure of
// the answer; which reading to trust for an image of a given size is the
// maintainers' call (a link found only by gluing text to the next word
// across an image could weigh less than a lookalike found whole).
func TestRed20JoinedReadingGluesVisibleImages(t *testing.T) {
	c := mailChecker(t)
	for _, body := range []string{
		`<p>Rendez-vous sur<img src="cid:icon" width="16" height="16" alt="">ameli.fr</p>`,
		`<p>Appelez le 3646<img src="cid:tel" width="16" height="16" alt="">ameli.fr</p>`,
	} {
		t.Run(body, func(t *testing.T) {
			rep := provenReport(t, c, body)
			assert.Equal(t, Official, rep.Status, "links %v", reportURLs(rep))
		})
	}
}
