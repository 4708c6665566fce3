package verify

import (
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/vigie-sante/vigie/internal/shared"
	"github.com/vigie-sante/vigie/verify/internal/lookalike"
	"github.com/vigie-sante/vigie/verify/internal/namespaces"
)

// The filters that spare an unknown host most of the lookalike index's work
// must never change an answer: the index is run with and without them on
// every host of the real-world corpora and on near misses of every
// registered domain, and on whatever the fuzzer finds.

// nearMisses returns hosts a few edits, a keyword or a suffix away from each
// registered domain: the hosts where a filter that dropped a real candidate
// would show.
func nearMisses(c *Checker) []string {
	keywords := []string{"securite", "remboursement", "espace", "mon", "compte", "gouv", "login"}
	var hosts []string
	for _, o := range c.Registry().Organizations() {
		for _, d := range o.Domains {
			label, suffix, _ := strings.Cut(d, ".")
			var edits []string
			for i := 0; i <= len(label); i++ {
				if i < len(label) {
					edits = append(edits, label[:i]+label[i+1:])
				}
				if i+1 < len(label) {
					edits = append(edits, label[:i]+label[i+1:i+2]+label[i:i+1]+label[i+2:])
				}
				for _, r := range "aeilmnorstu01-" {
					if i < len(label) {
						edits = append(edits, label[:i]+string(r)+label[i+1:])
					}
					edits = append(edits, label[:i]+string(r)+label[i:])
				}
			}
			// Two edits: one deletion on top of each of the first ones.
			for _, e := range edits[:min(len(edits), 40)] {
				for i := range len(e) {
					edits = append(edits, e[:i]+e[i+1:])
				}
			}
			for _, e := range edits {
				hosts = append(hosts, e+"."+suffix, "www."+e+".com")
			}
			for _, k := range keywords {
				hosts = append(hosts, label+"-"+k+".com", k+label+".fr", label+"."+suffix+"."+k+".com")
			}
		}
	}
	return hosts
}

// corpusHosts returns the hosts of every real-world corpus, nil when the
// shared data is absent.
func corpusHosts(t *testing.T) []string {
	files, _ := filepath.Glob(shared.Path("realworld/*"))
	var hosts []string
	for _, f := range files {
		name := filepath.Base(f)
		if !strings.HasSuffix(name, ".txt") && !strings.HasSuffix(name, ".tsv") {
			continue
		}
		for _, l := range sharedLines(t, name) {
			h, _, _ := strings.Cut(l, "\t")
			hosts = append(hosts, h)
		}
	}
	return hosts
}

func assertSameMatch(t *testing.T, filtered, exhaustive *lookalike.Index, host string) bool {
	t.Helper()
	m1, ok1 := filtered.Match(host)
	m2, ok2 := exhaustive.Match(host)
	// Matchers are pooled: one that a previous host used must answer as
	// a fresh one does.
	m3, ok3 := filtered.MatchUnpooled(host)
	return assert.Equal(t, ok2, ok1, host) && assert.Equal(t, m2, m1, host) &&
		assert.Equal(t, ok3, ok1, host) && assert.Equal(t, m3, m1, host)
}

// assertUnlisted checks that a host the Checker's suffix filter turns away
// is found by none of the lookups the filter spares it.
func assertUnlisted(t *testing.T, c *Checker, host string) bool {
	t.Helper()
	if c.listed.MayHoldSuffix(strings.TrimSuffix(host, ".")) {
		return true
	}
	_, _, official := c.reg.Lookup(host)
	_, _, known := c.reg.KnownLookalike(host)
	_, _, restricted := namespaces.Restricted(host)
	return assert.False(t, official || known || restricted, host)
}

func TestFiltersExact(t *testing.T) {
	c := Default()
	exhaustive := c.index.WithoutFilters()
	hosts := nearMisses(c)
	corpus := corpusHosts(t)
	if corpus == nil {
		t.Log("the real-world corpora in ../shared are absent: near misses only")
	}
	hosts = append(hosts, corpus...)
	// Lookalikes and unknown hosts in turn, so that the pooled matchers
	// come to each host from every kind of previous one.
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(hosts), func(i, j int) { hosts[i], hosts[j] = hosts[j], hosts[i] })
	require.Greater(t, len(hosts), 10000)
	matched := 0
	for _, h := range hosts {
		v := c.Host(h)
		if v.Status == Official {
			assert.True(t, c.listed.MayHoldSuffix(strings.TrimSuffix(v.Host, ".")), v.Host)
		}
		if v.Status == Invalid || v.Status == Official {
			continue
		}
		if !assertSameMatch(t, c.index, exhaustive, v.Host) || !assertUnlisted(t, c, v.Host) {
			return
		}
		if _, ok := c.index.Match(v.Host); ok {
			matched++
		}
	}
	// The near misses are mostly lookalikes: the comparison saw matches,
	// not only hosts that match nothing either way.
	assert.Greater(t, matched, 5000)
}

func FuzzFiltersExact(f *testing.F) {
	for _, h := range []string{"harrnonie-mutuelle.fr", "journal-du-soir.fr", "arneli.fr", "www.ameli-remboursement.com",
		"cdn-images.net", "xn--amli-bpa.fr", "mutuelle-generale-compte.fr", "swisslife.com.evil.net"} {
		f.Add(h)
	}
	c := Default()
	exhaustive := c.index.WithoutFilters()
	f.Fuzz(func(t *testing.T, host string) {
		v := c.Host(host)
		if v.Status == Invalid || v.Status == Official {
			return
		}
		assertSameMatch(t, c.index, exhaustive, v.Host)
		assertUnlisted(t, c, v.Host)
	})
}
