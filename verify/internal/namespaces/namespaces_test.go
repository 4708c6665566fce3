package namespaces

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"golang.org/x/net/publicsuffix"
)

func TestRestricted(t *testing.T) {
	for host, want := range map[string]string{
		"impots.gouv.fr":           "gouv.fr",
		"a.b.finances.rie.gouv.fr": "gouv.fr",
		"xn--impts-8ta.gouv.fr.":   "gouv.fr",
		"gouv.fr":                  "",
		"impots-gouv.fr":           "",
		"gouv.fr.evil.com":         "",
		"ameli.fr":                 "",
	} {
		got, src, ok := Restricted(host)
		assert.Equal(t, want, got, host)
		assert.Equal(t, want != "", ok, host)
		assert.Equal(t, want != "", src != "", host)
	}
}

// TestHostingListIsNotInThePSL keeps the list to what the Public Suffix
// List does not already say: every entry must be an ICANN registrable
// domain, with a source.
func TestHostingListIsNotInThePSL(t *testing.T) {
	h, _ := Sources()
	assert.Greater(t, len(h), 40)
	for d, src := range h {
		assert.NotEmpty(t, src, d)
		suffix, icann := publicsuffix.PublicSuffix("customer." + d)
		assert.True(t, icann, "%s is in the PSL private section already", d)
		assert.NotEqual(t, d, suffix, d)
		assert.True(t, IsHosting(d), d)
	}
	assert.False(t, IsHosting("ameli.fr"))
}
