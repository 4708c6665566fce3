// Package suffixset answers, for a host, whether one of its suffixes on a
// label boundary may be among a fixed set of names, in one pass over the
// host and a few bit tests: the walks that look every suffix up in a map
// (the registry's domains, its known lookalikes, the restricted namespaces)
// are then skipped for the hosts that hold none, which is most hosts.
//
// It is a Bloom filter: it never says no for a suffix in the set, and says
// yes for a suffix outside it about once in seventy.
package suffixset

import "math/bits"

// hashBase is the FNV-1a 64-bit prime.
const hashBase = 0x100000001b3

// A Set holds the hashes of names. Its zero value holds none.
type Set struct {
	words []uint64
	shift uint
}

// New builds a Set of names, lowercase, without a trailing dot.
func New(names []string) Set {
	size := 1024
	for size < 32*len(names) { // 16 bits for each name and each tail
		size <<= 1
	}
	s := Set{words: make([]uint64, size/64), shift: uint(64 - bits.TrailingZeros(uint(size)))}
	for _, n := range names {
		s.add(hashName(n))
		s.add(hashName(lastTwoLabels(n)) ^ tailSeed)
	}
	return s
}

// tailSeed sets apart, in the same filter, the hashes of the names' last
// two labels (the whole name when it has fewer): a host whose last label
// and last two labels are none of them holds no name as a suffix, which
// MayHoldSuffix learns once it has read them, without reading the rest.
const tailSeed = 0x5bd1e9955bd1e995

// lastTwoLabels returns the last two labels of name, or name.
func lastTwoLabels(name string) string {
	dots := 0
	for i := len(name) - 1; i >= 0; i-- {
		if name[i] == '.' {
			if dots++; dots == 2 {
				return name[i+1:]
			}
		}
	}
	return name
}

// hashName hashes name as a polynomial, its last byte weighted 1, the one
// before hashBase, and so on: MayHoldSuffix, meeting a suffix's bytes from
// the last, adds each weighted by the next power.
func hashName(name string) uint64 {
	var h uint64
	for i := 0; i < len(name); i++ {
		h = h*hashBase + uint64(name[i]) + 1
	}
	return h
}

// slots gives the two bits a hash sets, from its two halves. The shift is
// below 64; "& 63" tells the compiler so, sparing a comparison per test.
func (s *Set) slots(h uint64) (uint64, uint64) {
	a := (h * 0x9e3779b97f4a7c15) >> (s.shift & 63)
	b := (h ^ h>>29) * 0xbf58476d1ce4e5b9 >> (s.shift & 63)
	return a, b
}

func (s *Set) add(h uint64) {
	a, b := s.slots(h)
	s.words[a>>6] |= 1 << (a & 63)
	s.words[b>>6] |= 1 << (b & 63)
}

func (s *Set) has(h uint64) bool {
	a, b := s.slots(h)
	return s.words[a>>6]&(1<<(a&63)) != 0 && s.words[b>>6]&(1<<(b&63)) != 0
}

// MayHoldSuffix reports whether host, or a suffix of it that starts after
// a dot, may be in the set; false is certain. host is compared as given:
// trim a trailing dot first where the names have none.
func (s *Set) MayHoldSuffix(host string) bool {
	if len(s.words) == 0 {
		return false
	}
	// One pass from the last byte: at each dot, the hash so far is
	// hashName of the suffix after it. Each byte is added weighted by the
	// next power, so the only chain of multiplications is the powers',
	// not the hash's own.
	var h, last uint64
	pow := uint64(1)
	dots := 0
	for i := len(host) - 1; i >= 0; i-- {
		c := host[i]
		if c == '.' {
			if s.has(h) {
				return true
			}
			switch dots++; dots {
			case 1:
				last = h
			case 2:
				if !s.has(last^tailSeed) && !s.has(h^tailSeed) {
					return false // no name ends as the host does
				}
			}
		}
		h += (uint64(c) + 1) * pow
		pow *= hashBase
	}
	return s.has(h)
}
