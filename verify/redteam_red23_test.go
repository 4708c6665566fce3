package verify

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// Red team red23 (a helper session attacking f398077 and fb775ec: hidden
// text joins no words, font-size:0 inherited until a child sets a size,
// the token fallback hides nothing, widths of replaced elements, SMS
// asking words). Each test below fails at 2916ff1. assertRed18Caught (the
// proven ameli.fr mail must not be Official, the unproven one must be
// want) is red18's, red19Deep red19's (forces the token scan). In every
// missed-lookalike case, the same body without the trick is Lookalike
// (remboursement@ameli-aide.com, or ameli-aide.com in finding 5),
// checked at 2916ff1; the false alarms (findings 11, 12) are Unknown /
// Official without the element that glues them.

// red23Addr is the address the trick splits: the reader sees
// remboursement@ameli-aide.com on one line.
const red23Addr = `<div>Envoyez votre RIB a remboursement@ameli-aide`

// TestRed23HiddenByUserAgentStyle (finding 1). vigie takes text for hidden
// only when a style attribute says display:none (or font-size:0), but the
// HTML standard's rendering section (15.3.1, "Hidden elements") hides more
// by the user agent's own style sheet: "[hidden], area, datalist, noembed,
// rp, title ... { display: none }" and "dialog:not([open]) { display:
// none }". A space inside any of them (or an area's alt, or a hidden
// image's alt, which attrText shows whatever hides it) parts the address
// for vigie, not for the reader: the proven mail is Official, the
// unproven one Unknown. Sure of the rendering (every engine ships that
// style sheet; Gmail and Outlook.com keep the hidden attribute).
// Root cause: htmltext.go shownText.shown/html.go visit read only the
// style attribute; dialog is in blockElements and parts even when closed.
func TestRed23HiddenByUserAgentStyle(t *testing.T) {
	c := mailChecker(t)
	for _, hidden := range []string{
		`<span hidden> </span>`,
		`<noembed> </noembed>`,
		`<title> </title>`,
		`<datalist> </datalist>`,
		`<rp> </rp>`,
		`<dialog></dialog>`,
		`<area alt=" ">`,
		`<img src="cid:x" hidden alt=" ">`,
	} {
		t.Run(hidden, func(t *testing.T) { assertRed18Caught(t, c, red23Addr+hidden+`.com</div>`, Lookalike) })
	}
}

// TestRed23HiddenSubtreeParts (finding 2). Text inside a display:none
// element joins no words since fb775ec, but the elements inside it still
// part them: visit calls separate() for every block or drawn element
// before it looks at h.hidden, and separate() writes the space whatever
// hides it. A display:none element generates no box, nor do its
// descendants (CSS Display 3, "display: none"): a <br>, an empty <div> or
// a 50-pixel image inside one draws nothing. The proven mail is Official.
// Sure. Root cause: html.go htmlWalk.visit (partsWords before the hidden
// count) and htmltext.go shownText.separate (no hidden check).
func TestRed23HiddenSubtreeParts(t *testing.T) {
	c := mailChecker(t)
	for _, hidden := range []string{
		`<span style="display:none"><br></span>`,
		`<span style="display:none"><div></div></span>`,
		`<span style="display:none"><img src="cid:x" width="50" alt=""></span>`,
		`<span hidden><br></span>`,
	} {
		t.Run(hidden, func(t *testing.T) { assertRed18Caught(t, c, red23Addr+hidden+`.com</div>`, Lookalike) })
	}
}

