package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/d--j/go-milter"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/vigie-sante/vigie/examples/internal/logbuf"
	"github.com/vigie-sante/vigie/verify"
)

// startMilter runs the milter in-process on a loopback port with the
// given flags, and returns its filter, address and log.
func startMilter(t *testing.T, args ...string) (*filter, string, *logbuf.Buffer) {
	t.Helper()
	return startMilterWith(t, nil, args...)
}

// startMilterWith lets setup change the filter before it serves.
func startMilterWith(t *testing.T, setup func(*filter), args ...string) (*filter, string, *logbuf.Buffer) {
	t.Helper()
	cfg, err := parseFlags(append([]string{"-listen", "inet:127.0.0.1:0"}, args...), io.Discard)
	require.NoError(t, err)
	logs := &logbuf.Buffer{}
	f, err := newFilter(cfg, log.New(logs, "", 0))
	require.NoError(t, err)
	if setup != nil {
		setup(f)
	}
	ln, err := listen(cfg.listen, cfg.socketMode)
	require.NoError(t, err)
	srv := f.server()
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return f, ln.Addr().String(), logs
}

// result is what an MTA gets back for one message.
type result struct {
	mods []milter.ModifyAction
	act  *milter.Action
}

// header returns the X-Vigie value the milter inserted, or "".
func (r result) header() string {
	for _, m := range r.mods {
		if m.Type == milter.ActionInsertHeader && m.HeaderName == "X-Vigie" {
			return strings.TrimPrefix(m.HeaderValue, " ")
		}
	}
	return ""
}

// send plays an MTA sending raw (LF or CRLF) through a milter session to
// rcpt@vigie.test.
func send(t testing.TB, s *milter.ClientSession, raw string) result {
	t.Helper()
	return sendTo(t, s, []string{"<rcpt@vigie.test>"}, raw)
}

// sendTo is send to the given envelope recipients.
func sendTo(t testing.TB, s *milter.ClientSession, rcpts []string, raw string) result {
	t.Helper()
	raw = strings.ReplaceAll(strings.ReplaceAll(raw, "\r\n", "\n"), "\n", "\r\n")
	head, body, _ := strings.Cut(raw, "\r\n\r\n")
	_, err := s.Mail("<sender@example.org>", "")
	require.NoError(t, err)
	for _, rcpt := range rcpts {
		_, err = s.Rcpt(rcpt, "")
		require.NoError(t, err)
	}
	_, err = s.DataStart()
	require.NoError(t, err)
	var fields []string
	for _, line := range strings.Split(head, "\r\n") {
		if (strings.HasPrefix(line, " ") || strings.HasPrefix(line, "\t")) && len(fields) > 0 {
			fields[len(fields)-1] += "\r\n" + line
		} else {
			fields = append(fields, line)
		}
	}
	for _, f := range fields {
		name, value, _ := strings.Cut(f, ":")
		_, err := s.HeaderField(name, value, nil)
		require.NoError(t, err)
	}
	_, err = s.HeaderEnd()
	require.NoError(t, err)
	mods, act, err := s.BodyReadFrom(strings.NewReader(body))
	require.NoError(t, err)
	return result{mods, act}
}

func dialMilter(t *testing.T, addr string, opts ...milter.Option) *milter.ClientSession {
	t.Helper()
	macros := milter.NewMacroBag()
	macros.Set(milter.MacroQueueId, "4ABCDEF")
	s, err := milter.NewClient("tcp", addr, opts...).Session(macros)
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	_, err = s.Conn("client.example.org", milter.FamilyInet, 25, "192.0.2.1")
	require.NoError(t, err)
	_, err = s.Helo("client.example.org")
	require.NoError(t, err)
	return s
}

const (
	lookalikeMsg = "From: \"Assurance Maladie\" <service.ameli@gmail.com>\n" +
		"To: assure@vigie.test\nSubject: Remboursement\n\n" +
		"Connectez-vous sur https://compte-ameli-sante.info/connexion\n"
	officialMsg = "Authentication-Results: mx.vigie.test; dmarc=pass header.from=info.ameli.fr\n" +
		"From: Assurance Maladie <assurance-maladie@info.ameli.fr>\nSubject: Info\n\n" +
		"Votre compte : https://www.ameli.fr/assure/compte\n"
	spoofedTagMsg = "X-Vigie: official; target=ameli.fr\n" +
		"From: Assurance Maladie <service.ameli@gmail.com>\n" +
		"x-vigie: official;\n\treasons=dmarc-pass\nSubject: Bonjour\n\nBonjour.\n"
	malformedMsg = "To: assure@vigie.test\nSubject: sans expediteur\n\nBonjour.\n"
)

