package main

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
)

// window is how many recent messages the latency percentiles cover.
const window = 1 << 16

// stats counts messages by verdict and action and keeps the latencies of
// the last messages: eom is the milter's own time at the end of a message
// (the check and the answer, what it adds to the SMTP transaction), total
// runs from MAIL FROM to the answer.
type stats struct {
	mu       sync.Mutex
	messages int
	verdicts map[string]int
	actions  map[string]int
	eom      []time.Duration
	total    []time.Duration
	next     int
}

func (s *stats) add(verdict, action string, eom, total time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.verdicts == nil {
		s.verdicts, s.actions = make(map[string]int), make(map[string]int)
	}
	s.messages++
	s.verdicts[verdict]++
	s.actions[action]++
	if len(s.eom) < window {
		s.eom = append(s.eom, eom)
		s.total = append(s.total, total)
	} else {
		s.eom[s.next], s.total[s.next] = eom, total
		s.next = (s.next + 1) % window
	}
}

// String reads "messages=N verdicts=... actions=... eom p50=... p99=...
// max=... total p50=... p99=... max=... (last N)".
func (s *stats) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var b strings.Builder
	fmt.Fprintf(&b, "messages=%d verdicts=%s actions=%s", s.messages, counts(s.verdicts), counts(s.actions))
	if len(s.eom) > 0 {
		fmt.Fprintf(&b, " eom %s total %s (last %d)", percentiles(s.eom), percentiles(s.total), len(s.eom))
	}
	return b.String()
}

func counts(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s:%d", k, m[k])
	}
	return "{" + strings.Join(parts, ",") + "}"
}

func percentiles(d []time.Duration) string {
	s := slices.Clone(d)
	slices.Sort(s)
	at := func(p float64) time.Duration { return s[min(len(s)-1, int(p*float64(len(s))))] }
	return fmt.Sprintf("p50=%v p99=%v max=%v", at(0.50).Round(time.Microsecond), at(0.99).Round(time.Microsecond), s[len(s)-1].Round(time.Microsecond))
}
