package uts39

import (
	"sort"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestResolvedScripts(t *testing.T) {
	tests := []struct {
		in   string
		want []string // nil means every script
	}{
		{"", nil},
		{"123-", nil},
		{"\u0301", nil}, // Inherited alone
		{"ameli", []string{"Latin"}},
		{"AMELI-2024.fr", []string{"Latin"}},
		{"se\u0301curite\u0301", []string{"Latin"}},
		{"\u0430\u0440\u0435", []string{"Cyrillic"}},
		{"\u0430meli", []string{}},
		{"g\u03bfuv", []string{}},
		{"\u03b1\u03b2\u03b3", []string{"Greek"}},
		{"\u65e5\u672c\u8a9e", []string{"Han", "Han_with_Bopomofo", "Japanese", "Korean"}},
		{"\u3072\u3089\u304c\u306a\u30ab\u30bf\u30ab\u30ca\u6f22\u5b57", []string{"Japanese"}},
		{"\ud55c\uad6d\uc5b4\u6f22\u5b57", []string{"Korean"}},
		{"\u3105\u6f22", []string{"Han_with_Bopomofo"}},
		{"\u3072\ud55c", []string{}},
		{"a\xff", []string{}}, // invalid UTF-8 is Unknown
		{"\u0378", []string{"Unknown"}},
	}
	for _, tt := range tests {
		got := ResolvedScripts(tt.in)
		if tt.want == nil {
			assert.True(t, got.IsAll(), "%+q: %v", tt.in, got)
			continue
		}
		assert.Equal(t, tt.want, append([]string{}, got.Names()...), "%+q", tt.in)
		assert.Equal(t, len(tt.want) == 0, IsMixedScript(tt.in), "%+q", tt.in)
	}
}

func TestScriptsOf(t *testing.T) {
	assert.Equal(t, []string{"Latin"}, ScriptsOf('a').Names())
	assert.Equal(t, []string{"Latin"}, ScriptsOf('\u00e9').Names())
	assert.Equal(t, []string{"Cyrillic"}, ScriptsOf('\u0430').Names())
	assert.Equal(t, []string{"Armenian"}, ScriptsOf('\u0570').Names())
	assert.Equal(t, []string{"Hiragana", "Japanese"}, ScriptsOf('\u3072').Names())
	assert.True(t, ScriptsOf('-').IsAll())
	assert.True(t, ScriptsOf('7').IsAll())
	assert.True(t, ScriptsOf('\u0301').IsAll())
	assert.Equal(t, []string{"Unknown"}, ScriptsOf(-1).Names())
	assert.Equal(t, []string{"Unknown"}, ScriptsOf(0x110000).Names())
}

func TestScriptSetMethods(t *testing.T) {
	var empty ScriptSet
	assert.True(t, empty.IsEmpty())
	assert.False(t, empty.IsAll())
	assert.Equal(t, "{}", empty.String())
	assert.Equal(t, "{*}", ResolvedScripts("").String())
	assert.Equal(t, "{Cyrillic}", ResolvedScripts("\u0430").String())
	assert.Len(t, ResolvedScripts("").Names(), numScripts)

	cyr := ResolvedScripts("\u0430")
	assert.True(t, cyr.Has("Cyrillic"))
	assert.False(t, cyr.Has("Latin"))
	assert.False(t, cyr.Has("Klingon"))
	assert.True(t, cyr.Intersect(ResolvedScripts("b")).IsEmpty())
	assert.Equal(t, cyr, cyr.Intersect(ResolvedScripts("123")))
}

func TestHighlyRestrictive(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"ameli", true},
		{"\u0430\u0440\u0435", true}, // single script, even if confusable
		{"\u0430meli", false},
		{"abc\u65e5\u672c", true},              // Latin + Han
		{"abc\u3072\u30ab\u65e5", true},        // Latin + Japanese
		{"abc\ud55c\u6f22", true},              // Latin + Korean
		{"abc\u3105\u6f22", true},              // Latin + Han + Bopomofo
		{"abc\u0430\u6f22", false},             // Latin + Cyrillic + Han
		{"\u3072\ud55c", false},                // Hiragana + Hangul
		{"abc\u03b1", false},                   // Latin + Greek
		{"\u3105\u3072", false},                // Bopomofo + Hiragana
		{"abc\u3072\u30ab\u65e5\ud55c", false}, // Japanese + Korean
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, HighlyRestrictive(tt.in), "%+q", tt.in)
	}
}

