package verify

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// Red team red15 (a helper session attacking 4cb8e16..cc338e6: mailto:
// recipients percent- and RFC 2047-decoded, addresses in text, tel:/sms:/
// mailto: bodies read). Each test below fails at cc338e6: each is a
// finding, but for TestRed15PercentEncodedQueryFalseAlarm, which is a
// false alarm on legitimate content, kept apart.

// TestRed15MailtoEncodedWordsAsThunderbird (finding 1). mailtoRecipients
// reads each field in four ways (percent-decoded once, to the end, each
// with decodeHeader), one field at a time, and decodeHeader is Go's
// mime.WordDecoder. Thunderbird (nsMailtoUrl::ParseMailtoUrl,
// mailnews/compose/src/nsSmtpUrl.cpp) reads differently, and writes to
// dossiers@evil.example where vigie sees only ameli.fr addresses:
//
//   - Go's DecodeHeader fails as a whole, and decodeHeader then returns
//     the field undecoded, when one encoded word has a charset it does not
//     know: "x-bogus", or an RFC 2231 language suffix ("utf-8*fr", RFC 2231
//     section 5). Thunderbird's decoder (jsmime decodeRFC2047Words, called
//     through nsIMimeConverter.decodeMimeHeaderToUTF8 by UnescapeAndConvert;
//     the C++ DecodeRFC2047Str of older versions alike) strips "*fr", and
//     leaves a word of an unknown charset as it is while decoding the others;
//   - Go refuses base64 without its '=' padding; Thunderbird decodes it
//     (jsmime's decode_base64 drops the incomplete last group, which the
//     three trailing spaces encoded here fill; NSPR's PL_Base64Decode
//     decodes it whole);
//   - Thunderbird joins the address before '?' and every to= value with
//     ", " (likewise every cc=, every bcc=) BEFORE decoding, so one encoded
//     word may start in one field and end in the next
//     ("=?utf-8?Q?dossiers=40evil.example=2Cx@ameli.fr" + ", " + "?= contact@ameli.fr"
//     decodes to "dossiers@evil.example,x@ameli.fr,  contact@ameli.fr"):
//     vigie reads each field alone, where no encoded word is complete;
//   - the address before '?' of a link with a query is percent-decoded
//     exactly twice by Thunderbird, then RFC 2047-decoded; vigie reads it
//     once and to the end. A "%253D" inside the encoded text survives two
//     decodings as a literal "%3D" (harmless in Q text) and becomes '=' on
//     the third, which breaks the word for Go (a Q error: the word is left
//     raw), so no reading of vigie's holds the decoded word.
//
// In each case the proven ameli.fr message stays Official although the
// compose window writes to evil.example, and a link that writes only to a
// lookalike this way is Unknown instead of Lookalike. Sure of the code
// read (comm-central); only Thunderbird decodes encoded words in a
// mailto: link, but vigie took it as its reference in red14.
func TestRed15MailtoEncodedWordsAsThunderbird(t *testing.T) {
	c := mailChecker(t)
	for _, tc := range []struct{ name, href string }{
		{"a word of an unknown charset stops all decoding",
			"mailto:contact@ameli.fr?cc=%3D%3Futf-8%3FQ%3Fdossiers%3D40evil.example%3D2C%3F%3D%20aide@ameli.fr,%3D%3Fx-bogus%3FQ%3Fa%3F%3Dx@ameli.fr"},
		{"RFC 2231 language in the charset",
			"mailto:contact@ameli.fr?cc=%3D%3Futf-8*fr%3FQ%3Fdossiers%3D40evil.example%3D2C%3F%3D%20aide@ameli.fr"},
		{"base64 without padding",
			"mailto:contact@ameli.fr?cc=%3D%3Futf-8%3FB%3FZG9zc2llcnNAZXZpbC5leGFtcGxlLCAgIA%3F%3D%20aide@ameli.fr"},
		{"a word across two to= fields",
			"mailto:?to=%3D%3Futf-8%3FQ%3Fdossiers%3D40evil.example%3D2Cx@ameli.fr&to=%3F%3D%20contact@ameli.fr"},
		{"a word across two cc= fields",
			"mailto:contact@ameli.fr?cc=%3D%3Futf-8%3FQ%3Fdossiers%3D40evil.example%3D2Cx@ameli.fr&cc=%3F%3D%20aide@ameli.fr"},
		{"a word across the address before '?' and a to= field",
			"mailto:%3D%3Futf-8%3FQ%3Fdossiers%3D40evil.example%3D2Cx@ameli.fr?to=%3F%3D%20contact@ameli.fr"},
		{"the address before '?' decoded exactly twice",
			"mailto:%253D%253Futf-8%253FQ%253Fdossiers%253D40evil.example%253D2C%25253D%253F%253D%2520contact@ameli.fr?subject=Dossier"},
	} {
		t.Run("proven "+tc.name, func(t *testing.T) {
			rep := provenReport(t, c, `<p>Envoyez vos justificatifs : <a href="`+tc.href+`">Ecrire</a></p>`)
			assert.NotEqual(t, Official, rep.Status, "Thunderbird also writes to dossiers@evil.example: %v", rep.Reasons)
		})
	}
	for _, tc := range []struct{ name, link string }{
		{"unknown charset",
			"mailto:contact@ameli.fr?cc=%3D%3Futf-8%3FQ%3Fremboursement%3D40ameli-aide.com%3F%3D,%3D%3Fx-bogus%3FQ%3Fa%3F%3Dx@ameli.fr"},
		{"RFC 2231 language",
			"mailto:contact@ameli.fr?cc=%3D%3Futf-8*fr%3FQ%3Fremboursement%3D40ameli-aide.com%3F%3D"},
		// The same with its "==" padding is Lookalike.
		{"base64 without padding",
			"mailto:contact@ameli.fr?cc=%3D%3Futf-8%3FB%3FcmVtYm91cnNlbWVudEBhbWVsaS1haWRlLmNvbSAgIA%3F%3D"},
		{"a word across two to= fields",
			"mailto:?to=%3D%3Futf-8%3FQ%3Fremboursement%3D40ameli-aide.com%3D2Cx@ameli.fr&to=%3F%3D%20contact@ameli.fr"},
	} {
		t.Run("url "+tc.name, func(t *testing.T) {
			v := c.URL(tc.link)
			assert.Equal(t, Lookalike, v.Status, "Thunderbird writes to remboursement@ameli-aide.com: %v", v.Reasons)
		})
	}
}

