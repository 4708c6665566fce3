package verify

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMailtoRecipients(t *testing.T) {
	for _, tc := range []struct {
		link string
		want []string
		read bool
	}{
		{"mailto:contact@ameli.fr", []string{"contact@ameli.fr"}, true},
		{" MAILTO:a@x.fr,b@y.fr?cc=c@z.fr&bcc=d@w.fr&subject=e@v.fr", []string{"a@x.fr", "b@y.fr", "c@z.fr", "d@w.fr"}, true},
		// Decoded before it is split, as mail clients read it.
		{"mailto:x@ameli.fr%2Cy@ameli-aide.com", []string{"x@ameli.fr", "y@ameli-aide.com"}, true},
		{"mailto:x@ameli.fr;y@ameli-aide.com", []string{"x@ameli.fr", "y@ameli-aide.com"}, true},
		{"mailto:?%74o=%3Cx@evil.example%3E", []string{"x@evil.example"}, true},
		{"mail\tto:x@ameli.fr", []string{"x@ameli.fr"}, true},
		// '#' ends nothing (red14): Thunderbird reads past it.
		{"mailto:x@ameli.fr#,y@evil.example", []string{"x@ameli.fr#", "y@evil.example"}, true},
		{"mailto:x@ameli.fr?subject=a#&bcc=y@evil.example", []string{"x@ameli.fr", "y@evil.example"}, true},
		// Decoded once and to the end, and RFC 2047 words decoded (red14).
		{"mailto:y%2540evil.example%252Cx@ameli.fr", []string{"y%40evil.example%2Cx@ameli.fr", "y@evil.example", "x@ameli.fr"}, true},
		{"mailto:?cc=%3D%3Futf-8%3FQ%3Fy%3D40evil.example%3F%3D", []string{"=?utf-8?Q?y=40evil.example?=", "y@evil.example"}, true},
		{"mailto:x@ameli.fr%2525252525252540evil.example", []string{"x@ameli.fr%25252525252540evil.example", "x@ameli.fr%25252540evil.example"}, false},
		{"https://x@ameli.fr", nil, true},
	} {
		got, read := mailtoRecipients(tc.link)
		assert.Equal(t, tc.want, got, tc.link)
		assert.Equal(t, tc.read, read, tc.link)
	}
}

func TestOfficialRecipients(t *testing.T) {
	c := Default()
	for _, tc := range []struct {
		link string
		want bool
	}{
		{"mailto:contact@ameli.fr", true},
		{"mailto:?subject=Bonjour", true},
		{"tel:+33612345678", true},
		{"mailto:contact@ameli.fr%2Cy@ameli-aide.com", false},
		{"mailto:contact@ameli.fr?cc=x@example.com", false},
		{"mailto:x@evil.example@ameli.fr", false},
		{"mailto:@ameli.fr", false},
		{"mailto:x@ameli.fr%2525252525252540evil.example", false},
		{"mailto:ameli.fr", false},
	} {
		assert.Equal(t, tc.want, c.officialRecipients(tc.link), tc.link)
	}
}

// A mailto: link leads to its recipients: the worst of them as senders
// is its verdict when alarming; it is never official.
func TestURLMailto(t *testing.T) {
	many := "mailto:"
	for i := range maxRecipients {
		many += fmt.Sprintf("a%d@example.com,", i)
	}
	many += "x@ameli-aide.com"
	for _, tc := range []struct {
		link string
		w    want
	}{
		{"mailto:contact@ameli.fr", want{Unknown, "", "", "", []Code{CodeUnsupportedScheme}}},
		{"mailto:x@example.com", want{Unknown, "", "", "", []Code{CodeUnsupportedScheme}}},
		{"mailto:x@ameli-aide.com", want{Lookalike, "ameli-aide.com", "assurance-maladie", "ameli.fr", []Code{CodeComboSquat, CodeUnsupportedScheme}}},
		{"mailto:contact@ameli.fr?bcc=x%40arneli.fr", want{Lookalike, "arneli.fr", "assurance-maladie", "ameli.fr", []Code{CodeHomoglyph, CodeUnsupportedScheme}}},
		{"mailto:ameli.remboursement@gmail.com", want{Suspicious, "gmail.com", "assurance-maladie", "ameli.fr", []Code{CodeLocalPartBrand, CodeUnsupportedScheme}}},
		// No address: what follows each '@' is judged as a host.
		{"mailto:%22a,b%22@arneli.fr", want{Lookalike, "arneli.fr", "assurance-maladie", "ameli.fr", nil}},
		{many, want{Suspicious, "", "", "", []Code{CodeUnsupportedScheme, CodeTooManyLinks}}},
	} {
		assertVerdict(t, tc.w, Default().URL(tc.link), tc.link)
	}
}

// A link showing an official address must write to it, or to another
// address of the same organisation.
func TestAddressShownMismatch(t *testing.T) {
	c := mailChecker(t)
	for _, tc := range []struct {
		name, body string
		mismatch   bool
	}{
		{"writes elsewhere", `<a href="mailto:dossiers@example.com">contact@ameli.fr</a>`, true},
		{"one recipient elsewhere", `<a href="mailto:contact@ameli.fr?cc=dossiers@example.com">contact@ameli.fr</a>`, true},
		{"a site elsewhere", `<a href="https://example.com/contact">contact@ameli.fr</a>`, true},
		{"writes to the address shown", `<a href="mailto:contact@ameli.fr">contact@ameli.fr</a>`, false},
		{"another address of the organisation", `<a href="mailto:assure@info.ameli.fr">Ecrire a contact@ameli.fr</a>`, false},
		{"a site of the organisation", `<a href="https://www.ameli.fr/contact">contact@ameli.fr</a>`, false},
		{"an address of no organisation shown", `<a href="mailto:b@example.org">a@example.com</a>`, false},
	} {
		rep, err := c.Message(strings.NewReader(provenHTML(tc.body)))
		require.NoError(t, err, tc.name)
		require.NotEmpty(t, rep.Links, tc.name)
		assert.Equal(t, tc.mismatch, rep.Links[0].Has(CodeLinkTextMismatch), "%s: %v", tc.name, rep.Links[0].Reasons)
		if tc.mismatch {
			assert.NotEqual(t, Official, rep.Status, tc.name)
		}
	}
}
