package lookalike

import (
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
