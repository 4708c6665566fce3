package verify

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"golang.org/x/net/html"
)

// Red team red24 (a helper session attacking 9cbb069, the red23 fixes:
// htmlcss.go, the token scan's stack of open elements in htmlopen.go,
// invisible format characters in textlinks, the SMS asking words). Each
// test below fails at 9cbb069. assertRed18Caught (the proven ameli.fr
// mail must not be Official, the unproven one must be want) is red18's,
// red19Deep red19's (600 <div>s: forces the token scan). In every
// missed-lookalike case the same body without the trick is Lookalike.

// red24Addr is the address the tricks split: the reader sees
// remboursement@ameli-aide.com on one line.
const red24Addr = `<div>Envoyez votre RIB a remboursement@ameli-aide`

// TestRed24InlineBlockShrinkWrapped (finding 1, REGRESSION from 9cbb069:
// each row is Lookalike at 18c1f58). To fix red23 finding 12 (sized
// inline-block spacers), partsWords now parts words at every inline-block,
// inline-flex or inline-grid box unless its width is 2 pixels or less,
// but a box given no width is shrink-wrapped to its text (CSS 2.1, 10.3.9)
// and, with no padding, border or margin, draws that text exactly where
// inline text would be: the reader sees remboursement@ameli-aide.com. The
// proven mail is Official, the unproven one Unknown (walk and scan
// alike). Sure (red23's own comment said so: "an inline-block without
// one is shrink-wrapped and may look glued"). A styled <button>
// (border:0;padding:0;background:none) is the same box, Official
// since before 9cbb069.
// Root cause: htmltext.go partsWords/drawnBetween (an atomic inline is
// taken for drawn whatever its width).
func TestRed24InlineBlockShrinkWrapped(t *testing.T) {
	c := mailChecker(t)
	for _, box := range []string{
		`<span style="display:inline-block">.com</span>`,
		`<b style="display:inline-flex">.com</b>`,
		`<span style="display:-webkit-inline-box">.com</span>`,
		`<span style="display:inline-block;padding:0;margin:0">.com</span>`,
	} {
		t.Run(box, func(t *testing.T) { assertRed18Caught(t, c, red24Addr+box+`</div>`, Lookalike) })
	}
}

// TestRed24CSSEscapesMisread (finding 2). cssProperty unescapes a value,
// then trims and splits it at whitespace; CSS does neither (CSS Syntax 3,
// 4.3.7 "consume an escaped code point"):
//   - "none\9" and "none\20" are the ident "none<TAB>" and "none ", no
//     keyword: the declaration is invalid and dropped (the old IE-only
//     "\9" hack); vigie trims them to none / 0 and takes the shown ".com"
//     for hidden;
//   - the whitespace after a hex escape belongs to the escape, tab and
//     newline as well as space: "n\6f<TAB>ne" is none; vigie keeps the
//     tab, reads two words, drops the declaration, and the hidden space
//     parts the address.
//
// The proven mail is Official, the unproven one Unknown. Sure.
// Root cause: htmlcss.go cssUnescape (only ' ' after an escape) and
// cssProperty (TrimSpace after unescaping).
func TestRed24CSSEscapesMisread(t *testing.T) {
	c := mailChecker(t)
	for _, trick := range []string{
		`<span style="display:none\9">.com</span>`,
		`<span style="display:none\20">.com</span>`,
		`<span style="font-size:0\9">.com</span>`,
		"<span style=\"display:n\\6f\tne\"> </span>.com",
		"<span style=\"display:n\\6f\nne\"> </span>.com",
	} {
		t.Run(trick, func(t *testing.T) { assertRed18Caught(t, c, red24Addr+trick+`</div>`, Lookalike) })
	}
}

// TestRed24CSSTokensMisread (finding 3). cssDeclarations knows strings,
// blocks and comments, but not as the CSS tokenizer reads them (CSS
// Syntax 3, 4.3): an unquoted url( ) is one token in which "/*" starts no
// comment (4.3.6); a quote inside an unquoted url makes a bad-url token
// that ends at the next ')' (4.3.6, 4.3.14), not a string; a newline ends
// a string as a bad-string token, and the ';' after it ends the
// declaration (4.3.5). In each row the browser reads display:none (the
// space is hidden, the address shown whole); vigie reads no display, and
// the space parts the address: Official / Unknown. Sure.
// Root cause: htmlcss.go cssDeclarations (comments and quotes inside
// url( ), newlines inside strings).
func TestRed24CSSTokensMisread(t *testing.T) {
	c := mailChecker(t)
	for _, style := range []string{
		`background:url(x/*);display:none;/*)`,
		`x:url(a'b);display:none;y:'`,
		"font-family:'a\n;display:none;",
	} {
		body := red24Addr + `<span style="` + style + `"> </span>.com</div>`
		t.Run(style, func(t *testing.T) { assertRed18Caught(t, c, body, Lookalike) })
	}
}

