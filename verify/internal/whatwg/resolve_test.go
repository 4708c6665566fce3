package whatwg

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// resolveBases are the bases the resolution tests resolve against: an
// ordinary one with a path, one whose host the URL library would misread
// (a Punycode label with no non-ASCII code point), and one with userinfo
// and a port, where the host stands further into the serialisation.
var resolveBases = []string{
	"https://www.ameli.fr/PortailAS/appmanager/",
	"https://xn--ameli-.fr/a/b?q#f",
	"http://user:pa%40ss@assure.ameli.fr:8443/x",
}

// resolveRefs are references a page holds, relative and absolute, beside
// the differential generator's URLs.
var resolveRefs = []string{
	"", "x", "/x", "../../x", "?q", "#f", "//xn--ameli-.fr/x", "//user@evil.example/x",
	`\\evil.example\x`, `/\evil.example`, "https:evil.example", "https:/evil.example",
	"http:evil.example", "//[::1]:80/", "//0x7f.1/", "//ameli.fr%2eevil.example/",
	"//assure.ameli.XN--fr-/", "//assure.ameli.x\u00adn--fr-/", "//ａｍｅｌｉ.fr/", "file://localhost/x",
	"file:///x", "foo://xn--ameli-.fr/", "javascript:alert(1)", "\t//evil.\nexample/",
}

// readResolved is where a reference resolved against base leads, as
// ParseURL reads the absolute URL Resolve returns.
func readResolved(base, ref string) (URL, error) {
	abs, err := Resolve(base, ref)
	if err != nil {
		return URL{}, err
	}
	return ParseURL(abs)
}

// TestResolveURLTestData holds Resolve to the cases of urltestdata.json
// that have a base and a special network scheme: the host of the resolved
// URL, or its failure.
func TestResolveURLTestData(t *testing.T) {
	raw := urlTestData(t)
	applicable := 0
	for i, r := range raw {
		var c urlTestCase
		if json.Unmarshal(r, &c) != nil || c.Base == nil {
			continue
		}
		u, err := readResolved(*c.Base, c.Input)
		if c.Failure {
			applicable++
			assert.Errorf(t, err, "case %d %q against %q: %+v", i, c.Input, *c.Base, u)
			continue
		}
		switch c.Protocol {
		case "http:", "https:", "ws:", "wss:", "ftp:":
		default:
			continue
		}
		applicable++
		if assert.NoErrorf(t, err, "case %d %q against %q", i, c.Input, *c.Base) {
			assert.Equalf(t, c.Hostname, u.Host, "case %d %q against %q", i, c.Input, *c.Base)
		}
	}
	t.Logf("urltestdata.json: %d cases with a base", applicable)
	assert.Greater(t, applicable, 100)
}

// TestResolveKeepsHost: a reference resolved against a base leads to the
// host ParseURL reads in it alone, when it names one, else to the base's.
func TestResolveKeepsHost(t *testing.T) {
	for _, tt := range []struct{ base, ref, host string }{
		{resolveBases[0], "https://xn--ameli-.fr/connexion", "xn--ameli-.fr"},
		{resolveBases[0], "//xn--ameli-.fr/connexion", "xn--ameli-.fr"},
		{resolveBases[1], "/connexion", "xn--ameli-.fr"},
		{resolveBases[0], "https://assure.ameli.XN--fr-/", "assure.ameli.xn--fr-"},
		{resolveBases[0], "https:evil.example", "www.ameli.fr"},
		{resolveBases[2], "/y", "assure.ameli.fr"},
		{resolveBases[2], "//[::1]:80/", "[::1]"},
		{resolveBases[0], "file://localhost/x", ""},
		{resolveBases[0], "foo://xn--ameli-.fr/", "xn--ameli-.fr"},
	} {
		u, err := readResolved(tt.base, tt.ref)
		if assert.NoError(t, err, "%q against %q", tt.ref, tt.base) {
			assert.Equal(t, tt.host, u.Host, "%q against %q", tt.ref, tt.base)
		}
	}
	_, err := Resolve(resolveBases[0], "https://a b/")
	assert.ErrorIs(t, err, ErrForbidden, "a host this package refuses fails the resolution")
}

// TestDifferentialNodeResolve (red team red12: Resolve ran the URL
// library's host parser, which read https://xn--ameli-.fr/ under a base as
// https://ameli.fr/) resolves the differential generator's URLs
// and resolveRefs against each base as Node.js does (new URL(ref, base)):
// the resolved URL must lead where Node's does.
func TestDifferentialNodeResolve(t *testing.T) {
	node := nodeOrSkip(t)
	refs := append([]string(nil), resolveRefs...)
	for _, c := range generateDifferentialCases() {
		refs = append(refs, c.input)
	}
	for _, base := range resolveBases {
		out := runNode(t, node, refs, base)
		disagree, refused := 0, 0
		for i, ref := range refs {
			n := out.Results[i]
			u, err := readResolved(base, ref)
			// A URL that resolves past ParseURL's bounds (its host
			// percent-encoded in a URL that is not special) is
			// refused, which fails safe.
			if agree(n, u, err) || nodeSkipsBidiReading(func() (URL, error) { return readResolved(base, ref) }, n, err) {
				continue
			}
			if errors.Is(err, ErrTooLong) {
				refused++
				continue
			}
			if disagree++; disagree <= diffMaxPrinted {
				t.Errorf("%+q against %q:\n\tnode:  %s\n\tvigie: %s", ref, base, describeNode(n), describeVigie(u, err))
			}
		}
		t.Logf("%s: %d references, %d refused as too long, %d disagree", base, len(refs), refused, disagree)
		assert.Zero(t, disagree, fmt.Sprintf("Resolve against %s must lead where Node's new URL(ref, base) does", base))
	}
}

// TestResolveSerialisesOurHost: what Resolve returns holds the host this
// package reads, never the URL library's placeholder.
func TestResolveSerialisesOurHost(t *testing.T) {
	for _, base := range resolveBases {
		for _, ref := range resolveRefs {
			abs, err := Resolve(base, ref)
			if err == nil {
				assert.NotContains(t, abs, placeholderHost, "%q against %q", ref, base)
				assert.False(t, strings.HasPrefix(abs, " "), abs)
			}
		}
	}
}