// TestRed15MailtoRecipientPartShowsAHost (finding 3, hidden lookalike).
// Since cc338e6 the body of a tel: or sms: link is read for what it shows
// ("tel:ameli-aide.com" is Lookalike), and so are the query and fragment
// of a mailto: link; the part before '?' is left to mailtoRecipients,
// which judges only addresses (what follows an '@'). A host or URL
// written there is read by nobody: the reader sees ameli-aide.com, and a
// phone's link finder links it (Android's Linkify: a web URL after ':' or
// ',', "mailto:" being no web scheme to it; "contact@ameli.fr" is linked
// apart as an email). vigie answers Unknown.
func TestRed15MailtoRecipientPartShowsAHost(t *testing.T) {
	c := mailChecker(t)
	for _, text := range []string{
		"Ecrivez a mailto:ameli-aide.com",
		"Ecrivez a mailto:https://ameli-aide.com/connexion",
		"Ecrivez a mailto:contact@ameli.fr,https://ameli-aide.com/connexion",
		"Ecrivez a mailto:contact@ameli.fr,ameli-aide.com/connexion",
	} {
		t.Run(text, func(t *testing.T) {
			// "Voir tel:ameli-aide.com" is Lookalike (red14).
			rep := c.SMS("", text)
			assert.Equal(t, Lookalike, rep.Status, "links %v", reportURLs(rep))
		})
	}
}

// TestRed15AddressInAnchorText (finding 4, a judgement call). An address
// written in the text is now a mailto: link the reader writes to, but the
// text of an anchor is read only for textMismatch, which looks at its
// first link alone and only when that one is Official. A proven ameli.fr
// message whose anchor to www.ameli.fr reads "Envoyez votre RIB a
// remboursement@ameli-aide.com" stays Official: the reader is asked, in
// plain words, to write to a lookalike; the same sentence outside the
// anchor makes the message Lookalike. The link itself goes to ameli.fr, so
// a reader who clicks is safe; one who copies the address is not. A
// hijacked newsletter account (the threat officialLinksOnly names) can
// write this.
func TestRed15AddressInAnchorText(t *testing.T) {
	c := mailChecker(t)
	for _, body := range []string{
		`<p><a href="https://www.ameli.fr/">Envoyez votre RIB a remboursement@ameli-aide.com</a></p>`,
		`<p><a href="mailto:contact@ameli.fr">Ecrivez a contact@ameli.fr ou a remboursement@ameli-aide.com</a></p>`,
	} {
		t.Run(body, func(t *testing.T) {
			rep := provenReport(t, c, body)
			assert.NotEqual(t, Official, rep.Status, "links %v", reportURLs(rep))
		})
	}
}

// TestRed15PercentEncodedQueryFalseAlarm (a FALSE POSITIVE, not a security
// bug). The query of a mailto: link written in a text is now read for
// what it shows, but read percent-encoded: "%20ameli.fr" starts a word at
// "20ameli.fr" (wordStart after '%'), a registrable domain that is a
// lookalike of ameli.fr. An official mail whose plain text (often written
// by an HTML-to-text converter) carries
// "mailto:contact@ameli.fr?subject=Question%20ameli.fr" is called
// Lookalike. What the reader is shown, in the compose window, is the
// subject decoded: "Question ameli.fr".
func TestRed15PercentEncodedQueryFalseAlarm(t *testing.T) {
	c := mailChecker(t)
	for _, text := range []string{
		"Ecrivez-nous : mailto:contact@ameli.fr?subject=Question%20ameli.fr",
		"Ecrivez-nous : mailto:contact@ameli.fr?subject=Compte%C2%A0ameli.fr",
	} {
		t.Run(text, func(t *testing.T) {
			rep := provenReport(t, c, "<p>"+text+"</p>")
			assert.Equal(t, Official, rep.Status, "links %v", reportURLs(rep))
		})
	}
}
