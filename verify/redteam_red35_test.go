package verify

import (
	"bytes"
	"compress/zlib"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"hash/adler32"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Red team red35 (a helper session attacking fc54e4f: the PDF
// attachment reader, verify/mimepdf.go). Each case below fails at
// fc54e4f: a proven message whose PDF leads its reader, in a viewer,
// somewhere vigie did not read, was official.

const red35Evil = "https://evil.example/connexion"

// red35Objects is the content of an object stream holding objects
// numbered from 50: its header of number and offset pairs, then the
// objects; and the offset of the first (/First).
func red35Objects(objects ...string) (string, int) {
	var header, body strings.Builder
	for i, o := range objects {
		header.WriteString(strconv.Itoa(50+i) + " " + strconv.Itoa(body.Len()) + " ")
		body.WriteString(o + "\n")
	}
	return header.String() + body.String(), header.Len()
}

// red35Zlib compresses s.
func red35Zlib(s string) []byte {
	var z bytes.Buffer
	w := zlib.NewWriter(&z)
	w.Write([]byte(s))
	w.Close()
	return z.Bytes()
}

// red35ZlibStored is a zlib stream whose first deflate block is stored
// (its bytes written as they are: clear) and whose second is compressed.
func red35ZlibStored(clear, packed string) []byte {
	var fl bytes.Buffer
	fl.Write([]byte{0x78, 0x01})
	fl.WriteByte(0) // BFINAL 0, BTYPE 00: a stored block
	binary.Write(&fl, binary.LittleEndian, uint16(len(clear)))
	binary.Write(&fl, binary.LittleEndian, ^uint16(len(clear)))
	fl.WriteString(clear)
	z := red35Zlib(packed)
	fl.Write(z[2 : len(z)-4]) // the raw deflate blocks of packed
	binary.Write(&fl, binary.BigEndian, adler32.Checksum([]byte(clear+packed)))
	return fl.Bytes()
}

// red35Stream is a stream object of that dictionary (with %N, %F and %L
// replaced by the number of objects, /First and /Length) and data.
func red35Stream(dict string, n, first int, data []byte) string {
	dict = strings.NewReplacer("%N", strconv.Itoa(n), "%F", strconv.Itoa(first), "%L", strconv.Itoa(len(data))).Replace(dict)
	return dict + "\nstream\n" + string(data) + "\nendstream"
}

// red35PNGUp encodes b with the PNG Up predictor (Predictor 12) in rows
// of columns bytes.
func red35PNGUp(b []byte, columns int) []byte {
	for len(b)%columns != 0 {
		b = append(b, ' ')
	}
	var out []byte
	prev := make([]byte, columns)
	for i := 0; i < len(b); i += columns {
		out = append(out, 2)
		for k := range columns {
			out = append(out, b[i+k]-prev[k])
		}
		prev = b[i : i+columns]
	}
	return out
}

// red35Packed is a PDF whose object 2 is an object stream holding a
// link annotation to red35Evil, with that dictionary and data.
func red35Packed(dict string, data func(objects string) []byte, more ...string) []byte {
	objects, first := red35Objects(uriAnnot("(" + red35Evil + ")"))
	return pdfFile(append([]string{"<< /Type /Catalog >>", red35Stream(dict, 1, first, data(objects))}, more...)...)
}

func red35Flate(objects string) []byte { return red35Zlib(objects) }

// red35After is a PDF whose object stream, of that dictionary, holding
// a link to red35Evil, follows the object before.
func red35After(before, dict string) []byte {
	objects, first := red35Objects(uriAnnot("(" + red35Evil + ")"))
	return pdfFile(before, red35Stream(dict, 1, first, red35Zlib(objects)))
}

// red35Nested is a PDF whose object stream packs an object stream (pdf.js
// reads the objects an object stream packs with streams allowed,
// XRef.fetchCompressed), which packs the link.
func red35Nested() []byte {
	inner, first := red35Objects(uriAnnot("(" + red35Evil + ")"))
	stream := red35Stream("<< /Type /ObjStm /N %N /First %F /Filter /FlateDecode /Length %L >>", 1, first, red35Zlib(inner))
	var header, body strings.Builder
	header.WriteString("60 0 ")
	body.WriteString(stream + "\n")
	outer := header.String() + body.String()
	return pdfFile("<< /Type /Catalog >>", red35Stream("<< /Type /ObjStm /N %N /First %F /Filter /FlateDecode /Length %L >>", 1, header.Len(), red35Zlib(outer)))
}

// red35SameLine is a PDF whose object stream's "stream" keyword is
// followed, on its line, by a complete zlib stream of harmless objects
// (its header byte '(' ends the keyword), then by the end of line and
// the zlib stream of the link. Viewers skip the rest of the keyword's
// line (pdf.js Lexer.skipToNextLine, PDFium ToNextLine) and decode the
// second.
func red35SameLine() []byte {
	objects, first := red35Objects(uriAnnot("(" + red35Evil + ")"))
	harmless := "50 0 << >>"
	var z []byte
	for ; ; harmless += " " {
		var b bytes.Buffer
		b.Write([]byte{0x28, 0x15, 0x01}) // CMF 0x28 (deflate, 1 KB window): '('
		binary.Write(&b, binary.LittleEndian, uint16(len(harmless)))
		binary.Write(&b, binary.LittleEndian, ^uint16(len(harmless)))
		b.WriteString(harmless)
		binary.Write(&b, binary.BigEndian, adler32.Checksum([]byte(harmless)))
		if z = b.Bytes(); !bytes.ContainsAny(z, "\r\n") {
			break
		}
	}
	data := red35Zlib(objects)
	dict := "<< /Type /ObjStm /N 1 /First " + strconv.Itoa(first) + " /Filter /FlateDecode /Length " + strconv.Itoa(len(data)) + " >>"
	return pdfFile("<< /Type /Catalog >>", dict+"\nstream"+string(z)+"\n"+string(data)+"\nendstream")
}

// TestRed35PDF checks that what a viewer follows in a PDF is read, or
// the message is not official.
func TestRed35PDF(t *testing.T) {
	c := mailChecker(t)
	const plain = "<< /Type /ObjStm /N %N /First %F /Filter /FlateDecode /Length %L >>"
	for _, tc := range []struct {
		name string
		pdf  []byte
	}{
		{"obj written in the dictionary after its type", red35Packed("<< /Type /ObjStm /N %N /First %F /Filter /FlateDecode /Length %L /Subj (obj) >>", red35Flate)},
		{"stream written in the dictionary before its type", red35Packed("<< /Producer (stream) /Type /ObjStm /N %N /First %F /Filter /FlateDecode /Length %L >>", red35Flate)},
		{"endstream inside the compressed data", red35Packed(plain, func(o string) []byte { return red35ZlibStored("% endstream\n", o) })},
		{"the filter an indirect object", red35Packed("<< /Type /ObjStm /N %N /First %F /Filter 3 0 R /Length %L >>", red35Flate, "/FlateDecode")},
		{"the predictor an indirect object", red35Packed("<< /Type /ObjStm /N %N /First %F /Filter /FlateDecode /DecodeParms 3 0 R /Length %L >>",
			func(o string) []byte { return red35Zlib(string(red35PNGUp([]byte(o), 8))) }, "<< /Predictor 12 /Columns 8 >>")},
		{"the type an indirect object", red35Packed("<< /Type 3 0 R /N %N /First %F /Filter /FlateDecode /Length %L >>", red35Flate, "/ObjStm")},
		{"a hexadecimal name after the filter", red35Packed("<< /Type /ObjStm /N %N /First %F /Filter /FlateDecode /Length %L /Note /AHx >>", red35Flate)},
		{"a form's URL an indirect string", pdfFile("<< /A << /S /SubmitForm /F 2 0 R >> >>", "("+red35Evil+")")},
		{"a remote document an indirect string", pdfFile("<< /A << /S /GoToR /F 2 0 R /D [0 /Fit] >> >>", "("+red35Evil+")")},
		{"a remote document named by its Unix path", pdfFile("<< /A << /S /GoToR /F << /Type /Filespec /Unix (" + red35Evil + ") >> >> >>")},
		{"a remote document named by its DOS path", pdfFile("<< /A << /S /GoToR /F << /Type /Filespec /DOS (" + red35Evil + ") >> >> >>")},
		{"a remote document at www.", pdfFile("<< /A << /S /GoToR /F (www.evil.example/connexion) >> >>")},
		{"a remote document after a space, scheme-relative", pdfFile("<< /A << /S /GoToR /F ( //evil.example/connexion) >> >>")},
		{"a remote document after a slash and a backslash", pdfFile("<< /A << /S /GoToR /F <2F5C6576696C2E6578616D706C652F636F6E6E6578696F6E> >> >>")},
		{"data after the stream keyword on its line", red35SameLine()},
		{"an object stream packed in another", red35Nested()},
		{"a file attached to an annotation", pdfFile("<< /Type /Annot /Subtype /FileAttachment /Rect [0 0 9 9] /FS << /Type /Filespec /F (facture.html) /EF << /F 2 0 R >> >> >>",
			red35Stream("<< /Length %L >>", 0, 0, []byte("<a href=\""+red35Evil+"\">ameli</a>")))},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep, err := c.Message(strings.NewReader(pdfMail(tc.pdf, "")))
			require.NoError(t, err)
			assert.NotEqual(t, Official, rep.Status, "%v", rep.Reasons)
			assert.True(t, rep.Has(CodeUnverifiedLink) || rep.Has(CodeUnreadContent), "%v", rep.Reasons)
		})
	}
}

