package lookalike

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/net/publicsuffix"
)

// fullLetterFilter is noTypoPossible as the comment on typofilter.go
// states it, set by set over every set within reach, never declining.
func fullLetterFilter(ix *Index, cand []byte, folded bool, dels int) bool {
	return ix.letters[boolIndex(folded)].scan(len(cand), letterSet(cand), dels)
}

func randomLabel(rng *rand.Rand, n int, alpha string) string {
	var b strings.Builder
	for range n {
		b.WriteByte(alpha[rng.IntN(len(alpha))])
	}
	return b.String()
}

// randomEdit applies k random edits to s, with ASCII letters, digits and
// hyphens (editRunes).
func randomEdit(rng *rand.Rand, s string, k int) string {
	return string(editRunes(rng, []rune(s), k, []rune("abcdefghijklmnopqrstuvwxyz0123456789-")))
}

// randomIndex builds an index of count random organisations whose labels
// have lengths in [lo, hi], so that the sliced windows hold 1 to 128 sets.
// newRegistrableLabel reports whether l, not seen before, makes a
// registrable domain under .fr, and marks it seen; "--" is allowed only in
// a Punycode label, and only when ace is set.
func newRegistrableLabel(l string, seen map[string]bool, ace bool) bool {
	if l[0] == '-' || l[len(l)-1] == '-' || strings.Contains(l, "--") && !(ace && strings.HasPrefix(l, "xn--")) || seen[l] {
		return false
	}
	seen[l] = true
	d, err := publicsuffix.EffectiveTLDPlusOne(l + ".fr")
	return err == nil && d == l+".fr"
}

func randomIndex(t testing.TB, rng *rand.Rand, count, lo, hi int, alpha string) (*Index, []string) {
	seen := map[string]bool{}
	var targets []Target
	var labels []string
	for len(targets) < count {
		l := randomLabel(rng, lo+rng.IntN(hi-lo+1), alpha)
		if !newRegistrableLabel(l, seen, false) {
			continue
		}
		tg := Target{Domain: l + ".fr"}
		if rng.IntN(4) == 0 {
			tg.Hosts = []string{"espace." + l + ".fr"}
		}
		targets = append(targets, tg)
		labels = append(labels, l)
	}
	ix, err := New(targets, DefaultOptions())
	require.NoError(t, err)
	return ix, labels
}

func TestFastPathSlicedWindowMatchesFullFilter(t *testing.T) {
	rng := rand.New(rand.NewPCG(6, 6))
	checked, windows := 0, 0
	for round := range 60 {
		count := []int{3, 20, 40, 63, 64, 65, 100, 127, 128, 129, 200}[round%11]
		alpha := []string{"abcdefghijklmnopqrstuvwxyz", "abcdeilmnorstu", "aeilmnor01-", "abcdefghijklmnopqrstuvwxyz0123456789-"}[round%4]
		ix, labels := randomIndex(t, rng, count, 5, 5+round%7, alpha)
		for f := range 2 {
			for _, w := range ix.letters[f].windows {
				if w != nil {
					windows++
				}
			}
		}
		for range 3000 {
			c := randomEdit(rng, labels[rng.IntN(len(labels))], rng.IntN(5))
			if rng.IntN(5) == 0 {
				c = randomLabel(rng, 3+rng.IntN(15), alpha)
			}
			if c == "" {
				continue
			}
			for folded := range 2 {
				for dels := range 3 {
					want := fullLetterFilter(ix, []byte(c), folded == 1, dels)
					got := noTypoPossible(ix, []byte(c), folded == 1, dels)
					if got && !want {
						require.Failf(t, "sliced filter proves out a label within reach", "%q folded=%d dels=%d labels=%d", c, folded, dels, count)
					}
					checked++
				}
			}
		}
	}
	t.Logf("%d filter calls, %d windows", checked, windows)
	require.Greater(t, windows, 100)
}

// TestFastPathMatchDifferential holds Match to WithoutFilters and to a fresh
// matcher on near misses of random registries, hosts of every kind in turn.
func TestFastPathMatchDifferential(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	kws := []string{"securite", "remboursement", "espace", "mon", "compte", "gouv", "login", "mutuelle"}
	seps := []string{"-", "_", "", ".", "--"}
	total, found := 0, 0
	for round := range 40 {
		count := []int{5, 30, 64, 65, 128, 129, 300}[round%7]
		alpha := []string{"abcdefghijklmnopqrstuvwxyz", "aeilmnorcvdu01", "rnmvwcldiu-"}[round%3]
		ix, labels := randomIndex(t, rng, count, 3, 5+round%12, alpha)
		ex := ix.WithoutFilters()
		for range 2500 {
			var parts []string
			for range 1 + rng.IntN(3) {
				l := labels[rng.IntN(len(labels))]
				var p string
				switch rng.IntN(4) {
				case 0:
					p = randomEdit(rng, l, 1+rng.IntN(2))
				case 1:
					p = l + seps[rng.IntN(len(seps))] + kws[rng.IntN(len(kws))]
				case 2:
					p = kws[rng.IntN(len(kws))] + seps[rng.IntN(len(seps))] + randomEdit(rng, l, rng.IntN(2))
				default:
					p = randomLabel(rng, 1+rng.IntN(12), alpha)
				}
				parts = append(parts, p)
			}
			host := strings.Join(parts, ".") + "." + []string{"fr", "com", "netlify.app", "gouv.fr"}[rng.IntN(4)]
			m1, ok1 := ix.Match(host)
			m2, ok2 := ex.Match(host)
			m3, ok3 := ix.MatchUnpooled(host)
			require.Equal(t, fmt.Sprint(ok2, m2), fmt.Sprint(ok1, m1), "filtered vs exhaustive %q", host)
			require.Equal(t, fmt.Sprint(ok3, m3), fmt.Sprint(ok1, m1), "pooled vs fresh %q", host)
			total++
			if ok1 {
				found++
			}
		}
	}
	t.Logf("%d hosts, %d lookalikes", total, found)
}

// TestFastPathHeadTailScreenKeepsNonASCII: every head and tail the maps hold
// must pass the first/last-letter screen. bigrams.add drops a byte >= 128,
// so a head such as "groß" (fold of an IDN official "groß-mutuelle") or
// "полис" is in ix.heads but isHead says false.
func TestFastPathHeadTailScreenKeepsNonASCII(t *testing.T) {
	ix, err := New([]Target{{Domain: "xn--gro-mutuelle-n9a.de"}, {Domain: "xn----8sbahqnesxdegrmbq7c.xn--p1ai"}, {Domain: "harmonie-mutuelle.fr"}}, DefaultOptions())
	require.NoError(t, err)
	require.NotEmpty(t, ix.heads)
	for h := range ix.heads {
		require.True(t, ix.isHead([]byte(h)), "head %q in the map, turned away by the screen", h)
	}
	for tl := range ix.tails {
		require.True(t, ix.isTail([]byte(tl)), "tail %q in the map, turned away by the screen", tl)
	}
}
