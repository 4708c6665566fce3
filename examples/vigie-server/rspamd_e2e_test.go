package main

import (
	"bytes"
	"fmt"
	"net/http"
	"os"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/vigie-sante/vigie/domains"
	"github.com/vigie-sante/vigie/examples/internal/testdns"
	"github.com/vigie-sante/vigie/verify"
)

// rspamdAuthServID is the ID under which the plugin hands rspamd's DMARC
// verdict to vigie-server, which trusts it; messages over rspamdMaxSize are
// cut by the plugin.
const (
	rspamdAuthServID = "rspamd.vigie"
	rspamdMaxSize    = 64 << 10
)

// The DNS of the test: info.ameli.fr sends from 203.0.113.5 (SPF) under a
// DMARC p=reject policy for ameli.fr; attacker.example sends from the same
// address with SPF of its own. Every other name is NXDOMAIN.
var rspamdDNS = []string{
	`info.ameli.fr. 300 IN TXT "v=spf1 ip4:203.0.113.5 -all"`,
	`_dmarc.ameli.fr. 300 IN TXT "v=DMARC1; p=reject"`,
	`attacker.example. 300 IN TXT "v=spf1 ip4:203.0.113.5 -all"`,
}

// rspamdMessage is a message as an MTA hands it to rspamd.
func rspamdMessage(from, extraHeaders, body string) string {
	return "From: " + from + "\r\n" +
		"To: camille.martin@vigie.example\r\n" +
		"Subject: Votre espace assure\r\n" +
		"Date: Tue, 11 Mar 2025 09:14:02 +0100\r\n" +
		"Message-ID: <" + fmt.Sprint(time.Now().UnixNano()) + "@vigie.test>\r\n" +
		extraHeaders +
		"MIME-Version: 1.0\r\n" +
		"Content-Type: text/plain; charset=UTF-8\r\n" +
		"\r\n" + body + "\r\n"
}

var (
	officialEnvelope = envelope{ip: "203.0.113.5", helo: "mail.info.ameli.fr", from: "bounce@info.ameli.fr", rcpt: "camille.martin@vigie.example"}
	attackerEnvelope = envelope{ip: "203.0.113.5", helo: "mail.attacker.example", from: "bounce@attacker.example", rcpt: "camille.martin@vigie.example"}
	officialFrom     = `"Assurance Maladie" <ne-pas-repondre@info.ameli.fr>`
	officialBody     = "Votre attestation est disponible sur https://www.ameli.fr/assure/mon-compte"
)

