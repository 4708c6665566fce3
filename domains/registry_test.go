package domains

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/vigie-sante/vigie/internal/shared"
)

func TestDefault(t *testing.T) {
	r := Default()
	require.Same(t, r, Default(), "the default registry is parsed once")
	assert.GreaterOrEqual(t, r.Len(), 40)
	assert.Regexp(t, `^\d{4}\.\d{1,2}\.\d+$`, r.Version())
	assert.Regexp(t, `^\d{4}-\d{2}-\d{2}$`, r.Date())
	assert.NotEmpty(t, r.Source())

	ameli := r.Organization("assurance-maladie")
	require.NotNil(t, ameli)
	assert.Equal(t, PublicBody, ameli.Kind)
	assert.Equal(t, []string{"ameli.fr", "monespacesante.fr"}, ameli.Domains, "Mon espace santé belongs to the Assurance Maladie")
	assert.Contains(t, ameli.MailDomains, "info.ameli.fr")
	assert.Contains(t, ameli.Aliases, "Assurance Maladie")
	assert.Contains(t, ameli.Aliases, "ameli")
	assert.True(t, ameli.MemberLogin)

	for _, id := range []string{"viamedis", "almerys"} {
		o := r.Organization(id)
		require.NotNil(t, o, id)
		assert.False(t, o.MemberLogin, "%s has no login for insured people", id)
		assert.Equal(t, TiersPayantOperator, o.Kind)
	}

	eep := r.Organization("eep-sante")
	require.NotNil(t, eep, "entries without a domain stay documented")
	assert.Empty(t, eep.Domains)

	interim := r.Organization("interimaires-sante")
	require.NotNil(t, interim)
	assert.Contains(t, interim.Domains, "interimairessante.fr")
	assert.Contains(t, interim.KnownLookalikes, "interimairesante.fr",
		"the one-s spelling of the insurer letter is a lookalike, not a domain")
	_, _, official := r.Lookup("salarie.interimairesante.fr")
	assert.False(t, official)
}

func TestEveryEntryKeepsSourcesAndConfidence(t *testing.T) {
	for _, o := range Default().Organizations() {
		assert.NotEmpty(t, o.Sources, o.ID)
		assert.True(t, o.Confidence.valid(), o.ID)
		assert.NotEmpty(t, append(o.Aliases, o.WeakAliases...), "%s: a name people write", o.ID)
		assert.Empty(t, o.SMSSenders, "%s: no SMS sender ID was sourced for any organisation", o.ID)
	}
}

