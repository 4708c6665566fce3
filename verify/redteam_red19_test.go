package verify

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// Red team red19 (a helper session attacking 1656e4e: one shownText for
// both HTML readers, lines ended at every block element and display:block,
// alt and input values read, the token fallback reading noscript, title,
// textarea and foreign content, SMS addresses on free mail exempted from
// brand mentions). Each test below fails at 1656e4e; assertRed18Caught
// (the proven ameli.fr mail must not be Official, the unproven one must be
// want) is red18's.

// red19Deep nests past the 512 open elements x/net/html accepts, so the
// token fallback (tokenLinks) reads the document.
var red19Deep = strings.Repeat("<div>", 600)

// TestRed19InlineElementsEndLines (finding 1, regression from b4bcedc).
// blockElements holds img, input and button, which are inline (img and
// button inline-block) by default: a 1x1 image, a hidden input or an
// empty borderless button draws nothing and ends no line, yet the walk
// and the scan now write a space on each side of them. isBlock also
// matches "display:block" anywhere in a style attribute, so any inline
// element whose style merely contains those characters (an unknown
// property "x-display:block", a quoted font name) ends a line too. Split
// this way an address or a host is held by no single node and the glued
// text is "remboursement@ameli-aide .com": nothing is found. At 3a01cb2
// each case is Lookalike (proven and unproven); at 1656e4e the proven
// mail is Official (the button case: Unknown, and the unproven one
// Suspicious instead of Lookalike). The reader sees
// "remboursement@ameli-aide.com" on one line. Sure for the hidden input
// and the style substring (no renderer breaks a line there); the image
// and button cases depend on their size (here 1x1, and empty). The last
// two cases (display:inline on p/div) are older than b4bcedc: a block
// element restyled inline ends no line either.
func TestRed19InlineElementsEndLines(t *testing.T) {
	c := mailChecker(t)
	addr := `Envoyez votre RIB a remboursement@ameli-aide`
	for _, tc := range []struct{ name, body string }{
		{"1x1 image", `<p>` + addr + `<img src="cid:x" width="1" height="1" alt="">.com</p>`},
		{"hidden input", `<p>` + addr + `<input type="hidden" name="t" value="1">.com</p>`},
		{"hidden input in an official anchor's text",
			`<p>Connexion : <a href="https://www.ameli.fr/">https://ameli-aide<input type="hidden">.com/connexion</a></p>`},
		{"empty button", `<p>Connexion : https://ameli-aide<button style="border:0;padding:0;background:none"></button>.com/connexion</p>`},
		{"style naming display:block in another property", `<p>` + addr + `<span style="x-display:block">.com</span></p>`},
		{"style naming display:block in a font name", `<p>` + addr + `<span style="font-family:'display:block'">.com</span></p>`},
		{"token fallback: 1x1 image", red19Deep + `<p>` + addr + `<img src="cid:x" width="1" height="1" alt="">.com</p>`},
		// Older than b4bcedc.
		// Not kept: `<p>addr<div style="display:inline">.com</div></p>`.
		// The parser closes the <p> at the <div>, and a paragraph's end
		// is a line break on screen: the reader sees ".com" on the next
		// line. A reading that joined across block ends would glue
		// table cells of official mail ("www.ameli.fr" + "facebook.com").
		{"p restyled inline", `<p style="display:inline">` + addr + `</p><p style="display:inline">.com</p>`},
	} {
		t.Run(tc.name, func(t *testing.T) { assertRed18Caught(t, c, tc.body, Lookalike) })
	}
}

// TestRed19TokenFallbackNoscriptDepth (finding 2, regression from
// b4bcedc). The scan now reads a <noscript>'s raw text as a document, one
// level of maxConditional (2) deeper, and drops it past that depth. Since
// the raw text of the outer <noscript> runs to the first </noscript>, each
// nested <noscript> start tag is one more level: three of them (or two
// inside an iframe srcdoc) and the anchor is read by no one. At 3a01cb2
// the raw text was read as loose text, its written https:// link found:
// Lookalike; now the proven mail is Official. The parser (scripting off,
// as mail clients) reads nested noscript as ordinary elements and shows
// the anchor: the same body without the 600 divs is Lookalike. Sure.
func TestRed19TokenFallbackNoscriptDepth(t *testing.T) {
	c := mailChecker(t)
	for _, tc := range []struct{ name, body string }{
		{"three noscript", `<noscript><noscript><noscript><a href="https://ameli-aide.com/connexion">Connexion</a></noscript></noscript></noscript>`},
		{"two noscript in a srcdoc", `<iframe srcdoc="<noscript><noscript><a href='https://ameli-aide.com/connexion'>Connexion</a></noscript></noscript>"></iframe>`},
	} {
		t.Run(tc.name, func(t *testing.T) { assertRed18Caught(t, c, red19Deep+tc.body, Lookalike) })
	}
}

