package verify

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// unrelatedHosts belong to nobody in the registry, most of them by design
// close to an official name.
var unrelatedHosts = []string{
	"evil.example", "ameli.fr.evil.example", "secure-login.com", "ameli-fr.com", "xn--ameli-.fr",
	"ameli.fr.co", "assure.ameli.fr.verif.app", "xn--amel-o9d.fr", "salarie.interimairesante.fr",
	"harrnonie-mutuelle.fr", "www.lemonde.fr", "ameli.fr-secure.info", "amelifr.com", "127.0.0.1",
	"impots-gouv.fr", "xameli.fr", "ameli.frx.com", "fr.ameli.evil.example",
}

// mutate rewrites a URL to host h in one of the ways the URL Standard reads
// as the same host, adding official names wherever they do not change it.
func mutate(rng *rand.Rand, h string) string {
	host := h
	switch rng.IntN(6) {
	case 0:
		host = strings.ToUpper(host)
	case 1: // fullwidth letters and ideographic dots
		host = strings.Map(func(r rune) rune {
			switch {
			case 'a' <= r && r <= 'z':
				return r - 'a' + 'ａ'
			case r == '.':
				return '。'
			}
			return r
		}, host)
	case 2: // percent-encode one byte
		i := rng.IntN(len(host))
		host = host[:i] + fmt.Sprintf("%%%02X", host[i]) + host[i+1:]
	case 3: // an ignored code point
		i := rng.IntN(len(host) + 1)
		host = host[:i] + []string{"\u00ad", "\u200b", "\u2060", "\ufeff"}[rng.IntN(4)] + host[i:]
	case 4:
		host += "."
	}
	scheme := []string{"https://", "http://", "HTTPS://", "https:", "https:\\\\", "  https://"}[rng.IntN(6)]
	var userinfo string
	switch rng.IntN(4) {
	case 0:
		userinfo = "assure.ameli.fr@"
	case 1:
		userinfo = "https%3A%2F%2Fwww.ameli.fr:motdepasse@"
	}
	port := []string{"", ":443", ":8443", ":"}[rng.IntN(4)]
	path := []string{"/", "/assure.ameli.fr/connexion", "\\www.ameli.fr\\login", "/@ameli.fr", "?next=https://assure.ameli.fr/", "#@ameli.fr", ""}[rng.IntN(7)]
	u := scheme + userinfo + host + port + path
	if rng.IntN(3) == 0 { // tabs and newlines anywhere are removed
		i := rng.IntN(len(u) + 1)
		u = u[:i] + []string{"\t", "\n", "\r"}[rng.IntN(3)] + u[i:]
	}
	return u
}

// TestMutationsOfUnrelatedHostsAreNeverOfficial is the property the whole
// library rests on: however a URL to an unrelated host is written, it is
// never official, and the host judged is that host.
func TestMutationsOfUnrelatedHostsAreNeverOfficial(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	c := Default()
	n := 0
	for range 5000 {
		base := unrelatedHosts[rng.IntN(len(unrelatedHosts))]
		want := c.Host(base)
		require.NotEqual(t, Official, want.Status, base)
		u := mutate(rng, base)
		v := c.URL(u)
		require.NotEqual(t, Official, v.Status, "%q (%s): %v", u, base, v.Reasons)
		if v.Status != Invalid {
			require.Equal(t, strings.TrimSuffix(want.Host, "."), strings.TrimSuffix(v.Host, "."), "%q", u)
			n++
		}
	}
	t.Logf("5000 mutations of %d unrelated hosts, none official; %d read, the rest invalid", len(unrelatedHosts), n)
}
