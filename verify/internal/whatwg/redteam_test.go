package whatwg

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Red-team regressions for the host parser's length bound: code points
// UTS #46 maps to nothing (soft hyphen, zero-width space, variation
// selectors, byte order mark) are dropped by browsers whatever their number,
// so padding a host with them must not make it "too long" when the host a
// browser connects to is short.
func TestRedteamIgnoredPaddingIsNotTooLong(t *testing.T) {
	const want = "ameli-remboursement.com"
	for _, tt := range []struct{ name, pad string }{
		{"soft hyphens", strings.Repeat("\u00ad", 3000)},
		{"percent-encoded soft hyphens", strings.Repeat("%C2%AD", 3000)},
		{"zero-width spaces and variation selectors", strings.Repeat("\u200b\ufe0f\u034f\ufeff", 1000)},
		{"tag variation selectors", strings.Repeat("\U000E0100", 2000)},
	} {
		in := "ameli-rem" + tt.pad + "boursement.com"
		require.Greater(t, len(in), MaxHostLength, tt.name)
		h, kind, err := ParseHost(in)
		require.NoError(t, err, tt.name)
		assert.Equal(t, want, h, tt.name)
		assert.Equal(t, Domain, kind, tt.name)
	}
	// What is still long once those are dropped is too long, and nothing
	// longer than a browser's longest URL is read at all.
	for _, in := range []string{
		strings.Repeat("a", MaxHostLength+1),
		strings.Repeat("\u00ad", 3000) + strings.Repeat("ａ", MaxHostLength/3+1),
		strings.Repeat("\u00ad", MaxURLLength/2+1),
	} {
		_, _, err := ParseHost(in)
		assert.ErrorIs(t, err, ErrTooLong, "%.40q (%d bytes)", in, len(in))
	}
	_, _, err := ParseHost(strings.Repeat("\u00ad", 3000))
	assert.ErrorIs(t, err, ErrEmptyHost)
}