// TestRed23HidingDeclarationsMissed (finding 3). cssValue reads a value
// as its lowercased text, and fontSize takes any number but 0 for a
// shown size; CSS reads more:
//   - escapes are allowed in values as in names (CSS Syntax 3, 4.3.11,
//     an ident token): "n\6f ne" is none;
//   - "! important" with a space is still important (CSS Syntax 3, 5.4.6:
//     the last two non-whitespace tokens '!' and 'important'); vigie then
//     sees a two-word display and ignores it;
//   - display:table-column boxes are never rendered, nor their content
//     (CSS Tables 3, "table-column ... not rendered");
//   - a font size in % or em of a 0 font size is 0 (CSS Fonts 4): the
//     text stays invisible though the child "sets another size".
//
// In each case the space is hidden, the reader sees the address whole,
// vigie parts it. Sure.
// Root cause: htmltext.go cssValue (no value unescape, "!important"
// only without a space), isBlock/hidden (table-column), fontSize
// (relative sizes restore the text).
func TestRed23HidingDeclarationsMissed(t *testing.T) {
	c := mailChecker(t)
	for _, hidden := range []string{
		`<span style="display:n\6f ne"> </span>`,
		`<span style="display:none ! important"> </span>`,
		`<span style="display:table-column"> </span>`,
		`<span style="font-size:0"><span style="font-size:100%"> </span></span>`,
		`<span style="font-size:0"><span style="font-size:2em"> </span></span>`,
	} {
		t.Run(hidden, func(t *testing.T) { assertRed18Caught(t, c, red23Addr+hidden+`.com</div>`, Lookalike) })
	}
}

// TestRed23ShownTextTakenForHidden (finding 4, the reverse of finding 3:
// text the reader sees, taken for hidden, joins no words, so ".com" is
// never glued to "ameli-aide"). cssDeclarations splits at every ';'
// outside quotes, but CSS (Syntax 3, 4.3.5 and 5.4.4-5.4.6) also keeps
// a ';' inside a string after an escaped quote, inside url(...), and
// inside ( ), [ ] and { } blocks: the browser sees no display:none at
// all. fontSize takes "0x" and "0 foo" for 0, but both are invalid
// values, dropped by the browser (the inherited size stays). And under a
// font-size:0 element, a child sized by a keyword ("medium") or by
// <font size=4> (HTML 15.3.4, presentational hints) shows its text,
// which fontSize does not read as a size. The proven mail is Official,
// the unproven one Unknown; with red19Deep (the token scan hides
// nothing) each is Lookalike. Sure.
// Root cause: htmltext.go cssDeclarations, leadingNumber/fontSize.
func TestRed23ShownTextTakenForHidden(t *testing.T) {
	c := mailChecker(t)
	for _, shown := range []string{
		`<span style="font-family:'a\';display:none;'">.com</span>`,
		`<span style="background:url(a;display:none;)">.com</span>`,
		`<span style="x:(;display:none;)">.com</span>`,
		`<span style="x:[;display:none;]">.com</span>`,
		`<span style="font-size:0x">.com</span>`,
		`<span style="font-size:0 foo">.com</span>`,
		`<span style="font-size:0"><span style="font-size:medium">.com</span></span>`,
		`<span style="font-size:0"><font size="4">.com</font></span>`,
	} {
		t.Run(shown, func(t *testing.T) { assertRed18Caught(t, c, red23Addr+shown+`</div>`, Lookalike) })
	}
}

