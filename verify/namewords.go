package verify

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/vigie-sante/vigie/verify/internal/lookalike"
	"github.com/vigie-sante/vigie/verify/internal/uts39"
)

// A nameWord is one word of a text with its visual key.
type nameWord struct {
	text, key string
}

// nameWords splits s into words of letters, digits and combining marks,
// after NFKC (fullwidth letters become ASCII) and removal of format
// characters (soft hyphens, zero-width spaces), which a reader does not
// see and which would otherwise cut a word in two. A word's text is a
// substring of s so read.
func nameWords(s string) []nameWord {
	r := readWords(s)
	n := 0
	for end := 0; ; n++ {
		if _, end = nextNameWord(r.text, end); end < 0 {
			break
		}
	}
	if n == 0 {
		return nil
	}
	words := make([]nameWord, 0, n)
	// The keys are written one after the other in one buffer, each cut
	// from it as written (a strings.Builder never changes what it
	// holds): no allocation per word.
	var keys strings.Builder
	keys.Grow(len(r.text))
	for {
		from, to, key, ok := r.next()
		if !ok {
			break
		}
		at := keys.Len()
		keys.Write(key)
		words = append(words, nameWord{r.text[from:to], keys.String()[at:]})
	}
	return words
}

// A wordReader reads the words of a text as nameWords splits them, with
// their keys, one at a time.
type wordReader struct {
	// text is the text as read: format characters removed, NFKC.
	text  string
	ascii bool
	end   int // where the last word read ends
	// key holds the last word's key; scratch, its skeleton.
	key, scratch []byte
	// keys are the keys of non-ASCII words, rarer and dearer, computed
	// once per distinct word.
	keys map[string]string
}

func readWords(s string) *wordReader {
	r := &wordReader{text: s, ascii: isASCIIString(s)}
	if !r.ascii {
		r.text = norm.NFKC.String(strings.Map(func(r rune) rune {
			if r >= utf8.RuneSelf && unicode.Is(unicode.Cf, r) {
				return -1
			}
			return r
		}, s))
	}
	return r
}

// next reads the next word: its bounds in r.text and its key, which is
// valid until the next call. It returns ok=false after the last word.
func (r *wordReader) next() (from, to int, key []byte, ok bool) {
	if from, to = nextNameWord(r.text, r.end); to < 0 {
		return 0, 0, nil, false
	}
	r.end = to
	w := r.text[from:to]
	if r.ascii || isASCIIString(w) {
		r.key, r.scratch = appendASCIIKey(r.key[:0], r.scratch, w)
		return from, to, r.key, true
	}
	k, seen := r.keys[w]
	if !seen {
		if r.keys == nil {
			r.keys = make(map[string]string)
		}
		k = visualKey(w)
		r.keys[w] = k
	}
	r.key = append(r.key[:0], k...)
	return from, to, r.key, true
}

// nextNameWord returns the bounds of the first word of s at or after i;
// end is -1 when there is none.
func nextNameWord(s string, i int) (start, end int) {
	start = -1
	for i < len(s) {
		in, size := false, 1
		if c := s[i]; c < utf8.RuneSelf {
			in = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			in = isNameWordRune(r)
		}
		switch {
		case in && start < 0:
			start = i
		case !in && start >= 0:
			return start, i
		}
		i += size
	}
	if start < 0 {
		return -1, -1
	}
	return start, len(s)
}

// isNameWordRune reports the runes words are made of: letters, digits and
// combining marks.
func isNameWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// visualKey is the key a word is compared by: its UTS #39 skeleton taken
// before lowercasing (so that a capital I reads as l, as it looks),
// lowercased, then folded as host labels are.
func visualKey(w string) string {
	if !isASCIIString(w) {
		// Small capitals read as their letters, before the skeleton and
		// after it, which makes some ("ɶ" is "oᴇ").
		sk := smallCapitals.Replace(uts39.Skeleton(smallCapitals.Replace(w)))
		return string(lookalike.AppendSkeletonFold(nil, strings.ToLower(sk)))
	}
	var out, scratch [64]byte
	key, _ := appendASCIIKey(out[:0], scratch[:0], w)
	return string(key)
}

// smallCapitals reads the Latin small capitals as the letters they are
// ("ᴇɴᴠᴏʏᴇᴢ" is envoyez): confusables.txt maps only some of them. They
// are the letters Unicode names LATIN LETTER SMALL CAPITAL A to Z, AE and
// OE (TestSmallCapitals holds the list to the names).
var smallCapitals = strings.NewReplacer("ᴀ", "a", "ʙ", "b", "ᴄ", "c", "ᴅ", "d", "ᴇ", "e", "ꜰ", "f", "ɢ", "g",
	"ʜ", "h", "ɪ", "i", "ᴊ", "j", "ᴋ", "k", "ʟ", "l", "ᴍ", "m", "ɴ", "n", "ᴏ", "o", "ᴘ", "p", "ꞯ", "q", "ʀ", "r",
	"ꜱ", "s", "ᴛ", "t", "ᴜ", "u", "ᴠ", "v", "ᴡ", "w", "ʏ", "y", "ᴢ", "z", "ᴁ", "ae", "ɶ", "oe")

// appendASCIIKey appends the visual key of w, ASCII only, to dst, with
// scratch as the buffer of its lowercased skeleton, returned for the next
// word.
func appendASCIIKey(dst, scratch []byte, w string) ([]byte, []byte) {
	b := scratch[:0]
	for i := 0; i < len(w); i++ {
		if p := asciiSkeletons[w[i]]; len(p) == 1 {
			b = append(b, p[0])
		} else {
			b = append(b, p...)
		}
	}
	return lookalike.AppendFold(dst, string(b)), b
}

// asciiSkeletons holds the lowercased skeleton of each ASCII character.
// The skeleton of an ASCII word is the concatenation of its characters'
// ([uts39.AppendSkeleton]), so a word's is read from here a byte at a
// time.
var asciiSkeletons = func() (t [utf8.RuneSelf]string) {
	for c := range t {
		b := uts39.AppendSkeleton(nil, string(rune(c)))
		for i, x := range b {
			if 'A' <= x && x <= 'Z' {
				b[i] = x + 'a' - 'A'
			}
		}
		t[c] = string(b)
	}
	return t
}()