// TestRed35PDFValuesBounded checks that strings opened and never closed
// ("/URI (" repeated) are read in bounded memory: each was read to the
// end of the PDF and recorded whole, quadratic in the PDF's size (a
// 400 KB PDF took 4 minutes and 72 GB of allocations; one of 16 MB, the
// size read, would not end).
func TestRed35PDFValuesBounded(t *testing.T) {
	c := Default()
	for _, tc := range []struct {
		name string
		pdf  []byte
	}{
		{"literal strings", pdfFile(strings.Repeat("/URI (", 4096))},
		{"hexadecimal strings", pdfFile(strings.Repeat("/URI <68", 4096))},
		{"nested strings closed", pdfFile(strings.Repeat("/F (https://evil.example/", 2048) + strings.Repeat(")", 2048))},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body := &bodyText{}
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			c.readPDF(bytes.NewReader(tc.pdf), body)
			runtime.ReadMemStats(&after)
			assert.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(64*len(tc.pdf))+8<<20, "bytes allocated")
		})
	}
}

// TestRed35PDFControls checks what the fixes above must keep or must not
// open: a PDF whose streams are read as a viewer reads them stays
// official, and ways around the reading in order are not official.
func TestRed35PDFControls(t *testing.T) {
	c := mailChecker(t)
	official := uriAnnot("(https://www.ameli.fr/assure)")
	packed := func(dict string, data func(string) []byte) string {
		objects, first := red35Objects(official)
		return red35Stream(dict, 1, first, data(objects))
	}
	const plain = "<< /Type /ObjStm /N %N /First %F /Filter /FlateDecode /Length %L >>"
	for _, tc := range []struct {
		name     string
		pdf      []byte
		official bool
	}{
		{"an official packed link", pdfFile("<< /Type /Catalog >>", packed(plain, red35Flate)), true},
		{"a string saying stream and obj", pdfFile("<< /Title (the stream obj) >>", packed(plain, red35Flate)), true},
		{"a page's content stream", pdfFile(official, red35Stream("<< /Filter /FlateDecode /Length %L >>", 0, 0, red35Zlib("BT /F1 12 Tf (Bonjour) Tj ET"))), true},
		{"an indirect file specification dictionary", pdfFile("<< /A << /S /GoToR /F 2 0 R >> >>", "<< /FS /URL /F (https://www.ameli.fr/doc.pdf) >>"), true},
		{"the filter abbreviated as pdf.js reads it", red35Packed("<< /Type /ObjStm /N %N /First %F /F /FlateDecode /Length %L >>", red35Flate), false},
		{"the filter written twice, the last one read", red35Packed("<< /Type /ObjStm /N %N /First %F /Filter /AHx /Filter /FlateDecode /Length %L >>",
			func(o string) []byte {
				return red35ZlibStored(strings.ToUpper(hex.EncodeToString(red35Zlib("50 0 << >>\n")))+">\n", o)
			}), false},
		{"a string never closed before the object stream", red35After("(never closed", plain), false},
		{"a string never closed, comments before the stream keyword", red35After("(never closed", plain+" % a\n% b (c%) >>\n"), false},
		{"an object stream written inside another stream's data", pdfFile("<< /Type /Catalog >>", red35Stream("<< /Length %L >>", 0, 0,
			[]byte("x\n9 0 obj\n"+string(red35Packed(plain, red35Flate))))), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep, err := c.Message(strings.NewReader(pdfMail(tc.pdf, "")))
			require.NoError(t, err)
			if tc.official {
				assert.Equal(t, Official, rep.Status, "%v", rep.Reasons)
			} else {
				assert.NotEqual(t, Official, rep.Status, "%v", rep.Reasons)
			}
		})
	}
}

