package verify

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Red team red31 (a helper session attacking the message layer at
// 79f780f: the header fields a mail client acts on, the MIME parts it
// shows or opens, the text it shows outside the body). Each test below
// fails at 79f780f: each is a finding. Every message has a sender proven
// by the trusted mx.vigie.example (provenHead), so that what is missed
// leaves it Official.

// red31Mail is a proven ameli.fr message with extra header fields (each
// ending in "\r\n") and a body of the given Content-Type; "\n" in body is
// written "\r\n".
func red31Mail(extra, contentType, body string) string {
	return provenHead + extra + "Content-Type: " + contentType + "\r\n\r\n" + strings.ReplaceAll(body, "\n", "\r\n")
}

// red31Attached is a proven message with an official text part and one
// more part, given whole (its header, a blank line, its body).
func red31Attached(part string) string {
	return red31Mail("", "multipart/mixed; boundary=b", "--b\nContent-Type: text/plain; charset=utf-8\n\n"+
		"Votre releve: https://www.ameli.fr/assure\n--b\n"+part+"\n--b--\n")
}

// red31Check reads msg and returns its report.
func red31Check(t *testing.T, c *Checker, msg string) Report {
	t.Helper()
	rep, err := c.Message(strings.NewReader(msg))
	require.NoError(t, err)
	return rep
}

// TestRed31MailReplyToFields (finding 1, a miss, sure). Thunderbird
// replies to Mail-Reply-To ("Reply") and Mail-Followup-To ("Reply All")
// when a message has them, before Reply-To and From (D. J. Bernstein's
// proposal, cr.yp.to/proto/replyto.html; comm-central's composition test
// browser_replyAddresses.js covers both), and so do mutt, nmh's repl and
// Gnus. A proven ameli.fr message with "Mail-Reply-To:
// dossiers@evil.example" sends the reader's reply (and the documents
// asked for) to evil.example; the same address in Reply-To makes it
// Suspicious (reply-to), here it stays Official. Root cause:
// message_auth.go replyPaths reads Reply-To only.
func TestRed31MailReplyToFields(t *testing.T) {
	c := mailChecker(t)
	for _, tt := range []struct {
		field  string
		status Status
	}{
		{"Mail-Reply-To: dossiers@evil.example", Suspicious},
		{"Mail-Followup-To: Service <dossiers@evil.example>", Suspicious},
		{"Mail-Reply-To: remboursement@ameli-aide.com", Lookalike},
		{"Mail-Followup-To: assurance-maladie@info.ameli.fr, dossiers@ameli-remboursement.fr", Lookalike},
	} {
		t.Run(tt.field, func(t *testing.T) {
			rep := red31Check(t, c, red31Mail(tt.field+"\r\n", "text/plain; charset=utf-8", "Repondez a ce message avec votre RIB.\n"))
			assert.Equal(t, tt.status, rep.Status, "%v", rep.Reasons)
			assert.True(t, rep.Has(CodeReplyTo), "%v", rep.Codes())
		})
	}
	t.Run("official", func(t *testing.T) {
		rep := red31Check(t, c, red31Mail("Mail-Reply-To: assurance-maladie@info.ameli.fr\r\n", "text/plain; charset=utf-8", "Bonjour.\n"))
		assert.Equal(t, Official, rep.Status, "%v", rep.Reasons)
	})
}

// TestRed31DispositionNotParsed (finding 2, a miss, sure). A
// Content-Disposition that Go's mime.ParseMediaType refuses loses the
// attachment's file name: an unquoted name with spaces (Outlook,
// Thunderbird and Gmail read "releve du mois.html"), a filename given
// twice, a stray token. The part's type says PDF, so partKind skips it,
// and the HTML page the reader opens (its link to evil.example) is never
// read. The same part with a quoted name is read (unverified-link).
// Root cause: mimehtml.go partKind takes names only from a disposition
// that parses.
func TestRed31DispositionNotParsed(t *testing.T) {
	c := mailChecker(t)
	for _, disposition := range []string{
		`attachment; filename=releve du mois.html`,
		`attachment; filename="releve.pdf"; filename="releve.html"`,
		`attachment; filename="releve.html"; size=12 octets`,
		`attachment; filename="releve.html";; creation-date`,
	} {
		t.Run(disposition, func(t *testing.T) {
			msg := red31Attached("Content-Type: application/pdf\nContent-Disposition: " + disposition +
				"\n\nVotre releve: <a href=\"//evil.example/login\">ouvrir</a>")
			assertNotOfficialMail(t, c, msg, CodeUnverifiedLink)
		})
	}
}

// TestRed31MessageFileAttachment (finding 3, a miss, sure). A part named
// *.eml is a message: Outlook, Thunderbird and Apple Mail open it as one
// (and show its HTML, links and all), whatever type the part declares
// (application/octet-stream is what most senders write for it). Its
// content begins with header fields, which no HTML sniffing recognises:
// vigie skips it. Root cause: mimehtml.go partKind knows .mht but not
// .eml; walk reads a message only by its type message/rfc822.
func TestRed31MessageFileAttachment(t *testing.T) {
	c := mailChecker(t)
	for _, head := range []string{
		"Content-Type: application/octet-stream\nContent-Disposition: attachment; filename=courrier.eml",
		"Content-Type: application/octet-stream; name=\"courrier.eml\"",
		"Content-Type: application/x-msdownload; name=\"courrier.EML\"",
	} {
		t.Run(head, func(t *testing.T) {
			msg := red31Attached(head + "\n\nFrom: Assurance Maladie <x@y.example>\nContent-Type: text/html\n\n" +
				"<p>Bonjour</p><a href=\"//evil.example/login\">Votre espace</a>")
			assertNotOfficialMail(t, c, msg, CodeUnverifiedLink)
		})
	}
}

// TestRed31HTMLTextSubtypes (finding 4, a miss, sure). Gmail shows the
// text/x-amp-html part of a multipart/alternative (AMP for Email), Apple
// Watch a text/watch-html part: both are HTML documents. vigie reads
// every text/* type but text/html as plain text, where a protocol-relative
// href ("//evil.example"), one written with character references
// ("https:&#47;&#47;evil&#46;example") or relative to a <base> is no link.
// Root cause: mimehtml.go partKind (only text/html is HTML among text/*).
func TestRed31HTMLTextSubtypes(t *testing.T) {
	c := mailChecker(t)
	for _, tt := range []struct{ typ, href string }{
		{"text/x-amp-html", "//evil.example/login"},
		{"text/x-amp-html", "https:&#47;&#47;evil&#46;example/login"},
		{"text/watch-html", "https:&#47;&#47;evil&#46;example/login"},
		{"TEXT/X-AMP-HTML", "//evil.example/login"},
	} {
		t.Run(tt.typ+" "+tt.href, func(t *testing.T) {
			msg := red31Mail("", "multipart/alternative; boundary=b", "--b\nContent-Type: text/plain; charset=utf-8\n\n"+
				"Votre espace: https://www.ameli.fr/\n--b\nContent-Type: "+tt.typ+"; charset=utf-8\n\n"+
				"<!doctype html><html amp4email><body><a href=\""+tt.href+"\">Votre espace</a></body></html>\n--b--\n")
			assertNotOfficialMail(t, c, msg, CodeUnverifiedLink)
		})
	}
}

// TestRed31HeaderTextShowsHosts (finding 5, a miss, sure). Every mail
// client shows the Subject and the From display name above the body; a
// lookalike host or address written there ("Connectez-vous sur
// ameli-aide.com", a name "remboursement@ameli-aide.com") asks the reader
// to type it, as the body's text does, and the body's text is searched.
// vigie reads both only for organisation names: Official. Judged as the
// text of an anchor is (addAnchorText: only a lookalike or suspicious
// host counts), an ordinary name or subject ("Votre espace ameli.fr",
// "Dossier.pdf") changes nothing. Root cause: message.go message
// (Subject and display name never searched for links).
func TestRed31HeaderTextShowsHosts(t *testing.T) {
	c := mailChecker(t)
	for _, tt := range []struct{ from, subject string }{
		{"Assurance Maladie <assurance-maladie@info.ameli.fr>", "Connectez-vous sur ameli-aide.com"},
		{"Assurance Maladie <assurance-maladie@info.ameli.fr>", "=?utf-8?q?Envoyez_votre_RIB_=C3=A0_remboursement=40ameli-aide=2Ecom?="},
		{"ameli-aide.com <assurance-maladie@info.ameli.fr>", "Lettre"},
		{"=?utf-8?b?YW1lbGktYWlkZS5jb20=?= <assurance-maladie@info.ameli.fr>", "Lettre"},
	} {
		t.Run(tt.from+" "+tt.subject, func(t *testing.T) {
			msg := "Authentication-Results: mx.vigie.example; dmarc=pass header.from=info.ameli.fr\r\n" +
				"From: " + tt.from + "\r\nTo: a@example.org\r\nSubject: " + tt.subject + "\r\n" +
				"Content-Type: text/plain; charset=utf-8\r\n\r\nBonjour.\r\n"
			rep := red31Check(t, c, msg)
			assert.Equal(t, Lookalike, rep.Status, "links %v, reasons %v", reportURLs(rep), rep.Reasons)
		})
	}
	for _, subject := range []string{"Votre espace ameli.fr", "Dossier.pdf", "Decompte du 01.02.2026"} {
		t.Run("official "+subject, func(t *testing.T) {
			rep := red31Check(t, c, strings.Replace(red31Mail("", "text/plain; charset=utf-8", "Bonjour.\n"), "Subject: Lettre", "Subject: "+subject, 1))
			assert.Equal(t, Official, rep.Status, "%v", rep.Reasons)
		})
	}
}

// TestRed31CalendarFolding (finding 6, a miss, sure). iCalendar (RFC
// 5545, 3.1) and vCard (RFC 6350, 3.2) fold long lines: CRLF then one
// space or tab, removed when read. Calendar apps show the unfolded URL,
// DESCRIPTION and LOCATION. vigie searches the folded text, where
// "https://ameli-ai" ends one line and "de.com/connexion" starts the next:
// the lookalike ameli-aide.com is missed (Unknown, not Lookalike), and an
// address folded at its dot is no address at all. Root cause: mime.go
// walk (calendar and contact parts searched unfolded).
func TestRed31CalendarFolding(t *testing.T) {
	c := mailChecker(t)
	for _, tt := range []struct{ typ, body string }{
		{"text/calendar; method=REQUEST", "BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:Rendez-vous\nDESCRIPTION:Confirmez sur https://ameli-ai\n de.com/connexion\nEND:VEVENT\nEND:VCALENDAR\n"},
		{"text/calendar", "BEGIN:VCALENDAR\nBEGIN:VEVENT\nLOCATION:Ecrivez a remboursement@ameli-ai\n\tde.com\nEND:VEVENT\nEND:VCALENDAR\n"},
		{"text/vcard", "BEGIN:VCARD\nVERSION:4.0\nFN:Assurance Maladie\nURL:https://ameli-\n aide.com/\nEND:VCARD\n"},
	} {
		t.Run(tt.body, func(t *testing.T) {
			rep := red31Check(t, c, red31Attached("Content-Type: "+tt.typ+"; charset=utf-8\n\n"+tt.body))
			assert.Equal(t, Lookalike, rep.Status, "links %v, reasons %v", reportURLs(rep), rep.Codes())
		})
	}
	// The false alarm beside it: an official invitation whose URL is
	// folded read as "https://www.am" (unverified-link), though no
	// calendar app shows the folded text.
	t.Run("official invitation", func(t *testing.T) {
		rep := red31Check(t, c, red31Attached("Content-Type: text/calendar; method=REQUEST; charset=utf-8\n\n"+
			"BEGIN:VCALENDAR\nBEGIN:VEVENT\nDESCRIPTION:Pour le modifier: https://www.am\n eli.fr/assure/rendez-vous\n"+
			"URL:https://www.ameli.fr/assure/rendez-vous?id=1234567890abc\n def\nEND:VEVENT\nEND:VCALENDAR\n"))
		assert.Equal(t, Official, rep.Status, "links %v, reasons %v", reportURLs(rep), rep.Reasons)
	})
}

// TestRed31UnfoldContentLines pins the reading of content lines: folding
// removed with its one space or tab (CRLF or LF), text escapes decoded,
// anything else kept.
func TestRed31UnfoldContentLines(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"URL:https://ameli-ai\r\n de.com/x\r\nEND:VEVENT", "URL:https://ameli-aide.com/x\r\nEND:VEVENT"},
		{"A:b\n\tc\n  d", "A:bc d"},
		{`DESCRIPTION:Bonjour\, ecrivez\nici\; \\ \. fin\`, "DESCRIPTION:Bonjour, ecrivez\nici; \\ \\. fin\\"},
	} {
		assert.Equal(t, tt.want, unfoldContentLines(tt.in), "%q", tt.in)
	}
}

// TestRed31HTMLTypeWithTextName (finding 7, a miss, sure). A name of a
// calendar, contact, shortcut or RTF file made partKind read the part as
// text even when its type is text/html: Thunderbird, Apple Mail and
// Gmail show an inline text/html part as HTML whatever its name, so a
// protocol-relative or character-referenced href is a link the reader
// follows and vigie never sees. Both readings count: the system opens the
// saved file by its name (a .url whose URL= line sits in what HTML reads
// as a comment). Root cause: mimehtml.go partKind (a text name returned
// before the HTML type was looked at).
func TestRed31HTMLTypeWithTextName(t *testing.T) {
	c := mailChecker(t)
	for _, head := range []string{
		"Content-Type: text/html; charset=utf-8; name=\"invitation.ics\"",
		"Content-Type: text/html; charset=utf-8\nContent-Disposition: inline; filename=\"contact.vcf\"",
		"Content-Type: application/xhtml+xml; name=\"Mon compte.url\"",
	} {
		for _, body := range []string{
			"<p>Bonjour</p><a href=\"//evil.example/login\">Votre espace</a>",
			"<p>Bonjour</p><a href=\"https:&#47;&#47;evil&#46;example/login\">Votre espace</a>",
		} {
			t.Run(head+" "+body, func(t *testing.T) {
				assertNotOfficialMail(t, c, red31Attached(head+"\n\n"+body), CodeUnverifiedLink)
			})
		}
	}
	t.Run("shortcut in a comment", func(t *testing.T) {
		msg := red31Attached("Content-Type: text/html; name=\"Mon compte.url\"\nContent-Disposition: attachment\n\n" +
			"<!--\n[InternetShortcut]\nURL=https://evil.example/login\n-->\n<p>Votre compte</p>")
		assertNotOfficialMail(t, c, msg, CodeUnverifiedLink)
	})
}

// TestRed31ContentNotOpened (finding 8, a miss, sure). Outlook, Apple
// Mail, iOS Mail and Thunderbird open an S/MIME opaque-signed message
// (application/pkcs7-mime, smime-type=signed-data, smime.p7m: the MIME
// entity is inside the signature's DER) and show its content, with a
// warning at most when the signature does not verify, so anyone can wrap
// an HTML part this way. They decrypt S/MIME enveloped-data, PGP/MIME
// (multipart/encrypted) and inline PGP ("-----BEGIN PGP MESSAGE-----")
// with the reader's key and show what is inside. Thunderbird shows a
// uuencoded file in a body without Content-Type ("begin 644 releve.html")
// as an attachment. vigie reads none of these and, seeing no link, keeps
// a proven sender's message Official. What cannot be read cannot be
// vouched for: unread-content, Unknown. Root cause: mime.go walk (such
// parts skipped or read as their undecoded bytes, silently).
func TestRed31ContentNotOpened(t *testing.T) {
	c := mailChecker(t)
	for _, tt := range []struct{ name, msg string }{
		{"s/mime signed-data", red31Mail("", "application/pkcs7-mime; smime-type=signed-data; name=smime.p7m",
			"MIIBsgYJKoZIhvcNAQcCoIIBozCCAZ8CAQExADALBgkqhkiG9w0BBwGgggGK\n")},
		{"s/mime x- type", red31Mail("", "application/x-pkcs7-mime; smime-type=enveloped-data", "MIIBsgYJKoZIhvcNAQcDoIIBozCCAZ8CAQAx\n")},
		{"p7m attachment", red31Attached("Content-Type: application/octet-stream\nContent-Disposition: attachment; filename=\"smime.p7m\"\n\nMIIBsgYJKoZIhvcNAQcC")},
		{"pgp/mime", red31Mail("", "multipart/encrypted; protocol=\"application/pgp-encrypted\"; boundary=b",
			"--b\nContent-Type: application/pgp-encrypted\n\nVersion: 1\n--b\nContent-Type: application/octet-stream; name=encrypted.asc\n\n"+
				"-----BEGIN PGP MESSAGE-----\n\nhQEMA1234\n-----END PGP MESSAGE-----\n--b--\n")},
		{"inline pgp", red31Mail("", "text/plain; charset=utf-8", "-----BEGIN PGP MESSAGE-----\n\nhQEMA1234\n-----END PGP MESSAGE-----\n")},
		{"uuencoded file", strings.TrimSuffix(provenHead, "\r\n") + "\r\n\r\nVoici votre releve.\r\n\r\nbegin 644 releve.html\r\n" +
			"M/&$@:')E9CTB:'1T<',Z+R]E=FEL+F5X86UP;&4O(CYI8VD\\+V$^\"@``\r\n`\r\nend\r\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			assertNotOfficialMail(t, c, tt.msg, CodeUnreadContent)
		})
	}
	t.Run("detached signature stays official", func(t *testing.T) {
		msg := red31Mail("", "multipart/signed; protocol=\"application/pkcs7-signature\"; micalg=sha-256; boundary=b",
			"--b\nContent-Type: text/plain; charset=utf-8\n\nVotre releve: https://www.ameli.fr/assure\n"+
				"--b\nContent-Type: application/pkcs7-signature; name=smime.p7s\nContent-Transfer-Encoding: base64\n\nMIIB\n--b--\n")
		assertOfficialMail(t, c, msg)
	})
}

// TestRed31TypeWithoutSubtype (finding 9, a miss, sure). "Content-Type:
// text" has no subtype: RFC 2045 (section 5.2) makes such a part
// text/plain, and Thunderbird shows it as untyped text, its link
// clickable. Go's mime.ParseMediaType accepts "text" as a media type, and
// partKind skips a type it does not know: the link is never read.
// Root cause: mime.go walk (a media type without '/' taken as parsed).
func TestRed31TypeWithoutSubtype(t *testing.T) {
	c := mailChecker(t)
	for _, typ := range []string{"text", "text; charset=utf-8", "TEXT", "html"} {
		t.Run(typ, func(t *testing.T) {
			assertNotOfficialMail(t, c, red31Mail("", typ, "Votre espace: https://evil.example/login\n"), CodeUnverifiedLink)
		})
	}
}
