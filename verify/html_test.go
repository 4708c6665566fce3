package verify

import (
	"encoding/base64"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestHTMLLinks checks that the links found in an HTML part are those a
// mail client follows, each evasion of a naive scanner included.
func TestHTMLLinks(t *testing.T) {
	for _, tc := range []struct {
		name, doc string
		want      []foundLink
	}{
		{"anchor with text", `<p>Voir <a href="https://www.ameli.fr/">votre compte</a></p>`,
			[]foundLink{{"https://www.ameli.fr/", "votre compte"}}},
		{"repeated href: the first counts", `<a href="https://evil.example/" href="https://www.ameli.fr/">x</a>`,
			[]foundLink{{"https://evil.example/", "x"}}},
		{"self-closing style in svg hides nothing", `<svg><style/></svg><a href="https://evil.example/">x</a>`,
			[]foundLink{{"https://evil.example/", "x"}}},
		{"style element is not text", `<style>a{background:url(https://css.example/)}</style><a href="https://evil.example/">x</a>`,
			[]foundLink{{"https://evil.example/", "x"}}},
		{"base href", `<base href="https://evil.example/dir/page"><a href="login">x</a><a href="/root">y</a>`,
			[]foundLink{{"https://evil.example/dir/login", "x"}, {"https://evil.example/root", "y"}}},
		{"relative without base leads nowhere", `<a href="login">x</a><a href="#top">y</a><img src="cid:logo">`, nil},
		{"backslash scheme-relative", `<a href="\\evil.example/a">x</a><a href="/\evil2.example">y</a>`,
			[]foundLink{{`https:\\evil.example/a`, "x"}, {`https:/\evil2.example`, "y"}}},
		{"tabs and newlines in href", "<a href=\"ht\ttps://evil.\nexample/\">x</a>",
			[]foundLink{{"https://evil.example/", "x"}}},
		{"form action", `<form action="https://evil.example/collect"><input name=nir></form>`,
			[]foundLink{{"https://evil.example/collect", ""}}},
		{"button formaction", `<form><button formaction="https://evil.example/b">ok</button></form>`,
			[]foundLink{{"https://evil.example/b", ""}}},
		{"svg xlink:href", `<svg><a xlink:href="https://evil.example/svg"><text>x</text></a></svg>`,
			[]foundLink{{"https://evil.example/svg", "x"}}},
		{"Outlook conditional comment", `<!--[if mso]><v:roundrect href="https://evil.example/mso"></v:roundrect><![endif]--><a href="https://www.ameli.fr/">ok</a>`,
			[]foundLink{{"https://evil.example/mso", ""}, {"https://www.ameli.fr/", "ok"}}},
		{"ordinary comment is not shown", `<!-- https://hidden.example/ --><p>rien</p>`, nil},
		{"link written in text", `<p>Allez sur www.ameli-remboursement.com/x maintenant</p>`,
			[]foundLink{{"www.ameli-remboursement.com/x", ""}}},
		{"script skipped", `<script>var u="https://js.example/"</script>`, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body := &bodyText{}
			htmlLinks(tc.doc, body, DefaultMaxLinks)
			assert.Equal(t, tc.want, body.links)
		})
	}
}

func TestResolveHref(t *testing.T) {
	for _, tc := range []struct {
		href, base, want string
		ok               bool
	}{
		{"https://a.example/x", "", "https://a.example/x", true},
		{"//a.example/x", "", "https://a.example/x", true},
		{"www.a.example", "", "www.a.example", true},
		{"page.html", "https://b.example/dir/", "https://b.example/dir/page.html", true},
		{"page.html", "https://b.example", "https://b.example/page.html", true},
		{"/p", "https://b.example/dir/x?q=1", "https://b.example/p", true},
		{"page.html", "", "", false},
		{"CID:part1", "", "", false},
		{"  ", "", "", false},
	} {
		got, ok := resolveHref(tc.href, tc.base)
		assert.Equal(t, tc.ok, ok, tc.href)
		assert.Equal(t, tc.want, got, tc.href)
	}
}

// TestMessageStructure checks the MIME structures phishers hide links in.
func TestMessageStructure(t *testing.T) {
	const from = "From: Assurance Maladie <info@rembourse-sante.example>\r\nTo: a@example.org\r\nSubject: Remboursement\r\n"
	b64 := func(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
	for _, tc := range []struct {
		name, msg string
		status    Status
		codes     []Code
		link      string
	}{
		{"forwarded message/rfc822",
			from + "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nVoir ci-joint.\r\n" +
				"--b\r\nContent-Type: message/rfc822\r\n\r\nFrom: x@y.example\r\nSubject: fwd\r\nContent-Type: text/html\r\n\r\n" +
				"<a href=\"https://ameli-remboursement.com/login\">ameli</a>\r\n--b--\r\n",
			Lookalike, nil, "https://ameli-remboursement.com/login"},
		{"x-base64 encoding",
			from + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: x-base64\r\n\r\n" +
				b64("Connectez-vous sur https://ameli-remboursement.com/ pour être remboursé") + "\r\n",
			Lookalike, []Code{CodeInvalidMIME}, "https://ameli-remboursement.com/"},
		{"base64 with spaces",
			from + "Content-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
				strings.Join(strings.SplitAfter(b64("https://ameli-remboursement.com/"), "Z"), " \t") + "\r\n",
			Lookalike, nil, "https://ameli-remboursement.com/"},
		{"misspelt quoted-printable",
			from + "Content-Type: text/html\r\nContent-Transfer-Encoding: quoted-printable-x\r\n\r\n" +
				"<a href=3D\"https://ameli-remboursement.com/\">ici</a>\r\n",
			Lookalike, []Code{CodeInvalidMIME}, "https://ameli-remboursement.com/"},
		{"part beyond the text searched",
			from + "Content-Type: text/plain\r\n\r\n" + strings.Repeat("bla ", maxPartText/4+10) + "https://ameli-remboursement.com/\r\n",
			Suspicious, []Code{CodeTruncated}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep, err := Default().Message(strings.NewReader(tc.msg))
			require.NoError(t, err)
			assert.Equal(t, tc.status, rep.Status, "%v", rep.Reasons)
			for _, code := range tc.codes {
				assert.True(t, rep.Has(code), "%s missing from %v", code, rep.Reasons)
			}
			if tc.link != "" {
				var urls []string
				for _, l := range rep.Links {
					urls = append(urls, l.URL)
				}
				assert.Contains(t, urls, tc.link)
			}
		})
	}
}
