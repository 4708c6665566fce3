package verify

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	nettextproto "net/textproto"
	"strings"

	"github.com/emersion/go-message"
	"github.com/emersion/go-message/textproto"
)

// Mail clients show what they can of a damaged message: they skip a header
// line that is not a field, read a header section of any size, and decode
// base64 with stray characters in it. A phisher can damage a message on
// purpose, so vigie reads it as leniently as they do, then keeps it
// Invalid unless what it read is worse.

// bodyDamage is what reading a message's body leniently read around.
type bodyDamage struct {
	base64Strays    int // characters outside base64, data after padding
	qpAmbiguous     int // quoted-printable soft breaks clients read differently
	partHeaderLines int // lines of part headers that are not fields
}

func (d bodyDamage) reasons() []Reason {
	var rs []Reason
	if d.base64Strays > 0 {
		rs = append(rs, Reason{CodeInvalidMIME, fmt.Sprintf("base64 text holds %d stray character(s) or data after padding; it was decoded around them, as mail clients decode it", d.base64Strays)})
	}
	if d.qpAmbiguous > 0 {
		rs = append(rs, Reason{CodeInvalidMIME, fmt.Sprintf("quoted-printable text holds %d soft line break(s) that mail clients read differently (\"=\" then blanks, or a lone CR): one reading may show a link the other hides", d.qpAmbiguous)})
	}
	if d.partHeaderLines > 0 {
		rs = append(rs, Reason{CodeInvalidMIME, fmt.Sprintf("%d line(s) of MIME part headers are not fields; they were skipped, as mail clients skip them", d.partHeaderLines)})
	}
	return rs
}

// partHeaderFilter passes a multipart body through, dropping the lines of
// part headers (from a boundary line to the blank line after it) that are
// not fields, which would make go-message refuse the part and lose it.
// Lines longer than the buffer pass through unread.
type partHeaderFilter struct {
	r        *bufio.Reader
	boundary string
	inHeader bool
	midLine  bool // the last chunk read did not end its line
	pending  []byte
	dropped  *int
}

func (f *partHeaderFilter) Read(p []byte) (int, error) {
	for len(f.pending) == 0 {
		line, err := f.r.ReadSlice('\n')
		if err == bufio.ErrBufferFull || f.midLine {
			// A line longer than the buffer is no boundary and passes
			// through, to its end.
			f.pending, f.midLine = line, err == bufio.ErrBufferFull
			if len(line) > 0 || err == bufio.ErrBufferFull {
				break
			}
		}
		if len(line) == 0 && err != nil {
			return 0, err
		}
		f.pending = f.filter(line)
		if err != nil && len(f.pending) == 0 {
			return 0, err
		}
	}
	n := copy(p, f.pending)
	f.pending = f.pending[n:]
	return n, nil
}

// filter returns line, or nothing for a part header line that is no field.
func (f *partHeaderFilter) filter(line []byte) []byte {
	trimmed := bytes.TrimRight(line, " \t\r\n")
	delimiter := bytes.HasPrefix(trimmed, []byte("--")) && string(trimmed[2:]) == f.boundary
	final := bytes.HasPrefix(trimmed, []byte("--")) && string(trimmed[2:]) == f.boundary+"--"
	switch {
	case delimiter || final:
		f.inHeader = delimiter
	case !f.inHeader:
	case len(trimmed) == 0:
		f.inHeader = false
	case line[0] == ' ' || line[0] == '\t' || isFieldStart(line):
	default:
		*f.dropped++
		return nil
	}
	return line
}

// headerDamage is what reading a header section leniently skipped.
type headerDamage struct {
	malformed int // lines that are not fields, skipped
	dropped   int // fields beyond the size allowed, skipped
}

