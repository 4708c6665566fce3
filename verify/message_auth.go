package verify

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/emersion/go-message/mail"

	"github.com/vigie-sante/vigie/domains"
	"github.com/vigie-sante/vigie/verify/internal/authres"
)

// authentication applies the DMARC results of the receiving side's
// Authentication-Results ([Checker.officialResults]) to an official From
// domain: a pass for that domain proves it, any other result for it is a
// spoof, and a failure wins over a pass.
func (c *Checker) authentication(rep *Report, h mail.Header, sender *mail.Address) {
	domain := addressDomain(sender.Address)
	if rep.Status != Official {
		// Authentication only matters to a From that is official: a
		// phisher's own domain passes DMARC as easily as any other.
		return
	}
	fields := c.officialResults(h)
	var pass, fail string // the first authserv-id reporting each
	// nothing is the first trusted field that says no authentication was
	// performed ("id; none"): a pass in another field of the same block
	// contradicts it, and only a sender can have written that one.
	var nothing string
	for _, raw := range fields {
		res, err := authres.Parse(raw)
		id := res.AuthServID
		if err == nil && len(res.Results) == 0 && nothing == "" {
			nothing = id
		}
		if err != nil {
			// What follows the error is lost: a pass in this field never
			// counts, and a failure written anywhere in it does, so
			// that an unbalanced "(" or '"' cannot hide it.
			rep.Reasons = append(rep.Reasons, Reason{CodeInvalidHeader, fmt.Sprintf("the Authentication-Results of %s does not parse: %v", id, err)})
			for _, v := range authres.Written(raw, "dmarc") {
				if v != "pass" && fail == "" {
					fail = id + " (in a field that does not parse) reports DMARC " + v
				}
			}
		}
		dmarc := false // the field has a DMARC result
		for _, r := range res.Results {
			dmarc = dmarc || r.Method == "dmarc"
			from, named := r.Property("header", "from")
			if r.Method != "dmarc" || named && !strings.EqualFold(strings.TrimSuffix(from, "."), domain) {
				continue
			}
			switch {
			case r.Value != "pass":
				if fail == "" {
					fail = id + " reports DMARC " + r.Value
				}
			case named && err == nil && pass == "":
				// A pass that does not name the From domain proves
				// nothing about it.
				pass = id
			}
		}
		if err == nil && !dmarc {
			// A DMARC failure written only inside a quoted string or a
			// comment: the sender's text (a quote in its MAIL FROM
			// closed by one in its HELO) may have swallowed the
			// server's result.
			for _, v := range authres.Written(raw, "dmarc") {
				if v != "pass" && fail == "" {
					fail = id + " writes DMARC " + v + " inside a quoted string or comment"
				}
			}
		}
	}
	switch {
	case fail != "":
		rep.Status = Suspicious
		rep.Reasons = append(rep.Reasons, Reason{CodeDMARCFail, fmt.Sprintf("%s for %s: the official From address is spoofed", fail, domain)})
	case pass != "" && nothing == "":
		rep.Reasons = append(rep.Reasons, Reason{CodeDMARCPass, fmt.Sprintf("%s reports DMARC pass for %s", pass, domain)})
	case pass != "":
		rep.Status = Unknown
		rep.Reasons = append(rep.Reasons, Reason{CodeUnauthenticated, fmt.Sprintf(
			"%s reports no authentication performed, yet a field of the same block reports DMARC pass for %s: the pass is not trusted", nothing, domain)})
	default:
		// Anyone can write an official address in a From header: without
		// a trusted DMARC pass the message is not proven official.
		why := "no trusted Authentication-Results written by the receiving side"
		if len(fields) > 0 {
			why = "the trusted Authentication-Results has no DMARC pass for " + domain
		}
		rep.Status = Unknown
		rep.Reasons = append(rep.Reasons, Reason{CodeUnauthenticated, why + ": " + domain + " is what the From header claims, not proven"})
	}
}

// officialResults returns the Authentication-Results fields the receiving
// side wrote: the topmost contiguous block of fields from a trusted
// authserv-id, above the first Received field that the trusted side did
// not add (RFC 8601, sections 5 and 7.1); a Received field, or a field of
// another authserv-id, ends the block. The trusted side's Received
// fields are those whose "by" host is a trusted authserv-id or under one;
// above the first of them may sit its internal hops, written by hosts
// with other names or none (Gmail's "by 2002:a05:..."), which are its own
// too. Without any trusted Received field, only the fields above every
// Received field count. Fields further down were in the message when it
// arrived: anyone can write them, the trusted ID included, and only the
// receiving MTA removing them (see the README) protects a message sent
// straight to it.
func (c *Checker) officialResults(h mail.Header) []string {
	var out []string
	inBlock, sawTrusted := false, false
	aboveUntrusted := -1 // fields found above the first untrusted Received
	for f := h.Fields(); f.Next(); {
		switch f.Key() {
		case "Received":
			switch {
			case len(out) > 0:
				// The receiving side writes its results beside its
				// own Received field: one below them is an older hop,
				// whatever host it names ("by mx.example.org" is
				// anyone's to write), and so are the fields under it.
				return out
			case c.trustedHost(receivedBy(f.Value())):
				sawTrusted = true
			case sawTrusted:
				return out
			case aboveUntrusted < 0:
				aboveUntrusted = len(out)
			}
		case "Authentication-Results":
			res, _ := authres.Parse(f.Value())
			switch {
			case c.opts.trustedAuthIDs[strings.ToLower(res.AuthServID)]:
				if len(out) > 0 && !inBlock {
					return out // a second block: not contiguous
				}
				out, inBlock = append(out, f.Value()), true
			case inBlock:
				inBlock = false
			}
		}
	}
	if !sawTrusted && aboveUntrusted >= 0 {
		return out[:aboveUntrusted]
	}
	return out
}

