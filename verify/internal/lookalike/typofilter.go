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

// letterSig is an official label, raw or folded, as the filter sees it.
type letterSig struct {
	letters uint64 // runeBit of every rune
	k       int8   // deletions stored in the index for it
}

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

func letterSet(rs []rune) uint64 {
	var set uint64
	for _, r := range rs {
		set |= runeBit(r)
	}
	return set
}

// addLetterSig files a strong official label under its length.
func (ix *Index) addLetterSig(rs []rune, k int, folded bool) {
	sigs := &ix.rawSigs
	if folded {
		sigs = &ix.foldSigs
	}
	if n := len(rs); n < len(sigs) {
		sigs[n] = append(sigs[n], letterSig{letters: letterSet(rs), k: int8(k)})
	}
}

// noTypoPossible reports whether the filter proves that probing cand with
// up to dels deletions finds no official label. It declines (false) when
// the labels within reach outnumber the probes it would save.
func (ix *Index) noTypoPossible(cand []rune, folded bool, dels int) bool {
	sigs := &ix.rawSigs
	if folded {
		sigs = &ix.foldSigs
	}
	n := len(cand)
	lo, hi := max(0, n-2), min(len(sigs)-1, n+2)
	within := 0
	for l := lo; l <= hi; l++ {
		within += len(sigs[l])
	}
	if within > deletions(n, dels) {
		return false
	}
	set := letterSet(cand)
	for l := lo; l <= hi; l++ {
		for _, s := range sigs[l] {
			k := int(s.k)
			// a runes deleted from cand, b = a-(n-l) from the label.
			aMost := min(dels, n-l+k)
			bMost := aMost - (n - l)
			if aMost < 0 || bMost < 0 {
				continue
			}
			if bits.OnesCount64(set&^s.letters) <= aMost && bits.OnesCount64(s.letters&^set) <= bMost {
				return false
			}
		}
	}
	return true
}
