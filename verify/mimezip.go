package verify

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"io"
	"path"
	"strings"
)

// Zip archives: an HTML page in a .zip attachment opens with two double
// clicks (the archive, then the page, in the browser), and Office and
// OpenDocument files are zip archives whose hyperlinks their applications
// follow on a click. Their entries are read for links; what cannot be
// read (an archive too large, an encrypted entry, an archive in the
// archive) is content vigie did not open (unread-content).
const (
	// maxZipSize bounds the archive read into memory (zip needs its
	// central directory, at the end).
	maxZipSize = 16 << 20
	// maxZipEntries bounds the entries looked at, in all the archives of
	// a message.
	maxZipEntries = 1000
)

// zipPart reports an attachment that is a zip archive, by type or name.
func zipPart(mediaType string, names []string) bool {
	switch {
	case mediaType == "application/zip" || mediaType == "application/x-zip-compressed" || mediaType == "application/x-zip",
		strings.HasPrefix(mediaType, "application/vnd.openxmlformats-officedocument."),
		strings.HasPrefix(mediaType, "application/vnd.oasis.opendocument."),
		strings.HasPrefix(mediaType, "application/vnd.ms-") && strings.HasSuffix(mediaType, ".macroenabled.12"):
		return true
	}
	for _, name := range names {
		switch fileExt(name) {
		case ".zip", ".docx", ".docm", ".dotx", ".dotm", ".xlsx", ".xlsm", ".xlsb", ".xltx", ".xltm", ".xlam",
			".pptx", ".pptm", ".ppsx", ".ppsm", ".potx", ".potm", ".ppam", ".sldx", ".sldm",
			".odt", ".ods", ".odp", ".odg", ".ott", ".ots", ".otp", ".otg":
			// Office documents, templates and add-ins (Word, Excel and
			// PowerPoint open each with a double click) and
			// OpenDocument files and templates: zip packages.
			return true
		}
	}
	return false
}

// readZip reads the entries of a zip archive for links: pages (by name,
// as partKind reads a part's), shortcuts and calendars as text, the
// external targets of Office relationships and HYPERLINK fields, and
// OpenDocument's xlink:href. embedded is set for an Office document
// embedded in another (readZipEntry).
func (c *Checker) readZip(r io.Reader, body *bodyText, embedded bool) {
	if body.zipEntries == maxZipEntries {
		body.noteUnread("zip archives of more entries than vigie reads")
		return
	}
	data, err := io.ReadAll(io.LimitReader(r, maxZipSize+1))
	if len(data) > maxZipSize {
		body.noteUnread("a zip archive larger than vigie reads")
		return
	}
	if bytes.Count(data, []byte(zipDirectoryRecord)) > maxZipEntries {
		// Counted before archive/zip parses every record of the
		// directory, at a few hundred bytes each.
		body.noteUnread("a zip archive of more entries than vigie reads")
		return
	}
	zr, zerr := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil || zerr != nil {
		body.noteUnread("a zip archive that does not open")
		return
	}
	if !firstEntryListed(data, zr.File) || strayDirectoryEnd(data, zr.File) {
		// Two archives in one file, one after or inside the other:
		// readers do not agree on which they show.
		body.noteUnread("a zip archive holding another before the one its directory lists")
		return
	}
	opc := false // an Office (Open Packaging Conventions) package
	for _, f := range zr.File {
		opc = opc || f.Name == "[Content_Types].xml"
	}
	for _, f := range zr.File {
		// Counted for the whole message: each entry may cost a parse
		// (an empty page uses up no text budget).
		if body.zipEntries == maxZipEntries {
			body.noteUnread("zip archives of more entries than vigie reads")
			return
		}
		body.zipEntries++
		c.readZipEntry(f, body, embedded, opc)
	}
}

// The signatures of a zip archive's records (APPNOTE 4.3.7, 4.3.12).
const (
	zipLocalHeader     = "PK\x03\x04"
	zipDirectoryRecord = "PK\x01\x02"
	zipDirectoryEnd    = "PK\x05\x06"
)

