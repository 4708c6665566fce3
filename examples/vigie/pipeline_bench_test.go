package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strings"
	"syscall"
	"testing"

	"github.com/vigie-sante/vigie/examples/internal/dispatch"
	"github.com/vigie-sante/vigie/verify"
)

// benchLines is n input lines of the kind: mostly unknown hosts, as in
// real traffic, one in twenty official and one in twenty a lookalike.
func benchLines(kind dispatch.Kind, n int) string {
	var b strings.Builder
	for i := range n {
		var host string
		switch i % 20 {
		case 0:
			host = "assure.ameli.fr"
		case 1:
			host = "ameli-remboursement.com"
		default:
			host = fmt.Sprintf("www.boutique-%d.example.com", i%997)
		}
		if kind == dispatch.URL {
			fmt.Fprintf(&b, "https://%s/espace/compte?id=%d&utm_source=mail\n", host, i)
		} else {
			b.WriteString(host + "\n")
		}
	}
	return b.String()
}

// BenchmarkCheckLines times `vigie check` on 10,000 lines, through the
// pipeline (on -cpu CPUs) and one line after the other as before it,
// reporting lines/s, the pipeline's speed-up over the sequential loop, and
// the CPU time per line (user plus system, from getrusage), which a busy
// machine does not distort as it does wall time.
func BenchmarkCheckLines(b *testing.B) {
	c := verify.Default()
	for _, kind := range []dispatch.Kind{dispatch.Host, dispatch.URL} {
		const n = 10_000
		in := benchLines(kind, n)
		b.Run(string(kind), func(b *testing.B) {
			var pipeline, sequential float64
			b.Run("pipeline", func(b *testing.B) {
				cpu := cpuTime()
				for b.Loop() {
					w := &answerWriter{out: bufio.NewWriter(io.Discard)}
					if err := w.lines(c, kind, strings.NewReader(in)); err != nil {
						b.Fatal(err)
					}
				}
				pipeline = float64(n*b.N) / b.Elapsed().Seconds()
				b.ReportMetric(pipeline, "lines/s")
				b.ReportMetric(float64(cpuTime()-cpu)/float64(n*b.N), "cpu-ns/line")
			})
			b.Run("sequential", func(b *testing.B) {
				cpu := cpuTime()
				for b.Loop() {
					w := &answerWriter{out: bufio.NewWriter(io.Discard)}
					sc := bufio.NewScanner(strings.NewReader(in))
					for sc.Scan() {
						res, err := dispatch.Check(context.Background(), c, dispatch.Input{Kind: kind, Data: sc.Text()})
						if err != nil {
							b.Fatal(err)
						}
						w.write(res)
					}
				}
				sequential = float64(n*b.N) / b.Elapsed().Seconds()
				b.ReportMetric(sequential, "lines/s")
				b.ReportMetric(float64(cpuTime()-cpu)/float64(n*b.N), "cpu-ns/line")
				b.ReportMetric(pipeline/sequential, "speedup")
			})
		})
	}
}

// cpuTime is the process's user plus system time in nanoseconds.
func cpuTime() int64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return ru.Utime.Nano() + ru.Stime.Nano()
}
