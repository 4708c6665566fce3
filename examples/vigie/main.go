// Command vigie checks links, hosts, email senders, messages and text
// messages against the registry of official French health-insurance bodies.
//
//	vigie check [-json] [-kind auto|url|host|email|sms|message] [-registry FILE] [-registry-only] [-authserv-id ID] [INPUT ...]
//	vigie registry list [-json] [-registry FILE] [-registry-only]
//	vigie registry validate FILE
//	vigie registry diff OLD NEW
//	vigie filter [-authserv-id ID] [-registry FILE] [-registry-only] [-exit-zero] [-rcpt ADDRESS]... < MESSAGE > MESSAGE
//
// Inputs come from the arguments, else from standard input, one per line
// (kind sms: SENDER<TAB>TEXT; kind message: all of standard input is one
// RFC 5322 message, or each argument names a message file). Blank lines are skipped. Each input gets one line of
// output, as soon as it is checked, so vigie can sit in a pipeline.
//
// Exit status: 0 when no answer is lookalike, suspicious or invalid; 1 when
// one is; 2 on a usage or I/O error.
package main

import (
	"fmt"
	"io"
	"os"
)

// Exit statuses, as documented above.
const (
	exitClean   = 0
	exitAlarm   = 1
	exitFailure = 2
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

const usage = `usage:
  vigie check [-json] [-kind auto|url|host|email|sms|message] [-registry FILE] [-registry-only] [-authserv-id ID] [INPUT ...]
  vigie registry list [-json] [-registry FILE] [-registry-only]
  vigie registry validate FILE
  vigie registry diff OLD NEW      (OLD or NEW may be :embedded)
  vigie filter [-authserv-id ID] [-registry FILE] [-registry-only] [-exit-zero] [-rcpt ADDRESS]... < MESSAGE > MESSAGE
`

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitFailure
	}
	switch args[0] {
	case "check":
		return runCheck(args[1:], stdin, stdout, stderr)
	case "registry":
		return runRegistry(args[1:], stdout, stderr)
	case "filter":
		return runFilter(args[1:], stdin, stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return exitClean
	}
	fmt.Fprintf(stderr, "vigie: unknown command %q\n%s", args[0], usage)
	return exitFailure
}
