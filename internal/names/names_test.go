package names

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestFold(t *testing.T) {
	for _, c := range []struct {
		in, label string
		words     []string
	}{
		{"Œuvre", "oeuvre", []string{"oeuvre"}},
		{"ŒUVRE", "oeuvre", []string{"oeuvre"}},
		{"Génération", "generation", []string{"generation"}},
		{"Sécurité sociale", "securitesociale", []string{"securite", "sociale"}},
		{"Caisse primaire d'Assurance Maladie", "caisseprimairedassurancemaladie", []string{"caisse", "primaire", "d", "assurance", "maladie"}},
		{"HCR Bien-Être", "hcrbienetre", []string{"hcr", "bien", "etre"}},
		{"ameli", "ameli", []string{"ameli"}},
		{"", "", []string{}},
	} {
		assert.Equal(t, c.label, Label(c.in), c.in)
		assert.Equal(t, c.words, Words(c.in), c.in)
	}
	assert.Equal(t, "caisse-primaire-d-assurance-maladie", Hyphenated("Caisse primaire d'assurance maladie"))
}
