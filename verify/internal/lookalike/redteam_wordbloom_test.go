package lookalike

import (
	"fmt"
	"math/bits"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/idna"
)

// Red team of 3154c44: delHeads became a wordBloom (two bits of one word
// per key), since d5ed755 the only bloom. mayMeetDeletion must stay exact: whenever a string made by
// deleting up to dels runes of a candidate is in the deletion index, it
// must return true.

// wordBloomMul is the multiplier of bloom.slot; mulInverse its inverse
// modulo 2^64, to build hashes whose mixed value is chosen.
const wordBloomMul = 0x9e3779b97f4a7c15

func mulInverse(a uint64) uint64 {
	x := a // Newton: each step doubles the correct low bits
	for range 6 {
		x *= 2 - a*x
	}
	return x
}

// TestRedTeamWordBloomEverySize: for filters of every size from n=0 to a
// million hashes, the word index stays in range, the shift matches the
// size, and every hash added, random or chosen so that its mixed value has
// extreme word-index bits or both bit positions equal, is found.
func TestRedTeamWordBloomEverySize(t *testing.T) {
	inv := mulInverse(wordBloomMul)
	require.Equal(t, uint64(1), inv*wordBloomMul)
	rng := rand.New(rand.NewPCG(11, 1))
	sizes := []int{0, 1, 2, 3, 63, 64, 65, 127, 128, 129, 1000, 1023, 1024, 1025, 4096, 65535, 65536, 65537, 1 << 20}
	for n := range 200 {
		sizes = append(sizes, n)
	}
	checked := 0
	for _, n := range sizes {
		b := newBloom(n)
		words := len(b.words)
		require.Equal(t, 1, bits.OnesCount(uint(words)), "n=%d: %d words", n, words)
		require.GreaterOrEqual(t, words*64, 16*n, "n=%d: 16 bits per hash", n)
		require.Equal(t, uint(64-bits.TrailingZeros(uint(words))), b.shift, "n=%d", n)
		var hs []uint64
		for range min(n, 50000) + 64 {
			hs = append(hs, rng.Uint64())
		}
		// Mixed values at the edges: word 0 and the last word, both bit
		// positions equal (one-bit masks), bits 20..31 all set or clear.
		for _, x := range []uint64{0, ^uint64(0), 1 << 63, 1<<63 - 1, 0xfff << 20, ^uint64(0xfff << 20), 0x041 << 20, 0x03f << 20, 0xfc0 << 20} {
			hs = append(hs, x*inv)
		}
		for k := range uint(64) {
			hs = append(hs, (uint64(1)<<k)*inv, uint64(1)<<k, ^(uint64(1) << k))
		}
		for range 64 {
			// both bit positions equal: x>>20&63 == x>>26&63
			p := rng.Uint64() & 63
			x := rng.Uint64()&^(0xfff<<20) | p<<20 | p<<26
			hs = append(hs, x*inv)
		}
		for _, h := range hs {
			w, m := b.slot(h)
			require.True(t, w >= 0 && w < words, "n=%d h=%#x: word %d of %d", n, h, w, words)
			require.NotZero(t, m)
			require.LessOrEqual(t, bits.OnesCount64(m), 2)
			b.add(h)
		}
		for _, h := range hs {
			require.True(t, b.has(h), "n=%d: added hash %#x not found", n, h)
			checked++
		}
	}
	t.Logf("%d added hashes found over %d filter sizes", checked, len(sizes))
}

// astralAlpha holds runes beyond the BMP and beside it, for IDN labels and
// candidates: mathematical letters, an emoji, CJK extension B, Cyrillic.
var astralAlpha = []rune("a𝐚𝒶😀𠀀éоıа-0")

// wordBloomAstralIndex builds count official labels of Unicode runes, some
// beyond U+FFFF, as Punycode domains.
func wordBloomAstralIndex(t testing.TB, rng *rand.Rand, count int, opts Options) *Index {
	seen := map[string]bool{}
	var targets []Target
	for tries := 0; len(targets) < count && tries < 100*count; tries++ {
		n := 3 + rng.IntN(12)
		u := make([]rune, n)
		for i := range u {
			if rng.IntN(3) == 0 {
				u[i] = astralAlpha[rng.IntN(len(astralAlpha)-2)]
			} else {
				u[i] = rune('a' + rng.IntN(26))
			}
		}
		a, err := idna.ToASCII(string(u))
		if err != nil || !strings.HasPrefix(a, "xn--") || len(a) > 63 || !newRegistrableLabel(a, seen, true) {
			continue
		}
		if _, err := idna.Punycode.ToUnicode(a[4:]); err != nil {
			continue
		}
		targets = append(targets, Target{Domain: a + ".fr"})
	}
	require.NotEmpty(t, targets)
	ix, err := New(targets, opts)
	require.NoError(t, err)
	return ix
}