// TestRed19TokenFallbackForeignIntegrationPoint (finding 3, b4bcedc's
// foreign tracking incomplete; these cases failed at 3a01cb2 too, when
// every <style> was skipped). breaksOutOfForeign resets foreign to 0 on <b>, <p>...
// wherever they appear, but inside an HTML integration point
// (<svg><foreignObject>, <math><mi>) the parser inserts them as HTML
// without leaving svg/math: after </foreignObject> (</mi>) it is in
// foreign content again, reads <style> as markup, and a <p> there breaks
// out into a shown paragraph. The scan, back at foreign == 0, skips the
// <style> as raw text. Without the 600 divs each case is Lookalike; with
// them the proven mail is Official. Sure of the parse (x/net/html).
func TestRed19TokenFallbackForeignIntegrationPoint(t *testing.T) {
	c := mailChecker(t)
	for _, tc := range []struct{ name, body string }{
		{"svg foreignObject", `<svg><foreignObject><b>x</b></foreignObject><style><p><a href="https://ameli-aide.com/connexion">Connexion</a></p></style></svg>`},
		{"math mi", `<math><mi><b>x</b></mi><style><p>Envoyez votre RIB a remboursement@ameli-aide.com</p></style></math>`},
	} {
		t.Run(tc.name, func(t *testing.T) { assertRed18Caught(t, c, red19Deep+tc.body, Lookalike) })
	}
}

// TestRed19TokenFallbackSelfClosingNoscript (finding 4, older than
// b4bcedc, not fixed by it). The tokenizer enters raw text after
// "<noscript/>" too (the self-closing flag is ignored, as by the parser,
// which opens a noscript element and parses its content as HTML), but the
// scan sets t.noscript only on a StartTagToken: the content is read as
// loose text, so an anchor's relative href, resolved against a lookalike
// <base>, is lost. Without the 600 divs: Lookalike; with them the proven
// mail is Official. Sure.
func TestRed19TokenFallbackSelfClosingNoscript(t *testing.T) {
	c := mailChecker(t)
	body := `<base href="https://ameli-aide.com/">` + red19Deep + `<noscript/><a href="connexion">Connexion</a></noscript>`
	assertRed18Caught(t, c, body, Lookalike)
}

// TestRed19SMSFreeMailRecipient (finding 5, regression from b4bcedc, a
// judgement call). writesOutside exempts every address on a free mail
// service, to spare an SMS quoting the reader's own address (red18's
// false alarm). But it also exempts the address the reader is told to
// write to: "AMELI: ... envoyez votre RIB a service.dossiers@gmail.com",
// the commonest RIB-harvesting scam, was Suspicious (brand-mention) at
// 3a01cb2 and is now Unknown, like any SMS from the AMELI sender ID. Only
// addresses naming the brand before the @ stay Suspicious
// (local-part-brand). Sure of the change; the line between "envoye a"
// (quoted) and "envoyez a" / a mailto: link (asked to write) is the
// maintainers' call: an explicit mailto: URL is never the reader's own.
func TestRed19SMSFreeMailRecipient(t *testing.T) {
	c := mailChecker(t)
	for _, text := range []string{
		"AMELI: votre remboursement de 247,50 EUR est bloque. Envoyez votre RIB et une piece d'identite a service.dossiers@gmail.com",
		"Assurance Maladie: votre dossier est incomplet, repondez a mailto:dossiers.remboursement@gmail.com?subject=RIB",
	} {
		t.Run(text, func(t *testing.T) {
			rep := c.SMS("AMELI", text)
			assert.True(t, rep.Status.Worse(Unknown), "got %s: %v", rep.Status, rep.Reasons)
		})
	}
}
