package verify

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Red-team findings on the link pipeline: each text carries a link a
// reader follows, or a phone or browser opens, to a non-official host,
// next to an official link. None may come back Official or Unknown, in
// SMS, Message or Links.
func TestRedTeamLinks(t *testing.T) {
	c := Default()
	for _, tc := range []struct {
		name, text string
		want       Status
	}{
		// Android decodes intent extras with Uri.decode: an invalid
		// escape becomes U+FFFD and the rest of the URL stays; the key
		// is decoded too. Chrome opens the fallback when the package is
		// missing.
		{"intent fallback with an invalid escape",
			"Votre espace https://www.ameli.fr ou intent://www.ameli.fr/#Intent;scheme=https;package=com.absent;S.browser_fallback_url=https%3A%2F%2Fameli-aide.com%2F%zz;end", Lookalike},
		{"intent fallback key percent-encoded",
			"Votre espace https://www.ameli.fr ou intent://www.ameli.fr/#Intent;scheme=https;package=com.absent;S.browser%5Ffallback_url=https%3A%2F%2Fameli-aide.com%2F;end", Lookalike},
		{"intent fallback only, invalid escape",
			"Votre espace https://www.ameli.fr ou intent://x#Intent;package=com.absent;S.browser_fallback_url=https://ameli-aide.com/%zz;end", Lookalike},
		// A redirector's query as a server reads it (URL Standard
		// form-urlencoded: '&' only, invalid escapes kept): Go's
		// url.ParseQuery drops a pair with ';' or a bad escape, and
		// with it the second destination.
		{"redirector second destination with a bad escape",
			"Votre espace https://www.google.com/url?q=https://www.ameli.fr&q=https://ameli-aide.com/%zz", Lookalike},
		{"redirector second destination with a semicolon",
			"Votre espace https://www.google.com/url?q=https://www.ameli.fr&url=https://ameli-aide.com/;x", Lookalike},
		{"redirector userinfo after a semicolon",
			"Votre espace https://www.google.com/url?q=https://www.ameli.fr;@ameli-aide.com/", Lookalike},
		// More than three glued words after the host a reader sees.
		{"three glued words",
			"Votre espace https://www.ameli.fr : validez sur ameli-aide.com.Merci.Bonne.Journee", Lookalike},
		// A web scheme glued after a separator was read as an unknown
		// scheme ("rdv-https:"), Unknown, and left out of brand-mention.
		{"scheme after a hyphen", "Votre espace https://www.ameli.fr ou rdv-https://ameli-aide.com/", Lookalike},
		{"scheme after a plus", "Votre espace https://www.ameli.fr ou rdv+https://ameli-aide.com/", Lookalike},
		// Characters a browser maps to ASCII letters or digits but
		// that are no letter or digit to Unicode (a roman numeral, a
		// circled or superscript digit, a letterlike symbol) cut the
		// host short, and the lookalike was not found at all.
		{"roman numeral i", "Votre espace https://www.ameli.fr ou amelⅰ.fr.ameli-aide.com", Lookalike},
		{"circled digit", "Votre espace https://www.ameli.fr ou ameli-aide①.com", Lookalike},
		{"superscript digit", "Votre espace https://www.ameli.fr ou ameli-aide¹.com", Lookalike},
		{"circled letter", "Votre espace https://www.ameli.fr ou ⓐmeli-aide.com", Lookalike},
		{"firefox second url with a bad escape",
			"Votre espace https://www.ameli.fr ou firefox://open-url?url=https://www.ameli.fr&url=https://ameli-aide.com/%zz", Lookalike},
		// A destination is read as a browser reads a redirect to it:
		// controls trimmed, tabs and newlines removed, "//host" on
		// https. One that cannot be read no longer leaves the link
		// Official on its other, official destination.
		{"redirector scheme-relative destination",
			"Votre espace https://www.google.com/url?q=https://www.ameli.fr&q=//ameli-aide.com", Lookalike},
		{"redirector destination after a control",
			"Votre espace https://www.google.com/url?q=https://www.ameli.fr&q=%01https://ameli-aide.com", Lookalike},
		{"redirector destination with a newline",
			"Votre espace https://www.google.com/url?q=https://www.ameli.fr&q=h%0Attps://ameli-aide.com", Lookalike},
		{"redirector destination unreadable",
			"Votre espace https://www.google.com/url?q=https://www.ameli.fr&url=ameli-aide.com", Suspicious},
		{"intent fallback with a tab",
			"Votre espace https://www.ameli.fr ou intent://www.ameli.fr/#Intent;scheme=https;S.browser_fallback_url=h%09ttps://ameli-aide.com;end", Lookalike},
		{"at sign starting a word", "Votre espace https://www.ameli.fr : validez @ameli-aide.com/login", Lookalike},
		{"right-to-left override", "Votre espace https://www.ameli.fr : validez sur \u202emoc.edia-ilema\u202c merci", Lookalike},
		{"userinfo and port", "Votre espace https://www.ameli.fr ou x@ameli-aide.com:8443/login", Lookalike},
		// Every iOS browser's open-url link, not Firefox's and Opera's
		// only: an unknown scheme was Unknown and left out of
		// brand-mention.
		{"firefox focus open-url", "Votre espace https://www.ameli.fr ou firefox-focus://open-url?url=https%3A%2F%2Fameli-aide.com", Lookalike},
		{"brave open-url", "Votre espace https://www.ameli.fr ou brave://open-url?url=https%3A%2F%2Fameli-aide.com", Lookalike},
		{"zero-width space before an official suffix", "Votre espace https://ameli-aide.com\u200b.ameli.fr", Lookalike},
		{"zero-width space before an official host", "Votre espace https://ameli-aide.com\u200bwww.ameli.fr", Lookalike},
	} {
		for name, rep := range pipelines(t, c, tc.text) {
			assert.False(t, tc.want.Worse(rep.Status), "%s, %s: %s, want %s at least; links %v; %v",
				tc.name, name, rep.Status, tc.want, linkURLs(rep.Links), rep.Reasons)
		}
	}
}

