package whatwg

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// Red team of e7dfa78 (issue 13): endsInANumber's fast path, a last label
// not starting with a digit is no number, held to the URL Standard's
// "ends in a number checker" and "IPv4 number parser" as written.

// specEndsInANumber follows the standard's steps one by one.
func specEndsInANumber(input string) bool {
	parts := strings.Split(input, ".")
	if parts[len(parts)-1] == "" {
		if len(parts) == 1 {
			return false
		}
		parts = parts[:len(parts)-1]
	}
	last := parts[len(parts)-1]
	if last != "" && strings.Trim(last, "0123456789") == "" {
		return true
	}
	return specIPv4Number(last)
}

// specIPv4Number reports whether the IPv4 number parser returns a number.
func specIPv4Number(input string) bool {
	if input == "" {
		return false
	}
	digits := "0123456789"
	if len(input) >= 2 && (input[:2] == "0x" || input[:2] == "0X") {
		input, digits = input[2:], "0123456789abcdefABCDEF"
	} else if len(input) >= 2 && input[0] == '0' {
		input, digits = input[1:], "01234567"
	}
	return strings.Trim(input, digits) == ""
}

// red36OldEndsInANumber is endsInANumber as it stood at 3c37497.
func red36OldEndsInANumber(s string) bool {
	s = strings.TrimSuffix(s, ".")
	if s == "" {
		return false
	}
	last := s[strings.LastIndexByte(s, '.')+1:]
	if last != "" && allDigits(last) {
		return true
	}
	_, ok := parseIPv4Number(last)
	return ok
}

func TestRed36EndsInANumberFollowsTheStandard(t *testing.T) {
	for _, s := range []string{"", ".", "..", "0", "0.", "0..", "a.0x", "a.0X", "a.0x.", "a.0xg", "a.00", "a.08", "a.09",
		"a.0x1f", "a.0XAbC", "a.1a", "a.x1", "a.-1", "a.+1", "a.%31", "a. 1", "a.1 ", "ameli.fr.0x1", "ameli.fr.1.",
		"ameli.fr.1..", "1.ameli.fr", "a.١", "a.０", "a.0x０", "x", "0x", "0X.", "a..1", "a.1.", "a.f", "a.0xfffffffff"} {
		require.Equal(t, specEndsInANumber(s), endsInANumber(s), "%q", s)
		require.Equal(t, red36OldEndsInANumber(s), endsInANumber(s), "%q", s)
	}
	rng := rand.New(rand.NewPCG(36, 7))
	const alpha = "0123456789xXabcdefgABCDEFG.%-_ \u0660\uff10"
	for range 300000 {
		b := make([]byte, rng.IntN(12))
		for i := range b {
			b[i] = alpha[rng.IntN(len(alpha))]
		}
		s := string(b)
		require.Equal(t, specEndsInANumber(s), endsInANumber(s), "%q", s)
		require.Equal(t, red36OldEndsInANumber(s), endsInANumber(s), "%q", s)
	}
}

// TestRed36HostsThatMapToNumbers: a last label that becomes a number only
// after percent-decoding or UTS #46 mapping (full-width digits, "０ｘ",
// ideographic full stop) is read as IPv4 as the standard says: a number
// where it is one, a failure where it is not.
func TestRed36HostsThatMapToNumbers(t *testing.T) {
	for in, want := range map[string]string{
		"ameli.fr.０ｘ１":      "", // not an IPv4 address: failure
		"ameli.fr.%30x1":    "",
		"ameli.fr.１２":       "",
		"１２７．０．０．１":         "127.0.0.1",
		"0x7f.1":            "127.0.0.1",
		"0X7F.０.０.１":        "127.0.0.1",
		"127.0.0.%31":       "127.0.0.1",
		"127.0.0.1。":        "127.0.0.1",
		"ameli.fr.1a":       "ameli.fr.1a",
		"ameli.fr.a1":       "ameli.fr.a1",
		"ameli.fr.ｆ":        "ameli.fr.f",
		"ameli.fr.0x1g":     "ameli.fr.0x1g",
		"ameli.fr.%41":      "ameli.fr.a",
		"xn--amli-9oa.fr.0": "",
	} {
		h, _, err := ParseHost(in)
		if want == "" {
			require.Error(t, err, "%q read as %q", in, h)
			continue
		}
		require.NoError(t, err, "%q", in)
		require.Equal(t, want, h, "%q", in)
	}
}

// red36NumberHost is a random host whose labels look like IPv4 numbers
// or nearly: decimal, octal, "0x" hexadecimal in either case, empty
// labels, trailing dots, percent-encoded and full-width digits, letters
// that are hexadecimal digits or not.
func red36NumberHost(rng *rand.Rand) string {
	pieces := []string{"0", "1", "7", "8", "9", "00", "08", "0x", "0X", "0x1f", "0XFF", "a", "f", "g", "x", "1a", "a1",
		"%30", "%31", "%2e", "０", "１", "ｘ", "。", "．", "4294967295", "4294967296", "0xffffffff", "0x100000000", "037777777777",
		"ameli", "fr", "xn--mli-5ka8l", "-", "_"}
	var b strings.Builder
	for l := range 1 + rng.IntN(5) {
		if l > 0 {
			b.WriteByte('.')
		}
		for range rng.IntN(3) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
	}
	if rng.IntN(4) == 0 {
		b.WriteByte('.')
	}
	return b.String()
}

// TestRed36IPv4NodeDifferential: URLs whose hosts end in what may or may
// not be an IPv4 number are read as Node reads them.
func TestRed36IPv4NodeDifferential(t *testing.T) {
	node := nodeOrSkip(t)
	rng := rand.New(rand.NewPCG(36, 9))
	seen := map[string]bool{}
	var inputs []string
	for len(inputs) < 20000 {
		in := "http://" + red36NumberHost(rng) + "/"
		if !seen[in] {
			seen[in] = true
			inputs = append(inputs, in)
		}
	}
	out := runNode(t, node, inputs)
	ipv4, domains := 0, 0
	for i, in := range inputs {
		n := out.Results[i]
		u, err := ParseURL(in)
		require.True(t, agree(n, u, err), "%+q: vigie %s, Node %s", in, describeVigie(u, err), describeNode(n))
		if err == nil {
			if endsInANumber(strings.TrimSuffix(u.Host, ".")) || u.Host != "" && u.Host[0] >= '0' && u.Host[0] <= '9' && strings.Trim(u.Host, "0123456789.") == "" {
				ipv4++
			} else {
				domains++
			}
		}
	}
	t.Logf("node %s: %d URLs agree, %d read as IPv4, %d as domains", out.Node, len(inputs), ipv4, domains)
	require.Greater(t, ipv4, 1000)
	require.Greater(t, domains, 1000)
}
