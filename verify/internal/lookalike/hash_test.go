package lookalike

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A bloom has every hash added to it, and lets through far fewer misses
// than a filter of one bit per hash in the same memory, the bloom it
// replaced, which a test sets beside it.
func TestBloomHasEveryHashAndFewMisses(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, n := range []int{10, 1000, 50000} {
		b := newBloom(n)
		oneBit := make([]uint64, len(b.words))
		oneBitSlot := func(h uint64) (int, uint64) {
			i := (h * 0x9e3779b97f4a7c15) % uint64(64*len(oneBit))
			return int(i / 64), 1 << (i % 64)
		}
		for range n {
			h := rng.Uint64()
			b.add(h)
			w, m := oneBitSlot(h)
			oneBit[w] |= m
			require.True(t, b.has(h))
		}
		misses, oneBitMisses := 0, 0
		const tries = 200000
		for range tries {
			h := rng.Uint64()
			if b.has(h) {
				misses++
			}
			if w, m := oneBitSlot(h); oneBit[w]&m != 0 {
				oneBitMisses++
			}
		}
		// 16 bits per hash: about 1/16 of the one-bit filter's bits
		// are set, and about 1/8 of a bloom's, two of which a miss
		// must meet.
		assert.Less(t, misses, tries/40, "n=%d", n)
		assert.Less(t, misses, oneBitMisses/2, "n=%d", n)
	}
}
