package lookalike

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A wordBloom has every hash added to it, and lets through fewer misses
// than a one-bit bloom of the same size: that is why it exists.
func TestWordBloomHasEveryHashAndFewerMisses(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, n := range []int{10, 1000, 50000} {
		words, bits := newWordBloom(n), newBloom(n)
		require.Len(t, words.words, len(bits.bits), "same memory")
		for range n {
			h := rng.Uint64()
			words.add(h)
			bits.add(h)
			require.True(t, words.has(h))
		}
		wordMisses, bitMisses := 0, 0
		const tries = 200000
		for range tries {
			h := rng.Uint64()
			if words.has(h) {
				wordMisses++
			}
			if bits.has(h) {
				bitMisses++
			}
		}
		// 16 bits per hash: about 1/16 of a bloom's bits are set, and
		// about 1/8 of a wordBloom's, two of which a miss must meet.
		assert.Less(t, wordMisses, tries/40, "n=%d", n)
		assert.Less(t, wordMisses, bitMisses/2, "n=%d", n)
	}
}
