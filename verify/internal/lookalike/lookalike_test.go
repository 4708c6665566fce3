package lookalike

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/vigie-sante/vigie/internal/shared"
)

func TestAppendFold(t *testing.T) {
	for in, want := range map[string]string{
		"ameli":             "amell",
		"arneli":            "amell",
		"amel1":             "amell",
		"harrnonie":         "harmonle",
		"vvww":              "www",
		"clinic":            "dlnlc",
		"c1ub":              "dub",
		"skiing":            "skung",
		"g00gle":            "google",
		"annie":             "amle",
		"rnn":               "mn",
		"harmonie-mutuelle": "harmonle-mutuelle",
		"é":                 "é",
	} {
		assert.Equal(t, want, string(AppendFold(nil, in)), in)
	}
}

// TestFoldStepsMatchPairFold holds the fold's table, and the tokenizer
// that reads it, to the rules it was built from: every pair of bytes,
// folded as the documentation of AppendFold states, and as the tokenizer
// folds a label.
func TestFoldStepsMatchPairFold(t *testing.T) {
	ix := testIndex(t)
	for a := range 256 {
		for b := range 256 {
			in := string([]byte{byte(a), byte(b)})
			want := []byte{foldByteAlone(byte(a)), foldByteAlone(byte(b))}
			if p := pairFold(digitFold(byte(a)), digitFold(byte(b))); p != 0 {
				want = []byte{p}
			}
			require.Equal(t, string(want), string(AppendFold(nil, in)), "%q", in)
			if a == '.' || b == '.' || a == '-' || b == '-' || a == '_' || b == '_' {
				continue
			}
			m := ix.newMatcher(in + ".fr")
			require.True(t, m.tokenize(), "%q", in)
			require.Equal(t, string(want), string(m.tok(0)), "tokenizer on %q", in)
			m.release()
		}
	}
}

// foldByteAlone is AppendFold's fold of a byte that begins no pair.
func foldByteAlone(c byte) byte {
	if c = digitFold(c); c == 'i' {
		return 'l'
	}
	return c
}

func TestAppendSkeletonFold(t *testing.T) {
	for in, want := range map[string]string{
		"amelі":       "amell", // Cyrillic і
		"аmeli":       "amell", // Cyrillic а
		"améli":       "amell", // accent dropped
		"àmeli":       "amell",
		"hcrbienêtre": "hcrblenetre",
		"đigklmo68":   "dlgklmo68",
		"digkłmo68":   "dlgklmo68",
		"шмнть":       "wmhtb",
		"ρaypal":      "paypal",
		"ameli":       "amell",
	} {
		assert.Equal(t, want, string(AppendSkeletonFold(nil, in)), in)
	}
}

// TestChromiumEditDistance runs Chromium's IsEditDistanceAtMostOne and
// IsLikelyEditDistanceFalsePositive cases (lookalike_url_util_unittest.cc).
func TestChromiumEditDistance(t *testing.T) {
	var file struct {
		AtMostOne []struct {
			A, B     string
			Expected bool
		} `json:"is_edit_distance_at_most_one"`
		FalsePositive struct {
			Cases []struct {
				Navigated, Matched string
				Likely             bool `json:"is_likely_false_positive"`
			}
		} `json:"edit_distance_likely_false_positive"`
	}
	require.NoError(t, json.Unmarshal(shared.Read(t, "conformance/chromium-lookalike-heuristics-cases.json"), &file))
	for _, c := range file.AtMostOne {
		assert.Equal(t, c.Expected, osa([]rune(c.A), []rune(c.B), 1) <= 1, "%q %q", c.A, c.B)
	}
	for _, c := range file.FalsePositive.Cases {
		// Chromium compares registrable domains; vigie compares their
		// labels, and a difference in the TLD alone is a TLD swap.
		nl, ml := lastLabel(c.Navigated), lastLabel(c.Matched)
		likely := nl == ml || likelyFalsePositive([]rune(nl), []rune(ml))
		assert.Equal(t, c.Likely, likely, "%s vs %s", c.Navigated, c.Matched)
	}
	t.Logf("Chromium edit-distance cases: %d at-most-one, %d false-positive filter, all pass", len(file.AtMostOne), len(file.FalsePositive.Cases))
}

// lastLabel is the label before the public suffix of a host.
func lastLabel(host string) string {
	l := registrableLabel(host)
	for i := len(l) - 1; i >= 0; i-- {
		if l[i] == '.' {
			return l[i+1:]
		}
	}
	return l
}

func TestOSA(t *testing.T) {
	for _, c := range []struct {
		a, b  string
		limit int
		want  int
	}{
		{"ameli", "ameli", 2, 0},
		{"ameli", "aemli", 2, 1},
		{"ameli", "amelie", 2, 1},
		{"interimairessante", "interimairesante", 2, 1},
		{"harmonie", "harrnonie", 2, 2},
		{"abc", "xyz", 1, 2},
		{"ca", "abc", 3, 3}, // OSA, not full Damerau: no edit inside a transposed pair
	} {
		assert.Equal(t, c.want, osa([]rune(c.a), []rune(c.b), c.limit), "%s %s", c.a, c.b)
	}
}

