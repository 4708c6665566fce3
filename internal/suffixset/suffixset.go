// Package suffixset answers, for a host, whether one of its suffixes on a
// label boundary may be among a fixed set of names, in one pass over the
// host and a few bit tests: the walks that look every suffix up in a map
// (the registry's domains, its known lookalikes, the restricted namespaces)
// are then skipped for the hosts that hold none, which is most hosts.
//
// It is a Bloom filter: it never says no for a suffix in the set, and says
// yes for a suffix outside it about once in seventy.
package suffixset

import (
	"math/bits"
	"strings"
)

// hashBase is the FNV-1a 64-bit prime.
const hashBase = 0x100000001b3

// hashBase2 is hashBase², as uint64 arithmetic wraps it.
const hashBase2 = hashBase * hashBase & (1<<64 - 1)

// A Set holds the hashes of names. Its zero value holds none.
type Set struct {
	words []uint64
	shift uint
}

// New builds a Set of names, lowercase, without a trailing dot.
func New(names []string) Set {
	size := 1024
	for size < 16*len(names) {
		size <<= 1
	}
	s := Set{words: make([]uint64, size/64), shift: uint(64 - bits.TrailingZeros(uint(size)))}
	for _, n := range names {
		s.add(hashName(n))
	}
	return s
}

// hashName hashes name from its last byte to its first, as
// MayHoldSuffix meets its suffixes.
func hashName(name string) uint64 {
	var h uint64
	for i := len(name) - 1; i >= 0; i-- {
		h = h*hashBase + uint64(name[i]) + 1
	}
	return h
}

// slots gives the two bits a hash sets, from its two halves.
func (s *Set) slots(h uint64) (uint64, uint64) {
	a := (h * 0x9e3779b97f4a7c15) >> s.shift
	b := (h ^ h>>29) * 0xbf58476d1ce4e5b9 >> s.shift
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
	// The hash of "label.rest" is H(label) + ('.'+1)·B^n + H(rest)·B^(n+1)
	// for a label of n bytes, so each label is hashed on its own, a
	// chain of multiplications that does not wait for the labels to its
	// right, and joined to them in two.
	var h uint64
	for end := len(host); ; {
		start := strings.LastIndexByte(host[:end], '.') + 1
		// Two bytes a step: one multiplication on the chain, not two.
		var label uint64
		i := end - 1
		for ; i > start; i -= 2 {
			label = label*hashBase2 + (uint64(host[i])+1)*hashBase + uint64(host[i-1]) + 1
		}
		if i == start {
			label = label*hashBase + uint64(host[i]) + 1
		}
		if end == len(host) {
			h = label
		} else {
			h = label + ('.'+1+h*hashBase)*power(end-start)
		}
		if s.has(h) {
			return true
		}
		if start == 0 {
			return false
		}
		end = start - 1
	}
}

// power returns hashBase^n.
func power(n int) uint64 {
	if n < len(powers) {
		return powers[n]
	}
	p := powers[len(powers)-1]
	for range n - (len(powers) - 1) {
		p *= hashBase
	}
	return p
}

// powers holds hashBase^n for the labels of DNS names, up to 63 bytes.
var powers = func() (p [64]uint64) {
	p[0] = 1
	for i := 1; i < len(p); i++ {
		p[i] = p[i-1] * hashBase
	}
	return p
}()
