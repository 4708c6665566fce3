package verify

import (
	"encoding/base64"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Red team red33 (a helper session attacking d5c20db: the lenient
// quoted-printable decoder, red32's zip, Office and calendar readers).
// Each test below fails at d5c20db: each is a finding. Every message has
// a sender proven by the trusted mx.vigie.example (provenHead), so that
// what is missed leaves it Official.

// red33QP is a proven quoted-printable message of that type.
func red33QP(contentType, body string) string {
	return provenHead + "Content-Type: " + contentType + "; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n" + body
}

// TestRed33BreakerStartsAWord (finding 1, a miss, sure). Thunderbird
// shows a NUL decoded from quoted-printable as a space
// (mime_decode_qp_buffer, comm-central mailnews/mime/src/mimeenc.cpp:
// "Treat null bytes as spaces ... nsMimeMessageBodyDisplay", bug 243199),
// and a link finder that ends a link at a hidden control starts the next
// word after it. vigie read the text glued
// ("https://www.ameli.fr/www.evil.com/login", official) and, for a link
// across the break, the part before it only: the www.evil.com/login that
// Thunderbird links on its own was never read, and two addresses glued by
// a NUL ("contact@ameli.fr" "remboursement@evil.com") read as no
// address at all. Root cause: internal/textlinks scan reads the text
// after a breaker only glued to what precedes it.
func TestRed33BreakerStartsAWord(t *testing.T) {
	c := mailChecker(t)
	for _, tt := range []struct{ name, msg, want string }{
		{"=00 before www", red33QP("text/plain", "Votre espace https://www.ameli.fr/=00www.evil.com/login\r\n"), "www.evil.com/login"},
		{"=00 before a host", red33QP("text/plain", "Votre espace https://www.ameli.fr/=00evil.com/login\r\n"), "evil.com/login"},
		{"=00 between addresses", red33QP("text/plain", "Ecrivez a contact@ameli.fr=00remboursement@evil.com\r\n"), "mailto:remboursement@evil.com"},
		{"=00 in html text", red33QP("text/html", "<p>Votre espace https://www.ameli.fr/=00www.evil.com/login</p>\r\n"), "www.evil.com/login"},
		{"=1F before www", red33QP("text/plain", "Votre espace https://www.ameli.fr/=1Fwww.evil.com/login\r\n"), "www.evil.com/login"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rep := red31Check(t, c, tt.msg)
			assert.NotEqual(t, Official, rep.Status, "%v", rep.Reasons)
			assert.Contains(t, reportURLs(rep), tt.want, "%v", rep.Reasons)
		})
	}
	t.Run("glued lookalike still read", func(t *testing.T) {
		rep := red31Check(t, c, red33QP("text/plain", "Envoyez votre RIB a remboursement@ameli-=00aide.com\r\n"))
		assert.Equal(t, Lookalike, rep.Status, "%v", rep.Reasons)
	})
}

// TestRed33QPSoftBreakAmbiguous (finding 2, a miss, sure). Mail clients
// disagree on two soft line breaks. "=" then spaces or tabs then the end
// of the line is a soft break for RFC 2045's decoders (Go's, Python's,
// Dovecot's, and vigie's); Thunderbird takes "=" and a blank for a
// literal "= " and keeps the line break (mime_decode_qp_buffer, as
// above), so "https://www.ameli.fr/= " / "www.evil.com/login" shows a
// second link, while vigie read one official URL. "=" then a lone CR is
// a soft break for Thunderbird (it "puts the third char back"), vigie
// kept "=" and the CR: "remboursement@ameli-=\raide.com" is the lookalike
// remboursement@ameli-aide.com in Thunderbird, only aide.com (Unknown)
// for vigie. Read either way, one reading hides what the other shows.
// Root cause: quotedprintable.go qpLenient decodes one reading, silently.
func TestRed33QPSoftBreakAmbiguous(t *testing.T) {
	c := mailChecker(t)
	for _, tt := range []struct {
		name, body string
		status     Status
	}{
		{"= and a space", "Votre espace https://www.ameli.fr/= \r\nwww.evil.com/login\r\n", Invalid},
		{"= and a tab, LF", "Votre espace https://www.ameli.fr/=\t\nwww.evil.com/login\r\n", Invalid},
		{"= and a lone CR", "Envoyez votre RIB a remboursement@ameli-=\raide.com\r\n", Lookalike},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rep := red31Check(t, c, red33QP("text/plain", tt.body))
			assert.Equal(t, tt.status, rep.Status, "%v", rep.Reasons)
		})
	}
	t.Run("a soft break is no damage", func(t *testing.T) {
		rep := red31Check(t, c, red33QP("text/plain", "Votre espace https://www.ameli=\r\n.fr/assure=\nment\r\n"))
		assert.Equal(t, Official, rep.Status, "%v", rep.Reasons)
		require.NotEmpty(t, rep.Links)
	})
}

// TestRed33TwoTransferEncodings (finding 10, a miss, sure; a regression
// of d5c20db). A part with two Content-Transfer-Encoding headers is
// read differently by mail readers (the first or the last copy wins),
// which vigie reports (Invalid, invalid-mime, "read with the first").
// lenientEntity, which decodes base64 and, since d5c20db,
// quoted-printable itself, deletes every copy of the header once it
// wraps the body: the count walk checks was gone. "quoted-printable"
// then "base64" over a base64 body: vigie read the base64 text as it is
// (no link), a reader taking the last copy decodes it to a page linking
// to evil.example, and the proven message stayed Official. Root cause:
// mime_lenient.go lenientEntity.
func TestRed33TwoTransferEncodings(t *testing.T) {
	c := mailChecker(t)
	page := base64.StdEncoding.EncodeToString([]byte(`<a href="https://evil.example/login">Votre espace</a>`))
	for _, tt := range []struct{ name, msg string }{
		{"a part", red31Attached("Content-Type: text/html\nContent-Transfer-Encoding: quoted-printable\nContent-Transfer-Encoding: base64\n\n" + page)},
		{"the message", provenHead + "Content-Type: text/html\r\nContent-Transfer-Encoding: quoted-printable\r\nContent-Transfer-Encoding: base64\r\n\r\n" + page + "\r\n"},
		{"base64 first", red31Attached("Content-Type: text/html\nContent-Transfer-Encoding: base64\nContent-Transfer-Encoding: 7bit\n\n" + page)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			assertNotOfficialMail(t, c, tt.msg, CodeInvalidMIME)
		})
	}
}
