package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/stretchr/testify/require"
	"github.com/vigie-sante/vigie/examples/internal/logbuf"
)

// The end-to-end tests run a real nats-server (Debian's package
// nats-server, installed by .ci/run) on 127.0.0.1 with JetStream in a
// temporary directory, and the worker as a separate process, built once, so
// that it can be killed. Without nats-server they skip, unless
// VIGIE_REQUIRE_NATS=1 (set in CI) makes that a failure.

var (
	buildOnce sync.Once
	workerBin string
	buildErr  error
)

// workerBinary builds vigie-nats once for the whole test run.
func workerBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "vigie-nats-test")
		if err != nil {
			buildErr = err
			return
		}
		workerBin = filepath.Join(dir, "vigie-nats")
		out, err := exec.Command("go", "build", "-o", workerBin, ".").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	require.NoError(t, buildErr)
	return workerBin
}

func requireNATSServer(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("nats-server")
	if err != nil {
		if _, statErr := os.Stat("/usr/sbin/nats-server"); statErr == nil {
			return "/usr/sbin/nats-server"
		}
		if os.Getenv("VIGIE_REQUIRE_NATS") == "1" {
			t.Fatal("nats-server is not installed and VIGIE_REQUIRE_NATS=1 (apt-get install nats-server)")
		}
		t.Skip("nats-server is not installed: skipping the JetStream end-to-end test (apt-get install nats-server; VIGIE_REQUIRE_NATS=1 makes this a failure)")
	}
	return path
}

// natsServer is a nats-server process with JetStream, on a free loopback
// port, stopped when the test ends.
type natsServer struct {
	url string
	cmd *exec.Cmd
}

func startNATS(t *testing.T) *natsServer {
	t.Helper()
	bin := requireNATSServer(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	var log bytes.Buffer
	cmd := exec.Command(bin, "-a", "127.0.0.1", "-p", strconv.Itoa(port), "-js", "-sd", t.TempDir())
	cmd.Stdout, cmd.Stderr = &log, &log
	require.NoError(t, cmd.Start())
	s := &natsServer{url: fmt.Sprintf("nats://127.0.0.1:%d", port), cmd: cmd}
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGTERM)
		cmd.Wait()
	})
	deadline := time.Now().Add(20 * time.Second)
	for {
		nc, err := nats.Connect(s.url)
		if err == nil {
			js, _ := jetstream.New(nc)
			_, err = js.AccountInfo(context.Background())
			nc.Close()
			if err == nil {
				return s
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("nats-server did not start: %v\n%s", err, log.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// connect returns a connection and JetStream context closed with the test.
func (s *natsServer) connect(t *testing.T) (*nats.Conn, jetstream.JetStream) {
	t.Helper()
	nc, err := nats.Connect(s.url)
	require.NoError(t, err)
	t.Cleanup(nc.Close)
	js, err := jetstream.New(nc, jetstream.WithPublishAsyncTimeout(15*time.Second))
	require.NoError(t, err)
	return nc, js
}

// workerProc is a running vigie-nats process and its log.
type workerProc struct {
	cmd  *exec.Cmd
	log  *logbuf.Buffer
	done chan error
}

func startWorker(t *testing.T, s *natsServer, args ...string) *workerProc {
	t.Helper()
	all := append([]string{"-server", s.url}, args...)
	cmd := exec.Command(workerBinary(t), all...)
	p := &workerProc{cmd: cmd, log: &logbuf.Buffer{}, done: make(chan error, 1)}
	cmd.Stdout, cmd.Stderr = p.log, p.log
	require.NoError(t, cmd.Start())
	go func() { p.done <- cmd.Wait() }()
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-p.done
		if t.Failed() {
			t.Logf("worker log:\n%s", p.log.String())
		}
	})
	return p
}

// waitLog waits until the worker's log contains s.
func (p *workerProc) waitLog(t *testing.T, s string) {
	t.Helper()
	require.Eventually(t, func() bool { return strings.Contains(p.log.String(), s) }, 30*time.Second, 20*time.Millisecond,
		"worker log never showed %q:\n%s", s, p.log.String())
}

// resultMsg is a message of the results stream.
type resultMsg struct {
	ID     string `json:"id"`
	Error  string `json:"error"`
	Result struct {
		Input        string `json:"input"`
		Kind         string `json:"kind"`
		Verdict      string `json:"verdict"`
		Organization string `json:"organization"`
		Reasons      []struct {
			Code string `json:"code"`
		} `json:"reasons"`
	} `json:"result"`
	msgID string
}

// readResults reads every message of the results stream.
func readResults(t *testing.T, js jetstream.JetStream, stream string) []resultMsg {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	st, err := js.Stream(ctx, stream)
	require.NoError(t, err)
	info, err := st.Info(ctx)
	require.NoError(t, err)
	total := int(info.State.Msgs)
	if total == 0 {
		return nil
	}
	cons, err := st.OrderedConsumer(ctx, jetstream.OrderedConsumerConfig{})
	require.NoError(t, err)
	out := make([]resultMsg, 0, total)
	for len(out) < total {
		batch, err := cons.Fetch(min(total-len(out), 5000), jetstream.FetchMaxWait(5*time.Second))
		require.NoError(t, err)
		for m := range batch.Messages() {
			var r resultMsg
			require.NoError(t, json.Unmarshal(m.Data(), &r), "%s", m.Data())
			r.msgID = m.Headers().Get(jetstream.MsgIDHeader)
			out = append(out, r)
		}
		require.NoError(t, batch.Error())
	}
	return out
}

// streamMsgs is the number of messages a stream holds.
func streamMsgs(t *testing.T, js jetstream.JetStream, name string) uint64 {
	t.Helper()
	st, err := js.Stream(context.Background(), name)
	require.NoError(t, err)
	info, err := st.Info(context.Background())
	require.NoError(t, err)
	return info.State.Msgs
}
