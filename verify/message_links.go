package verify

import (
	"context"
	"fmt"
	"strings"

	"github.com/vigie-sante/vigie/domains"
	"github.com/vigie-sante/vigie/verify/internal/textlinks"
)

// bodyText gathers what the walk finds: links, HTML anchors, and text for
// name detection.
type bodyText struct {
	links []foundLink
	// byURL indexes links by URL, to fold the text and HTML versions of a
	// multipart/alternative message into one.
	byURL map[string][]int
	text  strings.Builder
	parts int
	cut   bool // a part had more links than were searched for
	// truncated: some decoded text was beyond what is searched.
	truncated bool
	read      int // decoded text read so far
}

type foundLink struct {
	url, text string
}

// add records a link. A URL seen before is recorded again only with a new
// anchor text, since each text is compared with where the link leads; a
// text found for a URL seen without one completes it.
func (b *bodyText) add(url, text string) {
	if b.byURL == nil {
		b.byURL = make(map[string][]int)
	}
	for _, i := range b.byURL[url] {
		switch b.links[i].text {
		case text:
			return
		case "":
			b.links[i].text = text
			return
		}
	}
	if text == "" && len(b.byURL[url]) > 0 {
		return
	}
	b.byURL[url] = append(b.byURL[url], len(b.links))
	b.links = append(b.links, foundLink{url, text})
}

// addTextLinks records the links written in text. Once max distinct links
// are recorded, a new one marks the body cut instead: repeating a link
// does not use up the limit, and the rest is never silently dropped.
func (b *bodyText) addTextLinks(text string, max int) {
	found, _ := textlinks.Find(text, -1)
	for _, l := range found {
		if _, seen := b.byURL[l.Text]; !seen && len(b.links) >= max {
			b.cut = true
			return
		}
		b.add(l.Text, "")
	}
}

func (b *bodyText) addText(s string) {
	if b.text.Len() < maxMentionText {
		b.text.WriteString(s)
		b.text.WriteByte('\n')
	}
}

// checkLinks judges every link found, then the findings that need them all.
func (c *Checker) checkLinks(ctx context.Context, rep *Report, body *bodyText, named []*domains.Organization) {
	links := body.links
	if len(links) > c.opts.maxLinks || body.cut {
		// Links beyond the limit are unchecked: padding a message with
		// harmless links must not hide the one that matters.
		rep.worsen(Verdict{Status: Suspicious}, Reason{CodeTooManyLinks, fmt.Sprintf("more than %d links: the first %d were checked", c.opts.maxLinks, c.opts.maxLinks)})
		links = links[:min(len(links), c.opts.maxLinks)]
	}
	if body.truncated {
		rep.worsen(Verdict{Status: Suspicious}, Reason{CodeTruncated, fmt.Sprintf("the text is longer than vigie searches (%d bytes a part, %d a message): the rest was not checked", maxPartText, maxMessageText)})
	}
	rs := c.newResolution(ctx)
	defer rs.close()
	for _, fl := range links {
		l := c.link(rs, fl)
		rep.Links = append(rep.Links, l)
		if l.Status.Alarming() {
			var rs []Reason
			for _, r := range l.Reasons {
				rs = append(rs, Reason{r.Code, "link " + truncate(l.URL, 120) + ": " + r.Detail})
			}
			rep.worsen(l.Verdict, rs...)
		}
	}
	c.memberLogin(rep, named)
}

// textMismatch flags an anchor whose visible text shows an official address
// while its href leads elsewhere, as rspamd's phishing module does.
func (c *Checker) textMismatch(l *Link) {
	if l.Text == "" {
		return
	}
	shown, _ := textlinks.Find(l.Text, 1)
	if len(shown) == 0 {
		return
	}
	sv := c.URL(shown[0].Text)
	if sv.Status != Official || officialFor(l.Verdict, sv.Organization) {
		return
	}
	l.Reasons = append(append([]Reason(nil), l.Reasons...), Reason{CodeLinkTextMismatch,
		fmt.Sprintf("the link shows %s, official for %s, but leads to %s", shown[0].Text, sv.Organization.Name, orDash(l.Host))})
	if Suspicious.Worse(l.Status) {
		l.Status = Suspicious
	}
	if l.Organization == nil {
		l.Organization, l.Target = sv.Organization, sv.Target
	}
}

func orDash(s string) string {
	if s == "" {
		return "no site"
	}
	return s
}

// loginWords mark a link as a login link, in its URL or its text.
var loginWords = []string{"connexion", "connecter", "connectez", "login", "log-in", "signin", "sign-in",
	"identifi", "authentif", "/auth", "compte", "espace", "password", "mot de passe", "motdepasse",
	"verifi", "vérifi", "valider", "activer"}

func isLoginLink(l Link) bool {
	s := strings.ToLower(l.URL + " " + l.Text)
	for _, w := range loginWords {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// memberLogin flags a message that names an organisation where insured
// people never log in (Viamedis, Almerys) and carries a login link that does
// not lead to an organisation where they do.
func (c *Checker) memberLogin(rep *Report, named []*domains.Organization) {
	for _, org := range named {
		if org.MemberLogin {
			continue
		}
		for _, l := range rep.Links {
			if !isLoginLink(l) || l.Status == Official && l.Organization.MemberLogin {
				continue
			}
			rep.worsen(Verdict{Status: Suspicious, Organization: org, Target: firstDomain(org)}, Reason{CodeNoMemberLogin,
				fmt.Sprintf("the message names %s, where insured people never log in, and asks to log in at %s", org.Name, truncate(l.URL, 120))})
			return
		}
	}
}