// TestRed23LineBreaksNotSeen (finding 5, the inverse trick: red18's
// "lookalike host, then an official suffix in a heading", where the glued
// text https://ameli-aide.com.ameli.fr is official and no node holds the
// lookalike). The reader sees https://ameli-aide.com on its own line,
// vigie glues it to the next line because it misses the block:
//   - xmp and listing are display:block (HTML 15.3.3) but not in
//     blockElements;
//   - an escaped or "! important" display:block (see finding 3);
//   - display:-webkit-box is block-level in every engine (legacy flex,
//     common in mail for line clamping);
//   - display:table-row / table-caption in a block container make an
//     anonymous block table (CSS 2.1, 17.2.1);
//   - "block flow", the two-value syntax (CSS Display 3; Chrome 115,
//     Firefox 70, Safari 15).
//
// The proven mail is Official. Sure for the first four rows; the table
// and two-value rows depend on the client's CSS support.
// Root cause: htmltext.go isBlock, blockElements, cssValue.
func TestRed23LineBreaksNotSeen(t *testing.T) {
	c := mailChecker(t)
	const line = `.ameli.fr vous remercie`
	for _, next := range []string{
		`<xmp>` + line + `</xmp>`,
		`<listing>` + line + `</listing>`,
		`<span style="display:bl\6f ck">` + line + `</span>`,
		`<span style="display:block ! important">` + line + `</span>`,
		`<span style="display:-webkit-box">` + line + `</span>`,
		`<span style="display:table-row">` + line + `</span>`,
		`<span style="display:table-caption">` + line + `</span>`,
		`<span style="display:block flow">` + line + `</span>`,
	} {
		body := `<div>Connexion : https://<b>ameli-aide</b>.com` + next + `</div>`
		t.Run(next, func(t *testing.T) { assertRed18Caught(t, c, body, Lookalike) })
	}
}

// TestRed23TokenFallbackHiddenParts (finding 6, regression from
// f398077). To fix red22's never-closed hidden element, the token scan
// now hides nothing, so red21's finding 5 (a hidden space parts the
// address for vigie, not for the reader) is back in the scan: padding the
// document past 512 nested elements (red19Deep, 3 KB of invisible divs)
// turns the walk's Lookalike into Official. Sure of the difference
// between the readers. A fix could hide text for elements only the end
// tag of their own name closes (span, b, font...), whose nesting the
// tokens show.
// Root cause: htmltokens.go tokenWalk/startElement (no hidden count).
func TestRed23TokenFallbackHiddenParts(t *testing.T) {
	c := mailChecker(t)
	for _, hidden := range []string{
		`<span style="display:none"> </span>`,
		`<span style="font-size:0"> </span>`,
		`<img style="display:none" src="cid:x" alt=" ">`,
	} {
		body := red23Addr + hidden + `.com</div>`
		t.Run(hidden, func(t *testing.T) {
			shallow := unprovenReport(t, c, body)
			assert.Equal(t, Lookalike, shallow.Status, "the walk's reading: links %v", reportURLs(shallow))
			assertRed18Caught(t, c, red19Deep+body, Lookalike)
		})
	}
}

// TestRed23TokenFallbackUnmatchedEnd (finding 7). endElement pops the
// styled stack only when the end tag names the element on top; else it
// parts at any block end tag. An inline-styled div or p whose end tag
// closes a styled child left open (the parser closes the child too:
// "generate implied end tags") is then taken for a block end: the scan
// parts "remboursement@ameli-aide" from ".com", which the walk (and the
// browser) shows joined. With red19Deep the proven mail is Official.
// Sure of the difference between the readers.
// Root cause: htmltokens.go tokenWalk.endElement.
func TestRed23TokenFallbackUnmatchedEnd(t *testing.T) {
	c := mailChecker(t)
	for _, body := range []string{
		`<div style="display:inline">Envoyez votre RIB a remboursement@ameli-aide<span style="color:red"></div>.com`,
		`<p style="display:inline">Envoyez votre RIB a remboursement@ameli-aide<span style="color:red"></p>.com`,
		`<div style="display:inline"><p style="display:inline">Envoyez votre RIB a remboursement@ameli-aide</div>.com`,
	} {
		t.Run(body[len(body)-30:], func(t *testing.T) {
			shallow := unprovenReport(t, c, body)
			assert.Equal(t, Lookalike, shallow.Status, "the walk's reading: links %v", reportURLs(shallow))
			assertRed18Caught(t, c, red19Deep+body, Lookalike)
		})
	}
}

