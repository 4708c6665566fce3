package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/smtp"
	"net/textproto"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/d--j/go-milter"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The end-to-end tests run a real Postfix from the distribution, on
// loopback only, with the milter in its smtpd_milters. They need root (to
// configure and start Postfix and create the recipient) and skip where
// Postfix is absent, unless VIGIE_REQUIRE_POSTFIX=1 makes that a failure,
// as in CI. main.cf is restored, Postfix stopped, the test user and the
// test's queue entries removed when they end.

const (
	e2eUser  = "vigie-e2e"
	e2eRcpt  = e2eUser + "@localhost"
	smtpAddr = "127.0.0.1:25"
	mainCF   = "/etc/postfix/main.cf"
	e2eLog   = "/var/log/vigie-e2e-postfix.log"
)

// requirePostfix skips, or fails under VIGIE_REQUIRE_POSTFIX=1, where the
// test cannot run.
func requirePostfix(t *testing.T) {
	t.Helper()
	reason := ""
	if runtime.GOOS != "linux" {
		reason = "the Postfix end-to-end test runs on Linux only"
	} else if _, err := exec.LookPath("postfix"); err != nil && !isExecutable("/usr/sbin/postfix") {
		reason = "Postfix is not installed (apt-get install postfix swaks; see .ci/run)"
	} else if os.Geteuid() != 0 {
		reason = "the Postfix end-to-end test needs root to configure and start Postfix"
	}
	if reason == "" {
		return
	}
	if os.Getenv("VIGIE_REQUIRE_POSTFIX") == "1" {
		t.Fatal(reason + " (VIGIE_REQUIRE_POSTFIX=1)")
	}
	t.Skip(reason)
}

func isExecutable(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode()&0o111 != 0
}

// postfixCmd runs a Postfix tool from /usr/sbin whatever the PATH.
func postfixCmd(t *testing.T, name string, args ...string) string {
	t.Helper()
	path := name
	if p, err := exec.LookPath(name); err == nil {
		path = p
	} else if isExecutable("/usr/sbin/" + name) {
		path = "/usr/sbin/" + name
	}
	out, err := exec.Command(path, args...).CombinedOutput()
	require.NoError(t, err, "%s %s: %s", name, strings.Join(args, " "), out)
	return string(out)
}

// postfixRunning reports whether a Postfix master is running.
func postfixRunning() bool {
	path := "postfix"
	if isExecutable("/usr/sbin/postfix") {
		path = "/usr/sbin/postfix"
	}
	return exec.Command(path, "status").Run() == nil
}

// startPostfix configures Postfix for the test, with milter as its only
// smtpd milter, creates the recipient and starts Postfix; everything is
// undone in t.Cleanup. It returns the recipient's Maildir.
func startPostfix(t *testing.T, milter string, extra ...string) string {
	t.Helper()
	requirePostfix(t)
	require.False(t, postfixRunning(), "Postfix is already running: the end-to-end test needs a Postfix it can reconfigure, start and stop (run `postfix stop` first)")

	orig, err := os.ReadFile(mainCF)
	require.NoError(t, err)
	fi, err := os.Stat(mainCF)
	require.NoError(t, err)
	t.Cleanup(func() {
		if postfixRunning() {
			postfixCmd(t, "postfix", "stop")
			// master exits a moment after "postfix stop" returns.
			for deadline := time.Now().Add(10 * time.Second); postfixRunning() && time.Now().Before(deadline); {
				time.Sleep(50 * time.Millisecond)
			}
		}
		require.NoError(t, os.WriteFile(mainCF, orig, fi.Mode().Perm()), "restoring main.cf")
		if t.Failed() {
			if log, err := os.ReadFile(e2eLog); err == nil {
				t.Logf("Postfix log:\n%s", tail(string(log), 60))
			}
		}
		os.Remove(e2eLog)
	})

	if _, err := user.Lookup(e2eUser); err != nil {
		out, err := exec.Command("useradd", "--create-home", "--shell", "/usr/sbin/nologin", e2eUser).CombinedOutput()
		require.NoError(t, err, "useradd: %s", out)
	}
	t.Cleanup(func() {
		// userdel -r removes the home directory and the Maildir in it.
		exec.Command("userdel", "--remove", e2eUser).Run()
	})
	home := "/home/" + e2eUser
	if u, err := user.Lookup(e2eUser); err == nil {
		home = u.HomeDir
	}
	maildir := filepath.Join(home, "Maildir")
	require.NoError(t, os.RemoveAll(maildir))

	settings := append([]string{
		"inet_interfaces=loopback-only",
		"inet_protocols=ipv4",
		"smtpd_milters=" + milter,
		"non_smtpd_milters=",
		"milter_default_action=tempfail",
		"milter_protocol=6",
		"home_mailbox=Maildir/",
		"mailbox_command=",
		"maillog_file=" + e2eLog,
		"mydestination=localhost, $myhostname, vigie.test",
		"smtpd_tls_security_level=none",
		// Treat the test client as the Internet: no header rewriting,
		// no From, Date or Message-ID added to what it sends.
		"local_header_rewrite_clients=",
	}, extra...)
	postfixCmd(t, "postconf", append([]string{"-e"}, settings...)...)
	if _, err := os.Stat("/etc/aliases.db"); err != nil {
		postfixCmd(t, "newaliases")
	}
	postfixCmd(t, "postfix", "start")
	t.Cleanup(func() { deleteTestQueue(t) })
	// smtpd answers once master has started its listeners.
	require.Eventually(t, func() bool {
		c, err := smtp.Dial(smtpAddr)
		if err == nil {
			c.Close()
		}
		return err == nil
	}, 15*time.Second, 100*time.Millisecond, "Postfix does not answer on %s", smtpAddr)
	return maildir
}

