package lookalike

// Red team of the host-check speed-ups since 3c37497 (issue 13): each
// rewritten filter, table and loop held to a copy of the code it replaced,
// on random inputs with non-ASCII bytes, odd runes and edge lengths.

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"
)

// red36OldFold is AppendFold as it stood at 3c37497: foldSingle, and
// pairFold for the bytes foldPairFirst marks.
var red36OldFoldSingle, red36OldFoldPairFirst = func() (single [256]byte, first [256]bool) {
	for b := range 256 {
		c := digitFold(byte(b))
		if c == 'i' {
			c = 'l'
		}
		single[b] = c
		for next := range 256 {
			if pairFold(digitFold(byte(b)), digitFold(byte(next))) != 0 {
				first[b] = true
			}
		}
	}
	return single, first
}()

func red36OldAppendFold(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if red36OldFoldPairFirst[c] && i+1 < len(s) {
			if m := pairFold(digitFold(c), digitFold(s[i+1])); m != 0 {
				dst = append(dst, m)
				i++
				continue
			}
		}
		dst = append(dst, red36OldFoldSingle[c])
	}
	return dst
}

// red36Text is a random string over alpha, of length 0 to n.
func red36Text(rng *rand.Rand, alpha string, n int) string {
	b := make([]byte, rng.IntN(n+1))
	for i := range b {
		b[i] = alpha[rng.IntN(len(alpha))]
	}
	return string(b)
}

const red36FoldAlpha = "rnvcliu01mwdo-_.aez\x80\xff\xc3\xa9"

func TestRed36AppendFoldEqualsOld(t *testing.T) {
	rng := rand.New(rand.NewPCG(36, 1))
	for range 200000 {
		s := red36Text(rng, red36FoldAlpha, 40)
		if rng.IntN(10) == 0 {
			s = red36Text(rng, string(func() []byte {
				b := make([]byte, 256)
				for i := range b {
					b[i] = byte(i)
				}
				return b
			}()), 12)
		}
		require.Equal(t, red36OldAppendFold(nil, s), AppendFold(nil, s), "%q", s)
	}
}

// red36Host is a random host: labels of the fold's letters, separators
// at their ends, empty labels and tokens, Punycode, lengths up to 260.
func red36Host(rng *rand.Rand) string {
	var b strings.Builder
	labels := 1 + rng.IntN(6)
	if rng.IntN(10) == 0 {
		labels = 60 + rng.IntN(70)
	}
	for l := range labels {
		if l > 0 {
			b.WriteByte('.')
		}
		switch rng.IntN(12) {
		case 0:
			b.WriteString("xn--" + red36Text(rng, "abcdefghij0123456789-", 12))
		case 1:
			b.WriteString(red36Text(rng, "-_", 3))
		case 2:
			b.WriteString(red36Text(rng, red36FoldAlpha+"ameligp", 63))
		default:
			b.WriteString(red36Text(rng, "rnvcliu01mwdoaeqs-_", 14))
		}
	}
	if rng.IntN(5) == 0 {
		b.WriteString(".fr")
	}
	return b.String()
}

// red36LoopMayMeet is mayMeetDeletion's loops as they stood at 3c37497,
// with the current key: the keys written out must be the same set.
func red36LoopMayMeet[T runeOrByte](ix *Index, cand []T, dels int) bool {
	n := len(cand)
	if n-dels < delHeadLen {
		return true
	}
	for c := 2; c <= dels+2; c++ {
		for b := 1; b < c; b++ {
			for a := range b {
				for d := c - 2; d <= dels; d++ {
					if ix.delHeads.has(delHeadKey(n-d, rune(cand[a]), rune(cand[b]), rune(cand[c]))) {
						return true
					}
				}
			}
		}
	}
	return false
}

// red36OddRunes are runes a decoder or a caller may hand the filter:
// above the 21 bits a key packs, negative, U+FFFD, surrogates.
var red36OddRunes = []rune{-1, -0x200000, utf8.RuneError, 0x10FFFF, 0x1FFFFF, 0x200000, 0x7FFFFFFF, 0xD800, 0, 'a', 'm', 'é', 'а'}

func TestRed36MayMeetDeletionEqualsLoops(t *testing.T) {
	rng := rand.New(rand.NewPCG(36, 3))
	ixs := append(delHeadsIndexes(t, rng, 12), redTeamRegistryIndex(t, DefaultOptions()))
	for _, ix := range ixs {
		var forms [][]rune
		for _, o := range ix.officials {
			forms = append(forms, o.raw, o.fold)
		}
		for range 20000 {
			var cand []rune
			if len(forms) > 0 && rng.IntN(2) == 0 {
				cand = editRunes(rng, forms[rng.IntN(len(forms))], rng.IntN(4), append(slices.Clone(delHeadsEditAlpha), red36OddRunes...))
			} else {
				cand = make([]rune, rng.IntN(9))
				for i := range cand {
					cand[i] = red36OddRunes[rng.IntN(len(red36OddRunes))]
				}
			}
			for dels := 1; dels <= 2; dels++ {
				require.Equal(t, red36LoopMayMeet(ix, cand, dels), mayMeetDeletion(ix, cand, dels), "%q dels %d", cand, dels)
				if isASCII(string(cand)) && !slices.Contains(cand, utf8.RuneError) {
					b := []byte(string(cand))
					require.Equal(t, red36LoopMayMeet(ix, b, dels), mayMeetDeletion(ix, b, dels), "%q dels %d", b, dels)
				}
			}
		}
	}
}