// TestRed23InvisibleFormatCharacters (finding 8, in the link finder, not
// the newest code). A zero-width space, soft hyphen, word joiner or BOM
// between "ameli-aide" and ".com" is caught (Lookalike), but other
// invisible format characters (Unicode Cf: ZWNJ, ZWJ, LRM, RLM, the bidi
// isolates, U+180E, U+2062) make the link finder see no address or bare
// host at all: textlinks keeps them (they are not UTS #46 "ignored") and
// ends nothing at them. Every renderer draws them as nothing between
// Latin letters: the reader reads, and types, remboursement@ameli-aide.com
// and ameli-aide.com/connexion. The proven mail is Official, the
// unproven one Unknown; an SMS is Unknown. Sure of what is shown; whether
// the finder should drop, or break at, these characters is the
// maintainers' call (a URL with a scheme is kept whole with them, as
// TestScan wants).
// Root cause: verify/internal/textlinks (breaker, removed).
func TestRed23InvisibleFormatCharacters(t *testing.T) {
	c := mailChecker(t)
	for _, ch := range []string{"\u200c", "\u200d", "\u200e", "\u200f", "\u2066", "\u180e", "\u2062"} {
		t.Run(fmt.Sprintf("U+%04X", []rune(ch)[0]), func(t *testing.T) {
			assertRed18Caught(t, c, red23Addr+ch+`.com</div>`, Lookalike)
			assertRed18Caught(t, c, `<p>Connexion : ameli-aide`+ch+`.com/connexion</p>`, Lookalike)
			rep := c.SMS("AMELI", "AMELI: remboursement bloque. Envoyez votre RIB a remboursement@ameli-aide"+ch+".com")
			assert.True(t, rep.Status.Worse(Unknown), "SMS: got %s: %v", rep.Status, rep.Codes())
		})
	}
}

// TestRed23SMSAskMissed (finding 9). asks knows imperatives and
// infinitives after "de", "veuillez", "pouvez", "devez", "faut", "suffit"
// with at most "nous"/"me" between; the commonest other ways an SMS scam
// asks are missed, and the free-mail address is then taken for the
// reader's own: Unknown, while "Envoyez votre RIB a" is Suspicious
// (brand-mention). Missed: the bare infinitive used as an order
// ("Envoyer votre RIB a", "RIB a envoyer a"), "ne tardez pas a nous
// envoyer", "n'hesitez pas a nous ecrire", "pourriez-vous", "contacter"
// (its imperative "contactez" is a write word, the infinitive is not),
// the object pronouns l', les, le between "nous" and the verb (the
// comment of asks says "the words between are pronouns"), and a Greek
// capital epsilon for the E of "Envoyez" (the reader sees Envoyez; names
// has visual keys, asks does not use them). Sure they are requests;
// the word lists are the maintainers' call ("vous devez nous les
// envoyer" was left open by red22; "merci de nous l'envoyer" is the same
// gap with the plainest "merci de").
// Root cause: smswrite.go asks, askBefore, askInfinitives.
func TestRed23SMSAskMissed(t *testing.T) {
	c := mailChecker(t)
	for _, ask := range []string{
		"Envoyer votre RIB a",
		"Votre RIB est a envoyer a",
		"Ne tardez pas a nous envoyer votre RIB a",
		"N'hesitez pas a nous ecrire a",
		"Pourriez-vous nous envoyer votre RIB a",
		"Merci de nous contacter a",
		"Merci de nous l'envoyer a",
		"Merci de nous les transmettre a",
		"\u0395nvoyez votre RIB a",
	} {
		text := "AMELI: votre remboursement de 247,50 EUR est bloque. " + ask + " service.dossiers@gmail.com"
		t.Run(ask, func(t *testing.T) {
			rep := c.SMS("AMELI", text)
			assert.True(t, rep.Status.Worse(Unknown), "got %s: %v", rep.Status, rep.Reasons)
		})
	}
}

