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
var platforms = hostList(platformsFile)

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
		if l.Status == Official || l.Has(CodeUnsupportedScheme) || c.verifiedLink(l, rep.Organization) {
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
// but still verified: on a link domain of the proven sender's organisation
// (or of its group: a tracking domain redirects anywhere, so only the
// sender's own vouches for it), or a page of a well-known
// platform that does not pass another URL on (a redirector, such as
// youtube.com/redirect?q=..., is not a page of the platform).
func (c *Checker) verifiedLink(l Link, sender *domains.Organization) bool {
	host := strings.TrimSuffix(l.Host, ".")
	if host == "" {
		return false
	}
	if org, _, ok := c.linkDomain(host); ok && org.Affiliated(sender) {
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
	path, _, _ := strings.Cut(rest, "?")
	for _, segment := range strings.Split(path, "/") {
		if platformRedirects[segment] {
			return false
		}
	}
	return !strings.Contains(rest, "://") && !strings.Contains(rest, "%3a%2f%2f") && !strings.Contains(rest, "%253a%252f%252f")
}

// platformRedirects are the path segments through which the listed
// platforms send a reader to another site, whatever their parameters say
// (facebook.com/l.php, youtube.com/redirect, linkedin.com/redir/redirect).
var platformRedirects = map[string]bool{"l.php": true, "redirect": true, "redir": true, "away": true, "out": true}

// linkDomain finds the organisation a registry link domain (a mailing
// service's click-tracking domain, a partner site the registry lists for
// an organisation) belongs to.
func (c *Checker) linkDomain(host string) (*domains.Organization, string, bool) {
	return c.reg.LinkDomain(host)
}

// loginStems start the words that ask a reader to log in, accents
// dropped: connexion, connectez-vous, identifiez-vous, votre compte,
// votre espace, mot de passe, accédez.
var loginStems = []string{"connexion", "connect", "identifi", "authentifi", "login", "compte", "espace", "passe", "acced"}

// loginWindow is how many words apart a name and a login word may be
// for the name to be the way to log in ("Connexion 100% sécurisée via
// FranceConnect").
const loginWindow = 6

func isLoginWord(w string) bool {
	w = asciiFold(w)
	for _, s := range loginStems {
		if strings.HasPrefix(w, s) {
			return true
		}
	}
	return false
}

// loginBrandMention flags a message whose text names a registered
// organisation as the way to log in ("connectez-vous à votre compte
// ameli", "Connexion via FranceConnect") while a link leads to no
// registered organisation's site and nothing else flags it (brand-mention,
// as for a text message).
// The organisation whose sender is proven (proven, nil if none) may name
// itself with links to anyone.
func (c *Checker) loginBrandMention(rep *Report, text string, proven *domains.Organization) {
	var away []string
	for _, l := range rep.Links {
		// Links already alarming (a lookalike, a shortener) speak for
		// themselves; the finding is for those nothing else flags.
		if l.Host != "" && l.Status == Unknown && !l.Has(CodeUnsupportedScheme) && !c.verifiedLink(l, proven) {
			away = append(away, truncate(l.URL, 120))
		}
	}
	if len(away) == 0 {
		return
	}
	words := nameWords(text)
	login := make([]bool, len(words))
	for i, w := range words {
		login[i] = isLoginWord(w.text)
	}
	for _, h := range c.nameRuns(words) {
		if h.org == proven || !anyIn(login, h.first-loginWindow, h.last+loginWindow) {
			continue
		}
		context := joinWords(words[max(0, h.first-loginWindow):min(len(words), h.last+loginWindow+1)])
		rep.worsen(Verdict{Status: Suspicious, Organization: h.org, Target: firstDomain(h.org)}, Reason{CodeBrandMention,
			fmt.Sprintf("the message names %s%s as the way to log in (%q), but links to %s, which is not an official site", h.org.Name, disguise(h), truncate(context, 120), away[0])})
		return
	}
}

// anyIn reports whether one of flags[from..to] is set, the bounds clipped.
func anyIn(flags []bool, from, to int) bool {
	for i := max(0, from); i <= to && i < len(flags); i++ {
		if flags[i] {
			return true
		}
	}
	return false
}