// trustedHost reports whether a Received field's "by" host is a trusted
// authserv-id or under one.
func (c *Checker) trustedHost(host string) bool {
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	for host != "" {
		if c.opts.trustedAuthIDs[host] {
			return true
		}
		_, host, _ = strings.Cut(host, ".")
	}
	return false
}

// receivedBy returns the host of a Received field's "by" clause (RFC 5321,
// section 4.4), comments skipped: "from a (b by c) by mx.example.org with
// ESMTP" gives mx.example.org.
func receivedBy(v string) string {
	words := strings.Fields(stripComments(v))
	for i := 0; i+1 < len(words); i++ {
		if strings.EqualFold(words[i], "by") {
			return strings.TrimRight(words[i+1], ";")
		}
	}
	return ""
}

// stripComments removes RFC 5322 comments, "(...)" with nesting and quoted
// pairs, outside quoted strings.
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
	for _, key := range replyFields {
		c.replyField(rep, h, key, official, senderOrg)
	}
	// Return-Path is not parsed as an address; it reaches details as
	// text. Each one is read: a forged one may stand before the one the
	// delivering server wrote.
	for _, raw := range h.Values("Return-Path") {
		c.returnPath(rep, raw, official, senderOrg)
	}
}

// replyFields are the fields a reply is addressed to: Reply-To, and
// Mail-Reply-To and Mail-Followup-To, which Thunderbird, mutt, nmh and
// Gnus put before it ("Reply" and "Reply All"; D. J. Bernstein's
// proposal, cr.yp.to/proto/replyto.html).
var replyFields = []string{"Reply-To", "Mail-Reply-To", "Mail-Followup-To"}

// replyField judges the addresses of one reply field.
func (c *Checker) replyField(rep *Report, h mail.Header, key string, official bool, senderOrg *domains.Organization) {
	replyTo := h.Values(key)
	if len(replyTo) > 1 {
		// Mail readers do not agree on which copy they reply to: each
		// is judged, and the ambiguity itself is damage.
		rep.worsen(Verdict{Status: Invalid}, Reason{CodeInvalidHeader, fmt.Sprintf("the message has %d %s headers", len(replyTo), key)})
	}
	for _, raw := range replyTo {
		if raw == "" {
			continue
		}
		addrs, err := mail.ParseAddressList(raw)
		if err != nil {
			rep.worsen(Verdict{Status: Invalid}, Reason{CodeInvalidHeader, "the " + key + " header does not parse: " + errText(err)})
			if !utf8.ValidString(raw) {
				// A stray byte must not hide where replies go: read
				// again with the bytes that are not UTF-8 dropped.
				addrs, _ = mail.ParseAddressList(strings.ToValidUTF8(raw, ""))
			}
		}
		for _, a := range addrs {
			v := c.mailDomain(a.Address)
			switch {
			case v.Status == Lookalike:
				rep.worsen(v, append([]Reason{{CodeReplyTo, "replies go to " + a.Address + ", a lookalike"}}, v.Reasons...)...)
			case official && !officialFor(v, senderOrg):
				rep.worsen(Verdict{Status: Suspicious}, Reason{CodeReplyTo, fmt.Sprintf("replies go to %s, outside %s", a.Address, senderOrg.Name)})
			}
		}
	}
}

// returnPath judges one Return-Path header.
func (c *Checker) returnPath(rep *Report, raw string, official bool, senderOrg *domains.Organization) {
	if raw = strings.ToValidUTF8(strings.Trim(strings.TrimSpace(raw), "<>"), "\uFFFD"); raw != "" {
		v := c.mailDomain(raw)
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

// mailDomain judges the domain of an address as a sender's is judged
// (senderHost): written as registered, percent-encoding refused.
func (c *Checker) mailDomain(addr string) Verdict {
	return c.senderHost(mailDomainHost(addr[strings.LastIndexByte(addr, '@')+1:]))
}

// addressDomain is the domain of an address, lowercased, as
// Authentication-Results name it.
func addressDomain(addr string) string {
	return strings.ToLower(addr[strings.LastIndexByte(addr, '@')+1:])
}
