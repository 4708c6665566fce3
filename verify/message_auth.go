package verify

import (
	"fmt"
	"strings"

	"github.com/emersion/go-message/mail"
	"github.com/emersion/go-msgauth/authres"
)

// authentication reads the topmost Authentication-Results header of a
// trusted server and applies its DMARC result to an official From domain.
func (c *Checker) authentication(rep *Report, h mail.Header, sender *mail.Address) {
	domain := addressDomain(sender.Address)
	if rep.Status != Official {
		// Authentication only matters to a From that is official: a
		// phisher's own domain passes DMARC as easily as any other.
		return
	}
	trusted, passed := false, false
	for _, raw := range h.Values("Authentication-Results") {
		id, results, err := authres.Parse(stripComments(raw))
		if id == "" || !c.opts.trustedAuthIDs[strings.ToLower(id)] {
			continue
		}
		trusted = true
		if err != nil {
			// What follows the error is lost: it never counts as a pass.
			rep.Reasons = append(rep.Reasons, Reason{CodeInvalidHeader, fmt.Sprintf("the Authentication-Results of %s does not parse: %v", id, err)})
		}
		for _, res := range results {
			d, ok := res.(*authres.DMARCResult)
			if !ok || d.From != "" && !strings.EqualFold(strings.Trim(d.From, `"`), domain) {
				continue
			}
			switch {
			case d.Value == authres.ResultPass && d.From != "":
				if rep.Status == Official {
					passed = true
					rep.Reasons = append(rep.Reasons, Reason{CodeDMARCPass, fmt.Sprintf("%s reports DMARC pass for %s", id, domain)})
				}
			case d.Value == authres.ResultPass:
				// A pass that does not name the From domain proves
				// nothing about it.
			default:
				if rep.Status == Official {
					rep.Status = Suspicious
					rep.Reasons = append(rep.Reasons, Reason{CodeDMARCFail, fmt.Sprintf("%s reports DMARC %s for %s: the official From address is spoofed", id, d.Value, domain)})
				}
			}
		}
		break // the topmost trusted header is the receiving server's own
	}
	if !passed && rep.Status == Official {
		// Anyone can write an official address in a From header: without
		// a trusted DMARC pass the message is not proven official.
		why := "no trusted Authentication-Results"
		if trusted {
			why = "the trusted Authentication-Results has no DMARC result for " + domain
		}
		rep.Status = Unknown
		rep.Reasons = append(rep.Reasons, Reason{CodeUnauthenticated, why + ": " + domain + " is what the From header claims, not proven"})
	}
}

// stripComments removes RFC 5322 comments, "(...)" with nesting and quoted
// pairs, outside quoted strings. go-msgauth/authres v0.7.0 splits the header
// on every ';', so a comment such as "(sender SPF authorized; good)" would
// end its parsing there and drop every result after it, a dmarc=fail
// included.
func stripComments(s string) string {
	var b strings.Builder
	depth, quoted := 0, false
	for i := 0; i < len(s); i++ {
		ch := s[i]
		switch {
		case ch == '\\' && (quoted || depth > 0) && i+1 < len(s):
			if depth == 0 {
				b.WriteByte(ch)
				b.WriteByte(s[i+1])
			}
			i++
		case quoted:
			b.WriteByte(ch)
			quoted = ch != '"'
		case ch == '(':
			depth++
		case ch == ')' && depth > 0:
			depth--
			if depth == 0 {
				b.WriteByte(' ')
			}
		case depth > 0:
		default:
			b.WriteByte(ch)
			quoted = ch == '"'
		}
	}
	return b.String()
}

// replyPaths checks where replies and bounces go.
func (c *Checker) replyPaths(rep *Report, h mail.Header, official bool) {
	senderOrg := rep.Organization
	if raw := h.Get("Reply-To"); raw != "" {
		addrs, err := mail.ParseAddressList(raw)
		if err != nil {
			rep.worsen(Verdict{Status: Invalid}, Reason{CodeInvalidHeader, "the Reply-To header does not parse: " + errText(err)})
		}
		for _, a := range addrs {
			v := c.Host(addressDomain(a.Address))
			switch {
			case v.Status == Lookalike:
				rep.worsen(v, append([]Reason{{CodeReplyTo, "replies go to " + a.Address + ", a lookalike"}}, v.Reasons...)...)
			case official && !officialFor(v, senderOrg):
				rep.worsen(Verdict{Status: Suspicious}, Reason{CodeReplyTo, fmt.Sprintf("replies go to %s, outside %s", a.Address, senderOrg.Name)})
			}
		}
	}
	// Return-Path is not parsed as an address; it reaches details as text.
	if raw := strings.ToValidUTF8(strings.Trim(strings.TrimSpace(h.Get("Return-Path")), "<>"), "\uFFFD"); raw != "" {
		v := c.Host(addressDomain(raw))
		switch {
		case v.Status == Lookalike:
			rep.worsen(v, append([]Reason{{CodeReturnPath, "bounces go to " + raw + ", a lookalike"}}, v.Reasons...)...)
		case official && !officialFor(v, senderOrg):
			// Mailing services commonly own the bounce domain of
			// official mail: noted, not held against it.
			rep.Reasons = append(rep.Reasons, Reason{CodeReturnPath, fmt.Sprintf("bounces go to %s, outside %s", raw, senderOrg.Name)})
		}
	}
}

func addressDomain(addr string) string {
	return strings.ToLower(addr[strings.LastIndexByte(addr, '@')+1:])
}