func TestPlausibleTypo(t *testing.T) {
	for _, c := range []struct {
		cand, official string
		want           bool
	}{
		{"mammut", "matmut", false}, // t and m are far apart
		{"matmjt", "matmut", true},  // j next to u
		{"amelie", "ameli", true},   // a letter added at the end
		{"amelli", "ameli", true},   // a letter doubled
		{"ameki", "ameli", true},    // k next to l
		{"amali", "ameli", true},    // a vowel for a vowel
		{"aemli", "ameli", true},    // swapped
		{"amli", "ameli", true},     // dropped
		{"amexli", "ameli", false},  // an x in the middle
	} {
		assert.Equal(t, c.want, plausibleTypo([]rune(c.cand), []rune(c.official)), "%s for %s", c.cand, c.official)
	}
}

func testIndex(t *testing.T) *Index {
	ix, err := New([]Target{
		{Domain: "ameli.fr", Hosts: []string{"assure.ameli.fr"}},
		{Domain: "harmonie-mutuelle.fr"},
		{Domain: "amelie-sante.fr"},
		{Domain: "mgen.fr"},
		{Domain: "april.fr"},
	}, DefaultOptions())
	require.NoError(t, err)
	return ix
}

func TestMatchClosestWinsDeterministically(t *testing.T) {
	ix := testIndex(t)
	// "assure.ameli.fr" embedded beats a combo-squat of amelie-sante.fr.
	m, ok := ix.Match("assure.ameli.fr.amelie-sante-verif.com")
	require.True(t, ok)
	assert.Equal(t, "ameli.fr", m.Domain)
	assert.Equal(t, "assure.ameli.fr", m.Via)
	assert.Equal(t, TargetEmbedding, m.Techniques)
	for range 20 {
		again, _ := ix.Match("assure.ameli.fr.amelie-sante-verif.com")
		assert.Equal(t, m, again)
	}
}

func TestMatchBounds(t *testing.T) {
	ix := testIndex(t)
	long := "a"
	for len(long) < 240 {
		long += ".a"
	}
	_, ok := ix.Match(long + ".ameli.fr.evil.com")
	assert.False(t, ok, "longer than 253 bytes: not a host")
	m, ok := ix.Match("a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.ameli.fr.evil.com")
	require.True(t, ok, "many labels do not hide an embedding")
	assert.Equal(t, "ameli.fr", m.Domain)
	_, ok = ix.Match("com")
	assert.False(t, ok)
	_, ok = ix.Match("")
	assert.False(t, ok)
}

func TestNewErrors(t *testing.T) {
	_, err := New([]Target{{Domain: "gouv.fr"}}, DefaultOptions())
	assert.Error(t, err)
	_, err = New([]Target{{Domain: "ameli.fr", Hosts: []string{"evil.com"}}}, DefaultOptions())
	assert.Error(t, err)
	opts := DefaultOptions()
	opts.MinLength2 = 2
	_, err = New(nil, opts)
	assert.Error(t, err)
	for _, kw := range []string{"two words", "mon_compte", "_", "mon-compte", "a.b", "", "sécu"} {
		opts = DefaultOptions()
		opts.Keywords = []string{kw}
		_, err = New(nil, opts)
		assert.Error(t, err, "keyword %q", kw)
	}
}

func TestUnsafeIDN(t *testing.T) {
	for host, unsafe := range map[string]bool{
		"xn--caf-dma.fr":      false, // café
		"xn--80aswg.xn--p1ai": false, // сайт.рф
		"xn--e1adhj9a.com":    false, // музей
		"xn--80ak6aa92e.com":  true,  // аррӏе
		"xn--80ak6aa92e.ru":   false, // the same in .ru
		"xn--pypal-4ve.com":   true,  // pаypal: Latin and Cyrillic
		"xn--hello-.com":      true,  // Punycode for ASCII
		"xn--ls8h.la":         true,  // an emoji
		"xn--ll-0ea.cat":      false, // l·l in Catalan
		"xn--al-0ea.cat":      true,  // a·l
		"example.com":         false,
	} {
		got := UnsafeIDN(host)
		assert.Equal(t, unsafe, got != "", "%s: %q", host, got)
	}
}

func TestMatchDoesNotAllocateForUnknownASCII(t *testing.T) {
	ix := testIndex(t)
	for _, h := range []string{"www.example.com", "actu.journal-du-soir.fr", "camelia.fr"} {
		assert.Zero(t, testing.AllocsPerRun(100, func() { ix.Match(h) }), h)
	}
}
