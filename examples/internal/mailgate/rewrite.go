package mailgate

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/vigie-sante/vigie/verify"
)

// Rewrite copies the message read from r to w with "X-Vigie: value" as its
// first header field and every X-Vigie field of the message (in any case,
// with its continuation lines) left out. Everything else is copied byte for
// byte: the other fields, their order and folding, malformed lines, the
// blank line and the body. The new field ends with the line ending of the
// message's first line (CRLF or LF). It returns how many X-Vigie fields
// were removed.
//
// Lines are streamed, never held whole, so a message of any size and any
// line length is rewritten in constant memory.
func Rewrite(w io.Writer, r io.Reader, value string) (removed int, err error) {
	br, ok := r.(*bufio.Reader)
	if !ok || br.Size() < 4096 {
		br = bufio.NewReaderSize(r, 64<<10)
	}
	chunk, rerr := br.ReadSlice('\n')
	eol := "\n"
	if rerr == nil && bytes.HasSuffix(chunk, []byte("\r\n")) {
		eol = "\r\n"
	}
	if _, err := io.WriteString(w, HeaderName+": "+value+eol); err != nil {
		return 0, err
	}
	atStart, dropping := true, false
	for {
		if len(chunk) > 0 {
			if atStart {
				switch {
				case isBlankLine(chunk):
					// The end of the header section: the rest
					// is the body, copied as it is.
					if _, err := w.Write(chunk); err != nil {
						return removed, err
					}
					_, err := io.Copy(w, br)
					return removed, err
				case chunk[0] == ' ' || chunk[0] == '\t':
					// A continuation line belongs to the field
					// above it: dropped with it, or kept.
				default:
					dropping = isVigieField(chunk)
					if dropping {
						removed++
					}
				}
			}
			if !dropping {
				if _, err := w.Write(chunk); err != nil {
					return removed, err
				}
			}
		}
		switch {
		case rerr == nil:
			atStart = true
		case errors.Is(rerr, bufio.ErrBufferFull):
			atStart = false
		case rerr == io.EOF:
			return removed, nil
		default:
			return removed, rerr
		}
		chunk, rerr = br.ReadSlice('\n')
	}
}

func isBlankLine(line []byte) bool {
	return len(line) == 1 && line[0] == '\n' || len(line) == 2 && line[0] == '\r' && line[1] == '\n'
}

// isVigieField reports whether a header line starts an X-Vigie field.
func isVigieField(line []byte) bool {
	i := bytes.IndexByte(line, ':')
	return i > 0 && IsHeader(string(line[:i]))
}

// A CheckFunc checks a whole message, as (*verify.Checker).Message does.
type CheckFunc func(io.Reader) (verify.Report, error)

// Filter reads one message from r, checks it, and writes it to w with the
// X-Vigie header of its verdict first and any X-Vigie header of its own
// removed (see Rewrite). Only its first limit+1 bytes are checked and held
// (in memory up to 1 MiB, then in an unlinked temporary file): check must
// judge a longer message too long, as a [verify.Checker] built with
// verify.WithMaxMessageSize(limit) does. The rest is streamed from r to w
// after the check.
//
// A leading mbox "From " envelope line, as procmail and some delivery
// agents pass it, is kept first and is not part of the message checked.
//
// Nothing is written when the message cannot be read or checked; an error
// after writing began (w or r failing) leaves w incomplete, and the caller
// must not use what was written.
func Filter(w io.Writer, r io.Reader, check CheckFunc, limit int64) (rep verify.Report, removed int, err error) {
	br := bufio.NewReaderSize(r, 64<<10)
	envelope, err := envelopeLine(br)
	if err != nil {
		return rep, 0, fmt.Errorf("reading message: %w", err)
	}
	spool := NewSpool(limit+1, 1<<20, "")
	defer spool.Close()
	if _, err := io.CopyN(spool, br, limit+1); err != nil && err != io.EOF {
		return rep, 0, fmt.Errorf("reading message: %w", err)
	}
	rep, err = safeCheck(check, spool.Reader())
	if err != nil {
		return rep, 0, err
	}
	if _, err := w.Write(envelope); err != nil {
		return rep, 0, err
	}
	removed, err = Rewrite(w, io.MultiReader(spool.Reader(), br), HeaderValue(rep.Verdict))
	return rep, removed, err
}

// safeCheck turns a panic of the check into an error.
func safeCheck(check CheckFunc, r io.Reader) (rep verify.Report, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("checking message: panic: %v", p)
		}
	}()
	return check(r)
}

// envelopeLine reads an mbox "From sender date" line if the message starts
// with one. "From:" and "From :" are header fields, not envelopes.
func envelopeLine(br *bufio.Reader) ([]byte, error) {
	head, err := br.Peek(5)
	if err != nil && err != io.EOF {
		return nil, err
	}
	if string(head) != "From " {
		return nil, nil
	}
	buf, err := br.Peek(br.Size())
	if err != nil && err != io.EOF {
		return nil, err
	}
	i := bytes.IndexByte(buf, '\n')
	if i < 0 {
		return nil, nil // not a line: the check judges it as it is
	}
	line := buf[:i+1]
	rest := bytes.TrimLeft(line[5:], " \t")
	if len(rest) == 0 || rest[0] == ':' || rest[0] == '\r' || rest[0] == '\n' {
		return nil, nil
	}
	out := append([]byte(nil), line...)
	_, err = br.Discard(len(out))
	return out, err
}
