package lookalike

import "math/bits"

// Strings are indexed by a polynomial hash over their runes, so that the
// hashes of every one- and two-rune deletion of a label (candidates.go),
// and of every span of a host's tokens, come in O(1) each from prefix
// hashes, without building the strings. A hit is always confirmed on the strings themselves, so a
// collision costs time, never a wrong answer.
const hashBase = 0x100000001b3 // the FNV-1a 64-bit prime, odd

func hashStep(h uint64, r rune) uint64 { return h*hashBase + uint64(r) + 1 }

func hashRunes(rs []rune) uint64 {
	var h uint64
	for _, r := range rs {
		h = hashStep(h, r)
	}
	return h
}

func hashBytes(bs []byte) uint64 {
	var h uint64
	for _, b := range bs {
		h = hashStep(h, rune(b))
	}
	return h
}

// powers holds hashBase^i for the longest string hashed: a host's
// tokens joined.
var powers = func() (p [maxFold + 1]uint64) {
	p[0] = 1
	for i := 1; i < len(p); i++ {
		p[i] = p[i-1] * hashBase
	}
	return p
}()

// bloom is a Bloom filter over uint64 hashes that sets two bits of one
// word per hash: a test is one load, and a miss passes it about as rarely
// as a two-hash filter's, where one bit per hash lets through one miss in
// as many as the filter's fill. The indexes' filters are tested many
// times a host: the typo probes of a label (n+1 to n(n+1)/2+1, each a
// lookup in the deletion index when it passes), the heads they are
// screened with (mayMeetDeletion: up to fifteen), phrases and labels.
type bloom struct {
	words []uint64
	shift uint // keeps the top bits of a mixed hash: the word's index
}

// newBloom returns a filter of 16 bits per hash, at least 1,024 bits, for
// n hashes.
func newBloom(n int) bloom {
	size := 1024
	for size < 16*n {
		size <<= 1
	}
	return bloom{words: make([]uint64, size/64), shift: uint(64 - bits.TrailingZeros(uint(size/64)))}
}

// slot returns the word of h and its two bits, taken from the middle of
// the mixed hash, below the word's index for any filter of less than
// 2^32 words. The shift is below 64; "& 63" tells the compiler so, which
// spares every test of every filter a comparison with 64.
func (b *bloom) slot(h uint64) (int, uint64) {
	x := h * 0x9e3779b97f4a7c15
	return int(x >> (b.shift & 63)), 1<<(x>>20&63) | 1<<(x>>26&63)
}

func (b *bloom) add(h uint64) {
	w, m := b.slot(h)
	b.words[w] |= m
}

func (b *bloom) has(h uint64) bool {
	w, m := b.slot(h)
	return b.words[w]&m == m
}

// hashTable is a multimap from uint64 hashes to int32 values: an open
// addressing table of the distinct hashes, each with the head of a chain
// of its values. The deletion index holds about a million entries for
// 10,000 organisations, where a Go map costs three times the memory and a
// rehash on every doubling; the table's size is not a power of two, so
// that it holds 1.5 slots per entry, not up to 3. Many officials share
// some strings (a name minus two letters), so values are chained, which
// adds one in constant time, rather than given slots of their own, which
// would walk past all the others.
type hashTable struct {
	keys  []uint64 // 0 marks an empty slot; hash 0 is stored as 1
	heads []int32  // the last value added under the key
	vals  []int32
	next  []int32 // the value added before under the same key, or -1
}

// newHashTable sizes a table for at most n values.
func newHashTable(n int) hashTable {
	size := max(16, n+n/2)
	return hashTable{keys: make([]uint64, size), heads: make([]int32, size),
		vals: make([]int32, 0, n), next: make([]int32, 0, n)}
}

// slot returns the stored form of h and the slot that holds it or would.
func (t *hashTable) slot(h uint64) (uint64, int) {
	if h == 0 {
		h = 1
	}
	i := int((h * 0x9e3779b97f4a7c15) >> 32 * uint64(len(t.keys)) >> 32)
	for t.keys[i] != 0 && t.keys[i] != h {
		if i++; i == len(t.keys) {
			i = 0
		}
	}
	return h, i
}

// add stores v under h. The table never fills: it is sized for one and a
// half times the most values New adds.
func (t *hashTable) add(h uint64, v int32) {
	h, i := t.slot(h)
	prev := int32(-1)
	if t.keys[i] == h {
		prev = t.heads[i]
	}
	t.keys[i], t.heads[i] = h, int32(len(t.vals))
	t.vals = append(t.vals, v)
	t.next = append(t.next, prev)
}

// first returns the last value added under h, as an index into vals to
// follow through next, or -1.
func (t *hashTable) first(h uint64) int32 {
	if len(t.keys) == 0 {
		return -1
	}
	h, i := t.slot(h)
	if t.keys[i] != h {
		return -1
	}
	return t.heads[i]
}
