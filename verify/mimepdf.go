package verify

import (
	"bytes"
	"compress/zlib"
	"encoding/ascii85"
	"io"
	"unicode/utf16"
)

// PDF attachments: the links a viewer follows from a PDF (ISO 32000-1).
// A PDF's link is an action in an object: /URI (a web address), /Launch
// (a program or file), /GoToR, /SubmitForm and the like with a file
// specification /F, which may be a URL (a form that posts what the
// reader types to a server). Objects are written in the clear, or packed
// in object streams (/Type /ObjStm), compressed. Both are read here; what
// cannot be read (encryption, scripts, XFA forms, embedded files, a
// packed stream in an encoding not decoded here) makes the message
// unknown (unread-content), never silently official.
//
// Known gap: viewers (Chrome's, pdf.js, Acrobat) also make a URL written
// in a page's text clickable; page text is not extracted.

const (
	// maxPDFSize bounds the PDF read into memory.
	maxPDFSize = 16 << 20
	// maxPDFMessage bounds the bytes of PDF read in one message.
	maxPDFMessage = 4 * maxPDFSize
	// maxPDFInflated bounds the bytes decompressed from a PDF's object
	// streams (real ones hold kilobytes of objects).
	maxPDFInflated = 16 << 20
	// maxPDFValues bounds the bytes read as the strings of the keys
	// that lead out of a document: far more than the links of any PDF.
	maxPDFValues = 1 << 20
	// maxPDFNesting bounds the object streams read one in another.
	maxPDFNesting = 3
)

// pdfTypes are the types of a PDF: application/pdf and the aliases the
// shared MIME database (shared-mime-info), by which Linux desktops open
// an attachment, gives it (red team red35).
var pdfTypes = map[string]bool{"application/pdf": true, "application/x-pdf": true, "image/pdf": true, "application/acrobat": true, "application/nappdf": true}

// pdfPart reports an attachment that is a PDF, by type or name.
func pdfPart(mediaType string, names []string) bool {
	if pdfTypes[mediaType] {
		return true
	}
	for _, n := range names {
		if fileExt(n) == ".pdf" {
			return true
		}
	}
	return false
}

// sniffPDF reads the first bytes of a part of no useful type and
// returns a reader of the whole part and whether it is a PDF: "%PDF-" in
// its first 1024 bytes, the magic by which a desktop opens a file saved
// without extension (red team red35).
func sniffPDF(r io.Reader) (io.Reader, bool) {
	head, r := readHead(r, 1024)
	return r, bytes.Contains(head, []byte("%PDF-"))
}

// readPDF records the links of a PDF and notes what of it cannot be read.
func (c *Checker) readPDF(r io.Reader, body *bodyText) {
	// One budget for the PDFs of a message: a zip archive of 1000 PDFs
	// of zeros, 16 MB compressed, was 16 GB read (red team red35).
	if body.pdfRead >= maxPDFMessage {
		body.noteUnread("more PDF than vigie reads in one message")
		return
	}
	data, err := io.ReadAll(io.LimitReader(r, maxPDFSize+1))
	body.pdfRead += len(data)
	switch {
	case len(data) > maxPDFSize:
		body.noteUnread("a PDF larger than vigie reads")
		return
	case err != nil:
		body.noteUnread("a PDF that does not decode")
		return
	case body.pdfRead > maxPDFMessage:
		body.noteUnread("more PDF than vigie reads in one message")
		return
	}
	p := pdfReading{body: body, budget: maxPDFInflated, values: maxPDFValues}
	p.scan(data)
	p.objectStreams(data)
	p.resolveFiles(data)
}

// pdfReading is the state of one PDF's reading.
type pdfReading struct {
	body   *bodyText
	budget int          // bytes object streams may still read and inflate to
	values int          // bytes strings may still be read from
	packed []pdfObjStm  // the object streams decoded
	refs   map[int]bool // the objects file specifications refer to
	nested int          // the object streams being read, one in another
}

// unread notes what a viewer may show or run and vigie cannot read.
func (p *pdfReading) unread(what string) { p.body.noteUnread(what) }

// scan reads every name of b (object data, in the clear or inflated) and
// the value of those that lead out of the document. A name is found
// wherever it is written, in a string or a binary stream too: reading
// one more link than a viewer follows can only make the answer worse.
func (p *pdfReading) scan(b []byte) {
	for name, end := range pdfNamesIn(b) {
		p.named(name, b, end)
	}
}

// pdfNamesIn yields each name written in b, decoded, and where it ends.
func pdfNamesIn(b []byte) func(yield func(string, int) bool) {
	return func(yield func(string, int) bool) {
		for i := bytes.IndexByte(b, '/'); i >= 0; {
			name, end := pdfName(b, i)
			if !yield(name, end) {
				return
			}
			next := bytes.IndexByte(b[end:], '/')
			if next < 0 {
				return
			}
			i = end + next
		}
	}
}

