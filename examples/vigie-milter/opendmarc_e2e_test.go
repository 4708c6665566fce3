package main

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/vigie-sante/vigie/examples/internal/testdns"
	"github.com/vigie-sante/vigie/examples/internal/testproc"
)

// The DMARC chain: Postfix, then Debian's OpenDMARC, then vigie-milter,
// which trusts OpenDMARC's Authentication-Results by its AuthservID.
// OpenDMARC checks SPF itself and reads DMARC policies from DNS; the test
// serves both from a DNS server of its own on 127.0.0.2:53, which
// OpenDMARC (which reads resolv.conf, where no port can be given) finds
// through a resolv.conf bind-mounted in a mount namespace of its own: the
// machine's resolver is never touched. Needs root, like the Postfix test;
// skips where OpenDMARC is not installed, unless VIGIE_REQUIRE_OPENDMARC=1
// (as in CI) makes that a failure.

const (
	dmarcAuthservID = "mx.vigie.test"
	dmarcDNSAddr    = "127.0.0.2:53"
)

// The test's DNS: info.ameli.fr sends from 127.0.0.1 under ameli.fr's
// DMARC p=reject policy; attacker.example sends from the same address
// with SPF of its own.
var dmarcRecords = []string{
	`info.ameli.fr. 300 IN TXT "v=spf1 ip4:127.0.0.1 -all"`,
	`_dmarc.ameli.fr. 300 IN TXT "v=DMARC1; p=reject"`,
	`attacker.example. 300 IN TXT "v=spf1 ip4:127.0.0.1 -all"`,
}

// requireOpenDMARC returns the path of opendmarc, or skips.
func requireOpenDMARC(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("opendmarc")
	if err != nil && isExecutable("/usr/sbin/opendmarc") {
		path, err = "/usr/sbin/opendmarc", nil
	}
	reason := ""
	switch {
	case err != nil:
		reason = "OpenDMARC is not installed (apt-get install opendmarc; see .ci/run)"
	case os.Geteuid() != 0:
		reason = "the OpenDMARC end-to-end test needs root (Postfix, port 53, a mount namespace)"
	default:
		if _, uerr := exec.LookPath("unshare"); uerr != nil {
			reason = "unshare (util-linux) is not installed"
		}
	}
	if reason == "" {
		return path
	}
	if os.Getenv("VIGIE_REQUIRE_OPENDMARC") == "1" {
		t.Fatal(reason + " (VIGIE_REQUIRE_OPENDMARC=1)")
	}
	t.Skip(reason)
	return ""
}

// startOpenDMARC runs OpenDMARC on 127.0.0.1 with the test's DNS and
// returns its milter address and a function that stops it (also called
// when the test ends).
func startOpenDMARC(t *testing.T, opendmarc, nameserver string) (string, func()) {
	t.Helper()
	dir := t.TempDir()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	resolv := filepath.Join(dir, "resolv.conf")
	ignore := filepath.Join(dir, "ignore-hosts")
	conf := filepath.Join(dir, "opendmarc.conf")
	files := map[string]string{
		resolv: "nameserver " + nameserver + "\noptions timeout:1 attempts:1\n",
		// By default OpenDMARC ignores mail from 127.0.0.1, where the
		// test's mail comes from; a message it ignores gets no
		// Authentication-Results at all.
		ignore: "192.0.2.1\n",
		conf: strings.Join([]string{
			fmt.Sprintf("Socket inet:%d@127.0.0.1", port),
			"AuthservID " + dmarcAuthservID,
			"TrustedAuthservIDs " + dmarcAuthservID,
			"IgnoreHosts " + ignore,
			// SPF checked by OpenDMARC itself, never read from what the
			// message carries.
			"SPFSelfValidate true",
			"SPFIgnoreResults true",
			"PublicSuffixList /usr/share/publicsuffix/public_suffix_list.dat",
			"RejectFailures false",
			"RequiredHeaders false",
			"FailureReports false",
			"Syslog false",
			"PidFile " + filepath.Join(dir, "opendmarc.pid"),
			"",
		}, "\n"),
	}
	for name, content := range files {
		require.NoError(t, os.WriteFile(name, []byte(content), 0o644))
	}
	// unshare execs sh, which execs opendmarc: one process.
	proc := testproc.Start(t, exec.Command("unshare", "--mount", "sh", "-c",
		`mount --bind "$1" /etc/resolv.conf && exec "$2" -f -c "$3"`, "sh", resolv, opendmarc, conf))
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	proc.WaitReady(t, 10*time.Second, func() bool {
		c, err := net.Dial("tcp", addr)
		if err == nil {
			c.Close()
		}
		return err == nil
	})
	return addr, proc.Stop
}

