package verify

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRedTeamDetection holds the hosts a red-team pass over the lookalike
// engine's precision and recall rules found misjudged, each with the
// organisation it imitates, or "" for a host that must stay unknown.
func TestRedTeamDetection(t *testing.T) {
	tests := []struct {
		name, host, org string
	}{
		// The singular of a word ending in -ss, -is, -as, -us or -os
		// is no singular: "swislife" is a typo of Swiss Life, not a
		// name of it that the group rules then excuse.
		{"typo of a name ending in ss, beside a word", "swislife-france.com", "swiss-life"},
		{"typo of a name ending in ss, glued", "swislifefrance.com", "swiss-life"},
		{"typo of a name ending in ss, after groupe", "groupeswislife.com", "swiss-life"},
		{"typo of a name ending in is", "malakoffhumani.com", "malakoff-humanis"},
		{"typo of a name ending in as", "bnpparibacardif.com", "bnp-paribas-cardif"},
		// The singulars that are real ones still count.
		{"singular of impots", "impotgouv.com", "dgfip-impots"},
		{"singular of assurances", "maafassurance.com", "maaf"},
		// An alias spelt as a phrase that is the organisation's own
		// domain label but for one letter is no common phrase.
		{"domain label in the singular, words apart", "mutuelle-du-soleil.fr", "mutuelles-du-soleil"},
		{"groupe before the name, words apart", "groupe-agrica.fr", "agrica"},
		{"domain label in the singular, words apart, plural suffix", "carte-blanche-partenaire.fr", "carte-blanche-partenaires"},
		{"a strong name as words of their own, then a keyword", "solly-azar-assurance.fr", "solly-azar"},
		{"a strong domain label as words, after la", "la-mutuelle-verte.fr", "mutuelle-verte"},
		{"a common phrase stays one", "assurance-maladie.ch", ""},
		{"a common phrase with an ordinary word stays one", "finances-publiques.be", ""},
		{"a weak name is also a word", "abeille-vie.fr", ""},
		// A typo'd name inside a token between exact words is the
		// name; beside another typo'd word it is chance.
		{"typo of ameli between two keywords", "monamellicompte.com", "assurance-maladie"},
		{"typo of ameli between keywords, glued", "espaceamellisante.fr", "assurance-maladie"},
		{"two typos explain a town hall's label", "mairiemasseret.fr", ""},
		// A village's comité des fêtes: "comite" reads as a typo of the
		// keyword "compte", which explains its letters by chance and
		// leaves a weak name beside it without a real signal.
		{"comite des fetes and the band", "comitedesfetesharmonie.fr", ""},
		{"comite des fetes and the bees", "comitedesfetesabeille.fr", ""},
		{"comite des fetes and the retirees", "comitedesfetesretraites.fr", ""},
		// A typo'd keyword glued to the weak name is read with it, and
		// three letters unexplained still leave a signal exact.
		{"weak name beside a keyword, three letters unexplained", "serv-civ-sante-vitale.com", "assurance-maladie"},
		{"weak name glued to a typo'd government word", "impotsgouvpro.com", "dgfip-impots"},
	}
	c := Default()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := c.Host(tt.host)
			if tt.org == "" {
				assert.Equal(t, Unknown, v.Status, "%s: %v", tt.host, v.Reasons)
				return
			}
			require.Equal(t, Lookalike, v.Status, "%s: %v", tt.host, v.Reasons)
			require.NotNil(t, v.Organization)
			assert.Equal(t, tt.org, v.Organization.ID, tt.host)
		})
	}
}
