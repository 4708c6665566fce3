package verify

import (
	"context"
	"strings"
)

// Links finds the links of a text and judges each, as [Checker.Message]
// does for a mail body: an HTML text (a mail template) gives every href
// with its anchor text, compared for link-text-mismatch; a plain text (an
// SMS template) gives the links written in it, with or without a scheme.
// Each link is returned once (an href once per anchor text), in the order
// found.
//
// At most [WithMaxLinks] links are checked. A text with more returns one
// more link, the first one not checked, Suspicious with the reason
// too-many-links: the rest of the text was not checked, and a template
// test ([verifytest.AssertAllLinksOfficial]) must not pass on it.
func (c *Checker) Links(text string) []Link {
	return c.links(context.Background(), text)
}

func (c *Checker) links(ctx context.Context, text string) []Link {
	c = c.orDefault()
	body := &bodyText{}
	if looksLikeHTML(text) {
		htmlLinks(text, body, c.opts.maxLinks)
	} else {
		body.addTextLinks(text, c.opts.maxLinks)
	}
	links, cut := c.judgeLinks(ctx, body)
	if cut {
		unchecked := Link{Verdict: Verdict{Status: Suspicious, Reasons: []Reason{c.tooManyLinks()}}}
		if len(body.links) > len(links) {
			unchecked.URL, unchecked.Text = body.links[len(links)].url, body.links[len(links)].text
		}
		links = append(links, unchecked)
	}
	return links
}

func looksLikeHTML(s string) bool {
	l := strings.ToLower(s)
	return strings.Contains(l, "<a ") || strings.Contains(l, "<html") || strings.Contains(l, "href=") || strings.Contains(l, "<body")
}
