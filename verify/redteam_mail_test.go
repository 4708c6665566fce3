package verify

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Red-team findings on Checker.Message: messages from a proven official
// sender (DMARC pass from the trusted mx.vigie.example) that vigie called
// official while a reader is sent somewhere nobody verified, or whose
// sender was not really proven.

// provenHead is the header of a message from a proven ameli.fr sender,
// without its MIME fields.
const provenHead = "Authentication-Results: mx.vigie.example; dmarc=pass header.from=info.ameli.fr\r\n" +
	"From: Assurance Maladie <assurance-maladie@info.ameli.fr>\r\nTo: a@example.org\r\nSubject: Lettre\r\n"

// reportURLs lists the URLs of a report's links.
func reportURLs(rep Report) []string {
	var urls []string
	for _, l := range rep.Links {
		urls = append(urls, l.URL)
	}
	return urls
}

// assertOfficialMail checks a message that must stay official.
func assertOfficialMail(t *testing.T, c *Checker, msg string) {
	t.Helper()
	rep, err := c.Message(strings.NewReader(msg))
	require.NoError(t, err)
	assert.Equal(t, Official, rep.Status, "%v", rep.Reasons)
}

// assertNotOfficialMail checks one red-team message: never official, and
// the reason that says why is there.
func assertNotOfficialMail(t *testing.T, c *Checker, msg string, code Code) Report {
	t.Helper()
	rep, err := c.Message(strings.NewReader(msg))
	require.NoError(t, err)
	assert.NotEqual(t, Official, rep.Status, "%v", rep.Reasons)
	assert.True(t, rep.Has(code), "want %s: %v", code, rep.Codes())
	return rep
}

// assertProvenLinks checks a proven sender's message carrying each href
// beside an official link: never official for those of unverified, still
// official for those of verified.
func assertProvenLinks(t *testing.T, c *Checker, unverified, verified []string) {
	t.Helper()
	withLink := func(href string) string {
		return provenHTML(`<a href="https://www.ameli.fr/">ameli</a> <a href="` + href + `">Votre espace</a>`)
	}
	for _, href := range unverified {
		t.Run(href, func(t *testing.T) {
			assertNotOfficialMail(t, c, withLink(href), CodeUnverifiedLink)
		})
	}
	for _, href := range verified {
		t.Run(href, func(t *testing.T) {
			assertOfficialMail(t, c, withLink(href))
		})
	}
}

// TestRedTeamMailAppSchemes: a link whose scheme hands a remote resource
// to an application (Office's ms-word:ofe|u|<url>, Windows search-ms:
// with a WebDAV location, smb:) is no "link with no site to visit":
// Outlook and Windows open the remote document or share, with a login
// prompt of their own. It must not leave the message official.
func TestRedTeamMailAppSchemes(t *testing.T) {
	c := mailChecker(t)
	assertProvenLinks(t, c, []string{
		"ms-word:ofe|u|https://evil.example/facture.docx",
		"ms-excel:ofv|u|https://evil.example/releve.xlsx",
		`search-ms:query=facture&crumb=location:%5C%5Cevil.example@SSL%5CDavWWWRoot`,
		"smb://evil.example/partage/facture.pdf",
		"webdav://evil.example/facture",
	}, []string{"mailto:contact@ameli.fr", "tel:+33123456789", "sms:+33612345678"})
}