func TestMilterVerdicts(t *testing.T) {
	tests := []struct {
		name    string
		flags   []string
		msg     string
		action  milter.ActionType
		code    uint16
		reply   string // substring of the SMTP reply
		header  string // prefix of the X-Vigie value, "" when refused
		deletes []uint32
		held    string // quarantine reason prefix
	}{
		{"official with a trusted DMARC pass", []string{"-authserv-id", "mx.vigie.test"}, officialMsg,
			milter.ActionAccept, 0, "", "official; target=ameli.fr; org=assurance-maladie; reasons=registered-domain,mail-domain,dmarc-pass", nil, ""},
		{"official From without a trusted server is unknown", nil, officialMsg,
			milter.ActionAccept, 0, "", "unknown; target=ameli.fr; org=assurance-maladie; reasons=registered-domain,", nil, ""},
		{"lookalike is held by default", nil, lookalikeMsg,
			milter.ActionAccept, 0, "", "lookalike; target=ameli.fr; org=assurance-maladie; reasons=display-name-brand,free-mail,", nil, "vigie: lookalike; target=ameli.fr"},
		{"lookalike rejected on demand", []string{"-on-lookalike", "reject"}, lookalikeMsg,
			milter.ActionRejectWithCode, 550, "550 5.7.1 vigie: message refused: lookalike; target=ameli.fr; org=assurance-maladie; reasons=display-name-brand,free-mail,", "", nil, ""},
		{"lookalike deferred on demand", []string{"-on-lookalike", "tempfail"}, lookalikeMsg,
			milter.ActionRejectWithCode, 451, "451 4.7.1 vigie: message deferred, try again later: lookalike;", "", nil, ""},
		{"attacker X-Vigie headers removed, last first", nil, spoofedTagMsg,
			milter.ActionAccept, 0, "", "suspicious; target=ameli.fr; org=assurance-maladie; reasons=display-name-brand,free-mail", []uint32{2, 1}, ""},
		{"malformed is tagged invalid", nil, malformedMsg,
			milter.ActionAccept, 0, "", "invalid; reasons=missing-from", nil, ""},
		{"malformed rejected on demand", []string{"-on-invalid", "reject"}, malformedMsg,
			milter.ActionRejectWithCode, 550, "550 5.7.1 vigie: message refused: invalid; reasons=missing-from", "", nil, ""},
		{"too large: checked up to -max-size", []string{"-max-size", "2048"}, "From: a@example.org\n\n" + strings.Repeat("x", 100<<10),
			milter.ActionAccept, 0, "", "invalid; reasons=too-long", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, addr, logs := startMilter(t, tt.flags...)
			r := send(t, dialMilter(t, addr), tt.msg)
			require.Equal(t, tt.action, r.act.Type, "%v", r.act)
			if tt.code != 0 {
				assert.Equal(t, tt.code, r.act.SMTPCode)
				assert.Contains(t, r.act.SMTPReply, tt.reply)
				assert.Empty(t, r.mods, "a refused message is not modified")
				return
			}
			var deletes []uint32
			var held string
			for _, m := range r.mods {
				switch m.Type {
				case milter.ActionChangeHeader:
					assert.Equal(t, "X-Vigie", m.HeaderName)
					assert.Empty(t, m.HeaderValue, "a change with an empty value deletes")
					deletes = append(deletes, m.HeaderIndex)
				case milter.ActionInsertHeader:
					assert.Equal(t, uint32(0), m.HeaderIndex, "X-Vigie goes on top")
					assert.True(t, strings.HasPrefix(m.HeaderValue, " "), "the MTA keeps the value as given: the space is ours")
				case milter.ActionQuarantine:
					held = m.Reason
				default:
					t.Errorf("unexpected modification %v", m)
				}
			}
			assert.Equal(t, tt.deletes, deletes)
			assert.True(t, strings.HasPrefix(r.header(), tt.header), "X-Vigie: %s", r.header())
			assert.True(t, strings.HasPrefix(held, tt.held), "quarantine reason %q", held)
			assert.Equal(t, tt.held == "", held == "")
			assert.Contains(t, logs.String(), "queue=4ABCDEF verdict=")
		})
	}
}

