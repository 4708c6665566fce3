package domains

import (
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestEveryDomainIsSourced checks the registry's evidence rule on the
// embedded data: every organisation with domains keeps sources, each domain
// is named by one of them or by the notes that say which source backs it,
// and a high confidence rests on two sources or on a page of the
// organisation's own site.
func TestEveryDomainIsSourced(t *testing.T) {
	r := Default()
	for _, o := range r.Organizations() {
		if len(o.Domains) == 0 {
			continue
		}
		assert.NotEmpty(t, o.Sources, "%s has domains and no source", o.ID)
		evidence := strings.ToLower(strings.Join(o.Sources, "\n") + "\n" + o.Notes)
		for _, d := range o.Domains {
			assert.Contains(t, evidence, d, "%s: no source or note names %s", o.ID, d)
		}
		if o.Confidence == High {
			assert.True(t, len(o.Sources) >= 2 || hasOwnPage(r, o),
				"%s is high with one source that is not a page of its own site", o.ID)
		}
	}
}

// hasOwnPage reports whether one of o's sources is a URL on one of o's own
// domains: the organisation's official page.
func hasOwnPage(r *Registry, o *Organization) bool {
	for _, s := range o.Sources {
		field, _, _ := strings.Cut(s, " ")
		u, err := url.Parse(field)
		if err != nil || u.Host == "" {
			continue
		}
		if owner, _, ok := r.Lookup(strings.ToLower(u.Hostname())); ok && owner == o {
			return true
		}
	}
	return false
}

// TestRegistryBreadth checks the breadth issue 14 asks for: at least 120
// organisations, and the bodies members most often log in to, each at the
// domain the issue names.
func TestRegistryBreadth(t *testing.T) {
	r := Default()
	assert.GreaterOrEqual(t, r.Len(), 120)
	for _, d := range []string{
		"msa.fr", "lassuranceretraite.fr", "caf.fr", "urssaf.fr", "monespacesante.fr",
		"cnmss.fr", "camieg.fr", "crpcen.fr", "cfe.fr", "santeclair.fr", "itelis.fr",
		"audiens.org", "interiale.fr", "mnh.fr", "mnt.fr", "groupe-uneo.fr", "mgefi.fr",
		"gpm.fr", "mma.fr", "gmf.fr", "cnp.fr", "antai.gouv.fr",
	} {
		o, listed, ok := r.Lookup(d)
		if assert.True(t, ok, "%s is not registered", d) {
			assert.Equal(t, d, listed, "%s falls under %s (%s) instead of being registered itself", d, listed, o.ID)
		}
	}
}
