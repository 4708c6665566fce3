package suffixset

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
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
