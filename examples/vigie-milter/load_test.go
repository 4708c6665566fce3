package main

import (
	"bufio"
	"errors"
	"fmt"
	"net"
	"net/smtp"
	"net/textproto"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestLoad sends 2,000 messages at concurrency 50 through Postfix and the
// vigie-milter binary, then 2,000 more while the milter is killed (SIGKILL)
// and restarted, and accounts for every message: delivered, rejected, or
// deferred with a 4xx that the client retries. It reports msgs/s and the
// milter's own time per message (eom: from the end of data to its answer,
// read from its log). Run it as root where Postfix is installed:
//
//	VIGIE_LOAD=1 go test -run TestLoad -v -timeout 10m ./examples/vigie-milter/
//
// VIGIE_LOAD_MESSAGES and VIGIE_LOAD_CONCURRENCY change the 2,000 and 50;
// VIGIE_LOAD_POSTCONF adds main.cf settings ("in_flow_delay=0s" lifts
// Postfix's flow control, which otherwise slows clients down by up to a
// second per message once arrival outpaces local delivery).
func TestLoad(t *testing.T) {
	if os.Getenv("VIGIE_LOAD") != "1" {
		t.Skip("load test: set VIGIE_LOAD=1 (needs root and Postfix)")
	}
	requirePostfix(t)
	n := envInt(t, "VIGIE_LOAD_MESSAGES", 2000)
	conc := envInt(t, "VIGIE_LOAD_CONCURRENCY", 50)

	bin := filepath.Join(t.TempDir(), "vigie-milter")
	out, err := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "build", "-o", bin, ".").CombinedOutput()
	require.NoError(t, err, "go build: %s", out)
	port := freePort(t)
	addr := "127.0.0.1:" + strconv.Itoa(port)
	args := []string{"-listen", "inet:" + addr, "-authserv-id", "mx.vigie.test", "-on-lookalike", "reject"}
	logDir := t.TempDir()

	m1 := startProcess(t, bin, args, filepath.Join(logDir, "milter-1.log"), addr)
	maildir := startPostfix(t, "inet:"+addr, append([]string{"local_destination_concurrency_limit=20", "default_process_limit=200"},
		strings.Fields(os.Getenv("VIGIE_LOAD_POSTCONF"))...)...)
	t.Logf("machine: %d CPUs, %s; Postfix %s; milter binary, %d messages at concurrency %d",
		runtime.NumCPU(), cpuModel(), strings.TrimSpace(postfixCmd(t, "postconf", "-h", "mail_version")), n, conc)

	// Phase 1: steady load.
	p1 := runLoad(t, "p1", n, conc, nil)
	syscall.Kill(m1.Process.Pid, syscall.SIGUSR1)
	p1.report(t, "steady")
	want := p1.count(outcomeAccepted)
	waitDelivered(t, maildir, want, 120*time.Second)
	d1 := deliveredIDs(t, maildir, "p1-")
	assert.Len(t, d1, want, "every 250 is delivered")
	assert.Equal(t, n, len(d1)+p1.count(outcomeRejected), "steady: delivered + rejected == sent")
	assert.Equal(t, n/5, p1.count(outcomeRejected), "one message in five is a lookalike, rejected")
	for id, o := range p1.outcomes {
		if o == outcomeAccepted {
			assert.True(t, d1[id], "accepted %s was delivered", id)
		} else {
			assert.False(t, d1[id], "refused %s was not delivered", id)
		}
	}
	time.Sleep(500 * time.Millisecond) // let the SIGUSR1 line reach the log
	eom1, tot1, stats1 := milterTimes(t, filepath.Join(logDir, "milter-1.log"))
	t.Logf("steady: milter eom %s; total (MAIL FROM to answer) %s", summary(eom1), summary(tot1))
	t.Logf("steady: milter's own SIGUSR1 line: %s", stats1)

	// Phase 2: kill the milter (SIGKILL) when a third of the messages are
	// answered, restart it when half are. Postfix answers 451 meanwhile
	// (milter_default_action=tempfail); the workers keep sending.
	var killedAt, restartedAt time.Time
	var m2 *exec.Cmd
	var state atomic.Int32 // 0 running, 1 killing, 2 killed, 3 restarting
	killed, restarted := make(chan struct{}), make(chan struct{})
	kill := func() {
		defer close(killed)
		killedAt = time.Now()
		if err := m1.Process.Kill(); err != nil {
			t.Errorf("kill: %v", err)
		}
		m1.Wait()
		state.Store(2)
	}
	restart := func() {
		defer close(restarted)
		m2 = startProcessNoFail(t, bin, args, filepath.Join(logDir, "milter-2.log"), addr)
		restartedAt = time.Now() // listening again
	}
	p2 := runLoad(t, "p2", n, conc, func(done int) {
		switch {
		case done >= n/3 && state.CompareAndSwap(0, 1):
			go kill()
		case done >= n/2 && state.CompareAndSwap(2, 3):
			go restart()
		}
	})
	if state.CompareAndSwap(0, 1) {
		kill()
	}
	<-killed
	if state.CompareAndSwap(2, 3) {
		restart()
	}
	<-restarted
	p2.report(t, "fault")
	require.NotNil(t, m2, "the milter was killed and restarted")
	t.Logf("fault: killed at +%v, listening again at +%v", killedAt.Sub(p2.start).Round(time.Millisecond), restartedAt.Sub(p2.start).Round(time.Millisecond))
	byWindow := p2.windows(killedAt, restartedAt)
	t.Logf("fault: outcomes by when each message was begun: before the kill %v, while down %v, after the restart %v", byWindow[0], byWindow[1], byWindow[2])
	assert.Positive(t, p2.count(outcomeTempFail), "Postfix answered 4xx while the milter was down")
	assert.Positive(t, byWindow[2][outcomeAccepted], "mail flows again after the restart")
	assert.Zero(t, p2.count(outcomeOther), "every message got an SMTP answer")

	// The client retries what got a 4xx, as a sending MTA would.
	var retry []int
	for i := range n {
		if p2.outcomes[loadID("p2", i)] == outcomeTempFail {
			retry = append(retry, i)
		}
	}
	p2.retry(t, retry, conc)
	t.Logf("fault: %d deferred messages retried: %v", len(retry), p2.counts())
	want = p2.count(outcomeAccepted)
	waitDelivered(t, maildir, len(d1)+want, 120*time.Second)
	d2 := deliveredIDs(t, maildir, "p2-")
	assert.Len(t, d2, want, "every 250 is delivered, none twice")
	assert.Equal(t, n, len(d2)+p2.count(outcomeRejected), "fault, after retries: delivered + rejected == sent: nothing lost")
	assert.Zero(t, p2.count(outcomeTempFail))

	syscall.Kill(m2.Process.Pid, syscall.SIGUSR1)
	time.Sleep(500 * time.Millisecond)
	eom2a, _, _ := milterTimes(t, filepath.Join(logDir, "milter-1.log"))
	eom2b, _, stats2 := milterTimes(t, filepath.Join(logDir, "milter-2.log"))
	t.Logf("fault: milter eom, second instance %s (first instance over both phases %s)", summary(eom2b), summary(eom2a))
	t.Logf("fault: second instance's SIGUSR1 line: %s", stats2)
}

