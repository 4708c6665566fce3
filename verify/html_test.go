package verify

import (
	"encoding/base64"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestHTMLLinks checks that the links found in an HTML part are those a
// mail client follows, each evasion of a naive scanner included.
// An anchor is a link found with its text, as the tables write them.
type anchor struct{ url, text string }

func anchors(links []foundLink) []anchor {
	var out []anchor
	for _, l := range links {
		out = append(out, anchor{l.url, l.text})
	}
	return out
}

func TestHTMLLinks(t *testing.T) {
	for _, tc := range []struct {
		name, doc string
		want      []anchor
	}{
		{"anchor with text", `<p>Voir <a href="https://www.ameli.fr/">votre compte</a></p>`,
			[]anchor{{"https://www.ameli.fr/", "votre compte"}}},
		{"repeated href: the first counts", `<a href="https://evil.example/" href="https://www.ameli.fr/">x</a>`,
			[]anchor{{"https://evil.example/", "x"}}},
		{"self-closing style in svg hides nothing", `<svg><style/></svg><a href="https://evil.example/">x</a>`,
			[]anchor{{"https://evil.example/", "x"}}},
		{"style element is not text", `<style>a{background:url(https://css.example/)}</style><a href="https://evil.example/">x</a>`,
			[]anchor{{"https://evil.example/", "x"}}},
		{"base href", `<base href="https://evil.example/dir/page"><a href="login">x</a><a href="/root">y</a>`,
			[]anchor{{"https://evil.example/dir/login", "x"}, {"https://evil.example/root", "y"}}},
		{"relative without base leads nowhere", `<a href="login">x</a><a href="#top">y</a><img src="cid:logo">`, nil},
		{"backslash scheme-relative", `<a href="\\evil.example/a">x</a><a href="/\evil2.example">y</a>`,
			[]anchor{{`https:\\evil.example/a`, "x"}, {`https:/\evil2.example`, "y"}}},
		{"tabs and newlines in href", "<a href=\"ht\ttps://evil.\nexample/\">x</a>",
			[]anchor{{"https://evil.example/", "x"}}},
		{"form action", `<form action="https://evil.example/collect"><input name=nir></form>`,
			[]anchor{{"https://evil.example/collect", ""}}},
		{"button formaction", `<form><button formaction="https://evil.example/b">ok</button></form>`,
			[]anchor{{"https://evil.example/b", ""}}},
		{"svg xlink:href", `<svg><a xlink:href="https://evil.example/svg"><text>x</text></a></svg>`,
			[]anchor{{"https://evil.example/svg", "x"}}},
		{"Outlook conditional comment", `<!--[if mso]><v:roundrect href="https://evil.example/mso"></v:roundrect><![endif]--><a href="https://www.ameli.fr/">ok</a>`,
			[]anchor{{"https://evil.example/mso", ""}, {"https://www.ameli.fr/", "ok"}}},
		{"ordinary comment is not shown", `<!-- https://hidden.example/ --><p>rien</p>`, nil},
		{"link written in text", `<p>Allez sur www.ameli-remboursement.com/x maintenant</p>`,
			[]anchor{{"www.ameli-remboursement.com/x", ""}}},
		{"script skipped", `<script>var u="https://js.example/"</script>`, nil},
		// Under a <base href>, hrefs resolve as the URL Standard says,
		// never as they look.
		{"base: www. is a path", `<base href="https://ameli-remboursement.com/"><a href="www.ameli.fr/connexion">x</a>`,
			[]anchor{{"https://ameli-remboursement.com/www.ameli.fr/connexion", "x"}}},
		{"base: NBSP before the scheme", `<base href="https://ameli-remboursement.com/"><a href="&nbsp;https://www.ameli.fr/connexion">x</a>`,
			[]anchor{{"https://ameli-remboursement.com/%C2%A0https://www.ameli.fr/connexion", "x"}}},
		{"base: same scheme without slashes", `<base href="https://ameli-remboursement.com/"><a href="https:www.ameli.fr/connexion">x</a>`,
			[]anchor{{"https://ameli-remboursement.com/www.ameli.fr/connexion", "x"}}},
		{"base: control before //", `<base href="https://www.ameli.fr/"><a href="&#1;//ameli-remboursement.com/connexion">x</a>`,
			[]anchor{{"https://ameli-remboursement.com/connexion", "x"}}},
		{"base after the link", `<a href="/connexion">x</a><base href="https://ameli-remboursement.com/">`,
			[]anchor{{"https://ameli-remboursement.com/connexion", "x"}}},
		{"no base: control before //", `<a href="&#1;//ameli-remboursement.com/connexion">x</a>`,
			[]anchor{{"https://ameli-remboursement.com/connexion", "x"}}},
		// A click inside an anchor follows the innermost link.
		{"form inside an anchor", `<a href="https://www.ameli.fr/">ici<form action="https://ameli-remboursement.com/login"><button>ok</button></form></a>`,
			[]anchor{{"https://www.ameli.fr/", "iciok"}, {"https://ameli-remboursement.com/login", ""}}},
		{"noscript is shown", `<noscript><a href="https://ameli-remboursement&#46;com/x">x</a></noscript>`,
			[]anchor{{"https://ameli-remboursement.com/x", "x"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body := &bodyText{}
			htmlLinks(tc.doc, body, DefaultMaxLinks)
			assert.Equal(t, tc.want, anchors(body.links))
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
		// A base the URL library refuses: the href on the base's site.
		{"page.html", "https://xn--a_-.example/d/", "https://xn--a_-.example/d/page.html", true},
		{"\x01//evil.example/x", "", "https://evil.example/x", true},
		{"CID:part1", "", "", false},
		{"  ", "", "", false},
	} {
		got, ok := resolveHref(tc.href, newBase(tc.base))
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
		{"one official link repeated, then a lookalike",
			"From: a@b.example\r\nContent-Type: text/html\r\n\r\n<p>" + strings.Repeat("https://www.ameli.fr/ ", 250) + "https://ameli-remboursement.com/connexion</p>\r\n",
			Lookalike, nil, "https://ameli-remboursement.com/connexion"},
		{"many official links, then a lookalike",
			"From: a@b.example\r\nContent-Type: text/html\r\n\r\n<p>" + manyOfficial(250) + "https://ameli-remboursement.com/connexion</p>\r\n",
			Suspicious, []Code{CodeTooManyLinks}, ""},
		{"text attachment beyond the text searched",
			"From: a@b.example\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nci-joint\r\n" +
				"--b\r\nContent-Type: text/csv\r\nContent-Disposition: attachment; filename=export.csv\r\n\r\n" + strings.Repeat("1;2;3\r\n", maxPartText/7+10) + "--b--\r\n",
			Unknown, nil, ""},
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

func manyOfficial(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "https://www.ameli.fr/page%d ", i)
	}
	return b.String()
}
