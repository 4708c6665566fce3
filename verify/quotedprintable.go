package verify

import (
	"bufio"
	"io"
	"strings"

	"github.com/vigie-sante/vigie/verify/internal/whatwg"
)

// qpLenient decodes quoted-printable as lenient mail clients do, where
// mime/quotedprintable gives up: a line longer than its 4 KiB buffer and
// a control byte are errors there, so a phisher who pads one line, or
// writes one stray byte, before his link had the rest of the part go
// unread. Here every byte is decoded or passed through:
//   - "=" and two hexadecimal digits, either case, is that byte;
//   - "=" then spaces or tabs, then the end of the line, is a soft line
//     break (RFC 2045's transport padding tolerated);
//   - "=" then a lone CR is a soft line break, as Thunderbird reads it;
//   - any other "=" is itself, as is every other byte, line breaks and
//     trailing white space included (they separate words either way).
//
// Mail clients disagree on the two soft breaks last named: Thunderbird
// (mime_decode_qp_buffer, comm-central mailnews/mime/src/mimeenc.cpp)
// takes "=" and a blank for themselves and keeps the line break, RFC
// 2045's decoders (Go's, Python's, Dovecot's) join the lines; Thunderbird
// joins across "=" and a lone CR, others do not. Either reading hides what
// the other shows ("https://www.ameli.fr/= " then "www.evil.com/login" is
// one official link or two), so each is counted in *ambiguous (red33),
// which makes the message Invalid (bodyDamage).
type qpLenient struct {
	r         *bufio.Reader
	err       error
	ambiguous *int // soft line breaks mail clients read differently; may be nil
}

// newQPLenient returns a reader of r's quoted-printable text, decoded.
func newQPLenient(r io.Reader) *qpLenient {
	return &qpLenient{r: bufio.NewReader(r)}
}

// softBreak reports a soft line break, counted when clients read it
// differently.
func (q *qpLenient) softBreak(ambiguous bool) (byte, bool) {
	if ambiguous && q.ambiguous != nil {
		*q.ambiguous++
	}
	return 0, false
}

func (q *qpLenient) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) && q.err == nil {
		c, err := q.r.ReadByte()
		if err != nil {
			q.err = err
			break
		}
		if c == '=' {
			var ok bool
			if c, ok = q.escape(); !ok {
				continue // a soft line break
			}
		}
		p[n] = c
		n++
	}
	if n == 0 && q.err != nil {
		return 0, q.err
	}
	return n, nil
}

// escape reads what follows an "=": the byte two hexadecimal digits
// encode, nothing for a soft line break (ok false), or the "=" itself.
func (q *qpLenient) escape() (c byte, ok bool) {
	if next, _ := q.r.Peek(2); len(next) == 2 {
		if hi, lo := unhex(next[0]), unhex(next[1]); hi >= 0 && lo >= 0 {
			_, _ = q.r.Discard(2)
			return byte(hi<<4 | lo), true
		}
	}
	// The blanks are looked at one by one, each as far as it goes: a
	// look at the whole buffer after every "=" would move it each time.
	// They are bounded by the reader's buffer: an "=" followed by more
	// blanks than that is taken as itself.
	blanks := 0
	for {
		ahead, err := q.r.Peek(blanks + 2)
		if len(ahead) > blanks && (ahead[blanks] == ' ' || ahead[blanks] == '\t') {
			blanks++
			continue
		}
		rest := ahead[min(blanks, len(ahead)):]
		switch {
		case len(rest) > 0 && rest[0] == '\n':
			_, _ = q.r.Discard(blanks + 1)
			return q.softBreak(blanks > 0)
		case len(rest) > 1 && rest[0] == '\r' && rest[1] == '\n':
			_, _ = q.r.Discard(blanks + 2)
			return q.softBreak(blanks > 0)
		case blanks == 0 && len(rest) > 0 && rest[0] == '\r':
			// A lone CR (not followed by LF, or the last byte).
			_, _ = q.r.Discard(1)
			return q.softBreak(true)
		case len(rest) == 0 && err != nil && err != bufio.ErrBufferFull:
			// The end of the text: a final "=" (and its padding) is
			// dropped, as mime/quotedprintable does.
			_, _ = q.r.Discard(blanks)
			return 0, false
		}
		break
	}
	return '=', true
}

// unhex is the value of a hexadecimal digit, either case, or -1.
func unhex(c byte) int {
	if v := whatwg.DigitValue(c); v < 16 {
		return v
	}
	return -1
}

// decodeQuotedPrintable decodes a short quoted-printable text, as
// qpLenient does.
func decodeQuotedPrintable(s string) []byte {
	out, _ := io.ReadAll(newQPLenient(strings.NewReader(s)))
	return out
}
