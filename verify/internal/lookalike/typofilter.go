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
	// windows[n], when the labels within reach of a candidate of n runes
	// are few, holds them bit-sliced (slicedWindow); nil otherwise.
	windows [maxRunes + 3]*slicedWindow
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
		for n := range ls.windows {
			ls.windows[n] = ls.slice(n)
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
	set := letterSet(cand)
	if n < len(ls.windows) && ls.windows[n] != nil {
		w := ls.windows[n]
		if w.words*bits.OnesCount64(set) <= deletions(n, dels) {
			return w.noTypoPossible(ls.sets, set, dels)
		}
	}
	lo, hi := max(0, n-2), min(len(ls.start)-2, n+2)
	if ls.start[hi+1][0]-ls.start[lo][0] > int32(deletions(n, dels)) {
		return false
	}
	return ls.scan(n, set, dels)
}

// scan is the filter set by set: no set within reach of a candidate of n
// runes and letters set, dels of them deleted.
func (ls *letterSigs) scan(n int, set uint64, dels int) bool {
	lo, hi := max(0, n-2), min(len(ls.start)-2, n+2)
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

// A slicedWindow holds the letter sets within reach of a candidate of n
// runes, those of lengths n-2 to n+2, transposed: column b marks the sets
// that hold letter b. Counting, for all sets at once, how many of the
// candidate's letters each lacks then costs a few word operations per
// letter of the candidate, not two bit counts per set.
type slicedWindow struct {
	base  int32 // the first set, in letterSigs.sets
	words int   // 64-set words in use: 1 or 2
	cols  [64][2]uint64
	// aMost[dels][a] marks the sets that may lack a of the candidate's
	// letters when dels runes are deleted from it; bMost[dels][p] is how
	// many letters set p may hold that the candidate lacks.
	aMost [3][3][2]uint64
	bMost [3][]int8
}

// slice builds the sliced window for candidates of n runes, or returns nil
// when more than 128 sets are within reach.
func (ls *letterSigs) slice(n int) *slicedWindow {
	lo, hi := max(0, n-2), min(len(ls.start)-2, n+2)
	base, end := ls.start[lo][0], ls.start[hi+1][0]
	count := int(end - base)
	if count == 0 || count > 128 {
		return nil
	}
	w := &slicedWindow{base: base, words: (count + 63) / 64}
	for d := range w.bMost {
		w.bMost[d] = make([]int8, count)
	}
	for l := lo; l <= hi; l++ {
		for k := range 3 {
			for i := ls.start[l][k]; i < ls.start[l][k+1]; i++ {
				p := int(i - base)
				word, bit := p/64, uint64(1)<<(p%64)
				for letters := ls.sets[i]; letters != 0; letters &= letters - 1 {
					w.cols[bits.TrailingZeros64(letters)][word] |= bit
				}
				// As in the loop of noTypoPossible: a runes deleted from
				// the candidate, b = a-(n-l) from the label.
				for dels := range 3 {
					aMost := min(dels, n-l+k)
					bMost := aMost - (n - l)
					if aMost < 0 || bMost < 0 {
						continue
					}
					w.aMost[dels][aMost][word] |= bit
					w.bMost[dels][p] = int8(bMost)
				}
			}
		}
	}
	return w
}

// noTypoPossible is the filter on the window's sets for a candidate of
// letters set, dels runes deleted.
func (w *slicedWindow) noTypoPossible(sets []uint64, set uint64, dels int) bool {
	// lack1, lack2 and lack3 mark the sets that lack at least one, two
	// and three of the candidate's letters; the second word, for windows
	// of more than 64 sets, apart so that the first stays in registers.
	var lack1, lack2, lack3 uint64
	for s := set; s != 0; s &= s - 1 {
		lack := ^w.cols[bits.TrailingZeros64(s)][0]
		lack3 |= lack2 & lack
		lack2 |= lack1 & lack
		lack1 |= lack
	}
	a := &w.aMost[dels]
	if !w.noneWithinReach(sets, set, dels, 0, a[0][0]&^lack1|a[1][0]&^lack2|a[2][0]&^lack3) {
		return false
	}
	if w.words == 1 {
		return true
	}
	lack1, lack2, lack3 = 0, 0, 0
	for s := set; s != 0; s &= s - 1 {
		lack := ^w.cols[bits.TrailingZeros64(s)][1]
		lack3 |= lack2 & lack
		lack2 |= lack1 & lack
		lack1 |= lack
	}
	return w.noneWithinReach(sets, set, dels, 1, a[0][1]&^lack1|a[1][1]&^lack2|a[2][1]&^lack3)
}

// noneWithinReach checks the sets of word i that maybe marks, those that lack few
// enough of the candidate's letters, for letters the candidate lacks: it
// reports false as soon as one is within reach.
func (w *slicedWindow) noneWithinReach(sets []uint64, set uint64, dels, i int, maybe uint64) bool {
	for ; maybe != 0; maybe &= maybe - 1 {
		p := i*64 + bits.TrailingZeros64(maybe)
		if bits.OnesCount64(sets[int(w.base)+p]&^set) <= int(w.bMost[dels][p]) {
			return false
		}
	}
	return true
}
