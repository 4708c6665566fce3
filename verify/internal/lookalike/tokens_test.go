package lookalike

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"
)

// TestTokenizeMatchesReference holds the tokenizer's one pass to what it
// stands for, written the slow way: the host split into labels at '.', each
// label into tokens at '-' and '_', each token folded by AppendFold and
// hashed; a label refused when empty. Random hosts mix separators, the
// bytes the fold maps in pairs, digits and bytes outside ASCII.
func TestTokenizeMatchesReference(t *testing.T) {
	ix := testIndex(t)
	rng := rand.New(rand.NewPCG(13, 3))
	alpha := "rnmvwcldiu01ax.-_\x80\xc3\xa9"
	read := 0
	for n := range 90000 {
		var host string
		switch n % 3 {
		case 0:
			b := make([]byte, 1+rng.IntN(30))
			for i := range b {
				b[i] = alpha[rng.IntN(len(alpha))]
			}
			host = string(b)
		case 1:
			host = red36Host(rng) // up to 260 bytes, empty labels and tokens
		default:
			host = strings.Repeat([]string{"rn-", "a_", "-", "ii."}[rng.IntN(4)], 260)[:240+rng.IntN(20)]
		}
		if strings.HasPrefix(host, "xn--") || strings.Contains(host, ".xn--") {
			continue // Punycode labels are read by addIDNLabel
		}
		m := ix.newMatcher(host)
		ok := m.tokenize()
		labels := strings.Split(host, ".")
		tokens := strings.Count(strings.ReplaceAll(host, "_", "-"), "-") + len(labels)
		want := len(host) <= 253 && len(labels) <= maxLabels && tokens <= maxTokens && !strings.Contains("."+host+".", "..")
		require.Equal(t, want, ok, "%q", host)
		if !ok {
			m.release()
			continue
		}
		read++
		require.Equal(t, len(labels), m.nlabels, "%q", host)
		k, start := 0, 0
		for l, label := range labels {
			lb := m.labels[l]
			require.Equal(t, [2]int{start, start + len(label)}, [2]int{int(lb.rs), int(lb.re)}, "%q label %d", host, l)
			require.Equal(t, utf8.RuneSelf > maxByte(label), lb.ascii, "%q label %d", host, l)
			pair := false
			for i := 0; i+1 < len(label); i++ {
				pair = pair || ix.nameStarts.has(label[i], label[i+1])
			}
			require.Equal(t, pair, lb.namePair, "%q label %d", host, l)
			require.Equal(t, k, int(lb.ts), "%q label %d", host, l)
			from := start
			for _, tok := range splitTokens(label) {
				fold := AppendFold(nil, tok)
				require.Equal(t, string(fold), string(m.tok(k)), "%q token %d", host, k)
				require.Equal(t, hashBytes(fold), m.toks[k].hash, "%q token %d", host, k)
				require.Equal(t, [2]int{from, from + len(tok)}, [2]int{int(m.toks[k].rs), int(m.toks[k].re)}, "%q token %d", host, k)
				from += len(tok) + 1
				k++
			}
			require.Equal(t, k, int(lb.te), "%q label %d", host, l)
			start += len(label) + 1
		}
		require.Equal(t, k, m.ntok, "%q", host)
		m.release()
	}
	require.Greater(t, read, 30000)
}

// splitTokens cuts a label at every '-' and '_', keeping empty tokens.
func splitTokens(label string) []string {
	return strings.Split(strings.ReplaceAll(label, "_", "-"), "-")
}

func maxByte(s string) byte {
	var m byte
	for i := 0; i < len(s); i++ {
		m = max(m, s[i])
	}
	return m
}
