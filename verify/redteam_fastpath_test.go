package verify

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/vigie-sante/vigie/domains"
)

// fastPathChecker is the default registry with one organisation added whose
// hyphenated U-label begins or ends with a letter the skeleton fold keeps
// non-ASCII (ß, ð, Cyrillic).
func fastPathChecker(t *testing.T, domain string) *Checker {
	t.Helper()
	b, err := json.Marshal(map[string]any{"version": "1", "date": "2026-11-23", "organizations": []map[string]any{{
		"id": "idn-insurer", "name": "IDN insurer " + domain, "kind": "insurer", "confidence": "high",
		"domains": []string{domain}, "sources": []string{"https://example.org/source"},
	}}})
	require.NoError(t, err)
	top, err := domains.Parse(b)
	require.NoError(t, err)
	reg, err := domains.Default().Overlay(top)
	require.NoError(t, err)
	c, err := New(reg)
	require.NoError(t, err)
	return c
}

// TestFastPathNonASCIIHeadsAndTails: the first/last-byte screen in front
// of the heads and tails maps holds ASCII pairs only, so it must let a
// word with a non-ASCII end through. A red-team session found it did not:
// a hyphenated official label whose first or last word starts or ends with
// a letter the fold keeps (ß, ð, Cyrillic) lost its glued-keyword
// lookalikes, which were unknown.
func TestFastPathNonASCIIHeadsAndTails(t *testing.T) {
	for _, tc := range []struct{ official, host string }{
		{"groß-mutuelle.de", "groß-mutuellecompte.com"},
		{"groß-mutuelle.de", "groß-mutuelleremboursement.com"},
		{"mutuelle-groß.de", "comptemutuelle-groß.com"},
		{"ðema-mutuelle.fr", "ðema-mutuellecompte.com"},
		{"полис-страхование.рф", "полис-страхованиеlogin.com"},
		{"страхование-полис.рф", "loginстрахование-полис.com"},
	} {
		c := fastPathChecker(t, tc.official)
		require.Equal(t, Official, c.Host(tc.official).Status, tc.official)
		v := c.Host(tc.host)
		assert.Equal(t, Lookalike, v.Status, "%s (official %s): %+v", tc.host, tc.official, v)
		u := c.URL("https://" + tc.host + "/")
		assert.Equal(t, Lookalike, u.Status, "URL %s", tc.host)
	}
}

// TestFastPathConcurrentHostsAgree checks Host from several goroutines against
// the answers given one at a time: pooled matchers shared by goroutines
// must not carry one host's state into another's.
func TestFastPathConcurrentHostsAgree(t *testing.T) {
	c := Default()
	hosts := nearMisses(c)
	hosts = append(hosts, "xn--amli-bpa.fr", "a--b.ameli-compte.fr", "harmonie_mutuelle.fr", "-ameli.fr",
		"arneli-remboursement.com", "secu-vitale.netlify.app", "xn--scurit-sociale-bnb.com")
	if len(hosts) > 6000 {
		hosts = hosts[:6000]
	}
	want := make([]Status, len(hosts))
	for i, h := range hosts {
		want[i] = c.Host(h).Status
	}
	done := make(chan []string)
	for g := range 4 {
		go func() {
			var bad []string
			for k := range hosts {
				i := (k*7 + g*1237) % len(hosts)
				if got := c.Host(hosts[i]).Status; got != want[i] {
					bad = append(bad, hosts[i])
				}
			}
			done <- bad
		}()
	}
	for range 4 {
		assert.Empty(t, <-done)
	}
}
