package uts39

import (
	"sync"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// sourceFile is the provenance of one data file, as recorded by gen.go.
type sourceFile struct {
	name, date, sha256 string
}

const (
	keyBits = 21
	keyMask = 1<<keyBits - 1
)

// prototype returns the UTS #39 prototype of r, or ok=false when r is its
// own prototype. The result points into confusableData, so it costs nothing.
func prototype(r rune) (p string, ok bool) {
	if r < utf8.RuneSelf {
		if r < 0 {
			return "", false
		}
		v := asciiPrototypes[r]
		if v == 0 {
			return "", false
		}
		return confusableData[v>>8 : v>>8+v&0xff], true
	}
	// Hand-rolled binary search: sort.Search's closure shows up in profiles.
	lo, hi := 0, len(confusableKeys)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if rune(confusableKeys[m]&keyMask) < r {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo == len(confusableKeys) || rune(confusableKeys[lo]&keyMask) != r {
		return "", false
	}
	off := int(confusableOffsets[lo])
	return confusableData[off : off+int(confusableKeys[lo]>>keyBits)], true
}

// Skeleton returns the UTS #39 skeleton of s. Two strings are confusable
// when their skeletons are equal; the skeleton itself is not meant to be
// shown to anyone, as it often looks odd ("m" becomes "rn").
func Skeleton(s string) string {
	return string(AppendSkeleton(make([]byte, 0, len(s)+len(s)/4), s))
}

// AppendSkeleton appends the UTS #39 skeleton of s to dst and returns the
// extended buffer. It exists so that hot paths comparing many host names can
// reuse one buffer: for ASCII input it does not allocate once dst has room.
//
// The skeleton is computed as UTS #39 section 4 prescribes: NFD, removal of
// code points whose Identifier_Type includes Default_Ignorable, replacement
// of each code point by its prototype from confusables.txt, NFD again.
// Skeletons are case-sensitive ("0" becomes "O" but "o" stays "o"), so
// callers that want case-insensitive matching must fold case first.
//
// Invalid UTF-8 bytes are copied through unchanged.
func AppendSkeleton(dst []byte, s string) []byte {
	// Host names are overwhelmingly ASCII. No ASCII character is
	// Default_Ignorable or changed by NFD, and gen.go checks that the ASCII
	// prototypes are NFD and start with a starter, so the skeleton is just
	// the concatenation of the prototypes.
	i := 0
	for ; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			break
		}
	}
	if i == len(s) {
		return appendASCIISkeleton(dst, s)
	}
	return appendSkeletonSlow(dst, s)
}

func appendASCIISkeleton(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if v := asciiPrototypes[c]; v != 0 {
			dst = append(dst, confusableData[v>>8:v>>8+v&0xff]...)
		} else {
			dst = append(dst, c)
		}
	}
	return dst
}

// scratch holds the intermediate buffers of the general path; pooling them
// keeps non-ASCII skeletons allocation-free in steady state.
type scratch struct {
	nfd, mapped []byte
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// maxPooled bounds the buffers returned to the pool so that one huge input
// does not pin memory forever.
const maxPooled = 4 << 10

func appendSkeletonSlow(dst []byte, s string) []byte {
	sc := scratchPool.Get().(*scratch)
	sc.nfd = norm.NFD.AppendString(sc.nfd[:0], s)
	sc.mapped = mapPrototypes(sc.mapped[:0], sc.nfd)
	dst = norm.NFD.Append(dst, sc.mapped...)
	if cap(sc.nfd) <= maxPooled && cap(sc.mapped) <= maxPooled {
		scratchPool.Put(sc)
	}
	return dst
}

// mapPrototypes appends to dst the code points of src with Default_Ignorable
// ones dropped and the others replaced by their prototypes.
func mapPrototypes(dst, src []byte) []byte {
	for len(src) > 0 {
		c := src[0]
		if c < utf8.RuneSelf {
			if v := asciiPrototypes[c]; v != 0 {
				dst = append(dst, confusableData[v>>8:v>>8+v&0xff]...)
			} else {
				dst = append(dst, c)
			}
			src = src[1:]
			continue
		}
		r, n := utf8.DecodeRune(src)
		switch {
		case r == utf8.RuneError && n == 1:
			dst = append(dst, c)
		case TypeOf(r)&DefaultIgnorable != 0:
		default:
			if p, ok := prototype(r); ok {
				dst = append(dst, p...)
			} else {
				dst = append(dst, src[:n]...)
			}
		}
		src = src[n:]
	}
	return dst
}
