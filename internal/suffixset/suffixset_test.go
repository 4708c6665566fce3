package suffixset

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMayHoldSuffix(t *testing.T) {
	s := New([]string{"ameli.fr", "gouv.fr", "harmonie-mutuelle.fr"})
	for _, tc := range []struct {
		host string
		want bool
	}{
		{"ameli.fr", true},
		{"assure.ameli.fr", true},
		{"impots.gouv.fr", true},
		{"gouv.fr", true},
		{"www.harmonie-mutuelle.fr", true},
		{"xameli.fr", false},
		{"ameli.fr.evil.com", false},
		{"fr", false},
		{"", false},
	} {
		assert.Equal(t, tc.want, s.MayHoldSuffix(tc.host), tc.host)
	}
	var zero Set
	assert.False(t, zero.MayHoldSuffix("ameli.fr"))
}

// TestFalsePositives measures the filter on names it does not hold: the
// rate its sizing promises, about one in seventy, with room.
func TestFalsePositives(t *testing.T) {
	var names []string
	for i := range 2000 {
		names = append(names, strings.Repeat("a", i%7+1)+string(rune('a'+i%26))+".fr")
	}
	s := New(names)
	yes := 0
	const probes = 100000
	for i := range probes {
		if s.MayHoldSuffix("x" + strings.Repeat("b", i%13) + string(rune('a'+i%26)) + ".com") {
			yes++
		}
	}
	assert.Less(t, yes, probes/20)
}

func FuzzMayHoldSuffix(f *testing.F) {
	f.Add("assure.ameli.fr", "ameli.fr")
	f.Fuzz(func(t *testing.T, host, name string) {
		s := New([]string{name})
		if host == name || strings.HasSuffix(host, "."+name) {
			assert.True(t, s.MayHoldSuffix(host), "%q under %q", host, name)
		}
	})
}

// referenceMayHoldSuffix is MayHoldSuffix the slow way, each suffix cut and
// hashed on its own: the one backward pass must give the same answers.
// Suffixes of more than two labels are asked only when the host's last
// label or last two labels end a name (the tails' test).
func referenceMayHoldSuffix(s *Set, host string) bool {
	if len(s.words) == 0 {
		return false
	}
	labels := strings.Count(host, ".") + 1
	tails := labels <= 2 || s.has(hashName(host[strings.LastIndexByte(host, '.')+1:])^tailSeed) ||
		s.has(hashName(lastTwoLabels(host))^tailSeed)
	// Every suffix that starts after a dot, and the host, hashed apart as
	// New hashes the names it is given.
	for i := 0; i <= len(host); i++ {
		if (i == 0 || host[i-1] == '.') && (tails || strings.Count(host[i:], ".") < 2) && s.has(hashName(host[i:])) {
			return true
		}
	}
	return false
}

func TestMayHoldSuffixMatchesReference(t *testing.T) {
	names := []string{"ameli.fr", "gouv.fr", "a.b", "x", strings.Repeat("l", 70) + ".fr"}
	s := New(names)
	hosts := []string{"", ".", "a.", "..", "ameli.fr", "www.ameli.fr.", "a..b", "x", "y.x",
		strings.Repeat("l", 70) + ".fr", "w." + strings.Repeat("l", 200) + ".fr"}
	for i := range 2000 {
		hosts = append(hosts, strings.Repeat("ab.", i%5)+names[i%len(names)], names[i%len(names)]+strings.Repeat(".c", i%3))
	}
	found := 0
	for _, h := range hosts {
		want := referenceMayHoldSuffix(&s, h)
		require.Equal(t, want, s.MayHoldSuffix(h), h)
		if want {
			found++
		}
	}
	assert.Greater(t, found, 1000)
}

func FuzzMayHoldSuffixMatchesReference(f *testing.F) {
	f.Add("assure.ameli.fr", "ameli.fr")
	f.Add("a..b.", "b.")
	f.Fuzz(func(t *testing.T, host, name string) {
		s := New([]string{name, "fr", "gouv.fr"})
		require.Equal(t, referenceMayHoldSuffix(&s, host), s.MayHoldSuffix(host), "%q in {%q}", host, name)
	})
}
