package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/vigie-sante/vigie/examples/internal/checkerflags"
	"github.com/vigie-sante/vigie/verify"
)

// maxLine bounds one line of input. A longer line is answered as invalid
// and skipped, so a stray binary file cannot make vigie hold it in memory.
const maxLine = 1 << 20

func runCheck(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("vigie check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "print one JSON object per input")
	kindName := fs.String("kind", "auto", "what the inputs are: auto, url, host, email, sms or message")
	var cf checkerflags.Flags
	cf.RegisterRegistry(fs, "")
	cf.RegisterAuthServ(fs)
	if err := fs.Parse(args); err != nil {
		return exitFailure
	}
	kind, err := verify.ParseKind(*kindName)
	if err != nil {
		fmt.Fprintf(stderr, "vigie: %v\n", err)
		return exitFailure
	}
	checker, err := cf.Checker()
	if err != nil {
		fmt.Fprintf(stderr, "vigie: %v\n", err)
		return exitFailure
	}
	out := bufio.NewWriter(stdout)
	w := &answerWriter{out: out, json: *asJSON}
	if kind == verify.KindMessage {
		err = w.messages(checker, fs.Args(), stdin)
	} else if fs.NArg() > 0 {
		for _, in := range fs.Args() {
			if err = w.check(checker, kind, in); err != nil {
				break
			}
		}
	} else {
		err = w.lines(checker, kind, stdin)
	}
	if err != nil {
		fmt.Fprintf(stderr, "vigie: %v\n", err)
		return exitFailure
	}
	if err := out.Flush(); err != nil {
		fmt.Fprintf(stderr, "vigie: writing output: %v\n", err)
		return exitFailure
	}
	if w.alarm {
		return exitAlarm
	}
	return exitClean
}

type answerWriter struct {
	out   *bufio.Writer
	json  bool
	alarm bool
}

// lines checks stdin one line at a time. Output is flushed whenever the
// input has nothing more buffered, so an interactive or slow producer sees
// each answer at once while a file is written in large blocks.
func (w *answerWriter) lines(c *verify.Checker, kind verify.Kind, stdin io.Reader) error {
	in := bufio.NewReaderSize(stdin, 64<<10)
	for {
		line, tooLong, err := readLine(in)
		if len(line) > 0 || tooLong {
			text := strings.TrimSuffix(string(line), "\r")
			if tooLong {
				w.alarm = true
				if werr := w.tooLong(kind, text); werr != nil {
					return werr
				}
			} else if strings.TrimSpace(text) != "" {
				if werr := w.check(c, kind, text); werr != nil {
					return werr
				}
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("reading input: %w", err)
		}
		if in.Buffered() == 0 {
			if err := w.out.Flush(); err != nil {
				return fmt.Errorf("writing output: %w", err)
			}
		}
	}
}

// readLine returns the next line without its newline. A line longer than
// maxLine is returned cut, with tooLong set, and the rest of it discarded.
func readLine(r *bufio.Reader) (line []byte, tooLong bool, err error) {
	var buf []byte
	for {
		chunk, err := r.ReadSlice('\n')
		if len(buf)+len(chunk) > maxLine {
			tooLong = true
			if room := maxLine - len(buf); room > 0 {
				buf = append(buf, chunk[:room]...)
			}
		} else {
			buf = append(buf, chunk...)
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		return bytes.TrimSuffix(buf, []byte("\n")), tooLong, err
	}
}

// messages checks one RFC 5322 message from standard input, or one per
// file named in files, streaming each through the checker.
func (w *answerWriter) messages(c *verify.Checker, files []string, stdin io.Reader) error {
	one := func(name string, r io.Reader) error {
		rep, err := c.Message(r)
		if err != nil {
			return err
		}
		return w.write(verify.Result{Input: name, Kind: verify.KindMessage, Verdict: rep.Verdict, Links: rep.Links})
	}
	if len(files) == 0 {
		return one("-", stdin)
	}
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		err = one(name, f)
		f.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

func (w *answerWriter) check(c *verify.Checker, kind verify.Kind, input string) error {
	res, err := c.Check(kind, input)
	if err != nil {
		return err
	}
	return w.write(res)
}

func (w *answerWriter) tooLong(kind verify.Kind, prefix string) error {
	return w.write(verify.Result{Input: prefix[:min(len(prefix), 200)] + "…", Kind: kind, Verdict: verify.Verdict{
		Status:  verify.Invalid,
		Reasons: []verify.Reason{{Code: verify.CodeTooLong, Detail: fmt.Sprintf("the line is longer than %d bytes", maxLine)}},
	}})
}

func (w *answerWriter) write(res verify.Result) error {
	if res.Status.Alarming() {
		w.alarm = true
	}
	if w.json {
		b, err := json.Marshal(res)
		if err != nil {
			return err
		}
		w.out.Write(b)
		return w.out.WriteByte('\n')
	}
	_, err := io.WriteString(w.out, readable(res)+"\n")
	return err
}

// readable is the default output: verdict, input, organisation, target and
// reasons, tab-separated, with "-" for what is missing.
func readable(res verify.Result) string {
	org, target := "-", "-"
	if res.Organization != nil {
		org = res.Organization.ID
	}
	if res.Target != "" {
		target = res.Target
	}
	reasons := make([]string, len(res.Reasons))
	for i, r := range res.Reasons {
		reasons[i] = string(r.Code) + ": " + r.Detail
	}
	return strings.Join([]string{res.Status.String(), oneLine(res.Input), oneLine(org), oneLine(target), oneLine(strings.Join(reasons, "; "))}, "\t")
}

// oneLine keeps a field on its output line, one line per input with its
// tab-separated fields: tabs and line breaks are written \t, \n, \r, other
// control characters and line separators as \xNN or \uNNNN, and a byte
// that is not UTF-8 as its value (\xff), not as the replacement character.
func oneLine(s string) string {
	var b strings.Builder
	for i, r := range s {
		switch _, n := utf8.DecodeRuneInString(s[i:]); {
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case 0x80 <= r && r < 0xa0 || r == '\u2028' || r == '\u2029' || r == '\u0085':
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+n])
		}
	}
	return b.String()
}
