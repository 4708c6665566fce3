package verify

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// Red team red16 (a helper session attacking cc338e6..d1fee03: mailto:
// fields read in many readings, anchor-text addresses, percent-escapes and
// addresses inside tel:/sms:/mailto: bodies). Each test below fails at
// d1fee03.

// TestRed16UserinfoURLInOpaqueBody (finding 1, a regression of a17a168).
// address() now refuses the URL-with-userinfo reading when the '@' lies
// inside a tel:, sms: or mailto: body (at >= s.opaqueEnd), so that
// "mailto:contact@ameli.fr?subject=" is an address and not userinfo. The
// text is then read only as an address, and an address is emitted only
// when readerCut accepts its domain: an IP address (dotted or decimal), or
// any host whose last label is no TLD, is emitted by nobody. So
// "ameli.fr@185.12.3.4/connexion" is Lookalike on its own (brand-in-userinfo,
// ip-address) but, written after "tel:3646," or in an sms:/mailto: body,
// vanishes: the proven ameli.fr mail is Official (it was Suspicious at
// cc338e6, which read the URL) and the SMS Unknown.
//
// What a phone shows and links is the text: Android's Linkify matches
// "ameli.fr@185.12.3.4" as an email and "185.12.3.4/connexion" as a web
// URL (its IP_ADDRESS pattern with a path), and pruneOverlaps keeps the
// longer, the web link, which opens http://185.12.3.4/connexion. The same
// holds for the port form. vigie's own rule outside a body (red14, "tel:
// bodies are read for what they show") judges this text as a link to
// 185.12.3.4. Sure of the regression (checked at cc338e6); the Linkify
// reading is from Patterns.WEB_URL and Linkify.pruneOverlaps.
func TestRed16UserinfoURLInOpaqueBody(t *testing.T) {
	c := mailChecker(t)
	for _, text := range []string{
		"Appelez le tel:3646,ameli.fr@185.12.3.4/connexion",
		"Ecrivez a tel:x@185.12.3.4:8080/login",
		"Ecrivez a sms:+33600000000?body=ameli.fr@185.12.3.4/connexion",
		"Ecrivez a mailto:contact@ameli.fr?body=ameli.fr@185.12.3.4/connexion",
		// 2130706433 is 127.0.0.1 to a browser: any decimal IPv4.
		"Appelez le tel:3646,ameli.fr@2130706433/connexion",
	} {
		t.Run("proven "+text, func(t *testing.T) {
			// "Connectez-vous sur ameli.fr@185.12.3.4/connexion" is
			// Lookalike.
			rep := provenReport(t, c, "<p>"+text+"</p>")
			assert.NotEqual(t, Official, rep.Status, "links %v", reportURLs(rep))
		})
		t.Run("sms "+text, func(t *testing.T) {
			// Suspicious at cc338e6 (userinfo, ip-address).
			rep := c.SMS("", text)
			assert.True(t, rep.Status.Worse(Invalid), "want suspicious or lookalike, got %s: links %v", rep.Status, reportURLs(rep))
		})
	}
}

// TestRed16MailtoQueryDecodedBeforeSplit (finding 2, a reading vigie does
// not make). mailtoRecipients splits the raw query at '&' and reads only
// the values of to, cc and bcc, decoded afterwards. Android's platform
// parser android.net.MailTo.parse (frameworks/base, core/java/android/net/
// MailTo.java, unchanged since Android 1.0) does it the other way round:
// it takes Uri.getQuery(), which is already percent-decoded, splits that
// at '&' and '=', and Uri.decode()s each name and value again. So
// "subject=Dossier%26cc%3Ddossiers%2540evil.example" is, to it, a subject
// "Dossier" and a cc "dossiers@evil.example" (getCc()); "%26to=" adds to
// getTo(). This is the parser of the common WebView snippet that turns a
// clicked mailto: link into an ACTION_SEND intent with EXTRA_EMAIL and
// EXTRA_CC (documented, with the bug, by cketti, "android.net.MailTo is
// broken", 2020). vigie sees one recipient, contact@ameli.fr, and keeps
// the proven message Official. Sure of the parser's behaviour; how many
// apps still use it is uncertain (cketti thinks few; androidx's MailTo is
// fixed).
func TestRed16MailtoQueryDecodedBeforeSplit(t *testing.T) {
	c := mailChecker(t)
	for _, href := range []string{
		"mailto:contact@ameli.fr?subject=Dossier%26cc%3Ddossiers%2540evil.example",
		"mailto:contact@ameli.fr?subject=Dossier%26cc=dossiers@evil.example",
		"mailto:contact@ameli.fr?subject=Dossier%26to%3Ddossiers%2540evil.example",
	} {
		t.Run("proven "+href, func(t *testing.T) {
			rep := provenReport(t, c, `<p>Envoyez vos justificatifs : <a href="`+href+`">Ecrire</a></p>`)
			assert.NotEqual(t, Official, rep.Status, "android.net.MailTo also writes to dossiers@evil.example: %v", rep.Reasons)
		})
	}
	// The same with a plain "&cc=" is Lookalike.
	v := c.URL("mailto:contact@ameli.fr?subject=Dossier%26cc=remboursement@ameli-aide.com")
	assert.Equal(t, Lookalike, v.Status, "android.net.MailTo writes to remboursement@ameli-aide.com: %v", v.Reasons)
}

// TestRed16HostInAnchorText (finding 3, a judgement call, the sibling of
// red15's TestRed15AddressInAnchorText). a17a168 judges the addresses an
// anchor's text shows (addAnchorAddresses), but only addresses: a web link
// or host shown in the text of an anchor whose href is official is read
// only by textMismatch, which looks at the first link of the text and only
// when it is Official. A proven ameli.fr message whose anchor to
// www.ameli.fr reads "Connexion : https://ameli-aide.com/connexion" stays
// Official; the same text outside the anchor is Lookalike. A click is safe,
// but the reader is shown, and may type or copy, the lookalike; and a
// client showing the mail as plain text (Thunderbird's "View > Message Body
// As > Plain Text" converts the HTML to text, MimeInlineTextHTMLAsPlaintext,
// and linkifies the text as any text/plain part) makes the shown URL the
// link, the href gone. A hijacked newsletter account can write this.
// Fairly sure of the reading; whether vigie wants it is the maintainers'
// call, as it was for addresses.
func TestRed16HostInAnchorText(t *testing.T) {
	c := mailChecker(t)
	for _, body := range []string{
		`<p><a href="https://www.ameli.fr/">Connexion : https://ameli-aide.com/connexion</a></p>`,
		`<p><a href="https://www.ameli.fr/">Rendez-vous sur ameli-aide.com</a></p>`,
	} {
		t.Run(body, func(t *testing.T) {
			rep := provenReport(t, c, body)
			assert.NotEqual(t, Official, rep.Status, "links %v", reportURLs(rep))
		})
	}
}