func linkURLs(links []Link) []string {
	var out []string
	for _, l := range links {
		out = append(out, l.URL+" "+l.Status.String())
	}
	return out
}

// Text written in separate HTML text nodes was read only glued together:
// "https://ameli-aide.com" closing a block and ".ameli.fr" starting the
// next read as the official https://ameli-aide.com.ameli.fr, while the
// mail client shows, and its link finder links, https://ameli-aide.com.
// Each text node is searched on its own too.
func TestRedTeamHTMLTextNodes(t *testing.T) {
	c := Default()
	deep := strings.Repeat("<span>", 600)
	for _, tc := range []struct{ name, html string }{
		{"after a div", `<html><body><div>Connectez-vous : https://ameli-aide.com</div>.ameli.fr</body></html>`},
		{"headings", `<html><body><h2>Connectez-vous : https://ameli-aide.com</h2><h2>.ameli.fr</h2></body></html>`},
		{"table headers", `<html><body><table><tr><th>https://ameli-aide.com</th><th>.ameli.fr</th></tr></table></body></html>`},
		{"rule", `<html><body>https://ameli-aide.com<hr>.ameli.fr</body></html>`},
		{"image", `<html><body>https://ameli-aide.com<img src=x>.ameli.fr</body></html>`},
		{"comment", `<html><body><a href="https://www.ameli.fr">ameli</a> https://ameli-aide.com<!-- x -->.ameli.fr</body></html>`},
		{"token scan", `<html><body>` + deep + `<h2>https://ameli-aide.com</h2><h2>.ameli.fr</h2></body></html>`},
	} {
		var worst Status
		for i, l := range c.Links(tc.html) {
			if i == 0 || l.Status.Worse(worst) {
				worst = l.Status
			}
		}
		assert.Equal(t, Lookalike, worst, "%s, Links", tc.name)
		msg, err := c.Message(strings.NewReader("From: info@expediteur.example\r\nSubject: x\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + tc.html + "\r\n"))
		require.NoError(t, err)
		assert.Equal(t, Lookalike, msg.Status, "%s, Message: links %v", tc.name, linkURLs(msg.Links))
	}
}

// A format=flowed text is shown with its soft-broken lines joined (RFC
// 3676): "https://www.ameli.fr " then ".ameli-aide.com/login" on the next
// line shows, and links, https://www.ameli.fr.ameli-aide.com/login. Read
// line by line only, the lookalike was not found.
func TestRedTeamFlowedText(t *testing.T) {
	c := Default()
	for _, tc := range []struct{ name, contentType, body string }{
		{"delsp", "text/plain; charset=utf-8; format=flowed; delsp=yes", "Votre espace https://www.ameli.fr \r\n.ameli-aide.com/login\r\n"},
		{"space kept", "text/plain; charset=utf-8; format=flowed", "Votre espace https://www.ameli.fr/\r\n https://ameli-aide.com/login \r\nMerci\r\n"},
		{"case", "text/plain; Format=Flowed; DelSp=Yes", "Votre espace https://www.ameli.fr \r\n.ameli-aide.com/login\r\n"},
	} {
		msg, err := c.Message(strings.NewReader("From: info@expediteur.example\r\nSubject: x\r\nMIME-Version: 1.0\r\nContent-Type: " + tc.contentType + "\r\n\r\n" + tc.body))
		require.NoError(t, err)
		assert.Equal(t, Lookalike, msg.Status, "%s: links %v", tc.name, linkURLs(msg.Links))
	}
	assert.Equal(t, "a b\nc\n-- \nd\n", unflow("a \r\n b\r\nc\r\n-- \r\nd", false))
	assert.Equal(t, "ab\n", unflow("a \r\nb\r\n", true))
}
