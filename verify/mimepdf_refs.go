package verify

import (
	"bytes"
	"maps"
	"slices"
	"strings"

	"github.com/vigie-sante/vigie/internal/inputkind"
)

// A PDF's file specifications written as indirect objects (red team
// red35): "/S /SubmitForm /F 7 0 R" with "7 0 obj (https://...) endobj"
// posts the form to that URL in Acrobat, and a remote document's /F may
// be written so too. Objects are found by their "N G obj" header in the
// clear and by the header of the object streams that pack them; every
// definition of a number counts, as an incremental update may write an
// object again and the cross-reference table may point at either. An
// object not found, or defined more often than read, is noted unread.

const (
	// maxPDFRefs bounds the objects file specifications may refer to.
	maxPDFRefs = 1 << 10
	// maxPDFDefinitions bounds the definitions of one object read.
	maxPDFDefinitions = 16
)

// pdfObjStm is an object stream decoded: its dictionary and objects.
type pdfObjStm struct{ dict, data []byte }

// refer notes that a file specification is the object num.
func (p *pdfReading) refer(num int) {
	if p.refs == nil {
		p.refs = make(map[int]bool)
	}
	if len(p.refs) >= maxPDFRefs && !p.refs[num] {
		p.unread("more indirect PDF file specifications than vigie reads")
		return
	}
	p.refs[num] = true
}

// file records a file specification's string that leads out of the
// document: a URL, or a file on a share; pdf.js makes one that starts
// "www." a web address, and resolves one against the document's address
// as a browser does (URL.parse), white space and control characters
// before it dropped, a backslash read as a slash: "/\\host" and
// " //host" lead to host from a PDF opened in a web page (red team
// red35).
func (p *pdfReading) file(v string) {
	// As the URL parser reads it: C0 controls and spaces before it
	// dropped, tabs and newlines anywhere.
	t := removeTabNewline(inputkind.TrimLeftC0OrSpace(v))
	slashes := len(t) >= 2 && strings.ContainsRune(`/\`, rune(t[0])) && strings.ContainsRune(`/\`, rune(t[1]))
	if hasScheme(v) || slashes || strings.HasPrefix(strings.ToLower(v), "www.") {
		p.body.add(v, "")
	}
}

// resolveFiles reads the file specifications written as indirect
// objects: a string is a file as if written in place; a dictionary's
// keys were read with the rest. Only the objects referred to are
// looked for.
func (p *pdfReading) resolveFiles(data []byte) {
	if len(p.refs) == 0 {
		return
	}
	defs := make(map[int][][]byte)
	define := func(num int, at []byte) {
		if p.refs[num] && len(defs[num]) <= maxPDFDefinitions {
			defs[num] = append(defs[num], at)
		}
	}
	pdfClearObjects(data, define)
	for _, s := range p.packed {
		pdfPackedObjects(s, define)
	}
	for _, num := range slices.Sorted(maps.Keys(p.refs)) {
		if len(defs[num]) == 0 || len(defs[num]) > maxPDFDefinitions {
			p.unread("a PDF file specification vigie cannot find")
			continue
		}
		for _, at := range defs[num] {
			if v, kind := p.value(at, 0); kind == pdfString {
				p.file(v)
			}
		}
	}
}

// pdfClearObjects calls define with each object written in the clear in
// data and where its value starts: after an "obj" keyword that two
// numbers precede.
func pdfClearObjects(data []byte, define func(int, []byte)) {
	for from := 0; ; {
		k := bytes.Index(data[from:], []byte("obj"))
		if k < 0 {
			return
		}
		at := from + k
		from = at + len("obj")
		if from < len(data) && !pdfDelimiter(data[from]) {
			continue
		}
		gen, before := pdfNumberBefore(data, at)
		num, _ := pdfNumberBefore(data, before)
		if gen >= 0 && num >= 0 {
			define(num, data[from:])
		}
	}
}

// pdfNumberBefore reads the number that white space then b[end] follow,
// and returns it (or -1) and where it starts.
func pdfNumberBefore(b []byte, end int) (int, int) {
	i := end
	for i > 0 && pdfWhite(b[i-1]) {
		i--
	}
	if i == end {
		return -1, end
	}
	j := i
	for j > 0 && j > i-10 && '0' <= b[j-1] && b[j-1] <= '9' {
		j--
	}
	if j == i || j > 0 && !pdfDelimiter(b[j-1]) {
		return -1, end
	}
	return pdfInt(b[j:i]), j
}

// pdfWhite reports PDF white space.
func pdfWhite(c byte) bool {
	return c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' '
}

// pdfPackedObjects calls define with each object an object stream packs
// and where it starts: its header lists each one's number and offset
// from /First.
func pdfPackedObjects(s pdfObjStm, define func(int, []byte)) {
	first := -1
	for key, v := range pdfDictEntries(s.dict) {
		if key == "First" {
			first = pdfInt(v)
		}
	}
	if first < 0 || first > len(s.data) {
		return
	}
	header := s.data[:first]
	for i := 0; ; {
		k1, s1, e1 := pdfToken(header, i)
		k2, s2, e2 := pdfToken(header, e1)
		num, off := pdfInt(header[s1:e1]), pdfInt(header[s2:e2])
		if k1 != pdfTokWord || k2 != pdfTokWord || num < 0 || off < 0 || off > len(s.data)-first {
			return
		}
		define(num, s.data[first+off:])
		i = e2
	}
}