// TestRedTeamWordBloomBruteForce: registries of 1 to 10,000 organisations,
// ASCII and astral IDN, thresholds from 1; every edit of every label and
// every candidate of exactly 3+dels runes against brute force.
func TestRedTeamWordBloomBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 2))
	checked, candidates := 0, 0
	type reg struct {
		ix    *Index
		alpha []rune
	}
	var regs []reg
	for round, count := range []int{1, 2, 3, 10, 50, 300, 1000, 3000, 10000} {
		alpha := []string{"abcdefghijklmnopqrstuvwxyz", "ab", "aeilmnor01-", "abc"}[round%4]
		ix, _ := randomIndex(t, rng, count, 3, 4+round%10, alpha)
		regs = append(regs, reg{ix, []rune(alpha)})
	}
	for round, count := range []int{1, 4, 30, 200} {
		o := DefaultOptions()
		o.MinLength1, o.MinLength2 = 1+round%3, 2+round%3
		regs = append(regs, reg{wordBloomAstralIndex(t, rng, count, o), astralAlpha})
	}
	for _, r := range regs {
		ix := r.ix
		set := refDeletions(ix)
		budget := max(20, 40000/len(ix.officials))
		for _, o := range ix.officials {
			if !o.strong {
				continue
			}
			for _, form := range [][]rune{o.raw, o.fold} {
				for range budget {
					c := editRunes(rng, form, rng.IntN(5), append(slices.Clone(delHeadsEditAlpha), r.alpha...))
					if len(c) == 0 || len(c) > maxRunes {
						continue
					}
					candidates++
					checked += checkMayMeet(t, ix, set, c)
				}
			}
		}
		// Candidates of exactly 3+dels runes: the shortest the loops of
		// mayMeetDeletion test, whose last head rune is the last rune.
		for dels := 1; dels <= 2; dels++ {
			for range 20000 {
				c := make([]rune, delHeadLen+dels)
				for i := range c {
					c[i] = r.alpha[rng.IntN(len(r.alpha))]
				}
				candidates++
				checked += checkMayMeet(t, ix, set, c)
			}
		}
	}
	t.Logf("%d candidates, %d within reach checked", candidates, checked)
	require.Greater(t, checked, 20000)
}

// TestRedTeamWordBloomMatchDifferential: Match of the filtered index against
// WithoutFilters on typos of ASCII and astral IDN registries.
func TestRedTeamWordBloomMatchDifferential(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 3))
	total, found := 0, 0
	for round := range 8 {
		var ix *Index
		o := DefaultOptions()
		if round%2 == 1 {
			o.MinLength1, o.MinLength2 = 2, 3
		}
		if round < 4 {
			ix = wordBloomAstralIndex(t, rng, []int{1, 10, 100, 500}[round], o)
		} else {
			ix, _ = randomIndex(t, rng, []int{1, 10, 1000, 10000}[round-4], 3, 14, "abcdefghjkmopqstuwxyz")
		}
		ex := ix.WithoutFilters()
		for range 12000 {
			off := ix.officials[rng.IntN(len(ix.officials))]
			form := off.raw
			if rng.IntN(3) == 0 {
				form = off.fold
			}
			c := string(editRunes(rng, form, 1+rng.IntN(2), append(slices.Clone(delHeadsEditAlpha), astralAlpha...)))
			label, err := idna.ToASCII(c)
			if err != nil || label == "" || len(label) > 63 || strings.HasPrefix(label, "-") || strings.HasSuffix(label, "-") {
				continue
			}
			host := strings.ToLower(label) + "." + []string{"fr", "com", "co.uk"}[rng.IntN(3)]
			m1, ok1 := ix.Match(host)
			m2, ok2 := ex.Match(host)
			require.Equal(t, fmt.Sprint(ok2, m2), fmt.Sprint(ok1, m1), "Match, filtered vs exhaustive: %q", host)
			total++
			if ok1 {
				found++
			}
		}
	}
	t.Logf("%d hosts, %d lookalikes", total, found)
	require.Greater(t, total, 10000)
}