// Outcomes of one message, as the SMTP client sees them.
const (
	outcomeAccepted = "accepted" // 250 at the end of DATA
	outcomeRejected = "rejected" // 5xx
	outcomeTempFail = "tempfail" // 4xx: the client keeps it and retries
	outcomeOther    = "other"    // no SMTP answer (connection lost)
)

type load struct {
	prefix   string
	n        int
	start    time.Time
	elapsed  time.Duration
	mu       sync.Mutex
	outcomes map[string]string
	at       map[string]time.Time
	latency  []time.Duration
	// reused is the latency of messages sent on an open connection,
	// without the SMTP connection setup (smtpd and milter sessions).
	reused []time.Duration
}

func loadID(prefix string, i int) string { return fmt.Sprintf("%s-%05d", prefix, i) }

// runLoad sends n messages from conc workers, each keeping an SMTP
// connection open across messages and opening a new one after an error.
// progress, when set, is called with the number of answered messages.
func runLoad(t *testing.T, prefix string, n, conc int, progress func(done int)) *load {
	l := &load{prefix: prefix, n: n, outcomes: make(map[string]string, n), at: make(map[string]time.Time, n)}
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	l.start = time.Now()
	l.send(t, idx, conc, progress)
	l.elapsed = time.Since(l.start)
	return l
}

func (l *load) retry(t *testing.T, idx []int, conc int) { l.send(t, idx, conc, nil) }

