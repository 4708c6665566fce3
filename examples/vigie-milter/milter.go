package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/d--j/go-milter"

	"github.com/vigie-sante/vigie/examples/internal/mailgate"
	"github.com/vigie-sante/vigie/verify"
)

const (
	// spoolMem is how much of one message is held in memory; the rest,
	// up to -max-size, goes to an unlinked temporary file.
	spoolMem = 1 << 20
	// progressEvery is how often the MTA is told a long check is still
	// running (milter protocol 6), so that Sendmail's 10-second reply
	// timeout does not cut a check that -timeout still allows.
	progressEvery = 5 * time.Second
)

// A filter is the milter's shared state: configuration, the checker in
// use, counters. Each MTA connection gets a session.
type filter struct {
	cfg *config
	log *log.Logger
	// checker is swapped whole on reload: a message keeps the checker it
	// was given when its check started.
	checker  atomic.Pointer[verify.Checker]
	reloadMu sync.Mutex
	stats    stats
	// check runs one check; tests replace it to simulate faults.
	check func(*verify.Checker, context.Context, verify.Envelope, io.Reader) (verify.Report, error)
}

func newFilter(cfg *config, logger *log.Logger) (*filter, error) {
	f := &filter{cfg: cfg, log: logger, check: (*verify.Checker).MessageEnvelope}
	c, err := f.load()
	if err != nil {
		return nil, err
	}
	f.checker.Store(c)
	return f, nil
}

// load builds a checker from the configured registry.
func (f *filter) load() (*verify.Checker, error) {
	return f.cfg.checker.Checker(verify.WithMaxMessageSize(f.cfg.maxSize))
}

// reload rereads the registry; on failure the checker in use stays.
func (f *filter) reload() {
	f.reloadMu.Lock()
	defer f.reloadMu.Unlock()
	old := f.checker.Load().Registry()
	c, err := f.load()
	if err != nil {
		f.log.Printf("reload failed, keeping registry %s (%d organisations): %v", old.Version(), old.Len(), err)
		return
	}
	f.checker.Store(c)
	f.log.Printf("registry reloaded: %s (%d organisations), was %s", c.Registry().Version(), c.Registry().Len(), old.Version())
}

func (f *filter) logStats() { f.log.Print("stats: " + f.stats.String()) }

func (f *filter) policyString() string {
	var parts []string
	for _, s := range []verify.Status{verify.Official, verify.Unknown, verify.Invalid, verify.Suspicious, verify.Lookalike} {
		parts = append(parts, s.String()+"="+f.cfg.policy.For(s).String())
	}
	return strings.Join(append(parts, "error="+f.cfg.policy.Error.String()), " ")
}

// server builds the milter server. The milter asks for no SMTP events but
// MAIL FROM, RCPT TO (the envelope recipients, which the check reads: see
// verify.Checker.MessageEnvelope), DATA, the header and the body, and
// needs to answer only DATA
// and the end of the message. The DATA event and its reply are kept on
// purpose: without them every message waited about 40 ms in Postfix 3.7
// (its writes of the header events stalled, Nagle's algorithm against
// delayed ACKs); with them the milter's share of a message, from MAIL FROM
// to its answer, is about a millisecond (measured by the end-to-end test).
func (f *filter) server() *milter.Server {
	actions := milter.OptAddHeader | milter.OptChangeHeader
	if f.cfg.policy.Uses(mailgate.Quarantine) {
		actions |= milter.OptQuarantine
	}
	protocol := milter.OptNoConnect | milter.OptNoHelo | milter.OptNoUnknown |
		milter.OptHeaderLeadingSpace | milter.OptNoConnReply | milter.OptNoHeloReply | milter.OptNoMailReply |
		milter.OptNoRcptReply | milter.OptNoHeaderReply | milter.OptNoEOHReply | milter.OptNoBodyReply |
		milter.OptNoUnknownReply
	return milter.NewServer(
		milter.WithDynamicMilter(func(_ uint32, _ milter.OptAction, protocol milter.OptProtocol, _ milter.DataSize) milter.Milter {
			return &session{f: f, leadingSpace: protocol&milter.OptHeaderLeadingSpace != 0}
		}),
		milter.WithActions(actions),
		milter.WithProtocols(protocol),
		milter.WithMacroRequest(milter.StageEOM, []milter.MacroName{milter.MacroQueueId}),
		milter.WithNegotiationCallback(negotiate(actions&^milter.OptSetMacros)),
	)
}

