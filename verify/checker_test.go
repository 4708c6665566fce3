package verify

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/vigie-sante/vigie/domains"
)

// TestMaxURLLength is issue 12, deliver 6: with any accepted limit, a URL
// longer than it is answered (Invalid, or its host's lookalike verdict),
// without URL and refusedURL calling each other for ever.
func TestMaxURLLength(t *testing.T) {
	for _, n := range []int{16, 17, 30, 100, 2100, DefaultMaxURLLength} {
		c, err := New(domains.Default(), WithMaxURLLength(n))
		require.NoError(t, err)
		pad := strings.Repeat("a", n)
		for _, tt := range []struct {
			in     string
			status Status
		}{
			{"https://ameli-remboursement.com/" + pad, Lookalike},
			{"https://user:" + strings.Repeat("b", 1500) + "@ameli-remboursement.com/" + pad, Lookalike},
			{"ameli-remboursement.com/" + pad, Lookalike},
			{"https://www.ameli.fr/" + pad, Invalid},
			{"https://example.org/" + pad, Invalid},
			{"mailto:" + pad, Invalid},
		} {
			v := c.URL(tt.in)
			assert.Equal(t, tt.status, v.Status, "n=%d %.60s: %v", n, tt.in, v.Reasons)
			assert.True(t, v.Has(CodeTooLong), "n=%d %.60s", n, tt.in)
		}
	}
	_, err := New(domains.Default(), WithMaxURLLength(15))
	assert.Error(t, err, "a limit below 16 is refused")
}

// TestZeroChecker: a Checker not built by New works as Default.
func TestZeroChecker(t *testing.T) {
	var zero Checker
	var nilChecker *Checker
	for name, c := range map[string]*Checker{"zero value": &zero, "nil pointer": nilChecker} {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, Official, c.Host("www.ameli.fr").Status)
			assert.Equal(t, Lookalike, c.URL("https://ameli-remboursement.com/").Status)
			assert.Equal(t, Official, c.Sender("a@info.ameli.fr").Status)
			assert.Equal(t, Lookalike, c.SMS("AMELI", "https://ameli-remboursement.com/").Status)
			assert.Len(t, c.Links("https://www.ameli.fr/ https://a.example/"), 2)
			rep, err := c.Message(strings.NewReader("From: a@info.ameli.fr\r\n\r\nhttps://www.ameli.fr/\r\n"))
			require.NoError(t, err)
			assert.Equal(t, Unknown, rep.Status, "%v", rep.Reasons)
			rep, err = c.MessageContext(context.Background(), strings.NewReader("From: a@info.ameli.fr\r\n\r\nhttps://www.ameli.fr/\r\n"))
			require.NoError(t, err)
			assert.Equal(t, Unknown, rep.Status, "%v", rep.Reasons)
			assert.Same(t, domains.Default(), c.Registry())
		})
	}
}

// TestNewOptions: a nil option is skipped, a nil registry an error.
func TestNewOptions(t *testing.T) {
	c, err := New(domains.Default(), nil)
	require.NoError(t, err)
	assert.Equal(t, Official, c.Host("ameli.fr").Status)
	c, err = New(domains.Default(), nil, WithMaxLinks(3), nil)
	require.NoError(t, err)
	assert.Equal(t, 3, c.opts.maxLinks)
	_, err = New(nil)
	assert.ErrorContains(t, err, "nil registry")
}