// TestEmbeddedKeepsResearch checks that the embedded registry keeps the
// evidence of the research file its first organisations came from: every
// source is still listed, and a domain or host leaves its organisation only
// with a trace, moved to another organisation or named in the notes.
func TestEmbeddedKeepsResearch(t *testing.T) {
	data := shared.Read(t, "registry/organizations.json")
	var research []struct {
		ID          string   `json:"id"`
		Domains     []string `json:"domains"`
		LoginHosts  []string `json:"login_hosts"`
		MailDomains []string `json:"mail_domains"`
		Sources     []string `json:"sources"`
		NotOfficial []string `json:"not_official"`
	}
	require.NoError(t, json.Unmarshal(data, &research))
	r := Default()
	for _, want := range research {
		got := r.Organization(want.ID)
		if !assert.NotNil(t, got, want.ID) {
			continue
		}
		assert.Subset(t, got.Sources, want.Sources, "%s: research sources are kept", want.ID)
		assert.Subset(t, nonNil(got.KnownLookalikes), nonNil(want.NotOfficial), want.ID)
		for _, d := range want.Domains {
			if slices.Contains(got.Domains, d) {
				continue
			}
			if owner, _, ok := r.Lookup(d); ok {
				assert.Contains(t, owner.Notes+got.Notes, d, "%s: %s moved to %s without a note", want.ID, d, owner.ID)
				continue
			}
			assert.Contains(t, got.Notes, d, "%s: %s was removed without a note", want.ID, d)
		}
		for _, h := range append(append([]string(nil), want.LoginHosts...), want.MailDomains...) {
			if !slices.Contains(got.LoginHosts, h) && !slices.Contains(got.MailDomains, h) {
				assert.Contains(t, got.Notes, h, "%s: %s was removed without a note", want.ID, h)
			}
		}
	}
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func TestLookup(t *testing.T) {
	r := Default()
	assertLookups(t, r.Lookup, []lookupCase{
		{"ameli.fr", "assurance-maladie", "ameli.fr"},
		{"assure.ameli.fr", "assurance-maladie", "ameli.fr"},
		{"a.b.c.assure.ameli.fr", "assurance-maladie", "ameli.fr"},
		{"ameli.fr.", "assurance-maladie", "ameli.fr"},
		{"www.harmonie-et-moi.fr", "harmonie-mutuelle", "harmonie-et-moi.fr"},
		{"dgfip.finances.gouv.fr", "dgfip-impots", "finances.gouv.fr"},
		{"www.service-public.gouv.fr", "service-public", "service-public.gouv.fr"},
		{"xameli.fr", "", ""},
		{"ameli.fr.evil.com", "", ""},
		{"ameli-fr.com", "", ""},
		{"fr", "", ""},
		{"gouv.fr", "", ""},
		{"", "", ""},
		{".", "", ""},
	})
	allocs := testing.AllocsPerRun(100, func() { r.Lookup("a.b.assure.ameli.fr") })
	assert.Zero(t, allocs)
}

// lookupCase is a host and the organisation and listed name a lookup must
// find for it; org "" means no match.
type lookupCase struct{ host, org, listed string }

// assertLookups runs a suffix lookup (Lookup, LinkDomain) over cases.
func assertLookups(t *testing.T, lookup func(string) (*Organization, string, bool), cases []lookupCase) {
	t.Helper()
	for _, tt := range cases {
		o, listed, ok := lookup(tt.host)
		if tt.org == "" {
			assert.False(t, ok, tt.host)
			assert.Nil(t, o, tt.host)
			continue
		}
		if assert.True(t, ok, tt.host) {
			assert.Equal(t, tt.org, o.ID, tt.host)
			assert.Equal(t, tt.listed, listed, tt.host)
		}
	}
}

func TestRoles(t *testing.T) {
	r := Default()
	o, ok := r.IsLoginHost("assure.hcrbienetre.fr")
	require.True(t, ok)
	assert.Equal(t, "hcr-bien-etre", o.ID)
	_, ok = r.IsLoginHost("www.hcrbienetre.fr")
	assert.False(t, ok)
	o, ok = r.MailDomain("info.ameli.fr")
	require.True(t, ok)
	assert.Equal(t, "assurance-maladie", o.ID)
	o, listed, ok := r.KnownLookalike("salarie.interimairesante.fr")
	require.True(t, ok)
	assert.Equal(t, "interimaires-sante", o.ID)
	assert.Equal(t, "interimairesante.fr", listed)
}

// org is a minimal valid entry for validation tests.
func org(id string, domains ...string) map[string]any {
	return map[string]any{
		"id": id, "name": "Org " + id, "kind": "insurer", "confidence": "high",
		"domains": domains, "sources": []string{"https://example.org/source"},
	}
}

func registryJSON(t *testing.T, orgs ...map[string]any) []byte {
	t.Helper()
	b, err := json.Marshal(map[string]any{"version": "1", "date": "2026-11-23", "organizations": orgs})
	require.NoError(t, err)
	return b
}

func with(o map[string]any, key string, v any) map[string]any {
	o[key] = v
	return o
}

func TestValidation(t *testing.T) {
	tests := []struct {
		name  string
		orgs  []map[string]any
		err   error
		org   string
		field string
	}{
		{"uppercase", []map[string]any{org("a", "Example.fr")}, ErrNotLowercase, "a", "domains[0]"},
		{"uppercase U-label", []map[string]any{org("a", "ÉXAMPLE.fr")}, ErrNotLowercase, "a", "domains[0]"},
		{"space", []map[string]any{org("a", "exa mple.fr")}, ErrInvalidHostname, "a", "domains[0]"},
		{"underscore", []map[string]any{org("a", "exa_mple.fr")}, ErrInvalidHostname, "a", "domains[0]"},
		{"leading hyphen", []map[string]any{org("a", "-example.fr")}, ErrInvalidHostname, "a", "domains[0]"},
		{"single label", []map[string]any{org("a", "localhost")}, ErrInvalidHostname, "a", "domains[0]"},
		{"trailing dot", []map[string]any{org("a", "example.fr.")}, ErrInvalidHostname, "a", "domains[0]"},
		{"IP address", []map[string]any{org("a", "192.168.0.1")}, ErrInvalidHostname, "a", "domains[0]"},
		{"long label", []map[string]any{org("a", strings.Repeat("a", 64)+".fr")}, ErrInvalidHostname, "a", "domains[0]"},
		{"fullwidth", []map[string]any{org("a", "ｅxample.fr")}, ErrInvalidHostname, "a", "domains[0]"},
		{"bad punycode", []map[string]any{org("a", "xn--a.fr")}, ErrInvalidHostname, "a", "domains[0]"},
		{"unknown TLD", []map[string]any{org("a", "example.invalidtld")}, ErrUnknownTLD, "a", "domains[0]"},
		{"public suffix fr", []map[string]any{org("a", "gouv.fr")}, ErrPublicSuffix, "a", "domains[0]"},
		{"public suffix co.uk", []map[string]any{org("a", "co.uk")}, ErrPublicSuffix, "a", "domains[0]"},
		{"private suffix", []map[string]any{org("a", "github.io")}, ErrPublicSuffix, "a", "domains[0]"},
		{"subdomain", []map[string]any{org("a", "www.example.fr")}, ErrNotRegistrable, "a", "domains[0]"},
		{"claimed twice", []map[string]any{org("a", "example.fr"), org("b", "other.fr", "example.fr")}, ErrClaimedTwice, "b", "domains[1]"},
		{"listed twice", []map[string]any{org("a", "example.fr", "example.fr")}, ErrDuplicate, "a", "domains[1]"},
		{"login outside", []map[string]any{with(org("a", "example.fr"), "login_hosts", []string{"login.evil.fr"})}, ErrOutsideDomains, "a", "login_hosts[0]"},
		{"login suffix trick", []map[string]any{with(org("a", "example.fr"), "login_hosts", []string{"badexample.fr"})}, ErrOutsideDomains, "a", "login_hosts[0]"},
		{"mail outside", []map[string]any{with(org("a", "example.fr"), "mail_domains", []string{"mail.example.com"})}, ErrOutsideDomains, "a", "mail_domains[0]"},
		{"no domains, a login", []map[string]any{with(org("a"), "login_hosts", []string{"x.example.fr"})}, ErrOutsideDomains, "a", "login_hosts[0]"},
		{"lookalike official", []map[string]any{org("a", "example.fr"), with(org("b", "other.fr"), "known_lookalikes", []string{"www.example.fr"})}, ErrOfficialLookalike, "b", "known_lookalikes[0]"},
		{"kind", []map[string]any{with(org("a", "example.fr"), "kind", "bank")}, ErrInvalidValue, "a", "kind"},
		{"confidence", []map[string]any{with(org("a", "example.fr"), "confidence", "sure")}, ErrInvalidValue, "a", "confidence"},
		{"no sources", []map[string]any{with(org("a", "example.fr"), "sources", []string{})}, ErrMissing, "a", "sources"},
		{"empty alias", []map[string]any{with(org("a", "example.fr"), "aliases", []string{" "})}, ErrMissing, "a", "aliases[0]"},
		{"control in name", []map[string]any{with(org("a", "example.fr"), "name", "a\x07b")}, ErrInvalidValue, "a", "name"},
		{"sms sender", []map[string]any{with(org("a", "example.fr"), "sms_senders", []string{"TOO-LONG-SENDER-ID"})}, ErrInvalidValue, "a", "sms_senders[0]"},
		{"bad id", []map[string]any{org("Bad ID", "example.fr")}, ErrInvalidValue, "#1", "id"},
		{"missing id", []map[string]any{org("", "example.fr")}, ErrMissing, "#1", "id"},
		{"duplicate id", []map[string]any{org("a", "example.fr"), org("a", "other.fr")}, ErrDuplicate, "a", "id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(registryJSON(t, tt.orgs...))
			requireProblem(t, err, tt.err, tt.org, tt.field)
		})
	}
}