// firstEntryListed reports whether the first local file header of data
// is that of an entry the central directory lists. archive/zip (as
// WinRAR) reads the directory found at the end of the file; 7-Zip reads
// the entries from the start: two archives written one after the other
// ("zip concatenation") show each reader a different one, and the first
// is never read here.
func firstEntryListed(data []byte, files []*zip.File) bool {
	at := bytes.Index(data, []byte(zipLocalHeader))
	if at < 0 {
		return len(files) == 0
	}
	if at+30 > len(data) {
		return false
	}
	// The entry's data follows its 30-byte header, name and extra field.
	start := int64(at) + 30 + int64(binary.LittleEndian.Uint16(data[at+26:])) + int64(binary.LittleEndian.Uint16(data[at+28:]))
	for _, f := range files {
		if off, err := f.DataOffset(); err == nil && off == start {
			return true
		}
	}
	return false
}

// strayDirectoryEnd reports an end-of-central-directory record before
// the last one (the one archive/zip reads) that stands in no entry's
// data: the end of another archive, written before this one's directory
// (a stored archive inside an entry is the entry's business). Where each
// entry's data lies is read once, and the search goes on past the end of
// the entry a record stands in: an entry full of such records costs one
// look per entry, not one per record and entry.
func strayDirectoryEnd(data []byte, files []*zip.File) bool {
	type span struct {
		off  int64
		size uint64
	}
	spans := make([]span, 0, len(files))
	for _, f := range files {
		if off, err := f.DataOffset(); err == nil {
			spans = append(spans, span{off, f.CompressedSize64})
		}
	}
	last := bytes.LastIndex(data, []byte(zipDirectoryEnd))
	for at := 0; ; {
		i := bytes.Index(data[at:], []byte(zipDirectoryEnd))
		if i < 0 || at+i >= last {
			return false
		}
		at += i
		next := -1
		for _, s := range spans {
			if int64(at) >= s.off && uint64(int64(at)-s.off) < s.size {
				// Inside this entry: so is every record before its end.
				next = int(min(uint64(len(data)-at), s.size-uint64(int64(at)-s.off))) + at
				break
			}
		}
		if next < 0 {
			return true
		}
		at = max(next, at+len(zipDirectoryEnd))
	}
}

// readZipEntry reads one entry of an archive. An Office document
// embedded in an Office document (word/embeddings/..., the workbook of
// every chart in a Word file) is read as one, one level down; any other
// archive inside is not opened. In an Office package (opc) a part's
// type is the one [Content_Types].xml gives, whatever its name: a part
// of no known name is read as what its first bytes are (sniffedKind), as
// an imported HTML or RTF document (w:altChunk) Word shows (red33).
func (c *Checker) readZipEntry(f *zip.File, body *bodyText, embedded, opc bool) {
	name := strings.ToLower(f.Name)
	names := []string{name}
	kind := partKind("", names)
	// Any XML part of an Office or OpenDocument package: a document's
	// text, a sheet's formulas, an OpenDocument's headers (styles.xml).
	officeXML := path.Ext(name) == ".rels" || path.Ext(name) == ".xml"
	nested := zipPart("", names) && !embedded && strings.Contains(name, "/embeddings/") && fileExt(name) != ".zip"
	pdf := pdfPart("", names)
	// An object embedded in an Office document (Insert > Object) is an
	// OLE compound file the reader opens by a double click: a PDF in
	// it opens in the PDF reader, a packaged file (Ole10Native) in its
	// program (red team red35). Its sectors need not keep the file's
	// bytes in order: what it holds is read where it can be, and noted
	// unread.
	oleObject := strings.Contains(name, "/embeddings/") && fileExt(name) == ".bin"
	switch {
	case f.Flags&0x1 != 0 && f.UncompressedSize64 > 0:
		body.noteUnread("an encrypted file in a zip archive (" + truncate(f.Name, 60) + ")")
		return
	case nested || pdf || oleObject:
		// Read below.
	case unopenedArchive("", names) != "":
		body.noteUnread(unopenedArchive("", names) + " in a zip archive (" + truncate(f.Name, 60) + ")")
		return
	case zipPart("", names) || messageFile(names) || sealedPart("", names) != "":
		body.noteUnread("an archive or message in a zip archive (" + truncate(f.Name, 60) + ")")
		return
	case kind == partSkipped && !officeXML && !opc:
		return
	}
	rc, err := f.Open()
	if err != nil {
		body.noteUnread("a file in a zip archive that does not open (" + truncate(f.Name, 60) + ")")
		return
	}
	defer rc.Close()
	switch {
	case nested:
		c.readZip(rc, body, true)
		return
	case pdf:
		c.readPDF(rc, body)
		return
	case oleObject:
		data, _ := io.ReadAll(io.LimitReader(rc, maxPDFSize+1))
		if bytes.Contains(data, []byte("%PDF-")) {
			body.noteUnread("a PDF embedded as an object in an Office document (" + truncate(f.Name, 60) + ")")
			c.readPDF(bytes.NewReader(data), body)
		}
		if bytes.Contains(data, []byte("O\x00l\x00e\x001\x000\x00N\x00a\x00t\x00i\x00v\x00e\x00")) {
			body.noteUnread("a file packaged as an object in an Office document (" + truncate(f.Name, 60) + ")")
		}
		return
	}
	var r io.Reader = rc
	if kind == partSkipped && !officeXML {
		// Sniffed before the budget is spent on it (a picture).
		var head []byte
		head, r = readHead(rc, 512)
		// An OLE object in a package (an equation, an old chart) is
		// the package's own, no file the reader opens.
		if kind = sniffedKind(head); kind == partSkipped || kind == partOLE {
			return
		}
	}
	// A page the reader opens is shown whole: what the budget cuts of
	// it counts as cut (readBudget).
	data, _ := readBudget(r, body, kind&partHTML != 0)
	if kind == partSniffed {
		// A Word document (.doc) is read as what its content is; a
		// web archive (MHT) is a message in the archive, not opened.
		if mimeHeaderStart(data[:min(len(data), 64)]) {
			body.noteUnread("an archive or message in a zip archive (" + truncate(f.Name, 60) + ")")
			return
		}
		switch kind = sniffedKind(data[:min(len(data), 512)]); kind {
		case partOLE:
			body.noteUnread("an Office file in the binary format in a zip archive (" + truncate(f.Name, 60) + ")")
			return
		case partSkipped:
			return
		}
	}
	text := string(data)
	switch {
	case kind&partHTML != 0:
		htmlLinks(text, body, c.opts.maxLinks)
	case kind&partText != 0:
		readCalendarText(text, body, c.opts.maxLinks, false)
	default:
		officeLinks(text, body)
	}
}