func (l *load) send(t *testing.T, idx []int, conc int, progress func(int)) {
	var next, done atomic.Int64
	var wg sync.WaitGroup
	for range conc {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var c *smtp.Client
			defer func() {
				if c != nil {
					c.Quit()
					c.Close()
				}
			}()
			for {
				k := int(next.Add(1)) - 1
				if k >= len(idx) {
					return
				}
				id := loadID(l.prefix, idx[k])
				from, msg := loadMessage(id, idx[k])
				began := time.Now()
				open := c != nil
				outcome, err := sendOn(&c, from, msg)
				took := time.Since(began)
				l.mu.Lock()
				l.outcomes[id] = outcome
				l.at[id] = began
				l.latency = append(l.latency, took)
				if open {
					l.reused = append(l.reused, took)
				}
				l.mu.Unlock()
				if err != nil && c != nil {
					c.Close()
					c = nil
				}
				if progress != nil {
					progress(int(done.Add(1)))
				}
			}
		}()
	}
	wg.Wait()
}

// sendOn sends one message on *c, dialling when needed, and classifies
// the answer. A non-nil error means the connection should not be reused.
func sendOn(c **smtp.Client, from, msg string) (string, error) {
	if *c == nil {
		cl, err := smtp.Dial(smtpAddr)
		if err != nil {
			return outcomeOther, err
		}
		if err := cl.Hello("load.vigie.test"); err != nil {
			cl.Close()
			return classify(err), err
		}
		*c = cl
	}
	cl := *c
	err := cl.Mail(from)
	if err == nil {
		err = cl.Rcpt(e2eRcpt)
	}
	if err == nil {
		var w interface {
			Write([]byte) (int, error)
			Close() error
		}
		w, err = cl.Data()
		if err == nil {
			if _, err = w.Write([]byte(msg)); err == nil {
				err = w.Close()
			}
		}
	}
	if err == nil {
		return outcomeAccepted, nil
	}
	outcome := classify(err)
	if outcome == outcomeRejected {
		// A rejection at the end of DATA leaves the session usable.
		if cl.Reset() == nil {
			return outcome, nil
		}
	}
	return outcome, err
}

func classify(err error) string {
	var perr *textproto.Error
	if errors.As(err, &perr) {
		switch perr.Code / 100 {
		case 4:
			return outcomeTempFail
		case 5:
			return outcomeRejected
		}
	}
	return outcomeOther
}

// loadMessage is message i of the mix: official with a trusted DMARC
// pass, lookalike (rejected), display-name spoof with a forged X-Vigie,
// no From, and a 20 KB HTML newsletter with 30 links.
func loadMessage(id string, i int) (from, msg string) {
	head := "To: <" + e2eRcpt + ">\r\nSubject: " + id + "\r\nMessage-ID: <" + id + "@load.vigie.test>\r\nDate: Mon, 23 Nov 2026 10:00:00 +0100\r\n"
	switch i % 5 {
	case 0:
		return "bounce@info.ameli.fr", "Authentication-Results: mx.vigie.test; dmarc=pass header.from=info.ameli.fr\r\n" +
			"From: Assurance Maladie <assurance-maladie@info.ameli.fr>\r\n" + head +
			"\r\nVotre attestation : https://www.ameli.fr/assure/compte\r\n"
	case 1:
		return "remboursement@ameli-remboursement.com", "From: Assurance Maladie <remboursement@ameli-remboursement.com>\r\n" + head +
			"\r\nRemboursement en attente : https://ameli-remboursement.com/connexion\r\n"
	case 2:
		return "service.ameli@gmail.com", "X-Vigie: official\r\nFrom: \"Assurance Maladie\" <service.ameli@gmail.com>\r\n" + head +
			"\r\nVotre carte Vitale expire.\r\n"
	case 3:
		return "nobody@example.org", head + "\r\nBonjour.\r\n"
	default:
		var b strings.Builder
		b.WriteString("From: Club de lecture <news@example.org>\r\n" + head + "MIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><body>\r\n")
		for j := range 30 {
			fmt.Fprintf(&b, "<p><a href=\"https://www.example.org/livres/%d?u=%s\">Livre %d</a> %s</p>\r\n", j, id, j, strings.Repeat("lorem ipsum dolor sit amet ", 24))
		}
		b.WriteString("</body></html>\r\n")
		return "news@example.org", b.String()
	}
}

func (l *load) count(outcome string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	k := 0
	for _, o := range l.outcomes {
		if o == outcome {
			k++
		}
	}
	return k
}

func (l *load) counts() map[string]int {
	m := map[string]int{}
	for _, o := range []string{outcomeAccepted, outcomeRejected, outcomeTempFail, outcomeOther} {
		if k := l.count(o); k > 0 {
			m[o] = k
		}
	}
	return m
}

func (l *load) report(t *testing.T, name string) {
	t.Logf("%s: %d messages in %v: %.0f msgs/s; outcomes %v; SMTP client latency per message %s, on an open connection %s",
		name, l.n, l.elapsed.Round(time.Millisecond), float64(l.n)/l.elapsed.Seconds(), l.counts(), summary(l.latency), summary(l.reused))
}

