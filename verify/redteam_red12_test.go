package verify

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Red team red12 (a helper session attacking ab7fe6d). Each test below
// failed there: each is a real finding, fixed since.

// TestRed12BaseHrefPunycode (finding 1). Under a <base href>, every
// href of an HTML part is resolved by whatwg.Base.Resolve, which ran the
// URL library's own host parser: it decoded a Punycode label with no
// non-ASCII code point ("xn--ameli-") to plain ASCII ("ameli"), the very
// gap ParseURL closes with its own host parser. The browser goes to
// xn--ameli-.fr (Node: new URL("https://xn--ameli-.fr/x",
// "https://www.ameli.fr/").host is "xn--ameli-.fr"); vigie listed the link
// as https://ameli.fr/x, official, and the proven message as official.
func TestRed12BaseHrefPunycode(t *testing.T) {
	c := mailChecker(t)
	for _, tt := range []struct {
		body, host string
		official   bool // the host is under ameli.fr: read exactly, it is official
	}{
		{`<base href="https://www.ameli.fr/"><a href="https://xn--ameli-.fr/connexion">Connexion</a>`, "xn--ameli-.fr", false},
		{`<base href="https://www.ameli.fr/"><a href="//xn--ameli-.fr/connexion">Connexion</a>`, "xn--ameli-.fr", false},
		{`<base href="https://xn--ameli-.fr/"><a href="/connexion">Connexion</a>`, "xn--ameli-.fr", false},
		{`<base href="https://www.ameli.fr/"><a href="https://xn--assure-.ameli.fr/">Connexion</a>`, "xn--assure-.ameli.fr", true},
		{`<base href="https://www.ameli.fr/"><a href="https://assure.ameli.XN--fr-/">Connexion</a>`, "assure.ameli.xn--fr-", false},
		{`<base href="https://www.ameli.fr/"><a href="https://assure.ameli.x&#xAD;n--fr-/">Connexion</a>`, "assure.ameli.xn--fr-", false},
	} {
		t.Run(tt.body, func(t *testing.T) {
			rep, err := c.Message(strings.NewReader(provenHTML(tt.body)))
			require.NoError(t, err)
			assert.Equal(t, tt.official, rep.Status == Official, "%v", rep.Reasons)
			var hosts []string
			for _, l := range rep.Links {
				hosts = append(hosts, l.Host)
			}
			assert.Contains(t, hosts, tt.host, "the browser goes to %s; vigie's links: %v", tt.host, reportURLs(rep))
		})
	}
}

// TestRed12MetaRefreshSpaceSeparator (finding 2). The HTML
// standard's shared declarative refresh steps (step 10) accept ASCII
// whitespace alone between the time and the URL: content="0 https://x"
// redirects (Chromium's ParseHTTPRefresh takes space, ',' or ';' as the
// delimiter too). refreshURL required ';' or ',', so the redirect to a
// lookalike went unseen and the proven message stayed official.
func TestRed12MetaRefreshSpaceSeparator(t *testing.T) {
	c := mailChecker(t)
	for _, content := range []string{
		"0 https://ameli-aide.com/",
		"0 url=https://ameli-aide.com/",
		"0\turl=https://ameli-aide.com/",
		"1.5 'https://ameli-aide.com/'",
	} {
		t.Run(content, func(t *testing.T) {
			body := `<meta http-equiv="refresh" content="` + content + `"><a href="https://www.ameli.fr/">ameli</a>`
			rep, err := c.Message(strings.NewReader(provenHTML(body)))
			require.NoError(t, err)
			assert.Equal(t, Lookalike, rep.Status, "%v", rep.Reasons)
		})
	}
	// Held: no refresh at all when the time is missing (step 6).
	rep, err := c.Message(strings.NewReader(provenHTML(`<meta http-equiv="refresh" content="url=https://evil.example/"><a href="https://www.ameli.fr/">ameli</a>`)))
	require.NoError(t, err)
	assert.Equal(t, Official, rep.Status, "%v", rep.Reasons)
}

// TestRed12LinkAfterLeadingDot (finding 3). A host written after a
// '.' that follows no label ("\n.ameli-aide.com", " .ameli-aide.com",
// "..ameli-aide.com") was not read: no link started after a '.'.
// Android's Linkify starts a web URL at any word boundary and refuses
// only one right after '@' (Linkify.sUrlMatchFilter), so the phone links
// ameli-aide.com. The official link on the line before made the SMS, and
// a proven mail, official.
func TestRed12LinkAfterLeadingDot(t *testing.T) {
	c := mailChecker(t)
	for _, text := range []string{
		"Ameli: rdv sur https://www.ameli.fr\n.ameli-aide.com/connexion",
		"Ameli: rdv sur https://www.ameli.fr .ameli-aide.com",
		"Ameli: rdv sur www.ameli.fr\n.ameli-aide.com",
		"Ameli: rdv sur https://www.ameli.fr\n..ameli-aide.com",
		"Ameli: rdv sur .ameli-aide.com",
		"Ameli: rdv sur\n.ameli-aide.com",
	} {
		t.Run("sms "+text, func(t *testing.T) {
			v := c.SMS("", text)
			assert.Equal(t, Lookalike, v.Status, "%v", v.Reasons)
		})
	}
	t.Run("mail", func(t *testing.T) {
		msg := provenHead + "Content-Type: text/plain; charset=utf-8\r\n\r\nBonjour, rdv sur https://www.ameli.fr\r\n.ameli-aide.com/connexion\r\n"
		rep, err := c.Message(strings.NewReader(msg))
		require.NoError(t, err)
		assert.NotEqual(t, Official, rep.Status, "%v", rep.Reasons)
	})
}

