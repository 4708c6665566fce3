package verify

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMaxURLLengthEveryLimit checks every limit the option accepts around
// the lengths of the URLs below: a padded lookalike stays a lookalike, a
// padded unknown link becomes too-long, and nothing loops (a URL refused
// for its length is judged by its host alone, which never comes back to the
// length check).
func TestMaxURLLengthEveryLimit(t *testing.T) {
	pad := strings.Repeat("a", 200)
	lookalikes := []string{
		"https://ameli-carte-vitale.com/" + pad,
		"ameli-carte-vitale.com/" + pad,
		"https://user@ameli-carte-vitale.com/" + pad,
		"https://" + strings.Repeat("u", 300) + "@ameli-carte-vitale.com:8443/" + pad,
	}
	unknown := "https://www.example.com/" + pad
	// Every limit up to past the URL made of a host alone, then around
	// the lengths of the inputs.
	var limits []int
	for n := 16; n <= 64; n++ {
		limits = append(limits, n)
	}
	for _, in := range append(lookalikes, unknown) {
		limits = append(limits, len(in)-1, len(in), len(in)+1)
	}
	for _, n := range limits {
		c, err := New(Default().Registry(), WithMaxURLLength(n))
		require.NoError(t, err)
		for _, in := range lookalikes {
			v := c.URL(in)
			require.Equal(t, Lookalike, v.Status, "limit %d, %.50q", n, in)
			if len(in) > n {
				assert.True(t, v.Has(CodeTooLong), "limit %d, %.50q: %v", n, in, v.Reasons)
			}
		}
		v := c.URL(unknown)
		if len(unknown) > n {
			require.Equal(t, Invalid, v.Status, "limit %d", n)
			assert.True(t, v.Has(CodeTooLong), "limit %d", n)
		} else {
			require.Equal(t, Unknown, v.Status, "limit %d", n)
		}
	}
	// A limit above the parser's own: the parser refuses the URL, and it
	// is judged by its host as above.
	c, err := New(Default().Registry(), WithMaxURLLength(math.MaxInt))
	require.NoError(t, err)
	huge := "https://ameli-carte-vitale.com/" + strings.Repeat("a", 3<<20)
	v := c.URL(huge)
	assert.Equal(t, Lookalike, v.Status)
	assert.True(t, v.Has(CodeTooLong), "%v", v.Reasons)

	_, err = New(Default().Registry(), WithMaxURLLength(15))
	assert.Error(t, err)
}

// TestOfficialURLAllocations guards the fast path: an official link with a
// query is read and judged with at most two allocations.
func TestOfficialURLAllocations(t *testing.T) {
	c := Default()
	for _, in := range []string{
		"https://assure.ameli.fr/PortailAS/appmanager/PortailAS/assure?_nfpb=true&_pageLabel=as_login_page",
		"https://espaceclient.axa.fr/connexion?retour=%2Fcompte",
	} {
		require.Equal(t, Official, c.URL(in).Status, in)
		allocs := testing.AllocsPerRun(200, func() { c.URL(in) })
		assert.LessOrEqual(t, allocs, 2.0, in)
	}
}

// TestBrandInPathEachPartDecoded: a stray '%' in one part of a URL does not
// keep an official domain percent-encoded in another from being read.
func TestBrandInPathEachPartDecoded(t *testing.T) {
	for _, tt := range []struct {
		in     string
		status Status
	}{
		{"https://www.example.com/x?u=%61meli.fr#%zz", Unknown},
		{"https://www.example.com/%61meli.fr/%zz", Suspicious},
		{"https://www.example.com/%zz?u=%61meli.fr", Unknown},
		{"https://www.example.com/x#AMELI.FR", Unknown},
		// The Kelvin sign lowercases to k.
		{"https://www.example.com/%E2%84%AAlesia.fr/", Suspicious},
	} {
		v := URL(tt.in)
		assert.Equal(t, tt.status, v.Status, tt.in)
		assert.True(t, v.Has(CodeBrandInPath), "%s: %v", tt.in, v.Reasons)
	}
}

// ExampleChecker_URL_fastPath shows that the common shape of link and an
// odd one are read alike: the odd one goes through the full parser.
func ExampleChecker_URL_fastPath() {
	c := Default()
	for _, in := range []string{"https://assure.ameli.fr/PortailAS?x=1", "HTTPS:\\\\assure.AMELI.fr\\PortailAS?x=1"} {
		v := c.URL(in)
		fmt.Println(v.Status, v.Host)
	}
	// Output:
	// official assure.ameli.fr
	// official assure.ameli.fr
}