// unopenedArchive names an attachment that is an archive, a disk image,
// a Windows shortcut or a program vigie does not open: Windows mounts an .iso, .img
// or .vhd with a double click and opens .rar, .7z, .tar and .gz archives
// in Explorer (Windows 11), the page inside then opening in the browser.
// "" for any other.
func unopenedArchive(mediaType string, names []string) string {
	switch mediaType {
	case "application/x-rar-compressed", "application/vnd.rar", "application/x-rar", "application/x-7z-compressed",
		"application/x-iso9660-image", "application/x-cd-image", "application/gzip", "application/x-gzip",
		"application/x-tar", "application/x-gtar", "application/x-bzip2", "application/x-xz",
		"application/vnd.ms-cab-compressed", "application/x-apple-diskimage":
		return "an archive or disk image (" + mediaType + ")"
	}
	for _, name := range names {
		switch ext := fileExt(name); ext {
		case ".rar", ".7z", ".iso", ".img", ".vhd", ".vhdx", ".tar", ".tgz", ".gz", ".bz2", ".xz", ".cab",
			".arj", ".lzh", ".ace", ".zipx", ".dmg":
			return "an archive or disk image (a " + ext + " file)"
		case ".lnk":
			// A shell link opens its target with a double click: a
			// URL, or mshta or PowerShell given one. Binary.
			return "a Windows shortcut (a .lnk file)"
		case ".exe", ".scr", ".com", ".pif", ".cpl", ".msi", ".msix", ".appx", ".application", ".appref-ms", ".msc",
			".bat", ".cmd", ".ps1", ".vbs", ".vbe", ".js", ".jse", ".wsf", ".wsh", ".jar", ".reg", ".xll", ".chm", ".one":
			// Programs and scripts Windows runs with a double click
			// (Windows Script Host, PowerShell, the installer), and
			// files whose viewer opens what they embed (compiled HTML
			// help, OneNote): what they fetch is written in code.
			return "a program or script Windows runs (a " + ext + " file)"
		}
	}
	return ""
}