// queueEntry is one line of postqueue -j.
type queueEntry struct {
	QueueName  string `json:"queue_name"`
	QueueID    string `json:"queue_id"`
	Recipients []struct {
		Address string `json:"address"`
	} `json:"recipients"`
}

// testQueue lists the queue entries addressed to the test user.
func testQueue(t *testing.T) []queueEntry {
	t.Helper()
	var out []queueEntry
	sc := bufio.NewScanner(strings.NewReader(postfixCmd(t, "postqueue", "-j")))
	for sc.Scan() {
		var e queueEntry
		if json.Unmarshal(sc.Bytes(), &e) != nil {
			continue
		}
		for _, r := range e.Recipients {
			if strings.HasPrefix(r.Address, e2eUser+"@") {
				out = append(out, e)
				break
			}
		}
	}
	return out
}

// deleteTestQueue removes the test's messages from the queue (held ones
// in particular), and nothing else.
func deleteTestQueue(t *testing.T) {
	for _, e := range testQueue(t) {
		postfixCmd(t, "postsuper", "-d", e.QueueID)
	}
}

func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

// sendSMTP sends one message to the test user through Postfix and returns
// the server's answer to the end of DATA (nil when accepted).
func sendSMTP(from string, msg string) error {
	c, err := smtp.Dial(smtpAddr)
	if err != nil {
		return err
	}
	defer c.Close()
	if err := c.Hello("client.vigie.test"); err != nil {
		return err
	}
	if err := c.Mail(from); err != nil {
		return err
	}
	if err := c.Rcpt(e2eRcpt); err != nil {
		return err
	}
	w, err := c.Data()
	if err != nil {
		return err
	}
	if _, err := w.Write([]byte(msg)); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	return c.Quit()
}

// delivered waits until the Maildir holds n messages and returns them,
// keyed by their Subject.
func delivered(t *testing.T, maildir string, n int) map[string]string {
	t.Helper()
	msgs := map[string]string{}
	require.Eventually(t, func() bool {
		entries, _ := os.ReadDir(filepath.Join(maildir, "new"))
		if len(entries) < n {
			return false
		}
		for _, e := range entries {
			b, err := os.ReadFile(filepath.Join(maildir, "new", e.Name()))
			if err != nil {
				return false
			}
			msgs[headerValues(string(b), "Subject")[0]] = string(b)
		}
		return true
	}, 20*time.Second, 50*time.Millisecond, "waiting for %d deliveries to %s", n, maildir)
	return msgs
}

// headerValues returns the unfolded values of a header field, in order,
// matching its name in any case.
func headerValues(msg, name string) []string {
	head, _, _ := strings.Cut(strings.ReplaceAll(msg, "\r\n", "\n"), "\n\n")
	var vals []string
	cur := -1
	for _, line := range strings.Split(head, "\n") {
		if (strings.HasPrefix(line, " ") || strings.HasPrefix(line, "\t")) && cur >= 0 {
			vals[cur] += " " + strings.TrimSpace(line)
			continue
		}
		cur = -1
		k, v, ok := strings.Cut(line, ":")
		if ok && strings.EqualFold(strings.TrimSpace(k), name) {
			vals = append(vals, strings.TrimSpace(v))
			cur = len(vals) - 1
		}
	}
	if vals == nil {
		return []string{""}
	}
	return vals
}

func e2eMessage(from, subject, extraHeaders, body string) string {
	return "From: " + from + "\r\n" +
		"To: <" + e2eRcpt + ">\r\n" +
		"Subject: " + subject + "\r\n" +
		"Date: Mon, 23 Nov 2026 10:00:00 +0100\r\n" +
		"Message-ID: <" + strings.ReplaceAll(subject, " ", "-") + "@client.vigie.test>\r\n" +
		extraHeaders + "\r\n" + body
}