// TestRed35PDFAttachedOtherwise checks that a PDF is read when its type
// is one of the names the shared MIME database (shared-mime-info, which
// Linux desktops open attachments by) gives PDF, or when nothing names
// it and its content is a PDF's (the database's magic: "%PDF-" within
// its first 1024 bytes, what a desktop opens a file without extension
// by).
func TestRed35PDFAttachedOtherwise(t *testing.T) {
	c := mailChecker(t)
	pdf := pdfFile(uriAnnot("(" + red35Evil + ")"))
	for _, head := range []string{
		"Content-Type: application/acrobat; name=\"releve\"",
		"Content-Type: image/pdf",
		"Content-Type: application/nappdf; name=\"releve\"",
		"Content-Type: application/octet-stream",
		"Content-Type: application/octet-stream\nContent-Disposition: attachment; filename=\"releve\"",
	} {
		t.Run(head, func(t *testing.T) {
			rep, err := c.Message(strings.NewReader(pdfMail(append([]byte("\r\n"), pdf...), head)))
			require.NoError(t, err)
			assert.NotEqual(t, Official, rep.Status, "%v", rep.Reasons)
			assert.Contains(t, linkHosts(rep), "evil.example")
		})
	}
}

// TestRed35PDFMisspeltEncoding checks that a PDF attachment whose
// Content-Transfer-Encoding go-message does not know is not official:
// its undecoded text was read as the PDF, while lenient mail clients
// decode "x-base64" or "base-64" as base64 (guessEncoding) and
// Thunderbird decodes "x-uuencode".
func TestRed35PDFMisspeltEncoding(t *testing.T) {
	c := mailChecker(t)
	pdf := base64.StdEncoding.EncodeToString(pdfFile(uriAnnot("(" + red35Evil + ")")))
	for _, tc := range []struct{ head, cte string }{
		{"Content-Type: application/pdf; name=\"releve.pdf\"", "x-base64"},
		{"Content-Type: application/octet-stream; name=\"releve.pdf\"", "base-64"},
		{"Content-Type: application/pdf; name=\"releve.pdf\"", "x-uuencode"},
		{"Content-Type: application/pdf; name=\"releve.html\"", "x-base64"},
	} {
		t.Run(tc.cte+" "+tc.head, func(t *testing.T) {
			rep, err := c.Message(strings.NewReader(red31Attached(tc.head + "\nContent-Transfer-Encoding: " + tc.cte + "\n\n" + pdf)))
			require.NoError(t, err)
			assert.NotEqual(t, Official, rep.Status, "%v", rep.Reasons)
			if tc.cte != "x-uuencode" {
				assert.Contains(t, linkHosts(rep), "evil.example")
			}
		})
	}
}