// requireProblem checks that err reports want for the field of org.
func requireProblem(t *testing.T, err, want error, org, field string) {
	t.Helper()
	require.ErrorIs(t, err, want)
	var verr *ValidationError
	require.ErrorAs(t, err, &verr)
	i := slices.IndexFunc(verr.Problems, func(p *FieldError) bool { return errors.Is(p, want) })
	require.GreaterOrEqual(t, i, 0)
	p := verr.Problems[i]
	assert.Equal(t, org, p.Org)
	assert.Equal(t, field, p.Field)
	assert.Contains(t, err.Error(), field, "the message names the field")
}

func TestValidationReportsEveryProblem(t *testing.T) {
	_, err := Parse(registryJSON(t, org("a", "Example.fr"), with(org("b", "gouv.fr"), "kind", "bank")))
	var verr *ValidationError
	require.ErrorAs(t, err, &verr)
	assert.Len(t, verr.Problems, 3)
	assert.Contains(t, err.Error(), `organization "a": domains[0] "Example.fr": not lowercase`)
}

func TestULabelsAreNormalised(t *testing.T) {
	r, err := Parse(registryJSON(t, with(org("a", "mutuelle-santé.fr"), "login_hosts", []string{"espace.mutuelle-santé.fr"})))
	require.NoError(t, err)
	o := r.Organization("a")
	assert.Equal(t, []string{"xn--mutuelle-sant-nhb.fr"}, o.Domains)
	assert.Equal(t, []string{"espace.xn--mutuelle-sant-nhb.fr"}, o.LoginHosts)
	found, _, ok := r.Lookup("espace.xn--mutuelle-sant-nhb.fr")
	require.True(t, ok)
	assert.Same(t, o, found)
}