// TestPostfixOpenDMARC sends an official From through the whole chain
// with and without DMARC alignment, and with Authentication-Results forged
// by the sender under OpenDMARC's own ID.
func TestPostfixOpenDMARC(t *testing.T) {
	requirePostfix(t)
	opendmarc := requireOpenDMARC(t)
	testdns.StartAt(t, dmarcDNSAddr, dmarcRecords...)
	dmarc, stopDMARC := startOpenDMARC(t, opendmarc, strings.TrimSuffix(dmarcDNSAddr, ":53"))
	_, vigie, logs := startMilter(t, "-authserv-id", dmarcAuthservID)
	// The border strips the Authentication-Results that claim the
	// receiving system's own ID, before OpenDMARC reads them (it trusts
	// DKIM results under its TrustedAuthservIDs) and before vigie does.
	checks := filepath.Join(t.TempDir(), "header_checks")
	require.NoError(t, os.WriteFile(checks, []byte(
		`/^Authentication-Results:[[:space:]]*mx\.vigie\.test([[:space:];]|$)/ IGNORE`+"\n"), 0o644))
	// OpenDMARC's own default action is accept: while it is down, mail
	// flows, and vigie, finding no trusted Authentication-Results, calls
	// nothing official. vigie's is the global tempfail.
	maildir := startPostfix(t, "{ inet:"+dmarc+", default_action=accept }, inet:"+vigie, "header_checks=regexp:"+checks)

	const (
		from = "Assurance Maladie <ne-pas-repondre@info.ameli.fr>"
		body = "Votre attestation est disponible sur https://www.ameli.fr/assure/compte\r\n"
	)
	forged := "Authentication-Results: " + dmarcAuthservID + "; spf=pass smtp.mailfrom=info.ameli.fr; dkim=pass header.d=info.ameli.fr; dmarc=pass header.from=info.ameli.fr\r\n"
	cases := []struct {
		name, envFrom, subject, headers string
		dmarc                           string // OpenDMARC's result in its header
		tag                             string // the X-Vigie delivered
	}{
		{"aligned", "bounce@info.ameli.fr", "e2e dmarc aligned", "", "dmarc=pass",
			"official; target=ameli.fr; org=assurance-maladie; reasons=registered-domain,mail-domain,dmarc-pass"},
		{"not aligned", "bounce@attacker.example", "e2e dmarc not aligned", "", "dmarc=fail",
			"suspicious; target=ameli.fr; org=assurance-maladie; reasons=registered-domain,mail-domain,dmarc-fail"},
		{"forged Authentication-Results", "bounce@attacker.example", "e2e dmarc forged", forged, "dmarc=fail",
			"suspicious; target=ameli.fr; org=assurance-maladie; reasons=registered-domain,mail-domain,dmarc-fail"},
	}
	for _, tc := range cases {
		require.NoError(t, sendSMTP(tc.envFrom, e2eMessage(from, tc.subject, tc.headers, body)), tc.name)
	}
	got := delivered(t, maildir, len(cases))
	for _, tc := range cases {
		msg, ok := got[tc.subject]
		require.True(t, ok, "%s: not delivered", tc.name)
		// OpenDMARC writes two headers under its ID, its own SPF result
		// and its DMARC verdict; the sender's forgery is gone.
		var verdicts []string
		for _, ar := range headerValues(msg, "Authentication-Results") {
			require.True(t, strings.HasPrefix(strings.ToLower(ar), dmarcAuthservID+";"), "%s: %s", tc.name, ar)
			assert.NotContains(t, ar, "dkim=pass", "%s: the forged header was stripped", tc.name)
			if strings.Contains(ar, "dmarc=") {
				verdicts = append(verdicts, ar)
			}
		}
		require.Len(t, verdicts, 1, "%s: one DMARC verdict, OpenDMARC's:\n%s", tc.name, msg)
		assert.Contains(t, verdicts[0], tc.dmarc+" ", "%s: OpenDMARC's verdict", tc.name)
		assert.Contains(t, verdicts[0], "header.from=info.ameli.fr", tc.name)
		assert.Equal(t, tc.tag, headerValues(msg, "X-Vigie")[0], tc.name)
	}
	t.Logf("delivered (aligned):\n%s\nmilter log:\n%s", got["e2e dmarc aligned"], logs.String())

	// OpenDMARC down: the aligned message is delivered, but not official.
	stopDMARC()
	require.NoError(t, sendSMTP("bounce@info.ameli.fr", e2eMessage(from, "e2e dmarc down", forged, body)))
	msg := delivered(t, maildir, len(cases)+1)["e2e dmarc down"]
	assert.Equal(t, "unknown; target=ameli.fr; org=assurance-maladie; reasons=registered-domain,mail-domain,unauthenticated", headerValues(msg, "X-Vigie")[0])
	assert.Equal(t, []string{""}, headerValues(msg, "Authentication-Results"), "the forged header is stripped, and no other was written")
}
