package verify

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/vigie-sante/vigie/domains"
)

// TestSenderGroups checks that mail from a group's own domain may name the
// French entity of the group, and the reverse, while a sister entity or an
// unrelated organisation named in the display name stays a mismatch.
func TestSenderGroups(t *testing.T) {
	reg, err := domains.Parse([]byte(`{"version":"t","organizations":[
	 {"id":"acme-group","name":"Acme Group","kind":"group","domains":["acme-group.com"],"confidence":"high","sources":["s"]},
	 {"id":"acme-fr","name":"Acme France","kind":"insurer","group":"acme-group","domains":["acme-france.fr"],"confidence":"high","sources":["s"]},
	 {"id":"acme-bank","name":"Acme Banque","kind":"insurer","group":"acme-group","domains":["acme-banque.fr"],"confidence":"high","sources":["s"]},
	 {"id":"other","name":"Mutuelle Autre","kind":"insurer","domains":["mutuelle-autre.fr"],"confidence":"high","sources":["s"]}]}`))
	require.NoError(t, err)
	c, err := New(reg)
	require.NoError(t, err)
	tests := []struct {
		from   string
		status Status
		org    string
	}{
		{"Acme France <info@acme-group.com>", Official, "acme-group"},
		{"Acme Group <info@acme-france.fr>", Official, "acme-fr"},
		{"Acme Banque <info@acme-france.fr>", Suspicious, "acme-bank"},
		{"Mutuelle Autre <info@acme-group.com>", Suspicious, "other"},
	}
	for _, tt := range tests {
		v := c.Sender(tt.from)
		assert.Equal(t, tt.status, v.Status, "%s: %v", tt.from, v.Reasons)
		if assert.NotNil(t, v.Organization, tt.from) {
			assert.Equal(t, tt.org, v.Organization.ID, tt.from)
		}
		assert.Equal(t, tt.status != Official, v.Has(CodeDisplayNameBrand), "%s: %v", tt.from, v.Codes())
	}
}

// TestGroupDomainsAreOfficialForTheGroup: the international groups behind
// French insurers have their own sourced domains, official for the group
// (not for the French entity) and never lookalikes of the French site.
func TestGroupDomainsAreOfficialForTheGroup(t *testing.T) {
	for _, tt := range []struct{ host, org string }{
		{"allianz.com", "allianz-group"},
		{"www.allianz.de", "allianz-group"},
		{"allianz-trade.com", "allianz-group"},
		{"allianz-assistance.com", "allianz-group"},
		{"axa.com", "axa-group"},
		{"swisslife.com", "swiss-life-group"},
		{"allianz.fr", "allianz"},
	} {
		t.Run(tt.host, func(t *testing.T) {
			v := Host(tt.host)
			require.Equal(t, Official, v.Status, "%v", v.Reasons)
			assert.Equal(t, tt.org, v.Organization.ID)
		})
	}
}

// TestInternationalGroupNamesAbroad: an international group's name under
// another country's suffix is most likely its own subsidiary's site, so a
// TLD swap alone is no signal for it; the name beside scam words still is.
func TestInternationalGroupNamesAbroad(t *testing.T) {
	for _, host := range []string{"generali.com.my", "credit-agricole.pl", "axa.co.jp"} {
		assert.NotEqual(t, Lookalike, Host(host).Status, host)
	}
	for _, host := range []string{"generali-remboursement.com", "axa-espace-client.net", "allianz-connexion.fr"} {
		assert.Equal(t, Lookalike, Host(host).Status, host)
	}
	// A French name that no group bears keeps its TLD swaps.
	assert.Equal(t, Lookalike, Host("ameli.com").Status)
}
