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

// Red team red31, findings 10 to 17 (see redteam_red31_test.go for the
// helpers and findings 1 to 9).

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
	t.Run("iso in a zip", func(t *testing.T) {
		msg := red31Attached("Content-Type: application/zip; name=a.zip\nContent-Transfer-Encoding: base64\n\n" + red31Zip(t, map[string]string{"releve.iso": "CD001"}))
		assertNotOfficialMail(t, c, msg, CodeUnreadContent)
	})
	t.Run("official docx", func(t *testing.T) {
		msg := red31Attached("Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document; name=a.docx\nContent-Transfer-Encoding: base64\n\n" +
			red31Zip(t, map[string]string{"word/_rels/document.xml.rels": strings.ReplaceAll(rels, "https://evil.example/login", "https://www.ameli.fr/assure")}))
		assertOfficialMail(t, c, msg)
	})
}

// TestRed31ArchivesNotOpened (finding 18, a miss, sure). Windows mounts
// an .iso, .img or .vhd attachment with a double click and opens .rar,
// .7z, .tar and .gz archives in Explorer (Windows 11), where the HTML page
// inside opens in the browser: the way phishing has shipped pages since
// Office blocked macros. vigie opens none of them (no reader without a
// new dependency) and, seeing no link, kept the message Official. Not
// opened, not vouched for: unread-content. Root cause: mimehtml.go
// partKind (such archives skipped silently).
func TestRed31ArchivesNotOpened(t *testing.T) {
	c := mailChecker(t)
	for _, head := range []string{
		"Content-Type: application/octet-stream; name=releve.iso",
		"Content-Type: application/x-rar-compressed; name=releve.rar",
		"Content-Type: application/octet-stream\nContent-Disposition: attachment; filename=releve.7z",
		"Content-Type: application/gzip; name=releve.html.gz",
		"Content-Type: application/x-iso9660-image",
	} {
		t.Run(head, func(t *testing.T) {
			assertNotOfficialMail(t, c, red31Attached(head+"\n\nRar!\x1a\x07\x00"), CodeUnreadContent)
		})
	}
	t.Run("a PDF stays official", func(t *testing.T) {
		assertOfficialMail(t, c, red31Attached("Content-Type: application/pdf; name=attestation.pdf\n\n%PDF-1.4"))
	})
}

// TestRed31ShortcutFiles (finding 19, a miss, sure). Besides .url and
// .webloc, Windows opens a .website (an Internet Explorer pinned site,
// written as an .url is), a .library-ms or a .searchConnector-ms (XML
// naming a location, a WebDAV share on a remote host, which Explorer
// opens with a login prompt of its own; phishing has shipped both), and
// Linux desktops a .desktop file of Type=Link: each names a site the
// system opens. partKind skipped them. Root cause: mimehtml.go partKind
// (their names not among the text files).
func TestRed31ShortcutFiles(t *testing.T) {
	c := mailChecker(t)
	for _, tt := range []struct{ name, content string }{
		{"Mon espace.website", "[InternetShortcut]\nURL=https://evil.example/login\n"},
		{"Documents.library-ms", `<libraryDescription xmlns="http://schemas.microsoft.com/windows/2009/library"><searchConnectorDescriptionList><searchConnectorDescription><simpleLocation><url>https://evil.example/share</url></simpleLocation></searchConnectorDescription></searchConnectorDescriptionList></libraryDescription>`},
		{"releve.searchConnector-ms", `<searchConnectorDescription xmlns="http://schemas.microsoft.com/windows/2009/searchConnector"><simpleLocation><url>https://evil.example/share</url></simpleLocation></searchConnectorDescription>`},
		{"compte.desktop", "[Desktop Entry]\nType=Link\nName=Mon compte\nURL=https://evil.example/login\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			msg := red31Attached("Content-Type: application/octet-stream\nContent-Disposition: attachment; filename=\"" + tt.name + "\"\n\n" + tt.content)
			assertNotOfficialMail(t, c, msg, CodeUnverifiedLink)
		})
	}
}

// TestRed31ReportParts (finding 20, a miss). A delivery report
// (multipart/report, RFC 6522) carries its status as message/
// delivery-status (RFC 3464), a read receipt as message/
// disposition-notification (RFC 8098), an abuse report as message/
// feedback-report (RFC 5965): text that Gmail and Thunderbird show, where
// a Diagnostic-Code may say "550 blocked, see https://...". vigie skipped
// these parts. Root cause: mimehtml.go partKind (message/ report types
// not read as text).
func TestRed31ReportParts(t *testing.T) {
	c := mailChecker(t)
	for _, typ := range []string{"message/delivery-status", "message/disposition-notification", "message/feedback-report", "message/global-delivery-status"} {
		t.Run(typ, func(t *testing.T) {
			msg := red31Attached("Content-Type: " + typ + "\n\nReporting-MTA: dns; mx.example\n\nFinal-Recipient: rfc822; a@example.org\n" +
				"Diagnostic-Code: smtp; 550 compte bloque, debloquez-le sur https://evil.example/unblock\n")
			assertNotOfficialMail(t, c, msg, CodeUnverifiedLink)
		})
	}
}

// TestRed31TNEF (finding 21, a miss). Outlook decodes a TNEF part
// (application/ms-tnef, winmail.dat) and shows its RTF body, HYPERLINK
// fields and all, and its attachments; vigie skipped it. Not opened, not
// vouched for: unread-content. Root cause: mime.go walk.
func TestRed31TNEF(t *testing.T) {
	c := mailChecker(t)
	for _, head := range []string{
		"Content-Type: application/ms-tnef; name=winmail.dat",
		"Content-Type: application/vnd.ms-tnef",
		"Content-Type: application/octet-stream\nContent-Disposition: attachment; filename=winmail.dat",
	} {
		t.Run(head, func(t *testing.T) {
			assertNotOfficialMail(t, c, red31Attached(head+"\n\n\x78\x9f\x3e\x22"), CodeUnreadContent)
		})
	}
}

// TestRed31HeaderTextWrittenTwice (finding 22, a miss). A message may
// carry two Subject or Sender fields; mail readers do not agree on which
// they show (the argument vigie already makes for Reply-To). Only the
// first was read for hosts, so the lookalike in the second was missed.
// Root cause: message.go message (h.Get reads the first field only).
func TestRed31HeaderTextWrittenTwice(t *testing.T) {
	c := mailChecker(t)
	for _, extra := range []string{
		"Subject: Connectez-vous sur ameli-aide.com\r\n",
		"Sender: assurance-maladie@info.ameli.fr\r\nSender: remboursement@ameli-aide.com\r\n",
	} {
		t.Run(extra, func(t *testing.T) {
			rep := red31Check(t, c, red31Mail(extra, "text/plain; charset=utf-8", "Bonjour.\n"))
			assert.Equal(t, Lookalike, rep.Status, "links %v, reasons %v", reportURLs(rep), rep.Codes())
		})
	}
}