// TestMilterEnvelopeRecipients checks that the milter gives the check its
// envelope: a proven message that writes the address of its one recipient
// stays official; sent to two, that address is a link vigie cannot vouch
// for.
func TestMilterEnvelopeRecipients(t *testing.T) {
	msg := officialMsg + "Ce message a ete envoye a jean.dupont@example.org.\n"
	for _, tc := range []struct {
		name   string
		rcpts  []string
		header string
	}{
		{"one recipient", []string{"<jean.dupont@example.org>"}, "official; target=ameli.fr; org=assurance-maladie; reasons=registered-domain,mail-domain,dmarc-pass"},
		{"two recipients", []string{"<jean.dupont@example.org>", "<paul@example.org>"}, "unknown; target=ameli.fr; org=assurance-maladie; reasons=registered-domain,mail-domain,dmarc-pass,unverified-link"},
		{"another recipient", []string{"<paul@example.org>"}, "unknown; target=ameli.fr; org=assurance-maladie; reasons=registered-domain,mail-domain,dmarc-pass,unverified-link"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, addr, _ := startMilter(t, "-authserv-id", "mx.vigie.test")
			s := dialMilter(t, addr)
			r := sendTo(t, s, tc.rcpts, msg)
			assert.Equal(t, tc.header, r.header())
			// The next message of the session starts with no recipient
			// of this one's.
			r = sendTo(t, s, []string{"<jean.dupont@example.org>"}, msg)
			assert.True(t, strings.HasPrefix(r.header(), "official;"), "X-Vigie: %s", r.header())
		})
	}
}

func TestMilterFaults(t *testing.T) {
	tests := []struct {
		name   string
		flags  []string
		check  func(*verify.Checker, context.Context, verify.Envelope, io.Reader) (verify.Report, error)
		action milter.ActionType
		reply  string
		header string
		log    string
	}{
		{"panic, fail-closed by default", nil,
			func(*verify.Checker, context.Context, verify.Envelope, io.Reader) (verify.Report, error) {
				panic("boom")
			},
			milter.ActionRejectWithCode, "451 4.7.1 vigie: the message could not be checked, try again later", "", `error="panic: boom"`},
		{"panic, fail-open", []string{"-on-error", "accept"},
			func(*verify.Checker, context.Context, verify.Envelope, io.Reader) (verify.Report, error) {
				panic("boom")
			},
			milter.ActionAccept, "", "error", `action=accept x-vigie="error"`},
		{"timeout", []string{"-timeout", "50ms"},
			func(_ *verify.Checker, ctx context.Context, _ verify.Envelope, _ io.Reader) (verify.Report, error) {
				<-ctx.Done()
				return verify.Report{}, ctx.Err()
			},
			milter.ActionRejectWithCode, "451 4.7.1", "", `error="timeout: the check took more than 50ms"`},
		{"unreadable message, fail-open", []string{"-on-error", "accept"},
			func(*verify.Checker, context.Context, verify.Envelope, io.Reader) (verify.Report, error) {
				return verify.Report{}, errors.New("disk gone")
			},
			milter.ActionAccept, "", "error", `error="disk gone"`},
		{"unreadable message, held", []string{"-on-error", "quarantine"},
			func(*verify.Checker, context.Context, verify.Envelope, io.Reader) (verify.Report, error) {
				return verify.Report{}, errors.New("disk gone")
			},
			milter.ActionAccept, "", "error", `action=quarantine`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// The first check fails, the next ones work.
			var calls atomic.Int32
			_, addr, logs := startMilterWith(t, func(f *filter) {
				f.check = func(c *verify.Checker, ctx context.Context, env verify.Envelope, r io.Reader) (verify.Report, error) {
					if calls.Add(1) == 1 {
						return tt.check(c, ctx, env, r)
					}
					return c.MessageEnvelope(ctx, env, r)
				}
			}, tt.flags...)
			s := dialMilter(t, addr)
			r := send(t, s, spoofedTagMsg)
			require.Equal(t, tt.action, r.act.Type, "%v", r.act)
			assert.Contains(t, r.act.SMTPReply, tt.reply)
			assert.Equal(t, tt.header, r.header())
			if tt.header != "" {
				assert.Equal(t, milter.ActionChangeHeader, r.mods[0].Type, "the attacker's X-Vigie goes even on error")
			}
			assert.Contains(t, logs.String(), tt.log)
			// The milter survives and the session goes on.
			r = send(t, s, malformedMsg)
			assert.Equal(t, "invalid; reasons=missing-from", r.header())
		})
	}
}

