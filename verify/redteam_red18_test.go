package verify

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// Red team red18 (a helper session attacking 3a01cb2: anchors' texts
// read whole and node by node, the token fallback reading conditional
// comments, srcdoc and anchors' texts, SMS addresses as brand mentions).
// Each test below fails at 3a01cb2.

// red18Deep nests past the 512 open elements x/net/html accepts (as
// red17Deep does), for use inside inner documents too.
var red18Deep = strings.Repeat("<div>", 600)

// assertRed18Caught checks body in the proven ameli.fr mail (must not be
// Official) and in the unproven one (must be want).
func assertRed18Caught(t *testing.T, c *Checker, body string, want Status) {
	t.Helper()
	t.Run("proven", func(t *testing.T) {
		rep := provenReport(t, c, body)
		assert.NotEqual(t, Official, rep.Status, "links %v", reportURLs(rep))
	})
	t.Run("unproven", func(t *testing.T) {
		rep := unprovenReport(t, c, body)
		assert.Equal(t, want, rep.Status, "links %v", reportURLs(rep))
	})
}

// TestRed18AddressSplitAcrossInlineThenBlock (finding 1). The walk (and
// the token scan) writes a space into the loose text and, since 3a01cb2,
// into an anchor's whole text only at the start of br, p, div, td, tr
// and li: not at their end, and not at all for h1-h6, hr, section,
// blockquote, ul, table headers or a display:block element. The red17 fix
// for "remboursement@ameli-aide.com<br>Merci" relies on each text node
// being read alone as well (addNodeLinks, addAnchorText per node). That
// rule is beaten as soon as the address or host is split by an inline
// element, as filter-evading mail routinely does
// ("remboursement@<b>ameli-aide</b>.com"): no node holds the address,
// and the glued text reads "remboursement@ameli-aide.comMerci" (no
// address: "comMerci" is no TLD) or "https://ameli-aide.com.ameli.fr"
// (an official host). Every mail client shows "Merci de votre confiance"
// on its own line, after a block ends or in a heading; the reader sees
// and writes to remboursement@ameli-aide.com, a plain-text view (and a
// client's link finder, which stops at the block) links it. The proven
// mail is Official, the unproven one Unknown; written in one node the
// same text is Lookalike. Sure for the block elements (the walk's own
// TestRedTeamHTMLTextNodes takes headings, hr and images as line
// breaks); the display:block case needs CSS, less sure.
func TestRed18AddressSplitAcrossInlineThenBlock(t *testing.T) {
	c := mailChecker(t)
	addr := `Envoyez votre RIB a remboursement@<b>ameli-aide</b>.com`
	for _, tc := range []struct{ name, body string }{
		// Outside anchors (the loose text, older than 3a01cb2).
		{"div ends, then text", `<div>` + addr + `</div>Merci de votre confiance`},
		{"p ends, then text", `<p>` + addr + `</p>Merci de votre confiance`},
		{"then a heading", `<div>` + addr + `<h3>Merci de votre confiance</h3></div>`},
		{"then a rule", `<div>` + addr + `<hr>Merci de votre confiance</div>`},
		{"then an image", `<div>` + addr + `<img src="cid:logo" alt="">Merci de votre confiance</div>`},
		{"lookalike host, then an official suffix in a heading",
			`<div>Connexion : https://<b>ameli-aide</b>.com<h3>.ameli.fr vous remercie</h3></div>`},
		{"bare lookalike host, then a heading", `<div>Connexion : <b>ameli-aide</b>.com<h3>Merci de votre confiance</h3></div>`},
		{"then a block span", `<div>` + addr + `<span style="display:block">Merci de votre confiance</span></div>`},
		// Inside an anchor (h.anchor, "lines apart" since 3a01cb2).
		{"anchor: div ends, then text", `<a href="https://www.ameli.fr/"><div>` + addr + `</div>Merci de votre confiance</a>`},
		{"anchor: p ends, then text", `<table><tr><td><a href="https://www.ameli.fr/"><p>` + addr + `</p>Merci</a></td></tr></table>`},
		{"anchor: then a heading", `<a href="https://www.ameli.fr/">` + addr + `<h3>Merci de votre confiance</h3></a>`},
		{"anchor: then a section", `<a href="https://www.ameli.fr/">` + addr + `<section>Merci de votre confiance</section></a>`},
		{"anchor: then a blockquote", `<a href="https://www.ameli.fr/">` + addr + `<blockquote>Merci de votre confiance</blockquote></a>`},
		{"anchor: then a rule", `<a href="https://www.ameli.fr/">` + addr + `<hr>Merci de votre confiance</a>`},
		{"anchor: then a block span", `<a href="https://www.ameli.fr/">` + addr + `<span style="display:block">Merci de votre confiance</span></a>`},
		// The token fallback has the same list.
		{"deep: div ends, then text", red18Deep + `<div>` + addr + `</div>Merci de votre confiance`},
		{"deep anchor: then a heading", red18Deep + `<a href="https://www.ameli.fr/">` + addr + `<h3>Merci de votre confiance</h3></a>`},
	} {
		t.Run(tc.name, func(t *testing.T) { assertRed18Caught(t, c, tc.body, Lookalike) })
	}
}

