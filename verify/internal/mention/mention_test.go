package mention

import (
	"testing"

	"github.com/stretchr/testify/assert"
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