// windows splits the outcomes by when each message was sent.
func (l *load) windows(kill, restart time.Time) [3]map[string]int {
	var w [3]map[string]int
	for i := range w {
		w[i] = map[string]int{}
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	for id, o := range l.outcomes {
		at := l.at[id]
		switch {
		case at.Before(kill):
			w[0][o]++
		case at.Before(restart):
			w[1][o]++
		default:
			w[2][o]++
		}
	}
	return w
}

func summary(d []time.Duration) string {
	if len(d) == 0 {
		return "(none)"
	}
	s := slices.Clone(d)
	slices.Sort(s)
	at := func(p float64) time.Duration { return s[min(len(s)-1, int(p*float64(len(s))))].Round(time.Microsecond) }
	return fmt.Sprintf("n=%d p50=%v p90=%v p99=%v max=%v", len(s), at(0.5), at(0.9), at(0.99), s[len(s)-1].Round(time.Microsecond))
}

var (
	eomRe   = regexp.MustCompile(` eom=(\S+) total=(\S+)`)
	statsRe = regexp.MustCompile(`stats: .*`)
)

// milterTimes reads the eom and total times of each message and the last
// stats line from a milter log.
func milterTimes(t *testing.T, path string) (eom, total []time.Duration, stats string) {
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if m := eomRe.FindStringSubmatch(sc.Text()); m != nil {
			e, err1 := time.ParseDuration(m[1])
			tt, err2 := time.ParseDuration(m[2])
			if err1 == nil && err2 == nil {
				eom, total = append(eom, e), append(total, tt)
			}
		}
		if m := statsRe.FindString(sc.Text()); m != "" {
			stats = m
		}
	}
	return eom, total, stats
}

// startProcess runs the milter binary, its log in logPath, and waits
// until it listens.
func startProcess(t *testing.T, bin string, args []string, logPath, addr string) *exec.Cmd {
	t.Helper()
	cmd := startProcessNoFail(t, bin, args, logPath, addr)
	if cmd == nil {
		t.FailNow()
	}
	return cmd
}

// startProcessNoFail is startProcess for other goroutines than the
// test's: it reports errors and returns nil.
func startProcessNoFail(t *testing.T, bin string, args []string, logPath, addr string) *exec.Cmd {
	logf, err := os.Create(logPath)
	if err != nil {
		t.Error(err)
		return nil
	}
	cmd := exec.Command(bin, args...)
	cmd.Stderr = logf
	if err := cmd.Start(); err != nil {
		t.Error(err)
		return nil
	}
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGTERM)
		cmd.Wait()
		logf.Close()
	})
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if c, err := net.Dial("tcp", addr); err == nil {
			c.Close()
			return cmd
		}
	}
	t.Errorf("the milter does not listen on %s", addr)
	return nil
}

func freePort(t *testing.T) int {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// waitDelivered waits until the Maildir holds want messages and the
// test's queue is empty.
func waitDelivered(t *testing.T, maildir string, want int, timeout time.Duration) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		entries, _ := os.ReadDir(filepath.Join(maildir, "new"))
		if len(entries) >= want && len(testQueue(t)) == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d messages delivered after %v; queue: %d entries", len(entries), want, timeout, len(testQueue(t)))
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// deliveredIDs reads the Message-IDs of the delivered messages with the
// prefix, failing on a duplicate or a missing X-Vigie.
func deliveredIDs(t *testing.T, maildir, prefix string) map[string]bool {
	t.Helper()
	ids := map[string]bool{}
	entries, err := os.ReadDir(filepath.Join(maildir, "new"))
	require.NoError(t, err)
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(maildir, "new", e.Name()))
		require.NoError(t, err)
		id := strings.TrimSuffix(strings.TrimPrefix(headerValues(string(b), "Message-ID")[0], "<"), "@load.vigie.test>")
		if !strings.HasPrefix(id, prefix) {
			continue
		}
		require.False(t, ids[id], "%s delivered twice", id)
		ids[id] = true
		tags := headerValues(string(b), "X-Vigie")
		require.Len(t, tags, 1, "%s: one X-Vigie", id)
		require.NotEqual(t, "official", tags[0], "%s: the forged header is gone", id)
	}
	return ids
}

func envInt(t *testing.T, name string, def int) int {
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	require.NoError(t, err, name)
	return n
}

func cpuModel() string {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return "unknown CPU"
	}
	for _, line := range strings.Split(string(b), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return "unknown CPU"
}