// TestRed18DeepInnerDocumentDropped (finding 2). The walk parses the
// document an Outlook conditional comment holds, and an <iframe srcdoc>
// document, with html.ParseWithOptions and visits it only when err ==
// nil. An inner document nested deeper than 512 elements is refused, and
// then nothing of it is read: there is no token fallback for inner
// documents (3a01cb2 gave one only to the outer document, red17's
// finding 1). The outer document is shallow, so the walk runs; the
// attacker pads only the comment (3 KB of "<div>", invisible) and
// Outlook renders the VML button to ameli-aide.com, a browser the srcdoc
// frame. Without the padding each is Lookalike. Sure.
func TestRed18DeepInnerDocumentDropped(t *testing.T) {
	c := mailChecker(t)
	for _, tc := range []struct{ name, body string }{
		{"VML button in a conditional comment",
			`<a href="https://www.ameli.fr/">ameli.fr</a><!--[if mso]>` + red18Deep + `<v:roundrect href="https://ameli-aide.com/connexion"><center>Connexion</center></v:roundrect><![endif]-->`},
		{"address in a conditional comment",
			`<a href="https://www.ameli.fr/">ameli.fr</a><!--[if mso]>` + red18Deep + `<p>Envoyez votre RIB a remboursement@ameli-aide.com</p><![endif]-->`},
		{"anchor in an iframe srcdoc",
			`<iframe srcdoc="` + red18Deep + `<a href='https://ameli-aide.com/connexion'>Connexion</a>"></iframe>`},
		{"address in an iframe srcdoc",
			`<iframe srcdoc="` + red18Deep + `Envoyez votre RIB a remboursement@ameli-aide.com"></iframe>`},
		{"conditional comment inside an anchor",
			`<p><a href="https://www.ameli.fr/"><!--[if mso]>` + red18Deep + `Envoyez votre RIB a remboursement@ameli-aide.com<![endif]--></a></p>`},
	} {
		t.Run(tc.name, func(t *testing.T) { assertRed18Caught(t, c, tc.body, Lookalike) })
	}
}

