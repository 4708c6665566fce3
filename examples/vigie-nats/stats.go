package main

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// stats counts what a worker has done since it started.
type stats struct {
	start         time.Time
	redelivered   atomic.Int64
	duplicates    atomic.Int64
	storeFailures atomic.Int64
	pullErrors    atomic.Int64

	mu       sync.Mutex
	byStatus map[string]int64
	total    int64
	busy     time.Duration
	slowest  time.Duration
}

// done records one request answered and stored.
func (s *stats) done(status string, took time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.byStatus == nil {
		s.byStatus = map[string]int64{}
	}
	s.byStatus[status]++
	s.total++
	s.busy += took
	if took > s.slowest {
		s.slowest = took
	}
}

// statsSnapshot is the JSON answer on the stats subject.
type statsSnapshot struct {
	Uptime        string           `json:"uptime"`
	Results       int64            `json:"results"`
	ByVerdict     map[string]int64 `json:"by_verdict"`
	Redelivered   int64            `json:"redelivered"`
	Duplicates    int64            `json:"duplicate_results_dropped"`
	StoreFailures int64            `json:"store_failures"`
	PullErrors    int64            `json:"pull_errors"`
	MeanMicros    float64          `json:"mean_us"`
	SlowestMicros float64          `json:"slowest_us"`
}

func (s *stats) snapshot() statsSnapshot {
	s.mu.Lock()
	defer s.mu.Unlock()
	snap := statsSnapshot{
		Uptime:        time.Since(s.start).Round(time.Second).String(),
		Results:       s.total,
		ByVerdict:     map[string]int64{},
		Redelivered:   s.redelivered.Load(),
		Duplicates:    s.duplicates.Load(),
		StoreFailures: s.storeFailures.Load(),
		PullErrors:    s.pullErrors.Load(),
		SlowestMicros: float64(s.slowest.Microseconds()),
	}
	for k, v := range s.byStatus {
		snap.ByVerdict[k] = v
	}
	if s.total > 0 {
		snap.MeanMicros = float64(s.busy.Microseconds()) / float64(s.total)
	}
	return snap
}

// String is the SIGUSR1 log line.
func (s *stats) String() string {
	snap := s.snapshot()
	keys := make([]string, 0, len(snap.ByVerdict))
	for k := range snap.ByVerdict {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var by strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&by, " %s=%d", k, snap.ByVerdict[k])
	}
	return fmt.Sprintf("stats: up %s, %d results (%s), %d redelivered, %d duplicate results dropped, %d store failures, %d pull errors, mean %.0f µs, slowest %.0f µs",
		snap.Uptime, snap.Results, strings.TrimSpace(by.String()), snap.Redelivered, snap.Duplicates, snap.StoreFailures, snap.PullErrors, snap.MeanMicros, snap.SlowestMicros)
}
