// Command vigie-milter is a mail filter (milter) for Postfix and Sendmail
// that checks every message with vigie: is it from an official French
// health-insurance body, or does it imitate one?
//
//	vigie-milter [-listen inet:127.0.0.1:8895|unix:/path] [-authserv-id ID]...
//	             [-registry FILE] [-registry-only]
//	             [-on-official A] [-on-unknown A] [-on-invalid A]
//	             [-on-suspicious A] [-on-lookalike A] [-on-error A]
//	             [-max-size BYTES] [-timeout D] [-shutdown-timeout D]
//	             [-socket-mode MODE] [-log-messages=false]
//
// Every message it lets through gets an X-Vigie header with the verdict,
// the official domain concerned and the reason codes:
//
//	X-Vigie: lookalike; target=ameli.fr; org=assurance-maladie; reasons=display-name-brand,free-mail,combo-squat
//
// and any X-Vigie header the message already had is removed. Actions (A)
// are accept (tag and deliver), quarantine (tag and hold, with the verdict
// as the reason), reject (550 5.7.1 with the verdict and codes) and
// tempfail (451 4.7.1). By default a lookalike is quarantined, everything
// else is tagged and accepted, and a message that cannot be checked (a
// timeout, a fault) is deferred with 451; -on-error accept delivers it
// tagged "X-Vigie: error" instead.
//
// Signals: SIGHUP reloads the -registry file (a broken file keeps the
// registry in use and logs why; messages in flight finish with the one
// they started with), SIGUSR1 logs counters and latencies, SIGTERM and
// SIGINT stop accepting connections and wait up to -shutdown-timeout for
// the MTA to finish its sessions. Logs go to standard error, one line per
// message.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"github.com/d--j/go-milter"

	"github.com/vigie-sante/vigie/examples/internal/checkerflags"
	"github.com/vigie-sante/vigie/examples/internal/mailgate"
	"github.com/vigie-sante/vigie/verify"
)

// DefaultListen is the socket vigie-milter listens on without -listen.
const DefaultListen = "inet:127.0.0.1:8895"

// config is what the flags set.
type config struct {
	listen          string
	socketMode      os.FileMode
	checker         checkerflags.Flags
	maxSize         int64
	timeout         time.Duration
	shutdownTimeout time.Duration
	logMessages     bool
	policy          mailgate.Policy
}

func parseFlags(args []string, stderr io.Writer) (*config, error) {
	cfg := &config{policy: mailgate.DefaultPolicy()}
	fs := flag.NewFlagSet("vigie-milter", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: vigie-milter [flags]\n\nA milter for Postfix and Sendmail that tags, holds or refuses mail imitating\nFrench health-insurance bodies. Flags:\n\n")
		fs.PrintDefaults()
	}
	fs.StringVar(&cfg.listen, "listen", DefaultListen, "`socket` to listen on: inet:HOST:PORT (also Sendmail's inet:PORT@HOST), inet6:[HOST]:PORT or unix:/PATH")
	mode := fs.String("socket-mode", "0660", "permissions of a unix socket, in octal `MODE`")
	cfg.checker.RegisterRegistry(fs, "reloaded on SIGHUP")
	cfg.checker.RegisterAuthServ(fs)
	fs.Int64Var(&cfg.maxSize, "max-size", verify.DefaultMaxMessageSize, "largest message in `bytes` that is checked; a larger one is invalid (too-long), read no further, and only its first bytes are held")
	fs.DurationVar(&cfg.timeout, "timeout", 30*time.Second, "longest check of one message; past it the message gets the -on-error action")
	fs.DurationVar(&cfg.shutdownTimeout, "shutdown-timeout", 30*time.Second, "on SIGTERM, how long to wait for the MTA to finish its sessions")
	fs.BoolVar(&cfg.logMessages, "log-messages", true, "log one line per message (queue ID, verdict, action, timings)")
	cfg.policy.RegisterFlags(fs)
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if err := cfg.checker.Validate(); err != nil {
		return nil, err
	}
	m, err := strconv.ParseUint(*mode, 8, 32)
	if err != nil || m > 0o777 {
		return nil, fmt.Errorf("-socket-mode %q: want an octal mode such as 0660", *mode)
	}
	cfg.socketMode = os.FileMode(m)
	if cfg.timeout <= 0 {
		return nil, errors.New("-timeout must be positive")
	}
	return cfg, nil
}

func main() {
	os.Exit(run(os.Args[1:], os.Stderr))
}

func run(args []string, stderr io.Writer) int {
	cfg, err := parseFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "vigie-milter: %v\n", err)
		return 2
	}
	logger := log.New(stderr, "vigie-milter: ", log.LstdFlags)
	milter.LogWarning = func(format string, v ...any) { logger.Printf("milter: "+format, v...) }
	f, err := newFilter(cfg, logger)
	if err != nil {
		logger.Print(err)
		return 1
	}
	ln, err := listen(cfg.listen, cfg.socketMode)
	if err != nil {
		logger.Print(err)
		return 1
	}
	srv := f.server()
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	logger.Printf("listening on %s, registry %s (%d organisations), policy %s", cfg.listen,
		f.checker.Load().Registry().Version(), f.checker.Load().Registry().Len(), f.policyString())

	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, syscall.SIGHUP, syscall.SIGUSR1, syscall.SIGTERM, syscall.SIGINT)
	defer signal.Stop(sigs)
	return f.loop(srv, done, sigs)
}

// loop serves until the server fails or a SIGTERM or SIGINT has shut it
// down: the listener closes at once (the MTA applies its
// milter_default_action to new sessions) and the sessions in progress
// finish their messages, for up to -shutdown-timeout.
func (f *filter) loop(srv *milter.Server, done <-chan error, sigs <-chan os.Signal) int {
	for {
		select {
		case err := <-done:
			if err != nil && !errors.Is(err, milter.ErrServerClosed) {
				f.log.Printf("serving: %v", err)
				return 1
			}
			return 0
		case sig := <-sigs:
			switch sig {
			case syscall.SIGHUP:
				f.reload()
			case syscall.SIGUSR1:
				f.logStats()
			default:
				f.log.Printf("%v: shutting down, waiting up to %v for the MTA's sessions", sig, f.cfg.shutdownTimeout)
				ctx, cancel := context.WithTimeout(context.Background(), f.cfg.shutdownTimeout)
				err := srv.Shutdown(ctx)
				cancel()
				if err != nil {
					f.log.Printf("shutdown: %v; closing the remaining sessions (the MTA applies milter_default_action to them)", err)
				}
				srv.Close()
				f.logStats()
				return 0
			}
		}
	}
}