// TestRed24FontSizeAttributeFraction (finding 4, the red23 <font size>
// fix incomplete). HTML reads <font size> by the "rules for parsing a
// legacy font size" (HTML 15.3.4): the digits at the start, as an
// integer; "1.5" is 1 (x-small), "2.5px" is 2. elementFontSize takes a
// size only when the whole number is an integer, so under a font-size:0
// parent ".com" is taken for hidden, while the reader sees it at a size of
// its own. The walk's proven mail is Official. Sure.
// Root cause: htmlcss.go elementFontSize (n == float64(int(n))).
func TestRed24FontSizeAttributeFraction(t *testing.T) {
	c := mailChecker(t)
	for _, size := range []string{"1.5", "2.5px"} {
		body := red24Addr + `<span style="font-size:0"><font size="` + size + `">.com</font></span></div>`
		t.Run(size, func(t *testing.T) {
			rep := provenReport(t, c, body)
			assert.NotEqual(t, Official, rep.Status, "links %v", reportURLs(rep))
		})
	}
}

// TestRed24FallbackContentNotShown (finding 5). The content of an
// <audio>, <video> or <iframe> element is never drawn where the element
// is supported: audio without controls is display:none ("audio:not(
// [controls]) { display: none !important; }", HTML 15.4.1), a video shows
// its video (its content is fallback for old browsers), an iframe's
// content is raw text that is never rendered. drawnBetween rightly parts
// no words at a control-less audio or a 0-wide frame, but the walk still
// reads what they hold as shown text: a space there parts the address.
// The proven mail is Official, the unproven one Unknown. Sure of the
// rendering; JUDGEMENT CALL on reach (webmails strip iframes; Apple Mail
// renders audio and video).
// Root cause: html.go htmlWalk.visit (children of a media element read as
// shown), htmlcss.go isHidden (no audio:not([controls])).
func TestRed24FallbackContentNotShown(t *testing.T) {
	c := mailChecker(t)
	for _, media := range []string{
		`<audio> </audio>`,
		`<video width="0"> </video>`,
		`<iframe width="0" frameborder="0"> </iframe>`,
	} {
		t.Run(media, func(t *testing.T) { assertRed18Caught(t, c, red24Addr+media+`.com</div>`, Lookalike) })
	}
}

// TestRed24SVGTextNotRendered (finding 6, JUDGEMENT CALL: inline SVG is
// rendered by Apple Mail and iOS Mail, stripped by Gmail). In SVG text,
// the display presentation attribute hides a tspan (SVG 2, 13.5
// "display": a presentation attribute), and <desc> is never rendered
// (SVG 2, 5.9); vigie reads only the style attribute and the HTML user
// agent sheet, so the hidden space parts the address. Official / Unknown.
// Root cause: htmlcss.go isHidden (no SVG presentation attributes, no
// non-rendered SVG elements).
func TestRed24SVGTextNotRendered(t *testing.T) {
	c := mailChecker(t)
	for _, hidden := range []string{`<tspan display="none"> </tspan>`, `<desc> </desc>`, `<metadata> </metadata>`} {
		body := `<div><svg width="400" height="20"><text x="0" y="15">Envoyez votre RIB a remboursement@ameli-aide` +
			hidden + `.com</text></svg></div>`
		t.Run(hidden, func(t *testing.T) { assertRed18Caught(t, c, body, Lookalike) })
	}
}

