package verify

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestRed36FiltersExactOnGeneratedLookalikes runs the lookalike index with
// and without its filters, and pooled and unpooled, on the hosts of the
// red36 differential (the corpora and lookalikes generated from every
// registry name: edits, folds, separators, keywords, homoglyphs), with the
// default options and with odd ones (typos from one letter, keywords of
// one to three letters) that bring short candidates to the filters.
func TestRed36FiltersExactOnGeneratedLookalikes(t *testing.T) {
	if testing.Short() {
		t.Skip("400,000 hosts, twice: not in -short")
	}
	hosts := red36Hosts(t)
	for _, c := range []*Checker{Default(), red36OddChecker(t)} {
		exhaustive := c.index.WithoutFilters()
		matched, compared := 0, 0
		for i, h := range hosts {
			if c != Default() && i%4 != 0 {
				continue // the odd checker on a quarter: its hosts match far more
			}
			v := c.Host(h)
			if v.Status == Invalid || v.Status == Official {
				continue
			}
			compared++
			m1, ok1 := c.index.Match(v.Host)
			m2, ok2 := exhaustive.Match(v.Host)
			m3, ok3 := c.index.MatchUnpooled(v.Host)
			require.Equal(t, ok2, ok1, "%q: filtered vs exhaustive", v.Host)
			require.Equal(t, m2, m1, "%q: filtered vs exhaustive", v.Host)
			require.Equal(t, ok3, ok1, "%q: pooled vs unpooled", v.Host)
			require.Equal(t, m3, m1, "%q: pooled vs unpooled", v.Host)
			if ok1 {
				matched++
			}
		}
		t.Logf("%d hosts compared, %d matched", compared, matched)
		require.Greater(t, matched, 20000)
	}
}
