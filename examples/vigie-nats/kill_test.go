package main

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sampleInputs are the requests the bulk tests cycle through: official,
// unknown and lookalike hosts and URLs.
var sampleInputs = []string{
	`{"kind":"host","input":"www.ameli.fr"}`,
	`{"kind":"url","input":"https://assure.ameli.fr/PortailAS/appmanager/PortailAS/assure?_somtc=true"}`,
	`{"kind":"host","input":"example.org"}`,
	`{"kind":"url","input":"https://ameli-remboursement.com/connexion"}`,
	`{"kind":"host","input":"impots.gouv.fr"}`,
	`{"kind":"url","input":"https://www.harmonie-mutuelle.fr/"}`,
	`{"kind":"host","input":"amelli.fr"}`,
	`{"kind":"url","input":"https://github.com/vigie-sante/vigie"}`,
}

// publishMany stores n requests with IDs "r-<first+i>", asynchronously.
func publishMany(t testing.TB, js jetstream.JetStream, n, first int) {
	t.Helper()
	require.NoError(t, publishAll(js, n, first))
}

func publishAll(js jetstream.JetStream, n, first int) error {
	const wave = 1000
	for w := 0; w < n; w += wave {
		msgs := make([]*nats.Msg, 0, wave)
		futures := make([]jetstream.PubAckFuture, 0, wave)
		for i := w; i < min(n, w+wave); i++ {
			m := nats.NewMsg("vigie.requests")
			m.Data = []byte(sampleInputs[i%len(sampleInputs)])
			m.Header.Set(jetstream.MsgIDHeader, "r-"+strconv.Itoa(first+i))
			f, err := js.PublishMsgAsync(m)
			if err != nil {
				return err
			}
			msgs, futures = append(msgs, m), append(futures, f)
		}
		// Waves stay under the client's limit of outstanding
		// asynchronous publishes; a publish whose confirmation was lost
		// (a busy machine) is sent again, which the stream's
		// de-duplication makes harmless.
		for i, f := range futures {
			select {
			case <-f.Ok():
			case <-f.Err():
				ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
				_, err := js.PublishMsg(ctx, msgs[i], jetstream.WithRetryAttempts(10))
				cancel()
				if err != nil {
					return fmt.Errorf("publishing request %d: %w", w+i, err)
				}
			}
		}
	}
	return nil
}

// TestKillWorkerLosesNothing is the guarantee: 100,000 requests, two
// workers, one SIGKILLed mid-run; every request gets exactly one result.
func TestKillWorkerLosesNothing(t *testing.T) {
	n := 100000
	if testing.Short() {
		n = 10000
	}
	s := startNATS(t)
	_, js := s.connect(t)
	// A short ack wait brings the killed worker's requests back quickly;
	// the duplicate window stays far above it.
	args := []string{"-create", "-ack-wait", "2s", "-dedup-window", "5m", "-concurrency", "16"}
	a := startWorker(t, s, args...)
	a.waitLog(t, "consuming")
	b := startWorker(t, s, args...)
	b.waitLog(t, "consuming")
	begin := time.Now()
	published := make(chan error, 1)
	go func() { published <- publishAll(js, n, 0) }()
	require.Eventually(t, func() bool { return streamMsgs(t, js, "VIGIE_RESULTS") >= uint64(n/3) }, 2*time.Minute, time.Millisecond)
	require.NoError(t, a.cmd.Process.Signal(syscall.SIGKILL))
	killedAt := streamMsgs(t, js, "VIGIE_RESULTS")
	require.Eventually(t, func() bool { return streamMsgs(t, js, "VIGIE_RESULTS") >= uint64(n) }, 5*time.Minute, 10*time.Millisecond,
		"results stopped at %d of %d", streamMsgs(t, js, "VIGIE_RESULTS"), n)
	elapsed := time.Since(begin)
	require.NoError(t, <-published)
	// Let late redeliveries come and go: they must not add results.
	time.Sleep(3 * time.Second)

	results := readResults(t, js, "VIGIE_RESULTS")
	seen := make(map[string]int, n)
	for _, r := range results {
		require.Empty(t, r.Error)
		seen[r.ID]++
	}
	dups := 0
	for _, c := range seen {
		dups += c - 1
	}
	missing := 0
	for i := 0; i < n; i++ {
		if seen["r-"+strconv.Itoa(i)] == 0 {
			missing++
		}
	}
	snap := workerStats(t, s)
	t.Logf("%d requests, %d results, %d distinct, %d duplicates, %d missing; worker A killed at %d results; survivor: %d redelivered, %d duplicate results dropped by the stream; %.0f requests/s overall",
		n, len(results), len(seen), dups, missing, killedAt, snap.Redelivered, snap.Duplicates, float64(n)/elapsed.Seconds())
	assert.Equal(t, n, len(results))
	assert.Equal(t, 0, dups)
	assert.Equal(t, 0, missing)
	assert.Equal(t, uint64(0), streamMsgs(t, js, "VIGIE_REQUESTS"), "every request acknowledged")
	assert.Positive(t, snap.Redelivered, "the killed worker's requests were delivered again")
}

// workerStats asks the (one) running worker for its counters.
func workerStats(t *testing.T, s *natsServer) statsSnapshot {
	t.Helper()
	nc, _ := s.connect(t)
	m, err := nc.Request("vigie.stats", nil, 5*time.Second)
	require.NoError(t, err)
	var snap statsSnapshot
	require.NoError(t, jsonUnmarshal(m.Data, &snap))
	return snap
}

// TestThroughput measures requests/s with one and with two workers on this
// machine (VIGIE_NATS_LOAD=1; it prints the figures the README quotes).
func TestThroughput(t *testing.T) {
	if os.Getenv("VIGIE_NATS_LOAD") != "1" {
		t.Skip("VIGIE_NATS_LOAD=1 runs the throughput measurement")
	}
	const n = 100000
	for _, workers := range []int{1, 2} {
		t.Run(fmt.Sprintf("%d-workers", workers), func(t *testing.T) {
			s := startNATS(t)
			_, js := s.connect(t)
			for i := 0; i < workers; i++ {
				w := startWorker(t, s, "-create", "-concurrency", "16")
				w.waitLog(t, "consuming")
			}
			// Requests are queued first, so that the figure is the
			// workers' rate, not the publisher's.
			publishMany(t, js, n, 0)
			begin := time.Now()
			ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
			defer cancel()
			for streamMsgs(t, js, "VIGIE_RESULTS") < n && ctx.Err() == nil {
				time.Sleep(5 * time.Millisecond)
			}
			require.NoError(t, ctx.Err())
			el := time.Since(begin)
			t.Logf("%d worker(s): %d requests in %v = %.0f requests/s", workers, n, el.Round(time.Millisecond), n/el.Seconds())
		})
	}
}
