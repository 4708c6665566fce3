package verify

import (
	"encoding/base64"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Red-team findings (red7) on the lenient reading of commit a97f432: a
// stray byte, a NUL, a U+FFFD, an encoded word or size that still makes an
// answer better (of lower severity) than the same input without the trick,
// or a link reported official that leads elsewhere. Each case compares the
// attacked input with its plain twin: the trick must never give a status
// of lower severity, nor drop the plain twin's lookalike link.

// assertNotBetter checks that got is at least as severe as plain, and
// keeps plain's lookalike links.
func assertNotBetter(t *testing.T, plain, got Report, msg string) {
	t.Helper()
	assert.False(t, plain.Status.Worse(got.Status),
		"%s: %s with the trick, %s without (%v / %v)", msg, got.Status, plain.Status, got.Codes(), plain.Codes())
	for _, pl := range plain.Links {
		if pl.Status != Lookalike {
			continue
		}
		found := false
		for _, l := range got.Links {
			found = found || l.Status == Lookalike
		}
		assert.True(t, found, "%s: the lookalike %s is gone: %v", msg, pl.URL, reportURLs(got))
	}
}

// TestBytesSMSTrickNeverBetter: SMS texts and senders with a stray byte, a
// U+FFFD, a NUL or padding past the limit, against the same SMS without.
func TestBytesSMSTrickNeverBetter(t *testing.T) {
	c := Default()
	for _, tc := range []struct {
		name                   string
		sender, text           string // the attacked SMS
		plainSender, plainText string // its plain twin
	}{
		// readablePart turns "0612345678\xff" into "0612345678\uFFFD",
		// which isFrenchMobile no longer recognises: the mobile-sender
		// finding (Suspicious) is lost and the SMS is merely Invalid.
		{"stray byte after a mobile number", "0612345678\xff", "Assurance Maladie: vos droits sur https://www.ameli.fr",
			"0612345678", "Assurance Maladie: vos droits sur https://www.ameli.fr"},
		{"stray byte inside a mobile number", "06\xff12345678", "Assurance Maladie: vos droits sur https://www.ameli.fr",
			"0612345678", "Assurance Maladie: vos droits sur https://www.ameli.fr"},
		// A U+FFFD (written, or from a stray byte) right after a
		// scheme link's host is read into the host, which becomes
		// invalid: the lookalike is gone. Android's Linkify stops a
		// link at U+FFFD (outside its IRI ranges) and opens arneli.fr;
		// Message reads the same raw byte as the end of the link and
		// finds the lookalike.
		{"stray byte after a lookalike host", "", "Renouvelez votre carte sur https://arneli.fr\xff",
			"", "Renouvelez votre carte sur https://arneli.fr"},
		{"U+FFFD after a lookalike host", "", "Renouvelez votre carte sur https://arneli.fr\uFFFD",
			"", "Renouvelez votre carte sur https://arneli.fr"},
		{"stray byte before a lookalike's path", "", "Remboursement: https://ameli-remboursement.com\xff/connexion",
			"", "Remboursement: https://ameli-remboursement.com/connexion"},
		{"stray byte after a disguised lookalike", "", "hxxps://arneli[.]fr\xff",
			"", "hxxps://arneli[.]fr"},
		{"stray byte after a redirector's destination", "", "carte Vitale: https://www.google.com/url?q=https://arneli.fr\xff",
			"", "carte Vitale: https://www.google.com/url?q=https://arneli.fr"},
		// A byte inside a host: a reader whose decoder drops it (iconv
		// -c, errors="ignore") sees the lookalike; vigie reads an
		// invalid host, or no link at all.
		{"stray byte inside a combo-squat, with a scheme", "", "Remboursement: https://am\xffeli-remboursement.com",
			"", "Remboursement: https://ameli-remboursement.com"},
		{"stray byte inside a combo-squat, no scheme", "", "Remboursement: ameli-remboursement\xff.com",
			"", "Remboursement: ameli-remboursement.com"},
		{"stray byte inside a shortener", "", "carte Vitale: bit\xff.ly/abc",
			"", "carte Vitale: bit.ly/abc"},
		{"stray byte between an official host and the rest", "AMELI", "Renouvelez sur https://ameli.fr\xff.evil.com",
			"AMELI", "Renouvelez sur https://ameli.fr.evil.com"},
		// A NUL is valid UTF-8: nothing is flagged, the link ends at
		// it and the SMS is Official. (In SMPP's unpacked GSM 03.38,
		// 0x00 is '@'.)
		{"NUL between an official host and the rest", "AMELI", "Renouvelez sur https://ameli.fr\x00.evil.com",
			"AMELI", "Renouvelez sur https://ameli.fr.evil.com"},
		{"C0 control between an official host and the rest", "AMELI", "Renouvelez sur https://ameli.fr\x01.evil.com",
			"AMELI", "Renouvelez sur https://ameli.fr.evil.com"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			plain := c.SMS(tc.plainSender, tc.plainText)
			got := c.SMS(tc.sender, tc.text)
			assertNotBetter(t, plain, got, fmt.Sprintf("%+q / %+.80q", tc.sender, tc.text))
			assert.NotEqual(t, Official, got.Status)
		})
	}
}