// TestRed18TokenFallbackRawText (finding 3). tokenLinks runs a bare
// html.Tokenizer, which switches to raw text after every start tag named
// iframe, noembed, noframes, noscript, plaintext, script, style,
// textarea, title or xmp, whatever the namespace, and then skips the
// text of script, style, template, noframes, textarea and title. The
// tree builder (and a browser) does otherwise in three places:
//   - <textarea>: its text is shown in the box (the walk reads it; the
//     scan skips it);
//   - <noscript>, which a mail client runs no scripts for, is parsed as
//     markup (ParseOptionEnableScripting(false), as htmlLinks says), but
//     the scan takes its content as one raw text, entities undecoded and
//     tags not tags: an href or form action written with character
//     references, or an address split by <b>, is found by no one;
//   - inside <svg> or <math>, style, xmp, textarea and title are foreign
//     elements whose content is markup: a <p> there breaks out of the SVG
//     and is shown (HTML standard, "any other start tag" in foreign
//     content); the scan takes it as raw text (skipped for style,
//     textarea and title).
//
// With the 600 divs the proven mail is Official; without them each case
// is Lookalike. Sure of the parse; the textarea and noscript cases are
// what Thunderbird and Apple Mail render.
func TestRed18TokenFallbackRawText(t *testing.T) {
	c := mailChecker(t)
	for _, tc := range []struct{ name, body string }{
		{"textarea", `<textarea>Envoyez votre RIB a remboursement@ameli-aide.com</textarea>`},
		{"noscript anchor with character references",
			`<noscript><a href="` + red18Refs("https://ameli-aide.com/connexion") + `">Connexion</a></noscript>`},
		{"noscript form with character references",
			`<noscript><form action="` + red18Refs("https://ameli-aide.com/connexion") + `"><input name=p><button>OK</button></form></noscript>`},
		{"noscript address with a character reference",
			`<noscript><p>Envoyez votre RIB a remboursement@ameli-aide&#46;com</p></noscript>`},
		{"noscript address split by a tag",
			`<noscript><p>Envoyez votre RIB a remboursement@<b>ameli-aide</b>.com</p></noscript>`},
		{"svg style, a paragraph breaking out",
			`<svg><style><p>Envoyez votre RIB a remboursement@ameli-aide.com</p></style></svg>`},
		{"svg xmp, a paragraph breaking out",
			`<svg><xmp><p>Envoyez votre RIB a remboursement@<b>ameli-aide</b>.com</p></xmp></svg>`},
		{"svg textarea, a paragraph breaking out",
			`<svg><textarea><p>Envoyez votre RIB a remboursement@ameli-aide.com</p></textarea></svg>`},
		{"math title, a paragraph breaking out",
			`<math><title><p>Envoyez votre RIB a remboursement@ameli-aide.com</p></title></math>`},
	} {
		t.Run(tc.name, func(t *testing.T) { assertRed18Caught(t, c, red18Deep+tc.body, Lookalike) })
	}
}

// red18Refs writes s as decimal character references, which the tree
// builder decodes in an attribute and a raw text keeps as written.
func red18Refs(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		fmt.Fprintf(&b, "&#%d;", s[i])
	}
	return b.String()
}

// TestRed18TokenFallbackInnerBase (finding 4). tokenLinksIn reads a
// conditional comment or srcdoc document with its own tokenBase, so the
// outer document's <base href> no longer applies to its relative links,
// which then lead nowhere and are dropped. The walk resolves them against
// the outer base (h.bases), and so does a browser for srcdoc: an
// about:srcdoc document without a <base> takes its container's base URL
// (HTML standard, "fallback base URL"). With the 600 divs the proven
// mail is Official; without them each case is Lookalike. Sure for
// srcdoc; for the VML button it is what the walk does (whether Outlook
// applies <base> there is untested).
func TestRed18TokenFallbackInnerBase(t *testing.T) {
	c := mailChecker(t)
	for _, tc := range []struct{ name, body string }{
		{"relative anchor in an iframe srcdoc",
			`<base href="https://ameli-aide.com/">` + red18Deep + `<iframe srcdoc="<a href='connexion'>Connexion</a>"></iframe>`},
		{"relative VML button in a conditional comment",
			`<base href="https://ameli-aide.com/">` + red18Deep + `<!--[if mso]><v:roundrect href="connexion"><center>Connexion</center></v:roundrect><![endif]-->`},
	} {
		t.Run(tc.name, func(t *testing.T) { assertRed18Caught(t, c, tc.body, Lookalike) })
	}
}

