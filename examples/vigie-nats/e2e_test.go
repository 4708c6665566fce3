package main

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// publishRequest stores one request in the requests stream, with id as its
// Nats-Msg-Id when not empty.
func publishRequest(t *testing.T, js jetstream.JetStream, id string, body string, header nats.Header) {
	t.Helper()
	m := nats.NewMsg("vigie.requests")
	m.Data = []byte(body)
	for k, v := range header {
		m.Header[k] = v
	}
	if id != "" {
		m.Header.Set(jetstream.MsgIDHeader, id)
	}
	_, err := js.PublishMsg(context.Background(), m)
	require.NoError(t, err)
}

func TestWorkerChecksEveryKind(t *testing.T) {
	s := startNATS(t)
	nc, js := s.connect(t)
	w := startWorker(t, s, "-create", "-concurrency", "4")
	w.waitLog(t, "consuming VIGIE_REQUESTS/vigie-workers")

	msg := "From: Assurance Maladie <info@ameli-remboursement.com>\r\nTo: a@example.org\r\nSubject: Remboursement\r\n\r\nBonjour, https://ameli-remboursement.com/login\r\n"
	cases := []struct {
		id, body     string
		verdict, org string
		err          string
	}{
		{"host-official", `{"kind":"host","input":"www.ameli.fr"}`, "official", "assurance-maladie", ""},
		{"url-lookalike", `{"kind":"url","input":"https://ameli-remboursement.com/connexion"}`, "lookalike", "assurance-maladie", ""},
		{"auto-host", `{"input":"impots.gouv.fr"}`, "official", "dgfip-impots", ""},
		{"email", `{"kind":"email","input":"Ameli <noreply@gmail.com>"}`, "suspicious", "assurance-maladie", ""},
		{"sms", `{"kind":"sms","sender":"AMELI","text":"Votre carte Vitale expire: https://ameli-carte-vitale.com"}`, "lookalike", "assurance-maladie", ""},
		{"message-b64", `{"kind":"message","input_base64":"` + base64.StdEncoding.EncodeToString([]byte(msg)) + `"}`, "lookalike", "assurance-maladie", ""},
		{"bad-json", `{"kind":`, "", "", "not a JSON check request"},
		{"bad-kind", `{"kind":"fax","input":"x"}`, "", "", "unknown kind"},
		{"no-input", `{"kind":"url"}`, "", "", `missing "input"`},
	}
	// One request also asks for its result on a reply subject.
	inbox := nats.NewInbox()
	replies, err := nc.SubscribeSync(inbox)
	require.NoError(t, err)
	for _, c := range cases {
		h := nats.Header{}
		if c.id == "host-official" {
			h.Set(headerReplyTo, inbox)
		}
		publishRequest(t, js, c.id, c.body, h)
	}
	require.Eventually(t, func() bool { return streamMsgs(t, js, "VIGIE_RESULTS") == uint64(len(cases)) }, 30*time.Second, 20*time.Millisecond)
	byID := map[string]resultMsg{}
	for _, r := range readResults(t, js, "VIGIE_RESULTS") {
		assert.Equal(t, r.ID, r.msgID, "the result's Nats-Msg-Id is the request's ID")
		byID[r.ID] = r
	}
	for _, c := range cases {
		t.Run(c.id, func(t *testing.T) {
			r, ok := byID[c.id]
			require.True(t, ok, "no result for %s", c.id)
			if c.err != "" {
				assert.Contains(t, r.Error, c.err)
				assert.Empty(t, r.Result.Verdict)
				return
			}
			assert.Empty(t, r.Error)
			assert.Equal(t, c.verdict, r.Result.Verdict)
			assert.Equal(t, c.org, r.Result.Organization)
		})
	}
	reply, err := replies.NextMsg(10 * time.Second)
	require.NoError(t, err)
	var r resultMsg
	require.NoError(t, json.Unmarshal(reply.Data, &r))
	assert.Equal(t, "host-official", r.ID)
	assert.Equal(t, "official", r.Result.Verdict)

	// Every request was acknowledged: the work queue is empty.
	assert.Equal(t, uint64(0), streamMsgs(t, js, "VIGIE_REQUESTS"))

	// The counters answer on the stats subject.
	m, err := nc.Request("vigie.stats", nil, 5*time.Second)
	require.NoError(t, err)
	var snap statsSnapshot
	require.NoError(t, json.Unmarshal(m.Data, &snap))
	assert.Equal(t, int64(len(cases)), snap.Results)
	assert.Equal(t, int64(3), snap.ByVerdict["error"])
}

