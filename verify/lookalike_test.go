package verify

import (
	"bufio"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestLookalikes checks each technique with real-looking hosts, for several
// organisations.
func TestLookalikes(t *testing.T) {
	tests := []struct {
		host   string
		org    string
		target string
		codes  []Code
	}{
		// Homoglyphs: Cyrillic і in ameli, rn for m, 1 for l, accents.
		{"xn--amel-o9d.fr", "assurance-maladie", "ameli.fr", []Code{CodeHomoglyph, CodeMixedScript}},
		{"harrnonie-mutuelle.fr", "harmonie-mutuelle", "harmonie-mutuelle.fr", []Code{CodeHomoglyph}},
		{"harrnonie-mutuele.fr", "harmonie-mutuelle", "harmonie-mutuelle.fr", []Code{CodeHomoglyph, CodeEditDistance}},
		{"arneli.fr", "assurance-maladie", "ameli.fr", []Code{CodeHomoglyph}},
		{"amel1.fr", "assurance-maladie", "ameli.fr", []Code{CodeHomoglyph}},
		{"xn--aml-cma005b.fr", "assurance-maladie", "ameli.fr", []Code{CodeHomoglyph, CodeMixedScript}},
		{"xn--meli-zna.fr", "assurance-maladie", "ameli.fr", []Code{CodeHomoglyph}},
		{"rngen.fr", "mgen", "mgen.fr", []Code{CodeHomoglyph}},
		{"xn--mtmut-9ra.fr", "", "", nil}, // mätmut is not a homoglyph of matmut: two letters differ
		{"xn--hcrbientre-s7a.fr", "hcr-bien-etre", "hcrbienetre.fr", []Code{CodeHomoglyph}},
		// Typos.
		{"salarie.interimairesante.fr", "interimaires-sante", "interimairessante.fr", []Code{CodeKnownLookalike, CodeEditDistance}},
		{"harmonie-mutuele.fr", "harmonie-mutuelle", "harmonie-mutuelle.fr", []Code{CodeEditDistance}},
		{"hcrbienetr.fr", "hcr-bien-etre", "hcrbienetre.fr", []Code{CodeEditDistance}},
		{"groupamma.fr", "groupama", "groupama.fr", []Code{CodeEditDistance}},
		{"aemli.fr", "assurance-maladie", "ameli.fr", []Code{CodeTransposition}},
		{"mlaakoffhumanis.com", "malakoff-humanis", "malakoffhumanis.com", []Code{CodeTransposition}},
		// Target embedding: dots kept, dashes, moved, removed; login hosts.
		{"ameli.fr.secure-login.com", "assurance-maladie", "ameli.fr", []Code{CodeTargetEmbed}},
		{"ameli.fr-remboursement.info", "assurance-maladie", "ameli.fr", []Code{CodeTargetEmbed}},
		{"assure.hcrbienetre.fr.verif.app", "hcr-bien-etre", "hcrbienetre.fr", []Code{CodeTargetEmbed}},
		{"ameli-fr.com", "assurance-maladie", "ameli.fr", []Code{CodeTargetEmbed}},
		{"am.eli.fr", "assurance-maladie", "ameli.fr", []Code{CodeTargetEmbed}},
		{"amelifr.com", "assurance-maladie", "ameli.fr", []Code{CodeTargetEmbed}},
		{"impots-gouv.fr", "dgfip-impots", "impots.gouv.fr", []Code{CodeTargetEmbed, CodeComboSquat}},
		{"www-harmonie-et-moi.fr", "harmonie-mutuelle", "harmonie-et-moi.fr", []Code{CodeTargetEmbed}}, // www.harmonie-et-moi.fr, its dot a hyphen
		{"harmoniemutuelle.fr", "harmonie-mutuelle", "harmonie-mutuelle.fr", []Code{CodeTargetEmbed}},
		// Combo-squatting.
		{"compte-ameli.fr", "assurance-maladie", "ameli.fr", []Code{CodeTargetEmbed, CodeComboSquat}},
		{"ameli-carte-vitale.com", "assurance-maladie", "ameli.fr", []Code{CodeComboSquat}},
		{"harmonie-mutuelle-remboursement.com", "harmonie-mutuelle", "harmonie-mutuelle.fr", []Code{CodeComboSquat}},
		{"amelisante.info", "assurance-maladie", "ameli.fr", []Code{CodeComboSquat}},
		{"monameli.fr", "assurance-maladie", "ameli.fr", []Code{CodeComboSquat}},
		{"mgen-remboursement.fr", "mgen", "mgen.fr", []Code{CodeComboSquat}},
		// Hyphens added inside espaceclient.axa.fr still imitate it.
		{"espace-client-axa.com", "axa", "axa.fr", []Code{CodeTargetEmbed}},
		// Separators dropped from a strong name, or a keyword glued to
		// a name that keeps its hyphen.
		{"harmoniemutuelle-compte.fr", "harmonie-mutuelle", "harmonie-mutuelle.fr", []Code{CodeComboSquat}},
		{"harmonie-mutuellecompte.fr", "harmonie-mutuelle", "harmonie-mutuelle.fr", []Code{CodeComboSquat}},
		{"monharmonie-mutuelle.fr", "harmonie-mutuelle", "harmonie-mutuelle.fr", []Code{CodeComboSquat}},
		// The organisation's names of several words.
		{"assurance-maladie-remboursement.com", "assurance-maladie", "ameli.fr", []Code{CodeComboSquat}},
		{"assurancemaladie-compte.fr", "assurance-maladie", "ameli.fr", []Code{CodeComboSquat}},
		{"carte-vitale-renouvellement.com", "assurance-maladie", "ameli.fr", []Code{CodeComboSquat}},
		{"finances-publiques-remboursement.fr", "dgfip-impots", "finances.gouv.fr", []Code{CodeComboSquat}},
		// A short name's domain beside any word still imitates it.
		{"sso-mgen.fr", "mgen", "mgen.fr", []Code{CodeTargetEmbed}},
		{"app-axa.fr", "axa", "axa.fr", []Code{CodeTargetEmbed}},
		// A weak label's domain with its dots removed but the label kept
		// whole; a login host without its suffix.
		{"impots-gouvfr.com", "dgfip-impots", "impots.gouv.fr", []Code{CodeTargetEmbed}},
		{"cfspart-impots.com", "dgfip-impots", "impots.gouv.fr", []Code{CodeTargetEmbed}},
		{"secure-impots-gouv.fr", "dgfip-impots", "impots.gouv.fr", []Code{CodeTargetEmbed, CodeComboSquat}},
		// One letter in front of a long name is a typo, not another name.
		{"xmalakoffhumanis.com", "malakoff-humanis", "malakoffhumanis.com", []Code{CodeEditDistance}},
		{"nterimairessante.fr", "interimaires-sante", "interimairessante.fr", []Code{CodeEditDistance}},
		{"maif.verification-compte.net", "maif", "maif.fr", []Code{CodeComboSquat}},
		{"macif-assurances.com", "macif", "macif.fr", []Code{CodeComboSquat}},
		// TLD swaps.
		{"ameli.com", "assurance-maladie", "ameli.fr", []Code{CodeTLDSwap}},
		{"hcrbienetre.com", "hcr-bien-etre", "hcrbienetre.fr", []Code{CodeTLDSwap}},
		{"ameli.fr.co", "assurance-maladie", "ameli.fr", []Code{CodeTLDSwap}},
		{"franceconnect.com", "franceconnect", "franceconnect.gouv.fr", []Code{CodeTLDSwap}},
		// Ordinary words and short names are not lookalikes on their own.
		{"camelia.fr", "", "", nil},
		{"philharmoniedeparis.fr", "", "", nil},
		{"alanwake.com", "", "", nil},
		{"amelioration-habitat.fr", "", "", nil},
		{"april.org", "", "", nil},
		{"generations.fr", "", "", nil},
		{"mgen.com", "", "", nil},
		// An ordinary word beside another under the official suffix is
		// that word's site, unless the other is a keyword.
		{"next-generation.fr", "", "", nil},
		{"pro-april.fr", "", "", nil},
		// Names of several words are common phrases too.
		{"assurance-maladie.ch", "", "", nil},
		{"comparatif-assurance-maladie.ch", "", "", nil},
		{"photo-carte-vitale.fr", "", "", nil},
		{"impots.gouv.sn", "", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.host, func(t *testing.T) {
			v := Host(tt.host)
			if tt.org == "" {
				assert.Equal(t, Unknown, v.Status, "%v", v.Reasons)
				return
			}
			require.Equal(t, Lookalike, v.Status, "%v", v.Reasons)
			require.NotNil(t, v.Organization)
			assert.Equal(t, tt.org, v.Organization.ID)
			assert.Equal(t, tt.target, v.Target)
			assert.Equal(t, tt.codes, v.Codes())
			for _, r := range v.Reasons {
				assert.NotEmpty(t, r.Detail)
			}
		})
	}
}

// TestIDNSpoof checks internationalised names that imitate no registered
// domain but are built as spoofs are: suspicious, with idn-spoof.
func TestIDNSpoof(t *testing.T) {
	for _, h := range []string{
		"xn--80ak6aa92e.com",       // аррӏе, all Cyrillic letters that pass for Latin
		"xn--pypal-4ve.com",        // pаypal, Latin and Cyrillic
		"xn--bonjour-.example.com", // Punycode for plain ASCII
		"xn--ls8h.la",              // an emoji
		"xn--abcdef-dg0c.com",      // abc‐def, a hyphen look-alike
	} {
		v := Host(h)
		assert.Equal(t, Suspicious, v.Status, "%s: %v", h, v.Reasons)
		assert.Equal(t, []Code{CodeIDNSpoof}, v.Codes(), h)
	}
	for _, h := range []string{"xn--caf-dma.fr", "xn--e1adhj9a.com", "xn--80aswg.xn--p1ai", "xn--bcher-kva.de"} {
		v := Host(h)
		assert.Equal(t, Unknown, v.Status, "%s: %v", h, v.Reasons)
	}
}

// TestBenignHosts runs the list of real benign hostnames in
// testdata/benign-hosts.txt: none may be flagged.
func TestBenignHosts(t *testing.T) {
	f, err := os.Open("testdata/benign-hosts.txt")
	require.NoError(t, err)
	defer f.Close()
	c := Default()
	n := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		h := strings.TrimSpace(sc.Text())
		if h == "" || strings.HasPrefix(h, "#") {
			continue
		}
		n++
		v := c.Host(h)
		assert.Contains(t, []Status{Unknown, Official}, v.Status, "%s: %s %v", h, v.Status, v.Reasons)
	}
	require.NoError(t, sc.Err())
	assert.GreaterOrEqual(t, n, 1000)
	t.Logf("%d benign hosts, none flagged", n)
}
