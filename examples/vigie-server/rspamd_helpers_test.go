package main

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/vigie-sante/vigie/examples/internal/testproc"
)

// The rspamd end-to-end test runs Debian's rspamd on 127.0.0.1 with a
// configuration of its own in a temporary directory (Debian's
// /etc/rspamd/rspamd.conf with LOCAL_CONFDIR, DBDIR, RUNDIR and LOGDIR
// redefined), the plugin examples/rspamd/vigie.lua, and DNS answered by a
// test server. It skips where rspamd is not installed, unless
// VIGIE_REQUIRE_RSPAMD=1 (as in CI) makes that a failure.

// requireRspamd returns the paths of rspamd and rspamc, or skips.
func requireRspamd(t *testing.T) (rspamd, rspamc string) {
	t.Helper()
	var missing []string
	for _, name := range []string{"rspamd", "rspamc"} {
		p, err := exec.LookPath(name)
		if err != nil {
			missing = append(missing, name)
		}
		if name == "rspamd" {
			rspamd = p
		} else {
			rspamc = p
		}
	}
	if _, err := os.Stat("/etc/rspamd/rspamd.conf"); err != nil {
		missing = append(missing, "/etc/rspamd/rspamd.conf")
	}
	if len(missing) == 0 {
		return rspamd, rspamc
	}
	reason := fmt.Sprintf("rspamd is not installed (%s missing; apt-get install rspamd, see .ci/run)", strings.Join(missing, ", "))
	if os.Getenv("VIGIE_REQUIRE_RSPAMD") == "1" {
		t.Fatal(reason + " (VIGIE_REQUIRE_RSPAMD=1)")
	}
	t.Skip(reason)
	return "", ""
}

// freePort returns a port free on 127.0.0.1 at the time of the call.
func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// rspamdInstance is a running rspamd.
type rspamdInstance struct {
	rspamc string
	addr   string // the normal worker, 127.0.0.1:PORT
	log    string
}

// startRspamd starts rspamd with the vigie plugin configured by vigieConf
// (the body of the "vigie" section) and dnsAddr as its only nameserver,
// waits until it answers, and stops it when the test ends.
func startRspamd(t *testing.T, rspamd, rspamc, vigieConf, dnsAddr string) *rspamdInstance {
	t.Helper()
	dir := t.TempDir()
	conf := filepath.Join(dir, "conf")
	for _, d := range []string{"conf/local.d", "conf/override.d", "conf/plugins.d", "db", "run", "log"} {
		require.NoError(t, os.MkdirAll(filepath.Join(dir, d), 0o755))
	}
	plugin, err := os.ReadFile(filepath.Join("..", "rspamd", "vigie.lua"))
	require.NoError(t, err)
	normal := fmt.Sprintf("127.0.0.1:%d", freePort(t))
	logFile := filepath.Join(dir, "log", "rspamd.log")
	files := map[string]string{
		"conf/plugins.d/vigie.lua":              string(plugin),
		"conf/rspamd.conf.local":                "vigie {\n" + vigieConf + "\n}\n",
		"conf/local.d/options.inc":              fmt.Sprintf("dns {\n  nameserver = [\"%s\"];\n  timeout = 1s;\n  retransmits = 1;\n}\n", dnsAddr),
		"conf/override.d/logging.inc":           fmt.Sprintf("type = \"file\";\nfilename = %q;\nlevel = \"info\";\n", logFile),
		"conf/override.d/worker-normal.inc":     fmt.Sprintf("bind_socket = %q;\ncount = 2;\n", normal),
		"conf/override.d/worker-controller.inc": fmt.Sprintf("bind_socket = \"127.0.0.1:%d\";\n", freePort(t)),
		"conf/override.d/worker-proxy.inc":      fmt.Sprintf("bind_socket = \"127.0.0.1:%d\";\ncount = 0;\n", freePort(t)),
	}
	for name, content := range files {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644))
	}
	args := []string{"-f", "-c", "/etc/rspamd/rspamd.conf",
		"--var", "LOCAL_CONFDIR=" + conf, "--var", "DBDIR=" + filepath.Join(dir, "db"),
		"--var", "RUNDIR=" + filepath.Join(dir, "run"), "--var", "LOGDIR=" + filepath.Join(dir, "log")}
	if os.Geteuid() == 0 {
		// rspamd refuses to run as root unless told to.
		args = append(args, "-i", "-u", "root", "-g", "root")
	}
	proc := testproc.Start(t, exec.Command(rspamd, args...))
	t.Cleanup(func() {
		if t.Failed() {
			log, _ := os.ReadFile(logFile)
			t.Logf("rspamd log (end):\n%s", tail(string(log), 4000))
		}
	})
	// Loading rules and compiling regular expressions takes rspamd tens of
	// seconds on a busy machine.
	client := &http.Client{Timeout: 2 * time.Second}
	proc.WaitReady(t, 3*time.Minute, func() bool {
		resp, err := client.Get("http://" + normal + "/ping")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	})
	return &rspamdInstance{rspamc: rspamc, addr: normal, log: logFile}
}

