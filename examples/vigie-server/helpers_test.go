package main

import (
	"context"
	"encoding/json"
	"io"
	"log"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/vigie-sante/vigie/domains"
	"github.com/vigie-sante/vigie/examples/internal/logbuf"
	"github.com/vigie-sante/vigie/verify"
)

// testChecker is built once for all tests, as a service builds it once.
var testChecker = sync.OnceValue(func() *verify.Checker {
	c, err := verify.New(domains.Default())
	if err != nil {
		panic(err)
	}
	return c
})

// testServer is the real server, on a random loopback port.
type testServer struct {
	url    string
	h      *handler
	srv    *http.Server
	logs   *logbuf.Buffer
	client *http.Client
	stop   func() error
}

// startServer serves NewHandler(c, opts) as main does, with serve and
// newServer, on 127.0.0.1:0. Unless the test stops it first, it is shut
// down at the end of the test. setup, if not nil, runs before serving.
func startServer(t *testing.T, c *verify.Checker, opts HandlerOptions, setup func(*testServer)) *testServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	h := NewHandler(c, opts).(*handler)
	logs := &logbuf.Buffer{}
	ts := &testServer{
		url:    "http://" + ln.Addr().String(),
		h:      h,
		srv:    newServer(h, h.opts.CheckTimeout, log.New(logs, "", 0)),
		logs:   logs,
		client: &http.Client{Transport: &http.Transport{}, Timeout: 10 * time.Second},
	}
	if setup != nil {
		setup(ts)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- serve(ctx, ts.srv, ln, 5*time.Second) }()
	var once sync.Once
	var stopErr error
	ts.stop = func() error {
		once.Do(func() {
			cancel()
			stopErr = <-done
		})
		return stopErr
	}
	t.Cleanup(func() {
		ts.client.CloseIdleConnections()
		require.NoError(t, ts.stop())
	})
	return ts
}

// response is what a test reads of an HTTP response.
type response struct {
	status int
	header http.Header
	body   []byte
}

// do sends a request with the given Content-Type (none if empty).
func (ts *testServer) do(t *testing.T, method, path, contentType string, body io.Reader) response {
	t.Helper()
	r, err := ts.try(method, path, contentType, body)
	require.NoError(t, err)
	return r
}

// try is do for other goroutines than the test's: it returns its error.
func (ts *testServer) try(method, path, contentType string, body io.Reader) (response, error) {
	req, err := http.NewRequest(method, ts.url+path, body)
	if err != nil {
		return response{}, err
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := ts.client.Do(req)
	if err != nil {
		return response{}, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return response{resp.StatusCode, resp.Header, b}, err
}

// post sends a JSON body.
func (ts *testServer) post(t *testing.T, path, body string) response {
	t.Helper()
	return ts.do(t, http.MethodPost, path, "application/json", strings.NewReader(body))
}

// postJSON marshals v and posts it.
func (ts *testServer) postJSON(t *testing.T, path string, v any) response {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return ts.post(t, path, string(b))
}

// errorBody checks that r is a JSON error with the given status and
// returns its message.
func errorBody(t *testing.T, r response, status int) string {
	t.Helper()
	require.Equal(t, status, r.status, "body: %s", r.body)
	require.Equal(t, "application/json", r.header.Get("Content-Type"))
	var e map[string]string
	require.NoError(t, json.Unmarshal(r.body, &e), "body: %s", r.body)
	require.Len(t, e, 1, "body: %s", r.body)
	require.NotEmpty(t, e["error"])
	return e["error"]
}
