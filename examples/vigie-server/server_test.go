package main

import (
	"context"
	"encoding/json"
	"errors"
	"log"
	"net"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/vigie-sante/vigie/examples/internal/dispatch"
	"github.com/vigie-sante/vigie/examples/internal/logbuf"
)

// slowInput is held in its check until the test releases it.
const slowInput = "slow.ameli.fr"

// holdSlowChecks makes the checks of slowInput signal started and wait for
// release or for their context, as a check waits on a slow resolver;
// other inputs are checked at once.
func holdSlowChecks(started chan<- struct{}, release <-chan struct{}) func(*testServer) {
	return func(ts *testServer) {
		check := ts.h.check
		ts.h.check = func(ctx context.Context, in dispatch.Input) (dispatch.Result, error) {
			if in.Data == slowInput {
				started <- struct{}{}
				select {
				case <-release:
				case <-ctx.Done():
					return dispatch.Result{}, ctx.Err()
				}
			}
			return check(ctx, in)
		}
	}
}

func TestGracefulShutdown(t *testing.T) {
	started, release := make(chan struct{}, 1), make(chan struct{})
	ts := startServer(t, testChecker(), HandlerOptions{}, holdSlowChecks(started, release))

	// An idle keep-alive connection, which shutdown closes at once.
	require.Equal(t, http.StatusOK, ts.post(t, "/v1/check", `{"input": "ameli.fr"}`).status)

	inflight := make(chan response, 1)
	go func() {
		r, err := ts.try(http.MethodPost, "/v1/check", "application/json", strings.NewReader(`{"input": "`+slowInput+`"}`))
		if err != nil {
			r.body = []byte(err.Error())
		}
		inflight <- r
	}()
	<-started

	stopped := make(chan error, 1)
	go func() { stopped <- ts.stop() }()
	select {
	case err := <-stopped:
		t.Fatalf("the server stopped with a request in flight: %v", err)
	case <-time.After(300 * time.Millisecond):
	}
	// The listener is closed: no new connection.
	conn, err := net.DialTimeout("tcp", strings.TrimPrefix(ts.url, "http://"), time.Second)
	if err == nil {
		conn.Close()
	}
	require.Error(t, err, "a new connection was accepted during shutdown")

	close(release)
	r := <-inflight
	require.Equal(t, http.StatusOK, r.status, "in-flight request: %s", r.body)
	var got result
	require.NoError(t, json.Unmarshal(r.body, &got))
	assert.Equal(t, "official", got.Verdict)
	assert.Equal(t, slowInput, got.Host)
	require.NoError(t, <-stopped)
}

// TestShutdownDeadline: a request that outlives the shutdown timeout has
// its connection closed, and serve reports it.
func TestShutdownDeadline(t *testing.T) {
	started, release := make(chan struct{}, 1), make(chan struct{})
	defer close(release)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	ts := &testServer{url: "http://" + ln.Addr().String(), client: &http.Client{Transport: &http.Transport{}}}
	ts.h = NewHandler(testChecker(), HandlerOptions{}).(*handler)
	holdSlowChecks(started, release)(ts)
	srv := newServer(ts.h, time.Minute, log.New(&logbuf.Buffer{}, "", 0))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- serve(ctx, srv, ln, 200*time.Millisecond) }()

	failed := make(chan error, 1)
	go func() {
		_, err := ts.try(http.MethodPost, "/v1/check", "", strings.NewReader(`{"input": "`+slowInput+`"}`))
		failed <- err
	}()
	<-started
	cancel()
	select {
	case err := <-done:
		assert.ErrorIs(t, err, context.DeadlineExceeded)
	case <-time.After(5 * time.Second):
		t.Fatal("serve did not return after its shutdown timeout")
	}
	assert.Error(t, <-failed, "the connection of the request in flight was closed")
}

func TestCheckTimeout(t *testing.T) {
	started, release := make(chan struct{}, 1), make(chan struct{})
	ts := startServer(t, testChecker(), HandlerOptions{CheckTimeout: 200 * time.Millisecond, MaxConcurrent: 1}, holdSlowChecks(started, release))

	defer close(release)

	// The check runs out of time: its context stops it, 503.
	r := ts.post(t, "/v1/check", `{"input": "`+slowInput+`"}`)
	<-started
	assert.Contains(t, errorBody(t, r, http.StatusServiceUnavailable), "did not finish within 200ms")
	assert.Equal(t, "1", r.header.Get("Retry-After"))

	// The stopped check gave its slot back: the next request gets it.
	assert.Equal(t, http.StatusOK, ts.post(t, "/v1/check", `{"input": "ameli.fr"}`).status)

	// A batch stops at the item that runs out of time.
	r = ts.post(t, "/v1/check/batch", `{"items": [{"input": "ameli.fr"}, {"input": "`+slowInput+`"}, {"input": "aemli.fr"}]}`)
	<-started
	errorBody(t, r, http.StatusServiceUnavailable)
	// Health does not need a slot.
	assert.Equal(t, http.StatusOK, ts.do(t, http.MethodGet, "/healthz", "", nil).status)
}