// TestRed18TokenFallbackAnchorClosedByCell (finding 5). The scan ends an
// anchor only at </a>; the tree builder (and a browser) also ends one at
// the end of its table cell: </td> closes the cell, and the active
// formatting elements are cleared to the cell's marker, so the anchor is
// not reopened in the next cell. The text of the next cell is then, for
// the scan, the anchor's: read only for alarming links (addAnchorText),
// never as loose text, so an address on an unknown domain written there,
// outside any link, no longer makes the proven mail unverified. Without
// the 600 divs the mail is Unknown (unverified-link); with them,
// Official. Sure; the impact is an unknown (not lookalike) address.
func TestRed18TokenFallbackAnchorClosedByCell(t *testing.T) {
	c := mailChecker(t)
	for _, tc := range []struct{ name, body string }{
		{"next cell", `<table><tr><td><a href="https://www.ameli.fr/">ameli.fr</td><td>Ecrivez a dossiers@gestion-dossiers.fr</td></tr></table>`},
		{"next row", `<table><tr><th><a href="https://www.ameli.fr/">ameli.fr</th></tr><tr><td>Envoyez votre RIB a dossiers@gestion-dossiers.fr</td></tr></table>`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep := provenReport(t, c, red18Deep+tc.body)
			assert.NotEqual(t, Official, rep.Status, "links %v", reportURLs(rep))
		})
	}
}

// TestRed18TextShownByAttributes (finding 6, older than 3a01cb2, a
// judgement call). What an element shows from its attributes is read by
// no one: an <img alt> is drawn in place of the image whenever images are
// blocked (Outlook's default for senders not in Safe Senders, any client
// with remote images off; "alt text styling" is a standard mail design
// practice), and an <input value> is drawn in its box. The text of the
// same words in a <p> is Lookalike; in alt or value, the proven mail is
// Official. Medium: alt text is not always shown.
func TestRed18TextShownByAttributes(t *testing.T) {
	c := mailChecker(t)
	for _, tc := range []struct{ name, body string }{
		{"img alt", `<img src="https://www.ameli.fr/logo.png" alt="Envoyez votre RIB a remboursement@ameli-aide.com" width="600" height="80">`},
		{"img alt in an anchor", `<a href="https://www.ameli.fr/"><img src="https://www.ameli.fr/bouton.png" alt="Connexion : https://ameli-aide.com/connexion"></a>`},
		{"input value", `<p>Votre interlocuteur : <input type="text" value="remboursement@ameli-aide.com" readonly size="40"></p>`},
	} {
		t.Run(tc.name, func(t *testing.T) { assertRed18Caught(t, c, tc.body, Lookalike) })
	}
}

// TestRed18FalseAlarmSMSOwnAddress (false alarm introduced by 3a01cb2,
// a judgement call). smsBrandMention now counts every address written in
// an SMS that names an organisation and is not of it. A notification
// that quotes the insured person's own address back ("votre adresse
// e-mail ... a bien ete enregistree", "un e-mail de confirmation a ete
// envoye a ...") is the commonest reason an official SMS holds an
// address, and it is now Suspicious (brand-mention) where it was Unknown
// like any other SMS from the AMELI sender ID. The reader is asked to
// write to no one. Sure of the change; where to draw the line (freemail
// domains? "envoyez ... a" versus "envoye a"?) is the maintainers' call.
func TestRed18FalseAlarmSMSOwnAddress(t *testing.T) {
	c := mailChecker(t)
	for _, text := range []string{
		"Assurance Maladie : votre adresse e-mail jean.dupont@gmail.com a bien ete enregistree sur votre compte ameli. Si ce n'est pas vous, appelez le 3646.",
		"Votre adresse de messagerie a ete modifiee en jean.dupont@orange.fr. Si vous n'etes pas a l'origine de ce changement, contactez le 3646.",
		"Assurance Maladie : un e-mail de confirmation a ete envoye a jean.dupont@gmail.com",
	} {
		t.Run(text, func(t *testing.T) {
			rep := c.SMS("AMELI", text)
			assert.False(t, rep.Status.Worse(Unknown), "got %s: %v", rep.Status, rep.Reasons)
		})
	}
}
