package verify

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// Red team red25 (a helper session attacking bc1a3ad and 6223dd0, the
// red23/red24 fixes: the token scan's open-element model in htmlopen.go,
// htmlcss.go, htmltext.go, the SMS asking words, textlinks' pop
// directional formatting). Each test below fails at bc1a3ad.
// assertRed18Caught is red18's, red19Deep red19's (600 <div>s: the tree
// builder refuses the document, the token scan reads it). In every
// token-scan row the same body read by the tree walk (the real parser,
// golang.org/x/net/html) is Lookalike: the walk and the scan disagree, and
// the walk is right.

// red25Addr starts the address the tricks split; the reader sees
// remboursement@ameli-aide.com.
const red25Addr = `Envoyez votre RIB a remboursement@ameli-aide`

// red25Diverges asserts that the walk reads body as Lookalike and that the
// token scan (red19Deep before it) does too.
func red25Diverges(t *testing.T, c *Checker, body string) {
	t.Helper()
	shallow := unprovenReport(t, c, body)
	assert.Equal(t, Lookalike, shallow.Status, "the walk's reading: links %v", reportURLs(shallow))
	assertRed18Caught(t, c, red19Deep+body, Lookalike)
}

// TestRed25TokenScanReopensTooLittle (finding 1). The scan reopens the
// formatting elements another end tag closed (red24 finding 7), but not
// where the parser does (HTML 13.2.4.3, 13.2.6.4.7), so a hidden <b> the
// parser reopens around the space stays closed in the scan, and the
// space parts the address in both of its readings:
//   - a void element (<br>, <img>) is reopened around too ("area, br,
//     embed, img, keygen, wbr: reconstruct the active formatting
//     elements"): the <br> stands in the hidden <b>, no line is broken;
//     startElement never calls reopenFormatting, open skips it for every
//     special element (input, select, xmp, object, marquee... also
//     reconstruct);
//   - a table cell's marker hides the elements before it only until the
//     cell ends ("clear the list ... up to the last marker"); push
//     forgets them for good, so the hidden <b> is not reopened after the
//     (hidden) table;
//   - the list of active formatting elements is not bounded (only three
//     identical ones are kept: the Noah's Ark clause); maxReopened = 16
//     drops the outermost of 17 distinct ones, here the hidden <b>.
//
// The proven mail is Official, the unproven one Unknown. Sure (the walk,
// the parser itself, reads Lookalike).
// Root cause: htmlopen.go open/push/popTo (reopenFormatting not called for
// special and void elements, reopen cleared at a marker, maxReopened),
// htmltokens.go startElement.
func TestRed25TokenScanReopensTooLittle(t *testing.T) {
	c := mailChecker(t)
	const inline = `<div style="display:inline">` + red25Addr + `<b style="display:none">`
	for _, body := range []string{
		inline + `</div><br></b>.com`,
		inline + `</div><img src="x.png" width="40"></b>.com`,
		inline + `</div><table style="display:none"><tr><td>x</td></tr></table> </b>.com`,
		inline + `<i id=1><i id=2><i id=3><i id=4><i id=5><i id=6><i id=7><i id=8><i id=9><i id=10><i id=11>` +
			`<i id=12><i id=13><i id=14><i id=15><i id=16><i id=17></div> </b>.com`,
	} {
		t.Run(body[len(inline):min(len(body), len(inline)+40)], func(t *testing.T) { red25Diverges(t, c, body) })
	}
}

// TestRed25TokenScanAnchorTextLost (finding 2). The scan's second reading,
// which hides nothing, holds the text outside anchors only: where the
// model hides or moves what the parser shows in an anchor, the anchor's
// whole text loses it. Here an anchor to www.ameli.fr shows
// "remboursement@ameli-aide.com", which the walk judges (Lookalike):
//   - an end tag naming a formatting element that is not open but waits
//     to be reopened removes it from the list (13.2.6.4.7, adoption
//     agency step 4: "not in the stack of open elements ... remove the
//     element from the list, and return"); the scan keeps it and hides
//     ".com" in it;
//   - four identical hidden <b>s closed by </span>: the parser keeps
//     three in the list (Noah's Ark clause, 13.2.4.3), three </b> end
//     them; the scan reopens four and hides ".com" in the fourth;
//   - a <table> inside the anchor does not end it, and the text the table
//     holds outside a cell is moved into the anchor, before the table
//     (foster parenting, 13.2.6.1); the scan ends the anchor at <table>.
//
// The proven mail is Official, the unproven one Unknown. Sure.
// Root cause: htmlopen.go close (no forget for an element only in
// t.reopen), popTo (no Noah's Ark), htmltokens.go startTag (cellEnds
// holds "table": closeAnchor at a table's start).
func TestRed25TokenScanAnchorTextLost(t *testing.T) {
	c := mailChecker(t)
	const a = `<a href="https://www.ameli.fr/">Ecrivez a remboursement@ameli-aide`
	const hb = `<b style="display:none">`
	for _, body := range []string{
		a + `<span>` + hb + `</span></b>.com</a>`,
		a + `<span>` + hb + hb + hb + hb + `</span> </b></b></b>.com</a>`,
		a + `<table>.com</table></a>`,
	} {
		t.Run(body[len(a):], func(t *testing.T) { red25Diverges(t, c, body) })
	}
}

