package lookalike

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/vigie-sante/vigie/verify/internal/uts39"
)

// AppendFold appends the ASCII visual fold of s to dst. UTS #39 maps the
// capital forms that DNS never shows ('0' to 'O', 'I' to 'l'), so on
// lowercase labels its table misses the classic tricks. The fold adds them,
// applied left to right:
//
//	'0' → 'o', '1' → 'l'          digits for letters
//	"rn", "nn" → 'm'              two letters for one
//	"vv" → 'w', "cl" → 'd', "ii" → 'u'
//	'i' → 'l'                     the 1/l/i family, after "ii"
//
// Bytes outside ASCII pass through. Both sides of every comparison are
// folded the same way, so only collisions matter, never direction.
func AppendFold(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		step := foldSteps[s[i]]
		if step.pairs() && i+1 < len(s) && digitFold(s[i+1]) == step.second() {
			dst = append(dst, step.pair())
			i++
			continue
		}
		dst = append(dst, step.single())
	}
	return dst
}

// A foldStep is what the fold does with a byte, in one table lookup: its
// fold alone and, for a byte that begins a pair pairFold maps ('r', 'n',
// 'v', 'c', 'i'), the second byte, after digitFold, that makes the pair
// and the pair's fold. Most letters begin no pair: their step is their
// fold alone.
type foldStep uint32

func (s foldStep) single() byte { return byte(s) }
func (s foldStep) pairs() bool  { return s >= 1<<8 }
func (s foldStep) second() byte { return byte(s >> 8) }
func (s foldStep) pair() byte   { return byte(s >> 16) }

// foldSteps is the step of every byte. No pair begins with a byte that
// digitFold changes, and none ends with one that it maps to a byte other
// than its own fold ('1' to 'l'), which second compares after it.
var foldSteps = func() (steps [256]foldStep) {
	for b := range 256 {
		c := digitFold(byte(b))
		single := c
		if single == 'i' {
			single = 'l'
		}
		steps[b] = foldStep(single)
		for next := range 256 {
			if p := pairFold(c, byte(next)); p != 0 {
				steps[b] |= foldStep(next)<<8 | foldStep(p)<<16
			}
		}
	}
	return steps
}()

func digitFold(c byte) byte {
	switch c {
	case '0':
		return 'o'
	case '1':
		return 'l'
	}
	return c
}

func pairFold(a, b byte) byte {
	switch {
	case (a == 'r' || a == 'n') && b == 'n':
		return 'm'
	case a == 'v' && b == 'v':
		return 'w'
	case a == 'c' && b == 'l':
		return 'd'
	case a == 'i' && b == 'i':
		return 'u'
	}
	return 0
}

// extraLatin maps Latin letters with strokes and hooks, which UTS #39 leaves
// alone, to the letter they pass for; Chromium's spoof checker maps the same
// ones before comparing with its top domains.
var extraLatin = map[rune]rune{
	'ł': 'l', 'ø': 'o', 'đ': 'd', 'ħ': 'h', 'ŋ': 'n', 'ĸ': 'k',
	'ı': 'i', 'ȷ': 'j', 'þ': 'p', 'ƅ': 'b', 'ŧ': 't', 'ɡ': 'g',
}

// smallCapsCyrillic maps lowercase Cyrillic letters that pass for Latin ones
// in domain names, where UTS #39 maps them to small capitals or turned
// letters that match nothing (м → ʍ, т → ᴛ); Chromium's skeleton generator
// maps them the same way (extra_confusable_mapper_).
var smallCapsCyrillic = map[rune]rune{'м': 'm', 'т': 't', 'н': 'h', 'ш': 'w', 'ь': 'b', 'в': 'b', 'к': 'k'}

// AppendSkeletonFold appends the full visual skeleton of a Unicode label:
// UTS #39 skeleton, combining marks removed (so "améli" reads "ameli"),
// lowercased, the Latin extras above, then [AppendFold]. An ASCII label
// skips straight to AppendFold: UTS #39 maps nothing in [a-z0-9-] that the
// fold does not map the same way ('m' → "rn" → 'm', '0' → 'o', '1' → 'l').
func AppendSkeletonFold(dst []byte, label string) []byte {
	if isASCII(label) {
		return AppendFold(dst, label)
	}
	label = strings.Map(func(r rune) rune {
		if x, ok := smallCapsCyrillic[r]; ok {
			return x
		}
		return r
	}, label)
	var buf [256]byte
	skel := uts39.AppendSkeleton(buf[:0], label)
	var flat [256]byte
	f := flat[:0]
	for len(skel) > 0 {
		r, size := utf8.DecodeRune(skel)
		skel = skel[size:]
		if unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r) {
			continue
		}
		r = unicode.ToLower(r)
		if x, ok := extraLatin[r]; ok {
			r = x
		}
		f = utf8.AppendRune(f, r)
	}
	return AppendFold(dst, string(f))
}

func isASCII[S ~string | ~[]byte](s S) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