// negotiate accepts any MTA that allows the actions the milter needs, and
// keeps of the protocol options it asks for those the MTA offers: an MTA
// that cannot skip an event or a reply sends it, and the milter answers.
func negotiate(required milter.OptAction) milter.NegotiationCallbackFunc {
	return func(mtaVersion, milterVersion uint32, mtaActions, milterActions milter.OptAction, mtaProtocol, milterProtocol milter.OptProtocol, offered milter.DataSize) (uint32, milter.OptAction, milter.OptProtocol, milter.DataSize, error) {
		version := min(mtaVersion, milterVersion)
		if version < 2 {
			return 0, 0, 0, 0, fmt.Errorf("milter protocol version %d is too old", mtaVersion)
		}
		if mtaActions&required != required {
			return 0, 0, 0, 0, fmt.Errorf("the MTA does not allow %v (it offers %v)", required&^mtaActions, mtaActions)
		}
		return version, milterActions & mtaActions, milterProtocol & mtaProtocol, offered, nil
	}
}

// A session handles one MTA connection, one message after another.
type session struct {
	milter.NoOpMilter
	f            *filter
	leadingSpace bool
	msg          *message
}

// message is what a session gathers for the message in progress.
type message struct {
	start time.Time
	spool *mailgate.Spool
	// vigie counts the X-Vigie headers the message came with.
	vigie int
	// recipients are the envelope's, RCPT TO as the MTA accepted them:
	// a message delivered to one may write that address (see
	// verify.Checker.MessageEnvelope).
	recipients []string
	eoh        bool
	// size counts the bytes received: header fields, blank line, body.
	size int64
	// failure is why the message cannot be checked: a spool or callback
	// failure. It is answered with the -on-error action at the end.
	failure error
}

func (s *session) begin() *message {
	if s.msg == nil {
		s.msg = &message{start: time.Now(), spool: mailgate.NewSpool(s.f.cfg.maxSize+1, spoolMem, "")}
	}
	return s.msg
}

func (s *session) end() {
	if s.msg != nil {
		s.msg.spool.Close()
		s.msg = nil
	}
}

// recoverTo turns a panic in a callback into a failure of the message,
// answered at its end: a bug must neither kill the milter (and every
// session with it) nor let the message through unchecked.
func (s *session) recoverTo(resp **milter.Response) {
	if p := recover(); p != nil {
		s.f.log.Printf("panic: %v\n%s", p, debug.Stack())
		if msg := s.begin(); msg.failure == nil {
			msg.failure = fmt.Errorf("panic: %v", p)
		}
		*resp = milter.RespContinue
	}
}

func (s *session) write(msg *message, p []byte) {
	msg.size += int64(len(p))
	if msg.failure != nil {
		return
	}
	if _, err := msg.spool.Write(p); err != nil {
		msg.failure = err
	}
}

func (s *session) NewConnection(milter.Modifier) error { s.end(); return nil }

func (s *session) MailFrom(_, _ string, _ milter.Modifier) (*milter.Response, error) {
	s.end()
	s.begin()
	return milter.RespContinue, nil
}

// RcptTo records an envelope recipient. Postfix sends only those it
// accepted (smtpd_milters see RCPT TO after its own restrictions).
func (s *session) RcptTo(rcptTo, _ string, _ milter.Modifier) (resp *milter.Response, err error) {
	defer s.recoverTo(&resp)
	msg := s.begin()
	// Two are kept: of a message to several recipients, the check needs
	// to know only that they are several.
	if len(msg.recipients) < 2 {
		msg.recipients = append(msg.recipients, rcptTo)
	}
	return milter.RespContinue, nil
}

