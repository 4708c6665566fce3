package textlinks

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func texts(links []Link) []string {
	out := []string{}
	for _, l := range links {
		out = append(out, l.Text)
	}
	return out
}

func TestFind(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"AMELI: votre carte Vitale expire, renouvelez-la sur ameli-carte-vitale.com.", []string{"ameli-carte-vitale.com"}},
		{"Appelez le 09.70.12.34.56 ou le +33 6 12 34 56 78.", []string{}},
		{"Ecrivez a contact@ameli.fr ou mailto:contact@ameli.fr", []string{"mailto:contact@ameli.fr"}},
		{"Cliquez: https://bit.ly/3xAmeli!", []string{"https://bit.ly/3xAmeli"}},
		{"\"harmonie-mutuelle.fr.verif-compte.com/login\" maintenant", []string{"harmonie-mutuelle.fr.verif-compte.com/login"}},
		{"Allez sur (www.ameli.fr) ou ameli.fr/compte, merci.", []string{"www.ameli.fr", "ameli.fr/compte"}},
		{"« https://assure.ameli.fr/PortailAS »", []string{"https://assure.ameli.fr/PortailAS"}},
		{"Connectez-vous sur ameli\u200b-remboursement\u00ad.com", []string{"ameli-remboursement.com"}},
		{"https://fr.wikipedia.org/wiki/Assurance_maladie_(France).", []string{"https://fr.wikipedia.org/wiki/Assurance_maladie_(France)"}},
		{"http://1.2.3.4/admin", []string{"http://1.2.3.4/admin"}},
		{"Bonjour, rien a signaler.", []string{}},
		{"connectez-vous sur assure.ameli.fr@evil.com/login", []string{"assure.ameli.fr@evil.com/login"}},
		{"remboursement sur 185.12.4.3/a", []string{"185.12.4.3/a"}},
		{"sur 185.12.4.3:8080 maintenant", []string{"185.12.4.3:8080"}},
		{"Version 1.2.3.4 de l'appli disponible", []string{}},
		{"sur ameli-remboursement．com", []string{"ameli-remboursement.com"}},
		{"sur ameli-remboursement。com/x", []string{"ameli-remboursement.com/x"}},
		// A bidirectional mark is not ignored by browsers: it stays.
		{"https://evil-site.com\u200e.ameli.fr/connexion", []string{"https://evil-site.com\u200e.ameli.fr/connexion"}},
	} {
		got, _ := Find(tc.text, -1)
		assert.Equal(t, tc.want, texts(got), tc.text)
	}
}

func TestFindLimit(t *testing.T) {
	text := strings.Repeat("a.fr b.fr ", 50)
	got, cut := Find(text, 10)
	assert.Len(t, got, 10)
	assert.True(t, cut)
	got, cut = Find("a.fr b.fr", 10)
	assert.Len(t, got, 2)
	assert.False(t, cut)
}

func TestClean(t *testing.T) {
	assert.Equal(t, "ameli.fr", Clean("am\u200beli\u2060.\ufefffr\u00ad"))
	assert.Equal(t, "ameli.fr", Clean("ameli。fr"))
	assert.Equal(t, "a\u200eb\u200dc", Clean("a\u200eb\u200dc"))
	s := "déjà vu"
	assert.Equal(t, s, Clean(s))
}
