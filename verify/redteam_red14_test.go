package verify

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Red team red14 (a helper session attacking 4cb8e16: addresses written in
// text are mailto: links, a mailto: link takes the verdict of its worst
// recipient, officialRecipients on mailtoRecipients). Each test below fails
// at 4cb8e16: each is a finding.

// provenReport checks body in a DMARC-proven ameli.fr HTML message.
func provenReport(t *testing.T, c *Checker, body string) Report {
	t.Helper()
	rep, err := c.Message(strings.NewReader(provenHTML(body)))
	require.NoError(t, err)
	return rep
}

// TestRed14MailtoFragmentIsRead (finding 1, a regression of 4cb8e16).
// mailtoRecipients now cuts a mailto: link at '#' before reading its
// recipients; the officialRecipients it replaced did not. Thunderbird does
// not cut there: nsMailtoUrl::ParseUrl (comm-central,
// mailnews/compose/src/nsSmtpUrl.cpp) takes m_baseURL->GetPathQueryRef(),
// which for the nsSimpleURI of a mailto: URL is path + "?" query + "#" ref,
// and splits only at the first '?' and then at '&'. So
// "mailto:contact@ameli.fr#,dossiers@evil.example" composes to
// "contact@ameli.fr#, dossiers@evil.example" (two recipients, one at
// evil.example), and "?subject=Dossier#&bcc=dossiers@evil.example" gives a
// token "bcc=dossiers@evil.example": a hidden Bcc to evil.example. RFC 6068
// defines no fragment for mailto:, so nothing obliges a client to drop it.
// vigie keeps a proven message with such a link Official, and a link whose
// fragment holds a lookalike address Unknown.
func TestRed14MailtoFragmentIsRead(t *testing.T) {
	c := mailChecker(t)
	for _, href := range []string{
		"mailto:contact@ameli.fr#,dossiers@evil.example",
		"mailto:contact@ameli.fr?subject=Dossier#&bcc=dossiers@evil.example",
		"mailto:contact@ameli.fr?cc=aide@ameli.fr#,dossiers@evil.example",
	} {
		t.Run("proven "+href, func(t *testing.T) {
			rep := provenReport(t, c, `<p>Une question ? <a href="`+href+`">Ecrivez-nous</a></p>`)
			assert.NotEqual(t, Official, rep.Status, "Thunderbird also writes to dossiers@evil.example: %v", rep.Reasons)
		})
	}
	for _, link := range []string{
		"mailto:contact@ameli.fr#,remboursement@ameli-aide.com",
		"mailto:contact@ameli.fr?subject=RIB#&cc=remboursement@ameli-aide.com",
	} {
		t.Run("url "+link, func(t *testing.T) {
			v := c.URL(link)
			assert.Equal(t, Lookalike, v.Status, "Thunderbird writes to remboursement@ameli-aide.com: %v", v.Reasons)
		})
	}
}

// TestRed14MailtoDecodedAsThunderbirdDoes (finding 2). Thunderbird decodes
// a mailto: link more than once (nsSmtpUrl.cpp): when the link has a
// query, the address before '?' is percent-decoded in ParseUrl
// (MsgUnescapeString into m_toPart), then again in ParseMailtoUrl
// (escapedToPart = m_toPart; UnescapeAndConvert), and UnescapeAndConvert
// also decodes RFC 2047 encoded words (DecodeMimeHeaderToUTF8) in to, cc
// and bcc. Only then is the address list parsed at its commas. vigie
// decodes once and never decodes encoded words, so it sees one recipient
// on ameli.fr where Thunderbird sees two:
//   - "dossiers%2540evil.example%252Ccontact@ameli.fr?subject=Dossier"
//     is "dossiers%40evil.example%2Ccontact@ameli.fr" to vigie (one '@',
//     on ameli.fr), "dossiers@evil.example,contact@ameli.fr" to Thunderbird;
//   - "=?utf-8?Q?dossiers=40evil.example=2C?= contact@ameli.fr" is one
//     address on ameli.fr to vigie, "dossiers@evil.example, contact@ameli.fr"
//     to Thunderbird (=40 is '@', =2C is ',').
//
// A proven message carrying such a link stays Official, and a link that
// writes only to a lookalike this way is Unknown. Sure of the code read,
// less of every client: Gmail and Outlook were not checked.
func TestRed14MailtoDecodedAsThunderbirdDoes(t *testing.T) {
	c := mailChecker(t)
	for _, href := range []string{
		"mailto:dossiers%2540evil.example%252Ccontact@ameli.fr?subject=Dossier",
		"mailto:contact@ameli.fr?cc=%3D%3Futf-8%3FQ%3Fdossiers%3D40evil.example%3D2C%3F%3D%20aide@ameli.fr",
		// B: "=?utf-8?B?ZXZpbEBldmlsLmV4YW1wbGUs?=" is "evil@evil.example,".
		"mailto:contact@ameli.fr?to=%3D%3Futf-8%3FB%3FZXZpbEBldmlsLmV4YW1wbGUs%3F%3D%20aide@ameli.fr",
	} {
		t.Run("proven "+href, func(t *testing.T) {
			rep := provenReport(t, c, `<p>Envoyez vos justificatifs : <a href="`+href+`">Ecrire</a></p>`)
			assert.NotEqual(t, Official, rep.Status, "Thunderbird also writes to evil.example: %v", rep.Reasons)
		})
	}
	for _, link := range []string{
		"mailto:remboursement%2540ameli-aide.com?subject=RIB",
		"mailto:?to=%3D%3Futf-8%3FQ%3Fremboursement%3D40ameli-aide.com%3F%3D",
	} {
		t.Run("url "+link, func(t *testing.T) {
			v := c.URL(link)
			assert.Equal(t, Lookalike, v.Status, "Thunderbird writes to remboursement@ameli-aide.com: %v", v.Reasons)
		})
	}
}

// TestRed14AddressWithDisguisedDot (finding 3). The scanner undoes a
// disguised dot in a host as a reader does ("ameli-aide[.]com",
// "ameli-aide．com", "ameli-aide . com" are each Lookalike in an SMS), but
// bareLink reads the domain of an address with hostRun(j+1, true), where
// only a plain '.' joins labels: the domain stops at the disguise, has one
// label, no address is emitted, and the domain itself is never read as a
// host either (wordStart refuses a word after "x@"). The reader retypes
// remboursement@ameli-aide.com just as they retype the host; a full-width
// or ideographic dot is shown as a dot, and a mail client's IDNA mapping
// (UTS #46) turns it into one. The SMS is Unknown with no link at all,
// and a proven ameli.fr mail asking to write there stays Official.
func TestRed14AddressWithDisguisedDot(t *testing.T) {
	c := mailChecker(t)
	for _, addr := range []string{
		"remboursement@ameli-aide[.]com",
		"remboursement@ameli-aide(.)com",
		"remboursement@ameli-aide[dot]com",
		"remboursement@ameli-aide．com", // U+FF0E full-width full stop
		"remboursement@ameli-aide。com", // U+3002 ideographic full stop
		"remboursement@ameli-aide . com",
	} {
		t.Run("sms "+addr, func(t *testing.T) {
			// Without "remboursement@" the same text is Lookalike.
			rep := c.SMS("", "Envoyez votre RIB a "+addr)
			assert.Equal(t, Lookalike, rep.Status, "links %v", reportURLs(rep))
		})
		t.Run("proven "+addr, func(t *testing.T) {
			rep := provenReport(t, c, "<p>Envoyez votre RIB a "+addr+"</p>")
			assert.Equal(t, Lookalike, rep.Status, "links %v", reportURLs(rep))
		})
	}
}

// TestRed14AddressHidesTheHostAfterIt (finding 4). After an address, the
// scanner goes on past the address's domain run, and wordStart refuses any
// word after a dot or an '@' glued to it: what follows an address cut
// short is never read. A link finder reads it: mvdan.cc/xurls (the
// scanner's own reference in FuzzScan) finds "x@ameli.fr" and
// "ameli-aide.com" in each text below; Android's Linkify links an email
// and a web URL after '.', or a full-width dot, which its IRI label
// characters include, so it links the whole "x@ameli.fr．ameli-aide.com"
// (a mail client maps U+FF0E to '.': ameli.fr.ameli-aide.com). vigie
// reads only x@ameli.fr: the SMS is Unknown, the proven mail Official.
// "x@ameli.fr@ameli-aide.com" is Lookalike as "mailto:x@ameli.fr@ameli-aide.com"
// (judgeRecipients judges what follows each '@'), but not when written
// in the text, where it is read as mailto:x@ameli.fr.
func TestRed14AddressHidesTheHostAfterIt(t *testing.T) {
	c := mailChecker(t)
	for _, addr := range []string{
		"contact@ameli.fr．ameli-aide.com",
		"contact@ameli.fr..ameli-aide.com",
		"contact@ameli.fr@ameli-aide.com",
	} {
		t.Run("sms "+addr, func(t *testing.T) {
			rep := c.SMS("", "Envoyez votre RIB a "+addr)
			assert.Equal(t, Lookalike, rep.Status, "links %v", reportURLs(rep))
		})
		t.Run("proven "+addr, func(t *testing.T) {
			rep := provenReport(t, c, "<p>Envoyez votre RIB a "+addr+"</p>")
			assert.NotEqual(t, Official, rep.Status, "links %v", reportURLs(rep))
		})
	}
}

// TestRed14HostCutShortHidesTheNext (finding 5, before 4cb8e16, in the
// text pipeline). A host run ends at an empty label ("ameli.fr..x") or at
// a label that ends in '-' or '_' ("ameli.fr-.x"); the scanner emits
// ameli.fr and goes on after it, but the next word is glued to a '.' and
// is no word start, so the lookalike after it, path included, is never
// read. xurls (Relaxed) finds "ameli.fr" and "ameli-aide.com/connexion"
// in the first two (and "ameli-aide.com/login" in the third); Android's
// Linkify links the web URL after the dots too (its filter drops only a
// URL right after '@'). The SMS is Official: the worst answer to give.
func TestRed14HostCutShortHidesTheNext(t *testing.T) {
	c := mailChecker(t)
	for _, text := range []string{
		"Validez sur ameli.fr..ameli-aide.com/connexion",
		"Validez sur ameli.fr-.ameli-aide.com/connexion",
		"Validez sur ameli.fr_.ameli-aide.com/login",
		"Validez sur ameli.fr...ameli-aide.com/connexion",
		"Validez sur ameli.fr．.ameli-aide.com/connexion",
	} {
		t.Run(text, func(t *testing.T) {
			rep := c.SMS("", text)
			assert.Equal(t, Lookalike, rep.Status, "links %v", reportURLs(rep))
		})
	}
}

// TestRed14OpaqueSchemeSwallowsAnAddress (finding 6). A link with an opaque
// scheme (mailto:, tel:, sms:) runs to the next space, and only its
// recipients (for mailto:) are judged: a lookalike address written in its
// subject, after '#', or after "tel:" is read by nobody in vigie. The
// reader sees "remboursement@ameli-aide.com" written in the text, and
// Android's Linkify links it on its own (its email pattern runs over the
// whole text; "mailto:" and "tel:" are no web schemes to it), as it links
// "ameli-aide.com" after "tel:". The SMS is Unknown, the proven mail
// Official.
func TestRed14OpaqueSchemeSwallowsAnAddress(t *testing.T) {
	c := mailChecker(t)
	for _, text := range []string{
		"Ecrivez a mailto:contact@ameli.fr?subject=remboursement@ameli-aide.com",
		"Ecrivez a mailto:contact@ameli.fr#remboursement@ameli-aide.com",
		"Ecrivez a tel:remboursement@ameli-aide.com",
		"Ecrivez a sms:3646?body=remboursement@ameli-aide.com",
		"Voir tel:ameli-aide.com",
	} {
		t.Run("sms "+text, func(t *testing.T) {
			rep := c.SMS("", text)
			assert.Equal(t, Lookalike, rep.Status, "links %v", reportURLs(rep))
		})
		t.Run("proven "+text, func(t *testing.T) {
			rep := provenReport(t, c, "<p>"+text+"</p>")
			assert.NotEqual(t, Official, rep.Status, "links %v", reportURLs(rep))
		})
	}
}

// TestRed14ShownAddressMismatch (finding 7). A link that shows an official
// URL but leads elsewhere is Suspicious (link-text-mismatch); one that
// shows an official address ("dossiers@ameli.fr") but writes to, or opens,
// evil.example is Unknown. Every mail client follows the href, whatever
// the text shows: the reader believes they write to ameli.fr. textMismatch
// now reads the shown address as "mailto:dossiers@ameli.fr" (textLinkURL),
// whose verdict is never Official, so it returns before comparing: the
// change to textMismatch in 4cb8e16 makes the check unreachable for
// addresses. CodeLinkTextMismatch is documented as "a link shows an
// official address but leads to another organisation's or nobody's".
func TestRed14ShownAddressMismatch(t *testing.T) {
	c := mailChecker(t)
	for _, a := range []string{
		`<a href="mailto:dossiers@evil.example">dossiers@ameli.fr</a>`,
		`<a href="https://evil.example/upload">dossiers@ameli.fr</a>`,
	} {
		t.Run(a, func(t *testing.T) {
			msg := "From: Service <info@newsletter-example.org>\r\nTo: a@example.org\r\nSubject: Dossier\r\n" +
				"Content-Type: text/html; charset=utf-8\r\n\r\n<html><body><p>Envoyez vos justificatifs a " + a + "</p></body></html>\r\n"
			rep, err := c.Message(strings.NewReader(msg))
			require.NoError(t, err)
			assert.Equal(t, Suspicious, rep.Status, "%v", rep.Reasons)
			assert.True(t, rep.Has(CodeLinkTextMismatch), "%v", rep.Codes())
		})
	}
}