func (s *session) Header(name, value string, _ milter.Modifier) (resp *milter.Response, err error) {
	defer s.recoverTo(&resp)
	msg := s.begin()
	if mailgate.IsHeader(name) {
		msg.vigie++
	}
	s.write(msg, headerLine(name, value, s.leadingSpace))
	return milter.RespContinue, nil
}

func (s *session) Headers(milter.Modifier) (resp *milter.Response, err error) {
	defer s.recoverTo(&resp)
	msg := s.begin()
	msg.eoh = true
	s.write(msg, []byte("\r\n"))
	return milter.RespContinue, nil
}

func (s *session) BodyChunk(chunk []byte, _ milter.Modifier) (resp *milter.Response, err error) {
	defer s.recoverTo(&resp)
	s.write(s.begin(), chunk)
	return milter.RespContinue, nil
}

func (s *session) Abort(milter.Modifier) error { s.end(); return nil }

func (s *session) Cleanup(milter.Modifier) { s.end() }

// EndOfMessage checks the message and answers: tag and accept, tag and
// hold, reject or defer.
func (s *session) EndOfMessage(m milter.Modifier) (resp *milter.Response, err error) {
	eom := time.Now()
	msg := s.begin()
	s.msg = nil
	policy := &s.f.cfg.policy
	var d mailgate.Decision
	defer func() {
		if p := recover(); p != nil {
			s.f.log.Printf("panic: %v\n%s", p, debug.Stack())
			d = policy.DecideError(fmt.Errorf("panic: %v", p))
			resp, err = s.errorResponse(d)
		}
		if msg.spool != nil {
			msg.spool.Close()
		}
		s.done(m, msg, d, eom, err)
	}()
	if !msg.eoh {
		s.write(msg, []byte("\r\n"))
	}
	if msg.failure != nil {
		d = policy.DecideError(msg.failure)
	} else if rep, cerr := s.check(msg, m); cerr != nil {
		d = policy.DecideError(cerr)
	} else {
		d = policy.Decide(rep)
	}
	return s.apply(d, msg, m)
}

// check runs the check under a context that ends after -timeout, while
// the MTA is told every progressEvery that the check goes on. The check
// stops at its next step once the context is done (verify's
// MessageContext), and so does the MTA's patience: a failed progress
// report (the MTA went away) stops it too.
func (s *session) check(msg *message, m milter.Modifier) (rep verify.Report, err error) {
	c := s.f.checker.Load()
	spool := msg.spool
	msg.spool = nil
	defer spool.Close()
	defer func() {
		// A panic in the check is an error of the check, decided by
		// -on-error, not a panic of the session.
		if p := recover(); p != nil {
			s.f.log.Printf("panic in check: %v\n%s", p, debug.Stack())
			rep, err = verify.Report{}, fmt.Errorf("panic: %v", p)
		}
	}()
	ctx, cancel := context.WithTimeout(context.Background(), s.f.cfg.timeout)
	defer cancel()
	ctx, abort := context.WithCancelCause(ctx)
	defer abort(nil)

	// The progress reports stop before check returns, so that nothing
	// else writes to the MTA while the decision is sent.
	stop, stopped := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(stopped)
		tick := time.NewTicker(progressEvery)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-ctx.Done():
				return
			case <-tick.C:
				if err := m.Progress(); err != nil && !errors.Is(err, milter.ErrVersionTooLow) {
					abort(fmt.Errorf("telling the MTA the check is in progress: %w", err))
					return
				}
			}
		}
	}()
	defer func() { close(stop); <-stopped }()

	rep, err = s.f.check(c, ctx, verify.Envelope{Recipients: msg.recipients}, spool.Reader())
	if ctx.Err() != nil {
		// A check that ends after its time is up has failed, whatever it
		// returned: the MTA may have given up on it.
		if cause := context.Cause(ctx); !errors.Is(cause, context.DeadlineExceeded) {
			return verify.Report{}, cause
		}
		return verify.Report{}, fmt.Errorf("timeout: the check took more than %v", s.f.cfg.timeout)
	}
	return rep, err
}

