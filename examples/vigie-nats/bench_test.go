package main

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/vigie-sante/vigie/examples/internal/dispatch"
	"github.com/vigie-sante/vigie/verify"
)

func jsonUnmarshal(b []byte, v any) error { return json.Unmarshal(b, v) }

// BenchmarkWorkerCheck times what a worker does per request besides NATS —
// decoding the request, checking, encoding the result — beside the bare
// Checker.Host/URL on the same inputs, and reports the ratio.
func BenchmarkWorkerCheck(b *testing.B) {
	c := verify.Default()
	type input struct{ kind, value string }
	var inputs []input
	for _, s := range sampleInputs {
		var r dispatch.Request
		require.NoError(b, json.Unmarshal([]byte(s), &r))
		inputs = append(inputs, input{r.Kind, r.Input})
	}
	var bare, worker float64
	b.Run("bare", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			in := inputs[i%len(inputs)]
			if in.kind == "host" {
				c.Host(in.value)
			} else {
				c.URL(in.value)
			}
		}
		bare = float64(b.Elapsed().Nanoseconds()) / float64(b.N)
	})
	b.Run("worker", func(b *testing.B) {
		ctx := context.Background()
		for i := 0; i < b.N; i++ {
			if _, _, err := checkRequest(ctx, c, []byte(sampleInputs[i%len(sampleInputs)])); err != nil {
				b.Fatal(err)
			}
		}
		worker = float64(b.Elapsed().Nanoseconds()) / float64(b.N)
		if bare > 0 {
			b.ReportMetric(worker/bare, "x-vs-bare-check")
		}
	})
}

func TestCheckRequest(t *testing.T) {
	c := verify.Default()
	cases := []struct {
		name, body, verdict, err string
	}{
		{"host", `{"kind":"host","input":"ameli.fr"}`, "official", ""},
		{"sms", `{"kind":"sms","sender":"AMELI","text":"https://ameli-remboursement.com"}`, "lookalike", ""},
		{"two ways", `{"kind":"url","input":"x","input_base64":"eA=="}`, "", "give one of"},
		{"unknown field", `{"kind":"url","url":"x"}`, "", "unknown field"},
		{"bad base64", `{"kind":"message","input_base64":"!!"}`, "", "not base64"},
		{"too big", `{"kind":"url","input":"` + strings.Repeat("a", maxRequest) + `"}`, "", "more than"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, verdict, err := checkRequest(context.Background(), c, []byte(tc.body))
			if tc.err != "" {
				require.Error(t, err)
				require.Contains(t, err.Error(), tc.err)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tc.verdict, verdict)
		})
	}
}

func TestParseFlags(t *testing.T) {
	_, err := parseFlags([]string{"-ack-wait", "1m", "-dedup-window", "1m"}, &strings.Builder{})
	require.ErrorContains(t, err, "at least twice -ack-wait")
	_, err = parseFlags([]string{"-concurrency", "0"}, &strings.Builder{})
	require.ErrorContains(t, err, "-concurrency")
	_, err = parseFlags([]string{"extra"}, &strings.Builder{})
	require.ErrorContains(t, err, "unexpected argument")
	cfg, err := parseFlags(nil, &strings.Builder{})
	require.NoError(t, err)
	require.Equal(t, "VIGIE_REQUESTS", cfg.stream)
}
