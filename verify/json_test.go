package verify

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/vigie-sante/vigie/domains"
)

func TestVerdictJSON(t *testing.T) {
	b, err := json.Marshal(URL("https://assure.ameli.fr/"))
	require.NoError(t, err)
	assert.JSONEq(t, `{"verdict":"official","host":"assure.ameli.fr",
		"organization":"assurance-maladie","target":"ameli.fr","reasons":[
		{"code":"registered-domain","detail":"assure.ameli.fr is under ameli.fr, registered for Assurance Maladie"},
		{"code":"login-host","detail":"assure.ameli.fr is where members of Assurance Maladie log in"}]}`, string(b))
	b, err = json.Marshal(Host("example.com"))
	require.NoError(t, err)
	assert.JSONEq(t, `{"verdict":"unknown","host":"example.com","organization":"","target":"","reasons":[]}`, string(b))
}

// roundTrip marshals v, unmarshals it into a new T and marshals that
// again: the two JSON texts must be the same.
func roundTrip[T any](t *testing.T, v T) T {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	var back T
	require.NoError(t, json.Unmarshal(b, &back), "%s", b)
	b2, err := json.Marshal(back)
	require.NoError(t, err)
	assert.JSONEq(t, string(b), string(b2))
	return back
}

func TestJSONRoundTrip(t *testing.T) {
	c := Default()
	t.Run("verdict", func(t *testing.T) {
		for _, in := range []string{"https://assure.ameli.fr/", "https://ameli-remboursement.com/", "http://[::1/", "https://example.org/"} {
			v := c.URL(in)
			back := roundTrip(t, v)
			assert.Equal(t, v.Status, back.Status)
			assert.Equal(t, v.Organization, back.Organization, "the organisation is the registry's own")
			assert.Equal(t, v.Codes(), back.Codes())
		}
	})
	t.Run("report", func(t *testing.T) {
		rep := c.SMS("AMELI", `AMELI: renouvelez votre carte Vitale sur ameli-carte-vitale.com ou https://www.ameli.fr`)
		require.Len(t, rep.Links, 2)
		back := roundTrip(t, rep)
		assert.Equal(t, rep.Status, back.Status)
		require.Len(t, back.Links, 2)
		assert.Equal(t, rep.Links[0].URL, back.Links[0].URL)
		assert.Equal(t, rep.Links[1].Organization, back.Links[1].Organization)
		b, err := json.Marshal(rep)
		require.NoError(t, err)
		assert.Contains(t, string(b), `"links":[{"url":"ameli-carte-vitale.com","verdict":"lookalike","host":"ameli-carte-vitale.com"`)
	})
	t.Run("report without links", func(t *testing.T) {
		rep, err := c.Message(strings.NewReader("From: a@example.org\r\n\r\nbonjour\r\n"))
		require.NoError(t, err)
		b, err := json.Marshal(rep)
		require.NoError(t, err)
		assert.Contains(t, string(b), `"links":[]`)
		roundTrip(t, rep)
	})
	t.Run("link with text", func(t *testing.T) {
		links := c.Links(`<a href="https://ameli-releve.example/">https://www.ameli.fr</a>`)
		require.Len(t, links, 1)
		back := roundTrip(t, links[0])
		assert.Equal(t, "https://www.ameli.fr", back.Text)
		assert.True(t, back.Has(CodeLinkTextMismatch))
	})
}

func TestVerdictJSONOrganizationOutsideTheRegistry(t *testing.T) {
	var v Verdict
	require.NoError(t, json.Unmarshal([]byte(`{"verdict":"official","host":"mutuelle.example","organization":"mutuelle-locale","target":"mutuelle.example","reasons":[]}`), &v))
	require.NotNil(t, v.Organization)
	assert.Equal(t, &domains.Organization{ID: "mutuelle-locale"}, v.Organization)
	assert.Equal(t, Official, v.Status)
}

func TestVerdictJSONErrors(t *testing.T) {
	for name, in := range map[string]string{
		"no verdict":      `{"host":"ameli.fr"}`,
		"null verdict":    `{"verdict":null}`,
		"unknown verdict": `{"verdict":"fine"}`,
		"not an object":   `"official"`,
	} {
		t.Run(name, func(t *testing.T) {
			var v Verdict
			assert.Error(t, json.Unmarshal([]byte(in), &v))
			assert.Equal(t, Verdict{}, v)
			var l Link
			assert.Error(t, json.Unmarshal([]byte(in), &l))
			var r Report
			assert.Error(t, json.Unmarshal([]byte(in), &r))
		})
	}
}

func TestStatusSeverity(t *testing.T) {
	order := []Status{Official, Unknown, Invalid, Suspicious, Lookalike}
	for i, s := range order {
		assert.Equal(t, i, s.Severity(), s.String())
		for _, worse := range order[i+1:] {
			assert.True(t, worse.Worse(s), "%s worse than %s", worse, s)
			assert.False(t, s.Worse(worse), "%s not worse than %s", s, worse)
		}
	}
	var zero Status
	assert.NotEqual(t, Official, zero, "the zero Status is never official")
	assert.True(t, Status(200).Worse(Lookalike), "an unknown value is never taken for a safer one")
	assert.Equal(t, "Status(200)", Status(200).String())
}

func TestVerdictMethodsOnValues(t *testing.T) {
	// Value receivers: methods on a verdict returned by a call.
	assert.True(t, URL("https://ameli-remboursement.com/").Has(CodeComboSquat))
	assert.Equal(t, []Code{CodeRegisteredDomain}, Host("ameli.fr").Codes())
}

// FuzzReportJSON checks that whatever JSON a report decodes from, it
// writes JSON that decodes to the same report, and that decoding never
// yields a status outside the constants.
func FuzzReportJSON(f *testing.F) {
	for _, in := range []string{
		`{"verdict":"official","host":"ameli.fr","organization":"assurance-maladie","target":"ameli.fr","reasons":[{"code":"registered-domain","detail":"x"}],"links":[]}`,
		`{"verdict":"lookalike","links":[{"url":"x","text":"y","verdict":"unknown","organization":"nobody"}]}`,
		`{"verdict":null}`, `{}`, `[]`, `{"verdict":"official","links":[{}]}`,
	} {
		f.Add([]byte(in))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var r Report
		if json.Unmarshal(data, &r) != nil {
			return
		}
		if r.Status.Severity() > Lookalike.Severity() {
			t.Fatalf("decoded status %d", r.Status)
		}
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		var back Report
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("%s does not decode: %v", b, err)
		}
		b2, err := json.Marshal(back)
		if err != nil {
			t.Fatal(err)
		}
		if string(b) != string(b2) {
			t.Fatalf("not stable:\n%s\n%s", b, b2)
		}
	})
}
