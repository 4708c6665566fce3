package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/vigie-sante/vigie/examples/internal/checkerflags"
	"github.com/vigie-sante/vigie/examples/internal/dispatch"
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
	kind, err := dispatch.ParseKind(*kindName)
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
	if kind == dispatch.Message {
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

// readLine returns the next line without its newline. A line longer than
// maxLine is returned cut, with tooLong set, and the rest of it discarded.
// The line may be r's own buffer, valid until r is read again.
func readLine(r *bufio.Reader) (line []byte, tooLong bool, err error) {
	chunk, err := r.ReadSlice('\n')
	if err != bufio.ErrBufferFull {
		// The common case: the whole line was in r's buffer.
		return bytes.TrimSuffix(chunk, []byte("\n")), false, err
	}
	buf := append([]byte(nil), chunk...)
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
		return w.write(dispatch.Result{Input: name, Kind: dispatch.Message, Report: rep})
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

func (w *answerWriter) check(c *verify.Checker, kind dispatch.Kind, input string) error {
	res, err := dispatch.Check(context.Background(), c, lineInput(kind, input))
	if err != nil {
		return err
	}
	return w.write(res)
}

// lineInput reads one line of input of the given kind; a text message's
// line is its sender, a tab, and its text (a line without a tab is a text
// without a sender).
func lineInput(kind dispatch.Kind, line string) dispatch.Input {
	if kind != dispatch.SMS {
		return dispatch.Input{Kind: kind, Data: line}
	}
	sender, text, ok := strings.Cut(line, "\t")
	if !ok {
		sender, text = "", line
	}
	return dispatch.Input{Kind: kind, Sender: sender, Data: text}
}

// tooLong is the answer to a line longer than maxLine, of which prefix
// was kept.
func tooLong(kind dispatch.Kind, prefix string) dispatch.Result {
	return dispatch.Result{Input: prefix[:min(len(prefix), 200)] + "…", Kind: kind, Report: verify.Report{Verdict: verify.Verdict{
		Status:  verify.Invalid,
		Reasons: []verify.Reason{{Code: verify.CodeTooLong, Detail: fmt.Sprintf("the line is longer than %d bytes", maxLine)}},
	}}}
}

func (w *answerWriter) write(res dispatch.Result) error {
	if res.Status.Alarming() {
		w.alarm = true
	}
	b, err := w.format(nil, res)
	if err != nil {
		return err
	}
	_, err = w.out.Write(b)
	return err
}

// format appends the output line of res to b: its JSON with -json, else
// the readable line. It only reads w, so the pipeline's workers share it.
func (w *answerWriter) format(b []byte, res dispatch.Result) ([]byte, error) {
	if w.json {
		j, err := json.Marshal(res)
		if err != nil {
			return b, err
		}
		return append(append(b, j...), '\n'), nil
	}
	return append(append(b, readable(res)...), '\n'), nil
}

// readable is the default output: verdict, input, organisation, target and
// reasons, tab-separated, with "-" for what is missing.
func readable(res dispatch.Result) string {
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
	input := res.Input
	if res.Sender != "" {
		input = res.Sender + " " + input
	}
	return strings.Join([]string{res.Status.String(), oneLine(input), oneLine(org), oneLine(target), oneLine(strings.Join(reasons, "; "))}, "\t")
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
