package lookalike

// The deletion index of official labels, built in New and probed by
// typos() (candidates.go).

// The deletion index stores, under the hash of each string, the official
// whose label gave it and from which forms: delRaw, delFolded or both,
// when the label is its own fold (most ASCII labels), so that such a
// label's strings take one entry each, not two.
const (
	delRaw    = 1
	delFolded = 2
)

func delValue(oi int32, forms int32) int32 { return oi<<2 | forms }

// reach records, for candidates of every length an official label of
// length l and threshold k can be within k of, the deletions needed: with a
// candidate shorter by d, at most k-d of the edits fall on the candidate.
func (ix *Index) reach(l, k int) {
	for n := max(1, l-k); n <= l+k && n < len(ix.maxDels); n++ {
		d := k
		if l > n {
			d = k - (l - n)
		}
		ix.maxDels[n] = max(ix.maxDels[n], int8(d))
	}
}

// deletions is how many strings deleting up to k of n runes makes, at
// most.
func deletions(n, k int) int {
	switch k {
	case 0:
		return 1
	case 1:
		return 1 + n
	}
	return 1 + n + n*(n-1)/2
}

// addDeletions indexes every string made by deleting up to k runes of s.
// seen is scratch space, cleared here, so that one map serves every
// official.
func (ix *Index) addDeletions(oi int32, s []rune, k int, forms int32, seen map[uint64]bool) {
	clear(seen)
	var buf []rune
	add := func(rs []rune) {
		h := hashRunes(rs)
		if seen[h] {
			return
		}
		seen[h] = true
		ix.dels.add(h, delValue(oi, forms))
		ix.delBloom.add(h)
	}
	add(s)
	for i := range s {
		if k >= 1 {
			buf = append(append(buf[:0], s[:i]...), s[i+1:]...)
			add(buf)
		}
		if k >= 2 {
			for j := i + 1; j < len(s); j++ {
				buf = append(append(append(buf[:0], s[:i]...), s[i+1:j]...), s[j+1:]...)
				add(buf)
			}
		}
	}
}
