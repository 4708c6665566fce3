package verify

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Red team red17 (a helper session attacking 5061a61: anchor texts'
// links and addresses judged, the SMS path with addresses and tel:
// bodies). Each test below fails at 5061a61.

// unprovenReport checks body in the same HTML message as provenReport,
// without its Authentication-Results: the sender is only claimed, and
// the message is Unknown unless something in it is worse.
func unprovenReport(t *testing.T, c *Checker, body string) Report {
	t.Helper()
	msg := provenHTML(body)
	msg = msg[strings.Index(msg, "From:"):]
	rep, err := c.Message(strings.NewReader(msg))
	require.NoError(t, err)
	return rep
}

// red17Deep nests the document past the 512 open elements x/net/html
// accepts, so that htmlLinks falls back to tokenLinks.
var red17Deep = strings.Repeat("<div>", 600)

// TestRed17DeepTreeDropsWhatTheWalkReads (finding 1). A document nested
// deeper than 512 elements is refused by x/net/html's tree builder and
// read by tokenLinks instead, whose comment says it reads "the same
// elements and attributes as the tree walk". It does not read three things
// the walk does: Outlook's conditional comments (it ignores every comment
// token), <iframe srcdoc> documents (the attribute is never parsed), and
// anchors' texts (addAnchorText is never called: the red15/red16 channel
// is gone). 600 "<div>"s cost the attacker 3 KB and no visible change, and
// browsers and Outlook's Word engine render such nesting. Outlook renders
// what "<!--[if mso]>...<![endif]-->" holds, VML buttons and all, and a
// click on one opens ameli-aide.com; the same markup without the padding
// is Lookalike. The proven ameli.fr mail stays Official with a lookalike
// link or address in it; the unproven one stays Unknown instead of
// Lookalike. Sure (each case is Lookalike at 5061a61 without the 600
// divs); fuzz_test's "differ by design" for comments and srcdoc excuses a
// comparison, not the loss.
func TestRed17DeepTreeDropsWhatTheWalkReads(t *testing.T) {
	c := mailChecker(t)
	for _, tc := range []struct{ name, body string }{
		{"VML button in a conditional comment",
			`<!--[if mso]><v:roundrect href="https://ameli-aide.com/connexion"><center>Connexion</center></v:roundrect><![endif]--><a href="https://www.ameli.fr/">ameli.fr</a>`},
		{"anchor in a conditional comment",
			`<!--[if mso]><a href="https://ameli-aide.com/connexion">Connexion</a><![endif]-->`},
		{"address in a conditional comment",
			`<!--[if mso]><p>Envoyez votre RIB a remboursement@ameli-aide.com</p><![endif]-->`},
		{"anchor in an iframe srcdoc",
			`<iframe srcdoc="<a href='https://ameli-aide.com/connexion'>Connexion</a>"></iframe>`},
		{"address in an iframe srcdoc",
			`<iframe srcdoc="Envoyez votre RIB a remboursement@ameli-aide.com"></iframe>`},
		// red16's TestRed16HostInAnchorText, nested deeper.
		{"lookalike shown in an anchor's text",
			`<a href="https://www.ameli.fr/">Connexion : https://ameli-aide.com/connexion</a>`},
		{"lookalike address shown in an anchor's text",
			`<a href="https://www.ameli.fr/">Envoyez votre RIB a remboursement@ameli-aide.com</a>`},
	} {
		t.Run("proven "+tc.name, func(t *testing.T) {
			rep := provenReport(t, c, red17Deep+tc.body)
			assert.NotEqual(t, Official, rep.Status, "links %v", reportURLs(rep))
		})
		t.Run("unproven "+tc.name, func(t *testing.T) {
			rep := unprovenReport(t, c, red17Deep+tc.body)
			assert.Equal(t, Lookalike, rep.Status, "links %v", reportURLs(rep))
		})
	}
}

// TestRed17AnchorTextGluedAcrossLines (finding 2). anchorText joins the
// text nodes of an anchor with nothing between them, across <br>, table
// cells and blocks, and addAnchorText reads only that joined text. The
// reader sees "remboursement@ameli-aide.com" at the end of a line and
// "Merci" on the next; vigie reads "remboursement@ameli-aide.comMerci",
// no address at all, or "https://ameli-aide.com.ameli.fr", an official
// host. Outside an anchor the same markup is read right: the walk writes a
// space for br/p/div/td/tr/li into the loose text, and addNodeLinks reads
// each text node alone (its comment gives this very example:
// "https://ameli-aide.com" ending one block must not be read only as
// "https://ameli-aide.com.ameli.fr"). A whole block wrapped in one link is
// common in mail (a clickable banner or card). What the reader writes to
// or types is the lookalike; a plain-text view (Thunderbird's
// HTML-as-plain-text, or a client's link finder on the shown text) breaks
// the line there and links the lookalike. The proven mail stays Official,
// the unproven one Unknown; each text outside the anchor is Lookalike.
// Sure of the reading; the CSS case relies on addNodeLinks' per-node
// rule, which the anchor text lacks.
func TestRed17AnchorTextGluedAcrossLines(t *testing.T) {
	c := mailChecker(t)
	for _, tc := range []struct{ name, body string }{
		{"address, then a line break",
			`<p><a href="https://www.ameli.fr/">Envoyez votre RIB a remboursement@ameli-aide.com<br>Merci</a></p>`},
		{"address, then a line break, lowercase",
			`<p><a href="https://www.ameli.fr/">Envoyez votre RIB a remboursement@ameli-aide.com<br>merci de votre confiance</a></p>`},
		{"lookalike host, then an official suffix on the next line",
			`<p><a href="https://www.ameli.fr/">Connexion : https://ameli-aide.com<br>.ameli.fr vous remercie</a></p>`},
		{"address in one table row, thanks in the next",
			`<table><tr><td><a href="https://www.ameli.fr/"><table><tr><td>Envoyez votre RIB a remboursement@ameli-aide.com</td></tr><tr><td>Merci</td></tr></table></a></td></tr></table>`},
		{"address, then a block span",
			`<p><a href="https://www.ameli.fr/">Envoyez votre RIB a remboursement@ameli-aide.com<span style="display:block">Merci</span></a></p>`},
	} {
		t.Run("proven "+tc.name, func(t *testing.T) {
			rep := provenReport(t, c, tc.body)
			assert.NotEqual(t, Official, rep.Status, "links %v", reportURLs(rep))
		})
		t.Run("unproven "+tc.name, func(t *testing.T) {
			rep := unprovenReport(t, c, tc.body)
			assert.Equal(t, Lookalike, rep.Status, "links %v", reportURLs(rep))
		})
	}
}

// TestRed17AnchorTextPast4KB (finding 3). anchorText stops taking child
// nodes once it holds 4096 bytes, and the walk skips every text node
// inside an anchor (inAnchor): what an anchor shows past its first 4 KB,
// in a later node, is read by nobody, not as anchor text, not as loose
// text. A mail whose whole body is one link (a common phishing layout: a
// click anywhere opens the page) puts the address after 4 KB of letter.
// The reader sees the address; vigie keeps the proven mail Official and
// the unproven one Unknown. Sure.
func TestRed17AnchorTextPast4KB(t *testing.T) {
	c := mailChecker(t)
	letter := strings.Repeat("Madame, Monsieur, votre dossier de remboursement est en cours de traitement. ", 60)
	for _, tc := range []struct{ name, body string }{
		{"a paragraph, then the address",
			`<a href="https://www.ameli.fr/"><span>` + letter + `</span><br>Envoyez votre RIB a remboursement@ameli-aide.com</a>`},
		{"a paragraph, then a lookalike link",
			`<a href="https://www.ameli.fr/"><span>` + letter + `</span><br>Connexion : https://ameli-aide.com/connexion</a>`},
		{"many short lines, then the address",
			`<a href="https://www.ameli.fr/">` + strings.Repeat("Votre dossier est en cours.<br>", 160) + `Envoyez votre RIB a remboursement@ameli-aide.com</a>`},
	} {
		t.Run("proven "+tc.name, func(t *testing.T) {
			rep := provenReport(t, c, tc.body)
			assert.NotEqual(t, Official, rep.Status, "links %v", reportURLs(rep))
		})
		t.Run("unproven "+tc.name, func(t *testing.T) {
			rep := unprovenReport(t, c, tc.body)
			assert.Equal(t, Lookalike, rep.Status, "links %v", reportURLs(rep))
		})
	}
}

// TestRed17TextOfDocumentsInsideAnchors (finding 4). The walk reads the
// document an Outlook conditional comment holds, and an <iframe srcdoc>
// document, as HTML (visit on the parsed inner document), but when the
// comment or iframe stands inside an anchor it does so with inAnchor set,
// which drops every text node of the inner document; and anchorText skips
// comments and never parses srcdoc. So the text Outlook shows inside
// "<a ...><!--[if mso]>...<![endif]--></a>" (an Outlook-only variant of a
// button, the usual way mail templates write them) is read by nobody: not
// as the anchor's text, not as loose text, not as an inner anchor's text.
// Outside the anchor each is Lookalike. Sure of the code path; Outlook
// renders the comment's content inside the link.
func TestRed17TextOfDocumentsInsideAnchors(t *testing.T) {
	c := mailChecker(t)
	for _, tc := range []struct{ name, body string }{
		{"address in a conditional comment",
			`<p><a href="https://www.ameli.fr/"><!--[if mso]>Envoyez votre RIB a remboursement@ameli-aide.com<![endif]--></a></p>`},
		{"lookalike shown by an inner anchor of a conditional comment",
			`<p><a href="https://www.ameli.fr/"><!--[if mso]><a href="https://www.ameli.fr/connexion">Connexion : https://ameli-aide.com/connexion</a><![endif]--></a></p>`},
		{"address in an iframe srcdoc",
			`<p><a href="https://www.ameli.fr/"><iframe srcdoc="<p>Envoyez votre RIB a remboursement@ameli-aide.com</p>"></iframe></a></p>`},
	} {
		t.Run("proven "+tc.name, func(t *testing.T) {
			rep := provenReport(t, c, tc.body)
			assert.NotEqual(t, Official, rep.Status, "links %v", reportURLs(rep))
		})
		t.Run("unproven "+tc.name, func(t *testing.T) {
			rep := unprovenReport(t, c, tc.body)
			assert.Equal(t, Lookalike, rep.Status, "links %v", reportURLs(rep))
		})
	}
}

// TestRed17SMSBrandMentionAddress (finding 5, a judgement call). Since
// red12 an address in a text is a link ("a reader writes to it as readily
// as they follow a link"), but smsBrandMention still leaves out every
// unsupported-scheme link ("no site to visit"), addresses included. An SMS
// that names the Assurance Maladie (in its text, its sender ID, or with
// the official link ameli.fr, which claims it as surely, see readSMS) and
// asks for a RIB at an address on an unknown domain is Unknown; the same
// text with that domain as a link is Suspicious (brand-mention). The
// attacker who wants bank details, not a click, writes the address. The
// SMS doc comment still says "email addresses are not links". Sure of the
// behaviour; whether an unknown address should be brand-mention is the
// maintainers' call (the CHANGELOG leaves unknown recipients unknown as
// links, not as a claimed organisation's contact).
func TestRed17SMSBrandMentionAddress(t *testing.T) {
	c := mailChecker(t)
	for _, tc := range []struct{ sender, text string }{
		{"AMELI", "Assurance Maladie: envoyez votre RIB a dossiers@gestion-dossiers.fr avant vendredi"},
		{"38100", "Assurance Maladie: envoyez votre RIB a dossiers@gestion-dossiers.fr avant vendredi"},
		{"38100", "ameli.fr : envoyez votre RIB a dossiers@gestion-dossiers.fr"},
		{"AMELI", "Votre remboursement est bloque. Ecrivez a mailto:dossiers@gestion-dossiers.fr"},
	} {
		t.Run(tc.sender+" "+tc.text, func(t *testing.T) {
			// "...votre RIB sur gestion-dossiers.fr" is Suspicious.
			rep := c.SMS(tc.sender, tc.text)
			assert.True(t, rep.Status.Worse(Invalid), "want at least suspicious, got %s: %v", rep.Status, rep.Codes())
		})
	}
}