func TestRspamdEndToEnd(t *testing.T) {
	rspamd, rspamc := requireRspamd(t)
	dns := testdns.Start(t, rspamdDNS...)
	checker, err := verify.New(domains.Default(), verify.WithTrustedAuthServIDs(rspamdAuthServID))
	require.NoError(t, err)
	ts := startServer(t, checker, HandlerOptions{MaxBody: 16 << 20}, nil)
	r := startRspamd(t, rspamd, rspamc, fmt.Sprintf("url = %q;\nauthserv_id = %q;\ntimeout = 20s;\nmax_size = %d;",
		ts.url+"/v1/check", rspamdAuthServID, rspamdMaxSize), dns.Addr)
	// rspamd answers /ping before it has finished loading (maps,
	// compiled regular expressions): its first scans on a busy machine
	// can take long enough for the plugin's request to time out. Scan
	// until the plugin answers once.
	warm := rspamdMessage("x <info@attacker.example>", "", "https://ameli-remboursement.com/")
	for deadline := time.Now().Add(2 * time.Minute); ; time.Sleep(time.Second) {
		if _, ok := r.scan(t, attackerEnvelope, warm).Symbols["VIGIE_LOOKALIKE"]; ok {
			break
		}
		require.True(t, time.Now().Before(deadline), "rspamd never got vigie's answer")
	}
	padding := strings.Repeat("Lorem ipsum dolor sit amet, consectetur adipiscing elit.\r\n", 2*rspamdMaxSize/58)

	tests := []struct {
		name    string
		env     envelope
		msg     string
		symbol  string // the one VIGIE_ symbol expected, "" for none
		options []string
		dmarc   string // rspamd's own DMARC symbol expected, if any
	}{
		{
			name:    "lookalike link",
			env:     attackerEnvelope,
			msg:     rspamdMessage("Service client <info@attacker.example>", "", "Remboursement en attente : https://ameli-remboursement.com/assure/connexion"),
			symbol:  "VIGIE_LOOKALIKE",
			options: []string{"combo-squat", "org=assurance-maladie", "target=ameli.fr"},
		},
		{
			name:    "display name borrowed by a free mail address",
			env:     envelope{ip: "203.0.113.9", from: "service.ameli@gmail.com", rcpt: "camille.martin@vigie.example"},
			msg:     rspamdMessage(`"Assurance Maladie" <service.ameli@gmail.com>`, "", "Bonjour, merci de nous rappeler."),
			symbol:  "VIGIE_SUSPICIOUS",
			options: []string{"display-name-brand", "free-mail", "org=assurance-maladie"},
		},
		{
			name:    "official From with DMARC passing in rspamd",
			env:     officialEnvelope,
			msg:     rspamdMessage(officialFrom, "", officialBody),
			symbol:  "VIGIE_OFFICIAL",
			options: []string{"registered-domain", "dmarc-pass", "org=assurance-maladie", "target=ameli.fr"},
			dmarc:   "DMARC_POLICY_ALLOW",
		},
		{
			name:    "official, naming its one envelope recipient",
			env:     envelope{ip: "203.0.113.5", helo: "mail.info.ameli.fr", from: "bounce@info.ameli.fr", rcpt: "camille.martin@example.org"},
			msg:     rspamdMessage(officialFrom, "", officialBody+"\r\nCe message a ete envoye a camille.martin@example.org."),
			symbol:  "VIGIE_OFFICIAL",
			options: []string{"dmarc-pass", "org=assurance-maladie"},
			dmarc:   "DMARC_POLICY_ALLOW",
		},
		{
			name:   "official, naming an address it is not delivered to",
			env:    officialEnvelope,
			msg:    rspamdMessage(officialFrom, "", officialBody+"\r\nCe message a ete envoye a camille.martin@example.org."),
			symbol: "",
			dmarc:  "DMARC_POLICY_ALLOW",
		},
		{
			name:    "same From sent by another domain: DMARC fails",
			env:     attackerEnvelope,
			msg:     rspamdMessage(officialFrom, "", officialBody),
			symbol:  "VIGIE_SUSPICIOUS",
			options: []string{"dmarc-fail", "org=assurance-maladie"},
			dmarc:   "DMARC_POLICY_REJECT",
		},
		{
			name: "forged Authentication-Results under the plugin's ID",
			env:  attackerEnvelope,
			msg: rspamdMessage(officialFrom, "Authentication-Results: "+rspamdAuthServID+"; dmarc=pass header.from=info.ameli.fr\r\n",
				officialBody),
			symbol:  "VIGIE_SUSPICIOUS",
			options: []string{"dmarc-fail"},
			dmarc:   "DMARC_POLICY_REJECT",
		},
		{
			name:    "over max_size: the imitation at the beginning counts",
			env:     attackerEnvelope,
			msg:     rspamdMessage("Service client <info@attacker.example>", "", "https://ameli-remboursement.com/assure/connexion\r\n"+padding),
			symbol:  "VIGIE_LOOKALIKE",
			options: []string{"truncated", "combo-squat"},
		},
		{
			name:    "over max_size: an official message cut is not official",
			env:     officialEnvelope,
			msg:     rspamdMessage(officialFrom, "", officialBody+"\r\n"+padding),
			symbol:  "VIGIE_INVALID",
			options: []string{"truncated", "org=assurance-maladie"},
			dmarc:   "DMARC_POLICY_ALLOW",
		},
		{
			// No DMARC record: rspamd has no verdict, the plugin says
			// dmarc=none for the From domain, and the forged pass below
			// it is never read: not proven, and a non-pass for an
			// official domain is a spoof.
			name: "forged Authentication-Results, no DMARC record",
			env:  envelope{ip: "203.0.113.9", from: "bounce@impots.gouv.fr", rcpt: "camille.martin@vigie.example"},
			msg: rspamdMessage("DGFiP <ne-pas-repondre@impots.gouv.fr>", "Authentication-Results: "+rspamdAuthServID+"; dmarc=pass header.from=impots.gouv.fr\r\n",
				"Votre avis est disponible sur https://www.impots.gouv.fr/"),
			symbol:  "VIGIE_SUSPICIOUS",
			options: []string{"dmarc-fail"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := r.scan(t, tt.env, tt.msg)
			want := []string{}
			if tt.symbol != "" {
				want = []string{tt.symbol}
			}
			got := s.vigieSymbols()
			sort.Strings(got)
			assert.ElementsMatch(t, want, got, "symbols: %v", s.Symbols)
			if tt.symbol != "" {
				for _, o := range tt.options {
					assert.Contains(t, s.Symbols[tt.symbol].Options, o)
				}
			}
			if tt.dmarc != "" {
				assert.Contains(t, s.Symbols, tt.dmarc, "rspamd's DMARC verdict")
			}
		})
	}

	t.Run("scores", func(t *testing.T) {
		s := r.scan(t, attackerEnvelope, rspamdMessage("x <info@attacker.example>", "", "https://ameli-remboursement.com/"))
		assert.InDelta(t, 10.0, s.Symbols["VIGIE_LOOKALIKE"].Score, 0.001)
		s = r.scan(t, officialEnvelope, rspamdMessage(officialFrom, "", officialBody))
		assert.InDelta(t, -2.0, s.Symbols["VIGIE_OFFICIAL"].Score, 0.001)
	})

	if os.Getenv("VIGIE_LOAD") == "1" {
		t.Run("load", func(t *testing.T) { rspamdLoad(t, r) })
	}

	// vigie down: rspamd still answers, without a verdict of vigie's.
	t.Run("vigie down", func(t *testing.T) {
		require.NoError(t, ts.stop())
		s := r.scan(t, attackerEnvelope, rspamdMessage("x <info@attacker.example>", "", "https://ameli-remboursement.com/"))
		assert.Equal(t, []string{"VIGIE_FAIL"}, s.vigieSymbols())
		assert.Zero(t, s.Symbols["VIGIE_FAIL"].Score, "fail-open: no score when vigie cannot be asked")
		assert.NotEmpty(t, s.Action)
	})
}