func TestFileErrors(t *testing.T) {
	for name, data := range map[string]string{
		"not JSON":      "domains: [",
		"unknown field": `{"version":"1","organizations":[],"extra":1}`,
		"trailing data": `{"version":"1","organizations":[]} {}`,
		"wrong type":    `{"version":"1","organizations":{}}`,
	} {
		_, err := Parse([]byte(data))
		assert.ErrorIs(t, err, ErrFormat, name)
	}
	_, err := Parse(registryJSON(t))
	assert.NoError(t, err, "an empty registry is valid")
	_, err = Parse([]byte(`{"version":"1","date":"23/11/2026","organizations":[]}`))
	assert.ErrorIs(t, err, ErrInvalidValue)
	_, err = Load(strings.NewReader(strings.Repeat(" ", MaxFileSize+1)))
	assert.ErrorIs(t, err, ErrFormat)
	_, err = LoadFile(filepath.Join(t.TempDir(), "missing.json"))
	assert.ErrorIs(t, err, os.ErrNotExist)
}

func TestOverlay(t *testing.T) {
	base := Default()
	top, err := Parse(registryJSON(t,
		with(org("acme-mutuelle", "example.org"), "login_hosts", []string{"espace.example.org"}),
		with(org("cnil", "cnil.fr"), "name", "CNIL (replaced)"),
	))
	require.NoError(t, err)
	merged, err := base.Overlay(top)
	require.NoError(t, err)
	assert.Equal(t, base.Len()+1, merged.Len())
	assert.Equal(t, base.Version()+"+1", merged.Version())
	assert.Equal(t, "CNIL (replaced)", merged.Organization("cnil").Name)
	o, _, ok := merged.Lookup("espace.example.org")
	require.True(t, ok)
	assert.Equal(t, "acme-mutuelle", o.ID)
	assert.Equal(t, "CNIL", base.Organization("cnil").Name, "the base is not modified")

	clash, err := Parse(registryJSON(t, org("impostor", "ameli.fr")))
	require.NoError(t, err)
	_, err = base.Overlay(clash)
	require.ErrorIs(t, err, ErrClaimedTwice, "an overlay cannot claim another organisation's domain")
}

func TestMarshalRoundTrip(t *testing.T) {
	b, err := json.Marshal(Default())
	require.NoError(t, err)
	again, err := Parse(b)
	require.NoError(t, err)
	assert.Equal(t, Default().Organizations(), again.Organizations())
	assert.Equal(t, Default().Version(), again.Version())
}
