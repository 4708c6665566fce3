package verify

import (
	"context"
	"strings"
)

// Links finds the links of a text and judges each, as [Checker.Message]
// does for a mail body: an HTML text (a mail template) gives every href
// with its anchor text, compared for link-text-mismatch; a plain text (an
// SMS template) gives the links written in it, with or without a scheme.
// At most [WithMaxLinks] links are returned.
func (c *Checker) Links(text string) []Link {
	return c.links(context.Background(), text)
}

func (c *Checker) links(ctx context.Context, text string) []Link {
	body := &bodyText{}
	if looksLikeHTML(text) {
		htmlLinks(text, body, c.opts.maxLinks)
	} else {
		body.addTextLinks(text, c.opts.maxLinks)
	}
	rs := c.newResolution(ctx)
	defer rs.close()
	var links []Link
	for i, fl := range body.links {
		if i == c.opts.maxLinks {
			break
		}
		links = append(links, c.link(rs, fl))
	}
	return links
}

// link judges one link found in a message or template, with what its
// visible text says.
func (c *Checker) link(rs *resolution, fl foundLink) Link {
	l := Link{URL: fl.url, Text: fl.text, Verdict: c.judgeLink(rs, fl.url)}
	c.textMismatch(&l)
	return l
}

func looksLikeHTML(s string) bool {
	l := strings.ToLower(s)
	return strings.Contains(l, "<a ") || strings.Contains(l, "<html") || strings.Contains(l, "href=") || strings.Contains(l, "<body")
}