// TestPostfixEndToEnd sends official, lookalike, display-name-spoof,
// malformed and unrelated messages through Postfix and the milter, and
// reads what the recipient's Maildir and the SMTP client got. The policy is
// the defaults but for -on-lookalike reject (to see Postfix's 550) and
// -on-unknown quarantine (to see a held message).
func TestPostfixEndToEnd(t *testing.T) {
	requirePostfix(t)
	start := time.Now()
	_, addr, logs := startMilter(t, "-authserv-id", "mx.vigie.test", "-on-lookalike", "reject", "-on-unknown", "quarantine")
	maildir := startPostfix(t, "inet:"+addr)

	cases := []struct {
		name     string
		from     string // envelope sender
		msg      string
		rejected string // substring of the SMTP error, "" when accepted
		tag      string // X-Vigie delivered, "" when not delivered
		held     bool
	}{
		{
			name: "official", from: "bounce@info.ameli.fr",
			msg: e2eMessage("Assurance Maladie <assurance-maladie@info.ameli.fr>", "e2e official",
				"Authentication-Results: mx.vigie.test; spf=pass smtp.mailfrom=info.ameli.fr; dkim=pass header.d=info.ameli.fr; dmarc=pass header.from=info.ameli.fr\r\n",
				"Votre attestation est disponible sur https://www.ameli.fr/assure/compte\r\n"),
			tag: "official; target=ameli.fr; org=assurance-maladie; reasons=registered-domain,mail-domain,dmarc-pass",
		},
		{
			name: "lookalike sender and link", from: "remboursement@ameli-remboursement.com",
			msg: e2eMessage("Assurance Maladie <remboursement@ameli-remboursement.com>", "e2e lookalike", "",
				"Remboursement en attente : https://ameli-remboursement.com/connexion\r\n"),
			rejected: "550 5.7.1 vigie: message refused: lookalike; target=ameli.fr; org=assurance-maladie; reasons=",
		},
		{
			name: "display-name spoof with forged X-Vigie headers", from: "service.ameli@gmail.com",
			msg: e2eMessage(`"Assurance Maladie" <service.ameli@gmail.com>`, "e2e display-name spoof",
				"X-Vigie: official; target=ameli.fr; org=assurance-maladie; reasons=registered-domain,mail-domain,dmarc-pass\r\nx-VIGIE: official;\r\n\treasons=dmarc-pass\r\nX-Vigie : official\r\n",
				"Bonjour, votre carte Vitale expire. Appelez-nous.\r\n"),
			tag: "suspicious; target=ameli.fr; org=assurance-maladie; reasons=display-name-brand,free-mail",
		},
		{
			name: "malformed: no From", from: "nobody@example.org",
			msg: "To: <" + e2eRcpt + ">\r\nSubject: e2e malformed\r\nMessage-ID: <e2e-malformed@client.vigie.test>\r\n\r\nBonjour.\r\n",
			tag: "invalid; reasons=missing-from",
		},
		{
			name: "unrelated mail is held with -on-unknown quarantine", from: "news@example.org",
			msg:  e2eMessage("Club de lecture <news@example.org>", "e2e held", "", "Le club se reunit jeudi.\r\n"),
			held: true,
		},
	}
	for _, tc := range cases {
		err := sendSMTP(tc.from, tc.msg)
		if tc.rejected != "" {
			var perr *textproto.Error
			require.True(t, errors.As(err, &perr), "%s: want an SMTP rejection, got %v", tc.name, err)
			assert.Equal(t, 550, perr.Code, tc.name)
			assert.Contains(t, fmt.Sprintf("%d %s", perr.Code, perr.Msg), tc.rejected, tc.name)
			continue
		}
		require.NoError(t, err, tc.name)
	}

	got := delivered(t, maildir, 3)
	for _, tc := range cases {
		if tc.tag == "" {
			continue
		}
		subject := headerValues(tc.msg, "Subject")[0]
		msg, ok := got[subject]
		require.True(t, ok, "%s: not delivered", tc.name)
		tags := headerValues(msg, "X-Vigie")
		require.Len(t, tags, 1, "%s: exactly one X-Vigie header, ours:\n%s", tc.name, msg)
		assert.True(t, strings.HasPrefix(tags[0], tc.tag), "%s: X-Vigie: %s", tc.name, tags[0])
		assert.NotContains(t, msg, "X-Vigie:  ", "no doubled space")
		_, body, _ := strings.Cut(tc.msg, "\r\n\r\n")
		assert.True(t, strings.HasSuffix(strings.ReplaceAll(msg, "\r\n", "\n"), strings.ReplaceAll(body, "\r\n", "\n")), "%s: body unchanged", tc.name)
	}
	assert.Len(t, got, 3, "nothing else was delivered")
	t.Logf("delivered display-name spoof:\n%s", got["e2e display-name spoof"])

	// The held message waits in Postfix's hold queue. Postfix logs the
	// hold without the milter's reason; vigie's log line has it, with the
	// same queue ID.
	var held []queueEntry
	require.Eventually(t, func() bool {
		held = nil
		for _, e := range testQueue(t) {
			if e.QueueName == "hold" {
				held = append(held, e)
			}
		}
		return len(held) == 1
	}, 10*time.Second, 100*time.Millisecond, "one message in the hold queue")
	require.Eventually(t, func() bool {
		log, _ := os.ReadFile(e2eLog)
		return strings.Contains(string(log), held[0].QueueID+": milter-hold: END-OF-MESSAGE from")
	}, 5*time.Second, 100*time.Millisecond, "Postfix logs the hold")
	assert.Contains(t, logs.String(), "queue="+held[0].QueueID+" verdict=unknown action=quarantine")
	assert.Contains(t, logs.String(), "verdict=suspicious action=accept x-vigie=\"suspicious; target=ameli.fr; org=assurance-maladie; reasons=display-name-brand,free-mail\" removed=3")
	t.Logf("milter log:\n%s", logs.String())
	t.Logf("end-to-end cases done in %v", time.Since(start).Round(time.Millisecond))
}

