package domains

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDiff(t *testing.T) {
	old, err := Parse(registryJSON(t,
		with(org("a", "example.org", "example.net"), "login_hosts", []string{"espace.example.org"}),
		org("gone", "gone.fr"),
		org("same", "same.fr"),
	))
	require.NoError(t, err)
	changed := with(org("a", "example.org", "example.com"), "login_hosts", []string{"espace.example.org", "connexion.example.com"})
	changed["confidence"] = "medium"
	new, err := Parse(registryJSON(t, changed, org("same", "same.fr"), org("fresh", "fresh.fr")))
	require.NoError(t, err)

	var got []string
	for _, c := range Diff(old, new) {
		got = append(got, c.String())
	}
	assert.Equal(t, []string{
		`added a domains "example.com"`,
		`removed a domains "example.net"`,
		`added a login_hosts "connexion.example.com"`,
		`changed a confidence: "high" -> "medium"`,
		`added organization fresh`,
		`added fresh domains "fresh.fr"`,
		`removed organization gone`,
	}, got)
	assert.Empty(t, Diff(Default(), Default()))
}

func TestDiffGroupsAndLinks(t *testing.T) {
	grp := with(org("g", "g.com"), "kind", "group")
	old, err := Parse(registryJSON(t, grp, org("a", "a.fr")))
	require.NoError(t, err)
	a := with(with(org("a", "a.fr"), "group", "g"), "link_domains", []string{"clic.mailer.net"})
	new, err := Parse(registryJSON(t, grp, a))
	require.NoError(t, err)
	var got []string
	for _, c := range Diff(old, new) {
		got = append(got, c.String())
	}
	assert.Equal(t, []string{
		`added a link_domains "clic.mailer.net"`,
		`changed a group: "" -> "g"`,
	}, got)
}
