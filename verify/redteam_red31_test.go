package verify

import (
	"archive/zip"
	"bytes"
	"encoding/base64"
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

// TestRed31EnrichedText (finding 10, a miss, sure). Thunderbird renders
// text/enriched (RFC 1896) and text/richtext (RFC 1341) parts (libmime's
// MimeInlineTextEnriched and MimeInlineTextRichtext): formatting commands
// are not shown, so "remboursement@ameli-aide<bold>.com</bold>" reads
// remboursement@ameli-aide.com, and "<<" is a '<'. vigie searched the
// commands as text: "ameli-aide" alone, no address, Official. Root cause:
// mime.go walk (enriched text searched with its commands).
func TestRed31EnrichedText(t *testing.T) {
	c := mailChecker(t)
	for _, tt := range []struct{ typ, body string }{
		{"text/enriched", "Envoyez votre RIB a remboursement@ameli-aide<bold>.com</bold>"},
		{"text/enriched", "Connectez-vous sur ameli-aide<param>x</param>.com/connexion"},
		{"text/richtext", "Connectez-vous sur ameli-aide<bold>.com</bold>/connexion"},
		{"text/richtext", "Connectez-vous sur ameli-aide<comment>x</comment>.com/connexion"},
	} {
		t.Run(tt.typ+" "+tt.body, func(t *testing.T) {
			rep := red31Check(t, c, red31Attached("Content-Type: "+tt.typ+"\n\n"+tt.body))
			assert.Equal(t, Lookalike, rep.Status, "links %v, reasons %v", reportURLs(rep), rep.Codes())
		})
	}
}

// TestRed31MessageNews (finding 11, a miss, sure). Thunderbird shows a
// message/news part as it shows message/rfc822 (libmime's
// MimeMessageClass serves both): its HTML, links and all. vigie reads
// only message/rfc822 and message/global as messages and skips
// message/news. Root cause: mime.go walk.
func TestRed31MessageNews(t *testing.T) {
	c := mailChecker(t)
	msg := red31Attached("Content-Type: message/news\n\nFrom: x@y.example\nContent-Type: text/html\n\n<a href=\"//evil.example/login\">Votre espace</a>")
	assertNotOfficialMail(t, c, msg, CodeUnverifiedLink)
}

// TestRed31EnrichedTextReading pins enrichedText on what RFC 1896 and
// RFC 1341 say is shown.
func TestRed31EnrichedTextReading(t *testing.T) {
	for _, tt := range []struct {
		in       string
		richtext bool
		want     string
	}{
		{"a<bold>b</bold><<c> d<x-unknown>e", false, "ab<c> de"},
		{"a<param>p<param>q</param></param>b <1 < 2>", false, "ab <1 < 2>"},
		{"a<lt>b<nl>c<comment>x</comment>d<<", true, "a<b\ncd<<"},
	} {
		assert.Equal(t, tt.want, enrichedText(tt.in, tt.richtext), "%q", tt.in)
	}
}

// TestRed31ExtendedNameInOtherCharset (finding 12, a miss, sure). RFC
// 2231 lets a parameter be written in any charset ("filename*=
// iso-8859-15'fr'releve.html", "name*=windows-1252'fr'relev%E9.html");
// Thunderbird and Outlook decode it. Go's mime.ParseMediaType decodes only
// us-ascii and utf-8 and drops the parameter otherwise, so the part loses
// its .html name, its PDF type says nothing, and the page is never read.
// Root cause: mimehtml.go partNames (names only as Go decodes them).
func TestRed31ExtendedNameInOtherCharset(t *testing.T) {
	c := mailChecker(t)
	for _, head := range []string{
		"Content-Type: application/pdf; name*=iso-8859-1''releve.html",
		"Content-Type: application/pdf\nContent-Disposition: attachment; filename*=iso-8859-15''releve.html",
		"Content-Type: application/pdf\nContent-Disposition: attachment; filename*=windows-1252'fr'relev%E9.html",
		"Content-Type: application/pdf\nContent-Disposition: attachment; filename*0*=windows-1252''relev%E9; filename*1=.html",
	} {
		t.Run(head, func(t *testing.T) {
			msg := red31Attached(head + "\n\nVotre releve: <a href=\"//evil.example/login\">ouvrir</a>")
			assertNotOfficialMail(t, c, msg, CodeUnverifiedLink)
		})
	}
}

// TestRed31FrenchBracketDot (finding 13, a miss, sure). textlinks reads
// the English "(dot)", "[dot]", "{dot}" as a dot but not the French
// "(point)", the way a French phishing text tells a reader what to type
// ("tapez ameli-aide(point)com dans votre navigateur"): Official.
// Root cause: internal/textlinks scan.go bracketDots (English only).
func TestRed31FrenchBracketDot(t *testing.T) {
	c := mailChecker(t)
	for _, v := range []string{"ameli-aide(point)com", "ameli-aide[point]com", "ameli-aide (point) com", "ameli-aide{POINT}com/connexion", "remboursement@ameli-aide(point)com"} {
		t.Run(v, func(t *testing.T) {
			rep := red31Check(t, c, red31Mail("", "text/plain; charset=utf-8", "Pour vous connecter, tapez "+v+" dans votre navigateur.\n"))
			assert.Equal(t, Lookalike, rep.Status, "links %v, reasons %v", reportURLs(rep), rep.Codes())
		})
	}
}

// TestRed31AttachmentPastTheBudget (finding 14, a miss, sure). vigie
// searches at most 1 MiB of a part and 4 MiB of a message; text cut off
// makes the message truncated (Suspicious) only when the part is shown
// inline. An HTML attachment is not shown inline, but the browser that
// opens it renders all of it: padded past 1 MiB (a comment), or sent
// after 4 MiB of other text attachments, its link is never read and the
// message stays Official. Padding must never make the answer better.
// Root cause: mime.go walk/readBudget (truncation counted for shown
// parts only).
func TestRed31AttachmentPastTheBudget(t *testing.T) {
	c := mailChecker(t)
	const page = "Content-Type: text/html; name=releve.html\nContent-Disposition: attachment; filename=releve.html\n\n"
	const link = "<a href=\"https://evil.example/login\">Votre espace</a>"
	line := strings.Repeat("a", 76) + "\n"
	csv := strings.Repeat(line, (1<<20+4096)/len(line))
	var earlier strings.Builder
	for i := range 5 {
		earlier.WriteString("Content-Type: text/csv\nContent-Disposition: attachment; filename=export" + string(rune('0'+i)) + ".csv\n\n" + csv + "\n--b\n")
	}
	for name, part := range map[string]string{
		"padded page":             page + "<!--\n" + csv + "-->\n" + link,
		"after other attachments": earlier.String() + page + link,
	} {
		t.Run(name, func(t *testing.T) {
			assertNotOfficialMail(t, c, red31Attached(part), CodeTruncated)
		})
	}
}

// TestRed31SenderFieldShown (finding 15, a miss, sure). Outlook shows a
// Sender that differs from From above the message ("remboursement@
// ameli-aide.com on behalf of Assurance Maladie"), Thunderbird in its
// header pane: a lookalike address the reader sees and may write to.
// DMARC proves the From domain only; vigie never read Sender and kept
// the message Official. Judged as the text shown above the body is (only
// a lookalike or suspicious address counts: a mailing service's bounce
// address changes nothing). Root cause: message.go message.
func TestRed31SenderFieldShown(t *testing.T) {
	c := mailChecker(t)
	rep := red31Check(t, c, red31Mail("Sender: Service Remboursement <remboursement@ameli-aide.com>\r\n", "text/plain; charset=utf-8", "Bonjour.\n"))
	assert.Equal(t, Lookalike, rep.Status, "links %v, reasons %v", reportURLs(rep), rep.Codes())
	rep = red31Check(t, c, red31Mail("Sender: bounces-123@mail.routing.example\r\n", "text/plain; charset=utf-8", "Bonjour.\n"))
	assert.Equal(t, Official, rep.Status, "%v", rep.Reasons)
}

// TestRed31MHTMLFile (finding 16, a miss, sure). A .mht or .mhtml file
// is a MIME document (RFC 2557): Chrome, Edge and Word open it and render
// its HTML part, which is usually base64 or quoted-printable. partKind
// read such an attachment as raw HTML, where the encoded page shows no
// link. Root cause: mimehtml.go partKind/messageFile (.mht taken for
// HTML, not for the message it is).
func TestRed31MHTMLFile(t *testing.T) {
	c := mailChecker(t)
	const mht = "MIME-Version: 1.0\nContent-Type: multipart/related; boundary=\"m\"\n\n--m\nContent-Type: text/html; charset=utf-8\n" +
		"Content-Transfer-Encoding: base64\n\n" +
		"PGh0bWw+PGJvZHk+PGEgaHJlZj0iaHR0cHM6Ly9ldmlsLmV4YW1wbGUvbG9naW4iPlZvdHJlIGVzcGFjZTwvYT48L2JvZHk+PC9odG1sPg==\n--m--\n"
	for _, head := range []string{
		"Content-Type: application/octet-stream\nContent-Disposition: attachment; filename=releve.mht",
		"Content-Type: application/x-mimearchive; name=releve.mhtml",
		"Content-Type: text/html; name=releve.mht",
	} {
		t.Run(head, func(t *testing.T) {
			rep := assertNotOfficialMail(t, c, red31Attached(head+"\n\n"+mht), CodeUnverifiedLink)
			assert.Contains(t, reportURLs(rep), "https://evil.example/login")
		})
	}
}

// red31Zip builds a zip archive of the given files, base64-encoded as a
// MIME body.
func red31Zip(t *testing.T, files map[string]string) string {
	t.Helper()
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for name, content := range files {
		f, err := w.Create(name)
		require.NoError(t, err)
		_, err = f.Write([]byte(content))
		require.NoError(t, err)
	}
	require.NoError(t, w.Close())
	return base64.StdEncoding.EncodeToString(buf.Bytes())
}

// TestRed31ZipArchives (finding 17, a miss, sure). An HTML page inside a
// .zip attachment is the commonest way phishing ships a login page past
// filters: Windows Explorer and macOS open the archive with a double
// click, the page with another, in the browser. A .docx, .xlsx or .pptx
// is a zip archive whose external hyperlinks (the .rels Relationship
// targets with TargetMode="External", a HYPERLINK field) Word, Excel and
// PowerPoint follow on a click; an OpenDocument file writes them as
// xlink:href. vigie skipped every such attachment: Official. A zip
// entry vigie cannot read (encrypted, a zip in the zip) is unread-content.
// Root cause: mimehtml.go partKind (archives skipped).
func TestRed31ZipArchives(t *testing.T) {
	c := mailChecker(t)
	const rels = `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
		`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://evil.example/login" TargetMode="External"/>` +
		`</Relationships>`
	for _, tt := range []struct {
		name, head string
		files      map[string]string
	}{
		{"html in a zip", "Content-Type: application/zip; name=releve.zip", map[string]string{"releve.html": `<a href="//evil.example/login">Votre espace</a>`}},
		{"docx", "Content-Type: application/octet-stream\nContent-Disposition: attachment; filename=attestation.docx", map[string]string{
			"word/document.xml":            `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p/></w:body></w:document>`,
			"word/_rels/document.xml.rels": rels}},
		{"docx field", "Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document; name=a.docx", map[string]string{
			"word/document.xml": `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:instrText> HYPERLINK "https://evil.example/login" </w:instrText></w:r></w:p></w:body></w:document>`}},
		{"odt", "Content-Type: application/vnd.oasis.opendocument.text; name=a.odt", map[string]string{
			"content.xml": `<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:xlink="http://www.w3.org/1999/xlink"><text:p><text:a xlink:href="https://evil.example/login">ici</text:a></text:p></office:document-content>`}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			msg := red31Attached(tt.head + "\nContent-Transfer-Encoding: base64\n\n" + red31Zip(t, tt.files))
			rep := assertNotOfficialMail(t, c, msg, CodeUnverifiedLink)
			assert.Contains(t, reportURLs(rep), "https://evil.example/login")
		})
	}
	t.Run("zip in a zip", func(t *testing.T) {
		inner := red31Zip(t, map[string]string{"releve.html": `<a href="//evil.example/login">x</a>`})
		raw, err := base64.StdEncoding.DecodeString(inner)
		require.NoError(t, err)
		msg := red31Attached("Content-Type: application/zip; name=a.zip\nContent-Transfer-Encoding: base64\n\n" + red31Zip(t, map[string]string{"b.zip": string(raw)}))
		assertNotOfficialMail(t, c, msg, CodeUnreadContent)
	})
	t.Run("official docx", func(t *testing.T) {
		msg := red31Attached("Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document; name=a.docx\nContent-Transfer-Encoding: base64\n\n" +
			red31Zip(t, map[string]string{"word/_rels/document.xml.rels": strings.ReplaceAll(rels, "https://evil.example/login", "https://www.ameli.fr/assure")}))
		assertOfficialMail(t, c, msg)
	})
}