// TestRed24TokenModelDiverges (finding 7). The token scan's stack
// (htmlopen.go) errs where the tree builder does what it does not model;
// with red19Deep each row turns the walk's Lookalike into Official:
//   - foster parenting (HTML 13.2.6.1): text inside a <table> outside a
//     cell is moved before the table, against "ameli-aide"; the scan
//     parts at the table's start;
//   - <template> is skipped for its text only: a start tag inside it
//     stays open in the scan after </template> (the parser keeps it in
//     the template's contents), here a hidden span that hides the rest
//     of the document from the first reading, while the second reading
//     parts at the hidden space;
//   - a <caption> or <colgroup> is closed by a <tr> (13.2.6.4.11,
//     .12), a <tbody> by the next <tbody>: the scan keeps the hidden one
//     open;
//   - the active formatting elements are reconstructed (13.2.4.3): a
//     hidden <b> closed by a </div> (here an inline one) comes back
//     around the next text, so the space after it is hidden up to </b>.
//
// Sure of the difference between the readers.
// Root cause: htmlopen.go (open/close/closeImplied), htmltokens.go
// startTag (template).
func TestRed24TokenModelDiverges(t *testing.T) {
	c := mailChecker(t)
	const hiddenSpace = `<span style="display:none"> </span>`
	for _, body := range []string{
		red24Addr + `<table>.com</table></div>`,
		red24Addr + `<table><tr><td>x</td></tr>.com</table></div>`,
		`<template><span style="display:none"></template>` + red24Addr + hiddenSpace + `.com</div>`,
		`<table><caption style="display:none">x<tr><td>Envoyez votre RIB a remboursement@ameli-aide` + hiddenSpace + `.com</td></tr></table>`,
		`<table><colgroup style="display:none"><tr><td>Envoyez votre RIB a remboursement@ameli-aide` + hiddenSpace + `.com</td></tr></table>`,
		`<table><tbody style="display:none"><tr><td>x</td></tr><tbody><tr><td>Envoyez votre RIB a remboursement@ameli-aide` +
			hiddenSpace + `.com</td></tr></table>`,
		`<div style="display:inline">Envoyez votre RIB a remboursement@ameli-aide<b style="display:none"></div> </b>.com`,
	} {
		t.Run(body[:min(len(body), 60)], func(t *testing.T) {
			shallow := unprovenReport(t, c, body)
			assert.Equal(t, Lookalike, shallow.Status, "the walk's reading: links %v", reportURLs(shallow))
			assertRed18Caught(t, c, red19Deep+body, Lookalike)
		})
	}
}

// TestRed24TokenScanQuadratic (finding 8, REGRESSION from 9cbb069:
// unbounded time). The stack of open elements is searched from the top at
// every block start (closeImplied -> closeOpen("p"), down to a scope
// boundary: none in a stack of divs) and at every end tag that matches
// nothing (close), and holds up to maxOpen = 65536 elements: the scan is
// quadratic. Measured on this 2-core machine (shared): 40,000 "<div>"
// (200 KB) take 5.9 s (10 ms at 18c1f58), 200,000 (1 MB, one part's
// limit) 79 s; 65,536 "<b>" then 100,000 "</i>" (600 KB) 87 s; a message
// may hold four such parts (maxMessageText 4 MB). Sure.
// Root cause: htmlopen.go closeOpen and close (linear search per token).
//
// Kept without a clock (tests assert no wall-clock time): the stack's
// steps (pushes, pops and look-ups) are counted, at most a few per tag.
func TestRed24TokenScanQuadratic(t *testing.T) {
	for _, tc := range []struct {
		name, body string
	}{
		{"30000 divs", strings.Repeat("<div>", 30000)},
		{"15000 b, 20000 unmatched ends", red19Deep + strings.Repeat("<b>", 15000) + strings.Repeat("</i>", 20000)},
		{"p then 30000 divs", "<p>" + strings.Repeat("<div>", 30000)},
		{"table then 30000 spans and divs", "<p><table><tr><td>" + strings.Repeat("<span><div>", 15000)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tags := strings.Count(tc.body, "<")
			w := &tokenWalk{shownText: shownText{body: &bodyText{}}}
			z := html.NewTokenizer(strings.NewReader(tc.body))
			for tt := z.Next(); tt != html.ErrorToken; tt = z.Next() {
				w.token(z, tt, z.Token())
			}
			assert.LessOrEqual(t, w.stack.steps, 8*tags, "%d tags", tags)
		})
	}
}