// TestRedTeamMailPlatformRedirects: a link on a listed platform's host
// that the platform redirects elsewhere is no page of the platform. The
// redirect path was matched as written, so percent-encoding it
// ("redirec%74", which servers decode), a backslash (a browser reads it as
// "/") or a destination written "https:%2F%2F" or "https%3A//" passed;
// and redirectors whose path was not listed (LinkedIn's /slink, TikTok's
// /link/v2, YouTube's /attribution_link, /supported_browsers?next_url=,
// LinkedIn's /safety/go) were taken for pages.
func TestRedTeamMailPlatformRedirects(t *testing.T) {
	c := mailChecker(t)
	assertProvenLinks(t, c, []string{
		"https://www.youtube.com/redirec%74?q=https:%2F%2Fevil.example",
		"https://www.facebook.com/l%2Ephp?u=https:%2F%2Fevil.example",
		`https://www.facebook.com\l.php?u=https:%2F%2Fevil.example`,
		"https://www.youtube.com/supported_browsers?next_url=https:%2F%2Fevil.example",
		"https://www.tiktok.com/link/v2?aid=1988&scene=bio_url&target=https%3A//evil.example",
		"https://www.youtube.com/attribution_link?u=%2Fredirect%3Fq%3Devil.example",
		"https://www.linkedin.com/slink?code=eQnKzcQ8",
		"https://www.linkedin.com/safety/go?url=evil.example",
		"https://www.facebook.com/flx/warn/?u=evil.example",
		"https://x.com/i/redirect?url=%252F%252Fevil.example",
		"https://www.instagram.com/x?next=%2F%2Fevil.example",
	}, []string{
		"https://www.facebook.com/AssuranceMaladie",
		"https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=10s",
		"https://play.google.com/store/apps/details?id=fr.cnamts.it.activity&hl=fr",
		"https://apps.apple.com/fr/app/ameli/id1018451455",
		"https://www.linkedin.com/company/assurance-maladie/",
	})
}

// TestRedTeamMailForgedReceived: the sender writes, below the receiving
// side's own fields, a Received field "by mx.vigie.example" and a DMARC
// pass under the trusted ID. The receiving side's own results (on top,
// with no DMARC pass: an SPF result alone, "none", a DKIM failure) were
// kept in one "contiguous" block with the forged pass, since a Received
// field between two trusted Authentication-Results did not end the block.
// Anyone can write "by mx.vigie.example": the receiving side's results
// are the first block, and a Received field below them is an older hop.
func TestRedTeamMailForgedReceived(t *testing.T) {
	c := mailChecker(t)
	const forged = "Received: from internal.vigie.example by mx.vigie.example (Postfix); Mon, 1 Dec 2026 09:59:00 +0000\r\n" +
		"Authentication-Results: mx.vigie.example; dmarc=pass header.from=info.ameli.fr\r\n"
	for _, tt := range []struct{ name, headers string }{
		{"results below the edge Received", received + "Authentication-Results: mx.vigie.example; spf=pass smtp.mailfrom=evil.example\r\n" + forged},
		{"results above the edge Received", "Authentication-Results: mx.vigie.example; spf=pass smtp.mailfrom=evil.example\r\n" + received + forged},
		{"results with no result", "Authentication-Results: mx.vigie.example; none\r\n" + received + forged},
		{"a DKIM failure", received + "Authentication-Results: mx.vigie.example; dkim=fail header.d=evil.example\r\n" + forged},
	} {
		t.Run(tt.name, func(t *testing.T) {
			msg := "From: Assurance Maladie <assurance-maladie@info.ameli.fr>\r\n" + strings.TrimSuffix(tt.headers, "\r\n") +
				"\r\nTo: a@example.org\r\nSubject: Test\r\n\r\nBonjour, https://www.ameli.fr/assure\r\n"
			rep := assertNotOfficialMail(t, c, msg, CodeUnauthenticated)
			assert.False(t, rep.Has(CodeDMARCPass), "the forged pass is not reported: %v", rep.Reasons)
		})
	}
}