// TestRed35PDFInOfficeObject checks that a PDF embedded in a Word file as
// an object (Insert > Object: word/embeddings/oleObject1.bin, an OLE
// compound file whose CONTENTS stream is the PDF, opened in the PDF
// reader by a double click), or any file packaged so (an Ole10Native
// stream: an .html, a .lnk), is not official.
func TestRed35PDFInOfficeObject(t *testing.T) {
	c := mailChecker(t)
	cfb := "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + strings.Repeat("\x00", 504)
	for _, tc := range []struct{ name, object string }{
		{"a PDF", cfb + string(pdfFile(uriAnnot("("+red35Evil+")")))},
		{"a packaged file", cfb + "R\x00o\x00o\x00t\x00 \x00E\x00n\x00t\x00r\x00y\x00\x00\x00" + "\x01\x00O\x00l\x00e\x001\x000\x00N\x00a\x00t\x00i\x00v\x00e\x00" + "facture.html\x00<a href=\"" + red35Evil + "\">ameli</a>"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			z := red32Zip(t, [2]string{"[Content_Types].xml", "<Types/>"}, [2]string{"word/document.xml", red32Word + "<w:p/></w:body></w:document>"},
				[2]string{"word/embeddings/oleObject1.bin", tc.object})
			rep := red31Check(t, c, red32Attach(red32Docx, z))
			assert.NotEqual(t, Official, rep.Status, "%v", rep.Reasons)
		})
	}
}

