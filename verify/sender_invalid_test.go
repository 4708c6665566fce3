package verify

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSenderInvalidBytesNeverHide: a sender that is not UTF-8 is Invalid,
// unless what can be read of it, each bad byte replaced, is worse.
func TestSenderInvalidBytesNeverHide(t *testing.T) {
	c := Default()
	for _, tc := range []struct {
		from string
		want Status
		code Code // the finding read past the bad byte
	}{
		{"\"\xf2ＡＭＥＬＩ\" <a@evil.example>", Suspicious, CodeDisplayNameBrand},
		{"\"Service client \xff\" <info@arneli.fr>", Lookalike, CodeHomoglyph},
		{"\"\xff\" <info@ameli.fr>", Invalid, ""},
		{"\xff@ameli.fr", Invalid, ""},
	} {
		v := c.Sender(tc.from)
		assert.Equal(t, tc.want, v.Status, "%+q", tc.from)
		if assert.NotEmpty(t, v.Reasons, "%+q", tc.from) {
			assert.Equal(t, Reason{CodeInvalidAddress, "the sender is not valid UTF-8"}, v.Reasons[0], "%+q", tc.from)
		}
		if tc.code != "" {
			assert.True(t, v.Has(tc.code), "%+q: %v", tc.from, v.Codes())
		} else {
			assert.Len(t, v.Reasons, 1, "%+q", tc.from)
		}
	}
}

// TestSenderPercentDomain: a mail domain is never percent-decoded, as the
// URL host parser would decode it (red team red12: contact@ameli%2efr was
// official).
func TestSenderPercentDomain(t *testing.T) {
	c := Default()
	for _, from := range []string{"contact@ameli%2efr", "contact@%61meli.fr", "\"Ameli\" <contact@ameli.fr%00>"} {
		v := c.Sender(from)
		assert.False(t, Invalid.Worse(v.Status), "%q: %s, at least invalid", from, v.Status)
		assert.True(t, v.Has(CodeInvalidAddress), "%q: %v", from, v.Codes())
	}
	assert.Equal(t, Official, c.Sender("contact@ameli.fr").Status)
}

// A mail domain a browser would map to an official one (full-width
// letters, a soft hyphen, an ideographic dot, a capital accented letter)
// is not that domain as written: a lookalike of it, in a sender, a
// recipient and a message alike.
func TestSenderMappedDomain(t *testing.T) {
	c := Default()
	for _, tc := range []struct {
		from   string
		status Status
	}{
		{"contact@ａｍｅｌｉ.fr", Lookalike},
		{"contact@ame\u00adli.fr", Lookalike},
		{"contact@ameli\u3002fr", Lookalike},
		{"Ameli <contact@ameli\uff0efr>", Lookalike},
		{"contact@AMELI.FR", Official},
		{"contact@ameli.fr", Official},
	} {
		v := c.Sender(tc.from)
		assert.Equal(t, tc.status, v.Status, "%q: %v", tc.from, v.Reasons)
		if tc.status == Lookalike {
			assert.True(t, v.Has(CodeHomoglyph), "%q: %v", tc.from, v.Codes())
			assert.Equal(t, "ameli.fr", v.Target, tc.from)
		}
	}
	assert.Equal(t, Lookalike, c.URL("mailto:contact@ａｍｅｌｉ.fr").Status)
	msg := "Authentication-Results: mx.vigie.example; dmarc=pass header.from=ameli.fr\r\n" +
		"From: Assurance Maladie <contact@ａｍｅｌｉ.fr>\r\nSubject: x\r\n\r\nBonjour\r\n"
	rep, err := mailChecker(t).Message(strings.NewReader(msg))
	require.NoError(t, err)
	assert.Equal(t, Lookalike, rep.Status, "%v", rep.Reasons)
}