func TestCheckPanic(t *testing.T) {
	ts := startServer(t, testChecker(), HandlerOptions{}, func(ts *testServer) {
		check := ts.h.check
		ts.h.check = func(ctx context.Context, in dispatch.Input) (dispatch.Result, error) {
			if in.Data == "panic.example" {
				panic("boom")
			}
			return check(ctx, in)
		}
	})
	assert.Contains(t, errorBody(t, ts.post(t, "/v1/check", `{"input": "panic.example"}`), 500), "boom")
	assert.Equal(t, http.StatusOK, ts.post(t, "/v1/check", `{"input": "ameli.fr"}`).status, "the server survives")
}

// TestConcurrentChecks runs many requests at once through the slots (run it
// with -race).
func TestConcurrentChecks(t *testing.T) {
	ts := startServer(t, testChecker(), HandlerOptions{MaxConcurrent: 2}, nil)
	inputs := []string{
		`{"input": "https://assure.ameli.fr/PortailAS"}`,
		`{"input": "https://salarie.interimairesante.fr/connexion.html"}`,
		`{"kind": "sms", "sender": "AMELI", "text": "Votre carte Vitale expire, renouvelez sur ameli-carte-vitale.com"}`,
		`{"items": [{"input": "aemli.fr"}, {"input": "ameli.fr"}]}`,
	}
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for i := range 64 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			path := "/v1/check"
			if i%len(inputs) == 3 {
				path = "/v1/check/batch"
			}
			r, err := ts.try(http.MethodPost, path, "application/json", strings.NewReader(inputs[i%len(inputs)]))
			if err == nil && r.status != http.StatusOK {
				err = errors.New(string(r.body))
			}
			if err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestRequestLog(t *testing.T) {
	ts := startServer(t, testChecker(), HandlerOptions{}, nil)
	ts.post(t, "/v1/check", `{"input": "ameli.fr"}`)
	ts.do(t, http.MethodGet, "/v1/check", "", nil)
	ts.post(t, "/v1/check", `{"input": 1}`)
	ts.do(t, http.MethodGet, "/healthz", "", nil)
	ts.do(t, http.MethodGet, "/a%0Ab", "", nil)
	// Lines are written once the response is sent: wait for them.
	want := []string{
		`POST /v1/check 200 \S+`,
		`GET /v1/check 405 \S+`,
		`POST /v1/check 400 \S+`,
		`GET /healthz 200 \S+`,
		`GET /a%0Ab 404 \S+`, // escaped: a request cannot forge a log line
	}
	re := regexp.MustCompile(`(?m)\A` + strings.Join(want, `\n`) + `\n\z`)
	assert.Eventually(t, func() bool { return re.MatchString(ts.logs.String()) }, 2*time.Second, 10*time.Millisecond)
	assert.Regexp(t, re, ts.logs.String())
	d := regexp.MustCompile(`(?m)^POST /v1/check 200 (\S+)$`).FindStringSubmatch(ts.logs.String())
	require.Len(t, d, 2)
	_, err := time.ParseDuration(d[1])
	assert.NoError(t, err, "the duration is a Go duration")
}

// TestClientGone: a client that gives up is logged as 499, not as a
// timeout, and its check still frees its slot.
func TestClientGone(t *testing.T) {
	started, release := make(chan struct{}, 1), make(chan struct{})
	ts := startServer(t, testChecker(), HandlerOptions{MaxConcurrent: 1}, holdSlowChecks(started, release))
	ctx, cancel := context.WithCancel(context.Background())
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, ts.url+"/v1/check", strings.NewReader(`{"input": "`+slowInput+`"}`))
	require.NoError(t, err)
	failed := make(chan error, 1)
	go func() {
		resp, err := ts.client.Do(req)
		if err == nil {
			resp.Body.Close()
		}
		failed <- err
	}()
	<-started
	cancel()
	assert.ErrorIs(t, <-failed, context.Canceled)
	assert.Eventually(t, func() bool { return strings.Contains(ts.logs.String(), "POST /v1/check 499 ") }, 2*time.Second, 10*time.Millisecond, "log: %s", ts.logs)
	close(release)
	assert.Eventually(t, func() bool {
		return ts.post(t, "/v1/check", `{"input": "ameli.fr"}`).status == http.StatusOK
	}, 5*time.Second, 20*time.Millisecond)
}