// TestBytesCutLinkNeverOfficial: a link cut by the SMS length limit or the
// message size limit is reported as an official link ("https://ameli.fr"
// of "https://ameli.fr.evil.com"): it leads elsewhere.
func TestBytesCutLinkNeverOfficial(t *testing.T) {
	for _, tail := range []string{"https://ameli.fr.evil.com/connexion", "https://www.ameli.fr-remboursement.com"} {
		official := tail[:strings.Index(tail, ".fr")+3]
		t.Run("sms "+tail, func(t *testing.T) {
			text := strings.Repeat("a", DefaultMaxTextLength-len(official)-1) + " " + tail
			rep := Default().SMS("AMELI", text)
			for _, l := range rep.Links {
				assert.NotEqual(t, Official, l.Status, "%s is cut from %s", l.URL, tail)
			}
		})
		t.Run("message "+tail, func(t *testing.T) {
			const limit = 8192
			c := mailChecker(t, WithMaxMessageSize(limit))
			head := "From: Service <info@evil.example>\r\nTo: x@vigie.example\r\nSubject: Info\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
			body := strings.Repeat("a", limit-len(head)-len(official)-1) + " " + tail + "\r\n"
			rep, err := c.Message(strings.NewReader(head + body))
			require.NoError(t, err)
			for _, l := range rep.Links {
				assert.NotEqual(t, Official, l.Status, "%s is cut from %s", l.URL, tail)
			}
		})
	}
}

// TestBytesSenderBadAddressKeepsDisplayName: a stray byte in the address
// (or a domain that does not parse) makes address() return Invalid before
// the display name is read: "Assurance Maladie" on an unproven address,
// Suspicious without the byte, is only Invalid. The commit's own rule is
// that a stray byte must not hide a display name imitating an
// organisation.
func TestBytesSenderBadAddressKeepsDisplayName(t *testing.T) {
	c := mailChecker(t)
	for _, tc := range []struct{ from, plain string }{
		{"\"Assurance Maladie\" <contact@evil.example\xff>", "\"Assurance Maladie\" <contact@evil.example>"},
		{"\"Assurance Maladie\" <contact@evil\xff.example>", "\"Assurance Maladie\" <contact@evil.example>"},
		{"\"Assurance Maladie\" <contact@arneli.fr\xff>", "\"Assurance Maladie\" <contact@arneli.fr>"},
		{"\"Assurance Maladie\" <contact@evil..example>", "\"Assurance Maladie\" <contact@evil.example>"},
	} {
		plain, got := c.Sender(tc.plain), c.Sender(tc.from)
		assert.False(t, plain.Status.Worse(got.Status), "Sender(%+q): %s %v, %s without the trick", tc.from, got.Status, got.Codes(), plain.Status)
		assert.True(t, got.Has(CodeDisplayNameBrand), "Sender(%+q): %v", tc.from, got.Codes())

		msg := func(from string) Report {
			rep, err := c.Message(strings.NewReader("From: " + from + "\r\nTo: x@vigie.example\r\nSubject: Info\r\n\r\nBonjour\r\n"))
			require.NoError(t, err)
			return rep
		}
		assertNotBetter(t, msg(tc.plain), msg(tc.from), "Message From "+fmt.Sprintf("%+q", tc.from))
	}
}

// TestBytesEncodedNameNotBetterThanRaw: a display name whose encoded word
// decodes to bytes that are not UTF-8, or that holds U+FFFD itself, is
// Unknown, while the same name written in raw bytes is Invalid and the
// name without the bad byte Suspicious: the encoding makes the answer
// better.
func TestBytesEncodedNameNotBetterThanRaw(t *testing.T) {
	c := Default()
	b64 := func(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
	for _, tc := range []struct{ name, from, raw string }{
		{"encoded word decoding to a stray byte", "=?utf-8?b?" + b64("A\xffssurance Maladie") + "?= <noreply@evil.example>",
			"\"A\xffssurance Maladie\" <noreply@evil.example>"},
		{"encoded word decoding to a 4-byte lead byte", "=?utf-8?b?" + b64("Votre a\xf0meli") + "?= <noreply@evil.example>",
			"\"Votre a\xf0meli\" <noreply@evil.example>"},
		{"U+FFFD written in the name", "\"A\uFFFDssurance Maladie\" <noreply@evil.example>",
			"\"A\xffssurance Maladie\" <noreply@evil.example>"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			raw, got := c.Sender(tc.raw), c.Sender(tc.from)
			assert.False(t, raw.Status.Worse(got.Status), "Sender(%+q): %s %v; raw bytes give %s %v", tc.from, got.Status, got.Codes(), raw.Status, raw.Codes())
		})
	}
}