// TestRed25TokenScanFosterParentedElements (finding 3, red24 finding 7's
// fix incomplete). readText reads a table's text beside the text before
// it only when a table, tbody, thead, tfoot or tr is the current node;
// but an element that is no table part, opened in a table outside its
// cells (<b>, <span>), is itself moved before the table with its text
// (13.2.6.4.9 "anything else": foster parenting, in body rules), and text
// in a <colgroup> pops it and is foster-parented (13.2.6.4.12). The
// reader sees ".com" glued to "ameli-aide", then an empty table; the scan
// parts them at the table's start. Official / Unknown. Sure.
// Root cause: htmlopen.go readText (the current node alone decides).
func TestRed25TokenScanFosterParentedElements(t *testing.T) {
	c := mailChecker(t)
	for _, inTable := range []string{`<b>.com</b>`, `<span>.com</span>`, `<colgroup>.com`} {
		body := `<div>` + red25Addr + `<table>` + inTable + `</table></div>`
		t.Run(inTable, func(t *testing.T) { red25Diverges(t, c, body) })
	}
}

// TestRed25OverrideAcrossParagraphs (finding 4, 6223dd0 incomplete).
// cleaner keeps a pop (U+202C) when a right-to-left override (U+202E) is
// open "on this line", and closes the run only at \n, \r or U+2029. In
// HTML a block is a bidi paragraph (CSS Writing Modes 3, 2.4.1: each
// block container's inline content is a paragraph; UAX #9 X8: every
// override ends at the end of its paragraph), and the walk parts blocks
// with a space, not a newline. An override left at the end of a first
// paragraph (shown as nothing) so keeps a pop in a later paragraph, where
// it pops nothing and is drawn as nothing: the scanner reads the link as
// written with the pop inside it ("ameli-aide\u202c.com") and finds
// none. The address is split by <b> so that no text node holds it alone.
// Walk and scan alike: Official / Unknown. Sure.
// Root cause: internal/textlinks cleaner.removes (rloOpen outlives the
// paragraph: the loose text carries no paragraph breaks).
func TestRed25OverrideAcrossParagraphs(t *testing.T) {
	c := mailChecker(t)
	for name, body := range map[string]string{
		"address": "<p>Madame, Monsieur,\u202e</p><p>Envoyez votre RIB a remboursement@<b>ameli-aide</b>\u202c.com</p>",
		"link":    "<p>Madame, Monsieur,\u202e</p><p>Connexion : <b>ameli-aide</b>\u202c.com/connexion</p>",
	} {
		t.Run(name, func(t *testing.T) { assertRed18Caught(t, c, body, Lookalike) })
	}
}

// TestRed25UnframedBoxesMisread (finding 5, red24 finding 1's fix
// incomplete). A box with no width is shrink-wrapped to its text (CSS
// 2.1, 10.3.9), and a button with no padding and no border is drawn as
// its bare text; vigie reads both only in the forms it lists:
//   - "width:auto", "width:fit-content" and "min-width:0" are the
//     shrink-wrapped widths, but sized takes any width for one;
//   - "all:unset" (the usual button reset: padding 0, border none,
//     display inline), "padding:0px 0px;border:0px none" and
//     "border-width:0" are unframed, but unframed knows only "0", "0px",
//     "none" and values starting "0 " or "none ".
//
// The reader sees remboursement@ameli-aide.com; walk and scan part the
// words at the box: Official / Unknown. Sure.
// Root cause: htmltext.go sized, unframed.
func TestRed25UnframedBoxesMisread(t *testing.T) {
	c := mailChecker(t)
	for _, box := range []string{
		`<span style="display:inline-block;width:auto">.com</span>`,
		`<span style="display:inline-block;width:fit-content">.com</span>`,
		`<span style="display:inline-block;min-width:0">.com</span>`,
		`<button style="all:unset">.com</button>`,
		`<button style="padding:0px 0px;border:0px none;background:none">.com</button>`,
		`<button style="padding:0;border-width:0;background:none">.com</button>`,
	} {
		t.Run(box, func(t *testing.T) { assertRed18Caught(t, c, `<div>`+red25Addr+box+`</div>`, Lookalike) })
	}
}