func TestMilterManyMessagesOneConnection(t *testing.T) {
	f, addr, _ := startMilter(t)
	s := dialMilter(t, addr)
	for range 5 {
		assert.True(t, strings.HasPrefix(send(t, s, lookalikeMsg).header(), "lookalike;"))
		assert.Equal(t, "invalid; reasons=missing-from", send(t, s, malformedMsg).header())
	}
	st := f.stats.String()
	assert.Contains(t, st, "messages=10 verdicts={invalid:5,lookalike:5} actions={accept:5,quarantine:5}")
	assert.Contains(t, st, "eom p50=")
}

func TestMilterOldMTA(t *testing.T) {
	// A version 2 MTA offers no "no reply" options: the milter answers
	// every event, and still tags.
	_, addr, _ := startMilter(t, "-on-lookalike", "accept")
	s := dialMilter(t, addr, milter.WithMaximumVersion(2), milter.WithActions(milter.OptAddHeader|milter.OptChangeHeader),
		milter.WithProtocols(milter.OptNoConnect|milter.OptNoHelo|milter.OptNoMailFrom|milter.OptNoRcptTo|milter.OptNoBody|milter.OptNoHeaders|milter.OptNoEOH),
		milter.WithoutDefaultMacros())
	r := send(t, s, lookalikeMsg)
	assert.Equal(t, milter.ActionAccept, r.act.Type)
	assert.True(t, strings.HasPrefix(r.header(), "lookalike;"), r.header())
}

func TestMilterRefusesMTAWithoutHeaderChanges(t *testing.T) {
	_, addr, _ := startMilter(t)
	_, err := milter.NewClient("tcp", addr, milter.WithActions(milter.OptAddHeader)).Session(nil)
	require.Error(t, err, "an MTA that cannot remove a forged X-Vigie is refused")
}

const overlay = `{"version": "acme.1", "date": "2026-11-23", "organizations": [
 {"id": "acme", "name": "ACME Mutuelle", "kind": "insurer", "domains": ["acmemutuelle.fr"],
  "mail_domains": ["info.acmemutuelle.fr"], "aliases": ["ACME Mutuelle"], "confidence": "high", "sources": ["test"]}]}`

func TestMilterReload(t *testing.T) {
	file := filepath.Join(t.TempDir(), "registry.json")
	require.NoError(t, os.WriteFile(file, []byte(`{"version": "empty.1", "date": "2026-11-23", "organizations": []}`), 0o644))
	f, addr, logs := startMilter(t, "-registry", file, "-registry-only", "-on-lookalike", "accept")
	msg := "From: ACME Mutuelle <news@info.acmemutuelle.fr>\nSubject: x\n\nhttps://acmemutuelle-remboursement.com/connexion\n"
	s := dialMilter(t, addr)
	assert.Equal(t, "unknown", send(t, s, msg).header(), "an empty registry knows nothing")

	require.NoError(t, os.WriteFile(file, []byte(overlay), 0o644))
	f.reload()
	assert.Contains(t, logs.String(), "registry reloaded: acme.1 (1 organisations), was empty.1")
	got := send(t, s, msg).header()
	assert.True(t, strings.HasPrefix(got, "lookalike; target=acmemutuelle.fr; org=acme;"), "the same connection uses the new registry: %s", got)

	require.NoError(t, os.WriteFile(file, []byte(`{"organizations": [{"id": "BAD"}]}`), 0o644))
	f.reload()
	assert.Contains(t, logs.String(), "reload failed, keeping registry acme.1 (1 organisations)")
	assert.Equal(t, got, send(t, s, msg).header(), "a broken file keeps the registry in use")

	require.NoError(t, os.Remove(file))
	f.reload()
	assert.Contains(t, logs.String(), "no such file")
	assert.Equal(t, got, send(t, s, msg).header())
}