// TestRed23SMSAskPaddedOut (finding 10, JUDGEMENT CALL). The window before
// the address is 240 bytes as well as 24 words: emojis (4 bytes, no
// word) or a few lines of blanks push "Envoyez" out of it, while the
// reader still reads one request: Unknown instead of Suspicious.
// Root cause: smswrite.go askedToWrite (text[sp.start-240:]).
func TestRed23SMSAskPaddedOut(t *testing.T) {
	c := mailChecker(t)
	for _, pad := range []string{
		" " + strings.Repeat("👉", 62) + " ",
		"\n" + strings.Repeat(" ", 240) + "\n",
	} {
		text := "AMELI: votre remboursement est bloque. Envoyez votre RIB a" + pad + "service.dossiers@gmail.com"
		t.Run(fmt.Sprintf("%d bytes", len(pad)), func(t *testing.T) {
			rep := c.SMS("AMELI", text)
			assert.True(t, rep.Status.Worse(Unknown), "got %s: %v", rep.Status, rep.Reasons)
		})
	}
}

// TestRed23SMSAskOtherSentence (finding 11, a false alarm). A write word
// anywhere in the 24 words before the address counts, even in another
// sentence asking something else of the reader: "contactez le 3646" (the
// commonest line of a genuine Assurance Maladie SMS) before "Votre adresse
// jean.dupont@gmail.com a bien ete enregistree" makes the reader's own
// address a brand mention: Suspicious. Without "contactez le 3646" it is
// Unknown. Sure of the answer; "contactez" asks to phone, and the
// address is quoted back, not offered.
// Root cause: smswrite.go askedToWrite (no sentence boundary, no object).
func TestRed23SMSAskOtherSentence(t *testing.T) {
	c := mailChecker(t)
	for _, text := range []string{
		"Assurance Maladie: contactez le 3646. Votre adresse jean.dupont@gmail.com a bien ete enregistree.",
		"Assurance Maladie: si vous n'etes pas a l'origine de ce changement, contactez le 3646. Nouvelle adresse : jean.dupont@gmail.com",
	} {
		t.Run(text, func(t *testing.T) {
			rep := c.SMS("38100", text)
			assert.Equal(t, Unknown, rep.Status, "reasons %v", rep.Reasons)
		})
	}
}

// TestRed23DrawnBoxesGlued (finding 12, a false alarm, JUDGEMENT CALL on
// how far to read layout). Words part at an image drawn between them
// (a5432c2), but not at other boxes drawn as wide: an inline <svg> icon
// (16 × 16), an empty inline-block spacer with a width, and the
// "hybrid" two-column layout of newsletters (inline-block columns 300px
// wide under a font-size:0 container, the pattern red22 finding 1
// cites). An inline-block is its own block container: its text never
// flows into the text beside it (CSS 2.1, 9.2.4 "inline-block"). vigie
// glues "Votre espace" or "Rendez-vous sur" to "ameli.fr"
// ("espaceameli.fr", "surameli.fr") and the proven ameli.fr mail is
// Lookalike. Sure of the rendering for a width given; an inline-block
// without one is shrink-wrapped and may look glued.
// Root cause: htmltext.go partsWords (replacedElements has no svg, and
// inline-block is read as inline).
func TestRed23DrawnBoxesGlued(t *testing.T) {
	c := mailChecker(t)
	for _, body := range []string{
		`<p>Rendez-vous sur<svg width="16" height="16" viewBox="0 0 16 16"><circle cx="8" cy="8" r="8"/></svg>ameli.fr</p>`,
		`<p>Rendez-vous sur<span style="display:inline-block;width:10px"></span>ameli.fr</p>`,
		`<div style="font-size:0"><div style="display:inline-block;font-size:14px;width:300px">Votre espace</div>` +
			`<div style="display:inline-block;font-size:14px;width:300px">ameli.fr</div></div>`,
	} {
		t.Run(body[:40], func(t *testing.T) {
			rep := provenReport(t, c, body)
			assert.Equal(t, Official, rep.Status, "links %v", reportURLs(rep))
		})
	}
}