// TestRedTeamMailUnknownCharset: a part in a charset go-message cannot
// decode (UTF-7, UTF-32: Windows mail clients decode both) was read as its
// raw bytes, silently: a link written in it was never found, and the
// message stayed official. What could not be read is never proof.
func TestRedTeamMailUnknownCharset(t *testing.T) {
	c := mailChecker(t)
	for _, tt := range []struct{ name, msg string }{
		// The href is "https://evil.example/connexion" in UTF-7.
		{"utf-7 html", provenHead + "Content-Type: text/html; charset=utf-7\r\n\r\n" +
			`<a href="https://www.ameli.fr/">ameli</a> <a href="+AGgAdAB0AHAAcwA6AC8ALwBlAHYAaQBsAC4AZQB4AGEAbQBwAGwAZQAvAGMAbwBuAG4AZQB4AGkAbwBu-">Mon compte ameli</a>` + "\r\n"},
		{"utf-7 text in an alternative", provenHead + "Content-Type: multipart/alternative; boundary=b\r\n\r\n--b\r\n" +
			"Content-Type: text/plain; charset=utf-8\r\n\r\nhttps://www.ameli.fr/\r\n--b\r\n" +
			"Content-Type: text/plain; charset=UNICODE-1-1-UTF-7\r\n\r\nConnexion : +AGgAdAB0AHAAcwA6AC8ALwBlAHYAaQBsAC4AZQB4AGEAbQBwAGwAZQ-\r\n--b--\r\n"},
		// <a href="https://evil.example/">x</a> in UTF-32LE.
		{"utf-32 html", provenHead + "Content-Type: text/html; charset=utf-32le\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
			"PAAAAGEAAAAgAAAAaAAAAHIAAABlAAAAZgAAAD0AAAAiAAAAaAAAAHQAAAB0AAAAcAAAAHMAAAA6AAAALwAAAC8AAABlAAAAdgAAAGkAAABsAAAALgAAAGUAAAB4AAAAYQAAAG0AAABwAAAAbAAAAGUAAAAvAAAAIgAAAD4AAAB4AAAAPAAAAC8AAABhAAAAPgAAAA==\r\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			assertNotOfficialMail(t, c, tt.msg, CodeUnknownCharset)
		})
	}
	// A charset vigie reads leaves the message official.
	assertOfficialMail(t, c, provenHead+"Content-Type: text/plain; charset=windows-1252\r\n\r\nhttps://www.ameli.fr/\r\n")
}

// TestRedTeamMailEmbeddedPages: an HTML part (an attachment opened in a
// browser, row 12 of issue 12) can show a remote login page inside itself
// without any <a>: <iframe src>, <embed src>, <object data>;
// or write its link where the walk never looked: in an <iframe srcdoc>
// document, or as the value an SVG <set>/<animate> gives a link's href
// (the browser follows the animated value). Each left the message
// official.
func TestRedTeamMailEmbeddedPages(t *testing.T) {
	c := mailChecker(t)
	for _, body := range []string{
		`<iframe src="https://evil.example/login" width="100%" height="600"></iframe>`,
		`<embed src="https://evil.example/login" type="text/html">`,
		`<object data="https://evil.example/login" type="text/html"></object>`,
		`<iframe srcdoc="&lt;a href='https://evil.example/login'&gt;Connexion&lt;/a&gt;"></iframe>`,
		`<svg><a href="https://www.ameli.fr/"><set attributeName="href" to="https://evil.example/login"/><text y="15">Connexion</text></a></svg>`,
		`<svg><a><animate attributeName="xlink:href" values="https://www.ameli.fr/;https://evil.example/login" dur="1s" fill="freeze"/><text y="15">Connexion</text></a></svg>`,
	} {
		t.Run(body, func(t *testing.T) {
			rep := assertNotOfficialMail(t, c, provenHTML(`<a href="https://www.ameli.fr/">ameli</a> `+body), CodeUnverifiedLink)
			assert.Contains(t, reportURLs(rep), "https://evil.example/login")
		})
	}
	// A video embedded from a listed platform stays verified.
	assertOfficialMail(t, c, provenHTML(`<a href="https://www.ameli.fr/">ameli</a> <iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ"></iframe>`))
}

