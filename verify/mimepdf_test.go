package verify

import (
	"archive/zip"
	"bytes"
	"compress/zlib"
	"encoding/ascii85"
	"encoding/base64"
	"encoding/hex"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pdfFile is a PDF of the given objects, written in the clear.
func pdfFile(objects ...string) []byte {
	var b strings.Builder
	b.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	for i, o := range objects {
		b.WriteString(strconv.Itoa(i+1) + " 0 obj\n" + o + "\nendobj\n")
	}
	b.WriteString("trailer\n<< /Root 1 0 R >>\n%%EOF\n")
	return []byte(b.String())
}

// pdfPacked is an object stream holding objects, compressed.
func pdfPacked(filters string, objects ...string) string {
	var header, body strings.Builder
	for i, o := range objects {
		header.WriteString(strconv.Itoa(50+i) + " " + strconv.Itoa(body.Len()) + " ")
		body.WriteString(o + "\n")
	}
	raw := header.String() + body.String()
	var z bytes.Buffer
	w := zlib.NewWriter(&z)
	w.Write([]byte(raw))
	w.Close()
	data := z.String()
	if strings.Contains(filters, "A85") {
		var out bytes.Buffer
		enc := ascii85.NewEncoder(&out)
		enc.Write(z.Bytes())
		enc.Close()
		data = "<~" + out.String() + "~>"
	}
	return "<< /Type /ObjStm /N " + strconv.Itoa(len(objects)) + " /First " + strconv.Itoa(header.Len()) + " /Filter " + filters +
		" /Length " + strconv.Itoa(len(data)) + " >>\nstream\n" + data + "\nendstream"
}

// pdfMail is a proven message with an official text part and a PDF.
func pdfMail(pdf []byte, partHead string) string {
	if partHead == "" {
		partHead = "Content-Type: application/pdf\nContent-Disposition: attachment; filename=\"releve.pdf\""
	}
	return red31Attached(partHead + "\nContent-Transfer-Encoding: base64\n\n" + base64.StdEncoding.EncodeToString(pdf))
}

func uriAnnot(uri string) string {
	return "<< /Type /Annot /Subtype /Link /Rect [0 0 100 20] /A << /S /URI /URI " + uri + " >> >>"
}

func utf16Hex(s string) string {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u>>8), byte(u))
	}
	return "<FEFF" + strings.ToUpper(hex.EncodeToString(b)) + ">"
}