// tail returns the end of s.
func tail(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}

// scanned is what rspamd answers about one message.
type scanned struct {
	Action  string
	Score   float64
	Symbols map[string]scannedSymbol
}

type scannedSymbol struct {
	Score   float64  `json:"score"`
	Options []string `json:"options"`
}

// envelope is what the MTA tells rspamd about a message.
type envelope struct {
	ip, helo, from, rcpt string
}

// scan scans msg with rspamc and returns rspamd's answer. extra are more
// rspamc arguments.
func (r *rspamdInstance) scan(t *testing.T, env envelope, msg string, extra ...string) scanned {
	t.Helper()
	file := filepath.Join(t.TempDir(), "message.eml")
	require.NoError(t, os.WriteFile(file, []byte(msg), 0o644))
	args := []string{"-h", r.addr, "-t", "30", "-j"}
	if env.ip != "" {
		args = append(args, "--ip", env.ip)
	}
	if env.helo != "" {
		args = append(args, "--helo", env.helo)
	}
	if env.from != "" {
		args = append(args, "--from", env.from)
	}
	if env.rcpt != "" {
		args = append(args, "--rcpt", env.rcpt)
	}
	args = append(append(args, extra...), "symbols", file)
	out, err := exec.Command(r.rspamc, args...).CombinedOutput()
	require.NoError(t, err, "rspamc: %s", out)
	// rspamc -j prints the JSON answer, possibly after a line naming the
	// file.
	text := string(out)
	if i := strings.IndexByte(text, '{'); i > 0 {
		text = text[i:]
	}
	var answer struct {
		Action  string                   `json:"action"`
		Score   float64                  `json:"score"`
		Symbols map[string]scannedSymbol `json:"symbols"`
		Default *struct {
			Action  string                   `json:"action"`
			Score   float64                  `json:"score"`
			Symbols map[string]scannedSymbol `json:"symbols"`
		} `json:"default"`
	}
	require.NoError(t, json.Unmarshal([]byte(text), &answer), "rspamc output: %s", out)
	s := scanned{Action: answer.Action, Score: answer.Score, Symbols: answer.Symbols}
	if answer.Default != nil {
		s = scanned{Action: answer.Default.Action, Score: answer.Default.Score, Symbols: answer.Default.Symbols}
	}
	require.NotEmpty(t, s.Action, "rspamd gave no action: %s", out)
	return s
}

// vigieSymbols lists the VIGIE_ symbols of an answer.
func (s scanned) vigieSymbols() []string {
	var names []string
	for name := range s.Symbols {
		if strings.HasPrefix(name, "VIGIE_") {
			names = append(names, name)
		}
	}
	return names
}