// TestRedTeamMailContentBase: Thunderbird turns an HTML part's
// Content-Base header, or its Content-Location (RFC 2557), into a <BASE>
// tag written before the part (libmime's mimethtm.cpp), and gives a
// multipart/related's to its parts: a relative href is then a link to
// that site. vigie read no base there, dropped the relative href as
// leading nowhere, and the message stayed official.
func TestRedTeamMailContentBase(t *testing.T) {
	c := mailChecker(t)
	const html = `<a href="https://www.ameli.fr/">ameli</a> <a href="connexion">Connexion</a>` + "\r\n"
	for _, tt := range []struct{ name, msg string }{
		{"Content-Base", provenHead + "Content-Type: text/html\r\nContent-Base: https://evil.example/\r\n\r\n" + html},
		{"Content-Location in multipart/related", provenHead + "Content-Type: multipart/related; boundary=b\r\n\r\n--b\r\n" +
			"Content-Type: text/html\r\nContent-Location: https://evil.example/index.html\r\n\r\n" + html + "--b--\r\n"},
		{"Content-Base of the multipart/related", provenHead + "Content-Type: multipart/related; boundary=b\r\nContent-Base: https://evil.example/\r\n\r\n--b\r\n" +
			"Content-Type: text/html\r\n\r\n" + html + "--b--\r\n"},
		{"Content-Base beside a document base", provenHead + "Content-Type: text/html\r\nContent-Base: https://evil.example/\r\n\r\n" +
			`<base href="https://www.ameli.fr/">` + html},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rep := assertNotOfficialMail(t, c, tt.msg, CodeUnverifiedLink)
			assert.Contains(t, reportURLs(rep), "https://evil.example/connexion")
		})
	}
}

// TestRedTeamMailTextAttachments: attachments whose text the system or a
// client opens as links were skipped because their type is not text/*:
// an invitation sent as application/ics (its URL and DESCRIPTION shown by
// the calendar), an internet shortcut (a.url, which Windows opens in the
// browser), a Mac .webloc, an RTF document (Word follows its HYPERLINK
// fields). Their links are read as text, whatever the declared type.
func TestRedTeamMailTextAttachments(t *testing.T) {
	c := mailChecker(t)
	const head = provenHead +
		"Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nhttps://www.ameli.fr/\r\n--b\r\n"
	for _, tt := range []struct{ name, part string }{
		{"application/ics", "Content-Type: application/ics; name=rdv.ics\r\n\r\nBEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nURL:https://evil.example/rdv\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"},
		{"internet shortcut", "Content-Type: application/octet-stream; name=\"Mon compte.url\"\r\n\r\n[InternetShortcut]\r\nURL=https://evil.example/rdv\r\n"},
		{"webloc", "Content-Type: application/x-plist\r\nContent-Disposition: attachment; filename=compte.webloc\r\n\r\n<plist><dict><key>URL</key><string>https://evil.example/rdv</string></dict></plist>\r\n"},
		{"rtf", "Content-Type: application/rtf; name=a.rtf\r\n\r\n{\\rtf1 {\\field{\\*\\fldinst HYPERLINK \"https://evil.example/rdv\"}{\\fldrslt Connexion}}}\r\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rep := assertNotOfficialMail(t, c, head+tt.part+"--b--\r\n", CodeUnverifiedLink)
			assert.Contains(t, reportURLs(rep), "https://evil.example/rdv")
		})
	}
}