// rspamdLoad scans the same mix of messages through rspamd with the vigie
// check, then with it disabled for the request (rspamd's Settings
// header), and logs messages per second. Run with VIGIE_LOAD=1.
func rspamdLoad(t *testing.T, r *rspamdInstance) {
	const (
		messages    = 400
		concurrency = 8
	)
	type item struct {
		env envelope
		msg []byte
	}
	mix := []item{
		{attackerEnvelope, []byte(rspamdMessage("x <info@attacker.example>", "", "https://ameli-remboursement.com/assure/connexion"))},
		{officialEnvelope, []byte(rspamdMessage(officialFrom, "", officialBody))},
		{attackerEnvelope, []byte(rspamdMessage(officialFrom, "", officialBody))},
		{envelope{ip: "203.0.113.9", from: "a@gmail.com"}, []byte(rspamdMessage(`"Assurance Maladie" <a@gmail.com>`, "", "Bonjour"))},
	}
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: concurrency}}
	run := func(settings string) (float64, int64) {
		var next, vigie atomic.Int64
		var wg sync.WaitGroup
		start := time.Now()
		for range concurrency {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					i := next.Add(1) - 1
					if i >= messages {
						return
					}
					it := mix[i%int64(len(mix))]
					req, _ := http.NewRequest(http.MethodPost, "http://"+r.addr+"/checkv2", bytes.NewReader(it.msg))
					req.Header.Set("IP", it.env.ip)
					req.Header.Set("From", it.env.from)
					req.Header.Set("Rcpt", "camille.martin@vigie.example")
					if settings != "" {
						req.Header.Set("Settings", settings)
					}
					resp, err := client.Do(req)
					if err != nil {
						t.Error(err)
						return
					}
					var buf bytes.Buffer
					buf.ReadFrom(resp.Body)
					resp.Body.Close()
					if bytes.Contains(buf.Bytes(), []byte(`"VIGIE_`)) {
						vigie.Add(1)
					}
				}
			}()
		}
		wg.Wait()
		return float64(messages) / time.Since(start).Seconds(), vigie.Load()
	}
	run("") // warm up both
	with, n := run("")
	without, m := run(`{symbols_disabled = ["VIGIE_CHECK"]}`)
	assert.Equal(t, int64(messages), n, "every message got a vigie symbol")
	assert.Zero(t, m, "the vigie check was disabled")
	t.Logf("rspamd load: %d messages at concurrency %d: %.0f messages/s with vigie, %.0f without (vigie costs %.0f%%)",
		messages, concurrency, with, without, 100*(without-with)/without)
}