// The bug this red team found, present from 4124940 to 3154c44 and fixed
// after it: addDeletions skipped a string whose 64-bit hash it had already
// seen for the same official before it added the string's head to
// delHeads. When two different deletions X and Y of one label share a
// hash, Y's head (length and first three runes) was never added, so
// mayMeetDeletion turned away a candidate whose only way into the deletion
// index is Y, although probeHash finds the official through Y's hash and
// judge confirms it: the filtered index called unknown a lookalike the
// exhaustive one finds. It broke "false is certain" (deletions.go) and "a
// collision costs time, never a wrong answer" (hash.go). addDeletions now
// adds every string's head before it tests the string's hash.
//
// The labels below were built by lattice reduction over the polynomial
// hash (hashBase, mod 2^64): with X = s minus runes {0, j} and Y = s minus
// runes {1, 2}, hash(X) - hash(Y) is a linear form in s's runes, and a
// short vector of its kernel is a label of lowercase letters. X is added
// first (i=0 comes before i=1), and Y's head (s[0], s[3], s[4]) is unique
// to Y among the label's deletions.
var wordBloomCollisions = []struct {
	label string // official registrable label, k=2 by DefaultOptions
	j     int    // X = label minus runes 0 and j; Y = label minus runes 1 and 2
	typo  string // s[0] + 'a' + s[3:]: distance 2 from label, one deletion from Y
}{
	{"joltdbkhsnegtvmwqa", 17, "jatdbkhsnegtvmwqa"},
	{"joltdbkhsnegtvmwqa", 17, "jztdbkhsnegtvmwqa"},
}

func deleteRunes(s []rune, at ...int) []rune {
	var out []rune
	for i, r := range s {
		if !slices.Contains(at, i) {
			out = append(out, r)
		}
	}
	return out
}

// TestRedTeamWordBloomHashCollisionSkipsHead holds the fix: the head of
// each of two colliding deletions is in delHeads.
func TestRedTeamWordBloomHashCollisionSkipsHead(t *testing.T) {
	for _, tc := range wordBloomCollisions {
		s := []rune(tc.label)
		x, y := deleteRunes(s, 0, tc.j), deleteRunes(s, 1, 2)
		require.NotEqual(t, string(x), string(y))
		require.Equal(t, hashRunes(x), hashRunes(y), "the two deletions of %q collide", tc.label)

		ix, err := New([]Target{{Domain: tc.label + ".fr"}}, DefaultOptions())
		require.NoError(t, err)
		require.Equal(t, 2, ix.officials[0].k)
		set := refDeletions(ix)
		cand := []rune(tc.typo)
		require.Equal(t, 2, osa(cand, s, 2), "the typo is within the label's threshold")
		require.True(t, bruteMeets(set, cand, 1), "deleting rune 1 of %q gives %q, a deletion of %q", tc.typo, string(y), tc.label)
		require.Equal(t, int8(1), ix.maxDels[len(cand)])

		// The invariant mayMeetDeletion's proof rests on: every indexed
		// string has its head in delHeads.
		assert.True(t, ix.delHeads.has(delHeadKey(len(y), y[0], y[1], y[2])), "head of indexed deletion %q missing from delHeads", string(y))
		assert.True(t, mayMeetDeletion(ix, cand, 1), "mayMeetDeletion(%q, 1) = false, but %q is indexed", tc.typo, string(y))
		assert.True(t, mayMeetDeletion(ix, []byte(tc.typo), 1), "mayMeetDeletion([]byte %q, 1) = false", tc.typo)

		host := tc.typo + ".fr"
		ex := ix.WithoutFilters()
		assert.Equal(t, typoHits(ex, host), typoHits(ix, host), "typo hits %q", host)
		m1, ok1 := ix.Match(host)
		m2, ok2 := ex.Match(host)
		require.True(t, ok2, "the exhaustive index finds %q a lookalike of %q", host, tc.label)
		assert.Equal(t, fmt.Sprint(ok2, m2), fmt.Sprint(ok1, m1), "Match, filtered vs exhaustive: %q", host)
	}
}
