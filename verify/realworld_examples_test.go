package verify

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestIssueExamples checks the patterns of issue 11, one host each: names
// other than the domain, glued compounds, typos inside them, hosting
// platforms, composed techniques, the government word misspelt, and the
// hosts that must stay unknown.
func TestIssueExamples(t *testing.T) {
	tests := []struct {
		host, org string
		codes     []Code
	}{
		// Aliases: product, acronym, spelled-out names.
		{"gestioncartevitale.fr", "assurance-maladie", []Code{CodeComboSquat, CodeAlias, CodeCompound}},
		{"cpam92.fr", "assurance-maladie", []Code{CodeComboSquat, CodeAlias, CodeCompound}},
		{"moncompte-dgfip.com", "dgfip-impots", []Code{CodeComboSquat, CodeAlias}},
		{"renouvellement-securite-sociale.com", "assurance-maladie", []Code{CodeComboSquat, CodeAlias}},
		{"directiondesfinancespubliques.fr", "dgfip-impots", []Code{CodeComboSquat, CodeAlias, CodeCompound}},
		{"cartevitale.com", "assurance-maladie", []Code{CodeAlias, CodeTLDSwap}},
		// Word segmentation, one typo per word of 5 letters or more.
		{"ameliespacesecurise.fr", "assurance-maladie", []Code{CodeComboSquat, CodeCompound}},
		{"securitesocialamelie.fr", "assurance-maladie", []Code{CodeEditDistance, CodeComboSquat, CodeAlias, CodeCompound}},
		{"espaceameii.fr", "assurance-maladie", []Code{CodeEditDistance, CodeComboSquat, CodeCompound}},
		{"ameii-macarte.com", "assurance-maladie", []Code{CodeEditDistance, CodeComboSquat}},
		{"klesia6.fr", "klesia", []Code{CodeComboSquat, CodeCompound}},
		// Hosting platforms, in and out of the Public Suffix List.
		{"ameli9gl.beget.tech", "assurance-maladie", []Code{CodeComboSquat, CodeCompound, CodeHostingPlatform}},
		{"authentification-impot.netlify.app", "dgfip-impots", []Code{CodeComboSquat, CodeHostingPlatform}},
		{"dgfip-portail.ukit.me", "dgfip-impots", []Code{CodeComboSquat, CodeAlias, CodeHostingPlatform}},
		// Composed techniques.
		{"amelli-remboursement.com", "assurance-maladie", []Code{CodeEditDistance, CodeComboSquat}},
		{"amelli.fr.evil.com", "assurance-maladie", []Code{CodeEditDistance, CodeComboSquat}},
		{"xn--melli-qqa.fr", "assurance-maladie", []Code{CodeHomoglyph, CodeEditDistance}}, // àmelli.fr
		{"ameli_remboursement.evil.com", "assurance-maladie", []Code{CodeComboSquat}},
		{"ants.qouv.fr", "ants", []Code{CodeComboSquat, CodeGovWord}},
		{"impots.gov.fr", "dgfip-impots", []Code{CodeComboSquat, CodeGovWord}},
		// A long alias alone as a subdomain label; a long name's typo
		// beside any word; a short name at a token's edge beside a
		// keyword.
		{"impotsgouv.abc123.example-host.com", "dgfip-impots", []Code{CodeComboSquat, CodeAlias}},
		{"lacartvitale.fr", "assurance-maladie", []Code{CodeEditDistance, CodeComboSquat, CodeAlias, CodeCompound}},
		{"remboursement-cpamxyz.com", "assurance-maladie", []Code{CodeComboSquat, CodeAlias, CodeCompound}},
		// Two names of one organisation glued with other words; a long
		// name glued to words the dictionary reads; an alias with a
		// word in the singular.
		{"ameliplusvitale.fr", "assurance-maladie", []Code{CodeComboSquat, CodeCompound}},
		{"cartevitaleok.fr", "assurance-maladie", []Code{CodeComboSquat, CodeAlias, CodeCompound}},
		{"impotgouv-remboursement.com", "dgfip-impots", []Code{CodeComboSquat, CodeAlias}},
		// A short name beside function words only; a weak name beside a
		// keyword with three letters unexplained.
		{"votrecpam.fr", "assurance-maladie", []Code{CodeComboSquat, CodeAlias, CodeCompound}},
		{"santevitalexyz.fr", "assurance-maladie", []Code{CodeComboSquat, CodeAlias, CodeCompound}},
		// A Punycode label's words are those of its Unicode form:
		// "vitale" is a whole word of "sms-vitale-à-niveau".
		{"xn--sms-vitale--niveau-prb.com", "assurance-maladie", []Code{CodeComboSquat, CodeAlias}},
		// The words of a name apart, in another order or with words
		// between; alone and in order they are the common phrase.
		{"maladie-et-assurance.info", "assurance-maladie", []Code{CodeComboSquat, CodeAlias}},
		{"assurance-en-ligne-maladie.com", "assurance-maladie", []Code{CodeComboSquat, CodeAlias}},
		// An acronym of 5 letters or more beside any word; a domain
		// label's plural alone under another suffix.
		{"dgfip-nantes.net", "dgfip-impots", []Code{CodeComboSquat, CodeAlias}},
		{"harmoniemutuelles.net", "harmonie-mutuelle", []Code{CodeTLDSwap}},
		// "www" glued to a name; an alias spelt as a phrase under a
		// generic suffix (under a country's, it is the language's).
		{"wwwvitale.fr", "assurance-maladie", []Code{CodeComboSquat, CodeAlias, CodeCompound}},
		{"carte-vitale.online", "assurance-maladie", []Code{CodeAlias, CodeTLDSwap}},
		// A phrase beside a word under a generic suffix; a phrase with
		// a word shortened; a generic top-level domain as a label
		// before the registrable one.
		{"assurance-maladie-guadeloupe.net", "assurance-maladie", []Code{CodeComboSquat, CodeAlias}},
		{"assu-maladie.com", "assurance-maladie", []Code{CodeAlias, CodeTLDSwap}},
		{"mon.com.vitale-plus.com", "assurance-maladie", []Code{CodeComboSquat, CodeAlias}},
		// Junk letters in a token of their own hide nothing about the
		// name's token.
		{"impotsremboursement-qwxzvbnmkjhgfdsapoiuytrewq.com", "dgfip-impots", []Code{CodeComboSquat, CodeCompound}},
		{"mutualiapour-qwxzvbnmkjhgfdsapoiuytrewq.fr", "mutualia", []Code{CodeComboSquat, CodeCompound}},
		// A weak label of several words ("Service Public", a weak
		// alias in the registry) alone or in the plural under a
		// generic suffix; a weak label's login host as whole labels.
		{"service-public.shop", "service-public", []Code{CodeTLDSwap}},
		{"service-publics.online", "service-public", []Code{CodeTLDSwap}},
		{"www.impots.evil.se", "dgfip-impots", []Code{CodeTargetEmbed}},
		// The vocabulary of claims, fines, vehicle papers and unanswered
		// notices beside a short name: keywords make it a combo-squat.
		{"maaf-sinistre.fr", "maaf", []Code{CodeComboSquat}},
		{"ants-contravention.com", "ants", []Code{CodeComboSquat}},
		{"titres-ants.fr", "ants", []Code{CodeComboSquat}},
		{"mgen-traitement.fr", "mgen", []Code{CodeComboSquat}},
		{"noreply-mgen.com", "mgen", []Code{CodeComboSquat}},
		{"carte-vitale-administration.fr", "assurance-maladie", []Code{CodeComboSquat}},
		// Fewer filters: a digit after a name, a short name mistyped.
		{"genrali.fr", "generali", []Code{CodeEditDistance}},
		{"hener.com", "henner", []Code{CodeEditDistance}},
		// Never an imitation: the State's namespace, words that start
		// with a name, a name inside a longer word, a local branch.
		{"xn--impts-8ta.gouv.fr", "", []Code{CodeStateDomain}},
		{"amelioration-habitat.fr", "", nil},
		{"camelia.fr", "", nil},
		{"mairie-amelie.com", "", nil},
		{"humanists.uk", "", nil},
		{"myfinance.com", "", nil},
		// Two letters replaced in place, or a separator on top of an
		// edit, make another word; an international group's name
		// glued to a short rest is as often its own subsidiary's.
		{"enteriole.com", "", nil},
		{"saint-clair.com", "", nil},
		{"allianzxyz.de", "", nil},
		{"allianzcom.mx", "", nil},
		{"amgen.org", "", nil}, // "a" is no function word beside "mgen"
		{"assurances-maladie.fr", "", nil},
		{"cnam-normandie.fr", "", nil}, // CNAM is also the Conservatoire's
		{"www.vitale-xyz.fr", "", nil},
		{"carte-vitale.be", "", nil},
		{"vitale-plus.com", "", nil},
		// The registry's weak aliases hold for hyphenated labels too:
		// "mieux-être" and "service public" are phrases of the
		// language beside other words.
		{"institut-mieux-etre.fr", "", nil},
		{"mieux-etre-pour-tous.fr", "", nil},
		{"mieux-etre.be", "", nil},
		{"www.service-public-club.fr", "", nil},
	}
	c := Default()
	for _, tt := range tests {
		t.Run(tt.host, func(t *testing.T) {
			v := c.Host(tt.host)
			if tt.org == "" {
				assert.Equal(t, Unknown, v.Status, "%v", v.Reasons)
			} else {
				assert.Equal(t, Lookalike, v.Status, "%v", v.Reasons)
				if assert.NotNil(t, v.Organization) {
					assert.Equal(t, tt.org, v.Organization.ID)
				}
			}
			if tt.codes == nil {
				assert.Empty(t, v.Codes())
			} else {
				assert.Equal(t, tt.codes, v.Codes())
			}
		})
	}
}

// TestSenderUnderGouvFrStaysALookalike: the restricted namespace is about
// hosts a browser visits; a From header can name a gouv.fr domain that
// does not exist, as a real tax phishing mail did with impôt.gouv.fr.
func TestSenderUnderGouvFrStaysALookalike(t *testing.T) {
	c := Default()
	assert.Equal(t, Unknown, c.Host("xn--impt-xqa.gouv.fr").Status)
	v := c.Sender("info@xn--impt-xqa.gouv.fr")
	assert.Equal(t, Lookalike, v.Status, "%v", v.Reasons)
	if assert.NotNil(t, v.Organization) {
		assert.Equal(t, "dgfip-impots", v.Organization.ID)
	}
}