// A request without Nats-Msg-Id is known by its stream sequence, and a
// request published twice with the same ID is stored once.
func TestRequestIDs(t *testing.T) {
	s := startNATS(t)
	_, js := s.connect(t)
	w := startWorker(t, s, "-create")
	w.waitLog(t, "consuming")
	publishRequest(t, js, "", `{"kind":"host","input":"ameli.fr"}`, nil)
	publishRequest(t, js, "same", `{"kind":"host","input":"ameli.fr"}`, nil)
	publishRequest(t, js, "same", `{"kind":"host","input":"ameli.fr"}`, nil)
	require.Eventually(t, func() bool { return streamMsgs(t, js, "VIGIE_RESULTS") == 2 }, 30*time.Second, 20*time.Millisecond)
	time.Sleep(200 * time.Millisecond)
	res := readResults(t, js, "VIGIE_RESULTS")
	require.Len(t, res, 2)
	// Checked concurrently: the results may come in either order.
	assert.ElementsMatch(t, []string{"VIGIE_REQUESTS:1", "same"}, []string{res[0].ID, res[1].ID})
}

// SIGTERM drains: requests in hand are finished and acknowledged, the rest
// stay in the stream for other workers, and none is left unacknowledged.
func TestDrainOnSIGTERM(t *testing.T) {
	s := startNATS(t)
	_, js := s.connect(t)
	w := startWorker(t, s, "-create", "-concurrency", "8")
	w.waitLog(t, "consuming")
	const n = 20000
	publishMany(t, js, n, 0)
	require.Eventually(t, func() bool { return streamMsgs(t, js, "VIGIE_RESULTS") > 500 }, 60*time.Second, 5*time.Millisecond)
	require.NoError(t, w.cmd.Process.Signal(syscall.SIGTERM))
	select {
	case err := <-w.done:
		require.NoError(t, err, "the worker exits 0 after draining:\n%s", w.log.String())
		w.done <- nil
	case <-time.After(60 * time.Second):
		t.Fatal("the worker did not exit after SIGTERM")
	}
	assert.Contains(t, w.log.String(), "draining")
	results := streamMsgs(t, js, "VIGIE_RESULTS")
	left := streamMsgs(t, js, "VIGIE_REQUESTS")
	cons, err := js.Consumer(context.Background(), "VIGIE_REQUESTS", "vigie-workers")
	require.NoError(t, err)
	info, err := cons.Info(context.Background())
	require.NoError(t, err)
	// What the drained worker received, it acknowledged. A request the
	// server sent to the pull while the worker was unsubscribing never
	// reached it: it waits for the ack wait, then is delivered again. At
	// most one pull's worth (the concurrency) can be so in flight.
	assert.LessOrEqual(t, info.NumAckPending, 8, "the drained worker left no request it received unacknowledged")
	assert.Equal(t, uint64(n), results+left, "each request either has its result or is still queued")
	assert.Less(t, results, uint64(n), "the worker stopped before the end (the test needs a bigger run otherwise)")
}

// SIGHUP reloads the registry file; a broken file keeps the one in use.
func TestReloadOnSIGHUP(t *testing.T) {
	s := startNATS(t)
	_, js := s.connect(t)
	reg := filepath.Join(t.TempDir(), "registry.json")
	writeOverlay := func(domain string) {
		body := `{"version":"test.1","date":"2026-12-01","source":"test","organizations":[{"id":"acme-mutuelle","name":"Acme Mutuelle","kind":"insurer","domains":["` + domain + `"],"member_login":true,"confidence":"high","sources":["test"]}]}`
		require.NoError(t, os.WriteFile(reg, []byte(body), 0o644))
	}
	writeOverlay("acmeassur.fr")
	w := startWorker(t, s, "-create", "-registry", reg)
	w.waitLog(t, "consuming")
	check := func(id, host string) string {
		publishRequest(t, js, id, `{"kind":"host","input":"`+host+`"}`, nil)
		var got string
		require.Eventually(t, func() bool {
			for _, r := range readResults(t, js, "VIGIE_RESULTS") {
				if r.ID == id {
					got = r.Result.Verdict
					return true
				}
			}
			return false
		}, 30*time.Second, 50*time.Millisecond)
		return got
	}
	assert.Equal(t, "official", check("before", "acmeassur.fr"))
	assert.Equal(t, "unknown", check("other-before", "zorglub.fr"))
	writeOverlay("zorglub.fr")
	require.NoError(t, w.cmd.Process.Signal(syscall.SIGHUP))
	w.waitLog(t, "SIGHUP: registry")
	assert.Equal(t, "official", check("after", "zorglub.fr"))
	require.NoError(t, os.WriteFile(reg, []byte("{not json"), 0o644))
	require.NoError(t, w.cmd.Process.Signal(syscall.SIGHUP))
	w.waitLog(t, "SIGHUP: keeping registry")
	assert.Equal(t, "official", check("after-broken", "zorglub.fr"))
}