// TestBytesMessageStrayByteNeverBetter: a body in UTF-8 with a byte that is
// not UTF-8 is read with no finding at all: the byte ends the link, and a
// lookalike becomes an official or unknown link (Unknown overall). Mail
// clients that fall back to windows-1252 on bad UTF-8 show
// "https://www.ameli.frÿ.evil.com", under evil.com.
func TestBytesMessageStrayByteNeverBetter(t *testing.T) {
	c := mailChecker(t)
	qp := func(s string) string {
		var b strings.Builder
		for i := 0; i < len(s); i++ {
			if s[i] >= 0x80 || s[i] == 0 || s[i] == '=' {
				fmt.Fprintf(&b, "=%02X", s[i])
			} else {
				b.WriteByte(s[i])
			}
		}
		return b.String()
	}
	msg := func(cte, ctype, body string) string {
		switch cte {
		case "base64":
			body = base64.StdEncoding.EncodeToString([]byte(body))
		case "quoted-printable":
			body = qp(body)
		}
		return "From: Service client <info@evil.example>\r\nTo: x@vigie.example\r\nSubject: Info\r\nMIME-Version: 1.0\r\n" +
			"Content-Type: " + ctype + "; charset=utf-8\r\nContent-Transfer-Encoding: " + cte + "\r\n\r\n" + body + "\r\n"
	}
	for _, tc := range []struct{ body, plain string }{
		{"Voir https://www.ameli.fr\xff.evil.com", "Voir https://www.ameli.fr.evil.com"},
		{"Voir https://www.ameli.fr\xc0\xae.evil.com", "Voir https://www.ameli.fr.evil.com"},
		{"Voir https://www.ameli.fr\xed\xa0\x80.evil.com", "Voir https://www.ameli.fr.evil.com"},
		{"Voir https://www.ameli.fr\x00.evil.com", "Voir https://www.ameli.fr.evil.com"},
		{"Voir https://www.ameli.fr\xff@evil.com", "Voir https://www.ameli.fr@evil.com"},
		{"Voir https://arn\xffeli.fr", "Voir https://arneli.fr"},
		{"Voir ameli-rem\xffboursement.com", "Voir ameli-remboursement.com"},
	} {
		for _, cte := range []string{"8bit", "base64", "quoted-printable"} {
			for _, ctype := range []string{"text/plain", "text/html"} {
				name := fmt.Sprintf("%+q %s %s", tc.body, cte, ctype)
				t.Run(name, func(t *testing.T) {
					body, plain := tc.body, tc.plain
					if ctype == "text/html" {
						body, plain = "<p>"+body+"</p>", "<p>"+plain+"</p>"
					}
					got, err := c.Message(strings.NewReader(msg(cte, ctype, body)))
					require.NoError(t, err)
					want, err := c.Message(strings.NewReader(msg(cte, ctype, plain)))
					require.NoError(t, err)
					assertNotBetter(t, want, got, name)
				})
			}
		}
	}
	// Reply-To: the same stray byte turns a lookalike reply address
	// into a header that does not parse.
	reply := func(rt string) Report {
		rep, err := c.Message(strings.NewReader("From: Assurance Maladie <assurance-maladie@info.ameli.fr>\r\nReply-To: " + rt +
			"\r\nTo: x@vigie.example\r\nSubject: Info\r\n\r\nBonjour\r\n"))
		require.NoError(t, err)
		return rep
	}
	assertNotBetter(t, reply("<x@arneli.fr>"), reply("<x@arneli.fr\xff>"), "Reply-To with a stray byte")
}

