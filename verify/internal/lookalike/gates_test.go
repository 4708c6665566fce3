package lookalike

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The gates never turn away a token that starts a phrase or is an affix
// hit: every phrase, and every strong label glued to every keyword in
// both orders, on random registries, including keywords of two bytes.
func TestGatesLetThroughWhatTheyScreen(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	for round := range 12 {
		alpha := []string{"abcdefghijklmnopqrstuvwxyz", "aeilmnor01-"}[round%2]
		ix, _ := randomIndex(t, rng, []int{3, 40, 300}[round%3], 3, 5+round, alpha)
		require.NotEmpty(t, ix.phrases)
		for _, p := range ix.phrases {
			// A run of tokens spelling p starts with p's first bytes,
			// however p is cut into tokens (runHead).
			assert.True(t, ix.mayStartPhrase([]byte(p.joined[:min(len(p.joined), gramLen)])), "%q", p.joined)
			if p.kind != kindLabel || !ix.officials[p.official].strong {
				continue
			}
			for kw := range ix.keywords {
				assert.True(t, ix.mayBeAffixed([]byte(p.joined+kw)), "%q+%q", p.joined, kw)
				assert.True(t, ix.mayBeAffixed([]byte(kw+p.joined)), "%q+%q", kw, p.joined)
			}
		}
	}
}

func TestGatesTurnAwayOrdinaryTokens(t *testing.T) {
	ix := testIndex(t)
	// Tokens are read folded, as the matcher holds them ("ameli" is
	// "amell").
	for _, c := range []struct {
		token           string
		phrase, affixed bool
	}{
		// "amell" ends as "officiel" folded does: a filter may let
		// through what the cuts then turn down.
		{"ameli", true, true},
		{"amelisante", true, true}, // label + keyword
		{"monameli", false, true},  // keyword + label
		{"harmoniemutuelle", true, true},
		{"am", false, false}, // a whole run of two bytes: every phrase is longer
		{"zzqzzq", false, false},
		{"qwxvbk", false, false},
		{"amelizq", true, false}, // the label, but no keyword after it
	} {
		fold := AppendFold(nil, c.token)
		assert.Equal(t, c.phrase, ix.mayStartPhrase(fold), "phrase %q", fold)
		assert.Equal(t, c.affixed, ix.mayBeAffixed(fold), "affix %q", fold)
	}
	// Without its filters the index lets everything through.
	all := ix.WithoutFilters()
	assert.True(t, all.mayStartPhrase([]byte("zzqzzq")))
	assert.True(t, all.mayBeAffixed([]byte("zzqzzq")))
}

// runHead joins the first bytes of the tokens from i on, folded, across
// separators and labels.
func TestRunHead(t *testing.T) {
	ix := testIndex(t)
	m := ix.newMatcher("a-mel1.journal-du-s.fr")
	defer m.release()
	require.True(t, m.tokenize())
	var heads []string
	for i := range m.ntok {
		heads = append(heads, string(m.runHead(i)))
	}
	assert.Equal(t, []string{"ame", "mel", "jou", "dus", "sfr", "fr"}, heads)
}

// mayMeetDeletion lets through every candidate that, once up to dels of
// its runes are deleted, spells a string of the deletion index: strings
// of official labels with up to k runes deleted, given back up to dels
// inserted runes anywhere, on random registries and in Unicode.
func TestMayMeetDeletionLetsThroughEveryReach(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	insert := []rune("aeilmnorstu01-éа")
	checked := 0
	for round := range 8 {
		alpha := []string{"abcdefghijklmnopqrstuvwxyz", "aeilmnor01-", "rnmvwcldiu-", "abé"}[round%4]
		ix, _ := randomIndex(t, rng, []int{5, 40, 200}[round%3], 3, 5+round, alpha)
		for _, o := range ix.officials {
			if !o.strong {
				continue
			}
			for _, form := range [][]rune{o.raw, o.fold} {
				for range 20 {
					s := slices.Clone(form)
					for range rng.IntN(o.k + 1) {
						i := rng.IntN(len(s))
						s = slices.Delete(s, i, i+1)
					}
					for dels := 1; dels <= 2; dels++ {
						c := slices.Clone(s)
						for range rng.IntN(dels + 1) {
							c = slices.Insert(c, rng.IntN(len(c)+1), insert[rng.IntN(len(insert))])
						}
						require.True(t, mayMeetDeletion(ix, c, dels), "%q from %q, %d deletions", string(c), string(form), dels)
						checked++
					}
				}
			}
		}
	}
	t.Logf("%d candidates", checked)
	// And it turns away what is far from every label.
	ix := testIndex(t)
	assert.False(t, mayMeetDeletion(ix, []rune("zzqxwvk"), 1))
	assert.False(t, mayMeetDeletion(ix, []byte("qqqqqqqqqq"), 2))
}