// named handles the name written in b before end.
func (p *pdfReading) named(name string, b []byte, end int) {
	switch name {
	case "URI":
		// "/S /URI /URI (https://...)": the action's type, then its
		// address. A value written elsewhere (an indirect reference)
		// is not resolved here.
		switch v, kind := p.value(b, end); kind {
		case pdfString:
			p.body.add(v, "")
		case pdfOther:
			p.unread("a PDF link vigie cannot read")
		}
	case "F", "UF", "Unix", "Mac", "DOS":
		// A file specification: a URL (/FS /URL), a file on a share,
		// or a file name beside the document, which leads nowhere.
		// pdf.js reads a remote document's address in /UF, /F, then
		// the platforms' /Unix, /Mac, /DOS (red team red35). It
		// may be an indirect object (a string a form posts to, red
		// team red35), read once the PDF's objects are known.
		switch v, kind := p.value(b, end); kind {
		case pdfString:
			p.file(v)
		case pdfOther:
			if k, s, e := pdfToken(b, end); k == pdfTokWord && pdfRefEnd(b, s, e) > 0 {
				p.refer(pdfInt(b[s:e]))
			}
		}
	case "Launch":
		p.unread("a PDF action that opens a program or a file")
	case "JS", "JavaScript":
		p.unread("scripts in a PDF")
	case "XFA":
		p.unread("an XFA form in a PDF")
	case "Encrypt":
		p.unread("an encrypted PDF")
	case "EmbeddedFile", "EmbeddedFiles", "RichMedia", "EF", "RF", "FileAttachment":
		// A file specification's /EF holds the file itself, whose
		// stream need not say /Type /EmbeddedFile; a file attachment
		// annotation opens it (red team red35).
		p.unread("a file embedded in a PDF")
	}
}

// pdfName decodes the name starting with the '/' at b[i] (#xx escapes
// read, as viewers read "/#55RI" as /URI), and returns where it ends.
func pdfName(b []byte, i int) (string, int) {
	var name []byte
	j := i + 1
	for ; j < len(b) && !pdfDelimiter(b[j]); j++ {
		c := b[j]
		if c == '#' && j+2 < len(b) {
			if hi, lo := unhex(b[j+1]), unhex(b[j+2]); hi >= 0 && lo >= 0 {
				c = byte(hi<<4 | lo)
				j += 2
			}
		}
		name = append(name, c)
		if len(name) > 127 {
			break // longer than any name a viewer acts on
		}
	}
	return string(name), j
}

// pdfDelimiter reports white space and the delimiters that end a name.
func pdfDelimiter(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return pdfWhite(c)
}

// The kinds of value pdfValue reads.
const (
	pdfString    = iota // a literal or hexadecimal string
	pdfNameValue        // a name: the key's value is a type, no address
	pdfOther            // anything else: a reference, a dictionary, a number
)

// pdfValue reads the value that follows a key ending at b[i]: a string,
// decoded, or the kind of what stands there; and where a string ends.
func pdfValue(b []byte, i int) (string, int, int) {
	i = pdfSkipSpace(b, i)
	switch {
	case i >= len(b):
		return "", pdfOther, i
	case b[i] == '(':
		s, end := pdfLiteral(b, i+1, true)
		return pdfText(s), pdfString, end
	case b[i] == '<' && (i+1 >= len(b) || b[i+1] != '<'):
		s, end := pdfHex(b, i+1)
		return pdfText(s), pdfString, end
	case b[i] == '/':
		return "", pdfNameValue, i
	}
	return "", pdfOther, i
}

// value reads the value that follows a key ending at b[i], within the
// bytes strings may still be read from: a string opened and never
// closed was read to the end of the PDF at each key before it, in time
// and memory quadratic in the PDF's size (red team red35). Past the
// bound, values are noted unread.
func (p *pdfReading) value(b []byte, i int) (string, int) {
	v, kind, end := pdfValue(b[:min(len(b), i+p.values)], i)
	if p.values -= end - i; p.values <= 0 {
		p.values = 0
		p.unread("PDF strings longer than vigie reads")
		return "", pdfNameValue
	}
	return v, kind
}

// pdfSkipSpace skips white space and comments from b[i].
func pdfSkipSpace(b []byte, i int) int {
	for i < len(b) {
		switch {
		case pdfWhite(b[i]):
			i++
		case b[i] == '%':
			for i < len(b) && b[i] != '\n' && b[i] != '\r' {
				i++
			}
		default:
			return i
		}
	}
	return i
}

// pdfLiteral decodes a literal string whose '(' ends before b[i]:
// escapes, octal codes, balanced parentheses, continued lines; and
// returns where it ends. Without decode, it only finds the end.
func pdfLiteral(b []byte, i int, decode bool) ([]byte, int) {
	var out []byte
	depth := 1
	for ; i < len(b); i++ {
		c := b[i]
		switch c {
		case '(':
			depth++
		case ')':
			if depth--; depth == 0 {
				return out, i + 1
			}
		case '\\':
			if i++; i >= len(b) {
				return out, i
			}
			switch c = b[i]; c {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r':
				if i+1 < len(b) && b[i+1] == '\n' {
					i++
				}
				continue
			case '\n':
				continue
			default:
				if !decode {
					continue
				}
				if '0' <= c && c <= '7' {
					v := int(c - '0')
					for n := 1; n < 3 && i+1 < len(b) && '0' <= b[i+1] && b[i+1] <= '7'; n++ {
						i++
						v = v*8 + int(b[i]-'0')
					}
					c = byte(v)
				}
			}
		}
		if decode {
			out = append(out, c)
		}
	}
	return out, i
}

