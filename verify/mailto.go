package verify

import (
	"fmt"
	"strings"

	"github.com/vigie-sante/vigie/domains"
	"github.com/vigie-sante/vigie/internal/inputkind"
	"github.com/vigie-sante/vigie/verify/internal/textlinks"
	"github.com/vigie-sante/vigie/verify/internal/whatwg"
)

// maxRecipients bounds the addresses of one mailto: link that are judged:
// a link writing to more is Suspicious (too-many-links), the rest unread.
const maxRecipients = 32

// textLinkURL is the URL a link found in text stands for: an address
// written in the text is a mailto: link, which a reader follows by
// writing to it.
func textLinkURL(l textlinks.Link) string {
	if l.Address {
		return "mailto:" + l.Text
	}
	return l.Text
}

// mailtoRecipients returns the addresses a mailto: link writes to (RFC
// 6068), in every reading a mail client may make of it, and whether its
// encoding could be read to the end. The addresses are those before '?'
// and in its to, cc and bcc fields; a '#' ends nothing, as RFC 6068 gives
// mailto: no fragment and Thunderbird reads past it. Each field is read
// percent-decoded once and until nothing changes (Thunderbird decodes an
// address before '?' twice), each with its RFC 2047 encoded words decoded
// (Thunderbird decodes them in to, cc and bcc), and only then split at ','
// or ';': "x@ameli.fr%2Cy@ameli-aide.com" writes to both. It returns nil
// and true for another scheme.
func mailtoRecipients(link string) (addrs []string, read bool) {
	scheme, rest, _ := strings.Cut(inputkind.TrimLeftC0OrSpace(link), ":")
	if !strings.EqualFold(removeTabNewline(scheme), "mailto") {
		return nil, true
	}
	to, query, _ := strings.Cut(removeTabNewline(rest), "?")
	fields := []string{to}
	for _, field := range strings.Split(query, "&") {
		name, value, _ := strings.Cut(field, "=")
		name, _ = fullyDecoded(name)
		switch strings.ToLower(name) {
		case "to", "cc", "bcc":
			fields = append(fields, value)
		}
	}
	read = true
	seen := make(map[string]bool)
	for _, f := range fields {
		full, ok := fullyDecoded(f)
		read = read && ok
		once := whatwg.PercentDecode(f)
		for _, reading := range []string{once, full, decodeHeader(once), decodeHeader(full)} {
			for _, a := range strings.FieldsFunc(reading, func(r rune) bool { return r == ',' || r == ';' }) {
				if a = strings.Trim(a, " <>"); a != "" && !seen[a] {
					seen[a] = true
					addrs = append(addrs, a)
				}
			}
		}
	}
	return addrs, read
}

// officialRecipients reports whether every address a mailto: link writes
// to is on an official domain, as a Reply-To must be: a proven sender
// asking for documents at another address is not vouched for. Other
// siteless links (tel:, sms:, cid:) write to no one.
func (c *Checker) officialRecipients(link string) bool {
	addrs, read := mailtoRecipients(link)
	if !read {
		return false
	}
	for _, a := range addrs {
		if !c.officialAddress(a, nil) {
			return false
		}
	}
	return true
}

// recipientsOfficialFor reports whether a mailto: link writes to someone,
// and only to addresses official for org or an organisation affiliated
// with it.
func (c *Checker) recipientsOfficialFor(link string, org *domains.Organization) bool {
	addrs, read := mailtoRecipients(link)
	if !read {
		return false
	}
	for _, a := range addrs {
		if !c.officialAddress(a, org) {
			return false
		}
	}
	return len(addrs) > 0
}

// officialAddress reports whether a is one address, one '@' in it, on a
// domain official (for org, when not nil) as a sender's domain is judged.
func (c *Checker) officialAddress(a string, org *domains.Organization) bool {
	local, domain, ok := strings.Cut(a, "@")
	if !ok || local == "" || strings.Contains(domain, "@") {
		return false
	}
	v := c.mailDomain(a)
	return v.Status == Official && (org == nil || officialFor(v, org))
}

// judgeRecipients worsens v, the verdict of a mailto: link, to the worst
// of its recipients as senders ([Checker.Sender]): an address on a
// lookalike domain, or one whose local part names an organisation it is
// not on, is what the link leads to. A recipient that is no address is
// judged by what follows each '@' in it. Official and unknown recipients
// leave v as it is: a mailto: link has no site to visit, and a message
// judges its recipients itself (officialRecipients).
func (c *Checker) judgeRecipients(v *Verdict, link string) {
	addrs, read := mailtoRecipients(link)
	if !read {
		v.Status = Invalid
		v.Reasons = append(v.Reasons, Reason{CodeInvalidURL, fmt.Sprintf("the mailto: link is still percent-encoded after %d decodings: where it writes is not certain", maxDecodeRounds)})
	}
	if len(addrs) > maxRecipients {
		v.Status = Suspicious
		v.Reasons = append(v.Reasons, Reason{CodeTooManyLinks, fmt.Sprintf("the mailto: link writes to %d addresses, more than the %d checked: the rest were not", len(addrs), maxRecipients)})
		addrs = addrs[:maxRecipients]
	}
	worst, who := Verdict{Status: Unknown}, ""
	for _, a := range addrs {
		r := c.Sender(a)
		if r.Status == Invalid {
			r = Verdict{}
			for _, domain := range strings.Split(a, "@")[1:] {
				if h := c.Host(domain); h.Status.Worse(r.Status) {
					r = h
				}
			}
		}
		if (r.Status == Lookalike || r.Status == Suspicious) && r.Status.Worse(worst.Status) {
			worst, who = r, a
		}
	}
	if who == "" || !worst.Status.Worse(v.Status) {
		return
	}
	v.Status, v.Host, v.Organization, v.Target = worst.Status, worst.Host, worst.Organization, worst.Target
	reasons := make([]Reason, 0, len(worst.Reasons)+len(v.Reasons))
	for _, r := range worst.Reasons {
		reasons = append(reasons, Reason{r.Code, "recipient " + truncate(who, 120) + ": " + r.Detail})
	}
	v.Reasons = append(reasons, v.Reasons...)
}
