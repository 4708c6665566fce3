package verify

import (
	"bytes"
	"strconv"
)

// A PDF's streams, found by reading its tokens in order (red team red35).
// A viewer finds an object by the offset its cross-reference table gives
// and reads its dictionary token by token; looking for the keywords
// "obj" and "stream" as bytes read a dictionary writing "(obj)" or
// "(stream)" as another, and "endstream" in the data cut it: the object
// stream behind it was not decoded. An object stream is known by its
// /First key, which a viewer needs to read it (pdf.js ignores /Type,
// which may be an indirect object), and decoded by its /Filter (or /F,
// which pdf.js also reads) alone.

// The kinds of token pdfToken reads.
const (
	pdfTokEnd = iota
	pdfTokDictOpen
	pdfTokDictClose
	pdfTokArrayOpen
	pdfTokArrayClose
	pdfTokString
	pdfTokName
	pdfTokWord  // a number or a keyword: obj, R, stream, true, null...
	pdfTokOther // a stray delimiter
)

// pdfToken reads the token at or after b[i], white space and comments
// skipped: its kind and bounds.
func pdfToken(b []byte, i int) (kind, start, end int) {
	i = pdfSkipSpace(b, i)
	if i >= len(b) {
		return pdfTokEnd, i, i
	}
	next := byte(0)
	if i+1 < len(b) {
		next = b[i+1]
	}
	switch c := b[i]; {
	case c == '<' && next == '<':
		return pdfTokDictOpen, i, i + 2
	case c == '>' && next == '>':
		return pdfTokDictClose, i, i + 2
	case c == '[':
		return pdfTokArrayOpen, i, i + 1
	case c == ']':
		return pdfTokArrayClose, i, i + 1
	case c == '(':
		_, end := pdfLiteral(b, i+1, false)
		return pdfTokString, i, end
	case c == '<':
		if k := bytes.IndexByte(b[i:], '>'); k >= 0 {
			return pdfTokString, i, i + k + 1
		}
		return pdfTokString, i, len(b)
	case c == '/':
		_, end := pdfName(b, i)
		return pdfTokName, i, end
	case pdfDelimiter(c):
		return pdfTokOther, i, i + 1
	}
	j := i
	for j < len(b) && !pdfDelimiter(b[j]) {
		j++
	}
	return pdfTokWord, i, j
}

// pdfSkipValue returns where the object at or after b[i] ends: a
// dictionary or an array with what it holds, a reference "12 0 R" whole.
func pdfSkipValue(b []byte, i int) int {
	kind, start, end := pdfToken(b, i)
	switch kind {
	case pdfTokDictOpen, pdfTokArrayOpen:
		for depth := 1; depth > 0; {
			k, _, e := pdfToken(b, end)
			switch k {
			case pdfTokEnd:
				return e
			case pdfTokDictOpen, pdfTokArrayOpen:
				depth++
			case pdfTokDictClose, pdfTokArrayClose:
				depth--
			}
			end = e
		}
	case pdfTokWord:
		if ref := pdfRefEnd(b, start, end); ref > 0 {
			return ref
		}
	}
	return end
}

// pdfRefEnd returns where the reference "12 0 R" whose first number is
// b[start:end] ends, or 0 if none is written there.
func pdfRefEnd(b []byte, start, end int) int {
	k2, s2, e2 := pdfToken(b, end)
	k3, s3, e3 := pdfToken(b, e2)
	if pdfInt(b[start:end]) >= 0 && k2 == pdfTokWord && pdfInt(b[s2:e2]) >= 0 && k3 == pdfTokWord && string(b[s3:e3]) == "R" {
		return e3
	}
	return 0
}

// pdfInt is the non-negative integer written in w, or -1.
func pdfInt(w []byte) int {
	n, err := strconv.Atoi(string(w))
	if err != nil || n < 0 || len(w) > 10 {
		return -1
	}
	return n
}

// pdfDictEntries yields the keys of the dictionary dict ("<<...>>") and
// their values as written.
func pdfDictEntries(dict []byte) func(yield func(string, []byte) bool) {
	return func(yield func(string, []byte) bool) {
		_, _, i := pdfToken(dict, 0)
		for {
			k, s, e := pdfToken(dict, i)
			if k != pdfTokName {
				return
			}
			key, _ := pdfName(dict, s)
			end := pdfSkipValue(dict, e)
			if !yield(key, dict[pdfSkipSpace(dict, e):end]) {
				return
			}
			i = end
		}
	}
}

// pdfStreams yields each stream of b read in order: its dictionary and
// where its data starts. The data is skipped by a direct /Length that
// "endstream" follows, else up to the next "endstream".
func pdfStreams(b []byte) func(yield func([]byte, int) bool) {
	return func(yield func([]byte, int) bool) {
		var dict []byte // the dictionary read last, if the last token
		for i := 0; ; {
			k, s, e := pdfToken(b, i)
			switch k {
			case pdfTokEnd:
				return
			case pdfTokDictOpen:
				e = pdfSkipValue(b, s)
				dict, i = b[s:e], e
				continue
			case pdfTokWord:
				if dict != nil && string(b[s:e]) == "stream" {
					start := pdfStreamData(b, e)
					if !yield(dict, start) {
						return
					}
					e = pdfStreamEnd(dict, b, start)
				}
			}
			dict, i = nil, e
		}
	}
}

