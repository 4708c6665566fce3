package verify

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// dnsProblemByLabels is dnsProblem's rule written the plain way, label by
// label: the reference its short cut is held to.
func dnsProblemByLabels(h string) string {
	name := strings.TrimSuffix(h, ".")
	switch {
	case name == "":
		return "the host is empty"
	case len(name) > 253:
		return "the host is longer than the 253 bytes DNS allows"
	}
	for _, l := range strings.Split(name, ".") {
		switch {
		case l == "":
			return "the host has an empty label, which DNS cannot resolve"
		case len(l) > 63:
			return "a label of the host is longer than the 63 bytes DNS allows"
		}
	}
	return ""
}

func TestDNSProblem(t *testing.T) {
	label63, label64 := strings.Repeat("a", 63), strings.Repeat("a", 64)
	tests := []struct {
		host string
		ok   bool
	}{
		{"ameli.fr", true},
		{"ameli.fr.", true},
		{"", false},
		{".", false},
		{"a..b", false},
		{".ameli.fr", false},
		{"ameli.fr..", false},
		{"..", false},
		{label63 + ".fr", true},
		{label63, true},
		{label64, false},
		{label64 + ".fr", false},
		{"fr." + label64, false},
		{strings.Repeat(label63+".", 3) + strings.Repeat("a", 61), true},  // 253 bytes
		{strings.Repeat(label63+".", 3) + strings.Repeat("a", 62), false}, // 254
		{strings.Repeat("a.", 30) + "..fr", false},
	}
	for _, tt := range tests {
		t.Run(tt.host, func(t *testing.T) {
			got := dnsProblem(tt.host)
			assert.Equal(t, tt.ok, got == "", got)
			assert.Equal(t, dnsProblemByLabels(tt.host), got)
		})
	}
}

// Random names of dots and letters, short and long, agree with the
// reference.
func TestDNSProblemMatchesLabelByLabel(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(300) {
			if rng.IntN([]int{3, 20, 70}[rng.IntN(3)]) == 0 {
				b.WriteByte('.')
			} else {
				b.WriteByte('a')
			}
		}
		h := b.String()
		assert.Equal(t, dnsProblemByLabels(h), dnsProblem(h), "%q", h)
	}
}

// A host under the State's namespace the registry does not list is
// unknown, with a reason that names the namespace and its authority.
func TestStateDomainReason(t *testing.T) {
	v := Default().Host("impots-remboursement.gouv.fr")
	assert.Equal(t, Unknown, v.Status)
	assert.Equal(t, []Reason{{CodeStateDomain, "impots-remboursement.gouv.fr is under gouv.fr, where only the State " +
		"registers names (AFNIC, the .fr registry); it is not in the registry"}}, v.Reasons)
}
