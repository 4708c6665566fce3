package verify

import (
	"strings"
	"testing"
)

// FuzzHTMLLinks reads any document by the tree walk and by the token scan
// (the fallback for deep trees): neither panics, and every link the tree
// walk finds in an anchor with an absolute https href is found by the
// token scan too, whatever the nesting.
func FuzzHTMLLinks(f *testing.F) {
	for _, s := range []string{
		`<a href="https://ameli-remboursement.com/x">x</a>`,
		`<template><base href="https://a.fr/"></template><base href="https://b.com/"><a href="c">x</a>`,
		`<meta http-equiv=refresh content="0;url=https://e.com/"><script>location.href="https://f.com/"</script>`,
		`<svg><a xlink:href="https://g.com/">g</a></svg><form action="https://h.com/"></form>`,
		`<!--[if mso]><v:roundrect href="https://i.com/"></v:roundrect><![endif]-->`,
		`<iframe src="https://j.com/"></iframe><iframe srcdoc="<a href='https://k.com/'>k</a>"></iframe><object data="https://l.com/"></object>`,
		`<svg><a><set attributeName="href" to="https://m.com/"/><animate attributeName="xlink:href" values="https://n.com/;https://o.com/"/></a></svg>`,
		`<b style="margin-left:-5px;word-spacing:-1em">x <span style="display:inline-block"> <div>y</div> <a href="https://p.com/"> z </a></span></b><button> q </button>`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		tree, tokens := &bodyText{}, &bodyText{}
		htmlLinks(doc, tree, DefaultMaxLinks)
		tokenLinks(doc, tokens, DefaultMaxLinks)
		if strings.Contains(strings.ToLower(doc), "base") || strings.Contains(doc, "<!--") || strings.Contains(strings.ToLower(doc), "srcdoc") {
			return // bases, conditional comments and srcdoc documents differ by design
		}
		found := map[string]bool{}
		for _, l := range tokens.links {
			found[l.url] = true
		}
		for _, l := range tree.links {
			if strings.HasPrefix(l.url, "https://") && l.text != "" && !found[l.url] && len(tree.links) < DefaultMaxLinks {
				t.Fatalf("the tree walk finds %q, the token scan does not (%q)", l.url, tokens.links)
			}
		}
	})
}

// FuzzUnwrap reads any link as a browser scheme or redirector: no panic,
// and a link is never unwrapped to itself.
func FuzzUnwrap(f *testing.F) {
	for _, s := range []string{
		"intent://a.com/#Intent;scheme=https;S.browser_fallback_url=https%3A%2F%2Fb.com;end",
		"microsoft-edge:https://a.com", "firefox://open-url?url=https%3A%2F%2Fa.com",
		"https://www.bing.com/ck/a?u=a1aHR0cHM6Ly9hLmNvbQ&ntb=1", "https://x.r.eu-west-1.awstrack.me/L0/https:%2F%2Fa.com/1/",
		"https://www.google.com/url?q=https://www.google.com/url?q=x",
	} {
		f.Add(s)
	}
	c := Default()
	f.Fuzz(func(t *testing.T, link string) {
		if w, ok := unwrap(link); ok {
			for _, d := range w.dests {
				if d == link {
					t.Fatalf("%q unwraps to itself", link)
				}
			}
		}
		rs := &resolution{}
		v := c.judgeLink(rs, link)
		checkVerdict(t, c, link, v)
	})
}
