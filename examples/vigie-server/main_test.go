package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/vigie-sante/vigie/domains"
	"github.com/vigie-sante/vigie/examples/internal/logbuf"
)

func TestRunUsage(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer busy.Close()
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"-h"}, 0, "-listen ADDRESS"},
		{[]string{"-nope"}, 2, "flag provided but not defined"},
		{[]string{"extra"}, 2, `unexpected argument "extra"`},
		{[]string{"-max-body", "10"}, 2, "-max-body 10: want at least 1024"},
		{[]string{"-max-batch", "0"}, 2, "-max-batch 0"},
		{[]string{"-check-timeout", "0s"}, 2, "-check-timeout 0s"},
		{[]string{"-max-concurrent", "-1"}, 2, "-max-concurrent -1"},
		{[]string{"-registry-only"}, 2, "-registry-only needs -registry FILE"},
		{[]string{"-registry", "testdata/missing.json"}, 2, "no such file"},
		{[]string{"-registry", "handler.go"}, 2, "not a registry file"},
		{[]string{"-authserv-id", " "}, 2, "empty authserv-id"},
		{[]string{"-listen", busy.Addr().String()}, 2, "address already in use"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.args), func(t *testing.T) {
			var stderr logbuf.Buffer
			code := run(context.Background(), tt.args, &stderr)
			assert.Equal(t, tt.code, code)
			assert.Contains(t, stderr.String(), tt.want)
		})
	}
}

// officialMessage is an Assurance Maladie mail that a trusted receiver,
// mx.vigie.example, reports as passing DMARC.
const officialMessage = "Authentication-Results: mx.vigie.example;\r\n" +
	"\tspf=pass smtp.mailfrom=info.ameli.fr;\r\n" +
	"\tdkim=pass header.d=info.ameli.fr;\r\n" +
	"\tdmarc=pass (p=REJECT) header.from=info.ameli.fr\r\n" +
	"From: Assurance Maladie <assurance-maladie@info.ameli.fr>\r\n" +
	"To: camille.martin@vigie.example\r\n" +
	"Subject: Votre attestation de droits\r\n" +
	"Date: Tue, 11 Mar 2025 09:14:02 +0100\r\n" +
	"MIME-Version: 1.0\r\n" +
	"Content-Type: text/plain; charset=UTF-8\r\n" +
	"\r\n" +
	"Bonjour,\r\n" +
	"Votre attestation de droits est disponible dans votre compte ameli :\r\n" +
	"https://assure.ameli.fr/PortailAS/appmanager/PortailAS/assure\r\n"

// startRun runs the command as main does, on a random port, and returns
// its address, its log and a function that sends it "SIGTERM" and returns
// its exit status.
func startRun(t *testing.T, args ...string) (ts *testServer, stop func() int) {
	t.Helper()
	logs := &logbuf.Buffer{}
	ctx, cancel := context.WithCancel(context.Background())
	code := make(chan int, 1)
	go func() { code <- run(ctx, append([]string{"-listen", "127.0.0.1:0"}, args...), logs) }()
	listening := regexp.MustCompile(`vigie-server: listening on (http://\S+)`)
	var url string
	require.Eventually(t, func() bool {
		m := listening.FindStringSubmatch(logs.String())
		if m != nil {
			url = m[1]
		}
		return m != nil
	}, 10*time.Second, 10*time.Millisecond, "log: %s", logs)
	ts = &testServer{url: url, logs: logs, client: &http.Client{Transport: &http.Transport{}, Timeout: 10 * time.Second}}
	stopped := false
	var status int
	stop = func() int {
		if !stopped {
			stopped = true
			ts.client.CloseIdleConnections()
			cancel()
			select {
			case status = <-code:
			case <-time.After(10 * time.Second):
				t.Fatal("run did not return after its context was done")
			}
		}
		return status
	}
	t.Cleanup(func() { stop() })
	return ts, stop
}

func TestRun(t *testing.T) {
	ts, stop := startRun(t, "-registry", "testdata/acme.json", "-authserv-id", "mx.vigie.example", "-max-body", "2048")

	def := domains.Default()
	r := ts.do(t, http.MethodGet, "/healthz", "", nil)
	require.Equal(t, http.StatusOK, r.status)
	assert.Equal(t, fmt.Sprintf(`{"status":"ok","registry":"%s+acme.1","organizations":%d}`+"\n", def.Version(), def.Len()+1), string(r.body))

	// The overlay's organisation.
	var got result
	r = ts.post(t, "/v1/check", `{"input": "https://espace.example.org/connexion"}`)
	require.Equal(t, http.StatusOK, r.status, "body: %s", r.body)
	require.NoError(t, json.Unmarshal(r.body, &got))
	assert.Equal(t, "official", got.Verdict)
	assert.Equal(t, "acme-mutuelle", got.Organization)
	assert.Equal(t, []string{"registered-domain", "login-host"}, codes(got.Reasons))

	// The trusted authserv-id makes DMARC count.
	r = ts.postJSON(t, "/v1/check", map[string]string{"kind": "message", "input": officialMessage})
	require.Equal(t, http.StatusOK, r.status, "body: %s", r.body)
	require.NoError(t, json.Unmarshal(r.body, &got))
	assert.Equal(t, "official", got.Verdict)
	assert.Equal(t, []string{"registered-domain", "mail-domain", "dmarc-pass"}, codes(got.Reasons))

	// -max-body.
	errorBody(t, ts.postJSON(t, "/v1/check", map[string]string{"kind": "message", "input": officialMessage + string(make([]byte, 2048))}), 413)

	assert.Equal(t, 0, stop())
	logs := ts.logs.String()
	assert.Regexp(t, `(?m)^\S+ \S+ GET /healthz 200 \S+$`, logs)
	assert.Regexp(t, `(?m)^\S+ \S+ POST /v1/check 413 \S+$`, logs)
	assert.Regexp(t, `(?m)^\S+ \S+ vigie-server: stopped$`, logs)
	_, err := ts.try(http.MethodGet, "/healthz", "", nil)
	assert.Error(t, err, "the server is gone")
}

func TestRunRegistryOnly(t *testing.T) {
	ts, stop := startRun(t, "-registry", "testdata/acme.json", "-registry-only")
	r := ts.do(t, http.MethodGet, "/healthz", "", nil)
	assert.Equal(t, `{"status":"ok","registry":"acme.1","organizations":1}`+"\n", string(r.body))

	// Without the embedded registry ameli.fr is nobody's.
	var got result
	r = ts.post(t, "/v1/check", `{"input": "https://assure.ameli.fr/"}`)
	require.NoError(t, json.Unmarshal(r.body, &got))
	assert.Equal(t, "unknown", got.Verdict)

	// Without -authserv-id, DMARC results are not believed.
	r = ts.postJSON(t, "/v1/check", map[string]string{"kind": "message", "input": officialMessage})
	require.NoError(t, json.Unmarshal(r.body, &got))
	assert.NotEqual(t, "official", got.Verdict)
	assert.Equal(t, 0, stop())
}
