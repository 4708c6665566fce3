package shorteners

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestIs(t *testing.T) {
	for _, tc := range []struct {
		host string
		want bool
	}{
		{"bit.ly", true},
		{"bit.ly.", true},
		{"www.bit.ly", true},
		{"tinyurl.com", true},
		{"preview.tinyurl.com", true},
		{"t.co", true},
		{"is.gd", true},
		{"urlz.fr", true},
		{"lnkd.in", true},
		{"goo.gl", true},
		{"maps.app.goo.gl", false},
		{"x.maps.app.goo.gl", false},
		{"app.goo.gl", true},
		// Look-alikes of shorteners are not shorteners, nor are their
		// parents or ordinary sites.
		{"bitly.fr", false},
		{"notbit.ly", false},
		{"ly", false},
		{"co", false},
		{"ameli.fr", false},
		{"assure.ameli.fr", false},
		{"twitter.com", false},
		{"", false},
		{".", false},
	} {
		assert.Equal(t, tc.want, Is(tc.host), tc.host)
	}
}

func TestList(t *testing.T) {
	list := List()
	assert.GreaterOrEqual(t, len(list), 60)
	for _, h := range list {
		assert.True(t, Is(h), h)
		assert.True(t, Is("x."+h), h)
	}
	assert.Contains(t, list, "bit.ly")
	assert.NotContains(t, list, "maps.app.goo.gl")
}

func TestParse(t *testing.T) {
	hosts, except, err := parse("# comment\n\nbit.ly\n  t.co  \n!sub.t.co\n")
	require.NoError(t, err)
	assert.Equal(t, map[string]bool{"bit.ly": true, "t.co": true}, hosts)
	assert.Equal(t, map[string]bool{"sub.t.co": true}, except)

	for _, bad := range []string{
		"Bit.ly",         // uppercase
		"bit.ly\nbit.ly", // duplicate
		"localhost",      // no dot
		"bit..ly",        // empty label
		"-bit.ly",        // leading hyphen
		"bït.ly",         // not ASCII
		"bit.ly/x",       // not a host
		"!sub.example.com",
	} {
		_, _, err := parse(bad)
		assert.Error(t, err, bad)
	}
}
