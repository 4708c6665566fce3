package verify

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// Red team red22 (a helper session attacking fb775ec: hidden text joins
// no words; widths read from HTML, CSS and inline GIF/PNG headers; the
// token fallback follows styled elements to their end tags; SMS asking
// infinitives). Each test below fails at fb775ec. In every mail case the
// same body without the trick is Lookalike (mailto:remboursement@ameli-
// aide.com), checked at fb775ec; assertRed18Caught is red18's (proven not
// Official, unproven want), red19Deep red19's (forces the token scan).

// TestRed22FontSizeRestoredByChild (finding 1, regression from fb775ec).
// hidesText counts every element under a font-size:0 element as hidden,
// but font-size is inherited, not forced: a child that sets its own
// font-size shows its text again. This is the standard "font-size:0 on
// the container, size on the children" trick that table and
// inline-block email templates use to remove gaps. vigie now keeps all
// that text out of the joined reading and searches it only node by node,
// so an address split over two elements is never seen whole: the proven
// mail is Official, the unproven one Unknown, while the reader sees
// remboursement@ameli-aide.com in 14px text. Sure (CSS Fonts: font-size
// is inherited, and a specified value replaces it). The same holds in the
// token scan (third row).
func TestRed22FontSizeRestoredByChild(t *testing.T) {
	c := mailChecker(t)
	for _, body := range []string{
		`<div style="font-size:0"><span style="font-size:14px">Envoyez votre RIB a remboursement@ameli-aide<b>.com</b></span></div>`,
		`<div style="font-size:0">x<span style="font-size:14px">Envoyez votre RIB a remboursement@ameli-aide</span><span style="font-size:14px">.com</span></div>`,
		red19Deep + `<div style="font-size:0"><span style="font-size:14px">Envoyez votre RIB a remboursement@ameli-aide<b>.com</b></span></div>`,
	} {
		t.Run(body[len(body)-60:], func(t *testing.T) { assertRed18Caught(t, c, body, Lookalike) })
	}
}

// TestRed22TokenFallbackHiddenNeverClosed (finding 4, regression from
// fb775ec). The token scan's styled stack pops an element only at an end
// tag of its own name, on top. An element the parser closes implicitly
// (a <p> by a following <div>, an <li> by </ul>) is never popped: if it
// hid its text (display:none), hidden stays > 0 for the rest of the
// document, and all later visible text joins no words. With red19Deep
// the proven mail is Official; without it (the tree walk) it is
// Lookalike. Sure (HTML parsing: "in body", a <div> start tag closes an
// open p; </ul> generates implied end tags for li).
func TestRed22TokenFallbackHiddenNeverClosed(t *testing.T) {
	c := mailChecker(t)
	tail := `<div>Envoyez votre RIB a remboursement@ameli-aide<b>.com</b></div>`
	for _, tc := range []struct{ name, body string }{
		{"p closed by div", `<p style="display:none">x` + tail},
		{"li closed by /ul", `<ul><li style="display:none">x</ul>` + tail},
	} {
		t.Run(tc.name, func(t *testing.T) {
			shallow := unprovenReport(t, c, tc.body)
			assert.Equal(t, Lookalike, shallow.Status, "the walk's reading: links %v", reportURLs(shallow))
			assertRed18Caught(t, c, red19Deep+tc.body, Lookalike)
		})
	}
}

// TestRed22DataImageOverridesWidth (finding 5, a false alarm from
// fb775ec). dataImageWidth is read before the width attribute and the
// CSS width, and returns "not drawn" for a 1×1 inline GIF even when the
// mail sizes it 20 pixels wide, as every spacer GIF is used. The browser
// draws the specified size, not the intrinsic one: the words stay parted.
// vigie glues "Rendez-vous sur" + "ameli.fr" into "surameli.fr" and the
// proven ameli.fr mail is Lookalike. Sure of the rendering; inline data:
// spacers are rarer in mail than cid: ones.
func TestRed22DataImageOverridesWidth(t *testing.T) {
	c := mailChecker(t)
	gif := `data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7`
	for _, size := range []string{`width="20"`, `style="width:20px"`} {
		body := `<p>Rendez-vous sur<img src="` + gif + `" ` + size + ` alt="">ameli.fr</p>`
		t.Run(size, func(t *testing.T) {
			rep := provenReport(t, c, body)
			assert.Equal(t, Official, rep.Status, "links %v", reportURLs(rep))
		})
	}
}

// Left open, as judgement calls (tests on branch red22, commit 04b37c5):
// CSS widths in other units than px (1pt, calc(1px), 0.1em), the font
// shorthand hiding text (font:0/0 a), and SMS requests worded "merci de
// bien vouloir transmettre" or "vous devez nous les envoyer".
