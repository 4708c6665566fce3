package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/vigie-sante/vigie/examples/internal/checkerflags"
	"github.com/vigie-sante/vigie/examples/internal/mailgate"
	"github.com/vigie-sante/vigie/verify"
)

// runFilter is "vigie filter": a message on standard input, the same
// message on standard output with an X-Vigie header first
//
//	X-Vigie: lookalike; target=ameli.fr; org=assurance-maladie; reasons=display-name-brand,free-mail,combo-squat
//
// and every X-Vigie header it came with removed; the other header fields
// and the body are copied byte for byte. A leading mbox "From " line stays
// first. It is the pipe counterpart of vigie-milter, for Postfix
// content_filter/pipe, Exim transport filters, procmail and Sieve.
//
// Exit status, like spamc -E: 0 official or unknown, 1 lookalike,
// suspicious or invalid, 2 on a usage or I/O error, in which case standard
// output must not be used (nothing is written when the message could not be
// read or checked). With -exit-zero it is 0 whatever the verdict, for the
// tools that take any other status as a failure of the filter (procmail
// "fw", Exim's transport_filter, Sieve's "filter").
func runFilter(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("vigie filter", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var cf checkerflags.Flags
	cf.RegisterRegistry(fs, "")
	cf.RegisterAuthServ(fs)
	exitZero := fs.Bool("exit-zero", false, "exit 0 whatever the verdict (2 still means the message was not filtered)")
	var env verify.Envelope
	fs.Func("rcpt", "an envelope recipient `ADDRESS` (pipe(8)'s ${recipient}); repeatable. A proven message delivered to one may write that address and stay official", func(s string) error {
		if strings.TrimSpace(s) == "" {
			return errors.New("empty recipient")
		}
		env.Recipients = append(env.Recipients, s)
		return nil
	})
	if err := fs.Parse(args); err != nil {
		return exitFailure
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "vigie filter: unexpected argument %q: the message is read from standard input\n", fs.Arg(0))
		return exitFailure
	}
	const limit = verify.DefaultMaxMessageSize
	checker, err := cf.Checker(verify.WithMaxMessageSize(limit))
	if err != nil {
		fmt.Fprintf(stderr, "vigie: %v\n", err)
		return exitFailure
	}
	out := bufio.NewWriterSize(stdout, 64<<10)
	check := func(r io.Reader) (verify.Report, error) {
		return checker.MessageEnvelope(context.Background(), env, r)
	}
	rep, _, err := mailgate.Filter(out, stdin, check, limit)
	if err == nil {
		err = out.Flush()
	}
	if err != nil {
		fmt.Fprintf(stderr, "vigie filter: %v\n", err)
		return exitFailure
	}
	if rep.Status.Alarming() && !*exitZero {
		return exitAlarm
	}
	return exitClean
}