// TestRed24LonePopDirectional (finding 9). invisibleFormat removes the
// Default_Ignorable characters but the right-to-left override U+202E and
// its pop U+202C, which scanOverridden reads as a pair. A U+202C with no
// override open pops nothing (UAX #9, X6a/X7: an unmatched PDF is
// ignored) and, being Default_Ignorable, is drawn as nothing: the reader
// sees remboursement@ameli-aide.com and ameli-aide.com/connexion; vigie
// finds no link. The proven mail is Official, the unproven one Unknown,
// the SMS Unknown. Sure.
// Root cause: verify/internal/textlinks invisibleFormat (r != pdf
// whatever comes before).
func TestRed24LonePopDirectional(t *testing.T) {
	c := mailChecker(t)
	assertRed18Caught(t, c, red24Addr+"\u202c.com</div>", Lookalike)
	assertRed18Caught(t, c, "<p>Connexion : ameli-aide\u202c.com/connexion</p>", Lookalike)
	for _, text := range []string{
		"AMELI: remboursement bloque. Envoyez votre RIB a remboursement@ameli-aide\u202c.com",
		"AMELI: remboursement bloque. Connexion : ameli-aide\u202c.com/connexion",
	} {
		rep := c.SMS("AMELI", text)
		assert.True(t, rep.Status.Worse(Unknown), "SMS %q: got %s: %v", text, rep.Status, rep.Codes())
	}
}

// TestRed24SMSAskMissed (finding 10). asks misses requests an SMS scam
// writes every day, and the free-mail address is taken for the reader's
// own: Unknown instead of Suspicious (brand-mention):
//   - a bare infinitive after a dash, an emoji bullet or a comma is as much
//     an order as after ':' (wordsBefore marks only . ! ? : ; • and line
//     breaks as sentence starts);
//   - "contactez-nous au 3646 ou par mail a ...": the phone-number rule
//     drops the whole verb although the address is its second object;
//   - "joindre" (whose imperative "joignez" is a write word) and "pour
//     nous contacter :", which offers the address as the organisation's;
//   - "dʼenvoyer" with U+02BC, the apostrophe of some keyboards (a letter:
//     the word is "dʼenvoyer"), and small capitals "ᴇɴᴠᴏʏᴇᴢ" (read
//     ENVOYEZ; visual keys map Greek and full-width letters, not these).
//
// Sure they ask; the word lists are the maintainers' call.
// Root cause: smswrite.go wordsBefore (sentence starts), asks
// (phoneNumberFollows, askInfinitives, askBefore), namewords.go visualKey.
func TestRed24SMSAskMissed(t *testing.T) {
	c := mailChecker(t)
	for _, text := range []string{
		"AMELI - Envoyer votre RIB a service.dossiers@gmail.com",
		"AMELI 👉 Envoyer votre RIB a service.dossiers@gmail.com",
		"AMELI: remboursement bloque. Contactez-nous au 3646 ou par mail a service.dossiers@gmail.com",
		"AMELI: remboursement bloque. Vous pouvez nous joindre par mail : service.dossiers@gmail.com",
		"AMELI: remboursement bloque. Pour nous contacter : service.dossiers@gmail.com",
		"AMELI: remboursement bloque. Merci d\u02bcenvoyer votre RIB a service.dossiers@gmail.com",
		"AMELI: remboursement bloque. ᴇɴᴠᴏʏᴇᴢ votre RIB a service.dossiers@gmail.com",
	} {
		t.Run(text[:min(len(text), 70)], func(t *testing.T) {
			rep := c.SMS("AMELI", text)
			assert.True(t, rep.Status.Worse(Unknown), "got %s: %v", rep.Status, rep.Reasons)
		})
	}
}

// TestRed24SMSAskOtherSentence (finding 11, a false alarm: red23 finding
// 11 fixed for phone numbers only). A write word in an earlier sentence
// that asks to write elsewhere (the messaging of the reader's ameli
// account) still makes the reader's own address, quoted back in the next
// sentence, a request: Suspicious. Without that sentence both are
// Unknown. Sure of the answer (the write word's object is not the
// address; a sentence lies between).
// Root cause: smswrite.go askedToWrite/asks (no sentence boundary for an
// imperative).
func TestRed24SMSAskOtherSentence(t *testing.T) {
	c := mailChecker(t)
	for _, ask := range []string{
		"ecrivez-nous via la messagerie de votre compte ameli",
		"contactez-nous depuis votre compte ameli",
	} {
		text := "Assurance Maladie: votre adresse e-mail a ete modifiee. Si vous n'etes pas a l'origine de ce changement, " +
			ask + ". Nouvelle adresse : jean.dupont@gmail.com"
		t.Run(ask, func(t *testing.T) {
			rep := c.SMS("38100", text)
			assert.Equal(t, Unknown, rep.Status, fmt.Sprintf("reasons %v", rep.Reasons))
		})
	}
}
