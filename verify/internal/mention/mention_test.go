package mention

import (
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/vigie-sante/vigie/domains"
)

func TestFind(t *testing.T) {
	ix := New([]Name{
		{Text: "Assurance Maladie", Owner: 1},
		{Text: "ameli", Owner: 1},
		{Text: "carte Vitale", Owner: 1},
		{Text: "Caisse primaire d'assurance maladie", Owner: 1},
		{Text: "Vitale", Owner: 1, Weak: true},
		{Text: "Harmonie Mutuelle", Owner: 2},
		{Text: "Alan", Owner: 3, Weak: true},
		{Text: "Génération", Owner: 4, Weak: true},
		{Text: "mutuelle HCR", Owner: 5},
	})
	for _, tc := range []struct {
		text string
		want []int
	}{
		{"AMELI: votre carte Vitale expire", []int{1}},
		{"Votre compte améli est bloqué", []int{1}},
		{"Une amélioration de votre espace", nil},
		{"SECURITE - ASSURANCE MALADIE", []int{1}},
		{"caisse primaire d’assurance maladie", []int{1}},
		{"Alan Smith", nil},
		{"Alan: remboursement de vos soins", []int{3}},
		{"La nouvelle génération de smartphones", nil},
		{"Génération: votre mutuelle vous rembourse", []int{4}},
		{"Harmonie Mutuelle et votre mutuelle HCR", []int{2, 5}},
		{"", nil},
	} {
		var got []int
		for _, h := range ix.Find(tc.text) {
			got = append(got, h.Owner)
		}
		assert.Equal(t, tc.want, got, tc.text)
	}
}

func TestTokens(t *testing.T) {
	assert.Equal(t, []string{"securite", "sociale", "l", "assurance"}, Tokens("Sécurité-Sociale: l'Assurance"))
	assert.Empty(t, Tokens(" -- "))
}

// refIndex is Index as it was before words were looked up once each: the
// reference Find must agree with.
type refIndex struct{ first map[string][]phrase }

func newRef(names []Name) *refIndex {
	ix := &refIndex{first: make(map[string][]phrase)}
	for _, n := range names {
		if toks := Tokens(n.Text); len(toks) > 0 {
			ix.first[toks[0]] = append(ix.first[toks[0]], phrase{toks, n})
		}
	}
	return ix
}

func (ix *refIndex) find(text string) []Hit {
	toks := Tokens(text)
	context := false
	for _, t := range toks {
		context = context || contextWords[t]
	}
	var hits []Hit
	seen := make(map[int]bool)
	for i, t := range toks {
		for _, p := range ix.first[t] {
			if seen[p.name.Owner] || p.name.Weak && !context || !refHasAt(toks, i, p.tokens) {
				continue
			}
			seen[p.name.Owner] = true
			hits = append(hits, Hit{Owner: p.name.Owner, Name: p.name.Text, Weak: p.name.Weak})
		}
	}
	return hits
}

func refHasAt(toks []string, i int, want []string) bool {
	if i+len(want) > len(toks) {
		return false
	}
	for k, w := range want {
		if toks[i+k] != w {
			return false
		}
	}
	return true
}

// registryNames are the names and aliases of the embedded registry.
func registryNames() []Name {
	var list []Name
	for i, o := range domains.Default().Organizations() {
		list = append(list, Name{Text: o.Name, Owner: i})
		for _, a := range o.Aliases {
			list = append(list, Name{Text: a, Owner: i})
		}
		for _, a := range o.WeakAliases {
			list = append(list, Name{Text: a, Owner: i, Weak: true})
		}
	}
	return list
}

// randomWords writes n words drawn from the registry's names and ordinary
// French, context words among them, with separators and accents.
func randomWords(r *rand.Rand, list []Name, n int) string {
	plain := []string{"votre", "dossier", "Santé", "mutuelle", "assurance", "remboursement", "le", "d'", "vitale", "ÉTÉ", "alan", "génération"}
	seps := []string{" ", " ", ", ", "\n", "-", "'", ": "}
	var b strings.Builder
	for range n {
		if r.IntN(3) == 0 {
			b.WriteString(list[r.IntN(len(list))].Text)
		} else {
			b.WriteString(plain[r.IntN(len(plain))])
		}
		b.WriteString(seps[r.IntN(len(seps))])
	}
	return b.String()
}

func TestFindMatchesReference(t *testing.T) {
	list := registryNames()
	ix, ref := New(list), newRef(list)
	r := rand.New(rand.NewPCG(3, 4))
	for range 3000 {
		s := randomWords(r, list, r.IntN(12))
		require.Equal(t, ref.find(s), ix.Find(s), "%q", s)
	}
	s := randomWords(r, list, 10000)
	require.Greater(t, len(ix.Find(s)), 10, "the text names organisations")
	require.Equal(t, ref.find(s), ix.Find(s))
	data, err := os.ReadFile("../../../../shared/registry/RESEARCH.md")
	if err != nil {
		t.Skipf("the shared corpora are absent: %v", err)
	}
	require.Equal(t, ref.find(string(data)), ix.Find(string(data)))
	for _, line := range strings.Split(string(data), "\n") {
		require.Equal(t, ref.find(line), ix.Find(line), "%q", line)
	}
}

func FuzzFindMatchesReference(f *testing.F) {
	list := registryNames()
	ix, ref := New(list), newRef(list)
	for _, s := range []string{"AMELI: votre carte Vitale expire", "Alan: remboursement de vos soins", "Harmonie Mutuelle et votre mutuelle HCR"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		require.Equal(t, ref.find(s), ix.Find(s), "%q", s)
	})
}