// TestRed35PDFMessageBudget checks that the PDFs of one message are read
// within one budget: a zip archive of 1000 PDFs (its most) of 16 MB of
// zeros each, 16 MB compressed, was read whole, 16 GB (40 of them, 600
// KB zipped, took 1 s: the archive, about 25 s). Past the budget, PDFs
// are noted unread.
func TestRed35PDFMessageBudget(t *testing.T) {
	c := Default()
	zeros := string(make([]byte, 15<<20))
	var files [][2]string
	for i := range 5 {
		files = append(files, [2]string{"releve" + strconv.Itoa(i) + ".pdf", zeros})
	}
	body := &bodyText{}
	c.readZip(bytes.NewReader(red32Zip(t, files...)), body, false)
	assert.NotEmpty(t, body.unread)
}

// TestRed35OutlookItem checks that an Outlook item attached as a file (a
// .msg, MS-OXMSG: a compound file Outlook opens with a double click,
// showing the message, its links and its attachments, a PDF among them)
// is not official: vigie cannot open it.
func TestRed35OutlookItem(t *testing.T) {
	c := mailChecker(t)
	item := append([]byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"+strings.Repeat("\x00", 504)), pdfFile(uriAnnot("("+red35Evil+")"))...)
	for _, head := range []string{
		"Content-Type: application/vnd.ms-outlook; name=\"releve.msg\"",
		"Content-Type: application/octet-stream\nContent-Disposition: attachment; filename=\"releve.msg\"",
		"Content-Type: application/vnd.ms-outlook",
	} {
		t.Run(head, func(t *testing.T) {
			rep, err := c.Message(strings.NewReader(pdfMail(item, head)))
			require.NoError(t, err)
			assert.NotEqual(t, Official, rep.Status, "%v", rep.Reasons)
		})
	}
}