// red36OldGateKey is gateKey as it stood at 3c37497.
func red36OldGateKey(set int, b []byte) uint64 {
	k := uint64(set)<<32 | uint64(len(b))<<24
	for i, c := range b[:min(len(b), gramLen)] {
		k |= uint64(c) << (16 - 8*i)
	}
	return k
}

func TestRed36GateKeyEqualsOld(t *testing.T) {
	rng := rand.New(rand.NewPCG(36, 5))
	for range 100000 {
		b := make([]byte, rng.IntN(8))
		for i := range b {
			b[i] = byte(rng.IntN(256))
		}
		set := rng.IntN(8)
		require.Equal(t, red36OldGateKey(set, b), gateKey(set, b), "%q", b)
	}
}

// TestRed36NameFilterNeverHidesAName: wherever holdsName finds a name,
// with any separators, mayStartName lets the text through. Texts are
// dictionary words edited as holdsName allows (from the third letter),
// glued to random letters, and random texts.
func TestRed36NameFilterNeverHidesAName(t *testing.T) {
	rng := rand.New(rand.NewPCG(36, 6))
	ixs := []*Index{redTeamRegistryIndex(t, DefaultOptions())}
	for range 6 {
		ix, _ := redTeamIndex(t, rng, 40, "abcdefghilmnoprstu", redTeamOptions(rng))
		ixs = append(ixs, ix)
	}
	found := 0
	for _, ix := range ixs {
		for _, mn := range ix.meanings {
			w := mn.word
			for range 12 {
				e := w
				if len(w) > 2 && rng.IntN(3) > 0 {
					e = w[:2] + randomEdit(rng, w[2:], 1)
				}
				text := randomLabel(rng, rng.IntN(4), "abcemnrq0-") + e + randomLabel(rng, rng.IntN(4), "abcemnrq0-")
				if len(text) > maxRunes {
					continue
				}
				seps := rng.Uint64()
				if rng.IntN(2) == 0 {
					seps = 0
				}
				if ix.holdsName([]byte(text), seps) {
					found++
					require.True(t, mayStartName(ix, text), "%q holds a name the filter refuses", text)
					require.True(t, mayStartName(ix, []byte(text)), "%q holds a name the filter refuses", text)
				}
			}
		}
	}
	require.Greater(t, found, 5000)
}

// TestRed36PooledMatchEqualsUnpooled: release now clears only the
// matcher's references, so each host reuses what the previous one left
// past its counts. One goroutine, so the pool hands back the same
// matcher: long hosts full of findings, then short ones, IDN and not,
// must answer as a zeroed matcher does.
func TestRed36PooledMatchEqualsUnpooled(t *testing.T) {
	rng := rand.New(rand.NewPCG(36, 8))
	ix := redTeamRegistryIndex(t, DefaultOptions())
	var labels []string
	for _, o := range ix.officials {
		labels = append(labels, string(o.raw))
	}
	kw := []string{"compte", "espace", "remboursement", "securite", "sante", "carte", "vitale", "connexion"}
	hits := 0
	for range 30000 {
		var h string
		switch rng.IntN(4) {
		case 0:
			h = red36Host(rng)
		case 1:
			l := labels[rng.IntN(len(labels))]
			h = randomEdit(rng, l, rng.IntN(3)) + "." + []string{"fr", "com", "net", "github.io"}[rng.IntN(4)]
		case 2:
			var parts []string
			for range 1 + rng.IntN(8) {
				parts = append(parts, kw[rng.IntN(len(kw))]+"-"+labels[rng.IntN(len(labels))])
			}
			h = strings.Join(parts, ".") + ".com"
		default:
			h = kw[rng.IntN(len(kw))] + labels[rng.IntN(len(labels))] + ".xn--p1ai"
		}
		got, ok := ix.Match(h)
		want, wantOK := ix.MatchUnpooled(h)
		require.Equal(t, wantOK, ok, "%q", h)
		require.Equal(t, want, got, "%q", h)
		if ok {
			hits++
		}
	}
	require.Greater(t, hits, 5000)
}

// TestRed36PooledMatchConcurrent: matchers released by hand and shared
// through the pool by goroutines answer as unpooled ones (run with -race).
func TestRed36PooledMatchConcurrent(t *testing.T) {
	ix := redTeamRegistryIndex(t, DefaultOptions())
	var labels []string
	for _, o := range ix.officials {
		labels = append(labels, string(o.raw))
	}
	errs := make(chan string, 4)
	for g := range 4 {
		go func() {
			rng := rand.New(rand.NewPCG(36, uint64(g)))
			for range 2000 {
				h := randomEdit(rng, labels[rng.IntN(len(labels))], rng.IntN(3)) + "-compte." + red36Host(rng) + ".com"
				got, ok := ix.Match(h)
				want, wantOK := ix.MatchUnpooled(h)
				if ok != wantOK || got != want {
					errs <- h
					return
				}
			}
			errs <- ""
		}()
	}
	for range 4 {
		require.Empty(t, <-errs)
	}
}