// reasons says what was skipped, as Invalid findings.
func (d headerDamage) reasons(max int) []Reason {
	var rs []Reason
	if d.malformed > 0 {
		rs = append(rs, Reason{CodeInvalidHeader, fmt.Sprintf("%d header line(s) are not fields (no colon, or a bad name); they were skipped, as mail clients skip them", d.malformed)})
	}
	if d.dropped > 0 {
		rs = append(rs, Reason{CodeInvalidHeader, fmt.Sprintf("the header section is larger than the %d bytes allowed: %d field(s) beyond were skipped (the sender, subject and MIME fields were kept)", max, d.dropped)})
	}
	return rs
}

// keptBeyondLimit are the fields still read past the size allowed: those
// that say who sent the message and how its body is read. Fields that
// could only make it better (Authentication-Results, Received) are not.
var keptBeyondLimit = map[string]bool{"From": true, "Sender": true, "Reply-To": true, "Return-Path": true,
	"Subject": true, "Mime-Version": true, "Content-Type": true, "Content-Transfer-Encoding": true, "Content-Disposition": true}

// readHeaderLeniently reads a header section up to its blank line. A line
// that is not a field is skipped with its continuation lines; past max
// bytes, only the fields of keptBeyondLimit are kept, within another max
// bytes. Memory is bounded by 2×max plus one buffer; time by what r holds.
func readHeaderLeniently(r *bufio.Reader, max int) (textproto.Header, headerDamage, error) {
	var (
		kept    bytes.Buffer
		damage  headerDamage
		field   []byte // the field being read, its continuation lines included
		skip    bool   // the field being read is not kept
		beyond  int    // bytes kept past max
		tooLong bool   // the field being read is longer than max
	)
	flush := func() {
		if field == nil {
			return
		}
		switch name := nettextproto.CanonicalMIMEHeaderKey(string(bytes.TrimRight(field[:bytes.IndexByte(field, ':')], " \t"))); {
		case skip:
		case tooLong:
			damage.dropped++
		case kept.Len()+len(field) <= max:
			kept.Write(field)
		case keptBeyondLimit[name] && beyond+len(field) <= max:
			kept.Write(field)
			beyond += len(field)
		default:
			damage.dropped++
		}
		field, skip, tooLong = nil, false, false
	}
	for {
		line, err := readLine(r, max)
		if len(line) == 0 || isBlankLine(line) {
			flush()
			if err == errLineTooLong {
				err = nil
			}
			if err == io.EOF {
				err = nil
			}
			h, perr := textproto.ReadHeader(bufio.NewReader(io.MultiReader(&kept, strings.NewReader("\r\n"))))
			if perr != nil {
				return h, damage, perr
			}
			return h, damage, err
		}
		switch {
		case line[0] == ' ' || line[0] == '\t':
			if field == nil {
				damage.malformed++
				skip, field = true, []byte(":")
			}
			if !skip && !tooLong {
				if len(field)+len(line) > max {
					tooLong = true
				} else {
					field = append(field, line...)
				}
			}
		case isFieldStart(line):
			flush()
			field = append([]byte(nil), line...)
			tooLong = err == errLineTooLong
		default:
			flush()
			damage.malformed++
			skip, field = true, []byte(":")
		}
		if !bytes.HasSuffix(line, []byte("\n")) && err != errLineTooLong {
			// The header ends without a blank line: what follows is
			// the end of the input.
			flush()
			h, perr := textproto.ReadHeader(bufio.NewReader(io.MultiReader(&kept, strings.NewReader("\r\n"))))
			if perr == nil && err != io.EOF {
				perr = err
			}
			return h, damage, perr
		}
	}
}

var errLineTooLong = errors.New("line too long")

