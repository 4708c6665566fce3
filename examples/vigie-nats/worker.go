package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/vigie-sante/vigie/verify"
)

// Headers the worker reads and writes.
const (
	// headerReplyTo on a request names a subject the result is also
	// published to once stored. The JetStream message's own reply subject
	// is its acknowledgement subject, so a caller's inbox travels in a
	// header.
	headerReplyTo = "Vigie-Reply-To"
	// headerRequestID on a result repeats the request's ID, which is also
	// the result's Nats-Msg-Id.
	headerRequestID = "Vigie-Request-Id"
)

// worker consumes one durable consumer with a bounded pool of goroutines.
type worker struct {
	cfg     *config
	log     *log.Logger
	nc      *nats.Conn
	js      jetstream.JetStream
	checker atomic.Pointer[verify.Checker]
	stats   stats
	// failed reports a consumer that stopped for good (its stream or
	// consumer deleted, the connection closed).
	failed chan error

	iter    jetstream.MessagesContext
	pool    sync.WaitGroup
	statSub *nats.Subscription
	closing sync.Once
}

func newWorker(cfg *config, logger *log.Logger) (*worker, error) {
	c, err := cfg.checker.Checker()
	if err != nil {
		return nil, err
	}
	w := &worker{cfg: cfg, log: logger, failed: make(chan error, 1)}
	w.checker.Store(c)
	w.stats.start = time.Now()
	w.nc, err = nats.Connect(cfg.server,
		nats.Name("vigie-nats"),
		nats.MaxReconnects(-1),
		nats.DisconnectErrHandler(func(_ *nats.Conn, err error) {
			if err != nil {
				logger.Printf("disconnected: %v (reconnecting)", err)
			}
		}),
		nats.ReconnectHandler(func(nc *nats.Conn) { logger.Printf("reconnected to %s", nc.ConnectedUrlRedacted()) }),
	)
	if err != nil {
		return nil, fmt.Errorf("connecting to %s: %w", cfg.server, err)
	}
	// A confirmation lost with a connection would hold its request, and
	// those behind it, for ever: past the timeout the request is NAK'd
	// and comes back, and the results stream's de-duplication keeps one
	// result whatever happened.
	w.js, err = jetstream.New(w.nc, jetstream.WithPublishAsyncTimeout(15*time.Second))
	if err != nil {
		w.nc.Close()
		return nil, err
	}
	return w, nil
}

// start creates the streams and consumer when asked, answers the stats
// subject and starts the pool.
func (w *worker) start() error {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if w.cfg.create {
		if err := createStreams(ctx, w.js, w.cfg); err != nil {
			return err
		}
	}
	cons, err := w.js.Consumer(ctx, w.cfg.stream, w.cfg.consumer)
	if err != nil {
		return fmt.Errorf("consumer %s on stream %s: %w (create them with -create or the nats CLI; see the README)", w.cfg.consumer, w.cfg.stream, err)
	}
	if w.cfg.statsSubject != "" {
		w.statSub, err = w.nc.Subscribe(w.cfg.statsSubject, func(m *nats.Msg) {
			b, _ := json.Marshal(w.stats.snapshot())
			m.Respond(b)
		})
		if err != nil {
			return err
		}
	}
	// The client holds at most as many requests as it checks at once, on
	// top of those being checked: back-pressure stays with JetStream,
	// which keeps the rest for other workers.
	w.iter, err = cons.Messages(jetstream.PullMaxMessages(w.cfg.concurrency))
	if err != nil {
		return err
	}
	jobs := make(chan jetstream.Msg)
	// Results awaiting confirmation are bounded too: a slow results
	// stream stops the checks, which stops the pulls.
	confirm := make(chan stored, w.cfg.concurrency)
	var checkers sync.WaitGroup
	checkers.Add(w.cfg.concurrency)
	for i := 0; i < w.cfg.concurrency; i++ {
		go func() {
			defer checkers.Done()
			for m := range jobs {
				w.handle(m, confirm)
			}
		}()
	}
	w.pool.Add(1)
	go func() {
		defer w.pool.Done()
		w.settle(confirm)
	}()
	go func() {
		checkers.Wait()
		close(confirm)
	}()
	go w.receive(jobs)
	return nil
}

// receive hands the requests to the pool until the iterator closes (a
// drain, or a failure).
func (w *worker) receive(jobs chan<- jetstream.Msg) {
	defer close(jobs)
	for {
		m, err := w.iter.Next()
		switch {
		case err == nil:
			jobs <- m
		case errors.Is(err, jetstream.ErrMsgIteratorClosed):
			return
		case errors.Is(err, jetstream.ErrConsumerDeleted), errors.Is(err, jetstream.ErrConsumerNotFound),
			errors.Is(err, jetstream.ErrConnectionClosed):
			select {
			case w.failed <- err:
			default:
			}
			return
		default:
			// A missed heartbeat or a reconnection: the iterator pulls
			// again by itself, and unacknowledged requests come back.
			w.stats.pullErrors.Add(1)
			w.log.Printf("pulling: %v (going on)", err)
		}
	}
}