// TestPDFLinks checks that the links a PDF viewer follows are read from
// an attached PDF however they are written, and that what vigie cannot
// read in one makes a proven message unknown, never official.
func TestPDFLinks(t *testing.T) {
	c := mailChecker(t)
	evil := "https://evil.example/connexion"
	for _, tc := range []struct {
		name string
		pdf  []byte
		host string // a link host the report must list; "" for none
		code Code   // a reason the report must carry; "" for an official report
	}{
		{"an official link", pdfFile(uriAnnot("(https://www.ameli.fr/assure)")), "www.ameli.fr", ""},
		{"a link elsewhere", pdfFile(uriAnnot("(" + evil + ")")), "evil.example", CodeUnverifiedLink},
		{"a lookalike", pdfFile(uriAnnot("(https://ameli-aide.com/)")), "ameli-aide.com", CodeComboSquat},
		{"a name written with # escapes", pdfFile("<< /A << /S /#55RI /U#52I (" + evil + ") >> >>"), "evil.example", CodeUnverifiedLink},
		{"a hexadecimal string", pdfFile(uriAnnot("<" + strings.ToUpper(hexOf(evil)) + ">")), "evil.example", CodeUnverifiedLink},
		{"a UTF-16 string", pdfFile(uriAnnot(utf16Hex(evil))), "evil.example", CodeUnverifiedLink},
		{"escapes and a continued line", pdfFile(uriAnnot(`(https://evil\056example/\(a\)\` + "\n" + `b)`)), "evil.example", CodeUnverifiedLink},
		{"a comment before the value", pdfFile("<< /A << /S /URI /URI % note\n(" + evil + ") >> >>"), "evil.example", CodeUnverifiedLink},
		{"a form posting to a server", pdfFile("<< /A << /S /SubmitForm /F << /FS /URL /F (" + evil + ") >> >> >>"), "evil.example", CodeUnverifiedLink},
		{"a remote document", pdfFile("<< /A << /S /GoToR /F (" + evil + "/doc.pdf) /D [0 /Fit] >> >>"), "evil.example", CodeUnverifiedLink},
		{"a packed object", pdfFile("<< /Type /Catalog >>", pdfPacked("/FlateDecode", uriAnnot("("+evil+")"))), "evil.example", CodeUnverifiedLink},
		{"a packed object, two filters", pdfFile("<< /Type /Catalog >>", pdfPacked("[/A85 /Fl]", uriAnnot("("+evil+")"))), "evil.example", CodeUnverifiedLink},
		{"a local file name is no link", pdfFile("<< /A << /S /GoToR /F (annexe.pdf) >> >>", uriAnnot("(https://www.ameli.fr/)")), "www.ameli.fr", ""},
		{"an indirect address", pdfFile("<< /A << /S /URI /URI 2 0 R >> >>", "("+evil+")"), "", CodeUnreadContent},
		{"scripts", pdfFile("<< /OpenAction << /S /JavaScript /JS (app.launchURL\\(\"x\"\\)) >> >>"), "", CodeUnreadContent},
		{"a launch action", pdfFile("<< /A << /S /Launch /F (cmd.exe) >> >>"), "", CodeUnreadContent},
		{"encryption", append(pdfFile(uriAnnot("(https://www.ameli.fr/)")), []byte("trailer << /Encrypt 9 0 R >>")...), "", CodeUnreadContent},
		{"an embedded file", pdfFile("<< /Type /EmbeddedFile /Length 3 >>"), "", CodeUnreadContent},
		{"a packed object in LZW", pdfFile(strings.Replace(pdfPacked("/FlateDecode", uriAnnot("("+evil+")")), "/FlateDecode", "/LZWDecode", 1)), "", CodeUnreadContent},
		{"a packed object with a predictor", pdfFile(strings.Replace(pdfPacked("/FlateDecode", uriAnnot("("+evil+")")), "/Length", "/DecodeParms << /Predictor 12 /Columns 4 >> /Length", 1)), "", CodeUnreadContent},
		{"a packed object that does not inflate", pdfFile(strings.Replace(pdfPacked("/FlateDecode", uriAnnot("("+evil+")")), "stream\nx", "stream\n?", 1)), "", CodeUnreadContent},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep, err := c.Message(strings.NewReader(pdfMail(tc.pdf, "")))
			require.NoError(t, err)
			if tc.code == "" {
				assert.Equal(t, Official, rep.Status, "%v", rep.Reasons)
			} else {
				assert.NotEqual(t, Official, rep.Status)
				assert.True(t, rep.Has(tc.code), "want %s: %v", tc.code, rep.Reasons)
			}
			if tc.host != "" {
				assert.Contains(t, linkHosts(rep), tc.host)
			}
		})
	}
}

// hexOf is s in hexadecimal, with white space, which readers skip.
func hexOf(s string) string {
	h := hex.EncodeToString([]byte(s))
	return h[:6] + " \n" + h[6:]
}

func linkHosts(rep Report) []string {
	var hosts []string
	for _, l := range rep.Links {
		hosts = append(hosts, l.Host)
	}
	return hosts
}

// TestPDFWherever checks that a PDF is read however it is attached: by
// its name alone, inside a zip archive, and both as a PDF and as a page
// when its type and name disagree.
func TestPDFWherever(t *testing.T) {
	c := mailChecker(t)
	pdf := pdfFile(uriAnnot("(https://evil.example/connexion)"))
	var z bytes.Buffer
	zw := zip.NewWriter(&z)
	w, err := zw.Create("docs/releve.pdf")
	require.NoError(t, err)
	w.Write(pdf)
	require.NoError(t, zw.Close())
	for _, tc := range []struct {
		name, head string
		data       []byte
	}{
		{"named .pdf, typed octet-stream", "Content-Type: application/octet-stream; name=\"releve.pdf\"", pdf},
		{"in a zip archive", "Content-Type: application/zip; name=\"docs.zip\"", z.Bytes()},
		{"typed PDF, named .html", "Content-Type: application/pdf\nContent-Disposition: attachment; filename=\"releve.html\"", pdf},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep, err := c.Message(strings.NewReader(pdfMail(tc.data, tc.head)))
			require.NoError(t, err)
			assert.Equal(t, Unknown, rep.Status, "%v", rep.Reasons)
			assert.Contains(t, linkHosts(rep), "evil.example")
		})
	}
}

// TestPDFBounds checks the bounds of a PDF's reading: a PDF larger than
// vigie reads, and an object stream that inflates past the budget (a
// decompression bomb), are noted unread, in bounded memory.
func TestPDFBounds(t *testing.T) {
	c := Default()
	t.Run("too large", func(t *testing.T) {
		body := &bodyText{}
		c.readPDF(bytes.NewReader(make([]byte, maxPDFSize+1)), body)
		assert.NotEmpty(t, body.unread)
	})
	t.Run("a decompression bomb", func(t *testing.T) {
		z := zlibZeros(4 * maxPDFInflated)
		pdf := pdfFile("<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode >>\nstream\n" + string(z) + "\nendstream")
		body := &bodyText{}
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		c.readPDF(bytes.NewReader(pdf), body)
		runtime.ReadMemStats(&after)
		assert.Equal(t, []string{"packed objects of a PDF larger than vigie inflates"}, body.unread)
		// Growing to the budget costs about twice the budget (more
		// under the race detector); the bomb's full size is never
		// allocated.
		assert.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(6*maxPDFInflated), "bytes allocated")
	})
}

// zlibZeros is a zlib stream of n zero bytes, n a multiple of 258 plus
// one, written by hand: a literal 0, then copies of 258 bytes at distance
// 1 in one fixed-Huffman block (RFC 1951, 3.2.6), 13 bits each, so that
// building a bomb costs little even under the race detector. Its checksum
// is not written: no reader within the budget gets there.
func zlibZeros(n int) []byte {
	out := []byte{0x78, 0x01}
	var acc uint64
	var nbits uint
	put := func(v uint64, bits uint) { // LSB first
		acc |= v << nbits
		for nbits += bits; nbits >= 8; nbits -= 8 {
			out = append(out, byte(acc))
			acc >>= 8
		}
	}
	code := func(c uint64, bits uint) { // a Huffman code, MSB first
		var r uint64
		for i := range bits {
			r |= (c >> i & 1) << (bits - 1 - i)
		}
		put(r, bits)
	}
	put(1, 1)     // BFINAL
	put(1, 2)     // BTYPE 01, fixed codes
	code(0x30, 8) // literal 0
	for range n / 258 {
		code(0xc5, 8) // length 258 (code 285)
		code(0, 5)    // distance 1 (code 0)
	}
	code(0, 7) // end of block
	put(0, 7)
	return out
}

// FuzzPDF checks that any bytes read as a PDF end without a panic, with
// no more links than the PDF has "/URI" or "/F" keys to write them.
func FuzzPDF(f *testing.F) {
	f.Add(pdfFile(uriAnnot("(https://www.ameli.fr/)")))
	f.Add(pdfFile("<< /Type /Catalog >>", pdfPacked("/FlateDecode", uriAnnot("(https://evil.example/)"))))
	f.Add(pdfFile("<< /Type /Catalog >>", pdfPacked("[/A85 /Fl]", uriAnnot("<68747470733a2f2f>"))))
	f.Add([]byte("stream\nendstream obj stream (\\"))
	c := Default()
	f.Fuzz(func(t *testing.T, data []byte) {
		body := &bodyText{}
		c.readPDF(bytes.NewReader(data), body)
		// An object stream may hold keys the raw bytes do not show,
		// within the inflation budget; a key's indirect value, each
		// definition ("obj") of its number.
		if keys := bytes.Count(data, []byte("/")) + bytes.Count(data, []byte("obj")); len(body.links) > keys && len(data) < 1<<10 && !bytes.Contains(data, []byte("stream")) {
			t.Fatalf("%d links from %d names", len(body.links), keys)
		}
	})
}