// TestBytesLinksStrayByteNeverOfficial: Links (the template check behind
// verifytest.AssertAllLinksOfficial) reads a stray byte, a NUL or a bad
// lead byte before a full-width dot as the end of a link: a template
// holding "https://www.ameli.fr\xff.evil.com" passes as all official.
func TestBytesLinksStrayByteNeverOfficial(t *testing.T) {
	c := Default()
	for _, tc := range []struct{ text, plain string }{
		{"Voir https://www.ameli.fr\xff.evil.com", "Voir https://www.ameli.fr.evil.com"},
		{"Voir https://www.ameli.fr\x00.evil.com", "Voir https://www.ameli.fr.evil.com"},
		{"Voir https://www.ameli.fr\xf0\uff0eevil.com", "Voir https://www.ameli.fr\uff0eevil.com"},
	} {
		want := c.Links(tc.plain)
		require.NotEmpty(t, want)
		require.NotEqual(t, Official, want[0].Status, "the plain twin %q", tc.plain)
		// The link a finder ending at the byte opens (www.ameli.fr) may
		// be listed, but never alone: the joined reading is there, as
		// bad as the twin, so the links are not all official.
		worst := Official
		for _, l := range c.Links(tc.text) {
			if l.Status.Worse(worst) {
				worst = l.Status
			}
		}
		assert.False(t, want[0].Status.Worse(worst), "Links(%+q): worst %s, twin %s", tc.text, worst, want[0].Status)
	}
}

// TestBytesMessageSizeCutNeverBetter: a message whose attachment pushes a
// lookalike past WithMaxMessageSize is Invalid, below Suspicious; the same
// message whose text is cut by the text budget is Suspicious (truncated).
// More padding must not give a better answer than less.
func TestBytesMessageSizeCutNeverBetter(t *testing.T) {
	t.Skip("left: a message past WithMaxMessageSize is Invalid, not raised to the Suspicious of a text cut by " +
		"its budget; the milter and mail gateway act on that status for oversized mail, a change left for its own review")
	const limit = 8192
	c := mailChecker(t, WithMaxMessageSize(limit))
	two := func(pad int) string {
		return "From: Service client <info@evil.example>\r\nTo: x@vigie.example\r\nSubject: Info\r\nMIME-Version: 1.0\r\n" +
			"Content-Type: multipart/mixed; boundary=B\r\n\r\n--B\r\nContent-Type: application/octet-stream\r\n" +
			"Content-Disposition: attachment\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
			strings.Repeat("QUFB\r\n", pad) + "--B\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" +
			"Assurance Maladie: votre remboursement sur https://ameli-remboursement.com\r\n--B--\r\n"
	}
	plain, err := c.Message(strings.NewReader(two(10)))
	require.NoError(t, err)
	require.Equal(t, Lookalike, plain.Status)
	cut, err := c.Message(strings.NewReader(two(2 * limit / 6)))
	require.NoError(t, err)
	assert.True(t, cut.Has(CodeTooLong))
	assert.False(t, Suspicious.Worse(cut.Status), "a message cut by the size limit: %s %v", cut.Status, cut.Codes())
}

// TestBytesSenderReplacementPastLimit: a From under WithMaxHeaderSize whose
// stray bytes, each replaced by the 3 bytes of U+FFFD, push the lenient
// reading past the limit: the reading gives up (too-long) and the display
// name "Assurance Maladie" is never read. Invalid, where the same name
// with the bytes dropped is Suspicious.
func TestBytesSenderReplacementPastLimit(t *testing.T) {
	c := Default()
	from := "\"Assurance Maladie " + strings.Repeat("\xffa", DefaultMaxHeaderSize*4/10) + "\" <x@evil.example>"
	require.Less(t, len(from), DefaultMaxHeaderSize)
	plain := c.Sender(strings.ToValidUTF8(from, ""))
	require.Equal(t, Suspicious, plain.Status)
	got := c.Sender(from)
	assert.False(t, plain.Status.Worse(got.Status), "%d-byte From: %s %v", len(from), got.Status, got.Codes())
}

// TestBytesSMSPaddingIsAtLeastSuspicious: padding that pushes a link past
// the SMS length limit gives no better answer than the text budget of a
// message, which calls a cut text Suspicious (truncated): what lies past
// the limit is not read, and is not assumed harmless.
func TestBytesSMSPaddingIsAtLeastSuspicious(t *testing.T) {
	c := Default()
	pad := strings.Repeat(" ", DefaultMaxTextLength)
	for _, link := range []string{"https://remboursement-sante.info", "https://ameli-remboursement.com", "https://www.ameli.fr"} {
		rep := c.SMS("", "Assurance Maladie: votre remboursement"+pad+link)
		assert.False(t, Suspicious.Worse(rep.Status), "%s past the limit: %s", link, rep.Status)
		assert.True(t, rep.Has(CodeInvalidText), link)
		assert.True(t, rep.Has(CodeTruncated), link)
	}
}
