package lookalike

import "math/bits"

// The letter filter of the deletion index: before probing the n(n+1)/2
// strings a label gives once up to two runes are deleted, a few bit
// operations per official label of a length within reach prove, for most
// labels, that no official label can share a string with it.
//
// Why it is exact: a probe finds an official label o (l runes, threshold
// k) only through a string S that is the candidate c (n runes) without a
// runes and o without b runes, a ≤ the deletions probed, b ≤ k, n-a = l-b.
// A letter of c that o lacks cannot be in S, so each such letter is among
// the a deleted: c has at most a distinct letters o lacks, and o at most b
// that c lacks. Letters are compared by a bit each; two letters sharing a
// bit only make the test pass more often, never fail for a real match.

// letterSigs holds the letter sets of the strong labels, raw or folded, in
// one array grouped by length, then by the deletions k the index stores
// for them (0 to 2): those of n runes and k are sets[start[n][k]:
// start[n][k+1]], and start[n][3] is start[n+1][0].
type letterSigs struct {
	sets  []uint64
	start [maxRunes + 4][4]int32
}

// pendingSigs collects the sets by length and k while New files them.
type pendingSigs [2][maxRunes + 3][3][]uint64

// runeBit gives each rune one of 64 bits: the ASCII letters, digits and
// hyphen their own, other runes shared by residue.
func runeBit(r rune) uint64 {
	switch {
	case 'a' <= r && r <= 'z':
		return 1 << (r - 'a')
	case '0' <= r && r <= '9':
		return 1 << (26 + r - '0')
	case r == '-':
		return 1 << 36
	}
	return 1 << (37 + uint(r)%27)
}

func letterSet[T runeOrByte](rs []T) uint64 {
	var set uint64
	for _, r := range rs {
		set |= runeBit(rune(r))
	}
	return set
}

// addLetterSig files a strong official label under its length and k.
func (ix *Index) addLetterSig(rs []rune, k int, folded bool) {
	if ix.pending == nil {
		ix.pending = new(pendingSigs)
	}
	sigs := &ix.pending[boolIndex(folded)]
	if n := len(rs); n < len(sigs) && 0 <= k && k <= 2 {
		sigs[n][k] = append(sigs[n][k], letterSet(rs))
	}
}

func boolIndex(b bool) int {
	if b {
		return 1
	}
	return 0
}

// finishLetterSigs lays the filed sets out in one array each, once every
// label is filed: the filter then reads them in a row.
func (ix *Index) finishLetterSigs() {
	if ix.pending == nil {
		return
	}
	for f := range ix.pending {
		total := 0
		for n := range ix.pending[f] {
			for _, sets := range ix.pending[f][n] {
				total += len(sets)
			}
		}
		ls := &ix.letters[f]
		ls.sets = make([]uint64, 0, total)
		for n := range ls.start {
			for k := range 3 {
				ls.start[n][k] = int32(len(ls.sets))
				if n < len(ix.pending[f]) {
					ls.sets = append(ls.sets, ix.pending[f][n][k]...)
				}
			}
			ls.start[n][3] = int32(len(ls.sets))
		}
	}
	ix.pending = nil
}

// noTypoPossible reports whether the filter proves that probing cand with
// up to dels deletions finds no official label. It declines (false) when
// the labels within reach outnumber the probes it would save.
func noTypoPossible[T runeOrByte](ix *Index, cand []T, folded bool, dels int) bool {
	ls := &ix.letters[boolIndex(folded)]
	n := len(cand)
	lo, hi := max(0, n-2), min(len(ls.start)-2, n+2)
	if ls.start[hi+1][0]-ls.start[lo][0] > int32(deletions(n, dels)) {
		return false
	}
	set := letterSet(cand)
	for l := lo; l <= hi; l++ {
		for k := range 3 {
			// a runes deleted from cand, b = a-(n-l) from the label.
			aMost := min(dels, n-l+k)
			bMost := aMost - (n - l)
			if aMost < 0 || bMost < 0 {
				continue
			}
			for _, letters := range ls.sets[ls.start[l][k]:ls.start[l][k+1]] {
				if bits.OnesCount64(set&^letters) <= aMost && bits.OnesCount64(letters&^set) <= bMost {
					return false
				}
			}
		}
	}
	return true
}
