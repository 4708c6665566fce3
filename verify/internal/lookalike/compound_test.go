package lookalike

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func namesIndex(t testing.TB) *Index {
	t.Helper()
	ix, err := New([]Target{
		{Domain: "ameli.fr", Owner: 1, Names: []string{"assurance-maladie", "carte-vitale"},
			Aliases:     []string{"CPAM", "carte Vitale", "Assurance Maladie"},
			WeakAliases: []string{"Vitale", "Sécurité sociale"}},
		{Domain: "impots.gouv.fr", Owner: 2, Aliases: []string{"DGFiP", "cfspart"}, WeakAliases: []string{"impôts"}},
	}, DefaultOptions())
	require.NoError(t, err)
	return ix
}

// TestSegment checks the split of glued labels: every letter explained
// when the words are known, one typo per word of 5 letters or more, never
// on the first two letters or as the last letter changed.
func TestSegment(t *testing.T) {
	ix := namesIndex(t)
	for _, c := range []struct {
		text    string
		words   string // the words found, "~" marking a typo
		unknown int
	}{
		{"ameliespacesecurise", "ameli espace securise", 0},
		{"securitesocialamelie", "securitesocial ~amelie", 0},
		{"rembourssementameli", "~rembourssement ameli", 0},
		{"espaceameii", "espace ~ameii", 0},
		{"lacpamcartevitale", "cpam cartevitale", 0},
		{"cpam92", "cpam 92", 0},
		{"amelioration", "ameli", 6}, // "a" explains one letter
		{"bmeli", "", 5},             // no typo on the first letters
		{"amelo", "", 4},             // nor the last one changed
		{"example", "", 4},           // nothing known but "a" and "le"
	} {
		var out [maxRunes]piece
		n, unknown := ix.segment([]byte(c.text), 0, &out)
		var words []string
		for _, p := range out[:n] {
			w := c.text[p.s:p.e]
			if p.typo {
				w = "~" + w
			}
			if p.meaning >= 0 && ix.meanings[p.meaning].class != classFiller || isDigit(w[0]) {
				words = append(words, w)
			}
		}
		assert.Equal(t, c.words, strings.Join(words, " "), c.text)
		assert.Equal(t, c.unknown, unknown, c.text)
	}
}

func TestSegmentBounds(t *testing.T) {
	ix := namesIndex(t)
	var out [maxRunes]piece
	n, unknown := ix.segment([]byte(strings.Repeat("a", maxRunes+1)), 0, &out)
	assert.Zero(t, n)
	assert.Equal(t, maxRunes+1, unknown)
	n, _ = ix.segment([]byte(strings.Repeat("ameli", 12)), 0, &out)
	assert.Equal(t, 12, n)
}

func TestMatchName(t *testing.T) {
	ix := namesIndex(t)
	for _, c := range []struct {
		name, domain string
		tech         Technique
	}{
		{"AMELI", "ameli.fr", ComboSquat},
		{"Assurance Maladie", "ameli.fr", ComboSquat | Alias},
		{"Service Remboursement AMELI", "ameli.fr", ComboSquat},
		{"CPAM Info", "ameli.fr", ComboSquat | Alias},
		{"Sécurité sociale - remboursement", "ameli.fr", ComboSquat | Alias},
		{"Ameii Remboursement", "ameli.fr", ComboSquat | EditDistance},
		{"DGFiP", "impots.gouv.fr", ComboSquat | Alias},
		{"Impôts gouv", "impots.gouv.fr", ComboSquat},
		{"Vitale", "", 0},       // a weak name alone
		{"Amélioration", "", 0}, // a name inside a word
		{"Jean Dupont", "", 0},  // no name
		{"", "", 0},
	} {
		m, ok := ix.MatchName(c.name)
		assert.Equal(t, c.domain != "", ok, c.name)
		if ok {
			assert.Equal(t, c.domain, m.Domain, c.name)
			assert.Equal(t, c.tech, m.Techniques&c.tech, c.name)
		}
	}
}

func FuzzMatchName(f *testing.F) {
	ix := namesIndex(f)
	for _, s := range []string{"AMELI", "Assurance Maladie", "Sécurité sociale", "ÉÉÉ", "a-b_c", strings.Repeat("ameli ", 60)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, ok := ix.MatchName(s)
		if ok {
			require.NotEmpty(t, m.Domain)
		}
	})
}

func FuzzMatch(f *testing.F) {
	ix := namesIndex(f)
	for _, s := range []string{"ameliespacesecurise.fr", "cpam92.fr", "a.b.c", "xn--melli-qqa.fr", "impots.gov.fr", "x_y-z.beget.tech"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, host string) {
		m, ok := ix.Match(strings.ToLower(host))
		if ok {
			require.NotEmpty(t, m.Domain)
		}
	})
}