// TestPostfixMilterDown checks milter_default_action=tempfail: with the
// milter gone, Postfix defers mail (451 4.7.1) instead of letting it
// through unchecked, and mail flows again when it is back.
func TestPostfixMilterDown(t *testing.T) {
	requirePostfix(t)
	cfg, err := parseFlags([]string{"-listen", "inet:127.0.0.1:0"}, os.Stderr)
	require.NoError(t, err)
	ln, err := listen(cfg.listen, cfg.socketMode)
	require.NoError(t, err)
	addr := ln.Addr().String()
	ln.Close() // nothing listens there yet
	maildir := startPostfix(t, "inet:"+addr)

	msg := e2eMessage("Assurance Maladie <service.ameli@gmail.com>", "e2e while down", "", "Bonjour.\r\n")
	err = sendSMTP("service.ameli@gmail.com", msg)
	var perr *textproto.Error
	require.True(t, errors.As(err, &perr), "want a temporary failure, got %v", err)
	assert.Equal(t, 451, perr.Code)
	assert.Contains(t, perr.Msg, "4.7.1")

	t.Logf("milter down: %v", err)
	_, _, _ = startMilterAt(t, addr)
	require.NoError(t, sendSMTP("service.ameli@gmail.com", strings.Replace(msg, "while down", "back up", 1)))
	got := delivered(t, maildir, 1)
	assert.True(t, strings.HasPrefix(headerValues(got["e2e back up"], "X-Vigie")[0], "suspicious;"))
}

// authresMilter plays OpenDMARC: it adds its Authentication-Results on top
// of every message.
type authresMilter struct {
	milter.NoOpMilter
	value string
}

func (a *authresMilter) EndOfMessage(m milter.Modifier) (*milter.Response, error) {
	if err := m.InsertHeader(0, "Authentication-Results", " "+a.value); err != nil {
		return nil, err
	}
	return milter.RespAccept, nil
}

// TestPostfixMilterChain runs vigie after another milter that writes
// Authentication-Results, as after OpenDMARC or rspamd in smtpd_milters:
// vigie sees the header the earlier milter added and trusts it by its
// authserv-id.
func TestPostfixMilterChain(t *testing.T) {
	requirePostfix(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	dmarc := milter.NewServer(
		milter.WithMilter(func() milter.Milter {
			return &authresMilter{value: "mx.vigie.test; spf=pass smtp.mailfrom=info.ameli.fr; dmarc=pass header.from=info.ameli.fr"}
		}),
		milter.WithActions(milter.OptAddHeader|milter.OptChangeHeader),
		milter.WithProtocols(milter.OptHeaderLeadingSpace|milter.OptNoUnknown),
	)
	go dmarc.Serve(ln)
	t.Cleanup(func() { dmarc.Close() })
	_, addr, logs := startMilter(t, "-authserv-id", "mx.vigie.test")
	maildir := startPostfix(t, "inet:"+ln.Addr().String()+", inet:"+addr)

	require.NoError(t, sendSMTP("bounce@info.ameli.fr", e2eMessage("Assurance Maladie <assurance-maladie@info.ameli.fr>",
		"e2e chain", "", "Votre attestation : https://www.ameli.fr/assure/compte\r\n")))
	msg := delivered(t, maildir, 1)["e2e chain"]
	t.Logf("delivered:\n%s\nmilter log:\n%s", msg, logs.String())
	assert.Equal(t, "official; target=ameli.fr; org=assurance-maladie; reasons=registered-domain,mail-domain,dmarc-pass", headerValues(msg, "X-Vigie")[0])
}
