// Command vigie-nats is a vigie worker on NATS JetStream: it takes check
// requests from a stream through a durable consumer shared by every worker,
// checks each one, stores the result in a results stream and only then
// acknowledges the request. Start as many workers as you like, on as many
// machines: JetStream spreads the requests over them, and a request whose
// worker died is delivered again to another.
//
//	vigie-nats [-server nats://127.0.0.1:4222] [-create]
//	           [-stream VIGIE_REQUESTS] [-subject vigie.requests]
//	           [-consumer vigie-workers]
//	           [-results-stream VIGIE_RESULTS] [-results-subject vigie.results]
//	           [-concurrency N] [-ack-wait D] [-dedup-window D] [-timeout D]
//	           [-stats-subject vigie.stats] [-registry FILE] [-registry-only]
//	           [-authserv-id ID]...
//
// A request is a JSON object in the format of vigie-server's POST /v1/check:
//
//	{"kind": "url", "input": "https://ameli-remboursement.com/"}
//	{"kind": "sms", "sender": "AMELI", "text": "Votre carte Vitale expire…"}
//	{"kind": "message", "input_base64": "RnJvbTog…"}
//
// Its result, published to -results-subject with the header Nats-Msg-Id set
// to the request's ID, is
//
//	{"id": "ID", "result": { …vigie-server's answer… }}   or
//	{"id": "ID", "error": "why the request could not be checked"}
//
// The request's ID is its own Nats-Msg-Id header when the publisher set one
// (set it: JetStream then also refuses duplicate requests), else
// "VIGIE_REQUESTS:SEQ", its sequence number in the stream. The results
// stream de-duplicates on Nats-Msg-Id, so a request delivered twice (its
// worker died after storing the result but before acknowledging) still has
// exactly one result, as long as the redelivery comes within the results
// stream's duplicate window (-dedup-window, ten minutes by default).
// A request with the header Vigie-Reply-To gets its result published there
// too, after it is stored: a caller can wait for its answer with a plain
// NATS subscription.
//
// Signals: SIGTERM and SIGINT stop taking requests, finish and acknowledge
// those in hand, then exit; SIGHUP reloads the -registry file (a broken
// file keeps the registry in use and logs why); SIGUSR1 logs counters.
// The same counters answer a NATS request on -stats-subject.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/signal"
	"runtime"
	"syscall"
	"time"

	"github.com/vigie-sante/vigie/examples/internal/checkerflags"
)

// config is what the flags set.
type config struct {
	server         string
	create         bool
	stream         string
	subject        string
	consumer       string
	resultsStream  string
	resultsSubject string
	concurrency    int
	ackWait        time.Duration
	dedupWindow    time.Duration
	timeout        time.Duration
	statsSubject   string
	checker        checkerflags.Flags
}

func parseFlags(args []string, stderr io.Writer) (*config, error) {
	cfg := &config{}
	fs := flag.NewFlagSet("vigie-nats", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: vigie-nats [flags]\n\nA vigie worker on NATS JetStream: checks the requests of a stream, stores\nthe results in another, acknowledges each request once its result is stored.\nFlags:\n\n")
		fs.PrintDefaults()
	}
	fs.StringVar(&cfg.server, "server", "nats://127.0.0.1:4222", "NATS server `URL`s, comma-separated")
	fs.BoolVar(&cfg.create, "create", false, "create (or update) the two streams and the consumer before starting")
	fs.StringVar(&cfg.stream, "stream", "VIGIE_REQUESTS", "`name` of the stream of requests")
	fs.StringVar(&cfg.subject, "subject", "vigie.requests", "`subject` of the requests (used by -create)")
	fs.StringVar(&cfg.consumer, "consumer", "vigie-workers", "`name` of the durable consumer every worker shares")
	fs.StringVar(&cfg.resultsStream, "results-stream", "VIGIE_RESULTS", "`name` of the stream of results (used by -create)")
	fs.StringVar(&cfg.resultsSubject, "results-subject", "vigie.results", "`subject` results are published to")
	fs.IntVar(&cfg.concurrency, "concurrency", 2*runtime.GOMAXPROCS(0), "requests checked at once (checks use the CPU: more than the cores only queues); as many again are buffered and as many are awaiting storage")
	fs.DurationVar(&cfg.ackWait, "ack-wait", 30*time.Second, "how long JetStream waits for an acknowledgement before delivering a request again (used by -create)")
	fs.DurationVar(&cfg.dedupWindow, "dedup-window", 10*time.Minute, "how long the results stream remembers result IDs to drop duplicates (used by -create); keep it well above -ack-wait")
	fs.DurationVar(&cfg.timeout, "timeout", 30*time.Second, "longest check of one request; past it the request gets an error result")
	fs.StringVar(&cfg.statsSubject, "stats-subject", "vigie.stats", "`subject` on which the worker answers requests for its counters (empty: none)")
	cfg.checker.RegisterRegistry(fs, "reloaded on SIGHUP")
	cfg.checker.RegisterAuthServ(fs)
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if err := cfg.checker.Validate(); err != nil {
		return nil, err
	}
	switch {
	case cfg.concurrency < 1:
		return nil, errors.New("-concurrency must be at least 1")
	case cfg.ackWait <= 0 || cfg.timeout <= 0:
		return nil, errors.New("-ack-wait and -timeout must be positive")
	case cfg.dedupWindow < 2*cfg.ackWait:
		return nil, fmt.Errorf("-dedup-window %v must be at least twice -ack-wait %v, or a redelivered request could get a second result", cfg.dedupWindow, cfg.ackWait)
	case cfg.stream == "" || cfg.consumer == "" || cfg.resultsSubject == "":
		return nil, errors.New("-stream, -consumer and -results-subject must not be empty")
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
		fmt.Fprintf(stderr, "vigie-nats: %v\n", err)
		return 2
	}
	logger := log.New(stderr, "vigie-nats: ", log.LstdFlags)
	w, err := newWorker(cfg, logger)
	if err != nil {
		logger.Print(err)
		return 1
	}
	defer w.close()
	// Signals are caught before the first request is taken, so that a
	// SIGTERM at any moment drains rather than kills.
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, syscall.SIGHUP, syscall.SIGUSR1, syscall.SIGTERM, syscall.SIGINT)
	defer signal.Stop(sigs)
	if err := w.start(); err != nil {
		logger.Print(err)
		return 1
	}
	logger.Printf("consuming %s/%s with %d at once, results to %s, registry %s (%d organisations)",
		cfg.stream, cfg.consumer, cfg.concurrency, cfg.resultsSubject,
		w.checker.Load().Registry().Version(), w.checker.Load().Registry().Len())
	for {
		select {
		case err := <-w.failed:
			logger.Printf("stopping: %v", err)
			w.drain()
			return 1
		case sig := <-sigs:
			switch sig {
			case syscall.SIGHUP:
				w.reload()
			case syscall.SIGUSR1:
				logger.Print(w.stats.String())
			default:
				logger.Printf("%v: draining: no new requests, finishing those in hand", sig)
				w.drain()
				logger.Print(w.stats.String())
				return 0
			}
		}
	}
}
