package verify

import (
	_ "embed"
	"fmt"
	"strings"

	"github.com/vigie-sante/vigie/domains"
)

//go:embed platforms.txt
var platformsFile string

// platforms are the hosts of platforms.txt: social networks and app
// stores, where an organisation has pages nobody logs in to it through.
var platforms = func() map[string]bool {
	m := make(map[string]bool)
	for _, l := range strings.Split(platformsFile, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			m[l] = true
		}
	}
	return m
}()

// officialLinksOnly keeps a message Official only when every link it
// carries is verified: official for this or another registered
// organisation, on a link domain the registry lists for one, or a page on
// a well-known platform (its social-network pages, its apps in the
// stores). A proven sender vouches for who wrote the message, not for
// where its links lead: an official newsletter account that is hijacked,
// or a compromised mailing service, sends a DMARC-passing mail with a
// link to anyone's site. Such a message is Unknown (unverified-link),
// naming the links. Links with no site to visit (mailto:, tel:) are left
// out.
func (c *Checker) officialLinksOnly(rep *Report) {
	if rep.Status != Official {
		return
	}
	var unverified []string
	for _, l := range rep.Links {
		if l.Status == Official || l.Has(CodeUnsupportedScheme) || c.verifiedLink(l) {
			continue
		}
		unverified = append(unverified, truncate(l.URL, 120))
	}
	if len(unverified) == 0 {
		return
	}
	rep.Status = Unknown
	shown := unverified[:min(len(unverified), 3)]
	detail := fmt.Sprintf("the sender is proven, but %d link(s) lead outside the registered organisations and known platforms: %s",
		len(unverified), strings.Join(shown, ", "))
	if len(unverified) > len(shown) {
		detail += fmt.Sprintf(" and %d more", len(unverified)-len(shown))
	}
	rep.Reasons = append(rep.Reasons, Reason{CodeUnverifiedLink, detail})
}

// verifiedLink reports a link that is not official for any organisation
// but still verified: on a link domain of one, or a page of a well-known
// platform that does not pass another URL on (a redirector, such as
// youtube.com/redirect?q=..., is not a page of the platform).
func (c *Checker) verifiedLink(l Link) bool {
	host := strings.TrimSuffix(l.Host, ".")
	if host == "" {
		return false
	}
	if _, _, ok := c.linkDomain(host); ok {
		return true
	}
	if !platforms[host] {
		return false
	}
	lower := strings.ToLower(l.URL)
	scheme, rest, _ := strings.Cut(lower, "://")
	if scheme != "https" && scheme != "http" {
		return false
	}
	return !strings.Contains(rest, "://") && !strings.Contains(rest, "%3a%2f%2f") && !strings.Contains(rest, "%253a%252f%252f")
}

// linkDomain finds the organisation a registry link domain (a mailing
// service's click-tracking domain, a partner site the registry lists for
// an organisation) belongs to.
func (c *Checker) linkDomain(host string) (*domains.Organization, string, bool) {
	// wired at merge: reg.LinkDomain
	return nil, "", false
}