// apply sends the decision to the MTA. A message that goes through, held
// or not, loses the X-Vigie headers it came with, last first so that the
// indexes stay right whether the MTA removes a header (Postfix) or only
// marks it (Sendmail), and gets ours on top.
func (s *session) apply(d mailgate.Decision, msg *message, m milter.Modifier) (*milter.Response, error) {
	if d.Action == mailgate.Reject || d.Action == mailgate.TempFail {
		return s.errorResponse(d)
	}
	for i := msg.vigie; i >= 1; i-- {
		if err := m.ChangeHeader(i, mailgate.HeaderName, ""); err != nil {
			return nil, fmt.Errorf("removing X-Vigie header %d: %w", i, err)
		}
	}
	value := d.Header
	if s.leadingSpace {
		// The MTA writes what follows the colon as given.
		value = " " + value
	}
	if err := m.InsertHeader(0, mailgate.HeaderName, value); err != nil {
		return nil, fmt.Errorf("adding the X-Vigie header: %w", err)
	}
	if d.Action == mailgate.Quarantine {
		if err := m.Quarantine(d.QuarantineReason()); err != nil {
			return nil, fmt.Errorf("quarantining: %w", err)
		}
	}
	return milter.RespAccept, nil
}

// errorResponse answers Reject or TempFail with the decision's reply.
func (s *session) errorResponse(d mailgate.Decision) (*milter.Response, error) {
	code, text := d.Reply()
	if d.Action != mailgate.Reject && d.Action != mailgate.TempFail {
		// A panic while tagging: only a refusal is safe now.
		code, text = mailgate.Decision{Action: mailgate.TempFail, Err: d.Err}.Reply()
	}
	resp, err := milter.RejectWithCodeAndReason(code, text)
	if err != nil {
		if code >= 500 {
			return milter.RespReject, nil
		}
		return milter.RespTempFail, nil
	}
	return resp, nil
}

// done logs the message and counts it.
func (s *session) done(m milter.Modifier, msg *message, d mailgate.Decision, eom time.Time, err error) {
	now := time.Now()
	action := d.Action.String()
	if err != nil {
		// The connection to the MTA failed: it applies its
		// milter_default_action.
		action = "mta-default"
	}
	s.f.stats.add(d.Verdict, action, now.Sub(eom), now.Sub(msg.start))
	if !s.f.cfg.logMessages && d.Err == nil && err == nil {
		return
	}
	var b strings.Builder
	fmt.Fprintf(&b, "queue=%s verdict=%s action=%s x-vigie=%q removed=%d size=%d eom=%v total=%v",
		orDash(m.Get(milter.MacroQueueId)), d.Verdict, action, d.Header, msg.vigie, msg.size,
		now.Sub(eom).Round(time.Microsecond), now.Sub(msg.start).Round(time.Microsecond))
	if d.Err != nil {
		fmt.Fprintf(&b, " error=%q", d.Err.Error())
	}
	if err != nil {
		fmt.Fprintf(&b, " mta-error=%q", err.Error())
	}
	s.f.log.Print(b.String())
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// headerLine rebuilds a header field as the message carried it. With
// OptHeaderLeadingSpace the MTA sends the value exactly as it follows the
// colon; without, it swallowed one space, put back unless the value
// starts with a tab. Line breaks inside a folded value become CRLF.
func headerLine(name, value string, leadingSpace bool) []byte {
	b := make([]byte, 0, len(name)+len(value)+4)
	b = append(b, name...)
	b = append(b, ':')
	if !leadingSpace && (value == "" || value[0] != '\t') {
		b = append(b, ' ')
	}
	for i := 0; i < len(value); i++ {
		if value[i] == '\n' && (i == 0 || value[i-1] != '\r') {
			b = append(b, '\r')
		}
		b = append(b, value[i])
	}
	return append(b, '\r', '\n')
}