// drain stops taking requests, lets the pool finish and acknowledge those
// in hand, then closes the connection. Requests the client had buffered
// are checked too (the iterator's Drain delivers them).
func (w *worker) drain() {
	if w.iter != nil {
		w.iter.Drain()
	}
	w.pool.Wait()
	w.close()
}

func (w *worker) close() {
	w.closing.Do(func() {
		if w.statSub != nil {
			w.statSub.Unsubscribe()
		}
		// Drain the connection so that the last acknowledgements are
		// flushed before it closes.
		if err := w.nc.Drain(); err != nil {
			w.nc.Close()
		}
		for w.nc.IsDraining() {
			time.Sleep(10 * time.Millisecond)
		}
	})
}

// stored is a result on its way to the results stream, and the request
// to acknowledge once JetStream confirms it.
type stored struct {
	req    jetstream.Msg
	id     string
	body   []byte
	status string
	begin  time.Time
	ack    jetstream.PubAckFuture
}

// handle checks one request and publishes its result without waiting for
// the confirmation, which settle awaits: the checks go on while results
// are in flight, and no goroutine sits idle on a round trip.
func (w *worker) handle(m jetstream.Msg, confirm chan<- stored) {
	begin := time.Now()
	id, delivered := requestID(m)
	if delivered > 1 {
		w.stats.redelivered.Add(1)
	}
	body, status := w.result(id, m.Data())
	res := nats.NewMsg(w.cfg.resultsSubject)
	res.Header.Set(jetstream.MsgIDHeader, id)
	res.Header.Set(headerRequestID, id)
	res.Data = body
	fut, err := w.js.PublishMsgAsync(res)
	if err != nil {
		w.failedToStore(m, id, err)
		return
	}
	confirm <- stored{req: m, id: id, body: body, status: status, begin: begin, ack: fut}
}

// settle acknowledges each request once its result is stored, in the order
// they were published (JetStream confirms in that order). A result that
// could not be stored leaves its request unacknowledged (NAK'd, so it comes
// back soon): JetStream delivers it again, and the results stream's
// de-duplication keeps one result whatever happened.
func (w *worker) settle(confirm <-chan stored) {
	for s := range confirm {
		var ack *jetstream.PubAck
		select {
		case ack = <-s.ack.Ok():
		case err := <-s.ack.Err():
			w.failedToStore(s.req, s.id, err)
			continue
		}
		if ack.Duplicate {
			w.stats.duplicates.Add(1)
		}
		if reply := s.req.Headers().Get(headerReplyTo); reply != "" {
			w.nc.Publish(reply, s.body)
		}
		if err := s.req.Ack(); err != nil {
			// The result is stored: a redelivery only finds it again.
			w.log.Printf("request %s: acknowledging: %v", s.id, err)
		}
		w.stats.done(s.status, time.Since(s.begin))
	}
}

func (w *worker) failedToStore(m jetstream.Msg, id string, err error) {
	w.stats.storeFailures.Add(1)
	w.log.Printf("request %s: storing the result: %v (left for redelivery)", id, err)
	m.NakWithDelay(time.Second)
}

// result checks a request and returns the result message's body, and the
// verdict's name ("error" when there is none) for the counters.
func (w *worker) result(id string, data []byte) ([]byte, string) {
	type answer struct {
		ID     string          `json:"id"`
		Result json.RawMessage `json:"result,omitempty"`
		Error  string          `json:"error,omitempty"`
	}
	ctx, cancel := context.WithTimeout(context.Background(), w.cfg.timeout)
	defer cancel()
	res, status, err := checkRequest(ctx, w.checker.Load(), data)
	if err != nil {
		b, _ := json.Marshal(answer{ID: id, Error: err.Error()})
		return b, "error"
	}
	b, _ := json.Marshal(answer{ID: id, Result: res})
	return b, status
}

// requestID is the request's Nats-Msg-Id, or its stream and sequence, and
// how many times it has been delivered.
func requestID(m jetstream.Msg) (string, uint64) {
	md, err := m.Metadata()
	var delivered uint64
	var fallback string
	if err == nil {
		delivered = md.NumDelivered
		fallback = md.Stream + ":" + strconv.FormatUint(md.Sequence.Stream, 10)
	}
	if id := strings.TrimSpace(m.Headers().Get(jetstream.MsgIDHeader)); id != "" {
		return id, delivered
	}
	return fallback, delivered
}

// reload rebuilds the checker from the -registry file; on error the one in
// use stays.
func (w *worker) reload() {
	c, err := w.cfg.checker.Checker()
	if err != nil {
		w.log.Printf("SIGHUP: keeping registry %s: %v", w.checker.Load().Registry().Version(), err)
		return
	}
	w.checker.Store(c)
	w.log.Printf("SIGHUP: registry %s (%d organisations)", c.Registry().Version(), c.Registry().Len())
}