// readLine reads one line with its end of line, keeping at most max bytes
// of it: the rest of a longer line is read and dropped, and errLineTooLong
// returned with what was kept.
func readLine(r *bufio.Reader, max int) ([]byte, error) {
	var line []byte
	long := false
	for {
		chunk, err := r.ReadSlice('\n')
		if len(line)+len(chunk) <= max {
			line = append(line, chunk...)
		} else {
			long = true
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if long {
			if !bytes.HasSuffix(line, []byte("\n")) {
				line = append(line, '\r', '\n')
			}
			return line, errLineTooLong
		}
		return line, err
	}
}

func isBlankLine(l []byte) bool {
	return len(bytes.TrimRight(l, "\r\n")) == 0
}

// isFieldStart reports a line "Name: value", whose name is printable ASCII
// without ':' (RFC 5322, section 2.2), spaces before the colon tolerated.
func isFieldStart(l []byte) bool {
	colon := bytes.IndexByte(l, ':')
	if colon <= 0 {
		return false
	}
	name := bytes.TrimRight(l[:colon], " \t")
	if len(name) == 0 {
		return false
	}
	for _, c := range name {
		if c < 33 || c > 126 {
			return false
		}
	}
	return true
}

// lenientEntity builds an entity whose body is decoded as mail clients
// decode it: base64 with stray characters or padding in the middle is
// decoded around them, where go-message stops at the first, and
// quoted-printable with long lines or control bytes is decoded whole
// (qpLenient), where go-message stops there. Stray base64 characters and
// ambiguous quoted-printable soft breaks are counted in damage as the
// body is read.
func lenientEntity(h textproto.Header, body io.Reader, damage *bodyDamage) (*message.Entity, error) {
	enc := strings.ToLower(strings.TrimSpace(h.Get("Content-Transfer-Encoding")))
	if enc == "base64" || enc == "quoted-printable" {
		ct := strings.ToLower(h.Get("Content-Type"))
		if !strings.HasPrefix(strings.TrimSpace(ct), "multipart/") {
			copies := len(h.Values("Content-Transfer-Encoding"))
			h = h.Copy()
			h.Del("Content-Transfer-Encoding")
			if copies > 1 {
				// Decoded here, by the first copy; as many left,
				// saying so, for walk to report a part whose
				// readers disagree on which copy wins (red33).
				for range copies {
					h.Add("Content-Transfer-Encoding", "binary")
				}
			}
			if enc == "base64" {
				body = &base64Lenient{r: bufio.NewReader(body), strays: &damage.base64Strays}
			} else {
				qp := newQPLenient(body)
				qp.ambiguous = &damage.qpAmbiguous
				body = qp
			}
		}
	}
	return message.New(message.Header{Header: h}, body)
}

// base64Lenient decodes base64 as lenient mail clients do: characters
// outside the alphabet are skipped, and padding ends one quantum, not the
// whole body (concatenated base64 blocks are decoded one after the other).
// What is neither alphabet nor white space, and data after padding, is
// counted in *strays when strays is not nil.
type base64Lenient struct {
	r      io.ByteReader
	quad   [4]byte
	n      int    // characters in quad
	out    []byte // decoded, not yet returned: a slice of buf
	buf    [3]byte
	ended  bool
	padded bool // padding was read
	strays *int
}

func (b *base64Lenient) stray() {
	if b.strays != nil {
		*b.strays++
	}
}

func (b *base64Lenient) Read(p []byte) (int, error) {
	for len(b.out) == 0 && !b.ended {
		ch, err := b.r.ReadByte()
		switch {
		case err != nil:
			b.ended = true
			b.emit()
		case ch == '=':
			b.emit()
			b.padded = true
		case 'A' <= ch && ch <= 'Z' || 'a' <= ch && ch <= 'z' || '0' <= ch && ch <= '9' || ch == '+' || ch == '/':
			if b.padded {
				b.stray()
				b.padded = false
			}
			b.quad[b.n] = ch
			if b.n++; b.n == 4 {
				b.emit()
			}
		case ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n':
		default:
			b.stray()
		}
	}
	if len(b.out) == 0 {
		return 0, io.EOF
	}
	n := copy(p, b.out)
	b.out = b.out[n:]
	return n, nil
}

// emit decodes the characters of the quantum read so far.
func (b *base64Lenient) emit() {
	if b.n < 2 {
		b.n = 0 // one character alone carries no whole byte
		return
	}
	// Decoded into buf: an append to what Read left of out would
	// allocate once every quantum.
	n, _ := base64.RawStdEncoding.Decode(b.buf[:], b.quad[:b.n])
	b.out = b.buf[:n]
	b.n = 0
}
