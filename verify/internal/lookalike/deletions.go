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
		// Every string's head, before the test of its hash: two
		// strings that share a hash share one entry of the index,
		// which finds either, but not a head, and mayMeetDeletion
		// must meet the head of each (a red team built such a label).
		if len(rs) >= delHeadLen {
			ix.delHeads.add(delHeadKey(len(rs), rs[0], rs[1], rs[2]))
		}
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

// delHeadLen is how many runes of a string's head delHeads holds.
const delHeadLen = 3

// delHeadKey keys a string's length and first three runes: the runes,
// 21 bits each, side by side, and the length mixed in by a product that
// does not wait on them. A chain of products, as a polynomial hash makes,
// made each of up to fifteen keys a candidate is tested with three
// multiplications long.
func delHeadKey(n int, a, b, c rune) uint64 {
	return (uint64(a)<<42 | uint64(b)<<21 | uint64(c)) ^ uint64(n)*0x9e3779b97f4a7c15
}

// mayMeetDeletion reports whether a string made by deleting up to dels
// runes of cand may be in the deletion index, from the length and first
// three runes of each such string; false is certain. It spares most
// candidates their n+1 probes, or more, for five to fifteen bit tests.
//
// Why it is exact: once a set D of d ≤ dels runes is deleted, the string
// left starts with cand[a], cand[b] and cand[c], its first three runes
// kept, so every rune before c but a and b is in D: c-2 ≤ d. Its key is
// then (n-d, cand[a], cand[b], cand[c]) for some a < b < c ≤ dels+2 and
// c-2 ≤ d ≤ dels, which are the keys tried. A string of fewer than three
// runes has no such key: a candidate that can leave one is let through.
func mayMeetDeletion[T runeOrByte](ix *Index, cand []T, dels int) bool {
	n := len(cand)
	if n-dels < delHeadLen {
		return true
	}
	// The keys written out, for one deletion and for two, the only
	// counts probe asks for: loops over a, b, c and d cost more in
	// control than the bit tests they make.
	h := &ix.delHeads
	switch dels {
	case 1:
		c0, c1, c2, c3 := rune(cand[0]), rune(cand[1]), rune(cand[2]), rune(cand[3])
		return h.has(delHeadKey(n, c0, c1, c2)) || h.has(delHeadKey(n-1, c0, c1, c2)) ||
			h.has(delHeadKey(n-1, c0, c1, c3)) || h.has(delHeadKey(n-1, c0, c2, c3)) ||
			h.has(delHeadKey(n-1, c1, c2, c3))
	case 2:
		c0, c1, c2, c3, c4 := rune(cand[0]), rune(cand[1]), rune(cand[2]), rune(cand[3]), rune(cand[4])
		return h.has(delHeadKey(n, c0, c1, c2)) || h.has(delHeadKey(n-1, c0, c1, c2)) || h.has(delHeadKey(n-2, c0, c1, c2)) ||
			h.has(delHeadKey(n-1, c0, c1, c3)) || h.has(delHeadKey(n-2, c0, c1, c3)) ||
			h.has(delHeadKey(n-1, c0, c2, c3)) || h.has(delHeadKey(n-2, c0, c2, c3)) ||
			h.has(delHeadKey(n-1, c1, c2, c3)) || h.has(delHeadKey(n-2, c1, c2, c3)) ||
			h.has(delHeadKey(n-2, c0, c1, c4)) || h.has(delHeadKey(n-2, c0, c2, c4)) || h.has(delHeadKey(n-2, c0, c3, c4)) ||
			h.has(delHeadKey(n-2, c1, c2, c4)) || h.has(delHeadKey(n-2, c1, c3, c4)) || h.has(delHeadKey(n-2, c2, c3, c4))
	}
	return true // no keys written for this count: the filter declines
}
