package lookalike

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestNoTypoPossible checks the letter filter on one label, both ways: it
// lets through every label the deletion index can find, and proves the
// others out.
func TestNoTypoPossible(t *testing.T) {
	opts := DefaultOptions()
	ix, err := New([]Target{{Domain: "harmonie-mutuelle.fr"}, {Domain: "interiale.fr"}}, opts)
	require.NoError(t, err)
	for _, tc := range []struct {
		label string
		dels  int
		want  bool
	}{
		{"harmonie-mutuelle", 2, false}, // the label itself
		{"harrnonie-mutuelle", 2, false},
		{"harmonie-mutuele", 2, false},
		{"hamonie-mutuelle", 1, false},
		{"harmonie-mutuellz", 2, false}, // one letter it lacks: one deletion
		{"harmonie-mutuelzz", 2, false},
		{"harmonie-mutuexyz", 2, true}, // three letters it lacks
		{"journal-du-soir", 2, true},
		{"interiale", 2, false},
		{"interialz", 1, false},
		{"interiaxz", 1, true},
		{"cdn-images", 2, true},
	} {
		assert.Equal(t, tc.want, noTypoPossible(ix, []rune(tc.label), false, tc.dels), tc.label)
	}
}

func TestRuneBit(t *testing.T) {
	seen := map[uint64]rune{}
	for _, r := range "abcdefghijklmnopqrstuvwxyz0123456789-" {
		b := runeBit(r)
		assert.NotZero(t, b)
		_, dup := seen[b]
		assert.False(t, dup, "%c shares a bit", r)
		seen[b] = r
	}
	assert.NotZero(t, runeBit('é'))
}

// TestSlicedWindowMatchesScan holds the bit-sliced filter to the set-by-set
// scan, for every candidate length with a window, every number of
// deletions, and letter sets near and far from the labels'.
func TestSlicedWindowMatchesScan(t *testing.T) {
	var targets []Target
	for _, d := range []string{"ameli.fr", "harmonie-mutuelle.fr", "interiale.fr", "mgen.fr", "axa.fr", "macif.fr",
		"impots.gouv.fr", "cpam.fr", "groupama.fr", "swisslife.fr", "malakoffhumanis.com", "ag2rlamondiale.fr",
		"mutuelle-generale.fr", "carsat.fr", "msa.fr", "urssaf.fr", "caf.fr", "ircem.com", "klesia.fr", "apicil.com"} {
		targets = append(targets, Target{Domain: d})
	}
	ix, err := New(targets, DefaultOptions())
	require.NoError(t, err)
	rng := rand.New(rand.NewPCG(3, 4))
	windows, compared, proved := 0, 0, 0
	for f := range ix.letters {
		ls := &ix.letters[f]
		for n, w := range ls.windows {
			if w == nil {
				continue
			}
			windows++
			var sets []uint64
			for _, s := range ls.sets[w.base:ls.start[min(len(ls.start)-1, n+3)][0]] {
				sets = append(sets, s)
				// The label's letters with one to four changed.
				for range 4 {
					x := s
					for range 1 + rng.IntN(4) {
						x ^= 1 << rng.IntN(37)
					}
					sets = append(sets, x)
				}
			}
			for range 200 {
				sets = append(sets, rng.Uint64()&(1<<37-1))
			}
			for _, set := range sets {
				for dels := range 3 {
					want := ls.scan(n, set, dels)
					require.Equal(t, want, w.noTypoPossible(ls.sets, set, dels), "n=%d dels=%d set=%b", n, dels, set)
					compared++
					if want {
						proved++
					}
				}
			}
		}
	}
	assert.Greater(t, windows, 10)
	assert.Greater(t, proved, compared/10, "the sets proved out")
	assert.Greater(t, compared-proved, 200, "the sets let through")
}
