package names

import (
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/stretchr/testify/require"
	"golang.org/x/text/unicode/norm"
)

// refAppendFolded is appendFolded as it was before its ASCII fast path:
// every rune through the Unicode tables. It is the reference the fast
// path must agree with.
func refAppendFolded(dst []byte, s string, sep byte) []byte {
	ligatures := map[rune]string{'œ': "oe", 'æ': "ae", 'ß': "ss", 'ĳ': "ij", 'ﬁ': "fi", 'ﬂ': "fl"}
	if isLowerASCIIWord(s) {
		return append(dst, s...)
	}
	// An invalid byte is no letter; x/text's NFD leaves the rune after
	// one undecomposed ("\xf2ǽ" stays "ǽ"), so it is replaced first.
	for _, r := range norm.NFD.String(strings.ToValidUTF8(s, "\uFFFD")) {
		r = unicode.ToLower(r)
		switch {
		case unicode.Is(unicode.Mn, r):
		case ligatures[r] != "":
			dst = append(dst, ligatures[r]...)
		case r == 0x02BC || r == 0x02BB:
			if sep != 0 {
				dst = append(dst, sep)
			}
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			dst = utf8.AppendRune(dst, r)
		case sep != 0:
			dst = append(dst, sep)
		}
	}
	return dst
}

func requireFoldsAsReference(t *testing.T, s string) {
	t.Helper()
	require.Equal(t, strings.Fields(string(refAppendFolded(nil, s, ' '))), Words(s), "%q", s)
	require.Equal(t, string(refAppendFolded(nil, s, 0)), Label(s), "%q", s)
}

// RandomText writes n runes drawn mostly from French text, with the
// characters names are disguised with: accents precomposed and combining,
// ligatures, fullwidth letters, format characters, look-alike scripts and
// invalid bytes.
func randomText(r *rand.Rand, n int) string {
	pieces := []string{"a", "E", "z", "0", "9", " ", " ", "-", "'", ".", "\n", "é", "È", "ç", "Œ", "œ", "æ", "ß", "ĳ", "ﬁ",
		"\u0301", "\u0327", "\u00ad", "\u200b", "Ａ", "ｍ", "\u0410", "\u03b1", "İ", "ı", "ǅ", "Ⅻ", "²", "٣", "\xff", "\u2019", "€"}
	var b strings.Builder
	for range n {
		b.WriteString(pieces[r.IntN(len(pieces))])
	}
	return b.String()
}

// TestFoldMatchesReference compares the fold with its reference on random
// texts and on the shared corpora, read whole and line by line.
func TestFoldMatchesReference(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		requireFoldsAsReference(t, randomText(r, r.IntN(40)))
	}
	requireFoldsAsReference(t, randomText(r, 60<<10))
	// Past 30 combining marks in a row, NFD inserts a grapheme joiner.
	requireFoldsAsReference(t, "e"+strings.Repeat("\u0301", 40)+"x"+strings.Repeat("\u0327\u0301\u0323", 25)+"Œ")
	corpora := []string{"../../../shared/registry/RESEARCH.md", "../../../shared/unicode/confusables.txt", "../../../shared/unicode/IdnaTestV2.txt"}
	for _, p := range corpora {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Logf("skipping %s: %v (the shared corpora are absent)", p, err)
			continue
		}
		requireFoldsAsReference(t, string(data))
		for _, line := range strings.Split(string(data), "\n") {
			requireFoldsAsReference(t, line)
		}
	}
}

func FuzzFoldMatchesReference(f *testing.F) {
	for _, s := range []string{"Œuvre", "Sécurité-Sociale: l'Assurance", "e\u0301\u0327", "ＡＭＥＬＩ\u00ad", "\xffa"} {
		f.Add(s)
	}
	f.Fuzz(requireFoldsAsReference)
}

// TestNoKeptCombiningMark checks what appendFolded's reading of NFD one
// rune at a time rests on: no character that NFD may reorder (a non-zero
// canonical combining class) is kept as a letter or digit.
func TestNoKeptCombiningMark(t *testing.T) {
	for r := rune(utf8.RuneSelf); r <= unicode.MaxRune; r++ {
		if norm.NFD.PropertiesString(string(r)).CCC() == 0 {
			continue
		}
		l := unicode.ToLower(r)
		require.False(t, !unicode.Is(unicode.Mn, l) && (unicode.IsLetter(l) || unicode.IsDigit(l)), "%U", r)
	}
}

// TestFoldEveryRune compares the fold with its reference on every
// character alone, after a letter, and before a combining mark.
func TestFoldEveryRune(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if !unicode.IsGraphic(r) && !unicode.Is(unicode.Cf, r) {
			continue // unassigned, or a control, surrogate or private use
		}
		s := string(r)
		for _, text := range []string{s, "e" + s + "\u0323\u0301", s + "\u0301\u0327x"} {
			if got, want := Label(text), string(refAppendFolded(nil, text, 0)); got != want {
				t.Fatalf("%U in %q: %q, want %q", r, text, got, want)
			}
		}
	}
}
