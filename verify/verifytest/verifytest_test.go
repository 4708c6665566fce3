package verifytest_test

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/vigie-sante/vigie/domains"
	"github.com/vigie-sante/vigie/verify"
	"github.com/vigie-sante/vigie/verify/verifytest"
)

// recorder is a TestingT that keeps what the assertions report.
type recorder struct{ errors []string }

func (r *recorder) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

func TestAssertOfficial(t *testing.T) {
	r := &recorder{}
	assert.True(t, verifytest.AssertOfficial(r, nil, "https://assure.ameli.fr/PortailAS"))
	assert.False(t, verifytest.AssertOfficial(r, nil, "https://ameli-remboursement.com/x", "template %s", "relance"))
	require.Len(t, r.errors, 1)
	assert.Contains(t, r.errors[0], "template relance: https://ameli-remboursement.com/x is lookalike, not official")
	assert.Contains(t, r.errors[0], "imitates ameli.fr (Assurance Maladie)")
	assert.Contains(t, r.errors[0], "combo-squat: ")
}

func TestAssertNotOfficial(t *testing.T) {
	r := &recorder{}
	assert.True(t, verifytest.AssertNotOfficial(r, nil, "https://assure.ameli.fr@evil.example/"))
	assert.False(t, verifytest.AssertNotOfficial(r, nil, "https://www.ameli.fr/"))
	require.Len(t, r.errors, 1)
	assert.Contains(t, r.errors[0], "https://www.ameli.fr/ is official; concerns ameli.fr (Assurance Maladie); registered-domain: ")
}

func TestAssertVerdict(t *testing.T) {
	r := &recorder{}
	assert.True(t, verifytest.AssertVerdict(r, nil, "salarie.interimairesante.fr", verify.Lookalike))
	assert.True(t, verifytest.AssertVerdict(r, nil, "Assurance Maladie <assurance-maladie@info.ameli.fr>", verify.Official))
	assert.False(t, verifytest.AssertVerdict(r, nil, "example.com", verify.Official))
	require.Len(t, r.errors, 1)
	assert.Contains(t, r.errors[0], "example.com is unknown, want official")
}

func TestAssertAllLinksOfficial(t *testing.T) {
	c := verify.Default()
	r := &recorder{}
	html := `<p>Bonjour,</p>
<p><a href="https://assure.ameli.fr/PortailAS">Accéder à mon compte</a>
<a href="https://click.routeur-mail.example/r?u=1">https://www.ameli.fr/assure</a>
<a href="mailto:contact@info.ameli.fr">contact</a> <a href="mailto:aide@ameli-aide.example">aide</a>
<a href="tel:3646">3646</a></p>`
	assert.False(t, verifytest.AssertAllLinksOfficial(r, c, html))
	require.Len(t, r.errors, 1)
	assert.Contains(t, r.errors[0], "2 link(s) not official")
	assert.Contains(t, r.errors[0], `https://click.routeur-mail.example/r?u=1 (shown as "https://www.ameli.fr/assure") is suspicious`)
	assert.Contains(t, r.errors[0], "link-text-mismatch: ")
	assert.Contains(t, r.errors[0], `mailto:aide@ameli-aide.example (shown as "aide") is lookalike`)
	assert.NotContains(t, r.errors[0], "contact@info.ameli.fr")
	assert.NotContains(t, r.errors[0], "3646")

	r = &recorder{}
	sms := "Assurance Maladie : votre attestation est disponible sur ameli.fr/compte et https://www.ameli.fr/assure"
	assert.True(t, verifytest.AssertAllLinksOfficial(r, c, sms))
	assert.Empty(t, r.errors)
	assert.True(t, verifytest.AssertAllLinksOfficial(r, c, "Pas de lien ici."))
}

// The assertions work on *testing.T directly.
func TestWithTestingT(t *testing.T) {
	verifytest.AssertOfficial(t, nil, "https://www.harmonie-et-moi.fr/identification")
	verifytest.AssertNotOfficial(t, nil, "https://harrnonie-mutuelle.fr/")
	verifytest.AssertAllLinksOfficial(t, nil, `<a href="https://www.harmonie-mutuelle.fr/">harmonie-mutuelle.fr</a>`)
}

// A template with more links than are checked fails: the links past the
// limit were never judged (issue 12 row 4).
func TestAssertAllLinksOfficialCut(t *testing.T) {
	c, err := verify.New(domains.Default(), verify.WithMaxLinks(5))
	require.NoError(t, err)
	var b strings.Builder
	for i := range 10 {
		fmt.Fprintf(&b, "https://www.ameli.fr/page%d ", i)
	}
	b.WriteString("ameli-remboursement.com")
	r := &recorder{}
	assert.False(t, verifytest.AssertAllLinksOfficial(r, c, b.String()))
	require.Len(t, r.errors, 1)
	assert.Contains(t, r.errors[0], "https://www.ameli.fr/page5 and the links after it were not checked")
	assert.Contains(t, r.errors[0], "too-many-links: ")
	// Repeating one link does not use up the limit: the lookalike after
	// it is judged.
	r = &recorder{}
	assert.False(t, verifytest.AssertAllLinksOfficial(r, c, strings.Repeat("ameli.fr ", 200)+"ameli-remboursement.com"))
	require.Len(t, r.errors, 1)
	assert.Contains(t, r.errors[0], "ameli-remboursement.com is lookalike")
}

// TestFailuresPointAtTheCaller runs this test binary again with every
// assertion failing, and checks that the failures are reported at the lines
// of this file, not inside package verifytest.
func TestFailuresPointAtTheCaller(t *testing.T) {
	if os.Getenv("VIGIE_VERIFYTEST_FAIL") == "1" {
		verifytest.AssertOfficial(t, nil, "https://ameli-remboursement.com/")
		verifytest.AssertNotOfficial(t, nil, "https://www.ameli.fr/")
		verifytest.AssertVerdict(t, nil, "ameli.fr", verify.Lookalike)
		verifytest.AssertAllLinksOfficial(t, nil, "https://ameli-remboursement.com/")
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestFailuresPointAtTheCaller$", "-test.v")
	cmd.Env = append(os.Environ(), "VIGIE_VERIFYTEST_FAIL=1")
	out, err := cmd.CombinedOutput()
	require.Error(t, err, "the assertions must fail:\n%s", out)
	assert.Equal(t, 4, strings.Count(string(out), "verifytest_test.go:"), "%s", out)
	assert.NotContains(t, string(out), "verifytest.go:")
}