// pdfStreamData returns where a stream's data starts after its "stream"
// keyword ending at b[i]: past the end of that line, whatever else it
// holds, as pdf.js (Lexer.skipToNextLine) and PDFium (ToNextLine) read
// it; a zlib stream whose header byte is '(' may follow the keyword on
// its line, and was read instead (red team red35).
func pdfStreamData(b []byte, i int) int {
	k := bytes.IndexAny(b[i:], "\r\n")
	if k < 0 {
		return len(b)
	}
	i += k + 1
	if b[i-1] == '\r' && i < len(b) && b[i] == '\n' {
		i++
	}
	return i
}

// pdfStreamEnd returns where the data of a stream starting at b[start]
// ends.
func pdfStreamEnd(dict, b []byte, start int) int {
	for key, v := range pdfDictEntries(dict) {
		if n := pdfInt(v); key == "Length" && n >= 0 && n <= len(b)-start {
			if bytes.HasPrefix(b[pdfSkipSpace(b, start+n):], []byte("endstream")) {
				return start + n
			}
		}
	}
	if k := bytes.Index(b[start:], []byte("endstream")); k >= 0 {
		return start + k
	}
	return len(b)
}

// pdfStreamKeywords yields where each "stream" keyword of b that may
// follow a dictionary's end starts: what pdfStreams may not have
// reached, a string opened and not closed in an object no viewer reads
// having hidden the rest. Each keyword is judged by what lies between
// it and the one before.
func pdfStreamKeywords(b []byte) func(yield func(int) bool) {
	return func(yield func(int) bool) {
		for prev, from := 0, 0; ; {
			k := bytes.Index(b[from:], []byte("stream"))
			if k < 0 {
				return
			}
			at := from + k
			from = at + len("stream")
			before := b[prev:at]
			prev = from
			if at >= 3 && string(b[at-3:at]) == "end" || from < len(b) && !pdfDelimiter(b[from]) {
				continue
			}
			if pdfAfterDict(before) && !yield(at) {
				return
			}
		}
	}
}

// pdfAfterDict reports whether b may end with a dictionary's ">>" then
// white space and comments, or hold nothing else. A '%' may open a
// comment or stand in a string: both readings are tried.
func pdfAfterDict(b []byte) bool {
	for {
		b = bytes.TrimRight(b, "\x00\t\n\f\r ")
		if len(b) == 0 || bytes.HasSuffix(b, []byte(">>")) {
			return true
		}
		line := b[bytes.LastIndexAny(b, "\r\n")+1:]
		pct := bytes.IndexByte(line, '%')
		if pct < 0 {
			return false
		}
		b = b[:len(b)-len(line)+pct]
	}
}

// objectStreams finds the object streams of data and reads the objects
// packed in them. A "stream" keyword after a dictionary that reading in
// order did not reach is noted unread.
func (p *pdfReading) objectStreams(data []byte) {
	reached := make(map[int]bool)
	for dict, start := range pdfStreams(data) {
		reached[start] = true
		if pdfObjectStream(dict) {
			p.objectStream(dict, data[start:])
		}
	}
	for at := range pdfStreamKeywords(data) {
		if !reached[pdfStreamData(data, at+len("stream"))] {
			p.unread("a PDF stream vigie cannot place")
			return
		}
	}
}

// pdfObjectStream reports a stream dictionary of an object stream: with
// a /First key, or of /Type /ObjStm.
func pdfObjectStream(dict []byte) bool {
	for key, v := range pdfDictEntries(dict) {
		if key == "First" || key == "Type" && bytes.Equal(v, []byte("/ObjStm")) {
			return true
		}
	}
	return false
}

// pdfFilters returns the filters of a stream's dictionary, in order,
// and false when they cannot be read: written in an indirect object, or
// with decoding parameters that are (a predictor rearranges the bytes).
// A key written twice is read last, as viewers read it; pdf.js reads /F
// before /Filter, PDFium /Filter alone: both must agree.
func pdfFilters(dict []byte) ([]string, bool) {
	var filter, f, parms []byte
	for key, v := range pdfDictEntries(dict) {
		switch key {
		case "Filter":
			filter = v
		case "F":
			f = v
		case "DecodeParms", "DP":
			parms = append(parms, v...)
		}
	}
	if filter != nil && f != nil && !bytes.Equal(filter, f) {
		return nil, false
	}
	if filter == nil {
		filter = f
	}
	for k, s, e := pdfToken(parms, 0); k != pdfTokEnd; k, s, e = pdfToken(parms, e) {
		if n, _ := pdfName(parms, s); k == pdfTokWord && string(parms[s:e]) == "R" || k == pdfTokName && n == "Predictor" {
			return nil, false
		}
	}
	var filters []string
	k, s, e := pdfToken(filter, 0)
	switch k {
	case pdfTokEnd:
		return nil, true
	case pdfTokName:
		n, _ := pdfName(filter, s)
		return append(filters, n), true
	case pdfTokArrayOpen:
		for {
			if k, s, e = pdfToken(filter, e); k != pdfTokName {
				return filters, k == pdfTokArrayClose
			}
			n, _ := pdfName(filter, s)
			filters = append(filters, n)
		}
	}
	return nil, k == pdfTokWord && string(filter[s:e]) == "null"
}
