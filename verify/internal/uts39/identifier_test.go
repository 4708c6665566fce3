package uts39

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestTypeOf(t *testing.T) {
	tests := []struct {
		r    rune
		want Type
	}{
		{'a', Recommended},
		{'0', Recommended},
		{'_', Recommended},
		{'-', Inclusion},
		{'.', Inclusion},
		{'\'', Inclusion},
		{'\u00b7', Inclusion}, // MIDDLE DOT
		{' ', NotXID},
		{0x0000, NotCharacter},
		{'\u00e9', Recommended},
		{'\u0430', Recommended}, // CYRILLIC SMALL LETTER A
		{'\u2113', NotNFKC},     // SCRIPT SMALL L
		{'\u00ad', DefaultIgnorable},
		{'\u200b', DefaultIgnorable},
		{'\u0149', Deprecated},
		{0xE0001, Deprecated}, // LANGUAGE TAG
		{0x2E00, Technical | Obsolete | NotXID},
		{0x1D1DE, UncommonUse | Technical | NotXID},
		{0x2CF0, Technical | Exclusion},
		{0x0378, NotCharacter}, // unassigned
		{0xE000, NotCharacter}, // private use
		{0xD800, NotCharacter}, // surrogate
		{0x10FFFF, NotCharacter},
		{-1, NotCharacter},
		{0x110000, NotCharacter},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, TypeOf(tt.r), "%U: got %v, want %v", tt.r, TypeOf(tt.r), tt.want)
	}
}

func TestTypeString(t *testing.T) {
	tests := []struct {
		t    Type
		want string
	}{
		{NotCharacter, "Not_Character"},
		{Recommended, "Recommended"},
		{UncommonUse, "Uncommon_Use"},
		{LimitedUse, "Limited_Use"},
		{NotXID, "Not_XID"},
		{NotNFKC, "Not_NFKC"},
		{DefaultIgnorable, "Default_Ignorable"},
		{Deprecated, "Deprecated"},
		{Technical | Obsolete | NotXID, "Technical Obsolete Not_XID"},
		{Recommended | 1<<14, "Recommended Type(0x4000)"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, tt.t.String())
	}
	for i, n := range typeNames {
		assert.Equal(t, n, Type(1<<i).String())
	}
	assert.Len(t, typeNames, typeBits)
}

func TestIsAllowed(t *testing.T) {
	tests := []struct {
		r    rune
		want bool
	}{
		{'a', true},
		{'Z', true},
		{'9', true},
		{'-', true},
		{'.', true},
		{'_', true},
		{' ', false},
		{'%', false},
		{'\u00e9', true},
		{'\u0430', true},  // Cyrillic is a Recommended script
		{'\u03bf', true},  // so is Greek
		{'\u2113', false}, // SCRIPT SMALL L, Not_NFKC
		{'\u00ad', false},
		{'\u200b', false},
		{'\uff41', false}, // FULLWIDTH LATIN SMALL LETTER A
		{0x0378, false},
		{-1, false},
		{0x110000, false},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, IsAllowed(tt.r), "%U", tt.r)
	}
}

// TestAllowedMeansRecommendedOrInclusion pins the relation UTS #39 states
// between the two properties, so that a data update breaking it is noticed.
func TestAllowedMeansRecommendedOrInclusion(t *testing.T) {
	var bad []rune
	for r := rune(0); r <= maxRune; r++ {
		if IsAllowed(r) != (TypeOf(r)&(Recommended|Inclusion) != 0) {
			bad = append(bad, r)
		}
	}
	assert.Empty(t, bad)
}