// TestRed12DuplicateMIMEHeaders (finding 5). A part, or the
// message, with its Content-Transfer-Encoding or Content-Type written
// twice, or its boundary or charset parameter given twice, was read only
// the first way (textproto's Get, mime.ParseMediaType's error): the
// lookalike link the second reading shows went unseen and the proven
// message stayed official. RFC 2045 allows one of each; mail parsers do
// not agree on which one wins, so the sender picks the reading a gateway
// makes. The ambiguity now makes the message Invalid, as two From
// headers do, and every Reply-To is judged.
func TestRed12DuplicateMIMEHeaders(t *testing.T) {
	c := mailChecker(t)
	const html = `<a href="https://www.ameli.fr/">a</a> <a href="https://ameli-aide.com/">b</a>`
	b64 := "PGEgaHJlZj0iaHR0cHM6Ly93d3cuYW1lbGkuZnIvIj5hPC9hPiA8YSBocmVmPSJodHRwczovL2FtZWxpLWFpZGUuY29tLyI+YjwvYT4="
	const qp = "<a href=3D\"https://www.ameli.fr/\">a</a> <a href=3D\"https://ameli-aide=2Ecom/\">b</a>"
	const official = "--b\r\nContent-Type: text/plain\r\n\r\nhttps://www.ameli.fr/\r\n"
	for _, tt := range []struct{ name, msg string }{
		{"part CTE 7bit then base64", "Content-Type: multipart/mixed; boundary=b\r\n\r\n" + official +
			"--b\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: 7bit\r\nContent-Transfer-Encoding: base64\r\n\r\n" + b64 + "\r\n--b--\r\n"},
		{"part CTE 8bit then quoted-printable", "Content-Type: multipart/mixed; boundary=b\r\n\r\n" + official +
			"--b\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: 8bit\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n" + qp + "\r\n--b--\r\n"},
		{"part Content-Type image then html", "Content-Type: multipart/mixed; boundary=b\r\n\r\n" + official +
			"--b\r\nContent-Type: image/png\r\nContent-Type: text/html\r\n\r\n" + html + "\r\n--b--\r\n"},
		{"part charset twice", "Content-Type: multipart/mixed; boundary=b\r\n\r\n" + official +
			"--b\r\nContent-Type: text/html; charset=utf-16le; charset=utf-8\r\n\r\n" + html + "\r\n--b--\r\n"},
		{"top CTE 7bit then base64", "Content-Type: text/html\r\nContent-Transfer-Encoding: 7bit\r\nContent-Transfer-Encoding: base64\r\n\r\n" + b64 + "\r\n"},
		{"top boundary twice", "Content-Type: multipart/mixed; boundary=x; boundary=y\r\n\r\n" +
			"--x\r\nContent-Type: text/plain\r\n\r\nhttps://www.ameli.fr/\r\n--x--\r\n--y\r\nContent-Type: text/html\r\n\r\n" + html + "\r\n--y--\r\n"},
		{"top Content-Type twice", "Content-Type: multipart/mixed; boundary=x\r\nContent-Type: multipart/mixed; boundary=y\r\n\r\n" +
			"--x\r\nContent-Type: text/plain\r\n\r\nhttps://www.ameli.fr/\r\n--x--\r\n--y\r\nContent-Type: text/html\r\n\r\n" + html + "\r\n--y--\r\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rep, err := c.Message(strings.NewReader(provenHead + "MIME-Version: 1.0\r\n" + tt.msg))
			require.NoError(t, err)
			assert.NotEqual(t, Official, rep.Status, "%v", rep.Reasons)
		})
	}
	// The same with Reply-To: h.Get reads the first; replies may go to
	// the second, a lookalike.
	t.Run("Reply-To twice", func(t *testing.T) {
		msg := provenHead + "Reply-To: contact@info.ameli.fr\r\nReply-To: contact@ameli-aide.com\r\n" +
			"Content-Type: text/plain\r\n\r\nhttps://www.ameli.fr/\r\n"
		rep, err := c.Message(strings.NewReader(msg))
		require.NoError(t, err)
		assert.NotEqual(t, Official, rep.Status, "%v", rep.Reasons)
	})
}
