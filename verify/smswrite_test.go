package verify

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// askedToWrite reads a request to write or send in the words before an
// address, and not a denial, a report, a request to phone, or padding.
func TestAskedToWrite(t *testing.T) {
	const addr = "x.dossiers@gmail.com"
	for _, tc := range []struct {
		before string
		want   bool
	}{
		{"Envoyez votre RIB a ", true},
		{"Envoyer votre RIB a ", true},
		{"Votre RIB est a envoyer a ", true},
		{"Merci de nous l'envoyer a ", true},
		{"Pourriez-vous nous envoyer votre RIB a ", true},
		{"N'hesitez pas a nous ecrire a ", true},
		{"\u0395nvoyez votre RIB a ", true},
		{"Envoyez votre RIB a " + strings.Repeat("👉", 100) + " ", true},
		{"Ne repondez pas. Votre adresse ", false},
		{"Nous venons de transmettre votre dossier. Adresse ", false},
		{"Contactez le 3646. Votre adresse ", false},
		{"Nous allons vous envoyer un code. Adresse ", false},
		{"Vous n'avez rien a envoyer. Adresse ", false},
		{"Votre adresse ", false},
		{"Envoyez votre RIB.\nAdresse : ", true},
		{"Envoyez votre RIB par mail : ", true},
		{"Contactez votre caisse. Nouvelle adresse : ", false},
		{"Ecrivez-nous via la messagerie de votre compte. Adresse : ", false},
		{"Repondez-nous dans les 48h a ", true},
		{"1) Envoyer votre RIB a ", true},
		{"Contactez-nous au 3646 ou par mail a ", true},
	} {
		text := tc.before + addr
		asked := askedToWrite(text, []linkSpan{{start: len(tc.before), end: len(text)}}, 0)
		assert.Equal(t, tc.want, asked, "%q", tc.before)
	}
}
