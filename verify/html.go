package verify

import (
	"strings"

	"golang.org/x/net/html"

	"github.com/vigie-sante/vigie/verify/internal/textlinks"
)

// htmlLinks collects the links of an HTML part: every href of <a> and
// <area>, every <form action> (a credential form in a mail is the phishing
// page itself), each with the visible text of its anchor, and the links
// written as text. Script and style contents are not text.
func htmlLinks(doc string, body *bodyText, maxLinks int) {
	z := html.NewTokenizer(strings.NewReader(doc))
	var anchor *foundLink
	// text is all the visible text, for names; loose is the text outside
	// anchors, searched for links written out.
	var anchorText, text, loose strings.Builder
	skip := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			if anchor != nil {
				anchor.text = squash(anchorText.String())
				body.add(anchor.url, anchor.text)
			}
			body.addText(text.String())
			for _, l := range textLinks(loose.String(), maxLinks) {
				body.add(l, "")
			}
			return
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			tag := string(name)
			switch tag {
			case "script", "style":
				skip++
				continue
			case "br", "p", "div", "td", "tr", "li":
				text.WriteByte(' ')
				loose.WriteByte(' ')
			}
			var href string
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				key := string(k)
				if (key == "href" && (tag == "a" || tag == "area")) || (key == "action" && tag == "form") {
					href = string(v)
				}
			}
			if u, ok := absoluteLink(href); ok {
				if tag == "a" {
					if anchor != nil {
						anchor.text = squash(anchorText.String())
						body.add(anchor.url, anchor.text)
					}
					anchor = &foundLink{url: u}
					anchorText.Reset()
				} else {
					body.add(u, "")
				}
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			switch string(name) {
			case "script", "style":
				if skip > 0 {
					skip--
				}
			case "a":
				if anchor != nil {
					anchor.text = squash(anchorText.String())
					body.add(anchor.url, anchor.text)
					anchor = nil
				}
			}
		case html.TextToken:
			if skip > 0 {
				continue
			}
			t := string(z.Text())
			text.WriteString(t)
			switch {
			case anchor == nil:
				loose.WriteString(t)
			case anchorText.Len() < 4096:
				anchorText.WriteString(t)
			}
		}
	}
}

// textLinks finds up to max links in visible text.
func textLinks(s string, max int) []string {
	links, _ := textlinks.Find(s, max)
	out := make([]string, len(links))
	for i, l := range links {
		out[i] = l.Text
	}
	return out
}

// absoluteLink keeps the hrefs a mail client follows: with a scheme,
// scheme-relative ("//host", read as https:), or starting "www.". Relative
// hrefs, fragments and inline parts (cid:) lead nowhere from a mail.
func absoluteLink(href string) (string, bool) {
	href = strings.TrimSpace(href)
	switch {
	case href == "" || strings.HasPrefix(href, "#"):
		return "", false
	case strings.HasPrefix(href, "//"):
		return "https:" + href, true
	case strings.HasPrefix(strings.ToLower(href), "cid:"):
		return "", false
	case hasScheme(href), strings.HasPrefix(strings.ToLower(href), "www."):
		return href, true
	}
	return "", false
}

func squash(s string) string { return strings.Join(strings.Fields(s), " ") }