func TestMilterReloadDuringTraffic(t *testing.T) {
	file := filepath.Join(t.TempDir(), "registry.json")
	require.NoError(t, os.WriteFile(file, []byte(overlay), 0o644))
	f, addr, _ := startMilter(t, "-registry", file)
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := dialMilter(t, addr)
			for range 20 {
				assert.True(t, strings.HasPrefix(send(t, s, lookalikeMsg).header(), "lookalike;"))
			}
		}()
	}
	for range 10 {
		f.reload()
	}
	wg.Wait()
}

func TestParseFlags(t *testing.T) {
	tests := []struct {
		args []string
		err  string
	}{
		{[]string{"-registry-only"}, "-registry-only needs -registry FILE"},
		{[]string{"-socket-mode", "999"}, "-socket-mode"},
		{[]string{"-on-lookalike", "drop"}, `unknown action "drop"`},
		{[]string{"-on-error", "reject"}, "reject is not allowed on error"},
		{[]string{"-authserv-id", " "}, "empty authserv-id"},
		{[]string{"-timeout", "0s"}, "-timeout must be positive"},
		{[]string{"extra"}, `unexpected argument "extra"`},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			_, err := parseFlags(tt.args, io.Discard)
			require.ErrorContains(t, err, tt.err)
		})
	}
	var out bytes.Buffer
	assert.Equal(t, 1, run([]string{"-max-size", "1"}, &out), "a size verify refuses stops the start")
	assert.Contains(t, out.String(), "too small")
	out.Reset()
	assert.Equal(t, 2, run([]string{"-on-official", "drop"}, &out), "a usage error exits 2")
	out.Reset()
	assert.Equal(t, 0, run([]string{"-h"}, &out))
	assert.Contains(t, out.String(), "-on-lookalike action")
}

func TestListen(t *testing.T) {
	dir := t.TempDir()
	sock := filepath.Join(dir, "vigie.sock")
	tests := []struct {
		spec string
		err  string
	}{
		{"inet:127.0.0.1:0", ""},
		{"inet:0@127.0.0.1", ""},
		{"unix:" + sock, ""},
		{"local:" + sock, ""}, // the stale socket left by the line above is replaced
		{"inet:nohost", "missing port"},
		{"tcp", "want inet:HOST:PORT"},
		{"udp:127.0.0.1:1", "unknown socket type"},
		{"unix:" + filepath.Join(dir, "file"), "is not a socket"},
	}
	require.NoError(t, os.WriteFile(filepath.Join(dir, "file"), nil, 0o644))
	for _, tt := range tests {
		t.Run(tt.spec, func(t *testing.T) {
			ln, err := listen(tt.spec, 0o600)
			if tt.err != "" {
				require.ErrorContains(t, err, tt.err)
				return
			}
			require.NoError(t, err)
			if strings.HasPrefix(ln.Addr().Network(), "unix") {
				fi, err := os.Stat(sock)
				require.NoError(t, err)
				assert.Equal(t, os.FileMode(0o600), fi.Mode().Perm())
				// Leave the socket file behind, as a crash would.
				ln.(*net.UnixListener).SetUnlinkOnClose(false)
			}
			ln.Close()
		})
	}
	live, err := listen("unix:"+sock, 0o600)
	require.NoError(t, err)
	defer live.Close()
	_, err = listen("unix:"+sock, 0o600)
	require.ErrorContains(t, err, "another process listens")
}

func TestHeaderLine(t *testing.T) {
	tests := []struct {
		name, value string
		lead        bool
		want        string
	}{
		{"Subject", " hi", true, "Subject: hi\r\n"},
		{"Subject", "hi", false, "Subject: hi\r\n"},
		{"Subject", "\thi", false, "Subject:\thi\r\n"},
		{"X", " a\n\tb\r\n\tc", true, "X: a\r\n\tb\r\n\tc\r\n"},
		{"X", "", true, "X:\r\n"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, string(headerLine(tt.name, tt.value, tt.lead)))
	}
}

// startMilterAt runs the milter on a given loopback address.
func startMilterAt(t *testing.T, addr string, args ...string) (*filter, string, *logbuf.Buffer) {
	t.Helper()
	return startMilterWith(t, nil, append([]string{"-listen", "inet:" + addr}, args...)...)
}