// TestRedTeamMailPDFAttachment: a PDF's link annotations (/URI), most
// often in compressed object streams, were not read; a proven sender's
// message with a PDF whose button leads to a phishing page stayed
// official (mimepdf.go reads them; TestPDFLinks has the other forms).
func TestRedTeamMailPDFAttachment(t *testing.T) {
	c := mailChecker(t)
	msg := "Authentication-Results: mx.vigie.example; dmarc=pass header.from=info.ameli.fr\r\n" +
		"From: Assurance Maladie <assurance-maladie@info.ameli.fr>\r\nTo: a@example.org\r\nSubject: Lettre\r\n" +
		"Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nhttps://www.ameli.fr/\r\n--b\r\n" +
		"Content-Type: application/pdf; name=releve.pdf\r\n\r\n%PDF-1.4\r\n1 0 obj << /Type /Annot /Subtype /Link /A << /S /URI /URI (https://evil.example/) >> >> endobj\r\n--b--\r\n"
	assertNotOfficialMail(t, c, msg, CodeUnverifiedLink)
}

// TestRedTeamMailListHeaders: Gmail, Outlook and Apple Mail show an
// "Unsubscribe" link built from List-Unsubscribe (RFC 2369, RFC 8058)
// beside the sender, and open its https URL in the browser; vigie never
// read the List-* fields, so a proven sender's unsubscribe link to a
// login page left the message official.
func TestRedTeamMailListHeaders(t *testing.T) {
	c := mailChecker(t)
	for _, field := range []string{
		"List-Unsubscribe: <https://evil.example/desinscription>",
		"List-Unsubscribe: <mailto:unsub@info.ameli.fr>,\r\n <https://evil.example/desinscription>",
		"List-Help: <https://evil.example/aide>",
	} {
		t.Run(field, func(t *testing.T) {
			msg := "Authentication-Results: mx.vigie.example; dmarc=pass header.from=info.ameli.fr\r\n" +
				"From: Assurance Maladie <assurance-maladie@info.ameli.fr>\r\n" + field + "\r\nTo: a@example.org\r\nSubject: Lettre\r\n\r\nhttps://www.ameli.fr/\r\n"
			assertNotOfficialMail(t, c, msg, CodeUnverifiedLink)
		})
	}
	// The newsletter's own unsubscribe links leave it official.
	assertOfficialMail(t, c, "Authentication-Results: mx.vigie.example; dmarc=pass header.from=info.ameli.fr\r\n"+
		"From: Assurance Maladie <assurance-maladie@info.ameli.fr>\r\nList-Unsubscribe: <mailto:unsub@info.ameli.fr>, <https://www.ameli.fr/desinscription?id=1>\r\n"+
		"To: a@example.org\r\nSubject: Lettre\r\n\r\nhttps://www.ameli.fr/\r\n")
}

// TestRedTeamMailLenientContentType: a Content-Type that Go's
// mime.ParseMediaType refuses (a comment, legal in RFC 2045; an empty
// parameter value; an unterminated quote) made the part untyped, read as
// plain text, while mail clients still render it as HTML: a link written
// with character references (&#104;ttps&#58;//...) was never found, and a
// multipart whose boundary could not be read hid all of its parts.
func TestRedTeamMailLenientContentType(t *testing.T) {
	c := mailChecker(t)
	const html = `<a href="https://www.ameli.fr/">ameli</a> <a href="&#104;ttps&#58;//evil&#46;com/connexion">Connexion</a>` + "\r\n"
	for _, tt := range []struct{ name, msg string }{
		{"a comment", provenHead + "Content-Type: text/html; charset=utf-8 (lettre)\r\n\r\n" + html},
		{"an empty parameter", provenHead + "Content-Type: text/html; charset=utf-8; name=\r\n\r\n" + html},
		{"an unterminated quote", provenHead + "Content-Type: text/html; charset=utf-8; x=\"a\r\n\r\n" + html},
		{"a multipart with a comment", provenHead + "Content-Type: multipart/alternative; boundary=b (alt)\r\n\r\n--b\r\n" +
			"Content-Type: text/plain\r\n\r\nhttps://www.ameli.fr/\r\n--b\r\nContent-Type: text/html\r\n\r\n" + html + "--b--\r\n"},
		// <a href="https://evil.com/connexion">x</a> in UTF-16LE, the
		// charset given beside a comment.
		{"a charset beside a comment", provenHead + "Content-Type: text/html; (lettre) charset=utf-16le\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
			"PABhACAAaAByAGUAZgA9ACIAaAB0AHQAcABzADoALwAvAGUAdgBpAGwALgBjAG8AbQAvAGMAbwBuAG4AZQB4AGkAbwBuACIAPgB4ADwALwBhAD4A\r\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rep := assertNotOfficialMail(t, c, tt.msg, CodeUnverifiedLink)
			assert.Contains(t, reportURLs(rep), "https://evil.com/connexion")
		})
	}
}