// TestRed25CSSPreprocessing (finding 6, niche but sure). CSS reads a style
// after preprocessing it (CSS Syntax 3, 3.3: CR LF becomes one LF), and
// reads an ident's escapes before asking whether it is "url" (4.3.4
// "consume an ident-like token"):
//   - "n\6f&#13;&#10;ne" (the HTML parser decodes the references) is
//     "n\6f<LF>ne", the LF the escape's own white space: none; cssWords
//     takes the CR for it and parts the value at the LF: invalid;
//   - "u\72l(a'b)" is a url token, made bad by its quote and ended at
//     ')' (4.3.6, 4.3.14), so "display:none" after it applies;
//     unquotedURL looks for the letters "url" and reads a string to the
//     end of the style.
//
// The hidden space parts the address for vigie: Official / Unknown.
// Root cause: htmlcss.go cssWords (CR LF), unquotedURL (escaped name).
func TestRed25CSSPreprocessing(t *testing.T) {
	c := mailChecker(t)
	for _, style := range []string{`display:n\6f&#13;&#10;ne`, `x:u\72l(a'b);display:none;y:'`} {
		body := `<div>` + red25Addr + `<span style="` + style + `"> </span>.com</div>`
		t.Run(style, func(t *testing.T) { assertRed18Caught(t, c, body, Lookalike) })
	}
}

// TestRed25SMSAskMissed (finding 7). answeredElsewhere, red24's fix for
// "ecrivez-nous via la messagerie", takes any "dans", "sur", "depuis"...
// after the verb for the channel the request is answered by, when no mail
// word follows in the sentence: "dans les plus brefs delais", "dans les
// 48h", "sur-le-champ" are times, "sur notre boite" is the address's own
// mailbox. A numbered step "1) Envoyer ..." starts a sentence as "1."
// does, but ')' is listed as no sentence start (while "a) Envoyer" asks,
// "a" being read as the preposition). Unknown instead of Suspicious.
// Sure for the time phrases; the numbered step is a judgement call.
// Root cause: smswrite.go answeredElsewhere (channelWords read without
// what follows them), startsSentence (')').
func TestRed25SMSAskMissed(t *testing.T) {
	c := mailChecker(t)
	for _, ask := range []string{
		"Contactez-nous dans les plus brefs delais : service.dossiers@gmail.com",
		"Repondez-nous dans les 48h a service.dossiers@gmail.com",
		"Envoyez sur-le-champ votre RIB a service.dossiers@gmail.com",
		"Ecrivez-nous sur notre boite : service.dossiers@gmail.com",
		"1) Envoyer votre RIB a service.dossiers@gmail.com",
	} {
		text := "AMELI: remboursement bloque. " + ask
		t.Run(ask, func(t *testing.T) {
			rep := c.SMS("AMELI", text)
			assert.True(t, rep.Status.Worse(Unknown), "got %s: %v", rep.Status, rep.Codes())
		})
	}
}

// TestRed25SMSOwnAddressFalseAlarm (finding 8, a false alarm, judgement
// call: red24 finding 11 fixed for a channel right after the verb only).
// A request in an earlier sentence that is answered elsewhere (a reply
// by SMS, the reader's caisse, the reader's account named in the next
// clause) still makes the reader's own address, quoted back after it, one
// the SMS asks to write to: Suspicious. Without that sentence each is
// Unknown.
// Root cause: smswrite.go asks/askedToWrite (no sentence boundary for an
// imperative; answeredElsewhere reads only the words right after it).
func TestRed25SMSOwnAddressFalseAlarm(t *testing.T) {
	c := mailChecker(t)
	for _, ask := range []string{
		"Si vous n'etes pas a l'origine de ce changement, repondez NON.",
		"Si vous n'etes pas a l'origine de ce changement, contactez votre caisse.",
		"Pour nous contacter, rendez-vous sur votre compte ameli.",
	} {
		text := "Assurance Maladie: votre adresse e-mail a ete modifiee. " + ask + " Nouvelle adresse : jean.dupont@gmail.com"
		t.Run(ask, func(t *testing.T) {
			rep := c.SMS("38100", text)
			assert.Equal(t, Unknown, rep.Status, "reasons %v", rep.Reasons)
		})
	}
}
