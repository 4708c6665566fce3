package verify

import (
	"bytes"
	"io"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"

	"github.com/emersion/go-message"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// How a MIME part is read for links: a set of readings, since a part's
// type and its file name may each call for one (partKind).
const (
	partSkipped = 0
	partText    = 1 << iota
	partHTML
	// partSniffed: a part of no useful type (application/octet-stream)
	// is read as HTML when its content is HTML by the MIME Sniffing
	// Standard, as the browser that opens the saved file may.
	partSniffed
	// partXML: an XML document Windows opens in the Office application
	// it names (the Office XML Handler), read as an Office XML part is
	// (officeLinks): Word 2003 XML, flat OPC (red33).
	partXML
	// wordSniffed marks, while partKind reads the names, an Office 97
	// document (.doc, .xls, .ppt), sniffed when nothing else says how to
	// read it.
	wordSniffed
	// partOLE is what sniffing finds in an Office binary (OLE compound)
	// file: content vigie does not read.
	partOLE
)

// partKind says how a part is read: as HTML when its type is HTML
// (htmlType) or one of its file names (partNames) is that of an HTML, SVG
// or HTA file; as text when its type is other text (or a calendar,
// contact, RTF document or internet shortcut) or one of its names is that
// of such a file; sniffed when nothing else says how. Type and name
// count alike: the mail client shows an inline part by its type, the
// system opens a saved attachment by its name, so a part whose type and
// name disagree is read both ways.
func partKind(mediaType string, names []string) int {
	kind := partSkipped
	for _, name := range names {
		switch fileExt(name) {
		case ".html", ".htm", ".xhtml", ".xht", ".shtml", ".svg", ".svgz", ".hta":
			kind |= partHTML
		case ".ics", ".ical", ".ifb", ".vcs", ".vcf", ".url", ".webloc", ".website", ".desktop",
			".library-ms", ".searchconnector-ms", ".rtf", ".iqy":
			// Calendars and contacts (their URL and description
			// shown), internet shortcuts the system opens in the
			// browser (.website is an .url pinned, .desktop a Linux
			// one), Windows libraries and search connectors naming a
			// remote share Explorer opens, RTF documents whose
			// HYPERLINK fields Word follows, Excel web queries whose
			// URL Excel fetches and shows (red33): their links are
			// written as text.
			kind |= partText
		case ".xml":
			kind |= partXML
		}
	}
	if officeDocument(mediaType, names) {
		// Word opens a file by its content: an RTF document (or a
		// page) named .doc opens as one (red33), sniffed.
		kind |= wordSniffed
	}
	if mediaType == "application/xml" || mediaType == "text/xml" {
		kind |= partXML
	}
	if kind&wordSniffed != 0 {
		if kind &^= wordSniffed; kind == partSkipped {
			return partSniffed
		}
	}
	switch {
	case htmlType(mediaType):
		kind |= partHTML
	case strings.HasPrefix(mediaType, "text/") || textTypes[mediaType]:
		kind |= partText
	case kind == partSkipped && (mediaType == "application/octet-stream" || mediaType == "binary/octet-stream" ||
		mediaType == "application/x-download" || mediaType == "application/force-download" || mediaType == "application/unknown"):
		return partSniffed
	}
	return kind
}

// htmlType reports the types whose content is HTML: text/html,
// application/xhtml+xml and image/svg+xml, which browsers render with
// their links and scripts, and the HTML dialects of text/ ("-html"
// subtypes): text/x-amp-html, which Gmail shows in place of text/html
// (AMP for Email), and text/watch-html, which Apple Watch shows.
func htmlType(mediaType string) bool {
	switch mediaType {
	case "text/html", "application/xhtml+xml", "image/svg+xml":
		return true
	}
	return strings.HasPrefix(mediaType, "text/") && strings.HasSuffix(mediaType, "-html")
}

// fileExt is the extension a file name opens by, lowercased: Windows
// drops trailing dots and spaces ("releve.html. " opens as HTML).
func fileExt(name string) string {
	return strings.ToLower(path.Ext(strings.TrimRight(strings.TrimSpace(name), ". ")))
}

// contentLines reports a calendar or contact part, by type or file name,
// whose text is written in folded content lines (unfoldContentLines).
func contentLines(mediaType string, names []string) bool {
	if contentType(mediaType) {
		return true
	}
	for _, name := range names {
		switch fileExt(name) {
		case ".ics", ".ical", ".ifb", ".vcs", ".vcf":
			return true
		}
	}
	return false
}

// sealedPart names a part mail clients open and show but vigie cannot
// open: S/MIME content (application/pkcs7-mime: Outlook, Apple Mail and
// Thunderbird show the entity inside an opaque signature, even one that
// does not verify, and decrypt enveloped data), by type or as a .p7m
// file, Outlook's TNEF (winmail.dat: its RTF body and attachments),
// Outlook items (.msg, .oft) and Office's binary-only files (.pub, .vsd).
// "" for any other part (a detached signature, .p7s, shows nothing).
func sealedPart(mediaType string, names []string) string {
	switch mediaType {
	case "application/pkcs7-mime", "application/x-pkcs7-mime":
		return "S/MIME content (" + mediaType + ")"
	case "application/ms-tnef", "application/vnd.ms-tnef":
		return "Outlook's TNEF content (" + mediaType + ")"
	case "application/vnd.ms-outlook":
		// An Outlook item (.msg, MS-OXMSG): a compound file Outlook
		// opens with a double click, showing a message, its links and
		// its attachments (red team red35).
		return "an Outlook item (" + mediaType + ")"
	}
	for _, name := range names {
		switch ext := fileExt(name); {
		case ext == ".p7m":
			return "S/MIME content (a .p7m file)"
		case strings.EqualFold(strings.TrimSpace(name), "winmail.dat"):
			return "Outlook's TNEF content (winmail.dat)"
		case ext == ".msg" || ext == ".oft":
			return "an Outlook item (a " + ext + " file)"
		case ext == ".pub" || ext == ".vsd":
			// Publisher and Visio documents: binary (OLE compound)
			// files only, whose hyperlinks their application
			// follows. Word, Excel and PowerPoint 97 files are read
			// by content (officeDocument).
			return "an Office file in the binary format (a " + ext + " file)"
		}
	}
	return ""
}

// uuencodedFile returns the name of the first file a text carries
// uuencoded, yEnc- or BinHex-encoded, which Thunderbird shows as an
// attachment of a part without Content-Type (libmime's MimeUntypedText):
// a line "begin <octal mode> <name>", "=ybegin ... name=<name>", or
// BinHex's "(This file must be converted with BinHex" header. "" if none.
func uuencodedFile(text string) string {
	for line := range strings.Lines(text) {
		line = strings.TrimRight(line, "\r\n")
		if rest, ok := strings.CutPrefix(line, "begin "); ok {
			mode, name, _ := strings.Cut(rest, " ")
			if mode != "" && strings.Trim(mode, "01234567") == "" && strings.TrimSpace(name) != "" {
				return strings.TrimSpace(name)
			}
		}
		if strings.HasPrefix(line, "=ybegin ") {
			if _, name, ok := strings.Cut(line, " name="); ok && name != "" {
				return name
			}
		}
		if strings.HasPrefix(line, "(This file must be converted with BinHex") {
			return "BinHex"
		}
	}
	return ""
}

// contentType reports the types of calendars and contacts, which are
// written in folded content lines.
func contentType(mediaType string) bool {
	switch mediaType {
	case "text/calendar", "text/x-vcalendar", "text/vcard", "text/x-vcard", "text/directory",
		"application/ics", "application/x-ics", "application/calendar", "application/vcard":
		return true
	}
	return false
}

// messageFile reports a part named as a saved message (.eml), which mail
// clients open as one, or a web archive (.mht, .mhtml: a MIME document,
// RFC 2557, whose HTML part is usually base64), which browsers and Word
// open: either is read as the MIME message it is, whatever type the part
// declares.
func messageFile(names []string) bool {
	for _, name := range names {
		switch fileExt(name) {
		case ".eml", ".mht", ".mhtml":
			return true
		}
	}
	return false
}

// partNames returns the file names a part gives: its Content-Type's name
// and its Content-Disposition's filename as Go parses them, and every
// value of them as mail clients read the fields (rawParamValues): Go
// drops a parameter it cannot decode and refuses a field with an
// unquoted name holding spaces, a parameter given twice or a stray token,
// while Thunderbird and Outlook still name the file, so that none of the
// names a client may save the part under is lost.
func partNames(params map[string]string, h message.Header) []string {
	names := []string{params["name"]}
	if _, dp, err := h.ContentDisposition(); err == nil {
		names = append(names, dp["filename"])
	}
	names = append(names, rawParamValues(h.Get("Content-Type"), "name")...)
	return append(names, rawParamValues(h.Get("Content-Disposition"), "filename")...)
}

// rawParamValues returns the values of the parameter key in a header
// field, read without refusing anything: plain ones, RFC 2231 extended
// ones ("key*=charset'lang'%XX") decoded from any charset go-message
// knows (kept as bytes otherwise), and continued ones ("key*0*", "key*1")
// joined in order.
func rawParamValues(field, key string) []string {
	var values []string
	sections := map[int]string{}
	for _, p := range strings.Split(stripComments(field), ";")[1:] {
		name, value, ok := strings.Cut(p, "=")
		name = strings.ToLower(strings.TrimSpace(name))
		base, form, _ := strings.Cut(name, "*")
		if !ok || base != key {
			continue
		}
		value = strings.Trim(strings.TrimSpace(value), `"`)
		extended := strings.HasSuffix(name, "*")
		form = strings.TrimSuffix(form, "*")
		if form == "" {
			if extended {
				value = decode2231(value, true)
			}
			values = append(values, decodeHeader(value))
			continue
		}
		if n, err := strconv.Atoi(form); err == nil && n >= 0 && n < maxMIMEParts {
			if extended {
				value = decode2231(value, n == 0)
			}
			sections[n] = value
		}
	}
	if len(sections) > 0 {
		var b strings.Builder
		for n := 0; n < maxMIMEParts; n++ {
			v, ok := sections[n]
			if !ok {
				break
			}
			b.WriteString(v)
		}
		values = append(values, b.String())
	}
	return values
}

// decode2231 decodes an RFC 2231 extended value: percent-encoded bytes,
// after "charset'language'" when withCharset, in that charset when
// go-message knows it.
func decode2231(v string, withCharset bool) string {
	charset := ""
	if withCharset {
		if parts := strings.SplitN(v, "'", 3); len(parts) == 3 {
			charset, v = parts[0], parts[2]
		}
	}
	raw, err := url.PathUnescape(v)
	if err != nil {
		raw = v
	}
	if charset == "" {
		return raw
	}
	r, err := message.CharsetReader(charset, strings.NewReader(raw))
	if err != nil {
		return raw
	}
	if d, err := io.ReadAll(r); err == nil {
		return string(d)
	}
	return raw
}

// textTypes are the other types whose links are written as text: the
// application/ types of calendars, contacts, RTF and internet shortcuts,
// and the message/ types of reports (RFC 3464, RFC 6533, RFC 8098,
// RFC 5965), text that mail clients show.
var textTypes = map[string]bool{"message/delivery-status": true, "message/global-delivery-status": true,
	"message/disposition-notification": true, "message/global-disposition-notification": true, "message/feedback-report": true,
	"application/ics": true, "application/x-ics": true, "application/calendar": true,
	"application/rtf": true, "application/x-rtf": true, "application/vcard": true, "application/x-url": true, "application/internet-shortcut": true}

// officeDocument reports a Word, Excel or PowerPoint 97 document, by
// type or name (.doc, .xls, .ppt and their templates), which Office opens
// as what its content is: RTF, XML, a page, a web archive (red33), or the
// binary (OLE compound) file it is named for, whose hyperlinks vigie does
// not read (sniffedKind's partOLE).
func officeDocument(mediaType string, names []string) bool {
	switch mediaType {
	case "application/msword", "application/vnd.ms-excel", "application/vnd.ms-powerpoint":
		return true
	}
	for _, name := range names {
		switch fileExt(name) {
		case ".doc", ".dot", ".xls", ".xlt", ".xla", ".ppt", ".pps", ".pot":
			return true
		}
	}
	return false
}

// mimeHeaderStart reports content that starts as a MIME message does: a
// web archive (MHT) Word saves as "Single File Web Page".
func mimeHeaderStart(head []byte) bool {
	start := bytes.ToLower(bytes.TrimLeft(head, " \t\r\n"))
	return bytes.HasPrefix(start, []byte("mime-version:")) || bytes.HasPrefix(start, []byte("content-type:"))
}

// sniffedKind says how the first bytes of a part of unknown type read:
// as HTML (sniffHTML), as text when they open an RTF document, as XML
// when an XML one, which Word opens whatever the file's name (red33);
// partSkipped otherwise.
func sniffedKind(head []byte) int {
	start := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
	switch {
	case bytes.HasPrefix(head, []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")):
		return partOLE
	case bytes.HasPrefix(start, []byte(`{\rtf`)):
		return partText
	case bytes.HasPrefix(start, []byte("<?xml")) && !bytes.Contains(bytes.ToLower(head), []byte("<svg")) && !bytes.Contains(bytes.ToLower(head), []byte("<html")):
		return partXML
	case strings.HasPrefix(http.DetectContentType(head), "text/html") || bytes.Contains(bytes.ToLower(head), []byte("<svg")):
		return partHTML
	}
	return partSkipped
}

// sniffHTML reads the first bytes of a part of unknown type and returns
// a reader of the whole part and how to read it (sniffedKind); nil when
// it is neither.
func sniffHTML(r io.Reader) (io.Reader, int) {
	head, r := readHead(r, 512)
	if bytes.HasPrefix(head, []byte{0xFE, 0xFF}) || bytes.HasPrefix(head, []byte{0xFF, 0xFE}) {
		// UTF-16 with a byte order mark, which the browser opening the
		// file decodes it by, whatever else it says.
		head, r = readHead(transform.NewReader(r, unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder()), 512)
	}
	kind := sniffedKind(head)
	if kind == partSkipped || kind == partOLE {
		return nil, kind
	}
	return r, kind
}

// readHead reads the first n bytes of r (fewer when it ends) and returns
// them with a reader of the whole of r, those bytes included.
func readHead(r io.Reader, n int) ([]byte, io.Reader) {
	head := make([]byte, n)
	k, _ := io.ReadFull(r, head)
	head = head[:k]
	return head, io.MultiReader(bytes.NewReader(head), r)
}