// pdfHex decodes a hexadecimal string whose '<' ends before b[i]; a last
// lone digit is followed by 0, white space is skipped. It returns where
// the string ends.
func pdfHex(b []byte, i int) ([]byte, int) {
	var out []byte
	var digits []byte
	for ; i < len(b) && b[i] != '>'; i++ {
		if v := unhex(b[i]); v >= 0 {
			digits = append(digits, byte(v))
		}
	}
	if len(digits)%2 == 1 {
		digits = append(digits, 0)
	}
	for k := 0; k < len(digits); k += 2 {
		out = append(out, digits[k]<<4|digits[k+1])
	}
	return out, min(i+1, len(b))
}

// pdfText is a string's text: UTF-16BE after its byte order mark, UTF-8
// after its own (PDF 2.0), else its bytes (PDFDocEncoding is ASCII for
// the characters of an address).
func pdfText(s []byte) string {
	switch {
	case bytes.HasPrefix(s, []byte{0xfe, 0xff}):
		s = s[2:]
		units := make([]uint16, 0, len(s)/2)
		for k := 0; k+1 < len(s); k += 2 {
			units = append(units, uint16(s[k])<<8|uint16(s[k+1]))
		}
		return string(utf16.Decode(units))
	case bytes.HasPrefix(s, []byte{0xef, 0xbb, 0xbf}):
		return string(s[3:])
	}
	return string(s)
}

// objectStream decodes an object stream, whose data starts data,
// through its filters, and reads its objects; one it cannot decode is
// noted unread. Flate, ASCII85 and ASCIIHex data end themselves: they
// are decoded to their own end, not to an "endstream" that compressed
// data may hold (red team red35); what they read counts in the budget.
func (p *pdfReading) objectStream(dict, data []byte) {
	if p.budget <= 0 {
		// Each stream read past the budget would read the rest of
		// the PDF again.
		p.unread("packed objects of a PDF larger than vigie reads")
		return
	}
	filters, ok := pdfFilters(dict)
	if !ok {
		p.unread("packed objects of a PDF whose filters vigie cannot read")
		return
	}
	if len(filters) == 0 {
		return // in the clear, read with the file
	}
	for _, f := range filters {
		var err error
		read := 0
		switch f {
		case "FlateDecode", "Fl":
			data, read, err = p.inflate(data)
		case "ASCIIHexDecode", "AHx":
			data, read = pdfHex(data, 0)
		case "ASCII85Decode", "A85":
			data, read, err = pdfASCII85(data)
		default:
			// Not decoded here: LZW, RunLength, Crypt, image
			// encodings, a name no viewer knows.
			p.unread("packed objects of a PDF vigie cannot decode (" + truncate(f, 40) + ")")
			return
		}
		if p.budget -= read; err == nil && p.budget < 0 {
			err = errPDFBudget
		}
		switch {
		case err == errPDFBudget:
			p.unread("packed objects of a PDF larger than vigie inflates")
			return
		case err != nil:
			p.unread("packed objects of a PDF that do not decode")
			return
		}
	}
	p.packed = append(p.packed, pdfObjStm{dict, data})
	p.scan(data)
	// pdf.js reads the objects an object stream packs with streams
	// allowed (XRef.fetchCompressed): an object stream may pack
	// another, read in turn, to a depth no PDF writer needs (red team
	// red35).
	if p.nested++; p.nested > maxPDFNesting {
		p.unread("PDF object streams packed deeper than vigie reads")
	} else {
		p.objectStreams(data)
	}
	p.nested--
}

// inflate decompresses a Flate stream within the PDF's budget, and
// returns how many bytes of b it read.
func (p *pdfReading) inflate(b []byte) ([]byte, int, error) {
	r := bytes.NewReader(b)
	zr, err := zlib.NewReader(r)
	if err != nil {
		return nil, 0, err
	}
	out, err := io.ReadAll(io.LimitReader(zr, int64(p.budget)+1))
	if len(out) > p.budget {
		p.budget = 0
		return nil, 0, errPDFBudget
	}
	p.budget -= len(out)
	if err == io.ErrUnexpectedEOF && len(out) > 0 {
		// A stream cut short is inflated as far as it goes, as viewers
		// do.
		err = nil
	}
	return out, len(b) - r.Len(), err
}

var errPDFBudget = io.ErrShortBuffer

// pdfASCII85 decodes ASCII base-85 up to its "~>" end, and returns how
// many bytes of b it read.
func pdfASCII85(b []byte) ([]byte, int, error) {
	read := len(b)
	if end := bytes.Index(b, []byte("~>")); end >= 0 {
		b, read = b[:end], end+2
	}
	b = bytes.TrimPrefix(bytes.TrimSpace(b), []byte("<~"))
	out := make([]byte, 4*len(b)/5+4)
	n, _, err := ascii85.Decode(out, b, true)
	return out[:n], read, err
}