// TestRedTeamMailExternalBody: a message/external-body part with
// access-type=URL (RFC 2017) is shown by Thunderbird as a link to its URL
// (libmime's mimeebod.cpp); vigie skipped the part, and the proven
// message stayed official.
func TestRedTeamMailExternalBody(t *testing.T) {
	c := mailChecker(t)
	msg := "Authentication-Results: mx.vigie.example; dmarc=pass header.from=info.ameli.fr\r\n" +
		"From: Assurance Maladie <assurance-maladie@info.ameli.fr>\r\nTo: a@example.org\r\nSubject: Lettre\r\n" +
		"Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nhttps://www.ameli.fr/\r\n--b\r\n" +
		"Content-Type: message/external-body; access-type=URL;\r\n URL=\"https://evil.example/\r\n releve.pdf\"\r\n\r\nContent-Type: application/pdf\r\n\r\n--b--\r\n"
	rep := assertNotOfficialMail(t, c, msg, CodeUnverifiedLink)
	assert.Contains(t, reportURLs(rep), "https://evil.example/releve.pdf", "the URL's folding white space is not part of it (RFC 2017)")
}

// TestRedTeamMailAttachmentNames: an HTML attachment named so that vigie
// did not see an HTML file name while the system opens it as one:
// Windows drops trailing dots and spaces ("releve.html."), an .hta file is
// HTML run by mshta, and a part whose Content-Type name and
// Content-Disposition filename differ is saved under either, depending on
// the client. Declared as application/pdf, each was skipped.
func TestRedTeamMailAttachmentNames(t *testing.T) {
	c := mailChecker(t)
	const head = provenHead +
		"Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nhttps://www.ameli.fr/\r\n--b\r\n"
	const page = "\r\n<a href=\"&#104;ttps://evil.com/connexion\">Connexion</a>\r\n--b--\r\n"
	for _, header := range []string{
		"Content-Type: application/pdf; name=\"releve.html.\"\r\n",
		"Content-Type: application/pdf; name=\"releve.html . .\"\r\n",
		"Content-Type: application/pdf; name=\"releve.hta\"\r\n",
		"Content-Type: application/pdf; name=\"releve.html\"\r\nContent-Disposition: attachment; filename=\"releve.pdf\"\r\n",
	} {
		t.Run(header, func(t *testing.T) {
			rep := assertNotOfficialMail(t, c, head+header+page, CodeUnverifiedLink)
			assert.Contains(t, reportURLs(rep), "https://evil.com/connexion")
		})
	}
}

// TestRedTeamMailDisplayNameDisguises: display names a mail client shows
// as an organisation's name that vigie read as nothing: an RFC 2047
// encoded word inside quotes (the RFC says not to decode it; Thunderbird,
// Gmail and Outlook decode it anyway); a name spelt out letter by letter
// at length ("A s s u r a n c e  M a l a d i e", a common filter evasion),
// read only up to eight words, so that "M.G.E.N" counted and a longer
// name did not.
func TestRedTeamMailDisplayNameDisguises(t *testing.T) {
	c := mailChecker(t)
	for _, from := range []string{
		`"=?utf-8?b?QXNzdXJhbmNlIE1hbGFkaWU=?=" <service@evil.example>`,
		`"=?utf-8?q?Assurance_Maladie?= - Remboursement" <service@evil.example>`,
		`"A s s u r a n c e  M a l a d i e" <service@evil.example>`,
		`"A.s.s.u.r.a.n.c.e M.a.l.a.d.i.e" <service@evil.example>`,
	} {
		t.Run(from, func(t *testing.T) {
			v := c.Sender(from)
			assert.Equal(t, Suspicious, v.Status, "%v", v.Reasons)
			assert.True(t, v.Has(CodeDisplayNameBrand), "%v", v.Codes())
			require.NotNil(t, v.Organization)
			assert.Equal(t, "assurance-maladie", v.Organization.ID)
		})
	}
}

