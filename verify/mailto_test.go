package verify

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Every address a mail client may read in a mailto: link is among those
// read, and only those: the readings add none a reader could not meet.
func TestMailtoRecipients(t *testing.T) {
	for _, tc := range []struct {
		link            string
		want            []string
		undecoded, word bool
	}{
		{"mailto:contact@ameli.fr", []string{"contact@ameli.fr"}, false, false},
		{" MAILTO:a@x.fr,b@y.fr?cc=c@z.fr&bcc=d@w.fr&subject=e@v.fr", []string{"a@x.fr", "b@y.fr", "c@z.fr", "d@w.fr"}, false, false},
		// Decoded before it is split, as mail clients read it.
		{"mailto:x@ameli.fr%2Cy@ameli-aide.com", []string{"x@ameli.fr", "y@ameli-aide.com"}, false, false},
		{"mailto:x@ameli.fr;y@ameli-aide.com", []string{"x@ameli.fr", "y@ameli-aide.com"}, false, false},
		{"mailto:?%74o=%3Cx@evil.example%3E", []string{"x@evil.example"}, false, false},
		{"mail\tto:x@ameli.fr", []string{"x@ameli.fr"}, false, false},
		// '#' ends nothing (red14): Thunderbird reads past it.
		{"mailto:x@ameli.fr#,y@evil.example", []string{"x@ameli.fr#", "y@evil.example"}, false, false},
		{"mailto:x@ameli.fr?subject=a#&bcc=y@evil.example", []string{"x@ameli.fr", "y@evil.example"}, false, false},
		// Decoded once, twice and to the end (red14).
		{"mailto:y%2540evil.example%252Cx@ameli.fr", []string{"y%40evil.example%2Cx@ameli.fr", "y@evil.example", "x@ameli.fr"}, false, false},
		{"mailto:x@ameli.fr%2525252525252540evil.example", []string{"x@ameli.fr%25252525252540evil.example"}, true, false},
		// RFC 2047 words, decoded strictly and leniently, in each field
		// and across the fields of a kind joined (red14, red15).
		{"mailto:?cc=%3D%3Futf-8%3FQ%3Fy%3D40evil.example%3F%3D", []string{"y@evil.example"}, false, true},
		{"mailto:?cc=%3D%3Fx-bogus*fr%3FQ%3Fy%3D40evil.example%3F%3D", []string{"y@evil.example"}, false, true},
		{"mailto:?to=%3D%3Futf-8%3FQ%3Fy%3D40evil.example%3D2Cx@a.fr&to=%3F%3D%20z@a.fr", []string{"y@evil.example", "x@a.fr", "z@a.fr"}, false, true},
		{"mailto:%3D%3Futf-8%3FQ%3Fy%3D40evil.example%3D2Cx@a.fr?to=%3F%3D%20z@a.fr", []string{"y@evil.example"}, false, true},
		// The query decoded before it is split, as android.net.MailTo
		// reads it (red16).
		{"mailto:a@ameli.fr?subject=x%26cc%3Dy%2540evil.example", []string{"y@evil.example"}, false, false},
		{"https://x@ameli.fr", nil, false, false},
	} {
		m := mailtoRecipients(tc.link)
		for _, w := range tc.want {
			assert.Contains(t, m.addrs, w, tc.link)
		}
		if tc.want == nil {
			assert.Empty(t, m.addrs, tc.link)
		}
		assert.Equal(t, tc.undecoded, m.undecoded, tc.link)
		assert.Equal(t, tc.word, m.encodedWords, tc.link)
	}
}

func TestDecodeWordsLeniently(t *testing.T) {
	for in, want := range map[string]string{
		"plain":                             "plain",
		"=?utf-8?Q?a=40b.fr?=":              "a@b.fr",
		"=?utf-8*fr?Q?a=40b.fr?=":           "a@b.fr",
		"=?x-bogus?q?a_b?=":                 "a b",
		"=?utf-8?B?YUBiLmZy?=":              "a@b.fr",
		"=?utf-8?B?YUBiLmZyLA?=":            "a@b.fr,",
		"=?utf-8?Q?a?= =?utf-8?Q?@b.fr?= c": "a@b.fr c",
		"x =?utf-8?Q?a?= y":                 "x a y",
		"=?utf-8?Z?a?= =?broken":            "=?utf-8?Z?a?= =?broken",
		"=?utf-8?Q?=ff?=":                   "\ufffd",
		"=?utf-8?Q?a=4?=":                   "a=4",
	} {
		assert.Equal(t, want, decodeWordsLeniently(in), in)
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

// FuzzMailtoRecipients: any link is read without panic, into addresses
// none of which is empty, the same each time (percent-decoding may give
// bytes that are not UTF-8: Sender judges those).
func FuzzMailtoRecipients(f *testing.F) {
	for _, s := range []string{"mailto:a@b.fr", "mailto:?cc=%3D%3Futf-8%3FQ%3Fa%3D40b.fr%3F%3D", "mailto:=?x?B?YQ?= =?y*z?q?_?=", "mailto:%25%32%35?to=&to=,;"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, link string) {
		m := mailtoRecipients(link)
		for _, a := range m.addrs {
			if a == "" {
				t.Fatalf("address %q of %q", a, link)
			}
		}
		if again := mailtoRecipients(link); !slices.Equal(again.addrs, m.addrs) {
			t.Fatalf("%q read twice: %q then %q", link, m.addrs, again.addrs)
		}
	})
}