func TestMilterSignals(t *testing.T) {
	file := filepath.Join(t.TempDir(), "registry.json")
	require.NoError(t, os.WriteFile(file, []byte(overlay), 0o644))
	cfg, err := parseFlags([]string{"-listen", "inet:127.0.0.1:0", "-registry", file, "-shutdown-timeout", "10s"}, io.Discard)
	require.NoError(t, err)
	logs := &logbuf.Buffer{}
	f, err := newFilter(cfg, log.New(logs, "", 0))
	require.NoError(t, err)
	ln, err := listen(cfg.listen, cfg.socketMode)
	require.NoError(t, err)
	addr := ln.Addr().String()
	srv := f.server()
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	sigs := make(chan os.Signal, 1)
	exit := make(chan int, 1)
	go func() { exit <- f.loop(srv, done, sigs) }()

	sigs <- syscall.SIGHUP
	sigs <- syscall.SIGUSR1
	require.Eventually(t, func() bool {
		return strings.Contains(logs.String(), "registry reloaded") && strings.Contains(logs.String(), "stats: messages=0")
	}, 5*time.Second, 10*time.Millisecond)

	// A message is in progress when SIGTERM comes.
	s, err := milter.NewClient("tcp", addr).Session(milter.NewMacroBag())
	require.NoError(t, err)
	_, err = s.Conn("client.example.org", milter.FamilyInet, 25, "192.0.2.1")
	require.NoError(t, err)
	_, err = s.Helo("client.example.org")
	require.NoError(t, err)
	_, err = s.Mail("<a@example.org>", "")
	require.NoError(t, err)
	_, err = s.Rcpt("<b@vigie.test>", "")
	require.NoError(t, err)
	_, err = s.DataStart()
	require.NoError(t, err)
	_, err = s.HeaderField("From", " Assurance Maladie <service.ameli@gmail.com>", nil)
	require.NoError(t, err)

	sigs <- syscall.SIGTERM
	require.Eventually(t, func() bool {
		c, err := net.Dial("tcp", addr)
		if err == nil {
			c.Close()
		}
		return err != nil
	}, 5*time.Second, 10*time.Millisecond, "no new connections once shutting down")

	_, err = s.HeaderEnd()
	require.NoError(t, err)
	mods, act, err := s.BodyReadFrom(strings.NewReader("Bonjour.\r\n"))
	require.NoError(t, err, "the message in flight is answered")
	assert.Equal(t, milter.ActionAccept, act.Type)
	assert.Equal(t, " suspicious; target=ameli.fr; org=assurance-maladie; reasons=display-name-brand,free-mail", mods[0].HeaderValue)
	select {
	case <-exit:
		t.Fatal("the milter stopped before the MTA ended its session")
	case <-time.After(100 * time.Millisecond):
	}
	require.NoError(t, s.Close())
	select {
	case code := <-exit:
		assert.Equal(t, 0, code)
	case <-time.After(5 * time.Second):
		t.Fatal("the milter did not stop after the last session ended")
	}
	assert.Contains(t, logs.String(), "terminated: shutting down")
}

// BenchmarkMilter measures the milter alone, without an MTA: one message
// per iteration over a loopback milter connection, a session per
// goroutine, the five kinds of message of the load test in turn.
func BenchmarkMilter(b *testing.B) {
	cfg, err := parseFlags([]string{"-listen", "inet:127.0.0.1:0", "-log-messages=false", "-authserv-id", "mx.vigie.test", "-on-lookalike", "reject"}, io.Discard)
	require.NoError(b, err)
	f, err := newFilter(cfg, log.New(io.Discard, "", 0))
	require.NoError(b, err)
	ln, err := listen(cfg.listen, cfg.socketMode)
	require.NoError(b, err)
	srv := f.server()
	go srv.Serve(ln)
	defer srv.Close()
	var msgs [5]string
	for i := range msgs {
		_, msgs[i] = loadMessage(loadID("bench", i), i)
	}
	b.SetParallelism(8)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		s, err := milter.NewClient("tcp", ln.Addr().String()).Session(milter.NewMacroBag())
		require.NoError(b, err)
		defer s.Close()
		_, err = s.Conn("client.example.org", milter.FamilyInet, 25, "192.0.2.1")
		require.NoError(b, err)
		_, err = s.Helo("client.example.org")
		require.NoError(b, err)
		i := 0
		for pb.Next() {
			send(b, s, msgs[i%len(msgs)])
			i++
		}
	})
}
