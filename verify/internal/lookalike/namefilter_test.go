package lookalike

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestMayStartName checks the name filter against holdsName on names, each
// edit holdsName accepts, and labels that hold none.
func TestMayStartName(t *testing.T) {
	ix := namesIndex(t)
	for _, tc := range []struct {
		text string
		want bool // holdsName's answer
	}{
		{"ameli", true},
		{"monameliespace", true},
		{"amelli", true},   // added
		{"amali", true},    // replaced
		{"amli", false},    // dropped, four letters left: no typo
		{"amleli", true},   // added before the third letter
		{"ameil", true},    // the last two letters swapped
		{"cpam", true},     // four letters, exact only
		{"cpamx", true},    //
		{"cfspratt", true}, //
		{"dgfip", true},
		{"maladieetassurance", true}, // the words of "Assurance Maladie" apart (spread.go)
		{"xxmaladiexxassurances", true},
		{"journaldusoir", false},
		{"example", false},
		{"cdnimages", false},
	} {
		assert.Equal(t, tc.want, ix.holdsName([]byte(tc.text), 0), "holdsName %s", tc.text)
		if tc.want {
			assert.True(t, mayStartName(ix, []byte(tc.text)), "mayStartName %s", tc.text)
		}
	}
	assert.False(t, mayStartName(ix, []byte("journaldusoir")))
}

// FuzzNameFilter checks that the name filter lets through every label
// holdsName finds a name in, whatever its separators.
func FuzzNameFilter(f *testing.F) {
	for _, s := range []string{"ameli", "securitesocialamelie", "espaceameii", "lacpamcartevitale", "amlei", "cfsaprt", "impostgouv", "maladieetassurance"} {
		f.Add(s, uint64(0))
	}
	ix := namesIndex(f)
	f.Fuzz(func(t *testing.T, text string, seps uint64) {
		if len(text) > maxRunes {
			return
		}
		if ix.holdsName([]byte(text), seps) && !mayStartName(ix, []byte(text)) {
			t.Fatalf("%q (separators %b) holds a name the filter misses", text, seps)
		}
	})
}