// TestRedTeamMailMailtoLinks: mailto: links were left out as links with
// no site, whatever address they write to: a hijacked newsletter asking
// to send one's documents to "remboursement@evil.example" stayed official,
// while the same address in Reply-To makes the message suspicious.
func TestRedTeamMailMailtoLinks(t *testing.T) {
	c := mailChecker(t)
	assertProvenLinks(t, c, []string{
		"mailto:remboursement@evil.example",
		"mailto:contact@ameli.fr,remboursement@evil.example?subject=RIB",
		"mailto:?to=remboursement%40evil.example",
		"mailto:remboursement@evil.example?cc=contact@ameli.fr",
		"MAILTO:remboursement%40evil%2Eexample",
	}, []string{"mailto:contact@ameli.fr", "mailto:contact@ameli.fr?subject=Question&body=Bonjour", "mailto:a@impots.gouv.fr,b@ameli.fr"})
}

// TestRedTeamMailByteOrderMark: an HTML attachment in UTF-16 with a byte
// order mark and no charset parameter: the browser that opens it decodes
// it by its BOM (the HTML standard's encoding sniffing starts there);
// vigie read the raw UTF-16 bytes, found no link, and, for an
// application/octet-stream part, did not even see HTML.
func TestRedTeamMailByteOrderMark(t *testing.T) {
	c := mailChecker(t)
	const head = provenHead +
		"Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nhttps://www.ameli.fr/\r\n--b\r\n"
	// <html><body><a href="https://evil.com/connexion">Connexion</a></body></html>
	const le = "//48AGgAdABtAGwAPgA8AGIAbwBkAHkAPgA8AGEAIABoAHIAZQBmAD0AIgBoAHQAdABwAHMAOgAvAC8AZQB2AGkAbAAuAGMAbwBtAC8AYwBvAG4AbgBlAHgAaQBvAG4AIgA+AEMAbwBuAG4AZQB4AGkAbwBuADwALwBhAD4APAAvAGIAbwBkAHkAPgA8AC8AaAB0AG0AbAA+AA=="
	const be = "/v8APABoAHQAbQBsAD4APABiAG8AZAB5AD4APABhACAAaAByAGUAZgA9ACIAaAB0AHQAcABzADoALwAvAGUAdgBpAGwALgBjAG8AbQAvAGMAbwBuAG4AZQB4AGkAbwBuACIAPgBDAG8AbgBuAGUAeABpAG8AbgA8AC8AYQA+ADwALwBiAG8AZAB5AD4APAAvAGgAdABtAGwAPg=="
	for _, tt := range []struct{ name, part string }{
		{"text/html, little-endian", "Content-Type: text/html; name=releve.html\r\nContent-Transfer-Encoding: base64\r\n\r\n" + le + "\r\n"},
		{"octet-stream, big-endian", "Content-Type: application/octet-stream; name=releve\r\nContent-Transfer-Encoding: base64\r\n\r\n" + be + "\r\n"},
		{"octet-stream, little-endian", "Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n" + le + "\r\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rep := assertNotOfficialMail(t, c, head+tt.part+"--b--\r\n", CodeUnverifiedLink)
			assert.Contains(t, reportURLs(rep), "https://evil.com/connexion")
		})
	}
}
