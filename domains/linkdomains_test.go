package domains

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLinkDomain(t *testing.T) {
	r, err := Parse(registryJSON(t,
		with(org("a", "example.fr"), "link_domains", []string{"a.mailer.net", "clic.example.net"}),
		with(org("b", "other.fr"), "link_domains", []string{"b.mailer.net"}),
	))
	require.NoError(t, err)
	assertLookups(t, r.LinkDomain, []lookupCase{
		{"a.mailer.net", "a", "a.mailer.net"},
		{"x.y.a.mailer.net", "a", "a.mailer.net"},
		{"clic.example.net.", "a", "clic.example.net"},
		{"b.mailer.net", "b", "b.mailer.net"},
		{"mailer.net", "", ""},
		{"xa.mailer.net", "", ""},
		{"example.fr", "", ""},
		{"a.mailer.net.evil.com", "", ""},
		{"", "", ""},
	})
	_, _, official := r.Lookup("a.mailer.net")
	assert.False(t, official, "a link domain is never an official domain")
	assert.Zero(t, testing.AllocsPerRun(100, func() { r.LinkDomain("x.a.mailer.net") }))
}

func TestGroups(t *testing.T) {
	r, err := Parse(registryJSON(t,
		with(org("fr", "example.fr"), "group", "grp"),
		with(org("grp", "example.com", "example.de"), "kind", "group"),
		org("other", "other.fr"),
	))
	require.NoError(t, err)
	fr, grp, other := r.Organization("fr"), r.Organization("grp"), r.Organization("other")
	assert.Equal(t, "grp", fr.Group)
	assert.Equal(t, Group, grp.Kind)
	o, _, ok := r.Lookup("www.example.de")
	require.True(t, ok)
	assert.Same(t, grp, o, "a group's own domains name the group")
	assert.True(t, fr.Affiliated(grp))
	assert.True(t, grp.Affiliated(fr))
	assert.True(t, fr.Affiliated(fr))
	assert.False(t, fr.Affiliated(other))
	assert.False(t, other.Affiliated(grp))
	assert.False(t, fr.Affiliated(nil))

	sisters, err := Parse(registryJSON(t,
		with(org("a", "a.fr"), "group", "grp"), with(org("b", "b.fr"), "group", "grp"),
		with(org("grp", "grp.com"), "kind", "group")))
	require.NoError(t, err)
	assert.False(t, sisters.Organization("a").Affiliated(sisters.Organization("b")), "sister entities are not affiliated")
}

func TestLinkAndGroupValidation(t *testing.T) {
	grp := func(id string, d ...string) map[string]any { return with(org(id, d...), "kind", "group") }
	links := func(o map[string]any, l ...string) map[string]any { return with(o, "link_domains", l) }
	tests := []struct {
		name  string
		orgs  []map[string]any
		err   error
		org   string
		field string
	}{
		{"group unknown", []map[string]any{with(org("a", "a.fr"), "group", "nobody")}, ErrNotAGroup, "a", "group"},
		{"group not a group", []map[string]any{with(org("a", "a.fr"), "group", "b"), org("b", "b.fr")}, ErrNotAGroup, "a", "group"},
		{"group of a group", []map[string]any{with(grp("a", "a.com"), "group", "b"), grp("b", "b.com")}, ErrInvalidValue, "a", "group"},
		{"group of itself", []map[string]any{with(org("a", "a.fr"), "group", "a")}, ErrNotAGroup, "a", "group"},
		{"link uppercase", []map[string]any{links(org("a", "a.fr"), "Clic.example.net")}, ErrNotLowercase, "a", "link_domains[0]"},
		{"link not ASCII-able", []map[string]any{links(org("a", "a.fr"), "exa_mple.net")}, ErrInvalidHostname, "a", "link_domains[0]"},
		{"link public suffix", []map[string]any{links(org("a", "a.fr"), "github.io")}, ErrPublicSuffix, "a", "link_domains[0]"},
		{"link TLD", []map[string]any{links(org("a", "a.fr"), "net")}, ErrInvalidHostname, "a", "link_domains[0]"},
		{"link unknown TLD", []map[string]any{links(org("a", "a.fr"), "clic.invalidtld")}, ErrUnknownTLD, "a", "link_domains[0]"},
		{"link own domain", []map[string]any{links(org("a", "a.fr"), "clic.a.fr")}, ErrOfficialLink, "a", "link_domains[0]"},
		{"link other's domain", []map[string]any{links(org("a", "a.fr"), "b.fr"), org("b", "b.fr")}, ErrOfficialLink, "a", "link_domains[0]"},
		{"link group's domain", []map[string]any{links(with(org("a", "a.fr"), "group", "g"), "g.com"), grp("g", "g.com")}, ErrOfficialLink, "a", "link_domains[0]"},
		{"link shared", []map[string]any{links(org("a", "a.fr"), "clic.example.net"), links(org("b", "b.fr"), "clic.example.net")}, ErrClaimedTwice, "b", "link_domains[0]"},
		{"link under other's", []map[string]any{links(org("a", "a.fr"), "example.net"), links(org("b", "b.fr"), "clic.example.net")}, ErrClaimedTwice, "b", "link_domains[0]"},
		{"link above other's", []map[string]any{links(org("a", "a.fr"), "clic.example.net"), links(org("b", "b.fr"), "example.net")}, ErrClaimedTwice, "b", "link_domains[0]"},
		{"link twice", []map[string]any{links(org("a", "a.fr"), "clic.example.net", "clic.example.net")}, ErrDuplicate, "a", "link_domains[1]"},
		{"link overlaps own", []map[string]any{links(org("a", "a.fr"), "example.net", "clic.example.net")}, ErrDuplicate, "a", "link_domains"},
		{"link is a lookalike", []map[string]any{links(org("a", "a.fr"), "clic.example.net"), with(org("b", "b.fr"), "known_lookalikes", []string{"example.net"})}, ErrClaimedTwice, "a", "link_domains[0]"},
		{"lookalike is a link", []map[string]any{links(org("a", "a.fr"), "example.net"), with(org("b", "b.fr"), "known_lookalikes", []string{"x.example.net"})}, ErrClaimedTwice, "b", "known_lookalikes[0]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(registryJSON(t, tt.orgs...))
			requireProblem(t, err, tt.err, tt.org, tt.field)
		})
	}
}