func TestIsWholeScriptConfusable(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"\u0430\u0440\u0435", true},                   // "аре" -> "ape"
		{"\u0455\u0441\u043e\u0440\u0435", true},       // "ѕсоре" -> "scope"
		{"\u0440\u0430\u0443\u0440\u0430\u04cf", true}, // "раураӏ" -> "paypal"
		{"\u0430\u0440\u0435-1", true},                 // digits and hyphen allowed
		{"\u0430\u0440\u0435\u200b", true},             // ZWSP vanishes from the skeleton
		{"\u0430\u0440\u04350", true},                  // '0' -> 'O' is a Latin skeleton byte
		{"\u03bf\u03c1\u03bf", true},                   // Greek "ορο" -> "opo"
		{"\u0570\u0578", true},                         // Armenian "հո" -> "ho"
		{"\u0441\u043e\u043c", false},                  // "сом": м -> U+028D, not m
		{"\u0441\u043em", false},                       // mixed Cyrillic/Latin is not whole-script
		{"\u0410\u0420\u0415", false},                  // uppercase: skeleton "APE"
		{"\u0430\u0431\u0432", false},                  // "абв": б and в have no Latin lookalike
		{"\u03b5", false},                              // Greek ε -> U+A793
		{"ape", false},                                 // Latin
		{"123-", false},                                // no script at all
		{"", false},
		{"\u65e5\u672c", false},
		{"\u0430\u0440\u0435.fr", false}, // a whole host name is not a label
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, IsWholeScriptConfusable(tt.in), "%+q (skeleton %+q)", tt.in, Skeleton(tt.in))
	}
}

// TestLatinSkeletonAlphabet pins the bytes a Latin label's skeleton can
// contain, which IsWholeScriptConfusable relies on.
func TestLatinSkeletonAlphabet(t *testing.T) {
	var got []byte
	for c, ok := range latinSkeleton {
		if ok {
			got = append(got, byte(c))
		}
	}
	assert.Equal(t, "-23456789Oabcdefghijklnopqrstuvwxyz", string(got))
}

// TestScriptTableMatchesGo checks the generated script runs against Go's
// unicode package, code point by code point.
func TestScriptTableMatchesGo(t *testing.T) {
	if unicode.Version != goUnicodeVersion {
		t.Skipf("script tables were generated from Unicode %s, this Go has %s: run go generate", goUnicodeVersion, unicode.Version)
	}
	names := make([]string, 0, len(unicode.Scripts))
	for n := range unicode.Scripts {
		names = append(names, n)
	}
	sort.Strings(names)
	want := make([]string, maxRune+1)
	for _, n := range names {
		tab := unicode.Scripts[n]
		for _, rg := range tab.R16 {
			for r := rune(rg.Lo); r <= rune(rg.Hi); r += rune(rg.Stride) {
				want[r] = n
			}
		}
		for _, rg := range tab.R32 {
			for r := rune(rg.Lo); r <= rune(rg.Hi); r += rune(rg.Stride) {
				want[r] = n
			}
		}
	}
	for r := rune(0); r <= maxRune; r++ {
		w := want[r]
		if w == "" {
			w = "Unknown"
		}
		if got := scriptNames[scriptOf(r)]; got != w {
			require.Equal(t, w, got, "%U", r)
		}
	}
	assert.Equal(t, len(names)+1+3, numScripts)
}
