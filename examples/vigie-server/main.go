// Command vigie-server answers vigie checks over HTTP, for callers written
// in other languages: an rspamd Lua rule, a Python worker.
//
//	vigie-server [-listen 127.0.0.1:8080] [-registry FILE] [-registry-only] [-authserv-id ID]... [-max-body BYTES]
//
//	POST /v1/check        {"kind": "auto|url|host|email|sms|message", "input": "..."}
//	POST /v1/check/batch  {"items": [{"kind": "...", "input": "..."}, ...]}
//	GET  /healthz
//
// A check answers 200 with the JSON of a result (the line `vigie check
// -json` prints for the input), whatever the verdict; errors are
// {"error": "..."} with a 4xx or 5xx status. Instead of "input", a request
// may give "input_base64" (a message that is not UTF-8) or, for a text
// message, "sender" and "text". The server logs one line per request to
// standard error and stops gracefully on SIGINT or SIGTERM; a second
// signal stops it at once.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/vigie-sante/vigie/examples/internal/checkerflags"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		// After the first signal, restore the default action so that a
		// second one kills the process without waiting.
		<-ctx.Done()
		stop()
	}()
	code := run(ctx, os.Args[1:], os.Stderr)
	stop()
	os.Exit(code)
}

// config is what the flags set.
type config struct {
	listen          string
	checker         checkerflags.Flags
	handler         HandlerOptions
	shutdownTimeout time.Duration
}

func parseFlags(args []string, stderr io.Writer) (*config, error) {
	fs := flag.NewFlagSet("vigie-server", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var c config
	fs.StringVar(&c.listen, "listen", "127.0.0.1:8080", "listen on this `ADDRESS`")
	c.checker.RegisterRegistry(fs, "")
	c.checker.RegisterAuthServ(fs)
	fs.Int64Var(&c.handler.MaxBody, "max-body", DefaultMaxBody, "largest request body in `BYTES`, JSON included; raise it to check whole messages larger than about 900 KB")
	fs.IntVar(&c.handler.MaxBatch, "max-batch", DefaultMaxBatch, "most items in one batch request")
	fs.DurationVar(&c.handler.CheckTimeout, "check-timeout", DefaultCheckTimeout, "longest wait for a checking slot plus the check, per request")
	fs.IntVar(&c.handler.MaxConcurrent, "max-concurrent", 0, "most checks running at once (0: twice the number of CPUs)")
	fs.DurationVar(&c.shutdownTimeout, "shutdown-timeout", 20*time.Second, "on SIGINT or SIGTERM, how long requests in flight may take to finish")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	switch {
	case fs.NArg() > 0:
		return nil, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	case c.handler.MaxBody < 1024:
		return nil, fmt.Errorf("-max-body %d: want at least 1024", c.handler.MaxBody)
	case c.handler.MaxBatch < 1:
		return nil, fmt.Errorf("-max-batch %d: want at least 1", c.handler.MaxBatch)
	case c.handler.CheckTimeout <= 0:
		return nil, fmt.Errorf("-check-timeout %v: want a positive duration", c.handler.CheckTimeout)
	case c.handler.MaxConcurrent < 0:
		return nil, fmt.Errorf("-max-concurrent %d: want 0 or more", c.handler.MaxConcurrent)
	case c.shutdownTimeout <= 0:
		return nil, fmt.Errorf("-shutdown-timeout %v: want a positive duration", c.shutdownTimeout)
	}
	return &c, nil
}

// run serves until ctx is done and returns the exit status: 0 after a clean
// shutdown, 1 when serving fails, 2 on a usage or setup error.
func run(ctx context.Context, args []string, stderr io.Writer) int {
	cfg, err := parseFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "vigie-server: %v\n", err)
		return 2
	}
	checker, err := cfg.checker.Checker()
	if err != nil {
		fmt.Fprintf(stderr, "vigie-server: %v\n", err)
		return 2
	}
	ln, err := net.Listen("tcp", cfg.listen)
	if err != nil {
		fmt.Fprintf(stderr, "vigie-server: %v\n", err)
		return 2
	}
	logger := log.New(stderr, "", log.LstdFlags|log.Lmicroseconds)
	h := NewHandler(checker, cfg.handler)
	srv := newServer(h, cfg.handler.CheckTimeout, logger)
	reg := checker.Registry()
	logger.Printf("vigie-server: listening on http://%s (registry %s, %d organisations)", ln.Addr(), reg.Version(), reg.Len())
	if err := serve(ctx, srv, ln, cfg.shutdownTimeout); err != nil {
		logger.Printf("vigie-server: %v", err)
		return 1
	}
	logger.Printf("vigie-server: stopped")
	return 0
}
