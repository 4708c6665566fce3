package verify

import (
	"encoding/base64"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Issue 12 rows 9, 10 and 12: the links of an HTML document as the HTML
// standard and a browser read them.
func TestHTMLLinksRows(t *testing.T) {
	deep := func(tag string) string {
		return `<a href="https://ameli-remboursement.com/x">x</a>` + strings.Repeat("<"+tag+">", 600) +
			`<a href="https://evil.example/y">y</a> voir evil2.com/z` + strings.Repeat("</"+tag+">", 600)
	}
	for _, tc := range []struct {
		name, doc string
		want      []anchor
	}{
		{"9 base in template is inert", `<template><base href="https://assure.ameli.fr/"></template><base href="https://ameli-remboursement.com/"><a href="PortailAS/connexion">x</a>`,
			[]anchor{{"https://ameli-remboursement.com/PortailAS/connexion", "x"}}},
		{"9 base in svg is no HTML base", `<svg><base href="https://assure.ameli.fr/"/></svg><base href="https://ameli-remboursement.com/"><a href="c">x</a>`,
			[]anchor{{"https://ameli-remboursement.com/c", "x"}}},
		{"9 base in noscript: both readings", `<body><noscript><base href="https://ameli-remboursement.com/"></noscript><base href="https://assure.ameli.fr/"><a href="c">x</a>`,
			[]anchor{{"https://ameli-remboursement.com/c", "x"}, {"https://assure.ameli.fr/c", "x"}}},
		{"10 nested div", deep("div"),
			[]anchor{{"https://ameli-remboursement.com/x", "x"}, {"https://evil.example/y", "y"}, {"evil2.com/z", ""}}},
		{"10 nested span", deep("span"),
			[]anchor{{"https://ameli-remboursement.com/x", "x"}, {"https://evil.example/y", "y"}, {"evil2.com/z", ""}}},
		{"10 nested, base in template", `<template><base href="https://assure.ameli.fr/"></template><base href="https://ameli-remboursement.com/">` + strings.Repeat("<div>", 600) + `<a href="c">x</a>`,
			[]anchor{{"https://ameli-remboursement.com/c", "x"}}},
		{"12 meta refresh", `<meta http-equiv="Refresh" content="0; URL='https://ameli-remboursement.com/r'">`,
			[]anchor{{"https://ameli-remboursement.com/r", ""}}},
		{"12 window.location", `<script>window.location = "https://ameli-remboursement.com/a";</script>`,
			[]anchor{{"https://ameli-remboursement.com/a", ""}}},
		{"12 location.href", `<script>if (x) { location.href='https:\/\/ameli-remboursement.com\/b' }</script>`,
			[]anchor{{"https://ameli-remboursement.com/b", ""}}},
		{"12 location.replace", `<script>document.location.replace( "https://ameli-remboursement.com/c" )</script>`,
			[]anchor{{"https://ameli-remboursement.com/c", ""}}},
		{"12 window.open and onclick", `<script>window.open("https://ameli-remboursement.com/d")</script><button onclick="location.assign('https://ameli-remboursement.com/e')">ok</button>`,
			[]anchor{{"https://ameli-remboursement.com/d", ""}, {"https://ameli-remboursement.com/e", ""}}},
		{"12 computed URLs are not read", `<script>if (location == "x") {}; location.href = base + "/x"; var l = location; l.open = 1</script>`, nil},
		{"12 deep tree with script", strings.Repeat("<div>", 600) + `<script>location.href="https://ameli-remboursement.com/f"</script><meta http-equiv=refresh content="1;url=https://ameli-remboursement.com/g">`,
			[]anchor{{"https://ameli-remboursement.com/f", ""}, {"https://ameli-remboursement.com/g", ""}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body := &bodyText{}
			htmlLinks(tc.doc, body, DefaultMaxLinks)
			assert.Equal(t, tc.want, anchors(body.links))
		})
	}
}

// Issue 12 row 12: HTML is read by the part's type, file name and content,
// as the mail client and the browser that opens the attachment do.
func TestMessageHTMLParts(t *testing.T) {
	page := `<html><body><a href="https://ameli-remboursement.com/login">Connexion</a></body></html>`
	b64 := base64.StdEncoding.EncodeToString([]byte(page))
	c := Default()
	for _, tc := range []struct {
		name, header string
		body         string
		want         bool
	}{
		{"octet-stream named .html", "Content-Type: application/octet-stream; name=\"releve.html\"\r\nContent-Transfer-Encoding: base64", b64, true},
		{"octet-stream, filename .htm", "Content-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=\"releve.htm\"", page, true},
		{"svg", "Content-Type: image/svg+xml", `<svg xmlns="http://www.w3.org/2000/svg"><a href="https://ameli-remboursement.com/login"><text>x</text></a></svg>`, true},
		{"xhtml", "Content-Type: application/xhtml+xml", page, true},
		{"octet-stream sniffed", "Content-Type: application/octet-stream", "<!DOCTYPE html>" + page, true},
		{"octet-stream not HTML", "Content-Type: application/octet-stream", "%PDF-1.4 https://ameli-remboursement.com/login", false},
		{"image named .png", "Content-Type: image/png; name=\"logo.png\"", page, false},
	} {
		msg := "From: info@expediteur.example\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n" +
			"--b\r\nContent-Type: text/plain\r\n\r\nVoir la piece jointe.\r\n" +
			"--b\r\n" + tc.header + "\r\n\r\n" + tc.body + "\r\n--b--\r\n"
		rep, err := c.Message(strings.NewReader(msg))
		require.NoError(t, err)
		if tc.want {
			assert.Equal(t, Lookalike, rep.Status, "%s: %v", tc.name, rep.Reasons)
			require.NotEmpty(t, rep.Links, tc.name)
		} else {
			assert.Empty(t, rep.Links, tc.name)
		}
	}
}
